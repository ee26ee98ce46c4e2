"""Under the Content-Security-Policy the pages work and the browser refuses nothing: a caseworker
walks from sign-in through the case to the calculation, which htmx updates as she types, and a
unit manager opens the statistics and the måltavla with their charts."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

import pytest
from django.utils import timezone
from playwright.sync_api import ConsoleMessage, Page, expect

from bryggan.accounts.models import Unit, User
from bryggan.core.month import Month
from bryggan.intake.models import Channel
from bryggan.intake.services import application_register
from tests.browser.test_intake_flow import sign_in
from tests.people.factories import person_input

pytestmark = pytest.mark.django_db(transaction=True)

LISTEN = """
document.addEventListener('securitypolicyviolation', (e) =>
  window.reportViolation(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
"""


def collect_violations(page: Page) -> list[str]:
    """Every CSP violation on the page from now on: the DOM event and Chromium's console error."""
    violations: list[str] = []

    def report(text: str) -> None:
        violations.append(text)

    page.expose_function("reportViolation", report)
    page.add_init_script(LISTEN)

    def on_console(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            violations.append(message.text)

    page.on("console", on_console)
    return violations


def test_the_pages_work_under_the_policy_and_nothing_is_refused(
    page: Page, live_server: object, persona: Callable[..., User], unit: Unit
) -> None:
    base = str(live_server)
    violations = collect_violations(page)
    persona("work_coach")
    caseworker = persona("caseworker")
    application = application_register(
        unit=unit,
        registered_by=caseworker,
        received_at=timezone.now(),
        channel=Channel.IN_PERSON,
        month=Month.of(timezone.localdate()),
        applicant=person_input(date(1980, 1, 1)),
        now=timezone.now(),
    )
    sign_in(page, base, caseworker.username)
    expect(page).to_have_url(f"{base}/mitt-arbete/")
    page.goto(f"{base}/arenden/{application.household_id}/")
    page.get_by_role("link", name="Beräkna försörjningsstöd").click()
    # htmx updates the amount as she types: its script runs, its request is allowed.
    page.get_by_label(re.compile(r"^Månad\b")).fill("2021-03")
    page.get_by_label("Boende (hyra)").fill("5000")
    expect(page.locator("#result").get_by_role("row", name="Försörjningsstöd")).to_contain_text(
        "9\u202f180"
    )
    # The stylesheet applies (the calculation's two columns come from app.css only).
    assert page.locator(".calc-layout").evaluate("e => getComputedStyle(e).display") == "grid"
    page.goto(f"{base}/arenden/")
    page.get_by_role("button", name="Logga ut").click()
    expect(page.get_by_role("heading", name="Logga in i Bryggan")).to_be_visible()

    sign_in(page, base, persona("unit_manager").username)
    page.goto(f"{base}/statistik/")
    expect(page.locator("table").first).to_be_visible()
    for path in ("/statistik/kommun/1982/", "/statistik/forvantat/"):
        page.goto(base + path)
        expect(page.locator("svg[role=img]").first).to_be_visible()
    page.goto(f"{base}/uppfoljning/maltavla/")
    expect(page.locator("h1")).to_contain_text("Måltavla")
    assert violations == []

    # The watch works: an inline style added to the page is refused and reported.
    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<p style=\"color: red\">x</p>')")
    page.wait_for_timeout(200)
    assert any("style" in violation for violation in violations)
