"""The analysts' pages on the shipped seed table (Table 1 of SKL's *Att bryta mönster*, 2013).

The colours are checked by hand against the contract's rule (contracts/benchmark.md): with six
municipalities `floor(6 / 4) = 1`, so in each column the lowest value is green, the highest red and
the rest yellow. Long-term assistance 2012: Haparanda 17.0, Fagersta 17.3, Klippan 22.8,
Haninge 29.7, Huddinge 31.8, Hässleholm 33.9.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.test import Client

from bryggan.statistics.benchmarking import benchmark
from bryggan.statistics.kolada import Kind, seed_table1

pytestmark = pytest.mark.django_db

TABLE = "/statistik/"
EXPECTED = "/statistik/forvantat/"


def municipality(code: str) -> str:
    return f"/statistik/kommun/{code}/"


@pytest.fixture
def analyst(client_as: Callable[..., Client]) -> Client:
    return client_as("analyst")


def page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def row(html: str, code: str) -> str:
    match = re.search(rf'<tr[^>]*data-municipality="{code}".*?</tr>', html, re.DOTALL)
    assert match is not None, f"no row for {code}"
    return match.group(0)


def cell(html: str, code: str, measure: str) -> tuple[str, str]:
    """The class and the visible text of one cell of the indicator table."""
    match = re.search(
        rf'<td class="([^"]*)" data-measure="{measure}">(.*?)</td>', row(html, code), re.DOTALL
    )
    assert match is not None, f"no cell {code} {measure}"
    return match.group(1), text(match.group(2))


def text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def cells(html: str) -> list[str]:
    return [text(c) for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", html, re.DOTALL)]


# --- the indicator table -------------------------------------------------------------------------


def test_the_lowest_long_term_share_of_2012_is_green_with_the_colour_in_words(
    analyst: Client,
) -> None:
    html = page(analyst, f"{TABLE}?year=2012&measures=results")
    assert cell(html, "2583", "long_term_pct") == ("num colour-green", "17,0 grön , rang 1 av 6")


def test_the_highest_is_red_and_the_middle_yellow(analyst: Client) -> None:
    html = page(analyst, f"{TABLE}?year=2012")
    assert cell(html, "1293", "long_term_pct") == ("num colour-red", "33,9 röd , rang 6 av 6")
    assert cell(html, "1982", "long_term_pct") == ("num colour-yellow", "17,3 gul , rang 2 av 6")


def test_the_year_is_chosen_in_the_query_string(analyst: Client) -> None:
    html = page(analyst, f"{TABLE}?year=2011")
    assert cell(html, "1982", "long_term_pct") == ("num colour-yellow", "10,4 gul , rang 2 av 6")
    assert cell(html, "2583", "long_term_pct")[0] == "num colour-green"  # 8.9, the lowest


def test_the_whole_country_comes_first_uncoloured(analyst: Client) -> None:
    html = page(analyst, TABLE)
    rows = re.findall(r'<tr[^>]*data-municipality="(\d{4})"', html)
    assert rows[0] == "0000"
    assert cell(html, "0000", "long_term_pct") == ("num", "34,3")
    assert "Riket" in row(html, "0000")


def test_municipalities_are_in_swedish_alphabetical_order_and_named_by_scb(
    analyst: Client,
) -> None:
    names = [
        text(name)
        for name in re.findall(r'<th scope="row"><a href="[^"]+">(.*?)</a>', page(analyst, TABLE))
    ]
    assert names == ["Fagersta", "Haninge", "Haparanda", "Huddinge", "Hässleholm", "Klippan"]


def test_every_result_cell_has_a_colour_and_says_it(analyst: Client) -> None:
    html = page(analyst, TABLE)
    for code in ("1982", "0136", "2583", "0126", "1293", "1276"):
        for measure in ("long_term_pct", "very_long_term_pct", "recipients_pct"):
            css, words = cell(html, code, measure)
            colour = css.removeprefix("num colour-")
            assert {"green": "grön", "yellow": "gul", "red": "röd"}[colour] in words


def test_background_measures_are_shown_without_colours(analyst: Client) -> None:
    html = page(analyst, f"{TABLE}?year=2012&measures=background")
    assert cell(html, "0136", "low_education_pct") == ("num", "14,6")
    assert "colour-" not in re.sub(r'<ul class="legend-list">.*?</ul>', "", html, flags=re.DOTALL)


def test_the_source_of_the_figures_is_named(analyst: Client) -> None:
    html = page(analyst, TABLE)
    assert "Sveriges Kommuner och Landsting (SKL)" in html
    assert "Att bryta mönster" in html
    assert "2013" in html


def test_a_year_not_in_the_data_is_refused_by_name_and_the_latest_shown(analyst: Client) -> None:
    html = page(analyst, f"{TABLE}?year=1999")
    assert 'id="id_year_error"' in html
    assert cell(html, "2583", "long_term_pct")[1].startswith("17,0")


def test_the_table_page_reads_no_more_than_the_session_and_the_user(
    analyst: Client, django_assert_max_num_queries: Callable[..., object]
) -> None:
    with django_assert_max_num_queries(2):  # type: ignore[attr-defined]
        analyst.get(TABLE)


# --- a municipality against the whole country ----------------------------------------------------


def test_a_municipality_page_has_a_chart_and_its_numbers_for_each_result_indicator(
    analyst: Client,
) -> None:
    html = page(analyst, municipality("1982"))
    assert "<h1>Fagersta</h1>" in html
    assert html.count('role="img"') == 5
    table = re.search(r'<table data-measure="long_term_pct">.*?</table>', html, re.DOTALL)
    assert table is not None
    numbers = cells(table.group(0))
    assert numbers[5:] == [
        "2011",
        "10,4",
        "gul",
        "31,7",
        "-21,3",
        "2012",
        "17,3",
        "gul",
        "34,3",
        "-17,0",
    ]


def test_the_line_chart_names_the_municipality_and_the_whole_country(analyst: Client) -> None:
    html = page(analyst, municipality("1982"))
    assert '<title id="chart-long_term_pct-title">' in html
    assert "Fagersta 2012: 17,3" in html
    assert "Riket 2012: 34,3" in html


@pytest.mark.parametrize(
    "code",
    [
        "9999",  # no such municipality
        "0114",  # Upplands Väsby: a municipality, but not in the seed table
        "0000",  # the whole country has no page of its own
        "fage",
    ],
)
def test_a_municipality_without_figures_is_not_found(analyst: Client, code: str) -> None:
    assert analyst.get(municipality(code)).status_code == 404


# --- actual against expected ---------------------------------------------------------------------


def engine_row(code: str, measure: str, year: int):  # type: ignore[no-untyped-def]
    comparisons = benchmark(
        seed_table1(Kind.INDICATOR), year=year, background=seed_table1(Kind.BACKGROUND)
    )
    return next(c for c in comparisons if c.municipality == code and c.measure == measure)


def test_the_scatter_highlights_the_chosen_municipality_with_the_engines_numbers(
    analyst: Client,
) -> None:
    html = page(analyst, f"{EXPECTED}?measure=long_term_pct&year=2012&municipality=1982")
    expected = engine_row("1982", "long_term_pct", 2012)
    fagersta = row(html, "1982")
    assert 'class="highlighted"' in fagersta
    assert cells(fagersta) == [
        "Fagersta (markerad)",
        "17,3",
        str(expected.expected).replace(".", ","),
        str(expected.residual).replace(".", ","),
        "Ja" if expected.better_than_expected else "Nej",
    ]
    assert 'class="point highlighted" data-key="1982"' in html
    assert html.count('class="highlighted"') == 1


def test_the_page_says_the_fit_is_nearly_saturated_with_six_municipalities(
    analyst: Client,
) -> None:
    html = text(page(analyst, EXPECTED))
    assert "Kommuner i anpassningen 6" in html
    assert "Frihetsgrader för residualerna 1" in html
    assert "nästan mättad" in html


def test_without_background_measures_there_is_no_expected_value_and_the_page_says_so(
    analyst: Client,
) -> None:
    html = page(analyst, f"{EXPECTED}?measure=long_term_pct&year=2012&chosen=True")
    assert 'data-testid="no-fit"' in html
    assert 'role="img"' not in html
    assert cells(row(html, "2583")) == ["Haparanda", "17,0", "–", "–", "–"]


def test_fewer_background_measures_give_a_looser_fit(analyst: Client) -> None:
    html = text(
        page(analyst, f"{EXPECTED}?measure=long_term_pct&chosen=True&background=low_education_pct")
    )
    assert "Frihetsgrader för residualerna 4" in html
    assert "nästan mättad" not in html


def test_without_a_choice_every_background_measure_is_ticked(analyst: Client) -> None:
    html = page(analyst, f"{EXPECTED}?municipality=1276")
    assert html.count('name="background"') == html.count("checked") == 4
