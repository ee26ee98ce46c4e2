"""A caseworker writes and signs a journal note, corrects it with a new one, records the client's
objection and asks for a case discussion; the manager holds it and records the outcome. Every
page passes axe."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from bryggan.accounts.models import Unit, User
from bryggan.casefile.models import CaseDiscussion, JournalNote
from tests.activities.factories import make_household
from tests.browser.conftest import axe_violations
from tests.browser.test_activities import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    # In English until the Swedish catalogue has this page's strings.
    return {**browser_context_args, "locale": "en-GB"}


def test_a_note_is_signed_corrected_objected_to_and_a_case_discussion_held(
    page: Page, live_server: object, persona: Callable[..., User], unit: Unit
) -> None:
    worker, manager = persona("caseworker"), persona("unit_manager")
    household = make_household(unit, worker, serial=451, first="Nora")
    base = str(live_server)
    sign_in(page, base, worker.username)

    page.goto(f"{base}/arenden/{household.pk}/")
    page.get_by_role("link", name="Journal", exact=True).click()
    expect(
        page.get_by_role("heading", name=f"Journal of case {household.case_number}")
    ).to_be_visible()
    assert axe_violations(page) == []
    with page.expect_navigation():
        page.get_by_role("link", name="Write a note").click()
    assert axe_violations(page) == []
    page.get_by_label("Kind").select_option("phone_call")
    page.get_by_label("Text").fill("Nora ringde: hyran är 7 000 kr.")
    page.get_by_role("button", name="Save the draft").click()
    expect(page.get_by_test_id("note-status")).to_have_text("Draft: seen only by you")
    page.get_by_role("button", name="Sign the note").click()
    expect(page.get_by_test_id("note-status")).to_contain_text("Signed and locked")
    assert axe_violations(page) == []
    original = JournalNote.objects.get()

    page.get_by_role("button", name="Correct the note").click()
    expect(page.get_by_role("heading", name="Change the draft")).to_be_visible()
    page.get_by_label("Text").fill("Nora ringde: hyran är 7 500 kr.")
    page.get_by_role("button", name="Save the draft").click()
    page.get_by_role("button", name="Sign the note").click()
    expect(page.get_by_test_id("note-corrects")).to_have_text(f"Corrects note {original.pk}")
    page.get_by_test_id("note-corrects").get_by_role("link").click()
    expect(page.get_by_test_id("note-corrected-by")).to_contain_text("Corrected by note")
    expect(page.get_by_test_id("note-text")).to_contain_text("7 000 kr")

    page.get_by_role("textbox", name="The client's objection").fill("Jag sa 7 500 kr i telefon.")
    page.get_by_role("button", name="Record the objection").click()
    expect(page.get_by_test_id("objections")).to_contain_text("Jag sa 7 500 kr i telefon.")
    assert axe_violations(page) == []

    page.goto(f"{base}/arenden/{household.pk}/")
    page.get_by_role("link", name="Ask for a case discussion").click()
    page.wait_for_url(f"**/arenden/{household.pk}/arendedragning/")
    assert axe_violations(page) == []
    page.get_by_label("What do you want to discuss?").fill("Ska vi kräva praktik?")
    page.get_by_role("button", name="Ask for the case discussion").click()
    expect(
        page.get_by_text("The case discussion is requested from the unit manager.")
    ).to_be_visible()
    assert axe_violations(page) == []

    _hold_as_manager(page, base, manager)
    discussion = CaseDiscussion.objects.get()
    assert discussion.status == "held"
    assert discussion.outcome_note is not None
    assert discussion.outcome_note.is_signed


def _hold_as_manager(page: Page, base: str, manager: User) -> None:
    """The manager signs in, finds the request in the list and records the outcome."""
    page.context.clear_cookies(name="sessionid")  # signs out; keeps the language
    sign_in(page, base, manager.username)
    page.get_by_role("link", name="Case discussions").click()
    expect(page.get_by_role("heading", name="Requested case discussions")).to_be_visible()
    assert axe_violations(page) == []
    with page.expect_navigation():
        page.get_by_test_id(f"discussion-{CaseDiscussion.objects.get().pk}").get_by_role(
            "link"
        ).click()
    assert axe_violations(page) == []
    page.get_by_label("Outcome of the case discussion").fill("Ja: anvisa till praktik i butik.")
    page.get_by_role("button", name="Record the outcome and sign").click()
    expect(page.get_by_text("No case discussion is waiting.")).to_be_visible()
