"""A caseworker opens the case's timeline from the case page, filters it to plans and sees only
those; every page passes axe."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from bryggan.accounts.models import Unit, User
from tests.activities.factories import make_household
from tests.browser.conftest import axe_violations
from tests.browser.test_activities import sign_in
from tests.planning.factories import make_followup, make_version

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    # In English until the Swedish catalogue has this page's strings.
    return {**browser_context_args, "locale": "en-GB"}


def test_a_caseworker_opens_the_timeline_and_filters_it(
    page: Page, live_server: object, persona: Callable[..., User], unit: Unit
) -> None:
    worker, today = persona("caseworker"), timezone.localdate()
    household = make_household(unit, worker, serial=302, first="Nora")
    version = make_version(household, worker, today=today)
    make_followup(version, worker, due_on=today, booked=today)
    base = str(live_server)
    sign_in(page, base, worker.username)

    page.goto(f"{base}/arenden/{household.pk}/")
    timeline = page.locator("table.timeline tbody tr")
    expect(timeline.filter(has_text="Follow-up booked")).to_have_count(1)
    page.get_by_role("link", name="The whole timeline, with a filter by kind").click()
    expect(
        page.get_by_role("heading", name=f"Timeline of case {household.case_number}")
    ).to_be_visible()
    expect(timeline.filter(has_text="Case opened")).to_have_count(1)
    expect(timeline.filter(has_text="Action plan version written")).to_have_count(1)
    assert axe_violations(page) == []

    page.get_by_label("Plans and follow-ups").check()
    page.get_by_role("button", name="Filter").click()
    expect(page).to_have_url(f"{base}/arenden/{household.pk}/tidslinje/?typ=plan")
    expect(timeline).to_have_count(2)
    expect(timeline.filter(has_text="Case opened")).to_have_count(0)
    expect(page.get_by_label("Plans and follow-ups")).to_be_checked()
    assert axe_violations(page) == []
