"""In the browser: a caseworker registers a client's consent with its signed form; the partner
(an Arbetsförmedlingen officer) signs in and sees only that client; the consent is withdrawn and
the partner no longer sees them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from bryggan.accounts.models import User
from bryggan.core.month import Month
from bryggan.intake.models import Channel
from bryggan.intake.services import application_register
from bryggan.people.models import Household
from tests.browser.conftest import axe_violations
from tests.browser.test_intake_flow import sign_in
from tests.casefile.documents_files import pdf_bytes
from tests.cooperation.factories import make_organisation, make_partner_user
from tests.people.factories import person_input

pytestmark = pytest.mark.django_db(transaction=True)


def _case(caseworker: User, number: int, first: str, last: str) -> Household:
    return application_register(
        unit=caseworker.unit,
        registered_by=caseworker,
        received_at=timezone.now(),
        channel=Channel.IN_PERSON,
        month=Month.of(timezone.localdate()),
        applicant=person_input(date(1985, 2, 3), number, first=first, last=last),
        now=timezone.now(),
    ).household


def test_a_consent_opens_one_case_to_the_partner_until_it_is_withdrawn(
    page: Page, browser: Browser, live_server: object, persona: Callable[..., User]
) -> None:
    persona("work_coach")
    caseworker = persona("caseworker")
    household = _case(caseworker, 414, "Nora", "Berg")
    _case(caseworker, 422, "Olle", "Ström")
    af = make_organisation()
    partner = make_partner_user(af)
    base = str(live_server)

    sign_in(page, base, caseworker.username)
    page.goto(f"{base}/arenden/{household.pk}/")
    page.locator(f"a[href='/arenden/{household.pk}/samtycken/nytt/']").first.click()
    page.locator("#id_person").select_option(label="Nora Berg")
    page.locator(f"input[name=organisations][value='{af.pk}']").check()
    page.locator("input[name=kinds][value=identity]").check()
    page.locator("input[name=kinds][value=plan]").check()
    page.locator("input[name=given_how][value=signed_form]").check()
    page.locator("#id_signed_form").set_input_files(
        files=[{"name": "samtycke-af.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}]
    )
    assert axe_violations(page) == []
    page.locator("form.form-grid button[type=submit]").click()
    expect(page.locator("main table").first).to_contain_text(af.name)
    expect(page.locator("main table").first.get_by_role("link")).to_have_count(1)  # the form
    assert axe_violations(page) == []

    other = browser.new_context(locale="sv-SE").new_page()
    sign_in(other, base, partner.username)
    expect(other.locator("main")).to_contain_text("Nora Berg")
    expect(other.locator("main")).not_to_contain_text("Olle")
    assert axe_violations(other) == []
    other.get_by_role("link", name="Nora Berg").click()
    expect(other.locator("h1")).to_contain_text("Nora Berg")
    assert axe_violations(other) == []
    person_url = other.url

    page.locator("input[name=note]").fill("Per telefon.")
    page.locator("form.inline-form button[type=submit]").click()
    expect(page.locator("form.inline-form")).to_have_count(0)

    other.goto(f"{base}/partner/")
    expect(other.locator("main")).not_to_contain_text("Nora Berg")
    response = other.goto(person_url)
    assert response is not None
    assert response.status == 404
