"""The work line's pages, driven as the personas."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bryggan.accounts.models import Unit, User
from bryggan.activities import rules
from bryggan.activities.models import Activity, Attendance, ParticipationAbility, Referral
from bryggan.audit.models import AccessLogEntry
from bryggan.desk.registry import desk_counts
from bryggan.people.access import CASE_NOT_FOUND
from tests.activities.factories import make_activity, make_household, make_participant

pytestmark = pytest.mark.django_db


def _last_week() -> list:  # type: ignore[type-arg]
    today = timezone.localdate()
    monday = today - timedelta(days=today.weekday() + 7)
    return [monday + timedelta(days=i) for i in range(5)]


def test_a_work_coach_adds_an_activity_to_the_catalogue(client_as: Callable[..., Client]) -> None:
    today = timezone.localdate()
    response = client_as("work_coach").post(
        reverse("activities:activity_create"),
        {
            "name": "Språkcafé",
            "provider": "project",
            "kind": "sfi",
            "target_group": "newly_arrived",
            "capacity": "8",
            "starts_on": today.isoformat(),
            "ends_on": (today + timedelta(days=90)).isoformat(),
            "weekdays": ["1", "3"],
        },
    )
    activity = Activity.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("activities:activity_detail", args=[activity.pk])
    assert (activity.weekdays, activity.capacity, activity.kind) == ("13", 8, "sfi")


def test_an_activity_ending_before_it_starts_is_refused_and_the_form_kept(
    client_as: Callable[..., Client],
) -> None:
    today = timezone.localdate()
    response = client_as("work_coach").post(
        reverse("activities:activity_create"),
        {
            "name": "Språkcafé",
            "provider": "project",
            "kind": "sfi",
            "target_group": "all",
            "capacity": "8",
            "starts_on": today.isoformat(),
            "ends_on": (today - timedelta(days=1)).isoformat(),
            "weekdays": ["1"],
        },
    )
    assert response.status_code == 200
    assert str(rules.ENDS_BEFORE_STARTS) in response.content.decode()
    assert 'value="Språkcafé"' in response.content.decode()
    assert not Activity.objects.exists()


def test_a_work_coach_registers_a_week_of_attendance_for_a_group(
    unit: Unit, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    coach = persona("work_coach")
    week = _last_week()
    activity = make_activity(unit, coach, today=timezone.localdate())
    group = [
        make_participant(activity, make_household(unit, coach, serial=s), coach, started_on=week[0])
        for s in (101, 102, 103)
    ]
    client = client_as("work_coach")
    url = reverse("activities:attendance", args=[activity.pk])
    for day in week:
        page = client.get(url, {"datum": day.isoformat()})
        assert page.status_code == 200
        data = {"day": day.isoformat()} | {f"referral_{r.pk}": "present" for r in group}
        data[f"referral_{group[1].pk}"] = "valid_absence" if day == week[2] else "present"
        response = client.post(url, data)
        assert response.status_code == 302, response.content.decode()
    assert Attendance.objects.count() == 15
    assert Attendance.objects.filter(status="valid_absence").get().day == week[2]


def test_attendance_for_a_day_outside_the_activity_is_refused_with_a_clear_message(
    unit: Unit, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    coach = persona("work_coach")
    today = timezone.localdate()
    activity = make_activity(unit, coach, today=today)
    referral = make_participant(
        activity, make_household(unit, coach, serial=101), coach, started_on=activity.starts_on
    )
    before = activity.starts_on - timedelta(days=7)
    response = client_as("work_coach").post(
        reverse("activities:attendance", args=[activity.pk]),
        {"day": before.isoformat(), f"referral_{referral.pk}": "present"},
    )
    assert response.status_code == 200
    message = rules.DATE_OUTSIDE_ACTIVITY.format(
        day=before.isoformat(),
        starts=activity.starts_on.isoformat(),
        ends=activity.ends_on.isoformat(),
    )
    assert message in response.content.decode()
    assert not Attendance.objects.exists()


def test_a_caseworker_refers_a_client_from_the_case_page(
    unit: Unit, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    caseworker = persona("caseworker")
    activity = make_activity(unit, persona("work_coach"), today=timezone.localdate())
    household = make_household(unit, caseworker, serial=101)
    url = reverse("activities:case_activities", args=[household.pk])
    client = client_as("caseworker")
    assert activity.name in client.get(url).content.decode()
    person = household.members.get().person
    response = client.post(
        url,
        {
            "person": str(person.pk),
            "activity": str(activity.pk),
            "referred_on": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert (referral.person, referral.activity, referral.status) == (person, activity, "referred")


def test_a_full_activity_is_refused_on_the_case_page(
    unit: Unit, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    coach = persona("work_coach")
    activity = make_activity(unit, coach, today=timezone.localdate(), capacity=1)
    make_participant(
        activity, make_household(unit, coach, serial=101), coach, started_on=activity.starts_on
    )
    household = make_household(unit, coach, serial=102)
    response = client_as("work_coach").post(
        reverse("activities:case_activities", args=[household.pk]),
        {
            "person": str(household.members.get().person_id),
            "activity": str(activity.pk),
            "referred_on": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 200
    assert rules.ACTIVITY_FULL.format(taken=1, capacity=1) in response.content.decode()
    assert Referral.objects.count() == 1


def test_an_acceptable_reason_takes_the_client_off_the_passive_list(
    unit: Unit, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    household = make_household(unit, persona("caseworker"), serial=101)
    client = client_as("caseworker")
    passive_url = reverse("activities:passive")
    assert household.case_number in client.get(passive_url).content.decode()
    response = client.post(
        reverse("activities:ability", args=[household.pk]),
        {
            "ability-person": str(household.members.get().person_id),
            "ability-able": "no",
            "ability-reason": "illness",
            "ability-note": "",
        },
    )
    assert response.status_code == 302
    assert ParticipationAbility.objects.get().reason == "illness"
    assert household.case_number not in client.get(passive_url).content.decode()


def test_a_coach_moves_a_referral_through_its_steps(
    unit: Unit, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    coach = persona("work_coach")
    today = timezone.localdate()
    activity = make_activity(unit, coach, today=today)
    make_participant(activity, make_household(unit, coach, serial=101), coach, started_on=today)
    referral = Referral.objects.get()
    response = client_as("work_coach").post(
        reverse("activities:referral_step", args=[referral.pk]),
        {"step": "end", "on": today.isoformat(), "outcome": "work"},
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert (referral.status, referral.outcome) == ("ended", "work")


def test_a_caseworker_of_another_unit_gets_404_on_a_referral(
    unit: Unit, other_unit: Unit, persona: Callable[..., User]
) -> None:
    coach = persona("work_coach")
    activity = make_activity(unit, coach, today=timezone.localdate())
    referral = make_participant(
        activity, make_household(unit, coach, serial=101), coach, started_on=activity.starts_on
    )
    client = Client()
    client.force_login(persona("caseworker", in_unit=other_unit))
    foreign = client.get(reverse("activities:referral_detail", args=[referral.pk]))
    missing = client.get(reverse("activities:referral_detail", args=[999_999]))
    assert foreign.status_code == missing.status_code == 404
    assert str(CASE_NOT_FOUND) in foreign.content.decode()
    assert client.get(reverse("activities:activity_detail", args=[activity.pk])).status_code == 404


def test_reading_an_activity_logs_a_read_of_each_participants_case(
    unit: Unit, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    coach = persona("work_coach")
    activity = make_activity(unit, coach, today=timezone.localdate())
    households = [make_household(unit, coach, serial=s) for s in (101, 102)]
    for household in households:
        make_participant(activity, household, coach, started_on=activity.starts_on)
    client_as("caseworker").get(reverse("activities:activity_detail", args=[activity.pk]))
    logged = set(
        AccessLogEntry.objects.filter(object_type="activity").values_list("case_id", flat=True)
    )
    assert logged == {h.pk for h in households}


def test_the_lists_take_a_fixed_number_of_queries(
    unit: Unit,
    persona: Callable[..., User],
    client_as: Callable[..., Client],
    django_assert_max_num_queries: Callable[..., object],
) -> None:
    coach = persona("work_coach")
    activity = make_activity(unit, coach, today=timezone.localdate())
    for serial in range(101, 111):
        household = make_household(unit, coach, serial=serial)
        if serial % 2:
            make_participant(activity, household, coach, started_on=activity.starts_on)
    client = client_as("work_coach")
    for name in ("activities:passive", "activities:activity_list"):
        # The menu's counts of waiting items (one COUNT per desk kind, cached 30 s) are measured in
        # tests/desk; made here first so that this counts the page's own statements.
        desk_counts(persona("work_coach"), today=timezone.localdate())
        with django_assert_max_num_queries(8):  # type: ignore[operator]
            assert client.get(reverse(name)).status_code == 200
