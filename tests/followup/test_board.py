"""The måltavla's measures on hand-made cases, each answer worked out beforehand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from bryggan.core.month import Month
from bryggan.followup.board import (
    ApplicationRow,
    BoardInputs,
    ClosureRow,
    MeetingRow,
    ReferralRow,
    average_time_on_assistance,
    board_months,
    board_series,
    first_meetings_in_time,
    households_on_assistance,
    long_term_cases,
    long_term_closed,
    new_applications,
    returns_after_twelve_months,
    with_current_activity,
    with_signed_plan,
)

M = Month.parse


def span(first: str, last: str) -> set[Month]:
    start, end = M(first), M(last)
    return {start.plus(i) for i in range(end.minus(start) + 1)}


def value(series: object, month: str, board: list[Month]) -> object:
    return series.values[board.index(M(month))]  # type: ignore[attr-defined]


BOARD = board_months(M("2026-11"))


def test_the_board_is_24_months_ending_with_this_month() -> None:
    assert len(BOARD) == 24
    assert BOARD[0] == M("2024-12")
    assert BOARD[-1] == M("2026-11")


def test_households_on_assistance_count_the_paid_months() -> None:
    months = {1: span("2026-01", "2026-03"), 2: span("2026-03", "2026-04")}
    series = households_on_assistance(months, BOARD)
    assert [value(series, m, BOARD) for m in ("2025-12", "2026-01", "2026-03", "2026-04")] == [
        0,
        1,
        2,
        1,
    ]


def test_a_household_paid_january_to_october_is_long_term_in_october_not_september() -> None:
    months = {1: span("2026-01", "2026-10")}
    series = long_term_cases(months, BOARD)
    assert value(series, "2026-09", BOARD) == 0
    assert value(series, "2026-10", BOARD) == 1
    assert value(series, "2026-11", BOARD) == 0  # not paid in November: not on the board


def test_ten_of_twelve_with_gaps_is_long_term() -> None:
    months = {1: span("2025-12", "2026-11") - {M("2026-02"), M("2026-06")}}
    assert value(long_term_cases(months, BOARD), "2026-11", BOARD) == 1
    months = {1: span("2025-12", "2026-11") - {M("2026-02"), M("2026-06"), M("2026-07")}}
    assert value(long_term_cases(months, BOARD), "2026-11", BOARD) == 0


def test_a_closure_of_a_long_term_case_counts_in_its_month() -> None:
    months = {1: span("2026-01", "2026-10"), 2: span("2026-08", "2026-10")}
    closures = [
        ClosureRow(1, date(2026, 11, 5), "work"),  # long-term up to October
        ClosureRow(2, date(2026, 11, 5), "work"),  # three months only
        ClosureRow(1, date(2026, 10, 20), "moved"),  # long-term in October itself
    ]
    series = long_term_closed(months, closures, BOARD)
    assert value(series, "2026-10", BOARD) == 1
    assert value(series, "2026-11", BOARD) == 1


def test_new_applications_are_those_without_one_for_the_month_before() -> None:
    applications = [
        ApplicationRow(1, date(2026, 3, 2), M("2026-03")),  # new
        ApplicationRow(1, date(2026, 4, 1), M("2026-04")),  # continues March
        ApplicationRow(2, date(2026, 4, 3), M("2026-04")),  # new
        ApplicationRow(1, date(2026, 6, 1), M("2026-06")),  # back after a gap: new
    ]
    series = new_applications(applications, BOARD)
    assert [value(series, m, BOARD) for m in ("2026-03", "2026-04", "2026-05", "2026-06")] == [
        1,
        1,
        0,
        1,
    ]


def test_a_meeting_on_the_deadline_is_in_time_the_day_after_is_not() -> None:
    meetings = [
        MeetingRow(deadline=date(2026, 3, 10), starts_on=date(2026, 3, 10)),
        MeetingRow(deadline=date(2026, 3, 12), starts_on=date(2026, 3, 13)),
        MeetingRow(deadline=date(2026, 3, 20), starts_on=date(2026, 3, 18)),
        MeetingRow(deadline=date(2026, 3, 31), starts_on=date(2026, 4, 1)),  # late, in March
    ]
    series = first_meetings_in_time(meetings, BOARD)
    assert value(series, "2026-03", BOARD) == Decimal("50.0")
    assert series.extra["meetings"][BOARD.index(M("2026-03"))] == 4
    assert series.extra["in_time"][BOARD.index(M("2026-03"))] == 2
    assert value(series, "2026-04", BOARD) is None  # no meetings: no share


def test_average_time_is_the_ongoing_spell_so_far() -> None:
    # Household 1: paid since January (month 6 in June); household 2: since May (month 2 in June);
    # household 3 paid January–February and again from June (a new spell: month 1 in June).
    months = {
        1: span("2026-01", "2026-06"),
        2: span("2026-05", "2026-06"),
        3: span("2026-01", "2026-02") | {M("2026-06")},
    }
    series = average_time_on_assistance(months, BOARD)
    assert value(series, "2026-06", BOARD) == Decimal("3.0")  # (6 + 2 + 1) / 3
    assert value(series, "2026-02", BOARD) == Decimal("2.0")  # (2 + 2) / 2
    assert value(series, "2026-07", BOARD) is None


def test_a_spell_begun_before_the_board_counts_with_its_whole_length() -> None:
    months = {1: span("2024-06", "2025-01")}
    assert value(average_time_on_assistance(months, BOARD), "2025-01", BOARD) == Decimal("8.0")


def test_share_with_a_current_activity() -> None:
    months = {1: span("2026-03", "2026-05"), 2: span("2026-03", "2026-05")}
    referrals = [
        ReferralRow(1, started_on=date(2026, 3, 31), ended_on=date(2026, 4, 30)),
        ReferralRow(2, started_on=date(2026, 5, 2), ended_on=None),
        ReferralRow(3, started_on=date(2026, 1, 1), ended_on=None),  # not on assistance
    ]
    series = with_current_activity(months, referrals, BOARD)
    assert value(series, "2026-03", BOARD) == Decimal("50.0")
    assert value(series, "2026-04", BOARD) == Decimal("50.0")
    assert value(series, "2026-05", BOARD) == Decimal("50.0")  # 1 ended in April, 2 began
    assert value(series, "2026-06", BOARD) is None


def test_returns_after_twelve_months_by_the_month_they_fall_due() -> None:
    closures = [
        ClosureRow(1, date(2025, 3, 10), "work"),  # applies again 2026-03-10: returned (inclusive)
        ClosureRow(2, date(2025, 3, 15), "studies"),  # applies 2026-03-16: too late, stayed
        ClosureRow(3, date(2025, 3, 20), "moved"),  # not followed up
        ClosureRow(4, date(2025, 11, 30), "work"),  # due 2026-11-30, after today: not yet
    ]
    applications = [
        ApplicationRow(1, date(2026, 3, 10), M("2026-03")),
        ApplicationRow(2, date(2026, 3, 16), M("2026-04")),
    ]
    series = returns_after_twelve_months(closures, applications, BOARD, today=date(2026, 11, 23))
    assert value(series, "2026-03", BOARD) == Decimal("50.0")
    assert series.extra["followed_up"][BOARD.index(M("2026-03"))] == 2
    assert value(series, "2026-11", BOARD) is None


def test_the_board_has_every_measure() -> None:
    series = board_series(BoardInputs(months={}), as_of=M("2026-11"), today=date(2026, 11, 23))
    assert [s.key for s in series] == [
        "households",
        "long_term",
        "long_term_closed",
        "new_applications",
        "first_meetings",
        "average_time",
        "activity",
        "signed_plan",
        "returns",
    ]
    assert all(len(s.values) == 24 for s in series)


def test_the_fast_long_term_count_agrees_with_the_rule() -> None:
    from bryggan.followup.board import long_term_by_month
    from bryggan.followup.rules import is_long_term

    months = {
        n: {m for k, m in enumerate(board_months(M("2026-11"), 40)) if (k * n) % 7 < n % 7 + 2}
        for n in range(1, 30)
    }
    found = long_term_by_month(months, BOARD)
    for m in BOARD:
        assert found[m] == {h for h, ms in months.items() if m in ms and is_long_term(ms, as_of=m)}
    assert any(found.values())


def test_share_with_a_signed_plan_from_the_month_it_is_signed() -> None:
    months = {1: span("2026-03", "2026-05"), 2: span("2026-03", "2026-05"), 3: {M("2026-05")}}
    signed = {1: date(2026, 3, 31), 2: date(2026, 4, 1), 4: date(2026, 1, 1)}
    series = with_signed_plan(months, signed, BOARD)
    assert value(series, "2026-03", BOARD) == Decimal("50.0")  # 1 of 2
    assert value(series, "2026-04", BOARD) == Decimal("100.0")  # 2 of 2
    assert value(series, "2026-05", BOARD) == Decimal("66.7")  # 2 of 3
    assert value(series, "2026-06", BOARD) is None
