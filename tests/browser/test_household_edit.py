"""No lost edits on a household, in two browsers: a caseworker and a unit manager open the same
household; the caseworker corrects the address and saves first; the manager's save is refused with
what changed shown and what they typed kept, and goes through when saved again after reading."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from datetime import date

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from bryggan.accounts.models import Unit, User
from bryggan.people.models import HouseholdMember, Person
from bryggan.people.services import household_open
from tests.browser.conftest import axe_violations
from tests.browser.test_intake_flow import sign_in
from tests.people.factories import person_input

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_people_edit_the_same_household_and_the_second_is_told(
    page: Page,
    browser: Browser,
    live_server: object,
    persona: Callable[..., User],
    unit: Unit,
) -> None:
    caseworker, manager = persona("caseworker"), persona("unit_manager")
    household = household_open(
        unit=unit,
        applicant=person_input(
            date(1985, 3, 4), 123, first="Anna", last="Berg", address="Storgatan 1"
        ),
        co_applicant=None,
        children=[person_input(date(2015, 9, 10), 789, first="Cleo", last="Berg")],
        caseworker=caseworker,
        opened_on=date(2026, 1, 15),
        by=caseworker,
    )
    base = str(live_server)
    sign_in(page, base, caseworker.username)
    other_context = browser.new_context(locale="sv-SE")  # a second, separate session
    other = other_context.new_page()
    try:
        sign_in(other, base, manager.username)
        # The caseworker finds the page from the case; the manager opens it too; neither has saved.
        page.goto(f"{base}/arenden/{household.pk}/")
        page.get_by_role("link", name=re.compile("Ändra hushållet")).click()
        expect(page.get_by_role("heading", name="Hushållet", exact=True)).to_be_visible()
        other.goto(f"{base}/arenden/{household.pk}/hushall/")
        assert axe_violations(page) == []

        page.get_by_label("Adress").fill("Lillgatan 2")
        page.get_by_label("Förnamn, Cleo Berg").fill("Clea")
        page.get_by_role("button", name="Spara hushållet").click()
        expect(page.get_by_text("Hushållet är sparat.")).to_be_visible()

        other.get_by_label("Adress").fill("Storgatan 9")
        # A person moves in: the manager types all of it before saving.
        other.get_by_label("Personnummer", exact=True).fill("19900102-3218")
        other.get_by_label("Förnamn", exact=True).fill("Dana")
        other.get_by_label("Efternamn", exact=True).fill("Ek")
        other.get_by_label("Roll", exact=True).select_option("co_applicant")
        other.get_by_label("Flyttade in", exact=True).fill(timezone.localdate().isoformat())
        other.get_by_role("button", name="Spara hushållet").click()

        conflict = other.locator("#edit-conflict")
        expect(conflict).to_be_visible()
        expect(conflict).to_contain_text(caseworker.get_full_name())
        address_row = conflict.get_by_role("row", name=re.compile("^Adress"))
        expect(address_row).to_contain_text("Lillgatan 2")
        expect(address_row).to_contain_text("Storgatan 9")
        first_name_row = conflict.get_by_role("row", name=re.compile("^Förnamn, Cle"))
        expect(first_name_row).to_contain_text("Clea")  # stored now
        expect(first_name_row).to_contain_text("Cleo")  # as the manager left it
        # What the manager typed is kept, the move-in included.
        expect(other.get_by_label("Adress")).to_have_value("Storgatan 9")
        expect(other.get_by_label("Förnamn", exact=True)).to_have_value("Dana")
        assert not Person.objects.filter(first_name="Dana").exists()
        assert axe_violations(other) == []
        if os.environ.get("BRYGGAN_SCREENSHOTS"):
            other.set_viewport_size({"width": 1280, "height": 1400})
            other.screenshot(
                path=os.environ["BRYGGAN_SCREENSHOTS"] + "/household_conflict.png", full_page=True
            )

        # Having read it, the manager takes the caseworker's correction of the child's name (the
        # form keeps all of the manager's values, so a field the caseworker changed is chosen
        # consciously) and saves again: it goes through.
        other.get_by_label(re.compile("^Förnamn, Cle")).fill("Clea")
        other.get_by_role("button", name="Spara hushållet").click()
        expect(other.get_by_text("Hushållet är sparat.")).to_be_visible()
        members = HouseholdMember.objects.filter(household=household).select_related("person")
        assert sorted(m.person.first_name for m in members) == ["Anna", "Clea", "Dana"]
        assert {m.person.address for m in members} == {"Storgatan 9"}
    finally:
        other_context.close()
