"""The work line's rules on hand-worked cases: capacity, schedule, steps, the passive list."""

from __future__ import annotations

from datetime import date

import pytest

from bryggan.activities import rules
from bryggan.activities.rules import ReferralState
from bryggan.core.errors import DomainError

MON_WED_FRI = frozenset({0, 2, 4})
# An activity running Monday 2 November to Friday 27 November 2026.
RUNS = {"starts_on": date(2026, 11, 2), "ends_on": date(2026, 11, 27), "weekdays": MON_WED_FRI}
TODAY = date(2026, 11, 30)


def test_a_full_activity_refuses_one_more_referral() -> None:
    with pytest.raises(DomainError) as error:
        rules.check_capacity(capacity=12, current_referrals=12)
    assert error.value.message == rules.ACTIVITY_FULL.format(taken=12, capacity=12)
    assert error.value.field == "activity"


def test_the_last_place_can_be_taken() -> None:
    rules.check_capacity(capacity=12, current_referrals=11)
    assert rules.has_room(capacity=12, current_referrals=11)
    assert not rules.has_room(capacity=12, current_referrals=12)


@pytest.mark.parametrize("day", [date(2026, 10, 30), date(2026, 11, 30)])
def test_attendance_outside_the_activity_is_refused(day: date) -> None:
    with pytest.raises(DomainError) as error:
        rules.check_attendance_day(day, **RUNS, today=date(2026, 12, 31))
    assert error.value.message == rules.DATE_OUTSIDE_ACTIVITY.format(
        day=day.isoformat(), starts="2026-11-02", ends="2026-11-27"
    )


def test_attendance_on_a_day_the_activity_does_not_meet_is_refused() -> None:
    with pytest.raises(DomainError) as error:
        rules.check_attendance_day(date(2026, 11, 10), **RUNS, today=TODAY)  # a Tuesday
    assert error.value.message == rules.DAY_NOT_SCHEDULED.format(
        day="2026-11-10", weekday=str(rules.WEEKDAY_NAMES[1]).lower()
    )


def test_attendance_ahead_of_time_is_refused() -> None:
    with pytest.raises(DomainError) as error:
        rules.check_attendance_day(date(2026, 11, 27), **RUNS, today=date(2026, 11, 25))
    assert error.value.message == rules.DATE_IN_FUTURE


def test_first_and_last_scheduled_days_are_accepted() -> None:
    rules.check_attendance_day(date(2026, 11, 2), **RUNS, today=TODAY)
    rules.check_attendance_day(date(2026, 11, 27), **RUNS, today=TODAY)
    assert rules.is_scheduled(date(2026, 11, 4), **RUNS)
    assert not rules.is_scheduled(date(2026, 11, 3), **RUNS)


def test_a_participant_takes_part_from_start_to_end_inclusive() -> None:
    kwargs = {"started_on": date(2026, 11, 4), "ended_on": date(2026, 11, 13)}
    assert not rules.takes_part_on(date(2026, 11, 3), **kwargs)
    assert rules.takes_part_on(date(2026, 11, 4), **kwargs)
    assert rules.takes_part_on(date(2026, 11, 13), **kwargs)
    assert not rules.takes_part_on(date(2026, 11, 16), **kwargs)
    assert not rules.takes_part_on(date(2026, 11, 4), started_on=None, ended_on=None)


@pytest.mark.parametrize(
    ("current", "target", "allowed"),
    [
        (ReferralState.REFERRED, ReferralState.ACCEPTED, True),
        (ReferralState.ACCEPTED, ReferralState.STARTED, True),
        (ReferralState.STARTED, ReferralState.ENDED, True),
        (ReferralState.REFERRED, ReferralState.ENDED, True),  # withdrawn before a start
        (ReferralState.REFERRED, ReferralState.STARTED, False),
        (ReferralState.ENDED, ReferralState.STARTED, False),
        (ReferralState.ENDED, ReferralState.ENDED, False),
    ],
)
def test_referral_steps_go_forward_one_at_a_time(
    current: ReferralState, target: ReferralState, allowed: bool
) -> None:
    if allowed:
        rules.check_step(current, target)
    else:
        with pytest.raises(DomainError):
            rules.check_step(current, target)


def test_a_schedule_is_stored_as_sorted_weekday_digits() -> None:
    assert rules.format_weekdays({4, 0, 2}) == "024"
    assert rules.parse_weekdays("024") == MON_WED_FRI
    with pytest.raises(DomainError) as error:
        rules.check_activity(
            capacity=5, starts_on=date(2026, 1, 1), ends_on=date(2026, 2, 1), weekdays=""
        )
    assert error.value.message == rules.NO_WEEKDAYS


def test_an_activity_cannot_end_before_it_starts() -> None:
    with pytest.raises(DomainError) as error:
        rules.check_activity(
            capacity=5, starts_on=date(2026, 2, 1), ends_on=date(2026, 1, 31), weekdays="0"
        )
    assert error.value.message == rules.ENDS_BEFORE_STARTS


def test_not_taking_part_needs_an_acceptable_reason() -> None:
    with pytest.raises(DomainError) as error:
        rules.check_ability(able=False, reason="", note="")
    assert error.value.message == rules.REASON_REQUIRED
    with pytest.raises(DomainError):
        rules.check_ability(able=True, reason="illness", note="")
    with pytest.raises(DomainError) as other:
        rules.check_ability(able=False, reason="other", note=" ")
    assert other.value.message == rules.NOTE_REQUIRED_FOR_OTHER
    rules.check_ability(able=False, reason="illness", note="")


def test_passive_means_able_and_without_a_current_referral() -> None:
    assert rules.is_passive(able_to_participate=True, has_current_referral=False)
    assert not rules.is_passive(able_to_participate=True, has_current_referral=True)
    assert not rules.is_passive(able_to_participate=False, has_current_referral=False)


def test_passive_duration_counts_from_the_case_opening_when_never_referred() -> None:
    since = rules.passive_since(case_opened_on=date(2026, 9, 1), last_referral_ended_on=None)
    assert since == date(2026, 9, 1)
    assert rules.passive_days(since, today=date(2026, 11, 23)) == 83  # 29 + 31 + 23


def test_passive_duration_counts_from_the_last_referral_end_when_later() -> None:
    since = rules.passive_since(
        case_opened_on=date(2026, 9, 1), last_referral_ended_on=date(2026, 11, 13)
    )
    assert since == date(2026, 11, 13)
    assert rules.passive_days(since, today=date(2026, 11, 23)) == 10


def test_a_referral_ended_before_the_case_opened_counts_from_the_opening() -> None:
    since = rules.passive_since(
        case_opened_on=date(2026, 9, 1), last_referral_ended_on=date(2025, 3, 31)
    )
    assert since == date(2026, 9, 1)
    assert rules.passive_days(date(2026, 12, 1), today=date(2026, 11, 23)) == 0
