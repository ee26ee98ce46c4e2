"""A work coach changes an activity with one client in it, then ends it early."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from bryggan.accounts.models import Unit, User
from bryggan.activities.models import Activity, Referral
from tests.activities.factories import make_activity, make_household, make_participant
from tests.browser.conftest import axe_violations
from tests.browser.test_activities import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    # In English until the Swedish catalogue has these pages' strings (the lead translates).
    return {**browser_context_args, "locale": "en-GB"}


def test_a_coach_changes_an_activity_and_ends_it_early_with_one_client(
    page: Page, live_server: object, persona: Callable[..., User], unit: Unit
) -> None:
    coach = persona("work_coach")
    today = timezone.localdate()
    activity = make_activity(unit, coach, today=today, capacity=6)
    household = make_household(unit, coach, serial=501, first="Elin")
    referral = make_participant(activity, household, coach, started_on=today - timedelta(days=7))
    base = str(live_server)
    sign_in(page, base, coach.username)

    page.goto(f"{base}/aktiviteter/{activity.pk}/")
    page.get_by_role("link", name="Change the activity", exact=True).click()
    expect(page.get_by_role("heading", name="Change the activity")).to_be_visible()
    expect(page.get_by_label("Name")).to_have_value(activity.name)
    assert axe_violations(page) == []

    # Fewer places than the one client: refused on the field, what was typed kept.
    page.get_by_label("Name").fill("Verkstan, vår")
    page.get_by_label("Places").fill("0")
    page.get_by_role("button", name="Save the changes").click()
    expect(page.locator("#id_capacity_error")).to_be_visible()
    expect(page.get_by_label("Name")).to_have_value("Verkstan, vår")
    assert axe_violations(page) == []

    page.get_by_label("Places").fill("1")
    page.get_by_role("button", name="Save the changes").click()
    expect(page.get_by_text("The activity is changed.")).to_be_visible()
    expect(page.get_by_role("heading", name="Verkstan, vår")).to_be_visible()

    page.get_by_role("link", name="End early").click()
    expect(page.get_by_role("heading", name="End the activity early")).to_be_visible()
    expect(page.get_by_test_id("ending-referral")).to_have_count(1)
    expect(page.get_by_test_id("ending-referral")).to_contain_text("Elin Lind")
    assert axe_violations(page) == []
    page.get_by_label("Ends on").fill(today.isoformat())
    page.get_by_label("Outcome of the referrals").select_option("studies")
    page.get_by_role("button", name="End the activity and 1 referral").click()

    expect(
        page.get_by_text("The activity is ended, and its current referrals with it.")
    ).to_be_visible()
    assert axe_violations(page) == []
    stored = Activity.objects.get(pk=activity.pk)
    assert (stored.name, stored.capacity, stored.ends_on) == ("Verkstan, vår", 1, today)
    ended = Referral.objects.get(pk=referral.pk)
    assert (ended.status, ended.ended_on, ended.outcome) == ("ended", today, "studies")
