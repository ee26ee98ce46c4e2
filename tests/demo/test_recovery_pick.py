"""The demo's recovery claims name two payments in a row under one law (SoL 2025:400, övg. 5)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from bryggan.core.month import Month
from bryggan.demo.recovery import _claimed_payments


def _payments(first: str, count: int) -> list[Any]:
    start = Month.parse(first)
    months = [str(start.plus(i)) for i in range(count)]
    return [SimpleNamespace(decision=SimpleNamespace(month=month)) for month in months]


def _months(payments: list[Any] | None) -> list[str]:
    assert payments is not None
    return [p.decision.month for p in payments]


def test_a_year_back_or_so_when_both_months_fall_under_one_law() -> None:
    assert _months(_claimed_payments(_payments("2024-01", 16))) == ["2024-03", "2024-04"]


def test_a_pair_across_1_july_2025_gives_way_to_the_pair_before() -> None:
    # Sixteen months from April 2025: a year back or so is June and July 2025, across the new law.
    assert _months(_claimed_payments(_payments("2025-04", 16))) == ["2025-05", "2025-06"]


def test_a_short_case_gives_its_first_two() -> None:
    assert _months(_claimed_payments(_payments("2026-01", 3))) == ["2026-01", "2026-02"]


def test_a_short_case_across_the_day_gives_a_later_pair_or_none() -> None:
    assert _months(_claimed_payments(_payments("2025-06", 3))) == ["2025-07", "2025-08"]
    assert _claimed_payments(_payments("2025-06", 2)) is None
