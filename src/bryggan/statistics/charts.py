"""Server-rendered SVG charts: a line chart over years and a scatter plot of actual versus expected.

No JavaScript and no request to anywhere: each chart is one `<svg>` string, drawn here, that the
page shows beside a table of the same numbers (the table is the accessible form of the chart; the
chart gives the shape). Each `<svg>` has `role="img"` and is labelled by its own `<title>` and
`<desc>` (WAI-ARIA Graphics; WCAG 2.2 success criterion 1.1.1). Lines and points differ in colour
*and* in dash or marker shape (1.4.1, use of colour); every colour has a contrast of at least 3:1
against white for graphics and 4.5:1 for text (1.4.11 and 1.4.3).

Every text is escaped here, so the returned `Svg` can be put into a page as it is. Numbers are
written by the caller's `number_format`, so a Swedish page shows a decimal comma. No Django.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from html import escape
from typing import Final

INK: Final = "#1b1f23"  # text and axes
MUTED: Final = "#4b5563"  # secondary text, the whole country's line
GRID: Final = "#d0d7de"  # grid lines: decoration only, the tick labels carry the values
SERIES_COLOURS: Final = ("#0b4f8a", MUTED)  # the municipality, then the whole country
POINT: Final = "#0b4f8a"
HIGHLIGHT: Final = "#a04000"
# Colours a reader must tell apart from white: lines, markers, text.
PALETTE: Final = (INK, MUTED, *SERIES_COLOURS, POINT, HIGHLIGHT)

FONT: Final = 'font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif"'
MARGIN_LEFT: Final = 64
MARGIN_RIGHT: Final = 24
MARGIN_TOP: Final = 16
MARGIN_BOTTOM: Final = 56
TICK_COUNT: Final = 5

Number = Decimal | float | int
NumberFormat = Callable[[float], str]


class Svg(str):
    """An SVG document whose every text is already escaped: safe to put into HTML as it is."""

    __slots__ = ()

    def __html__(self) -> str:
        return str(self)


def _plain(value: float) -> str:
    return f"{value:g}"


def num(value: float) -> str:
    """A coordinate: two decimals, no needless zeros."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def esc(value: object) -> str:
    return escape(str(value), quote=True)


def nice_ticks(low: float, high: float, count: int = TICK_COUNT) -> list[float]:
    """Round tick values (1, 2, 2.5 or 5 × a power of ten apart) from at or below `low` to at or
    above `high`, about `count` of them."""
    if high < low:
        low, high = high, low
    if high == low:
        high = low + 1 if low == 0 else low + abs(low) / 2
    raw = (high - low) / max(count, 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    first = math.floor(low / step) * step
    ticks = []
    value = first
    while value < high - step * 1e-9:
        ticks.append(round(value, 10))
        value += step
    ticks.append(round(value, 10))
    return ticks


@dataclass(frozen=True, slots=True)
class Scale:
    """Linear map from a data domain to pixels (`pixel_low` may be greater than `pixel_high`)."""

    low: float
    high: float
    pixel_low: float
    pixel_high: float

    def __call__(self, value: Number) -> float:
        share = (float(value) - self.low) / (self.high - self.low)
        return self.pixel_low + share * (self.pixel_high - self.pixel_low)


def svg_open(chart_id: str, title: str, description: str, width: int, height: int) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{esc(chart_id)}" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        f'aria-labelledby="{esc(chart_id)}-title" aria-describedby="{esc(chart_id)}-desc" '
        f'{FONT} font-size="12">',
        f'<title id="{esc(chart_id)}-title">{esc(title)}</title>',
        f'<desc id="{esc(chart_id)}-desc">{esc(description)}</desc>',
    ]


def y_axis(
    scale: Scale, ticks: Sequence[float], left: float, right: float, fmt: NumberFormat
) -> list[str]:
    parts = []
    for tick in ticks:
        y = num(scale(tick))
        parts.append(
            f'<line class="grid" data-value="{tick:g}" x1="{num(left)}" x2="{num(right)}" '
            f'y1="{y}" y2="{y}" stroke="{GRID}" stroke-width="1"/>'
        )
        parts.append(
            f'<text class="tick" x="{num(left - 8)}" y="{y}" dy="0.32em" text-anchor="end" '
            f'fill="{INK}">{esc(fmt(tick))}</text>'
        )
    return parts


def _axis_label_y(label: str, top: float, bottom: float) -> str:
    middle = num((top + bottom) / 2)
    return (
        f'<text class="axis-label" x="14" y="{middle}" text-anchor="middle" fill="{INK}" '
        f'transform="rotate(-90 14 {middle})">{esc(label)}</text>'
    )


# --- line chart ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LineSeries:
    """One line: a name for the legend and (year, value) points; a missing value breaks the line."""

    name: str
    points: tuple[tuple[int, Number | None], ...]


def line_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    series: Sequence[LineSeries],
    y_label: str,
    number_format: NumberFormat = _plain,
    width: int = 480,
    height: int = 280,
    x_labels: Mapping[int, str] | None = None,
    x_tick_every: int = 1,
) -> Svg:
    """Lines over years, the y axis from zero (shares and costs are compared from nothing up).

    The first series is drawn solid with round markers, the second dashed with square markers.
    `x_labels` names other x values than years (the måltavla's months: 0, 1, … → `2026-11`), and
    `x_tick_every` writes only every n-th of them under the axis (the points' titles keep all).
    """
    if len(series) > len(SERIES_COLOURS):
        raise ValueError(f"at most {len(SERIES_COLOURS)} series")
    years = sorted({year for line in series for year, _ in line.points})
    values = [float(v) for line in series for _, v in line.points if v is not None]
    legend_height = 22
    top, bottom = MARGIN_TOP + legend_height, height - 36
    left, right = MARGIN_LEFT, width - MARGIN_RIGHT
    ticks = nice_ticks(min(0.0, *values) if values else 0.0, max(values) if values else 1.0)
    y = Scale(ticks[0], ticks[-1], bottom, top)
    first, last = (years[0], years[-1]) if years else (0, 1)
    x = Scale(first - 0.5, last + 0.5, left, right)
    parts = svg_open(chart_id, title, description, width, height)
    parts += y_axis(y, ticks, left, right, number_format)
    parts.append(
        f'<line class="axis" x1="{left}" x2="{right}" y1="{num(bottom)}" y2="{num(bottom)}" '
        f'stroke="{INK}" stroke-width="1"/>'
    )
    labels = x_labels or {}
    for position, year in enumerate(years):
        if position % max(x_tick_every, 1):
            continue
        parts.append(
            f'<text class="tick year" data-year="{year}" x="{num(x(year))}" y="{num(bottom + 18)}" '
            f'text-anchor="middle" fill="{INK}">{esc(labels.get(year, year))}</text>'
        )
    parts.append(_axis_label_y(y_label, top, bottom))
    for index, line in enumerate(series):
        colour = SERIES_COLOURS[index]
        dash = ' stroke-dasharray="6 4"' if index else ""
        legend_x = left + index * (width - left - MARGIN_RIGHT) / 2
        parts.append(
            f'<g class="legend"><line x1="{num(legend_x)}" x2="{num(legend_x + 24)}" '
            f'y1="{MARGIN_TOP + 4}" y2="{MARGIN_TOP + 4}" stroke="{colour}" '
            f'stroke-width="3"{dash}/>'
            f'<text x="{num(legend_x + 30)}" y="{MARGIN_TOP + 4}" dy="0.32em" fill="{INK}">'
            f"{esc(line.name)}</text></g>"
        )
        segment: list[str] = []
        segments = [segment]
        for year, value in sorted(line.points):
            if value is None:
                segment = []
                segments.append(segment)
            else:
                segment.append(f"{num(x(year))},{num(y(value))}")
        for run in segments:
            if len(run) > 1:
                parts.append(
                    f'<polyline class="line" points="{" ".join(run)}" fill="none" '
                    f'stroke="{colour}" stroke-width="2.5"{dash}/>'
                )
        for year, value in line.points:
            if value is None:
                continue
            cx, cy = num(x(year)), num(y(value))
            label = f"{line.name} {labels.get(year, year)}: {number_format(float(value))}"
            common = (
                f'class="point" data-series="{index}" data-x="{year}" data-y="{value}" '
                f'fill="{colour}" stroke="#fff" stroke-width="1.5"'
            )
            if index:
                parts.append(
                    f'<rect {common} x="{num(float(cx) - 5)}" y="{num(float(cy) - 5)}" width="10" '
                    f'height="10"><title>{esc(label)}</title></rect>'
                )
            else:
                parts.append(
                    f'<circle {common} cx="{cx}" cy="{cy}" r="5.5">'
                    f"<title>{esc(label)}</title></circle>"
                )
    parts.append("</svg>")
    return Svg("".join(parts))


# --- scatter plot --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ScatterPoint:
    """One municipality: `x` the expected value, `y` the actual value."""

    key: str
    label: str
    x: Number
    y: Number
    highlighted: bool = False


def scatter_plot(
    *,
    chart_id: str,
    title: str,
    description: str,
    points: Sequence[ScatterPoint],
    x_label: str,
    y_label: str,
    diagonal_label: str,
    below_label: str = "",
    number_format: NumberFormat = _plain,
    width: int = 480,
    height: int = 420,
) -> Svg:
    """Points on equal axes with the diagonal where actual equals expected; the highlighted point
    is larger, outlined, in another colour and named beside it."""
    values = [float(v) for p in points for v in (p.x, p.y)] or [0.0, 1.0]
    ticks = nice_ticks(min(values), max(values))
    top, bottom = MARGIN_TOP, height - MARGIN_BOTTOM
    left, right = MARGIN_LEFT, width - MARGIN_RIGHT
    side = min(bottom - top, right - left)  # equal scales, so the diagonal is at 45 degrees
    right = left + side
    bottom = top + side
    x = Scale(ticks[0], ticks[-1], left, right)
    y = Scale(ticks[0], ticks[-1], bottom, top)
    parts = svg_open(chart_id, title, description, width, height)
    parts += y_axis(y, ticks, left, right, number_format)
    for tick in ticks:
        px = num(x(tick))
        parts.append(
            f'<line class="grid vertical" data-value="{tick:g}" x1="{px}" x2="{px}" '
            f'y1="{num(top)}" y2="{num(bottom)}" stroke="{GRID}" stroke-width="1"/>'
        )
        parts.append(
            f'<text class="tick x" data-value="{tick:g}" x="{px}" y="{num(bottom + 18)}" '
            f'text-anchor="middle" fill="{INK}">{esc(number_format(tick))}</text>'
        )
    parts.append(
        f'<text class="axis-label" x="{num((left + right) / 2)}" y="{num(bottom + 40)}" '
        f'text-anchor="middle" fill="{INK}">{esc(x_label)}</text>'
    )
    parts.append(_axis_label_y(y_label, top, bottom))
    parts.append(
        f'<line class="diagonal" x1="{num(x(ticks[0]))}" y1="{num(y(ticks[0]))}" '
        f'x2="{num(x(ticks[-1]))}" y2="{num(y(ticks[-1]))}" stroke="{MUTED}" stroke-width="1.5" '
        f'stroke-dasharray="6 4"/>'
    )
    # The diagonal's name along it, near its upper end; what lies below it, in that corner.
    along = ticks[0] + 0.8 * (ticks[-1] - ticks[0])
    lx, ly = num(x(along)), num(y(along))
    parts.append(
        f'<text class="diagonal-label" x="{lx}" y="{ly}" dy="-6" text-anchor="middle" '
        f'transform="rotate(-45 {lx} {ly})" fill="{MUTED}">{esc(diagonal_label)}</text>'
    )
    if below_label:
        parts.append(
            f'<text class="below-label" x="{num(right - 6)}" y="{num(bottom - 8)}" '
            f'text-anchor="end" fill="{MUTED}">{esc(below_label)}</text>'
        )
    # The highlighted point last, so that it is drawn on top.
    for point in sorted(points, key=lambda p: p.highlighted):
        cx, cy = num(x(point.x)), num(y(point.y))
        label = f"{point.label}: {number_format(float(point.y))} ({number_format(float(point.x))})"
        colour = HIGHLIGHT if point.highlighted else POINT
        radius, ring = (
            ("8", f' stroke="{INK}" stroke-width="2"') if point.highlighted else ("5", "")
        )
        parts.append(
            f'<circle class="point{" highlighted" if point.highlighted else ""}" '
            f'data-key="{esc(point.key)}" data-x="{point.x}" data-y="{point.y}" cx="{cx}" '
            f'cy="{cy}" r="{radius}" fill="{colour}"{ring}><title>{esc(label)}</title></circle>'
        )
        if point.highlighted:
            anchor = "end" if float(cx) > (left + right) / 2 else "start"
            dx = -12 if anchor == "end" else 12
            parts.append(
                f'<text class="point-label" x="{num(float(cx) + dx)}" y="{cy}" dy="0.32em" '
                f'text-anchor="{anchor}" font-weight="700" fill="{INK}">'
                f"{esc(point.label)}</text>"
            )
    parts.append("</svg>")
    return Svg("".join(parts))
