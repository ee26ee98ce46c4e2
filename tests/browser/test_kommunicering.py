"""A caseworker cannot sign a partial refusal before recording kommunicering (förvaltningslagen
25 §): the decision page says so and the attempt is refused; the caseworker records that the
material was communicated (once with an answer dated before the letter, refused with what was
typed kept) and the client's answer, then signs. Every page passes axe."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from bryggan.accounts.models import User
from bryggan.casefile.models import Kommunicering
from bryggan.decisions.models import Decision
from bryggan.decisions.rules import Outcome
from tests.browser.conftest import axe_violations
from tests.casefile.conftest import current_year_norm, delegation, make_draft
from tests.conftest import PASSWORD

__all__ = ["current_year_norm", "delegation", "make_draft"]
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    # In English until the Swedish catalogue has this page's strings.
    return {**browser_context_args, "locale": "en-GB"}


def test_a_partial_refusal_is_signed_only_after_kommunicering(
    page: Page,
    live_server: object,
    persona: Callable[..., User],
    make_draft: Callable[..., Decision],
) -> None:
    caseworker = persona("caseworker")
    decision = make_draft(1, outcome=Outcome.PARTLY_GRANTED)
    base = str(live_server)
    today = timezone.localdate()
    sent = today - timedelta(days=3)

    page.goto(f"{base}/logga-in/")
    page.get_by_label("Username").fill(caseworker.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"{base}/arenden/{decision.household_id}/beslut/{decision.pk}/")
    expect(page.get_by_test_id("kommunicering-status")).to_contain_text("not recorded")
    assert axe_violations(page) == []

    page.get_by_role("button", name="Sign the decision").click()
    expect(page.get_by_text("record the kommunicering", exact=False)).to_be_visible()
    expect(page.get_by_test_id("decision-status")).to_contain_text("Draft")

    page.get_by_role("link", name="Record kommunicering").click()
    expect(page.get_by_role("heading", name="Kommunicering before the decision")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("The material was communicated to the client").check()
    page.get_by_label("Material communicated").fill("Hyresavtalet: hyran överstiger skälig nivå.")
    page.get_by_label("How").select_option("letter")
    page.get_by_label("Sent or given on").fill(sent.isoformat())
    page.get_by_label("Last day to answer").fill((sent + timedelta(days=14)).isoformat())
    page.get_by_label("Answered on").fill((sent - timedelta(days=1)).isoformat())
    page.get_by_label("The answer", exact=True).fill("Muntligt: söker billigare bostad.")
    page.get_by_role("button", name="Record", exact=True).click()
    expect(page.locator("#id_answered_on_error")).to_contain_text(
        "cannot have come before the material was sent"
    )
    expect(page.get_by_label("Material communicated")).to_have_value(
        "Hyresavtalet: hyran överstiger skälig nivå."
    )
    assert axe_violations(page) == []
    assert not Kommunicering.objects.exists()

    page.get_by_label("Answered on").fill(today.isoformat())
    page.get_by_role("button", name="Record", exact=True).click()
    expect(page.get_by_text("The kommunicering is recorded.")).to_be_visible()
    expect(page.get_by_test_id("kommunicering-status")).to_contain_text("done")
    expect(page.get_by_role("link", name="Letter of kommunicering (PDF)")).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_role("link", name="The decision for").click()
    page.get_by_role("button", name="Sign the decision").click()
    expect(page.get_by_text("The decision is signed.")).to_be_visible()
    assert Decision.objects.get().status == "signed"
    assert axe_violations(page) == []
