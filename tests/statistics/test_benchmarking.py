"""Open comparisons (contracts/benchmark.md): colours, expected values and peers, on hand-made sets
that know the answer and on the real seed table (Att bryta mönster, SKL 2013)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from decimal import Decimal

import pytest

from bryggan.statistics.benchmarking import (
    Colour,
    Comparison,
    benchmark,
    expected_fit,
    peer_groups,
    quartile_colours,
)
from bryggan.statistics.kolada import Kind, MeasureValue, seed_table1

YEAR = 2012
CODES = ("0114", "0115", "0117", "0120", "0123", "0125", "0126", "0127", "0128")
GREEN, YELLOW, RED = Colour.GREEN, Colour.YELLOW, Colour.RED


def colours(*values: str) -> list[tuple[int, Colour]]:
    rankings = quartile_colours({code: Decimal(v) for code, v in zip(CODES, values, strict=False)})
    return [(rankings[code].rank, rankings[code].colour) for code in CODES[: len(values)]]


def figures(measure: str, by_code: Mapping[str, float | str]) -> list[MeasureValue]:
    return [MeasureValue(code, YEAR, measure, Decimal(str(v))) for code, v in by_code.items()]


def rows_of(comparisons: Sequence[Comparison], measure: str) -> dict[str, Comparison]:
    return {c.municipality: c for c in comparisons if c.measure == measure}


# --- colours -------------------------------------------------------------------------------------


def test_a_quarter_is_green_and_a_quarter_red_when_n_divides_by_four() -> None:
    assert [c for _, c in colours("1", "2", "3", "4", "5", "6", "7", "8")] == [
        GREEN,
        GREEN,
        YELLOW,
        YELLOW,
        YELLOW,
        YELLOW,
        RED,
        RED,
    ]


@pytest.mark.parametrize(
    ("n", "coloured"),
    [(3, 0), (4, 1), (5, 1), (6, 1), (7, 1), (9, 2)],
)
def test_floor_of_n_over_four_municipalities_are_green_and_red(n: int, coloured: int) -> None:
    result = [c for _, c in colours(*(str(v) for v in range(1, n + 1)))]
    assert result.count(GREEN) == result.count(RED) == coloured
    assert result[:coloured] == [GREEN] * coloured
    assert result[n - coloured :] == [RED] * coloured


def test_tied_values_share_the_lowest_rank_and_the_colour() -> None:
    assert colours("1", "1", "1", "2", "3", "4", "5", "5") == [
        (1, GREEN),
        (1, GREEN),
        (1, GREEN),  # rank 1 <= 2: a tie makes three greens
        (4, YELLOW),
        (5, YELLOW),
        (6, YELLOW),
        (7, RED),
        (7, RED),  # descending rank 1 for both
    ]


def test_a_tie_across_the_quarter_boundary_is_coloured_whole() -> None:
    assert [c for _, c in colours("1", "2", "2", "3", "4", "5", "6", "7")][:4] == [
        GREEN,
        GREEN,
        GREEN,
        YELLOW,
    ]
    assert [c for _, c in colours("1", "2", "3", "4", "5", "6", "6", "7")][4:] == [
        YELLOW,
        RED,
        RED,
        RED,
    ]


def test_when_every_value_ties_green_comes_first_as_the_contract_orders_it() -> None:
    assert colours("5", "5", "5", "5") == [(1, GREEN)] * 4


def test_the_whole_country_is_not_ranked_or_counted() -> None:
    values = figures("long_term_pct", {"0000": 34.3, "0114": 1, "0115": 2, "0117": 3, "0120": 4})
    result = rows_of(benchmark(values, year=YEAR), "long_term_pct")
    assert {c.n for c in result.values()} == {4}
    assert (result["0000"].rank, result["0000"].colour) == (None, None)
    assert (result["0114"].rank, result["0114"].colour) == (1, GREEN)
    assert (result["0120"].rank, result["0120"].colour) == (4, RED)


# --- expected versus actual ----------------------------------------------------------------------

# value = 10 + 2·b1 + 3·b2 + e, with e orthogonal to (1, b1, b2): OLS recovers 10, 2, 3 exactly and
# the residuals are e. Their sample standard deviation is sqrt(4 / 5) ≈ 0.894.
B1 = dict(zip(CODES[:6], (1, 2, 3, 4, 5, 6), strict=True))
B2 = dict(zip(CODES[:6], (0, 1, 0, 1, 0, 1), strict=True))
E = dict(zip(CODES[:6], (1, -1, -1, 1, 0, 0), strict=True))
VALUE = {code: 10 + 2 * B1[code] + 3 * B2[code] + E[code] for code in CODES[:6]}


def linear_set() -> tuple[list[MeasureValue], list[MeasureValue]]:
    values = figures("cost", {**VALUE, "0000": 17})
    background = figures("b1", {**B1, "0000": 3.5}) + figures("b2", {**B2, "0000": 0.5})
    return values, background


def test_expected_is_the_least_squares_fit_on_the_background() -> None:
    values, background = linear_set()
    result = rows_of(benchmark(values, year=YEAR, background=background), "cost")
    for code in CODES[:6]:
        assert result[code].expected == Decimal(VALUE[code] - E[code]).quantize(Decimal("0.01"))
        assert result[code].residual == Decimal(E[code]).quantize(Decimal("0.01"))
        assert result[code].value == result[code].expected + result[code].residual


def test_better_than_expected_means_below_minus_one_residual_standard_deviation() -> None:
    values, background = linear_set()
    result = rows_of(benchmark(values, year=YEAR, background=background), "cost")
    better = {code for code in CODES[:6] if result[code].better_than_expected}
    assert better == {"0115", "0117"}  # residual -1 < -0.894; 0 and +1 are not
    fit = expected_fit(
        {c: Decimal(VALUE[c]) for c in CODES[:6]},
        {c: {"b1": Decimal(B1[c]), "b2": Decimal(B2[c])} for c in CODES[:6]},
        ["b1", "b2"],
    )
    assert fit is not None
    assert math.isclose(fit.residual_sd, math.sqrt(4 / 5))


def test_the_whole_country_gets_an_expected_value_from_the_municipalities_fit() -> None:
    values, background = linear_set()
    whole = rows_of(benchmark(values, year=YEAR, background=background), "cost")["0000"]
    assert whole.expected == Decimal("18.50")  # 10 + 2·3.5 + 3·0.5
    assert whole.residual == Decimal("-1.50")
    assert whole.better_than_expected is True
    assert (whole.rank, whole.colour) == (None, None)


def test_a_municipality_without_every_background_measure_gets_no_expected_value() -> None:
    values, background = linear_set()
    background = [b for b in background if not (b.municipality == "0125" and b.measure == "b2")]
    values += figures("cost", {"0126": 30})
    result = rows_of(benchmark(values, year=YEAR, background=background), "cost")
    assert result["0125"].expected is None
    assert result["0125"].better_than_expected is None
    assert result["0125"].peers == ()
    assert result["0126"].expected is None  # no background at all


def test_no_expected_value_when_the_fit_has_no_residual_degree_of_freedom() -> None:
    values, background = linear_set()
    three = set(CODES[:3])
    values = [v for v in values if v.municipality in three]
    result = benchmark(values, year=YEAR, background=background)
    assert {c.expected for c in result} == {None}


def test_without_background_only_rank_and_colour_are_given() -> None:
    values, _ = linear_set()
    result = benchmark(values, year=YEAR)
    assert all(c.expected is None and c.peers == () for c in result)
    assert sorted((c.municipality, c.measure) for c in result) == [
        (c.municipality, c.measure) for c in result
    ]


# --- peers ---------------------------------------------------------------------------------------


def one_measure(values: Sequence[float]) -> dict[str, dict[str, Decimal]]:
    return {code: {"b": Decimal(str(v))} for code, v in zip(CODES, values, strict=False)}


def test_peers_are_the_five_nearest_nearest_first_equal_distances_by_code() -> None:
    groups = peer_groups(one_measure([1, 2, 3, 4, 5, 6, 100]), ["b"])
    assert groups["0114"] == ("0115", "0117", "0120", "0123", "0125")
    assert groups["0126"] == ("0125", "0123", "0120", "0117", "0115")
    # 4 lies 1 from 3 and 5, 2 from 2 and 6: equal distances in code order.
    assert groups["0120"] == ("0117", "0123", "0115", "0125", "0114")


def test_peers_use_standardised_measures() -> None:
    # "a" steps by 10 (about 0.46 standard deviations), "b" alternates 0 and 0.1 (about 2 standard
    # deviations): in raw units 0115 (a 10, b 0.1) is nearest 0114 (a 0, b 0); standardised, 0117
    # (a 20, b 0) is.
    measured = {
        code: {"a": Decimal(a), "b": Decimal(b)}
        for code, a, b in zip(
            CODES,
            ("0", "10", "20", "30", "40", "50", "60"),
            ("0", "0.1", "0", "0.1", "0", "0.1", "0"),
            strict=False,
        )
    }
    assert peer_groups(measured, ["a", "b"])["0114"][0] == "0117"
    rescaled = {code: {"a": m["a"] * 1000, "b": m["b"]} for code, m in measured.items()}
    assert peer_groups(rescaled, ["a", "b"]) == peer_groups(measured, ["a", "b"])


def test_a_background_measure_without_spread_is_left_out_of_the_distance() -> None:
    measured = {
        code: {"b": Decimal(v), "same": Decimal(7)}
        for code, v in zip(CODES, ("1", "2", "3", "4", "5", "6", "100"), strict=False)
    }
    assert peer_groups(measured, ["b", "same"]) == peer_groups(
        one_measure([1, 2, 3, 4, 5, 6, 100]), ["b"]
    )


# --- the real seed table: six municipalities and Riket, 2012 -------------------------------------


@pytest.fixture(scope="module")
def seed_2012() -> list[Comparison]:
    return benchmark(
        seed_table1(Kind.INDICATOR), year=YEAR, background=seed_table1(Kind.BACKGROUND)
    )


SIX = {"0126", "0136", "1276", "1293", "1982", "2583"}


def test_the_six_municipalities_have_fewer_long_term_recipients_than_riket_despite_their_background(
    seed_2012: list[Comparison],
) -> None:
    figures_2012 = {(v.municipality, v.measure): v.value for v in seed_table1() if v.year == YEAR}
    for code in SIX:
        for result in ("long_term_pct", "very_long_term_pct"):
            assert figures_2012[(code, result)] < figures_2012[("0000", result)]
        assert (
            figures_2012[(code, "low_education_pct")] > figures_2012[("0000", "low_education_pct")]
        )
    assert {c.municipality for c in seed_2012} == SIX | {"0000"}


def test_among_the_six_one_is_green_and_one_red_per_measure(seed_2012: list[Comparison]) -> None:
    for measure in ("long_term_pct", "very_long_term_pct", "cost_per_inhabitant"):
        result = rows_of(seed_2012, measure)
        assert {c.n for c in result.values()} == {6}
        colours_six = [result[code].colour for code in SIX]
        assert colours_six.count(GREEN) == colours_six.count(RED) == 1
        assert result["0000"].colour is None
    long_term = rows_of(seed_2012, "long_term_pct")
    assert long_term["2583"].colour is GREEN  # Haparanda 17.0 %
    assert long_term["1293"].colour is RED  # Hässleholm 33.9 %


def test_the_nearly_saturated_fit_adds_up_but_has_one_degree_of_freedom(
    seed_2012: list[Comparison],
) -> None:
    # Six municipalities, four background measures and an intercept: the fit is computed, and
    # value = expected + residual holds, but with one residual degree of freedom the expected values
    # are close to the values themselves and say little about the municipalities.
    for measure in ("long_term_pct", "very_long_term_pct", "recipients_pct"):
        result = rows_of(seed_2012, measure)
        residuals = [result[code].residual for code in SIX]
        assert all(r is not None for r in residuals)
        assert abs(sum(r for r in residuals if r is not None)) <= Decimal("0.03")  # intercept
        for code in SIX | {"0000"}:
            row = result[code]
            assert row.expected is not None
            assert row.residual is not None
            assert row.value == row.expected + row.residual


def test_with_five_of_the_six_the_fit_is_saturated_and_no_expected_value_is_given() -> None:
    values = [v for v in seed_table1(Kind.INDICATOR) if v.municipality != "1276"]
    result = benchmark(values, year=YEAR, background=seed_table1(Kind.BACKGROUND))
    assert {c.expected for c in result} == {None}


def test_each_of_the_six_has_the_other_five_as_peers(seed_2012: list[Comparison]) -> None:
    result = rows_of(seed_2012, "long_term_pct")
    for code in SIX:
        assert set(result[code].peers) == SIX - {code}
    assert len(result["0000"].peers) == 5
    assert set(result["0000"].peers) < SIX
