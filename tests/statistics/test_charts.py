"""The SVG charts: well-formed, labelled for assistive technology, points where the data puts them,
colours that meet contrast, and text escaped. No database, no Django."""

from __future__ import annotations

import ast
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

import pytest

from bryggan.statistics import charts
from bryggan.statistics.charts import (
    PALETTE,
    LineSeries,
    ScatterPoint,
    line_chart,
    nice_ticks,
    scatter_plot,
)

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - our own output, not untrusted input


def fagersta_chart() -> ET.Element:
    return parse(
        line_chart(
            chart_id="chart-long",
            title="Långvarigt bistånd, Fagersta och riket",
            description="Fagersta 2011: 10,4; 2012: 17,3.",
            series=(
                LineSeries("Fagersta", ((2011, Decimal("10.4")), (2012, Decimal("17.3")))),
                LineSeries("Riket", ((2011, Decimal("31.7")), (2012, Decimal("34.3")))),
            ),
            y_label="% av vuxna biståndsmottagare",
        )
    )


def grid_positions(root: ET.Element, cls: str = "grid") -> dict[float, float]:
    """Tick value → pixel, from the grid lines the chart draws (y for horizontal lines)."""
    return {
        float(line.get("data-value", "")): float(line.get("y1", ""))
        for line in root.iter(f"{SVG}line")
        if line.get("class") == cls
    }


def interpolate(ticks: dict[float, float], value: float) -> float:
    (v0, p0), (v1, p1) = sorted(ticks.items())[:2]
    return p0 + (value - v0) * (p1 - p0) / (v1 - v0)


def points(root: ET.Element) -> list[ET.Element]:
    return [e for e in root.iter() if (e.get("class") or "").startswith("point")]


def test_the_line_chart_is_well_formed_svg_labelled_by_its_title_and_description() -> None:
    root = fagersta_chart()
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "chart-long-title"
    assert root.get("aria-describedby") == "chart-long-desc"
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert title is not None
    assert desc is not None
    assert title.get("id") == "chart-long-title"
    assert title.text == "Långvarigt bistånd, Fagersta och riket"
    assert desc.get("id") == "chart-long-desc"


def test_each_line_point_lies_at_its_value_on_the_y_axis_and_its_year_on_the_x_axis() -> None:
    root = fagersta_chart()
    ticks = grid_positions(root)
    years = {
        int(text.get("data-year", "")): float(text.get("x", ""))
        for text in root.iter(f"{SVG}text")
        if text.get("data-year")
    }
    drawn = points(root)
    assert len(drawn) == 4
    for point in drawn:
        value = float(point.get("data-y", ""))
        if point.tag == f"{SVG}circle":
            cx, cy = float(point.get("cx", "")), float(point.get("cy", ""))
        else:  # the second series' square marker, 10 × 10 around the point
            cx, cy = float(point.get("x", "")) + 5, float(point.get("y", "")) + 5
        assert cy == pytest.approx(interpolate(ticks, value), abs=0.01)
        assert cx == pytest.approx(years[int(point.get("data-x", ""))], abs=0.01)


def test_the_line_chart_y_axis_starts_at_zero_and_reaches_above_the_highest_value() -> None:
    ticks = sorted(grid_positions(fagersta_chart()))
    assert ticks[0] == 0
    assert ticks[-1] >= 34.3


def test_a_higher_value_is_drawn_higher_up() -> None:
    root = fagersta_chart()
    by_value = sorted(
        (float(c.get("data-y", "")), float(c.get("cy", ""))) for c in root.iter(f"{SVG}circle")
    )
    assert by_value[0][1] > by_value[1][1]  # 10.4 below 17.3: SVG's y grows downwards


def test_the_whole_country_is_drawn_dashed_with_square_markers_not_by_colour_alone() -> None:
    root = fagersta_chart()
    lines = list(root.iter(f"{SVG}polyline"))
    assert lines[0].get("stroke-dasharray") is None
    assert lines[1].get("stroke-dasharray") == "6 4"
    assert {p.tag for p in points(root) if p.get("data-series") == "1"} == {f"{SVG}rect"}


def test_a_missing_value_breaks_the_line_and_draws_no_point() -> None:
    root = parse(
        line_chart(
            chart_id="c",
            title="t",
            description="d",
            series=(LineSeries("A", ((2010, 1), (2011, None), (2012, 3))),),
            y_label="y",
        )
    )
    assert len(points(root)) == 2
    assert list(root.iter(f"{SVG}polyline")) == []


def scatter() -> ET.Element:
    return parse(
        scatter_plot(
            chart_id="chart-expected",
            title="Långvarigt bistånd 2012: faktiskt mot förväntat",
            description="Fagersta är markerad.",
            points=[
                ScatterPoint("1982", "Fagersta", Decimal("19.57"), Decimal("17.3"), True),
                ScatterPoint("2583", "Haparanda", Decimal("18.55"), Decimal("17.0")),
                ScatterPoint("1293", "Hässleholm", Decimal("34.74"), Decimal("33.9")),
            ],
            x_label="Förväntat",
            y_label="Faktiskt",
            diagonal_label="faktiskt = förväntat",
        )
    )


def test_scatter_points_lie_at_expected_across_and_actual_up() -> None:
    root = scatter()
    across = {
        float(line.get("data-value", "")): float(line.get("x1", ""))
        for line in root.iter(f"{SVG}line")
        if line.get("class") == "grid vertical"
    }
    up = grid_positions(root)
    for point in points(root):
        if point.tag != f"{SVG}circle":
            continue
        assert float(point.get("cx", "")) == pytest.approx(
            interpolate(across, float(point.get("data-x", ""))), abs=0.01
        )
        assert float(point.get("cy", "")) == pytest.approx(
            interpolate(up, float(point.get("data-y", ""))), abs=0.01
        )


def test_the_scatter_has_equal_scales_so_the_diagonal_is_actual_equal_to_expected() -> None:
    root = scatter()
    diagonal = next(e for e in root.iter(f"{SVG}line") if e.get("class") == "diagonal")
    width = float(diagonal.get("x2", "")) - float(diagonal.get("x1", ""))
    height = float(diagonal.get("y1", "")) - float(diagonal.get("y2", ""))
    assert width == pytest.approx(height)


def test_the_highlighted_municipality_is_larger_outlined_and_named_in_the_chart() -> None:
    root = scatter()
    circles = {c.get("data-key"): c for c in root.iter(f"{SVG}circle")}
    chosen, other = circles["1982"], circles["2583"]
    assert "highlighted" in (chosen.get("class") or "")
    assert float(chosen.get("r", "")) > float(other.get("r", ""))
    assert chosen.get("stroke") is not None
    assert chosen.get("fill") != other.get("fill")
    labels = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "point-label"]
    assert labels == ["Fagersta"]


def test_every_point_names_its_municipality_and_numbers_in_a_tooltip() -> None:
    titles = [c.find(f"{SVG}title") for c in scatter().iter(f"{SVG}circle")]
    assert sorted(t.text for t in titles if t is not None) == [
        "Fagersta: 17.3 (19.57)",
        "Haparanda: 17 (18.55)",
        "Hässleholm: 33.9 (34.74)",
    ]


def test_text_is_escaped_so_the_chart_can_go_into_a_page_as_it_is() -> None:
    svg = line_chart(
        chart_id="c",
        title="<script>alert(1)</script> & co",
        description='"quoted"',
        series=(LineSeries("A<b>", ((2012, 1),)),),
        y_label="y",
    )
    assert "<script>" not in svg
    title = parse(svg).find(f"{SVG}title")
    assert title is not None
    assert title.text == "<script>alert(1)</script> & co"
    assert svg.__html__() == str(svg)


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("colour", PALETTE)
def test_every_chart_colour_meets_text_contrast_on_white(colour: str) -> None:
    assert contrast(colour, "#ffffff") >= 4.5  # WCAG 1.4.3 (text), above 1.4.11's 3:1


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [
        (0, 34.3, [0, 10, 20, 30, 40]),
        (17.0, 34.74, [15, 20, 25, 30, 35]),
        (0, 1122, [0, 250, 500, 750, 1000, 1250]),
        (0, 5, [0, 1, 2, 3, 4, 5]),
    ],
)
def test_ticks_are_round_numbers_covering_the_data(
    low: float, high: float, expected: list[float]
) -> None:
    assert nice_ticks(low, high) == expected


def test_the_charts_module_imports_nothing_from_django() -> None:
    source = Path(charts.__file__).read_text(encoding="utf-8")
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            assert not (node.module or "").startswith("django")
        elif isinstance(node, ast.Import):
            assert not any(alias.name.startswith("django") for alias in node.names)
