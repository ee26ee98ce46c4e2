"""In the browser: a caseworker proposes a placement to the selection group; the members approve
one by one and the placement waits for the last approval, naming the organisation that has not
voted; the last approves, the agreement is written, signed and registered, and the placement
starts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from bryggan.accounts.models import User
from bryggan.core.month import Month
from bryggan.intake.models import Channel
from bryggan.intake.services import application_register
from bryggan.placements.models import Placement
from tests.browser.conftest import axe_violations
from tests.browser.test_intake_flow import sign_in
from tests.casefile.documents_files import pdf_bytes
from tests.cooperation.factories import make_partner_user
from tests.people.factories import person_input
from tests.placements.factories import consent_all, make_group

pytestmark = pytest.mark.django_db(transaction=True)


def _vote_as_partner(browser: Browser, base: str, user: User, placement_id: int) -> None:
    page = browser.new_context(locale="sv-SE").new_page()
    sign_in(page, base, user.username)
    page.goto(f"{base}/partner/placeringar/")
    page.locator(f"a[href='/partner/placeringar/{placement_id}/']").click()
    page.locator("#vote-form input[name=approve][value=yes]").check()
    assert axe_violations(page) == []
    page.locator("#vote-form button[type=submit]").click()
    expect(page.locator("[data-testid=votes]")).to_contain_text(user.partner_link.organisation.name)
    page.context.close()


def _propose(page: Page, base: str, household_id: int, today: date) -> None:
    page.goto(f"{base}/arenden/{household_id}/")
    page.locator(f"a[href='/arenden/{household_id}/placeringar/']").first.click()
    page.locator(f"a[href='/arenden/{household_id}/placeringar/ny/']").click()
    page.locator("#id_group").select_option(label="Kommunbryggan")
    page.locator("#id_person").select_option(label="Samir Haddad")
    page.locator("#id_kind").select_option("subsidised_job")
    page.locator("#id_workplace").fill("Parkförvaltningen")
    page.locator("#id_starts_on").fill(today.isoformat())
    page.locator("#id_ends_on").fill((today + timedelta(days=364)).isoformat())
    page.locator("#id_hours_per_week").fill("40")
    page.locator("#id_content").fill("Skötsel av parker och grönytor.")
    assert axe_violations(page) == []
    page.locator("form.form-grid button[type=submit]").click()
    expect(page.locator("[data-testid=placement-state]")).to_have_text("Väntar på godkännande")


def _write_and_sign(page: Page, base: str, placement_id: int, today: date) -> None:
    page.locator("#id_goal").fill("Anställning efter extratjänsten.")
    page.locator("#id_content").fill("Parkarbete med handledare.")
    page.locator("#id_follow_up_dates").fill((today + timedelta(days=30)).isoformat())
    page.locator("#id_consequences").fill("Frånvaro utan giltigt skäl kan leda till nedsättning.")
    page.get_by_role("button", name="Spara överenskommelsen").click()
    pdf = page.request.get(f"{base}/placeringar/{placement_id}/overenskommelse/pdf/")
    assert pdf.headers["content-type"] == "application/pdf"
    page.locator("#id_signed_form").set_input_files(
        files=[
            {"name": "overenskommelse.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}
        ]
    )
    assert axe_violations(page) == []
    page.get_by_role("button", name="Registrera som undertecknad").click()


def test_a_placement_waits_for_the_last_approval_and_starts_on_a_signed_agreement(
    page: Page, browser: Browser, live_server: object, persona: Callable[..., User]
) -> None:
    persona("work_coach")
    caseworker, manager = persona("caseworker"), persona("unit_manager")
    household = application_register(
        unit=caseworker.unit,
        registered_by=caseworker,
        received_at=timezone.now(),
        channel=Channel.IN_PERSON,
        month=Month.of(timezone.localdate()),
        applicant=person_input(date(1988, 4, 5), 431, first="Samir", last="Haddad"),
        now=timezone.now(),
    ).household
    group = make_group(caseworker.unit, manager)
    consent_all(household, group, caseworker)
    north, south = (make_partner_user(o, f"p-{o.pk}") for o in group.neighbours)
    af = make_partner_user(group.af, "af-officer")
    base, today = str(live_server), timezone.localdate()

    # The caseworker proposes a measure employment to the group.
    sign_in(page, base, caseworker.username)
    _propose(page, base, household.pk, today)
    placement = Placement.objects.get()
    assert axe_violations(page) == []

    # The own municipality (the manager) and both neighbouring municipalities approve.
    own = browser.new_context(locale="sv-SE").new_page()
    sign_in(own, base, manager.username)
    own.goto(f"{base}/placeringar/{placement.pk}/")
    own.locator("#vote-form input[name=approve][value=yes]").check()
    own.locator("#vote-form button[type=submit]").click()
    expect(own.locator("[data-testid=votes]")).to_contain_text(caseworker.unit.name)
    own.context.close()
    _vote_as_partner(browser, base, north, placement.pk)
    _vote_as_partner(browser, base, south, placement.pk)

    # Waiting for the last approval: the page names Arbetsförmedlingen.
    page.reload()
    expect(page.locator("[data-testid=placement-state]")).to_have_text("Väntar på godkännande")
    expect(page.locator("[data-testid=waiting-for]")).to_have_text(f"Väntar på: {group.af.name}.")
    _vote_as_partner(browser, base, af, placement.pk)

    # Approved: the agreement is written, printed, signed, registered; then the placement starts.
    page.reload()
    expect(page.locator("[data-testid=placement-state]")).to_have_text(
        "Godkänd: överenskommelsen inte undertecknad"
    )
    expect(page.locator("[data-testid=waiting-for]")).to_have_count(0)
    _write_and_sign(page, base, placement.pk, today)
    expect(page.locator("[data-testid=agreement-signed]")).to_contain_text(today.isoformat())
    expect(page.locator("[data-testid=placement-state]")).to_have_text("Godkänd: kan starta")
    page.get_by_role("button", name="Starta placeringen").click()
    expect(page.locator("[data-testid=placement-state]")).to_have_text("Pågår")
    assert axe_violations(page) == []
    placement.refresh_from_db()
    assert placement.started_on == today
