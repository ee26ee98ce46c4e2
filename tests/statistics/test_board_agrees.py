"""The måltavla and the indicators agree: both count the same payments of the demo municipality.

The board counts households per unit and month in the database (followup); the indicators count
persons per year from the exported register with DuckDB (statistics). On the same payments, the
households paid in each month, and the households paid in 10 or more months of a calendar year
(the board's long-term cases in December), must be the same in both, and so must the share of adult
recipients who are long-term.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

import duckdb
import pytest

from bryggan.accounts.models import Unit
from bryggan.core.month import Month
from bryggan.demo.generator import generate
from bryggan.followup.selectors import board_counts
from bryggan.followup.services import assistance_months_refresh
from bryggan.statistics.indicators import indicators_compute
from bryggan.statistics.register import register_rows

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 23, 12, tzinfo=ZoneInfo("Europe/Stockholm"))
YEAR = 2025  # a whole calendar year inside the demo's 24 months


def test_the_board_and_the_indicators_count_the_same_households_and_long_term_cases() -> None:
    generate(households=80, seed=11, now=NOW)
    assistance_months_refresh()
    rows = register_rows(municipality="9999", first=Month(YEAR - 2, 1), last=Month(YEAR, 12))
    assert rows

    # Households per month: the board's (summed over the units) against the register's.
    board_months: dict[Month, int] = defaultdict(int)
    long_term_in_december = 0
    for unit in Unit.objects.all():
        counts = board_counts(unit, as_of=Month(YEAR, 12), today=NOW.date())
        for month, count in counts.items():
            board_months[month] += count.households
        long_term_in_december += counts[Month(YEAR, 12)].long_term
    register_months: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        register_months[row.month].add(row.household_id)
    for month, households in board_months.items():
        assert households == len(register_months.get(str(month), set())), month
    assert sum(board_months.values()) > 0

    # Long-term: paid in 10–12 months of the year, by household (board) and by adult (indicator).
    months_in_year: dict[str, set[str]] = defaultdict(set)
    adults: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        if row.month.startswith(f"{YEAR}-"):
            months_in_year[row.household_id].add(row.month)
            if row.role != "child":
                adults[row.household_id].add(row.person_id)
    long_term_households = {h for h, months in months_in_year.items() if len(months) >= 10}
    # The board's long-term cases of December are those paid in December (and in 10 or more of
    # the 12 months ending with it, which for December are the calendar year).
    paid_in_december = register_months[str(Month(YEAR, 12))]
    assert long_term_in_december == len(long_term_households & paid_in_december) > 0

    con = duckdb.connect()
    con.execute(
        "CREATE TABLE register (municipality VARCHAR, month VARCHAR, household_id VARCHAR, "
        "person_id VARCHAR, birth_year INTEGER, role VARCHAR, amount BIGINT)"
    )
    con.executemany(
        "INSERT INTO register VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (r.municipality, r.month, r.household_id, r.person_id, r.birth_year, r.role, r.amount)
            for r in rows
        ],
    )
    con.execute(
        "CREATE TABLE population AS SELECT '9999' AS municipality, ? AS year, "
        "100000 AS population, 10000 AS population_18_24",
        [YEAR],
    )
    (result,) = indicators_compute(con, year=YEAR)
    assert result.households == len(months_in_year)
    long_term_adults = sum(len(adults[h]) for h in long_term_households)
    all_adults = len(set().union(*adults.values()))
    assert result.adult_recipients == all_adults
    expected = (Decimal(long_term_adults) * 100 / all_adults).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )
    assert result.long_term_pct == expected
