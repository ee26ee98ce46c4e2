"""A work coach adds an employer (once with a wrong organisation number) and an offer, matches the
offer to a client from the case with the reasons shown, records a placement that ends in a job;
the manager then sees the job on the follow-up page. Every page passes axe."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from bryggan.accounts.models import Unit, User
from bryggan.employers.models import Employer, Offer, Placement
from tests.browser.conftest import axe_violations
from tests.conftest import PASSWORD
from tests.employers.factories import make_profile
from tests.planning.factories import make_version
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


def add_employer_and_offer(page: Page, base: str) -> None:
    page.get_by_role("link", name="Employers", exact=True).click()
    expect(page.get_by_role("heading", name="Employer network", level=1)).to_be_visible()
    assert axe_violations(page) == []
    with page.expect_navigation():
        page.get_by_role("link", name="New employer").click()
    page.get_by_label("Name").fill("Hamnkranens Lager AB")
    page.get_by_label("Organisation number").fill("556036-0794")
    page.get_by_label("Industry").select_option("logistics")
    page.get_by_label("Municipality").fill("Trelleborg")
    page.get_by_role("button", name="Add the employer").click()
    # The form keeps what was typed and says what is wrong beside the field.
    expect(page.locator("#id_organisation_number_error")).to_be_visible()
    expect(page.get_by_label("Name")).to_have_value("Hamnkranens Lager AB")
    assert axe_violations(page) == []
    page.get_by_label("Organisation number").fill("556036-0793")
    page.get_by_role("button", name="Add the employer").click()
    expect(page.get_by_text("The employer is added to the network.")).to_be_visible()
    assert axe_violations(page) == []

    with page.expect_navigation():
        page.get_by_role("link", name="New offer").click()
    today = timezone.localdate()
    page.get_by_label("Kind").select_option("work_practice")
    page.get_by_label("Title").fill("Lagerarbete med plock")
    page.get_by_label("Places").fill("1")
    page.locator("#id_starts_on").fill(today.isoformat())
    page.locator("#id_ends_on").fill((today + timedelta(days=90)).isoformat())
    page.get_by_label("Swedish").check()
    page.get_by_role("button", name="Save the offer").click()
    expect(page.get_by_text("The offer is saved.")).to_be_visible()
    expect(page.get_by_role("heading", name="Lagerarbete med plock", level=1)).to_be_visible()
    # The client with the facts fits, and the page says why.
    expect(page.get_by_test_id("candidates")).to_contain_text("Nora Lind")
    assert axe_violations(page) == []


def test_an_employers_offer_is_matched_and_ends_in_a_job_on_the_follow_up_page(
    page: Page, live_server: object, persona: Callable[..., User], unit: Unit
) -> None:
    coach, manager = persona("work_coach"), persona("unit_manager")
    today = timezone.localdate()
    client = make_case(unit, coach, opened_on=today - timedelta(days=40), first="Nora")
    make_version(client, coach, today=today)
    make_profile(client, coach)
    base = str(live_server)

    sign_in(page, base, coach.username)
    add_employer_and_offer(page, base)
    offer = Offer.objects.get()
    assert Employer.objects.get().organisation_number == "556036-0793"

    page.goto(f"{base}/arenden/{client.pk}/")
    with page.expect_navigation():
        page.get_by_role("link", name="Employer offers").click()
    matches = page.get_by_test_id("matches")
    expect(matches).to_contain_text("Lagerarbete med plock")
    expect(matches).to_contain_text("The kind of offer suits the plan's goal")
    expect(matches).to_contain_text("Experience in Warehouse and logistics")
    assert axe_violations(page) == []
    with page.expect_navigation():
        page.get_by_role("link", name="Put in touch with Lagerarbete med plock").click()
    page.get_by_label("Placed").check()
    page.get_by_role("button", name="Record").click()
    expect(page.get_by_text("The contact or placement is recorded.")).to_be_visible()
    with page.expect_navigation():
        page.get_by_role("link", name="Record the outcome of Lagerarbete med plock").click()
    assert axe_violations(page) == []
    page.get_by_label("Led to a job").check()
    page.get_by_role("button", name="Record the outcome").click()
    expect(page.get_by_text("The outcome is recorded.")).to_be_visible()
    placement = Placement.objects.get()
    assert (placement.offer_id, placement.outcome) == (offer.pk, "job")
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, base, manager.username)
    page.goto(f"{base}/uppfoljning/")
    network = page.get_by_test_id("employer-network")
    month = network.locator("tr", has=page.get_by_role("rowheader", name=f"{today:%Y-%m}"))
    expect(month.get_by_role("cell")).to_have_text(["1", "1", "0", "1", "1", "1", "100"])
    expect(page.get_by_text("1 led to a job (100 %)")).to_be_visible()
    assert axe_violations(page) == []
