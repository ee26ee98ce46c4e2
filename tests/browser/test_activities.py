"""A work coach opens an activity and registers one day's attendance for the whole group."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from bryggan.accounts.models import Unit, User
from bryggan.activities.models import Attendance
from tests.activities.factories import make_activity, make_household, make_participant
from tests.browser.conftest import axe_violations
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    # In English until the Swedish catalogue has this page's strings (the translation round
    # follows the feature); the English msgids are the source text either way.
    return {**browser_context_args, "locale": "en-GB"}


def sign_in(page: Page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/logga-in/")
    assert axe_violations(page) == []
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_a_coach_registers_attendance_for_a_group(
    page: Page, live_server: object, persona: Callable[..., User], unit: Unit
) -> None:
    coach = persona("work_coach")
    today = timezone.localdate()
    day = today - timedelta(days=today.weekday() + 7)  # Monday last week
    activity = make_activity(unit, coach, today=today)
    names = ("Aida", "Bo", "Cecilia")
    group = [
        make_participant(
            activity, make_household(unit, coach, serial=100 + i, first=name), coach, started_on=day
        )
        for i, name in enumerate(names)
    ]
    sign_in(page, str(live_server), coach.username)

    page.get_by_role("link", name="Activities").click()
    expect(page.get_by_role("heading", name="Activities")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name=activity.name).click()
    expect(page.get_by_role("heading", name=activity.name)).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_label("Register attendance for").fill(day.isoformat())
    page.get_by_role("button", name="Open the attendance list").click()
    expect(page.get_by_role("group", name="Bo Lind")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("group", name="Bo Lind").get_by_label("Absent without valid reason").check()
    page.get_by_role("button", name="Register attendance for the group").click()

    expect(page.get_by_text(f"Attendance is registered for {day.isoformat()}.")).to_be_visible()
    assert axe_violations(page) == []
    assert dict(Attendance.objects.values_list("referral_id", "status")) == {
        group[0].pk: "present",
        group[1].pk: "unexcused_absence",
        group[2].pk: "present",
    }


def test_a_manager_refers_a_client_from_the_case_page_and_every_page_passes_axe(
    page: Page, live_server: object, persona: Callable[..., User], unit: Unit
) -> None:
    manager = persona("unit_manager")
    activity = make_activity(unit, manager, today=timezone.localdate())
    household = make_household(unit, manager, serial=201, first="Dana")
    base = str(live_server)
    sign_in(page, base, manager.username)

    page.goto(f"{base}/arenden/{household.pk}/")
    page.get_by_role("link", name="Activities and referrals").click()
    expect(page.get_by_role("heading", name="Activities and referrals")).to_be_visible()
    assert axe_violations(page) == []
    page.locator("#id_activity").select_option(str(activity.pk))
    page.get_by_role("button", name="Send the referral").click()
    expect(page.get_by_text("The referral is sent.")).to_be_visible()
    page.get_by_role("link", name="Dana Lind").click()
    expect(page.get_by_test_id("referral-status")).to_have_text("Referred")
    assert axe_violations(page) == []

    for path in ("/aktiviteter/passiva/", "/aktiviteter/ny/", "/aktiviteter/"):
        page.goto(f"{base}{path}")
        assert axe_violations(page) == [], path
