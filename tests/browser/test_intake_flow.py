"""A caseworker signs in, registers an application and sees the booked first meeting."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from playwright.sync_api import Page, expect

from bryggan.accounts.models import User
from bryggan.intake.models import FirstMeeting
from tests.browser.conftest import axe_violations
from tests.conftest import PASSWORD
from tests.people.factories import identity_number

pytestmark = pytest.mark.django_db(transaction=True)


def sign_in(page: Page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/logga-in/")
    assert axe_violations(page) == []
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()


def test_caseworker_registers_an_application_and_sees_the_booked_meeting(
    page: Page, live_server: object, persona: Callable[..., User]
) -> None:
    caseworker = persona("caseworker")
    coach = persona("work_coach")
    base = str(live_server)
    sign_in(page, base, caseworker.username)
    expect(page).to_have_url(f"{base}/mitt-arbete/")  # My work, the start page
    page.get_by_role("link", name="Ärenden", exact=True).click()
    expect(page.get_by_role("heading", name="Mina ärenden")).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_role("link", name="Ny ansökan").click()
    expect(page.get_by_role("heading", name="Registrera en ansökan")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("textbox", name="Sökandes personnummer", exact=True).fill(
        identity_number(date(1984, 9, 12), 321)
    )
    page.get_by_label("Förnamn").first.fill("Sara")
    page.get_by_label("Efternamn").first.fill("Lind")
    page.get_by_role("button", name="Registrera och boka första besöket").click()

    expect(page.get_by_text("Ansökan är registrerad och första besöket bokat.")).to_be_visible()
    meeting = FirstMeeting.objects.get()
    assert meeting.caseworker == caseworker
    assert meeting.work_coach == coach
    expect(page.get_by_test_id("meeting-status")).to_have_text("Bokat")
    expect(page.locator(".meeting")).to_contain_text(coach.get_full_name())
    assert axe_violations(page) == []


def test_a_wrong_personnummer_is_named_and_the_typed_values_stay(
    page: Page, live_server: object, persona: Callable[..., User]
) -> None:
    persona("work_coach")
    sign_in(page, str(live_server), persona("caseworker").username)
    page.goto(f"{live_server}/mottagning/ny-ansokan/")
    page.get_by_role("textbox", name="Sökandes personnummer", exact=True).fill("19840912-3210")
    page.get_by_label("Förnamn").first.fill("Sara")
    page.get_by_label("Efternamn").first.fill("Lind")
    page.get_by_role("button", name="Registrera och boka första besöket").click()
    expect(
        page.get_by_role("alert").filter(has_text="Inte ett giltigt personnummer")
    ).to_be_visible()
    expect(page.get_by_label("Förnamn").first).to_have_value("Sara")
    assert FirstMeeting.objects.count() == 0
    assert axe_violations(page) == []
