"""A manager registers a project from the follow-up page; a caseworker adds a client from the
case and ends the participation with the outcome work; the project page then shows the
before/during comparison as a chart and a table. Every page passes axe."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from bryggan.accounts.models import Unit, User
from bryggan.followup.services import case_close
from bryggan.projects.models import Participant, Project
from tests.browser.conftest import axe_violations
from tests.conftest import PASSWORD
from tests.followup.factories import pay
from tests.projects.factories import make_case

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    # In English until the Swedish catalogue has this page's strings.
    return {**browser_context_args, "locale": "en-GB"}


def sign_in(page: Page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/logga-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def register_project(page: Page, base: str, manager: User, *, starts: date, ends: date) -> None:
    """The manager opens the projects from the follow-up page and registers one (once wrong)."""
    sign_in(page, base, manager.username)
    page.goto(f"{base}/uppfoljning/")
    page.get_by_role("link", name="Projects and their outcomes").click()
    expect(page.get_by_role("heading", name="Projects", level=1)).to_be_visible()
    assert axe_violations(page) == []
    with page.expect_navigation():
        page.get_by_role("link", name="New project").click()
    assert axe_violations(page) == []
    page.get_by_label("Name").fill("Språnget")
    page.get_by_label("Funded by").select_option("esf")
    page.get_by_label("Funder", exact=True).fill("Europeiska socialfonden")
    page.get_by_label("Starts").fill(starts.isoformat())
    page.get_by_label("Ends").fill(ends.isoformat())
    page.get_by_label("Budget (kr)").fill("-1")
    page.get_by_role("button", name="Register the project").click()
    # The form keeps what was typed and names the field.
    expect(page.get_by_label("Name")).to_have_value("Språnget")
    expect(page.locator("#id_budget_error")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("Budget (kr)").fill("4800000")
    page.get_by_role("button", name="Register the project").click()
    expect(page.get_by_text("The project is registered.")).to_be_visible()
    page.get_by_role("button", name="Sign out").click()


def test_a_project_from_registration_to_its_outcome_before_and_during(
    page: Page, live_server: object, persona: Callable[..., User], unit: Unit
) -> None:
    manager, caseworker = persona("unit_manager"), persona("caseworker")
    today = timezone.localdate()
    starts, ends = today - timedelta(days=60), today + timedelta(days=300)
    # Before the project: one case of the unit closed to studies, another moved away.
    for reason in ("studies", "moved"):
        earlier = make_case(unit, caseworker, opened_on=starts - timedelta(days=200))
        pay(earlier, [f"{starts - timedelta(days=100):%Y-%m}"], by=caseworker)
        case_close(
            household=earlier, reason=reason, closed_on=starts - timedelta(days=30), by=caseworker
        )
    client = make_case(unit, caseworker, opened_on=starts - timedelta(days=10), first="Nora")
    base = str(live_server)

    register_project(page, base, manager, starts=starts, ends=ends)
    project = Project.objects.get()

    sign_in(page, base, caseworker.username)
    page.get_by_role("link", name="Projects", exact=True).click()
    page.get_by_role("link", name="Språnget").click()
    expect(page.get_by_role("heading", name="Språnget", level=1)).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("Case number").fill(client.case_number)
    page.get_by_role("button", name="Add a participant from the case").click()
    expect(page.get_by_role("heading", name="Projects of the case")).to_be_visible()
    assert axe_violations(page) == []
    expect(page.get_by_label("Project")).to_have_value(str(project.pk))
    page.get_by_role("button", name="Add to the project").click()
    expect(page.get_by_text("The participant is added to the project.")).to_be_visible()
    with page.expect_navigation():
        page.get_by_role("link", name="End Nora Lind's participation in Språnget").click()
    assert axe_violations(page) == []
    page.get_by_label("Work").check()
    page.get_by_role("button", name="End the participation").click()
    expect(page.get_by_text("The participation is ended.")).to_be_visible()
    assert Participant.objects.get().outcome == "work"

    # Back on the project page: one to work during, one to studies before.
    chart = page.locator("svg#chart-before-during")
    expect(chart).to_be_visible()
    expect(chart.locator("rect.bar")).to_have_count(2)
    table = page.get_by_test_id("outcome-table")
    header = page.get_by_role("rowheader", name="Left for work or studies", exact=True)
    expect(table.locator("tr", has=header).get_by_role("cell")).to_have_text(["1", "1", "1", "0"])
    assert axe_violations(page) == []
