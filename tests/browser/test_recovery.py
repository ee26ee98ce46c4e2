"""Recovery in the browser: a caseworker registers an overpayment on two payments, drafts and
signs the recovery decision and records a repayment plan; axe-core on every page.

Elements are found by their ids and test ids, so the test holds whichever language the page is in
(the recovery strings are translated when the catalogue is next compiled)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from bryggan.accounts.models import User
from bryggan.payments.models import Payment
from bryggan.people.models import Household
from tests.browser.conftest import axe_violations
from tests.browser.test_intake_flow import sign_in
from tests.decisions.recovery_fixtures import Paid, paid_case
from tests.payments.conftest import current_year_norm, delegation, make_decision

__all__ = ["current_year_norm", "delegation", "make_decision", "paid_case"]
pytestmark = pytest.mark.django_db(transaction=True)


def test_a_caseworker_registers_an_overpayment_and_signs_a_recovery_decision_with_a_plan(
    page: Page,
    live_server: object,
    persona: Callable[..., User],
    paid_case: Callable[..., tuple[Household, list[Payment]]],
) -> None:
    household, _ = paid_case(1, Paid(9180, month="2025-07"), Paid(2000, month="2025-08"))
    base = str(live_server)
    sign_in(page, base, persona("caseworker").username)

    page.goto(f"{base}/arenden/{household.pk}/")
    page.locator(f"a[href='/arenden/{household.pk}/aterkrav/']").click()
    expect(page).to_have_url(f"{base}/arenden/{household.pk}/aterkrav/")
    assert axe_violations(page) == []
    page.locator(f"a[href='/arenden/{household.pk}/aterkrav/nytt/']").click()
    expect(page).to_have_url(f"{base}/arenden/{household.pk}/aterkrav/nytt/")
    page.locator("#id_payments_0").check()
    page.locator("#id_payments_1").check()
    page.locator("#id_ground_0").check()
    page.locator("#id_facts").fill("Lön i juli redovisades inte.")
    page.locator("#id_amount").fill("3000")
    assert axe_violations(page) == []
    page.locator("form.form-grid button[type=submit]").click()

    expect(page.get_by_test_id("legal-ground")).to_contain_text("33 kap. 1 § första stycket")
    assert axe_violations(page) == []
    expect(page.locator("#id_decision_reasons")).to_have_value("Lön i juli redovisades inte.")
    page.locator("form[action$='/beslut/'] button").click()
    page.locator("form[action$='/signera/'] button").click()
    expect(page.get_by_test_id("recovery-status")).to_contain_text("Signerat")
    expect(page.get_by_test_id("outstanding")).to_have_text("3\u202f000 kr")

    page.locator("#id_plan_monthly_amount").fill("500")
    page.locator("#id_plan_first_month").fill("2026-12")
    page.locator("form[action$='/plan/'] button").click()
    instalments = page.locator("table.instalments tbody tr")
    expect(instalments).to_have_count(6)
    expect(instalments.last).to_contain_text("2027-05")
    assert axe_violations(page) == []
    letter = page.request.get(
        base + (page.locator("a[href$='beslut.pdf']").first.get_attribute("href") or "")
    )
    assert letter.body().startswith(b"%PDF")
