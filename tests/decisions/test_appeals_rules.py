"""The time check of an appeal (*rättidsprövning*) and the forwarding target, by hand-made cases
around the three-week boundary and by a property over any receipt date."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from holidays.countries.sweden import Sweden
from hypothesis import given
from hypothesis import strategies as st

from bryggan.decisions.rules_appeals import (
    LateExcuse,
    Timeliness,
    appeal_date_problem,
    appeal_time_check,
    forward_by,
)


def check(received: date | None, came_in: date, *, instructions: bool = False, court=None):  # type: ignore[no-untyped-def]
    return appeal_time_check(
        decision_received_on=received,
        appeal_received_on=came_in,
        incorrect_instructions=instructions,
        reached_court_on=court,
    )


@pytest.mark.parametrize(
    ("received", "came_in", "expected", "last_day"),
    [
        # Monday to Monday three weeks later: the last day itself is on time, the next day late.
        (date(2026, 11, 2), date(2026, 11, 23), Timeliness.ON_TIME, date(2026, 11, 23)),
        (date(2026, 11, 2), date(2026, 11, 24), Timeliness.LATE, date(2026, 11, 23)),
        (date(2026, 11, 2), date(2026, 11, 2), Timeliness.ON_TIME, date(2026, 11, 23)),
        # Ends on Saturday 28 November: moves to Monday 30 November.
        (date(2026, 11, 7), date(2026, 11, 30), Timeliness.ON_TIME, date(2026, 11, 30)),
        (date(2026, 11, 7), date(2026, 12, 1), Timeliness.LATE, date(2026, 11, 30)),
        # Ends on juldagen (Friday 25 December 2026): annandag jul and Sunday follow, so Monday 28.
        (date(2026, 12, 4), date(2026, 12, 28), Timeliness.ON_TIME, date(2026, 12, 28)),
        (date(2026, 12, 4), date(2026, 12, 29), Timeliness.LATE, date(2026, 12, 28)),
        # Ends on julafton (Thursday 24 December 2026), a day off under lag (1930:173) 2 §.
        (date(2026, 12, 3), date(2026, 12, 28), Timeliness.ON_TIME, date(2026, 12, 28)),
        # Ends on midsommarafton (Friday 19 June 2026): Monday 22 June.
        (date(2026, 5, 29), date(2026, 6, 22), Timeliness.ON_TIME, date(2026, 6, 22)),
        (date(2026, 5, 29), date(2026, 6, 23), Timeliness.LATE, date(2026, 6, 22)),
    ],
)
def test_the_appeal_period_is_three_weeks_moved_past_days_off(
    received: date, came_in: date, expected: Timeliness, last_day: date
) -> None:
    result = check(received, came_in)
    assert result.timeliness is expected
    assert result.last_day == last_day


def test_a_late_appeal_after_incorrect_instructions_is_not_dismissed() -> None:
    result = check(date(2026, 11, 2), date(2026, 12, 7), instructions=True)
    assert result.timeliness is Timeliness.LATE_NOT_DISMISSED
    assert result.excuses == (LateExcuse.INCORRECT_INSTRUCTIONS,)
    assert not result.may_be_dismissed
    assert result.may_be_forwarded


def test_a_late_appeal_that_reached_the_court_in_time_is_not_dismissed() -> None:
    in_time = check(date(2026, 11, 2), date(2026, 12, 7), court=date(2026, 11, 23))
    assert in_time.timeliness is Timeliness.LATE_NOT_DISMISSED
    assert in_time.excuses == (LateExcuse.REACHED_COURT_IN_TIME,)
    too_late = check(date(2026, 11, 2), date(2026, 12, 7), court=date(2026, 11, 24))
    assert too_late.timeliness is Timeliness.LATE
    assert too_late.may_be_dismissed
    assert not too_late.may_be_forwarded


def test_an_excuse_does_not_matter_for_an_appeal_on_time() -> None:
    result = check(date(2026, 11, 2), date(2026, 11, 20), instructions=True)
    assert result.timeliness is Timeliness.ON_TIME
    assert result.excuses == ()


def test_without_a_receipt_date_the_check_cannot_be_computed() -> None:
    result = check(None, date(2026, 12, 7))
    assert result.timeliness is Timeliness.UNKNOWN
    assert result.last_day is None
    assert not result.may_be_dismissed
    assert result.may_be_forwarded


def _closed(day: date) -> bool:
    """An oracle written apart from core.calendar: weekends, public holidays and the three eves."""
    every = Sweden(years=day.year, categories=Sweden.supported_categories, language="en_US")
    public = Sweden(years=day.year, include_sundays=False, language="en_US")
    eves = {"Midsummer Eve", "Christmas Eve", "New Year's Eve"}
    return day.weekday() >= 5 or day in public or every.get(day) in eves


def _shifted(day: date) -> date:
    while _closed(day):
        day += timedelta(days=1)
    return day


@given(
    received=st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31)),
    offset=st.integers(min_value=0, max_value=40),
)
def test_on_time_exactly_when_the_shifted_three_weeks_reach_the_day_it_came_in(
    received: date, offset: int
) -> None:
    came_in = received + timedelta(days=offset)
    result = check(received, came_in)
    on_time = came_in <= _shifted(received + timedelta(weeks=3))
    assert (result.timeliness is Timeliness.ON_TIME) == on_time
    assert result.timeliness in (Timeliness.ON_TIME, Timeliness.LATE)
    assert result.last_day is not None
    assert received + timedelta(weeks=3) <= result.last_day <= received + timedelta(days=26)


@given(
    received=st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31)),
    offset=st.integers(min_value=22, max_value=60),
)
def test_incorrect_instructions_never_leave_an_appeal_to_dismiss(
    received: date, offset: int
) -> None:
    result = check(received, received + timedelta(days=offset), instructions=True)
    assert not result.may_be_dismissed


def test_the_forwarding_target_is_a_week_moved_to_a_working_day() -> None:
    assert forward_by(appeal_received_on=date(2026, 12, 7), within_days=7) == date(2026, 12, 14)
    # A week after Friday 18 December is Friday 25 December (juldagen): Monday 28.
    assert forward_by(appeal_received_on=date(2026, 12, 18), within_days=7) == date(2026, 12, 28)
    with pytest.raises(ValueError, match="negative"):
        forward_by(appeal_received_on=date(2026, 12, 7), within_days=-1)


def test_an_appeal_cannot_come_in_before_the_decision_or_in_the_future() -> None:
    decided, today = date(2026, 11, 2), date(2026, 12, 7)
    assert appeal_date_problem(decided_on=decided, appeal_received_on=decided, today=today) is None
    assert (
        appeal_date_problem(decided_on=decided, appeal_received_on=date(2026, 11, 1), today=today)
        == "before_decision"
    )
    assert (
        appeal_date_problem(decided_on=decided, appeal_received_on=date(2026, 12, 8), today=today)
        == "in_the_future"
    )
