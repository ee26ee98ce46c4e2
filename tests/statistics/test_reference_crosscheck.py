"""The DuckDB engine against a plain Python reading of the contract, on random registers."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bryggan.core.month import Month
from tests.statistics.reference import reference_indicators
from tests.statistics.registers import YEAR, Row, compute

WINDOW_START = Month(YEAR - 2, 1)
MUNICIPALITIES = ("0136", "0126")
ROLES = ("applicant", "co_applicant", "child")


def _month(offset: int) -> str:
    return str(WINDOW_START.plus(offset))


def _dense_months(draw: st.DrawFn) -> set[int]:
    """Nearly every month of the window and a little around it: spells near 27 months."""
    missing = draw(st.sets(st.integers(-3, 38), max_size=10))
    return set(range(-3, 39)) - missing


@st.composite
def registers(draw: st.DrawFn) -> tuple[list[Row], dict[str, tuple[int, int]]]:
    rows: list[Row] = []
    for number in range(draw(st.integers(1, 6))):
        birth_year = draw(st.integers(YEAR - 27, YEAR - 15))
        for _ in range(draw(st.integers(1, 2))):
            municipality = draw(st.sampled_from(MUNICIPALITIES))
            household = draw(st.sampled_from(("h1", "h2", "h3")))
            role = draw(st.sampled_from(ROLES))
            if draw(st.booleans()):
                month_offsets = _dense_months(draw)
            else:
                month_offsets = draw(st.sets(st.integers(-3, 38), max_size=14))
            rows += [
                Row(
                    municipality,
                    _month(offset),
                    household,
                    f"p{number}",
                    birth_year,
                    role,
                    amount=(1_000 + 37 * offset) if role == "applicant" else 0,
                )
                for offset in sorted(month_offsets)
            ]
    population = {
        municipality: (draw(st.integers(1, 5_000)), draw(st.integers(0, 300)))
        for municipality in MUNICIPALITIES
    }
    return rows, population


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(registers())
def test_the_engine_agrees_with_the_plain_reference(
    register: tuple[list[Row], dict[str, tuple[int, int]]],
) -> None:
    rows, population = register
    engine = compute(rows, population=population)
    expected = reference_indicators(rows, population, YEAR)
    assert list(engine) == list(expected)
    for municipality, result in engine.items():
        for column, value in expected[municipality].items():
            assert getattr(result, column) == value, (municipality, column)


def test_the_spell_rule_agrees_with_the_reference_on_two_thousand_month_patterns() -> None:
    # One applicant per municipality code, so each municipality's share is 0 or 100 % and says
    # whether that one person is very long-term: two thousand patterns in one run of the engine.
    generator = random.Random(20261123)
    rows: list[Row] = []
    for number in range(1, 2_001):
        offsets = set(range(-2, 38))
        for _ in range(generator.randint(0, 4)):
            start = generator.randint(-2, 37)
            offsets -= set(range(start, start + generator.randint(1, 4)))
        offsets.add(35)  # a recipient of the year
        rows += [
            Row(f"{number:04d}", _month(offset), "h", "p", 1980, "applicant")
            for offset in sorted(offsets)
        ]
    population = {row.municipality: (1_000, 100) for row in rows}
    engine = compute(rows, population=population)
    expected = reference_indicators(rows, population, YEAR)
    disagreements = [
        municipality
        for municipality, result in engine.items()
        if result.very_long_term_pct != expected[municipality]["very_long_term_pct"]
    ]
    assert disagreements == []
    shares = {str(result.very_long_term_pct) for result in engine.values()}
    assert shares == {"0.0", "100.0"}  # both outcomes are exercised
