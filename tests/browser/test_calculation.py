"""A caseworker enters costs and income on a case and sees the amount update as they type."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from bryggan.accounts.models import Unit, User
from bryggan.core.month import Month
from bryggan.decisions.models import SavedCalculation
from bryggan.intake.models import Channel
from bryggan.intake.services import application_register
from tests.browser.conftest import axe_violations
from tests.browser.test_intake_flow import sign_in
from tests.people.factories import person_input

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_amount_updates_as_the_caseworker_types_and_is_saved_with_the_case(
    page: Page, live_server: object, persona: Callable[..., User], unit: Unit
) -> None:
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
    sign_in(page, str(live_server), caseworker.username)
    page.goto(f"{live_server}/arenden/{application.household_id}/")
    page.get_by_role("link", name="Beräkna försörjningsstöd").click()
    page.get_by_label(re.compile(r"^Månad\b")).fill("2021-03")
    page.get_by_label("Boende (hyra)").fill("5000")
    result = page.locator("#result")
    # Single adult 2021: 3 160 + common costs for one 1 020 + rent 5 000 = 9 180 kr.
    expect(result.get_by_role("row", name="Försörjningsstöd")).to_contain_text("9\u202f180")
    page.get_by_label("Typ av inkomst").first.select_option("unemployment_benefit")
    page.get_by_label("Belopp").first.fill("4000")
    expect(result.get_by_role("row", name="Försörjningsstöd")).to_contain_text("5\u202f180")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Spara beräkningen i ärendet").click()
    expect(
        page.get_by_role("heading", name=re.compile(r"Försörjningsstöd för 2021-03: 5\s180\skr"))
    ).to_be_visible()
    assert SavedCalculation.objects.get().amount == 5180
    assert axe_violations(page) == []
