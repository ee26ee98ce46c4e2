"""What the plan page reads: the versions with their plan and steps, the person's current
referrals only, and no more queries for more versions or follow-ups."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bryggan.accounts.models import Unit, User
from bryggan.activities.models import Referral, ReferralStatus
from bryggan.people.models import Household
from bryggan.planning.models import Goal
from tests.activities.factories import make_activity, make_household, make_participant
from tests.planning.factories import make_followup, make_version

pytestmark = pytest.mark.django_db


def plan_url(household: Household) -> str:
    person = household.members.get(role="applicant").person
    return reverse("planning:plan_detail", args=[household.pk, person.pk])


@pytest.fixture
def household(unit: Unit, persona: Callable[..., User]) -> Household:
    return make_household(unit, persona("work_coach"), serial=61)


def test_the_plan_page_shows_the_latest_version_s_steps_and_the_older_versions(
    household: Household, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    today = timezone.localdate()
    make_version(household, persona("work_coach"), today=today, goal=Goal.STUDIES)
    make_version(household, persona("work_coach"), today=today)
    response = client_as("work_coach").get(plan_url(household))
    assert response.context["latest"].number == 2
    assert [v.number for v in response.context["older"]] == [1]
    assert response.context["plan"] == response.context["latest"].plan
    page = response.content.decode()
    assert "Söka fem jobb i veckan" in page
    assert "Version 1" in page


def test_a_person_without_a_plan_is_told_so(
    household: Household, client_as: Callable[..., Client]
) -> None:
    response = client_as("work_coach").get(plan_url(household))
    assert response.context["plan"] is None
    assert response.context["latest"] is None
    assert "Ingen plan har skrivits ännu." in response.content.decode()


def test_an_ended_referral_is_not_among_the_current_ones(
    unit: Unit,
    household: Household,
    persona: Callable[..., User],
    client_as: Callable[..., Client],
) -> None:
    coach = persona("work_coach")
    today = timezone.localdate()
    current = make_participant(
        make_activity(unit, coach, today=today, name="Verkstan Norr"),
        household,
        coach,
        started_on=today,
    )
    ended = make_participant(
        make_activity(unit, coach, today=today, name="Caféet Söder"),
        household,
        coach,
        started_on=today,
    )
    Referral.objects.filter(pk=ended.pk).update(status=ReferralStatus.ENDED, ended_on=today)
    response = client_as("work_coach").get(plan_url(household))
    assert [r.pk for r in response.context["referrals"]] == [current.pk]
    page = response.content.decode()
    assert "Verkstan Norr" in page
    assert "Caféet Söder" not in page


def test_the_plan_page_reads_as_many_times_with_more_versions_and_follow_ups(
    household: Household,
    persona: Callable[..., User],
    client_as: Callable[..., Client],
    django_assert_max_num_queries: Callable[..., Any],
) -> None:
    """A regression guard (in a test's transaction: no BEGIN and COMMIT): the session, the
    user, the case and its access-log row, the person, then the versions with their plan, their
    steps, the follow-ups, the referrals, the placements, the status at Arbetsförmedlingen, and
    the user's unit for the page's header."""
    coach = persona("work_coach")
    today = timezone.localdate()
    version = make_version(household, coach, today=today)
    url = plan_url(household)
    client = client_as("work_coach")
    client.get(url)  # the menu's counts cached, as on any page after the first
    with django_assert_max_num_queries(15) as first:
        client.get(url)
    make_version(household, coach, today=today)
    for days in (7, 14):
        make_followup(version, coach, due_on=today + timedelta(days=days), booked=today)
    with CaptureQueriesContext(connection) as more:
        response = client.get(url)
    assert len(response.context["follow_ups"]) == 2
    assert len(more.captured_queries) == len(first.captured_queries)
