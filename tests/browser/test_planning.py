"""A caseworker writes a plan version, records the client's signature in the meeting, and the
version shows as signed and locked; every page passes axe."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from bryggan.accounts.models import Unit, User
from bryggan.planning.models import PlanVersion
from tests.activities.factories import make_household
from tests.browser.conftest import axe_violations
from tests.browser.test_activities import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    # In English until the Swedish catalogue has this page's strings.
    return {**browser_context_args, "locale": "en-GB"}


def test_a_caseworker_writes_a_plan_and_records_the_clients_signature(
    page: Page, live_server: object, persona: Callable[..., User], unit: Unit
) -> None:
    worker = persona("caseworker")
    household = make_household(unit, worker, serial=301, first="Nora")
    base = str(live_server)
    sign_in(page, base, worker.username)

    page.goto(f"{base}/arenden/{household.pk}/")
    page.get_by_role("link", name="Action plan").click()
    expect(page.get_by_role("heading", name="Action plan for Nora Lind")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Write the plan").click()
    expect(page.get_by_role("heading", name="New plan version")).to_be_visible()
    assert axe_violations(page) == []
    page.locator("#id_goal").select_option("work")
    page.get_by_label("The goal in words").fill("Arbete inom handeln")
    page.get_by_label("Step 1: what").fill("Praktik i butik")
    page.get_by_label("Step 1: who").select_option("client")
    page.get_by_label("What happens if the plan is not kept").fill("Nedsättning efter beslut.")
    page.get_by_role("button", name="Save the new version").click()

    expect(page.get_by_text("The new version of the plan is saved.")).to_be_visible()
    expect(page.get_by_test_id("plan-signature")).to_have_text("Not signed")
    page.get_by_role("button", name="Record the client's signature in the meeting").click()
    expect(page.get_by_test_id("plan-signature")).to_contain_text("Signed and locked")
    expect(
        page.get_by_role("button", name="Record the client's signature in the meeting")
    ).to_have_count(0)
    assert axe_violations(page) == []
    assert PlanVersion.objects.get().is_locked

    page.get_by_role("link", name="Missed follow-ups").click()
    expect(page.get_by_role("heading", name="Missed follow-ups")).to_be_visible()
    assert axe_violations(page) == []
