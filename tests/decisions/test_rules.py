from bryggan.core.month import Month
from bryggan.decisions.rules import consecutive_months_before


def test_counts_the_unbroken_run_of_months_just_before() -> None:
    months = {"2026-08", "2026-09", "2026-10", "2026-06"}
    assert consecutive_months_before(Month(2026, 11), months) == 3


def test_a_gap_just_before_means_zero() -> None:
    assert consecutive_months_before(Month(2026, 11), {"2026-09", "2026-08"}) == 0


def test_the_run_crosses_the_new_year() -> None:
    assert consecutive_months_before(Month(2026, 2), {"2026-01", "2025-12", "2025-11"}) == 3
