"""Hand-made cases for the follow-up rules, each with the answer worked out beforehand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from bryggan.core.month import Month
from bryggan.followup.rules import (
    Move,
    ReturnOutcome,
    Spell,
    average_months_per_spell,
    caseload_rebalance,
    household_time,
    is_followed_up,
    is_long_term,
    is_long_term_in_year,
    months_in_last_twelve,
    months_per_year,
    return_follow_up_due,
    return_outcome,
    share,
    spells,
    year_summary,
)


def months(*texts: str) -> set[Month]:
    return {Month.parse(t) for t in texts}


def run(first: str, last: str) -> set[Month]:
    start, end = Month.parse(first), Month.parse(last)
    return {start.plus(i) for i in range(end.minus(start) + 1)}


# Spells and years


def test_a_gap_of_one_month_ends_a_spell() -> None:
    found = spells(months("2025-01", "2025-02", "2025-03", "2025-05", "2025-06"))
    assert found == [
        Spell(Month(2025, 1), Month(2025, 3)),
        Spell(Month(2025, 5), Month(2025, 6)),
    ]
    assert [s.months for s in found] == [3, 2]


def test_a_spell_runs_across_the_new_year() -> None:
    found = spells(run("2024-11", "2025-02"))
    assert found == [Spell(Month(2024, 11), Month(2025, 2))]
    assert found[0].months == 4


def test_single_months_are_spells_of_one_and_order_does_not_matter() -> None:
    assert [s.months for s in spells([Month(2025, 9), Month(2025, 1), Month(2025, 5)])] == [1, 1, 1]
    assert spells([]) == []


def test_months_are_split_by_calendar_year() -> None:
    assert months_per_year(run("2024-11", "2025-02") | months("2025-06")) == {2024: 2, 2025: 3}


def test_exactly_ten_months_of_the_calendar_year_is_long_term_and_nine_is_not() -> None:
    ten = run("2025-01", "2025-10")
    nine = run("2025-01", "2025-09") | months("2024-12", "2026-01")
    assert is_long_term_in_year(ten, 2025)
    assert not is_long_term_in_year(nine, 2025)


def test_long_term_now_counts_the_twelve_months_up_to_and_including_this_month() -> None:
    # March 2025 back to April 2024: ten months paid, two gaps (June and December 2024).
    ten = run("2024-04", "2025-03") - months("2024-06", "2024-12")
    assert months_in_last_twelve(ten, as_of=Month(2025, 3)) == 10
    assert is_long_term(ten, as_of=Month(2025, 3))
    # One month later April 2024 falls out of the window: nine.
    assert months_in_last_twelve(ten, as_of=Month(2025, 4)) == 9
    assert not is_long_term(ten, as_of=Month(2025, 4))


def test_months_after_the_as_of_month_do_not_count() -> None:
    assert months_in_last_twelve(run("2025-01", "2025-12"), as_of=Month(2025, 6)) == 6


def test_a_households_time_lists_spells_and_years_latest_first() -> None:
    paid = run("2024-11", "2025-02") | run("2025-05", "2026-10")  # 4 months, then 18 to October
    time = household_time(paid, as_of=Month.parse("2026-11"))
    assert time.spells == [
        Spell(Month.parse("2025-05"), Month.parse("2026-10")),
        Spell(Month.parse("2024-11"), Month.parse("2025-02")),
    ]
    assert [s.months for s in time.spells] == [18, 4]
    assert time.months_per_year == {2026: 10, 2025: 10, 2024: 2}
    assert time.total_months == 22
    # November 2026 not paid yet: 11 of the 12 months December 2025–November 2026.
    assert time.months_in_last_twelve == 11
    assert time.long_term_now
    assert time.ongoing == time.spells[0]  # paid up to the month before: still ongoing


def test_a_spell_ended_two_months_ago_is_not_ongoing_and_nine_months_is_not_long_term() -> None:
    time = household_time(run("2026-01", "2026-09"), as_of=Month.parse("2026-11"))
    assert time.ongoing is None
    assert time.months_in_last_twelve == 9
    assert not time.long_term_now
    empty = household_time(set(), as_of=Month.parse("2026-11"))
    assert (empty.spells, empty.total_months, empty.ongoing) == ([], 0, None)


def test_the_average_months_per_spell_is_rounded_to_one_decimal() -> None:
    assert average_months_per_spell([Spell(Month(2025, 1), Month(2025, 8))]) == Decimal("8.0")
    three = spells(months("2025-01", "2025-02", "2025-04", "2025-06", "2025-07", "2025-08"))
    assert [s.months for s in three] == [2, 1, 3]
    assert average_months_per_spell(three) == Decimal("2.0")
    assert average_months_per_spell([]) is None


def test_year_summary_counts_a_spell_in_each_year_it_touches_with_its_whole_length() -> None:
    by_household = {
        1: run("2024-11", "2025-02"),  # one spell of 4, 2 months in 2025
        2: run("2025-01", "2025-10"),  # 10 months: long-term in 2025
        3: months("2023-05"),  # nothing in 2025
    }
    summary = year_summary(by_household, 2025)
    assert summary.households == 2
    assert summary.average_months_per_household == Decimal("6.0")  # (2 + 10) / 2
    assert summary.spells == 2
    assert summary.average_months_per_spell == Decimal("7.0")  # (4 + 10) / 2
    assert summary.long_term_households == 1


# Return follow-up


@pytest.mark.parametrize(
    ("reason", "followed"),
    [
        ("work", True),
        ("studies", True),
        ("other_income", False),
        ("moved", False),
        ("other", False),
    ],
)
def test_only_closures_to_work_or_studies_are_followed_up(reason: str, followed: bool) -> None:
    assert is_followed_up(reason) is followed


def test_the_check_falls_due_twelve_months_after_the_closure() -> None:
    assert return_follow_up_due(date(2025, 3, 15)) == date(2026, 3, 15)
    assert return_follow_up_due(date(2024, 2, 29)) == date(2025, 2, 28)


def test_an_application_within_twelve_months_is_a_return() -> None:
    check = return_outcome(date(2025, 3, 15), [date(2024, 12, 1), date(2025, 9, 1)])
    assert check.outcome == ReturnOutcome.RETURNED
    assert check.returned_on == date(2025, 9, 1)


def test_an_application_on_the_last_day_of_the_twelve_months_is_a_return() -> None:
    check = return_outcome(date(2025, 3, 15), [date(2026, 3, 15)])
    assert check.outcome == ReturnOutcome.RETURNED


def test_an_application_after_twelve_months_or_before_the_closure_is_not_a_return() -> None:
    check = return_outcome(date(2025, 3, 15), [date(2025, 3, 15), date(2026, 3, 16)])
    assert check.outcome == ReturnOutcome.STAYED_SELF_SUFFICIENT
    assert check.returned_on is None


def test_share_is_in_per_cent_to_one_decimal() -> None:
    assert share(94, 100) == Decimal("94.0")
    assert share(2, 3) == Decimal("66.7")
    assert share(0, 0) is None


# Caseload rebalancing


def test_cases_go_one_at_a_time_to_the_least_loaded_and_ties_go_by_order() -> None:
    # Cap 45: A 48 and B 47 have 5 too many; C 43 and D 44 have room for 3.
    # A48→C43, then A47 and B47 tie (A first) → C44 and D44 tie (C first), then B47→D44.
    result = caseload_rebalance([(1, 48), (2, 47), (3, 43), (4, 44)], cap=45)
    assert result.moves == (Move(1, 3, 2), Move(2, 4, 1))
    assert result.unplaced == 2


def test_moves_stop_when_everybody_is_at_or_under_the_cap() -> None:
    result = caseload_rebalance([(1, 50), (2, 30), (3, 40)], cap=45)
    assert result.moves == (Move(1, 2, 5),)
    assert result.unplaced == 0


def test_nobody_under_the_cap_means_no_moves_and_every_extra_case_unplaced() -> None:
    result = caseload_rebalance([(1, 47), (2, 45), (3, 46)], cap=45)
    assert result.moves == ()
    assert result.unplaced == 3


def test_nobody_over_the_cap_means_no_moves() -> None:
    assert caseload_rebalance([(1, 45), (2, 10)], cap=45).moves == ()
    assert caseload_rebalance([], cap=45).unplaced == 0
