"""Appeals in the browser: a caseworker registers a late appeal whose decision letter lacked
correct appeal instructions, sees that it must not be dismissed, reconsiders (keeps the decision)
and forwards it with a statement; the unit manager sees it on the follow-up page. axe-core on
every page.

Elements are found by ids, test ids and data attributes, so the test holds whichever language the
page is in (the appeal strings are translated when the catalogue is next compiled)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from bryggan.accounts.models import User
from bryggan.decisions.models import Decision
from bryggan.decisions.rules import appeal_deadline
from tests.browser.conftest import axe_violations
from tests.browser.test_intake_flow import sign_in
from tests.decisions.appeals_fixtures import decided
from tests.payments.conftest import current_year_norm, delegation, make_decision

__all__ = ["current_year_norm", "decided", "delegation", "make_decision"]
pytestmark = pytest.mark.django_db(transaction=True)


def test_a_late_appeal_after_incorrect_instructions_is_reconsidered_and_forwarded(
    page: Page,
    live_server: object,
    persona: Callable[..., User],
    decided: Callable[..., Decision],
) -> None:
    today = timezone.localdate()
    signed_on = today - timedelta(days=40)
    decision = decided(1, signed_on=signed_on, received_on=signed_on + timedelta(days=2))
    assert decision.notified_on is not None
    came_in = appeal_deadline(decision.notified_on) + timedelta(days=3)
    household = decision.household
    base = str(live_server)
    sign_in(page, base, persona("caseworker").username)

    page.goto(f"{base}/arenden/{household.pk}/")
    page.locator(f"a[href='/arenden/{household.pk}/overklaganden/']").click()
    expect(page).to_have_url(f"{base}/arenden/{household.pk}/overklaganden/")
    assert axe_violations(page) == []
    page.locator(f"a[href='/arenden/{household.pk}/overklaganden/nytt/']").click()
    page.locator("#id_appealed").select_option(f"decision:{decision.pk}")
    page.locator("#id_received_on").fill(came_in.isoformat())
    page.locator("#id_claims").fill("Hela hyran ska räknas med.")
    page.locator("#id_incorrect_instructions").check()
    assert axe_violations(page) == []
    page.locator("form.form-grid button[type=submit]").click()

    timeliness = page.get_by_test_id("timeliness")
    expect(timeliness).to_have_attribute("data-timeliness", "late_not_dismissed")
    expect(timeliness).to_have_attribute("data-may-be-dismissed", "no")
    expect(page.locator("form[action$='/avvisa/']")).to_have_count(0)
    assert axe_violations(page) == []

    page.locator("#id_reconsider_outcome_0").check()  # kept
    page.locator("#id_reconsider_reasons").fill("Hyran är över skälig nivå på orten.")
    page.locator("form[action$='/omprova/'] button").click()
    expect(page.get_by_test_id("reconsideration")).to_be_visible()
    page.locator("#id_forward_statement").fill("Nämnden vidhåller beslutet.")
    # Forwarded two days after it came in: within the unit's week.
    page.locator("#id_forward_forwarded_on").fill((came_in + timedelta(days=2)).isoformat())
    assert axe_violations(page) == []
    page.locator("form[action$='/overlamna/'] button").click()
    expect(page.get_by_test_id("forwarded")).to_be_visible()
    letter = page.request.get(
        base + (page.locator("a[href$='overlamnande.pdf']").get_attribute("href") or "")
    )
    assert letter.body().startswith(b"%PDF")

    page.context.clear_cookies(name="sessionid")  # signs out; keeps the language
    sign_in(page, base, persona("unit_manager").username)
    page.goto(f"{base}/uppfoljning/")
    page.locator("a[href='/uppfoljning/overklaganden/']").click()
    row = page.get_by_test_id(f"appeals-{came_in:%Y-%m}")
    expect(row).to_contain_text("100 %")
    assert axe_violations(page) == []
