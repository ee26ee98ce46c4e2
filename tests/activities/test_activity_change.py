"""Changing an activity and ending it early: the services' refusals, one by one, and the pages."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from bryggan.accounts.models import Unit, User
from bryggan.activities import rules, services
from bryggan.activities.models import (
    Activity,
    ActivityKind,
    Outcome,
    Provider,
    Referral,
    ReferralStatus,
    TargetGroup,
)
from bryggan.activities.rules import AttendanceMark
from bryggan.activities.services import (
    activity_change,
    activity_create,
    activity_end_early,
    attendance_register_group,
    referral_create,
    referral_end,
)
from bryggan.audit.models import ChangeRecord
from bryggan.core.errors import DomainError
from bryggan.people.models import Household
from bryggan.people.services import household_open
from tests.activities.factories import make_activity, make_household, make_participant
from tests.people.factories import person_input

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 23)  # a Monday; make_activity runs 2026-09-24 to 2027-01-22
LAST_MONDAY = date(2026, 11, 16)


def _as_is(activity: Activity) -> dict[str, Any]:
    return {
        "name": activity.name,
        "provider": Provider(activity.provider),
        "kind": ActivityKind(activity.kind),
        "target_group": TargetGroup(activity.target_group),
        "capacity": activity.capacity,
        "starts_on": activity.starts_on,
        "ends_on": activity.ends_on,
        "weekdays": activity.weekday_set,
    }


def _change(activity: Activity, by: User, **changes: Any) -> Activity:
    return activity_change(activity=activity, by=by, **(_as_is(activity) | changes))


def _refuse(call: Callable[[], object]) -> DomainError:
    with pytest.raises(DomainError) as caught:
        call()
    return caught.value


def _group(unit: Unit, coach: User, activity: Activity, size: int, *, on: date) -> list[Referral]:
    return [
        make_participant(
            activity, make_household(unit, coach, serial=300 + i), coach, started_on=on
        )
        for i in range(size)
    ]


def _attend(activity: Activity, referral: Referral, day: date, by: User) -> None:
    attendance_register_group(
        activity=activity, day=day, marks={referral.pk: AttendanceMark.PRESENT}, by=by, today=TODAY
    )


# --- activity_change ------------------------------------------------------------------------------


def test_a_change_writes_the_fields_and_one_history_row_with_old_and_new_values(
    unit: Unit, persona: Callable[..., User]
) -> None:
    coach = persona("work_coach")
    activity = make_activity(unit, coach, today=TODAY, capacity=10)
    changed = _change(
        activity,
        coach,
        name="Verkstan, förlängd",
        capacity=12,
        ends_on=date(2027, 3, 31),
        weekdays=frozenset({0, 2}),
        kind=ActivityKind.WORK_PRACTICE,
    )
    stored = Activity.objects.get(pk=activity.pk)
    assert (stored.name, stored.capacity, stored.ends_on, stored.weekdays, stored.kind) == (
        "Verkstan, förlängd",
        12,
        date(2027, 3, 31),
        "02",
        "work_practice",
    )
    assert changed.pk == activity.pk
    record = ChangeRecord.objects.get(object_type="activity", action="changed")
    assert record.object_id == str(activity.pk)
    assert record.user == coach
    assert record.changes == {
        "name": ["Arbetsträning Verkstan", "Verkstan, förlängd"],
        "kind": ["work_training", "work_practice"],
        "capacity": [10, 12],
        "ends_on": ["2027-01-22", "2027-03-31"],
        "weekdays": ["01234", "02"],
    }


def test_a_change_that_changes_nothing_writes_no_history(
    unit: Unit, persona: Callable[..., User]
) -> None:
    coach = persona("work_coach")
    activity = make_activity(unit, coach, today=TODAY)
    _change(activity, coach)
    assert not ChangeRecord.objects.filter(action="changed").exists()


def test_fewer_places_than_current_referrals_is_refused_on_the_places_field(
    unit: Unit, persona: Callable[..., User]
) -> None:
    coach = persona("work_coach")
    activity = make_activity(unit, coach, today=TODAY, capacity=5)
    _group(unit, coach, activity, 2, on=LAST_MONDAY)
    # A referral only sent (not yet accepted) holds a place too.
    waiting = make_household(unit, coach, serial=350)
    referral_create(
        activity=activity,
        household=waiting,
        person=waiting.members.get().person,
        referred_on=TODAY,
        by=coach,
    )
    error = _refuse(lambda: _change(activity, coach, capacity=2))
    assert error.field == "capacity"
    assert error.message == rules.FEWER_PLACES_THAN_PARTICIPANTS.format(current=3)
    assert Activity.objects.get(pk=activity.pk).capacity == 5
    assert _change(activity, coach, capacity=3).capacity == 3


def test_ended_referrals_hold_no_place_when_the_places_are_reduced(
    unit: Unit, persona: Callable[..., User]
) -> None:
    coach = persona("work_coach")
    activity = make_activity(unit, coach, today=TODAY, capacity=5)
    first, second = _group(unit, coach, activity, 2, on=LAST_MONDAY)
    referral_end(referral=second, on=TODAY, outcome=Outcome.WORK, by=coach)
    assert _change(activity, coach, capacity=1).capacity == 1
    error = _refuse(lambda: _change(activity, coach, capacity=0))
    assert (error.field, error.message) == ("capacity", rules.CAPACITY_TOO_SMALL)
    assert Referral.objects.get(pk=first.pk).is_current


def test_a_start_after_a_day_with_attendance_is_refused_on_the_start_field(
    unit: Unit, persona: Callable[..., User]
) -> None:
    coach = persona("work_coach")
    activity = make_activity(unit, coach, today=TODAY)
    (referral,) = _group(unit, coach, activity, 1, on=date(2026, 10, 5))
    _attend(activity, referral, date(2026, 10, 6), coach)
    _attend(activity, referral, LAST_MONDAY, coach)
    error = _refuse(lambda: _change(activity, coach, starts_on=date(2026, 10, 7)))
    assert error.field == "starts_on"
    assert error.message == rules.PERIOD_LEAVES_OUT_ATTENDANCE.format(day="2026-10-06")
    assert Activity.objects.get(pk=activity.pk).starts_on == date(2026, 9, 24)


def test_an_end_before_a_day_with_attendance_is_refused_on_the_end_field(
    unit: Unit, persona: Callable[..., User]
) -> None:
    coach = persona("work_coach")
    activity = make_activity(unit, coach, today=TODAY)
    (referral,) = _group(unit, coach, activity, 1, on=date(2026, 10, 5))
    _attend(activity, referral, LAST_MONDAY, coach)
    # With no current referral left, an earlier end is a change (else it is "End early").
    referral_end(referral=referral, on=LAST_MONDAY, outcome=Outcome.WORK, by=coach)
    error = _refuse(lambda: _change(activity, coach, ends_on=LAST_MONDAY - timedelta(days=1)))
    assert error.field == "ends_on"
    assert error.message == rules.PERIOD_LEAVES_OUT_ATTENDANCE.format(day="2026-11-16")
    # Ending on the last day with attendance keeps it inside the period.
    assert _change(activity, coach, ends_on=LAST_MONDAY).ends_on == LAST_MONDAY


def test_a_start_after_a_participant_started_is_refused_even_without_attendance(
    unit: Unit, persona: Callable[..., User]
) -> None:
    coach = persona("work_coach")
    activity = make_activity(unit, coach, today=TODAY)
    _group(unit, coach, activity, 1, on=date(2026, 10, 5))
    error = _refuse(lambda: _change(activity, coach, starts_on=date(2026, 10, 6)))
    assert error.field == "starts_on"
    assert error.message == rules.PERIOD_LEAVES_OUT_START.format(day="2026-10-05")
    assert _change(activity, coach, starts_on=date(2026, 10, 5)).starts_on == date(2026, 10, 5)


def test_a_change_ending_before_it_starts_is_refused_on_the_end_field(
    unit: Unit, persona: Callable[..., User]
) -> None:
    coach = persona("work_coach")
    activity = make_activity(unit, coach, today=TODAY)
    error = _refuse(
        lambda: _change(activity, coach, starts_on=date(2026, 12, 1), ends_on=date(2026, 11, 30))
    )
    assert (error.field, error.message) == ("ends_on", rules.ENDS_BEFORE_STARTS)


def test_a_change_without_weekdays_is_refused(unit: Unit, persona: Callable[..., User]) -> None:
    coach = persona("work_coach")
    activity = make_activity(unit, coach, today=TODAY)
    error = _refuse(lambda: _change(activity, coach, weekdays=frozenset()))
    assert (error.field, error.message) == ("weekdays", rules.NO_WEEKDAYS)


# --- activity_end_early ---------------------------------------------------------------------------


def test_ending_early_ends_the_activity_and_every_current_referral_with_the_outcome(
    unit: Unit, persona: Callable[..., User]
) -> None:
    coach = persona("work_coach")
    activity = make_activity(unit, coach, today=TODAY)
    started, already_ended = _group(unit, coach, activity, 2, on=date(2026, 10, 5))
    referral_end(referral=already_ended, on=date(2026, 11, 2), outcome=Outcome.WORK, by=coach)
    waiting = make_household(unit, coach, serial=360)
    referred = referral_create(
        activity=activity,
        household=waiting,
        person=waiting.members.get().person,
        referred_on=LAST_MONDAY,
        by=coach,
    )
    _attend(activity, started, LAST_MONDAY, coach)

    ended = activity_end_early(
        activity=activity, on=TODAY, outcome=Outcome.INTERRUPTED, by=coach, today=TODAY
    )

    assert ended.ends_on == Activity.objects.get(pk=activity.pk).ends_on == TODAY
    rows = {
        r.pk: (r.status, r.ended_on, r.outcome) for r in Referral.objects.filter(activity=activity)
    }
    assert rows == {
        started.pk: (ReferralStatus.ENDED, TODAY, "interrupted"),
        referred.pk: (ReferralStatus.ENDED, TODAY, "interrupted"),
        already_ended.pk: (ReferralStatus.ENDED, date(2026, 11, 2), "work"),
    }
    record = ChangeRecord.objects.get(object_type="activity", action="ended_early")
    assert record.changes == {
        "ends_on": ["2027-01-22", "2026-11-23"],
        "outcome": "interrupted",
        "referrals": sorted([started.pk, referred.pk]),
    }
    # Each referral's end is its own history row in its case, written by referral_end.
    assert set(
        ChangeRecord.objects.filter(object_type="referral", action="ended").values_list(
            "object_id", "case_id"
        )
    ) == {
        (str(started.pk), started.household_id),
        (str(referred.pk), referred.household_id),
        (str(already_ended.pk), already_ended.household_id),
    }


def test_ending_before_the_last_attendance_is_refused_and_nothing_ends(
    unit: Unit, persona: Callable[..., User]
) -> None:
    coach = persona("work_coach")
    activity = make_activity(unit, coach, today=TODAY)
    (referral,) = _group(unit, coach, activity, 1, on=date(2026, 10, 5))
    _attend(activity, referral, LAST_MONDAY, coach)
    error = _refuse(
        lambda: activity_end_early(
            activity=activity, on=date(2026, 11, 13), outcome=Outcome.WORK, by=coach, today=TODAY
        )
    )
    assert error.field == "on"
    assert error.message == rules.END_BEFORE_ATTENDANCE.format(day="2026-11-16")
    assert Activity.objects.get(pk=activity.pk).ends_on == date(2027, 1, 22)
    assert Referral.objects.get(pk=referral.pk).status == ReferralStatus.STARTED
    # The day of the last attendance itself is allowed.
    activity_end_early(
        activity=activity, on=LAST_MONDAY, outcome=Outcome.WORK, by=coach, today=TODAY
    )
    assert Referral.objects.get(pk=referral.pk).ended_on == LAST_MONDAY


def test_ending_after_the_planned_end_is_refused(unit: Unit, persona: Callable[..., User]) -> None:
    coach = persona("work_coach")
    activity = make_activity(unit, coach, today=TODAY)
    error = _refuse(
        lambda: activity_end_early(
            activity=activity, on=date(2027, 1, 23), outcome=Outcome.WORK, by=coach, today=TODAY
        )
    )
    assert error.field == "on"
    assert error.message == rules.END_AFTER_PLANNED_END.format(ends="2027-01-22")
    later = date(2027, 1, 25)
    assert activity_end_early(
        activity=activity, on=date(2027, 1, 22), outcome=Outcome.WORK, by=coach, today=later
    ).ends_on == date(2027, 1, 22)


def test_ending_before_the_activity_starts_is_refused(
    unit: Unit, persona: Callable[..., User]
) -> None:
    coach = persona("work_coach")
    activity = make_activity(unit, coach, today=TODAY)
    error = _refuse(
        lambda: activity_end_early(
            activity=activity, on=date(2026, 9, 23), outcome=Outcome.WORK, by=coach, today=TODAY
        )
    )
    assert (error.field, error.message) == ("on", rules.ENDS_BEFORE_STARTS)


def test_ending_before_a_referrals_last_step_is_refused_naming_the_client(
    unit: Unit, persona: Callable[..., User]
) -> None:
    coach = persona("work_coach")
    activity = make_activity(unit, coach, today=TODAY)
    _group(unit, coach, activity, 2, on=date(2026, 10, 5))
    later = make_household(unit, coach, serial=370, first="Yusuf")
    make_participant(activity, later, coach, started_on=TODAY)
    error = _refuse(
        lambda: activity_end_early(
            activity=activity, on=LAST_MONDAY, outcome=Outcome.WORK, by=coach, today=TODAY
        )
    )
    assert error.field == "on"
    assert error.message == rules.END_BEFORE_REFERRAL_STEP.format(
        name="Yusuf Lind", day="2026-11-23"
    )
    # Refused before anything was written (one transaction: see the test after the next).
    assert {r.status for r in Referral.objects.filter(activity=activity)} == {
        ReferralStatus.STARTED
    }


def test_ending_early_without_an_outcome_is_refused(
    unit: Unit, persona: Callable[..., User]
) -> None:
    coach = persona("work_coach")
    activity = make_activity(unit, coach, today=TODAY)
    error = _refuse(
        lambda: activity_end_early(activity=activity, on=TODAY, outcome="", by=coach, today=TODAY)  # type: ignore[arg-type]
    )
    assert (error.field, error.message) == ("outcome", rules.OUTCOME_REQUIRED)


# --- the pages ------------------------------------------------------------------------------------


def _form_data(activity: Activity, **changes: str) -> dict[str, Any]:
    return {
        "name": activity.name,
        "provider": activity.provider,
        "kind": activity.kind,
        "target_group": activity.target_group,
        "capacity": str(activity.capacity),
        "starts_on": activity.starts_on.isoformat(),
        "ends_on": activity.ends_on.isoformat(),
        "weekdays": [str(d) for d in sorted(activity.weekday_set)],
        "version": str(Activity.objects.get(pk=activity.pk).version),
    } | changes


def test_the_change_page_shows_the_activity_prefilled(
    unit: Unit, persona: Callable[..., User], client_as: Callable[..., Client], english: None
) -> None:
    activity = make_activity(unit, persona("work_coach"), today=timezone.localdate(), capacity=7)
    html = client_as("unit_manager").get(reverse("activities:activity_change", args=[activity.pk]))
    page = html.content.decode()
    assert 'value="Arbetsträning Verkstan"' in page
    assert 'name="capacity" value="7"' in page
    assert f'value="{activity.ends_on.isoformat()}"' in page
    assert "Save the changes" in page


def test_a_coach_changes_an_activity_through_the_page(
    unit: Unit, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    activity = make_activity(unit, persona("work_coach"), today=timezone.localdate())
    response = client_as("work_coach").post(
        reverse("activities:activity_change", args=[activity.pk]),
        _form_data(activity, name="Verkstan kväll", capacity="4", weekdays=["1", "3"]),
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("activities:activity_detail", args=[activity.pk])
    activity.refresh_from_db()
    assert (activity.name, activity.capacity, activity.weekdays) == ("Verkstan kväll", 4, "13")


def test_too_few_places_keeps_what_was_typed_and_marks_the_places_field(
    unit: Unit, persona: Callable[..., User], client_as: Callable[..., Client], english: None
) -> None:
    coach = persona("work_coach")
    today = timezone.localdate()
    activity = make_activity(unit, coach, today=today)
    _group(unit, coach, activity, 2, on=today)
    response = client_as("work_coach").post(
        reverse("activities:activity_change", args=[activity.pk]),
        _form_data(activity, name="Nytt namn", capacity="1"),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_capacity_error"' in page
    assert str(rules.FEWER_PLACES_THAN_PARTICIPANTS.format(current=2)) in page
    assert 'value="Nytt namn"' in page
    assert Activity.objects.get(pk=activity.pk).name == "Arbetsträning Verkstan"


def test_an_end_before_the_start_is_a_form_error_on_the_end_field(
    unit: Unit, persona: Callable[..., User], client_as: Callable[..., Client], english: None
) -> None:
    activity = make_activity(unit, persona("work_coach"), today=timezone.localdate())
    response = client_as("work_coach").post(
        reverse("activities:activity_change", args=[activity.pk]),
        _form_data(activity, ends_on=(activity.starts_on - timedelta(days=1)).isoformat()),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_ends_on_error"' in page
    assert str(rules.ENDS_BEFORE_STARTS) in page


def test_another_units_activity_cannot_be_changed_or_ended(
    unit: Unit,
    other_unit: Unit,
    persona: Callable[..., User],
    client_as: Callable[..., Client],
) -> None:
    activity = make_activity(other_unit, persona("work_coach", in_unit=other_unit), today=TODAY)
    client = client_as("work_coach")
    for name in ("activities:activity_change", "activities:activity_end"):
        assert client.get(reverse(name, args=[activity.pk])).status_code == 404
        assert client.post(reverse(name, args=[activity.pk]), {}).status_code == 404


def test_the_end_page_lists_the_referrals_it_will_end(
    unit: Unit, persona: Callable[..., User], client_as: Callable[..., Client], english: None
) -> None:
    coach = persona("work_coach")
    today = timezone.localdate()
    activity = make_activity(unit, coach, today=today)
    staying = make_participant(
        activity, make_household(unit, coach, serial=380, first="Amir"), coach, started_on=today
    )
    gone = make_participant(
        activity, make_household(unit, coach, serial=381, first="Greta"), coach, started_on=today
    )
    referral_end(referral=gone, on=today, outcome=Outcome.STUDIES, by=coach)
    page = client_as("work_coach").get(reverse("activities:activity_end", args=[activity.pk]))
    html = page.content.decode()
    assert "Amir Lind" in html
    assert "Greta Lind" not in html
    assert html.count('data-testid="ending-referral"') == 1
    assert "End the activity and 1 referral" in html
    assert Referral.objects.get(pk=staying.pk).is_current


def test_ending_before_the_last_attendance_keeps_the_typed_date_and_marks_the_field(
    unit: Unit, persona: Callable[..., User], client_as: Callable[..., Client], english: None
) -> None:
    coach = persona("work_coach")
    today = timezone.localdate()
    activity = make_activity(unit, coach, today=today, weekdays=frozenset(range(7)))
    (referral,) = _group(unit, coach, activity, 1, on=today - timedelta(days=10))
    attendance_register_group(
        activity=activity,
        day=today,
        marks={referral.pk: AttendanceMark.PRESENT},
        by=coach,
        today=today,
    )
    typed = (today - timedelta(days=1)).isoformat()
    response = client_as("work_coach").post(
        reverse("activities:activity_end", args=[activity.pk]), {"on": typed, "outcome": "work"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_on_error"' in html
    assert f'value="{typed}"' in html
    assert str(rules.END_BEFORE_ATTENDANCE.format(day=today.isoformat())) in html
    assert Referral.objects.get(pk=referral.pk).is_current


def test_ending_without_an_outcome_marks_the_outcome_field(
    unit: Unit, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    activity = make_activity(unit, persona("work_coach"), today=timezone.localdate())
    response = client_as("work_coach").post(
        reverse("activities:activity_end", args=[activity.pk]),
        {"on": timezone.localdate().isoformat(), "outcome": ""},
    )
    assert response.status_code == 200
    assert 'id="id_outcome_error"' in response.content.decode()


def test_a_manager_ends_an_activity_early_through_the_page(
    unit: Unit, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    coach = persona("work_coach")
    today = timezone.localdate()
    activity = make_activity(unit, coach, today=today)
    (referral,) = _group(unit, coach, activity, 1, on=today - timedelta(days=3))
    response = client_as("unit_manager").post(
        reverse("activities:activity_end", args=[activity.pk]),
        {"on": today.isoformat(), "outcome": "studies"},
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert (referral.status, referral.ended_on, referral.outcome) == ("ended", today, "studies")
    assert Activity.objects.get(pk=activity.pk).ends_on == today


def test_the_activity_page_offers_change_and_end_only_to_who_may_use_them(
    unit: Unit, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    activity = make_activity(unit, persona("work_coach"), today=timezone.localdate())
    change = reverse("activities:activity_change", args=[activity.pk])
    end = reverse("activities:activity_end", args=[activity.pk])
    detail = reverse("activities:activity_detail", args=[activity.pk])
    for role, shown in (("caseworker", False), ("work_coach", True), ("unit_manager", True)):
        html = client_as(role).get(detail).content.decode()
        assert (change in html, end in html) == (shown, shown), role


# --- what a change and an early end must keep -----------------------------------------------------


def test_an_earlier_end_is_refused_while_referrals_are_current_and_points_to_end_early(
    unit: Unit, persona: Callable[..., User]
) -> None:
    coach = persona("work_coach")
    activity = make_activity(unit, coach, today=TODAY)
    # Only referred (not started): it still holds a place that would outlast the activity.
    waiting = make_household(unit, coach, serial=390)
    referral = referral_create(
        activity=activity,
        household=waiting,
        person=waiting.members.get().person,
        referred_on=TODAY,
        by=coach,
    )
    error = _refuse(lambda: _change(activity, coach, ends_on=date(2026, 12, 31)))
    assert error.field == "ends_on"
    assert error.message == rules.EARLIER_END_WITH_CURRENT_REFERRALS.format(
        current=1, ends="2027-01-22"
    )
    assert Activity.objects.get(pk=activity.pk).ends_on == date(2027, 1, 22)
    # A later end is a change like any other; and once no referral is current, so is an earlier.
    assert _change(activity, coach, ends_on=date(2027, 2, 26)).ends_on == date(2027, 2, 26)
    referral_end(referral=referral, on=TODAY, outcome=Outcome.INTERRUPTED, by=coach)
    assert _change(activity, coach, ends_on=date(2026, 12, 31)).ends_on == date(2026, 12, 31)


def test_an_end_before_a_referral_ended_is_refused_by_a_change_and_by_ending_early(
    unit: Unit, persona: Callable[..., User]
) -> None:
    coach = persona("work_coach")
    activity = make_activity(unit, coach, today=TODAY)
    first, second = _group(unit, coach, activity, 2, on=date(2026, 10, 5))
    referral_end(referral=first, on=date(2026, 11, 20), outcome=Outcome.WORK, by=coach)
    error = _refuse(
        lambda: activity_end_early(
            activity=activity, on=date(2026, 11, 19), outcome=Outcome.WORK, by=coach, today=TODAY
        )
    )
    assert (error.field, error.message) == (
        "on",
        rules.END_BEFORE_REFERRAL_ENDED.format(day="2026-11-20"),
    )
    referral_end(referral=second, on=date(2026, 11, 10), outcome=Outcome.WORK, by=coach)
    error = _refuse(lambda: _change(activity, coach, ends_on=date(2026, 11, 19)))
    assert (error.field, error.message) == (
        "ends_on",
        rules.END_BEFORE_REFERRAL_ENDED.format(day="2026-11-20"),
    )
    assert _change(activity, coach, ends_on=date(2026, 11, 20)).ends_on == date(2026, 11, 20)


def test_a_weekday_with_registered_attendance_cannot_be_removed_so_it_stays_correctable(
    unit: Unit, persona: Callable[..., User]
) -> None:
    coach = persona("work_coach")
    activity = make_activity(unit, coach, today=TODAY)  # Monday to Friday
    (referral,) = _group(unit, coach, activity, 1, on=date(2026, 10, 5))
    tuesday = date(2026, 11, 17)
    attendance_register_group(
        activity=activity,
        day=tuesday,
        marks={referral.pk: AttendanceMark.UNEXCUSED_ABSENCE},
        by=coach,
        today=TODAY,
    )
    _attend(activity, referral, date(2026, 11, 10), coach)  # an earlier Tuesday
    error = _refuse(lambda: _change(activity, coach, weekdays=frozenset({0, 2, 3, 4})))
    assert error.field == "weekdays"
    assert error.message == rules.WEEKDAY_WITH_ATTENDANCE.format(
        day="2026-11-17", weekday=str(rules.WEEKDAY_NAMES[1]).lower()
    )
    assert Activity.objects.get(pk=activity.pk).weekdays == "01234"
    # A weekday without attendance can go; the Tuesday's absence can still be corrected, which
    # withdraws the sanction proposal it made.
    changed = _change(activity, coach, weekdays=frozenset({1, 2, 3, 4}))
    attendance_register_group(
        activity=changed,
        day=tuesday,
        marks={referral.pk: AttendanceMark.VALID_ABSENCE},
        by=coach,
        today=TODAY,
    )
    assert ChangeRecord.objects.filter(object_type="sanction_proposal", action="withdrawn").exists()


def test_ending_early_on_a_day_after_today_is_refused(
    unit: Unit, persona: Callable[..., User]
) -> None:
    coach = persona("work_coach")
    activity = make_activity(unit, coach, today=TODAY)
    (referral,) = _group(unit, coach, activity, 1, on=date(2026, 10, 5))
    error = _refuse(
        lambda: activity_end_early(
            activity=activity,
            on=TODAY + timedelta(days=1),
            outcome=Outcome.WORK,
            by=coach,
            today=TODAY,
        )
    )
    assert (error.field, error.message) == ("on", rules.END_EARLY_IN_FUTURE)
    # Nobody became passive ahead of time.
    assert Referral.objects.get(pk=referral.pk).is_current
    assert Activity.objects.get(pk=activity.pk).ends_on == date(2027, 1, 22)
    activity_end_early(activity=activity, on=TODAY, outcome=Outcome.WORK, by=coach, today=TODAY)
    assert Referral.objects.get(pk=referral.pk).ended_on == TODAY


def test_ending_early_is_one_transaction_a_failure_on_the_second_referral_undoes_the_first(
    unit: Unit, persona: Callable[..., User], monkeypatch: pytest.MonkeyPatch
) -> None:
    coach = persona("work_coach")
    activity = make_activity(unit, coach, today=TODAY)
    first, second = _group(unit, coach, activity, 2, on=date(2026, 10, 5))
    real_end = services.referral_end
    ended: list[int] = []

    def end_failing_on_the_second(**kwargs: Any) -> Referral:
        if ended:
            raise DomainError("the second referral cannot end")
        ended.append(kwargs["referral"].pk)
        return real_end(**kwargs)

    monkeypatch.setattr(services, "referral_end", end_failing_on_the_second)
    error = _refuse(
        lambda: activity_end_early(
            activity=activity, on=TODAY, outcome=Outcome.WORK, by=coach, today=TODAY
        )
    )
    assert error.message == "the second referral cannot end"
    assert ended == [first.pk]  # the first referral was ended, then rolled back
    assert {r.pk: r.status for r in Referral.objects.filter(activity=activity)} == {
        first.pk: ReferralStatus.STARTED,
        second.pk: ReferralStatus.STARTED,
    }
    assert Activity.objects.get(pk=activity.pk).ends_on == date(2027, 1, 22)
    assert not ChangeRecord.objects.filter(action__in=["ended_early", "ended"]).exists()


def _protected_household(unit: Unit, coach: User) -> Household:
    return household_open(
        unit=unit,
        applicant=person_input(
            date(1985, 6, 1), 395, first="Hemlig", last="Lind", protected_identity=True
        ),
        co_applicant=None,
        children=[],
        caseworker=None,
        opened_on=date(2026, 1, 5),
        by=coach,
    )


def test_a_refusal_names_a_protected_client_only_to_a_user_with_that_right(
    unit: Unit, persona: Callable[..., User], english: None
) -> None:
    coach = persona("work_coach")
    manager = persona("unit_manager", sees_protected_identity=True)
    activity = make_activity(unit, coach, today=TODAY)
    household = _protected_household(unit, coach)
    make_participant(activity, household, coach, started_on=TODAY)

    def end_before_the_start(by: User) -> DomainError:
        return _refuse(
            lambda: activity_end_early(
                activity=activity, on=LAST_MONDAY, outcome=Outcome.WORK, by=by, today=TODAY
            )
        )

    hidden = end_before_the_start(coach)
    assert hidden.message == rules.END_BEFORE_REFERRAL_STEP.format(
        name="Protected identity", day="2026-11-23"
    )
    assert "Hemlig" not in hidden.message
    assert end_before_the_start(manager).message == rules.END_BEFORE_REFERRAL_STEP.format(
        name="Hemlig Lind", day="2026-11-23"
    )
    # The same for a second referral to the activity.
    person = household.members.get().person
    again = _refuse(
        lambda: referral_create(
            activity=activity, household=household, person=person, referred_on=TODAY, by=coach
        )
    )
    assert "Hemlig" not in again.message
    assert "Protected identity" in again.message


# --- the pages, after review ----------------------------------------------------------------------


def test_the_change_link_has_its_own_words_not_the_language_switchers(
    unit: Unit, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    activity = make_activity(unit, persona("work_coach"), today=timezone.localdate())
    change = reverse("activities:activity_change", args=[activity.pk])
    client = client_as("work_coach")
    for language in ("en", "sv"):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        html = client.get(reverse("activities:activity_detail", args=[activity.pk])).content
        with translation.override(language):
            expected = f'<a href="{change}">{translation.gettext("Change the activity")}</a>'
        assert expected in html.decode(), language


def test_the_end_page_defaults_to_no_day_before_the_start_and_shows_the_earliest_day(
    unit: Unit, persona: Callable[..., User], client_as: Callable[..., Client], english: None
) -> None:
    coach = persona("work_coach")
    today = timezone.localdate()
    later = activity_create(
        unit=unit,
        name="Höstkursen",
        provider=Provider.MUNICIPAL_UNIT,
        kind=ActivityKind.WORK_TRAINING,
        target_group=TargetGroup.ALL,
        capacity=5,
        starts_on=today + timedelta(days=7),
        ends_on=today + timedelta(days=60),
        weekdays=frozenset(range(7)),
        by=coach,
    )
    client = client_as("work_coach")
    html = client.get(reverse("activities:activity_end", args=[later.pk])).content.decode()
    starts = later.starts_on.isoformat()
    assert f'name="on" value="{starts}"' in html
    assert f'<dd data-testid="earliest-end">{starts}</dd>' in html

    running = make_activity(unit, coach, today=today, weekdays=frozenset(range(7)))
    (referral,) = _group(unit, coach, running, 1, on=today - timedelta(days=10))
    attendance_register_group(
        activity=running,
        day=today - timedelta(days=2),
        marks={referral.pk: AttendanceMark.PRESENT},
        by=coach,
        today=today,
    )
    html = client.get(reverse("activities:activity_end", args=[running.pk])).content.decode()
    attended = (today - timedelta(days=2)).isoformat()
    started = (today - timedelta(days=10)).isoformat()
    assert f'<dd data-testid="last-attendance">{attended}</dd>' in html
    assert f'<dd data-testid="last-step">{started}</dd>' in html
    assert f'<dd data-testid="earliest-end">{attended}</dd>' in html
    assert f'name="on" value="{today.isoformat()}"' in html
