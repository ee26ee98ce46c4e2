"""Services of the work line: referrals within capacity, steps, group attendance in one
transaction, the passive list."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest

from bryggan.accounts.models import Unit, User
from bryggan.activities import rules
from bryggan.activities.models import Attendance, Outcome, ReferralStatus
from bryggan.activities.rules import AttendanceMark
from bryggan.activities.selectors import passive_list
from bryggan.activities.services import (
    ALREADY_REFERRED,
    OTHER_UNIT_ACTIVITY,
    attendance_register_group,
    participation_assess,
    referral_create,
    referral_end,
)
from bryggan.audit.models import ChangeRecord
from bryggan.core.errors import DomainError
from bryggan.people.models import Household, Person
from tests.activities.factories import make_activity, make_household, make_participant

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 23)  # a Monday
LAST_MONDAY = date(2026, 11, 16)


def _applicant(household: Household) -> Person:
    return household.members.get(role="applicant").person


def test_a_referral_beyond_capacity_is_refused_with_the_places_named(
    unit: Unit, persona: Callable[..., User]
) -> None:
    coach = persona("work_coach")
    activity = make_activity(unit, coach, today=TODAY, capacity=2)
    for serial in (101, 102):
        household = make_household(unit, coach, serial=serial)
        referral_create(
            activity=activity,
            household=household,
            person=_applicant(household),
            referred_on=TODAY,
            by=coach,
        )
    third = make_household(unit, coach, serial=103)
    with pytest.raises(DomainError) as error:
        referral_create(
            activity=activity,
            household=third,
            person=_applicant(third),
            referred_on=TODAY,
            by=coach,
        )
    assert error.value.message == rules.ACTIVITY_FULL.format(taken=2, capacity=2)
    assert activity.referrals.count() == 2


def test_an_ended_referral_frees_its_place(unit: Unit, persona: Callable[..., User]) -> None:
    coach = persona("work_coach")
    activity = make_activity(unit, coach, today=TODAY, capacity=1)
    first = make_participant(
        activity, make_household(unit, coach, serial=101), coach, started_on=LAST_MONDAY
    )
    referral_end(referral=first, on=TODAY, outcome=Outcome.WORK, by=coach)
    second = make_household(unit, coach, serial=102)
    referral = referral_create(
        activity=activity, household=second, person=_applicant(second), referred_on=TODAY, by=coach
    )
    assert referral.status == ReferralStatus.REFERRED


def test_the_same_person_cannot_hold_two_places_in_one_activity(
    unit: Unit, persona: Callable[..., User]
) -> None:
    coach = persona("work_coach")
    activity = make_activity(unit, coach, today=TODAY)
    household = make_household(unit, coach, serial=101)
    person = _applicant(household)
    referral_create(
        activity=activity, household=household, person=person, referred_on=TODAY, by=coach
    )
    with pytest.raises(DomainError) as error:
        referral_create(
            activity=activity, household=household, person=person, referred_on=TODAY, by=coach
        )
    assert error.value.message == ALREADY_REFERRED.format(name=person)


def test_an_activity_of_another_unit_is_refused(
    unit: Unit, other_unit: Unit, persona: Callable[..., User]
) -> None:
    coach = persona("work_coach")
    activity = make_activity(other_unit, persona("work_coach", in_unit=other_unit), today=TODAY)
    household = make_household(unit, coach, serial=101)
    with pytest.raises(DomainError) as error:
        referral_create(
            activity=activity,
            household=household,
            person=_applicant(household),
            referred_on=TODAY,
            by=coach,
        )
    assert error.value.message == OTHER_UNIT_ACTIVITY


def test_ending_records_the_outcome_and_history(unit: Unit, persona: Callable[..., User]) -> None:
    coach = persona("work_coach")
    activity = make_activity(unit, coach, today=TODAY)
    referral = make_participant(
        activity, make_household(unit, coach, serial=101), coach, started_on=LAST_MONDAY
    )
    ended = referral_end(referral=referral, on=TODAY, outcome=Outcome.STUDIES, by=coach)
    assert (ended.status, ended.ended_on, ended.outcome) == ("ended", TODAY, "studies")
    actions = list(
        ChangeRecord.objects.filter(object_type="referral", object_id=str(referral.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["referred", "accepted", "started", "ended"]


def test_group_attendance_is_saved_for_every_participant_with_history(
    unit: Unit, persona: Callable[..., User]
) -> None:
    coach = persona("work_coach")
    activity = make_activity(unit, coach, today=TODAY)
    a, b = (
        make_participant(
            activity, make_household(unit, coach, serial=s), coach, started_on=LAST_MONDAY
        )
        for s in (101, 102)
    )
    saved = attendance_register_group(
        activity=activity,
        day=LAST_MONDAY,
        marks={a.pk: AttendanceMark.PRESENT, b.pk: AttendanceMark.UNEXCUSED_ABSENCE},
        by=coach,
        today=TODAY,
    )
    assert saved == 2
    assert dict(Attendance.objects.values_list("referral_id", "status")) == {
        a.pk: "present",
        b.pk: "unexcused_absence",
    }
    assert ChangeRecord.objects.filter(object_type="attendance").count() == 2


def test_one_bad_row_saves_nothing_for_the_group(unit: Unit, persona: Callable[..., User]) -> None:
    coach = persona("work_coach")
    activity = make_activity(unit, coach, today=TODAY)
    early = make_participant(
        activity, make_household(unit, coach, serial=101), coach, started_on=LAST_MONDAY
    )
    late = make_participant(
        activity,
        make_household(unit, coach, serial=102, first="Omar"),
        coach,
        started_on=LAST_MONDAY + timedelta(days=2),
    )
    with pytest.raises(DomainError) as error:
        attendance_register_group(
            activity=activity,
            day=LAST_MONDAY,
            marks={early.pk: AttendanceMark.PRESENT, late.pk: AttendanceMark.PRESENT},
            by=coach,
            today=TODAY,
        )
    assert error.value.message == rules.NOT_PARTICIPATING.format(
        name=late.person, day=LAST_MONDAY.isoformat()
    )
    assert Attendance.objects.count() == 0
    assert not ChangeRecord.objects.filter(object_type="attendance").exists()


def test_a_correction_replaces_the_mark_and_keeps_the_earlier_one_in_history(
    unit: Unit, persona: Callable[..., User]
) -> None:
    coach = persona("work_coach")
    activity = make_activity(unit, coach, today=TODAY)
    referral = make_participant(
        activity, make_household(unit, coach, serial=101), coach, started_on=LAST_MONDAY
    )
    for mark in (AttendanceMark.UNEXCUSED_ABSENCE, AttendanceMark.VALID_ABSENCE):
        attendance_register_group(
            activity=activity, day=LAST_MONDAY, marks={referral.pk: mark}, by=coach, today=TODAY
        )
    assert Attendance.objects.get().status == "valid_absence"
    last = ChangeRecord.objects.filter(object_type="attendance").latest("id")
    assert last.changes["was"] == "unexcused_absence"


def test_a_day_outside_the_schedule_is_refused_for_the_whole_group(
    unit: Unit, persona: Callable[..., User]
) -> None:
    coach = persona("work_coach")
    activity = make_activity(unit, coach, today=TODAY, weekdays=frozenset({0, 2}))
    referral = make_participant(
        activity, make_household(unit, coach, serial=101), coach, started_on=LAST_MONDAY
    )
    tuesday = LAST_MONDAY + timedelta(days=1)
    with pytest.raises(DomainError) as error:
        attendance_register_group(
            activity=activity,
            day=tuesday,
            marks={referral.pk: AttendanceMark.PRESENT},
            by=coach,
            today=TODAY,
        )
    assert error.value.message == rules.DAY_NOT_SCHEDULED.format(
        day=tuesday.isoformat(), weekday=str(rules.WEEKDAY_NAMES[1]).lower()
    )
    assert Attendance.objects.count() == 0


def test_the_passive_list_holds_the_able_without_a_current_activity(
    unit: Unit, persona: Callable[..., User]
) -> None:
    coach = persona("work_coach")
    activity = make_activity(unit, coach, today=TODAY)
    in_activity = make_household(unit, coach, serial=101, first="Aida")
    make_participant(activity, in_activity, coach, started_on=LAST_MONDAY)
    ill = make_household(unit, coach, serial=102, first="Bo")
    participation_assess(
        household=ill,
        person=_applicant(ill),
        able=False,
        reason="illness",
        note="",
        on=TODAY,
        by=coach,
    )
    never = make_household(unit, coach, serial=103, first="Cecilia", opened_on=date(2026, 9, 1))
    ended = make_household(unit, coach, serial=104, first="David", opened_on=date(2026, 9, 1))
    done = make_participant(activity, ended, coach, started_on=date(2026, 10, 1))
    referral_end(referral=done, on=date(2026, 11, 13), outcome=Outcome.INTERRUPTED, by=coach)

    rows = passive_list(unit, today=TODAY)

    assert [(r.member.household_id, r.since, r.days) for r in rows] == [
        (never.pk, date(2026, 9, 1), 83),
        (ended.pk, date(2026, 11, 13), 10),
    ]
