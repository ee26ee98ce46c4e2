"""The applicant's side in the browser, on a phone-sized screen (320 × 640): the applicant sees a
request for documents and sends a document against it, reads the decision and its letter, and
appeals it; the caseworker then sees the appeal on the case, and the document on My work until
they mark it reviewed. Every applicant page is checked with
axe-core and for reflow (no sideways scrolling at 320 px, WCAG 1.4.10); links and buttons are
used with the keyboard (focus and Enter).

With `BRYGGAN_SCREENSHOTS=docs/screenshots` the pages are saved there for the README."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone
from playwright.sync_api import Page, expect

from bryggan.accounts.models import User
from bryggan.casefile.services_requests import document_request_create
from bryggan.decisions.models import Appeal, Decision
from bryggan.mypages.services import applicant_user_for
from tests.browser.conftest import axe_violations
from tests.browser.test_intake_flow import sign_in
from tests.casefile.documents_files import pdf_bytes
from tests.payments.conftest import current_year_norm, delegation, make_decision

__all__ = ["current_year_norm", "delegation", "make_decision"]
pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 320, "height": 640}


def _check(page: Page, shots: Path | None, name: str) -> None:
    """axe finds nothing, the page reflows at 320 px, and (optionally) a screenshot."""
    assert axe_violations(page) == [], page.url
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow} px"
    if shots is not None:
        page.screenshot(path=str(shots / f"mypages-{name}.png"), full_page=True)


def _press(page: Page, selector: str) -> None:
    """Activate a link or button by the keyboard (focus it, press Enter) and wait for the page
    it leads to."""
    page.locator(selector).first.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_the_applicant_answers_a_request_reads_the_decision_and_appeals_it(
    page: Page,
    live_server: object,
    persona: Callable[..., User],
    make_decision: Callable[..., Decision],
    tmp_path: Path,
) -> None:
    shots_dir = os.environ.get("BRYGGAN_SCREENSHOTS")
    shots = Path(shots_dir) if shots_dir else None
    decision = make_decision(21)
    household = decision.household
    today = timezone.localdate()
    document_request_create(
        household=household,
        kind="payslip",
        what="Lönespecifikation för november",
        last_day=today + timedelta(days=7),
        month=None,
        by=persona("caseworker"),
        today=today,
    )
    applicant = applicant_user_for(household.members.get().person)
    client = Client()
    client.force_login(applicant)
    base = str(live_server)
    page.set_viewport_size(PHONE)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": base}]
    )

    page.goto(f"{base}/mina-sidor/")
    expect(page.locator("h1")).to_be_visible()
    _check(page, shots, "home")

    _press(page, "nav.mine-nav a[href='/mina-sidor/begaran/']")
    expect(page.get_by_test_id("requests")).to_contain_text("Lönespecifikation för november")
    _check(page, shots, "requests")
    _press(page, "a[href$='/skicka/']")
    payslip = tmp_path / "lonespec.pdf"
    payslip.write_bytes(pdf_bytes("Lön november"))
    page.locator("#id_file").set_input_files(str(payslip))
    _check(page, None, "upload")
    _press(page, "main form button[type=submit]")
    expect(page.locator("li[data-state='fulfilled']")).to_have_count(1)
    _check(page, None, "requests-fulfilled")

    _press(page, "nav.mine-nav a[href='/mina-sidor/beslut/']")
    _check(page, shots, "decisions")
    _press(page, f"a[href='/mina-sidor/beslut/{decision.pk}/']")
    expect(page.get_by_test_id("decision")).to_be_visible()
    _check(page, shots, "decision")
    letter = page.request.get(f"{base}/mina-sidor/beslut/{decision.pk}/brev/")
    assert letter.ok
    assert letter.body().startswith(b"%PDF")

    _press(page, f"a[href='/mina-sidor/beslut/{decision.pk}/overklaga/']")
    page.locator("#id_claims").fill("Jag vill att hela hyran räknas med.")
    _check(page, shots, "appeal")
    _press(page, "main form button[type=submit]")
    expect(page.get_by_test_id("appeal-status")).to_be_visible()
    _check(page, None, "decision-appealed")
    appeal = Appeal.objects.get(decision=decision)

    for path, name in [
        ("/mina-sidor/utbetalningar/", "payments"),
        ("/mina-sidor/plan/", "plan"),
        ("/mina-sidor/aktiviteter/", "activities"),
        ("/mina-sidor/mina-uppgifter/", "my-data"),
        ("/mina-sidor/tillganglighet/", "accessibility"),
    ]:
        page.goto(f"{base}{path}")
        _check(page, shots if name in ("payments", "accessibility") else None, name)

    page.context.clear_cookies(name="sessionid")  # signs out; keeps the language
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, base, persona("caseworker").username)
    page.goto(f"{base}/arenden/{household.pk}/overklaganden/")
    expect(
        page.locator(f"a[href='/arenden/{household.pk}/overklaganden/{appeal.pk}/']")
    ).to_have_count(1)

    _the_caseworker_reviews_what_came_in(page, base, household.pk)


def _the_caseworker_reviews_what_came_in(page: Page, base: str, household_id: int) -> None:
    """What the applicant sent waits on the caseworker's My work until it is marked reviewed."""
    page.goto(f"{base}/mitt-arbete/")
    expect(page.locator("main")).to_contain_text("Lönespecifikation för november")
    page.goto(f"{base}/arenden/{household_id}/begaran/")
    page.get_by_role("button", name="Markera som granskad").click()
    expect(page.locator("tr[data-state='reviewed']")).to_have_count(1)
    expect(page.get_by_role("alert").or_(page.get_by_role("status")).first).to_contain_text(
        "Markerad som granskad"
    )
    assert axe_violations(page) == []
    page.goto(f"{base}/mitt-arbete/")
    expect(page.locator("main")).not_to_contain_text("Lönespecifikation för november")
