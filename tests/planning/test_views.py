"""The action plan's pages, driven as the personas."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from bryggan.accounts.models import Unit, User
from bryggan.audit.models import AccessLogEntry
from bryggan.people.models import Household
from bryggan.planning import rules
from bryggan.planning.models import FollowUp, PlanVersion
from tests.activities.factories import make_activity, make_household, make_participant
from tests.planning.factories import make_followup, make_version

pytestmark = pytest.mark.django_db


def _plan_url(household: Household, name: str = "planning:plan_detail") -> str:
    person = household.members.get(role="applicant").person
    return reverse(name, args=[household.pk, person.pk])


def test_a_caseworker_writes_a_version_and_records_the_signature(
    unit: Unit, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    worker = persona("caseworker")
    household = make_household(unit, worker, serial=41)
    client = client_as("caseworker")
    response = client.post(
        _plan_url(household, "planning:version_create"),
        {
            "goal": "work",
            "goal_text": "Arbete inom vården",
            "consequences": "Nedsättning efter beslut.",
            "written_by": "caseworker",
            "step_1": "Undersköterskekurs",
            "step_1_who": "client",
            "step_1_due": "2027-01-31",
            "version": "0",
        },
    )
    assert response.status_code == 302
    version = PlanVersion.objects.get()
    assert [(s.description, s.due_on) for s in version.steps.all()] == [
        ("Undersköterskekurs", date(2027, 1, 31))
    ]
    client.post(_plan_url(household, "planning:version_sign"), {"number": 1, "how": "in_meeting"})
    version.refresh_from_db()
    assert version.is_locked
    page = client.get(_plan_url(household)).content.decode()
    with translation.override("sv"):
        assert gettext("Signed and locked") in page
    assert "Record the client" not in page
    assert AccessLogEntry.objects.filter(user=worker, case_id=household.pk).exists()


def test_signing_an_old_version_shows_the_clear_message(
    unit: Unit, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    worker = persona("caseworker")
    household = make_household(unit, worker, serial=42)
    make_version(household, worker, today=timezone.localdate())
    make_version(household, worker, today=timezone.localdate())
    response = client_as("caseworker").post(
        _plan_url(household, "planning:version_sign"),
        {"number": 1, "how": "in_meeting"},
        follow=True,
    )
    assert str(rules.VERSION_NOT_LATEST.format(number=1, latest=2)) in response.content.decode()
    assert not PlanVersion.objects.filter(signed_at__isnull=False).exists()


def test_an_older_client_named_as_author_keeps_the_form(
    unit: Unit, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    household = make_household(unit, persona("caseworker"), serial=43)
    response = client_as("caseworker").post(
        _plan_url(household, "planning:version_create"),
        {"goal": "studies", "goal_text": "Komvux", "written_by": "client", "version": "0"},
    )
    assert response.status_code == 200
    assert str(rules.CLIENT_AUTHOR_NOT_YOUTH) in response.content.decode()
    assert "Komvux" in response.content.decode()


def test_another_units_caseworker_gets_404(
    unit: Unit,
    other_unit: Unit,
    persona: Callable[..., User],
) -> None:
    worker = persona("caseworker")
    household = make_household(unit, worker, serial=44)
    make_version(household, worker, today=timezone.localdate())
    client = Client()
    client.force_login(persona("caseworker", in_unit=other_unit))
    assert client.get(_plan_url(household)).status_code == 404
    response = client.post(
        _plan_url(household, "planning:version_sign"), {"number": 1, "how": "in_meeting"}
    )
    assert response.status_code == 404
    assert not PlanVersion.objects.filter(signed_at__isnull=False).exists()


def test_the_plan_page_shows_the_persons_current_referrals(
    unit: Unit, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    coach = persona("work_coach")
    today = timezone.localdate()
    household = make_household(unit, coach, serial=45)
    activity = make_activity(unit, coach, today=today, name="Verkstan Norr")
    make_participant(activity, household, coach, started_on=today)
    page = client_as("work_coach").get(_plan_url(household)).content.decode()
    assert "Verkstan Norr" in page
    assert reverse("activities:case_activities", args=[household.pk]) in page


def test_booking_and_holding_a_follow_up(
    unit: Unit, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    worker = persona("caseworker")
    today = timezone.localdate()
    household = make_household(unit, worker, serial=46)
    make_version(household, worker, today=today)
    client = client_as("caseworker")
    client.post(
        _plan_url(household, "planning:followup_book"), {"due_on": today.isoformat(), "note": ""}
    )
    follow_up = FollowUp.objects.get()
    person = household.members.get().person
    client.post(
        reverse("planning:followup_hold", args=[household.pk, person.pk, follow_up.pk]),
        {"held_on": today.isoformat(), "note": "Söker jobb"},
    )
    follow_up.refresh_from_db()
    assert follow_up.held_on == today


def test_missed_follow_ups_appear_for_the_caseworker_and_the_manager(
    unit: Unit, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    worker, coach = persona("caseworker"), persona("work_coach")
    today = timezone.localdate()
    mine = make_household(unit, worker, serial=47, first="Maja")
    Household.objects.filter(pk=mine.pk).update(caseworker=worker)
    others = make_household(unit, worker, serial=48, first="Olle")
    past = today - timedelta(days=10)
    make_followup(make_version(mine, worker, today=today), worker, due_on=past, booked=past)
    make_followup(make_version(others, coach, today=today), coach, due_on=past, booked=past)
    make_followup(
        mine.members.get().person.action_plan.versions.get(),
        worker,
        due_on=today + timedelta(days=3),
        booked=today,
    )
    url = reverse("planning:missed")
    caseworker_page = client_as("caseworker").get(url).content.decode()
    manager_page = client_as("unit_manager").get(url).content.decode()
    assert "Maja Lind" in caseworker_page
    assert "Olle Lind" not in caseworker_page
    assert "Maja Lind" in manager_page
    assert "Olle Lind" in manager_page


def test_the_new_version_form_starts_as_a_copy_of_the_latest(
    unit: Unit, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    worker = persona("caseworker")
    household = make_household(unit, worker, serial=49)
    make_version(household, worker, today=timezone.localdate())
    page = client_as("caseworker").get(_plan_url(household, "planning:version_create"))
    assert 'value="Söka fem jobb i veckan"' in page.content.decode()
    assert "Arbete inom lager" in page.content.decode()


def test_a_follow_up_reached_through_another_persons_plan_is_404(
    unit: Unit, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    worker = persona("caseworker")
    today = timezone.localdate()
    first = make_household(unit, worker, serial=50)
    second = make_household(unit, worker, serial=51)
    make_version(first, worker, today=today)
    foreign = make_followup(
        make_version(second, worker, today=today), worker, due_on=today, booked=today
    )
    person = first.members.get().person
    response = client_as("caseworker").post(
        reverse("planning:followup_hold", args=[first.pk, person.pk, foreign.pk]),
        {"held_on": today.isoformat()},
    )
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.held_on is None


def test_the_plan_page_marks_only_the_unheld_follow_up_past_its_date_as_missed(
    unit: Unit, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    worker = persona("caseworker")
    today = timezone.localdate()
    household = make_household(unit, worker, serial=52)
    version = make_version(household, worker, today=today)
    past = today - timedelta(days=5)
    make_followup(version, worker, due_on=past, booked=past)
    make_followup(version, worker, due_on=today, booked=today)
    with translation.override("sv"):
        badge = f'<span class="badge">{gettext("Missed")}</span>'
    page = client_as("caseworker").get(_plan_url(household)).content.decode()
    assert page.count(badge) == 1
    FollowUp.objects.filter(due_on=past).update(held_on=past)
    page = client_as("caseworker").get(_plan_url(household)).content.decode()
    assert badge not in page
