"""A unit manager opens the reporting page, sees a planted error and follows its case link."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from bryggan.accounts.models import Unit, User
from bryggan.core.month import Month
from tests.browser.conftest import axe_violations
from tests.conftest import PASSWORD
from tests.reporting.factories import grant, new_case

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    # In English until the Swedish catalogue has this page's strings.
    return {**browser_context_args, "locale": "en-GB"}


def test_a_manager_sees_the_planted_error_and_opens_the_case_to_fix_it(
    page: Page, live_server: object, persona: Callable[..., User], unit: Unit
) -> None:
    manager, worker = persona("unit_manager"), persona("caseworker")
    month = Month.of(timezone.localdate()).plus(-1)
    case = new_case(unit, by=worker, caseworker=worker)
    grant(case, str(month), by=worker)  # no reason for need recorded: an error
    page.goto(f"{live_server}/logga-in/")
    page.get_by_label("Username").fill(manager.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    page.locator("header nav").get_by_role("link", name=re.compile(r"^Reporting")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reporting to Socialstyrelsen")
    expect(page.get_by_role("heading", level=3, name="Caseworker Persona")).to_be_visible()
    expect(page.get_by_text("An adult has no reason for need for the month")).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_role("link", name=f"case {case.case_number}").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(case.case_number)
    page.get_by_label("Reason for need: Adam").select_option("social_reasons")
    page.get_by_role("button", name="Record the reasons for need").click()
    expect(page.get_by_text("The reasons for need are recorded.")).to_be_visible()
    assert axe_violations(page) == []

    page.locator("header nav").get_by_role("link", name=re.compile(r"^Reporting")).click()
    expect(page.get_by_text("No errors in your unit's cases.")).to_be_visible()
