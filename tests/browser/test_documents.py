"""In the browser: a caseworker uploads a rent contract on a case and sees the housing line of
the calculation marked as documented."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from bryggan.accounts.models import User
from bryggan.casefile.models import Document
from bryggan.core.month import Month
from bryggan.intake.models import Channel
from bryggan.intake.services import application_register
from tests.browser.conftest import axe_violations
from tests.browser.test_intake_flow import sign_in
from tests.casefile.documents_files import pdf_bytes
from tests.decisions.conftest import current_year_norm
from tests.people.factories import person_input

__all__ = ["current_year_norm"]
pytestmark = pytest.mark.django_db(transaction=True)


def test_an_uploaded_rent_contract_marks_housing_documented(
    page: Page, live_server: object, persona: Callable[..., User], current_year_norm: int
) -> None:
    persona("work_coach")
    caseworker = persona("caseworker")
    household = application_register(
        unit=caseworker.unit,
        registered_by=caseworker,
        received_at=timezone.now(),
        channel=Channel.IN_PERSON,
        month=Month.of(timezone.localdate()),
        applicant=person_input(date(1979, 4, 4), 414, first="Nora", last="Berg"),
        now=timezone.now(),
    ).household
    month = str(Month.of(timezone.localdate()))
    base = str(live_server)
    sign_in(page, base, caseworker.username)

    page.goto(f"{base}/arenden/{household.pk}/")
    page.locator(f"a[href='/arenden/{household.pk}/handlingar/']").click()
    page.locator(f"a[href='/arenden/{household.pk}/handlingar/ny/']").click()
    page.locator("#id_file").set_input_files(
        files=[{"name": "hyreskontrakt.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}]
    )
    page.locator("#id_kind").select_option("rent_contract")
    page.locator("#id_sender").fill("Bostadsbolaget AB")
    page.locator("#id_from_month").fill(month)
    assert axe_violations(page) == []
    page.locator("form.form-grid button[type=submit]").click()
    expect(page.locator("dl.facts")).to_contain_text("Bostadsbolaget AB")
    document = Document.objects.get()
    assert page.url.endswith(f"/arenden/{household.pk}/handlingar/{document.pk}/")
    assert axe_violations(page) == []

    page.goto(f"{base}/arenden/{household.pk}/handlingar/")
    expect(page.get_by_test_id("documents")).to_contain_text("hyreskontrakt.pdf")
    assert axe_violations(page) == []

    page.goto(f"{base}/arenden/{household.pk}/")
    page.get_by_role("link", name="Beräkna försörjningsstöd").click()
    page.get_by_label("Boende (hyra)").fill("5000")
    documented = page.get_by_test_id("documentation").locator("tr[data-documented='yes']")
    expect(documented).to_contain_text("Boendekostnad")
    assert axe_violations(page) == []
