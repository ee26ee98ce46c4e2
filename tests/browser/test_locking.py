"""No lost edits, in two browsers: a caseworker and a unit manager open the same case's calculation;
the caseworker saves first; the manager's save is refused with the conflict shown and what they
typed kept, and goes through when saved again after reading."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from bryggan.accounts.models import Unit, User
from bryggan.core.month import Month
from bryggan.decisions.models import SavedCalculation
from bryggan.intake.models import Channel
from bryggan.intake.services import application_register
from tests.browser.conftest import axe_violations
from tests.browser.test_intake_flow import sign_in
from tests.people.factories import person_input

pytestmark = pytest.mark.django_db(transaction=True)


def _open_calculation(page: Page, base: str, household_id: int, rent: str) -> None:
    page.goto(f"{base}/arenden/{household_id}/berakning/")
    page.get_by_label(re.compile(r"^Månad\b")).fill("2021-03")
    page.get_by_label("Boende (hyra)").fill(rent)
    # Single adult 2021: 3 160 + common costs for one 1 020 + rent.
    expect(page.locator("#result").get_by_role("row", name="Försörjningsstöd")).to_be_visible()


def test_two_people_save_the_same_calculation_and_the_second_is_told(
    page: Page,
    browser: Browser,
    live_server: object,
    persona: Callable[..., User],
    unit: Unit,
) -> None:
    persona("work_coach")
    caseworker, manager = persona("caseworker"), persona("unit_manager")
    application = application_register(
        unit=unit,
        registered_by=caseworker,
        received_at=timezone.now(),
        channel=Channel.IN_PERSON,
        month=Month.of(timezone.localdate()),
        applicant=person_input(date(1980, 1, 1)),
        now=timezone.now(),
    )
    base, household_id = str(live_server), application.household_id
    sign_in(page, base, caseworker.username)
    other_context = browser.new_context(locale="sv-SE")  # a second, separate session
    other = other_context.new_page()
    try:
        sign_in(other, base, manager.username)
        # Both open the form before either saves.
        _open_calculation(page, base, household_id, "5000")
        _open_calculation(other, base, household_id, "6500")

        page.get_by_role("button", name="Spara beräkningen i ärendet").click()
        expect(page.get_by_role("heading", name=re.compile(r"9\s180\skr"))).to_be_visible()

        other.get_by_role("button", name="Spara beräkningen i ärendet").click()
        conflict = other.locator("#edit-conflict")
        expect(conflict).to_be_visible()
        expect(conflict.get_by_role("row", name=re.compile("Boende"))).to_contain_text("5000")
        expect(conflict.get_by_role("row", name=re.compile("Boende"))).to_contain_text("6500")
        expect(conflict).to_contain_text(caseworker.get_full_name())
        expect(other.get_by_label("Boende (hyra)")).to_have_value("6500")  # what they typed
        assert SavedCalculation.objects.count() == 1
        assert axe_violations(other) == []

        # Having read it, the manager saves again: it goes through, as the newer calculation.
        other.get_by_role("button", name="Spara beräkningen i ärendet").click()
        expect(other.get_by_role("heading", name=re.compile(r"10\s680\skr"))).to_be_visible()
        assert [c.amount for c in SavedCalculation.objects.order_by("version")] == [9180, 10680]
    finally:
        other_context.close()
