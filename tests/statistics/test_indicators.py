"""The indicator engine on hand-made registers that know the right answer for each edge of each
definition in contracts/indicators.md (indicator year 2025, window 2023-01 … 2025-12)."""

from __future__ import annotations

import re
from dataclasses import fields
from decimal import Decimal

import pytest

from bryggan.core.month import Month
from bryggan.statistics.indicators import (
    INDICATORS,
    MunicipalityIndicators,
    PopulationMissingError,
    Unit,
    indicator_value,
    ratio_half_up,
)
from tests.statistics.registers import Row, compute, months, person


def very_long_term(*month_lists: list[str]) -> bool:
    """Is one applicant with these months (and months in 2025) very long-term in 2025?"""
    rows = person("p", [month for month_list in month_lists for month in month_list])
    result = compute(rows)["0136"]
    assert result.very_long_term_pct in (Decimal("100.0"), Decimal("0.0"))
    return result.very_long_term_pct == Decimal("100.0")


def offsets(*window_offsets: int) -> list[str]:
    """Months of the window by offset: 0 is 2023-01, 35 is 2025-12."""
    return [str(Month(2023, 1).plus(offset)) for offset in window_offsets]


# --- very long-term: spells, gaps and the 36-month window ---------------------------------------


def test_a_gap_of_exactly_two_months_joins_the_spell() -> None:
    # 13 months, 2024-02 and 2024-03 without assistance, then 14 months: one spell of 27.
    assert very_long_term(months("2023-01", "2024-01"), months("2024-04", "2025-05"))


def test_a_gap_of_exactly_three_months_breaks_the_spell() -> None:
    # 13 + 14 = 27 months in the window, but 2024-02 … 2024-04 without assistance splits them.
    assert not very_long_term(months("2023-01", "2024-01"), months("2024-05", "2025-06"))


def test_exactly_27_months_is_very_long_term() -> None:
    assert len(months("2023-10", "2025-12")) == 27
    assert very_long_term(months("2023-10", "2025-12"))


def test_26_months_is_not_very_long_term() -> None:
    assert not very_long_term(months("2023-11", "2025-12"))


def test_months_before_the_window_do_not_count_for_a_spell_crossing_its_start() -> None:
    # Assistance since 2021-01 without a break: only 2023-01 … 2025-02 (26 months) is in the window.
    assert not very_long_term(months("2021-01", "2025-02"))
    assert very_long_term(months("2021-01", "2025-03"))


def test_months_after_the_year_do_not_count() -> None:
    assert not very_long_term(months("2023-11", "2025-12"), months("2026-01", "2026-06"))


def test_several_gaps_of_two_months_keep_one_spell() -> None:
    window = set(range(36)) - {5, 6, 15, 16, 25, 26}
    assert very_long_term(offsets(*window))


def test_the_spell_counts_months_with_assistance_not_the_months_it_spans() -> None:
    # 2023-01 … 2025-12 spans 36 months; without 5, 6, 7 (a break) and 20, 21 (joined) the longest
    # spell is 8 … 35 less 20, 21: 26 months with assistance.
    window = set(range(36)) - {5, 6, 7, 20, 21}
    assert not very_long_term(offsets(*window))


def test_months_as_a_child_count_toward_the_spell_of_an_adult_of_the_year() -> None:
    # The register has a row for every month the person's household was paid: the person's months.
    rows = person("p", months("2023-01", "2024-12"), role="child", household_id="parents")
    rows += person("p", months("2025-01", "2025-03"), household_id="own")
    result = compute(rows)["0136"]
    assert result.adult_recipients == 1
    assert result.very_long_term_pct == Decimal("100.0")


def test_a_child_of_the_year_is_not_in_the_very_long_term_share() -> None:
    rows = person("parent", months("2023-01", "2025-12"))
    rows += person("child", months("2023-01", "2025-12"), role="child", household_id="h-parent")
    result = compute(rows)["0136"]
    assert result.adult_recipients == 1
    assert result.very_long_term_pct == Decimal("100.0")


def test_a_month_reported_twice_counts_once() -> None:
    rows = person("p", months("2023-11", "2025-12"))  # 26 months
    rows += person("p", ["2025-12"], household_id="another")
    assert compute(rows)["0136"].very_long_term_pct == Decimal("0.0")


# --- a person in two municipalities --------------------------------------------------------------


def test_a_person_in_two_municipalities_is_counted_in_each_with_its_months() -> None:
    rows = person("p", months("2023-01", "2025-06"), municipality="0136")
    rows += person("p", months("2025-07", "2025-12"), municipality="0126")
    result = compute(rows)
    assert result["0136"].recipients == result["0126"].recipients == 1
    # 30 months in 0136 without a break: very long-term there; 6 months in 0126: not.
    assert result["0136"].very_long_term_pct == Decimal("100.0")
    assert result["0126"].very_long_term_pct == Decimal("0.0")
    # 6 + 6 months in the year: long-term in neither.
    assert result["0136"].long_term_pct == result["0126"].long_term_pct == Decimal("0.0")


def test_months_in_two_municipalities_are_not_joined_into_one_spell() -> None:
    rows = person("p", months("2023-01", "2024-06"), municipality="0136")
    rows += person("p", months("2024-07", "2025-12"), municipality="0126")
    result = compute(rows)
    assert "0136" not in result  # no recipient in 2025 there
    assert result["0126"].very_long_term_pct == Decimal("0.0")


def test_a_person_paid_in_two_municipalities_in_the_same_month_counts_in_both() -> None:
    rows = person("p", months("2025-01", "2025-10"), municipality="0136")
    rows += person("p", ["2025-10"], municipality="0126")
    result = compute(rows)
    assert result["0136"].long_term_pct == Decimal("100.0")
    assert result["0126"].recipients == 1
    assert result["0126"].long_term_pct == Decimal("0.0")


# --- long-term: 10–12 months of the year ---------------------------------------------------------


def test_ten_months_of_the_year_is_long_term_and_nine_is_not() -> None:
    rows = person("nine", months("2025-01", "2025-09"))
    rows += person("ten", months("2025-03", "2025-12"))
    rows += person(
        "ten_with_gaps", ["2025-01", *months("2025-03", "2025-06"), *months("2025-08", "2025-12")]
    )
    rows += person("child", months("2025-01", "2025-12"), role="child", household_id="h-nine")
    result = compute(rows)["0136"]
    assert result.adult_recipients == 3
    assert result.long_term_pct == Decimal("66.7")  # 2 of 3, 66.666… halves up to one decimal


def test_months_of_the_previous_year_do_not_make_a_person_long_term() -> None:
    rows = person("p", months("2024-06", "2025-09"))  # 16 months in a row, 9 of them in 2025
    assert compute(rows)["0136"].long_term_pct == Decimal("0.0")


# --- young adults: the year minus the birth year -------------------------------------------------


def test_young_adults_are_18_to_24_by_the_year_minus_the_birth_year() -> None:
    rows: list[Row] = []
    for birth_year in (2008, 2007, 2001, 2000):  # 17, 18, 24, 25 in 2025
        rows += person(f"born-{birth_year}", ["2025-12"], birth_year=birth_year)
    result = compute(rows, population={"0136": (10_000, 40)})["0136"]
    assert result.young_adults_pct == Decimal("5.0")  # 2 of 40 inhabitants aged 18–24


def test_a_young_adult_living_at_home_counts_whatever_the_role() -> None:
    rows = person("parent", ["2025-05"])
    rows += person("student", ["2025-05"], role="child", household_id="h-parent", birth_year=2006)
    result = compute(rows, population={"0136": (10_000, 100)})["0136"]
    assert result.young_adults_pct == Decimal("1.0")


def test_no_inhabitants_aged_18_to_24_leaves_the_share_empty() -> None:
    result = compute(person("p", ["2025-01"]), population={"0136": (10_000, 0)})["0136"]
    assert result.young_adults_pct is None


# --- households, recipients, adult recipients ----------------------------------------------------


def test_households_recipients_and_adult_recipients_are_counted_apart() -> None:
    rows = person("applicant", ["2025-03"], household_id="h1")
    rows += person("co_applicant", ["2025-03"], household_id="h1", role="co_applicant")
    rows += person("child1", ["2025-03"], household_id="h1", role="child", birth_year=2015)
    rows += person("child2", ["2025-03"], household_id="h1", role="child", birth_year=2018)
    rows += person("single", ["2025-07", "2025-08"], household_id="h2")
    # A child until June who is co-applicant from July is one adult recipient.
    rows += person("grown", months("2025-01", "2025-06"), household_id="h2", role="child")
    rows += person("grown", months("2025-07", "2025-08"), household_id="h2", role="co_applicant")
    result = compute(rows, population={"0136": (600, 60)})["0136"]
    assert (result.households, result.recipients, result.adult_recipients) == (2, 6, 4)
    assert result.recipients_pct == Decimal("1.0")  # 6 of 600


def test_only_municipalities_with_a_recipient_in_the_year_are_reported_in_code_order() -> None:
    rows = person("a", ["2025-02"], municipality="2583")
    rows += person("b", ["2025-02"], municipality="0126")
    rows += person("c", ["2024-12", "2026-01"], municipality="1982")
    assert list(compute(rows)) == ["0126", "2583"]


def test_a_municipality_with_only_children_paid_has_empty_adult_shares() -> None:
    result = compute(person("c", ["2025-01"], role="child"))["0136"]
    assert result.adult_recipients == 0
    assert result.long_term_pct is None
    assert result.very_long_term_pct is None


# --- cost per inhabitant and months per household ------------------------------------------------


def test_cost_per_inhabitant_sums_the_amounts_of_the_year_in_whole_kronor() -> None:
    rows = person("p", months("2024-01", "2024-12"), amount=5_000)
    rows += person("p", months("2025-01", "2025-12"), amount=6_000)
    rows += person("p", ["2026-01"], amount=7_000)
    rows += person("q", months("2025-01", "2025-12"), role="co_applicant", household_id="h-p")
    result = compute(rows, population={"0136": (7, 1)})["0136"]
    assert result.cost_per_inhabitant == 10_286  # 72 000 / 7 = 10 285.71…


def test_months_per_household_count_months_with_any_member_paid() -> None:
    rows = person("a", ["2025-01", "2025-03"], household_id="h1")
    rows += person("b", months("2025-01", "2025-12"), household_id="h2")
    rows += person("c", months("2025-01", "2025-03"), household_id="h3")
    rows += person("d", months("2025-04", "2025-06"), household_id="h3", role="co_applicant")
    rows += person("d", ["2025-04"], household_id="h3", role="co_applicant")  # reported twice
    result = compute(rows)["0136"]
    assert result.mean_months_per_household == Decimal("6.7")  # (2 + 12 + 6) / 3


# --- rounding half up, exactly -------------------------------------------------------------------


def test_a_share_ending_in_five_rounds_up_where_binary_rounding_would_not() -> None:
    rows: list[Row] = []
    for number in range(9):
        rows += person(f"p{number}", ["2025-01"])
    result = compute(rows, population={"0136": (400, 1_000)})["0136"]
    assert round(9 / 400 * 100, 1) == 2.2  # what float rounding gives
    assert result.recipients_pct == Decimal("2.3")  # 2.25 halves up


def test_one_long_term_adult_of_sixteen_is_6_3_percent() -> None:
    rows = person("long", months("2025-01", "2025-12"))
    for number in range(15):
        rows += person(f"short{number}", ["2025-01"])
    assert compute(rows)["0136"].long_term_pct == Decimal("6.3")  # 6.25


def test_mean_months_and_cost_round_half_up() -> None:
    rows = person("a", ["2025-01", "2025-02"], amount=1)
    rows += person("b", ["2025-01"], amount=2)
    rows += person("c", ["2025-01"], amount=1)
    rows += person("d", ["2025-01"], amount=1)
    result = compute(rows, population={"0136": (2, 1)})["0136"]
    assert result.mean_months_per_household == Decimal("1.3")  # 5 / 4 = 1.25
    assert result.cost_per_inhabitant == 3  # 6 / 2 = 3
    rows = person("a", ["2025-01"], amount=5)
    assert compute(rows, population={"0136": (2, 1)})["0136"].cost_per_inhabitant == 3  # 2.5


@pytest.mark.parametrize(
    ("numerator", "denominator", "places", "expected"),
    [
        (225, 100, 1, "2.3"),
        (145, 100, 1, "1.5"),
        (1, 8, 2, "0.13"),
        (5, 2, 0, "3"),
        (3, 2, 0, "2"),
        (2, 3, 1, "0.7"),
        (1, 3, 1, "0.3"),
        (0, 7, 1, "0.0"),
        (1_089 * 10**6 + 1, 2 * 10**6, 0, "545"),
    ],
)
def test_ratio_half_up_is_exact(
    numerator: int, denominator: int, places: int, expected: str
) -> None:
    assert ratio_half_up(numerator, denominator, places) == Decimal(expected)
    assert str(ratio_half_up(numerator, denominator, places)) == expected


def test_indicator_values_by_unit() -> None:
    assert indicator_value(Unit.COUNT, 7, 1) == 7
    assert indicator_value(Unit.PERCENT, 1, 16) == Decimal("6.3")
    assert indicator_value(Unit.KRONOR, 5, 2) == 3
    assert indicator_value(Unit.MONTHS, 29, 20) == Decimal("1.5")
    assert indicator_value(Unit.PERCENT, 0, 0) is None


# --- population and the registry -----------------------------------------------------------------


def test_a_municipality_without_a_population_row_is_an_error() -> None:
    import duckdb

    from bryggan.statistics.indicators import indicators_compute
    from tests.statistics.registers import load_population, load_register

    con = duckdb.connect()
    load_register(con, person("p", ["2025-01"], municipality="0126"))
    load_population(con, {"0136": (1_000, 100)}, 2025)
    with pytest.raises(PopulationMissingError, match="no row for 0126 in 2025"):
        indicators_compute(con, year=2025)


def test_the_result_has_the_contract_columns_in_order_one_sql_file_each() -> None:
    contract = [
        "municipality",
        "year",
        "households",
        "recipients",
        "recipients_pct",
        "adult_recipients",
        "long_term_pct",
        "very_long_term_pct",
        "young_adults_pct",
        "cost_per_inhabitant",
        "mean_months_per_household",
    ]
    assert [field.name for field in fields(MunicipalityIndicators)] == contract
    assert [indicator.id for indicator in INDICATORS] == contract[2:]


@pytest.mark.parametrize("indicator", INDICATORS, ids=lambda indicator: indicator.id)
def test_every_sql_file_names_its_official_definition(indicator: object) -> None:
    assert indicator.sql.startswith(f"-- {indicator.id}: ")
    assert re.search(r"Socialstyrelsen|contracts/indicators\.md", indicator.definition)
    assert indicator.title
