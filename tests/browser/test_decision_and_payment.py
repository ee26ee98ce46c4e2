"""The whole path in the browser: application, calculation, decision, letter, payment run, file."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

import pytest
from playwright.sync_api import Page, expect

from bryggan.accounts.models import User
from bryggan.payments import pain001
from bryggan.payments.models import Payment, PaymentRun
from tests.browser.conftest import axe_violations
from tests.browser.test_intake_flow import sign_in
from tests.decisions.conftest import ACCOUNT, CLEARING, current_year_norm, delegation
from tests.people.factories import identity_number

__all__ = ["current_year_norm", "delegation"]
pytestmark = pytest.mark.django_db(transaction=True)


def test_from_application_to_payment_file(
    page: Page,
    live_server: object,
    persona: Callable[..., User],
    current_year_norm: int,
    delegation: None,
) -> None:
    persona("work_coach")
    caseworker, manager = persona("caseworker"), persona("unit_manager")
    base = str(live_server)
    sign_in(page, base, caseworker.username)

    page.get_by_role("link", name="Ny ansökan").click()
    page.get_by_role("textbox", name="Sökandes personnummer", exact=True).fill(
        identity_number(date(1979, 4, 4), 414)
    )
    page.get_by_label("Förnamn").first.fill("Nora")
    page.get_by_label("Efternamn").first.fill("Berg")
    page.get_by_role("button", name="Registrera och boka första besöket").click()
    page.get_by_role("link", name=re.compile(r"^\d{4}-\d{5}$")).click()

    page.get_by_role("link", name="Beräkna försörjningsstöd").click()
    page.get_by_label("Boende (hyra)").fill("5000")
    # 2021's amounts entered as this year's (test data): 3 160 + 1 020 + 5 000 = 9 180 kr.
    expect(page.locator("#result").get_by_role("row", name="Försörjningsstöd")).to_contain_text(
        "9\u202f180"
    )
    page.get_by_role("button", name="Spara beräkningen i ärendet").click()

    # The month is assessed with the applicant's reason for need before it is decided.
    case_url = page.url.split("/berakning/")[0]
    page.goto(case_url + "/")
    page.get_by_role("link", name="Försörjningshinder").click()
    page.get_by_label("Försörjningshinder: Nora").select_option("unemployed_no_benefit")
    page.get_by_role("button", name="Registrera försörjningshindren").click()
    expect(page.get_by_text("Försörjningshindren är registrerade.")).to_be_visible()
    assert axe_violations(page) == []

    page.goto(case_url + "/beslut/nytt/")
    expect(page.get_by_label("Belopp som beviljas (kronor)")).to_have_value("9180")
    page.get_by_label("Skäl för beslutet").fill("Hushållet saknar inkomster.")
    page.get_by_label("Clearingnummer").fill(CLEARING)
    page.get_by_label("Kontonummer").fill(ACCOUNT)
    assert axe_violations(page) == []
    page.get_by_role("button", name="Upprätta beslutet").click()
    page.get_by_role("button", name="Signera beslutet").click()
    expect(page.get_by_test_id("decision-status")).to_contain_text("Signerat")
    assert axe_violations(page) == []
    letter = page.request.get(
        base + (page.get_by_role("link", name="Beslutsbrev (PDF)").get_attribute("href") or "")
    )
    assert letter.headers["content-type"] == "application/pdf"
    assert letter.body().startswith(b"%PDF")

    page.get_by_role("button", name="Logga ut").click()
    sign_in(page, base, manager.username)
    page.get_by_role("link", name="Utbetalningar").click()
    expect(page.get_by_test_id("payable")).to_contain_text("9\u202f180")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Kör utbetalningarna och skapa filen").click()
    expect(page.get_by_test_id("run-total")).to_contain_text("9\u202f180")
    assert axe_violations(page) == []
    file = page.request.get(
        base + (page.get_by_role("link", name="pain.001 (XML)").get_attribute("href") or "")
    )
    pain001.validate_pain001(file.body())
    assert [p.amount_kronor for p in pain001.read_pain001(file.body())] == [9180]
    assert Payment.objects.get().amount == 9180
    assert PaymentRun.objects.count() == 1
