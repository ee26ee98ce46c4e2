"""In the browser: a manager sets up a review group and books its meetings; a caseworker tries to
put a client on the agenda, is told which consent is missing, registers it with its signed form
and puts the client on; the meeting is held and the minutes' action lands in the client's plan; the
partner (an Arbetsförmedlingen officer) signs in and sees only that case; the client withdraws the
consent and the case leaves the next agenda."""

from __future__ import annotations

from collections.abc import Callable
from datetime import time, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from bryggan.accounts.models import Unit, User
from bryggan.cooperation.models import PartnerOrganisation
from bryggan.cooperation.rules import OrganisationKind
from bryggan.people.models import Household
from bryggan.planning.selectors import latest_version_of_person
from bryggan.reviews.models import Meeting
from bryggan.reviews.rules import GroupTarget
from bryggan.reviews.services import meeting_create, review_group_create
from tests.browser.conftest import axe_violations
from tests.browser.test_intake_flow import sign_in
from tests.casefile.documents_files import pdf_bytes
from tests.cooperation.factories import make_consent, make_organisation, make_partner_user
from tests.planning.factories import make_version
from tests.reviews.factories import make_case, put_on

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_joint_case_review_from_group_to_minutes_to_withdrawal(
    page: Page, browser: Browser, live_server: object, persona: Callable[..., User], unit: Unit
) -> None:
    persona("work_coach")
    caseworker, manager = persona("caseworker"), persona("unit_manager")
    af = make_organisation("Arbetsförmedlingen")
    alu = make_organisation("Arbetsmarknadsenheten", OrganisationKind.LABOUR_MARKET_UNIT)
    partner = make_partner_user(af)
    nora = make_case(caseworker, 611, "Nora", "Berg")
    make_consent(nora, af, caseworker)  # Arbetsförmedlingen only, for now
    make_version(nora, caseworker, today=timezone.localdate())
    _another_case_in_another_group(unit, caseworker, manager)
    base = str(live_server)

    sign_in(page, base, manager.username)
    held, following = _manager_sets_up_the_group(page, base, af, alu)
    other = browser.new_context(locale="sv-SE").new_page()
    sign_in(other, base, caseworker.username)
    _caseworker_is_told_and_puts_nora_on(other, base, nora, alu, [held, following])
    _meeting_held_and_minutes_recorded(other, base, held, af)
    version = latest_version_of_person(nora.members.get().person_id)
    assert version is not None
    assert version.steps.last().description == "Ordna arbetsträning på lager"

    # The partner sees its group's meetings, and on them only Nora.
    partner_page = browser.new_context(locale="sv-SE").new_page()
    sign_in(partner_page, base, partner.username)
    partner_page.get_by_role("link", name="Ärendegenomgångar").first.click()
    expect(partner_page.locator("main")).not_to_contain_text("Långvarigt sjukskrivna")
    assert axe_violations(partner_page) == []
    partner_page.goto(f"{base}/partner/moten/{held.pk}/")
    expect(partner_page.locator("main")).to_contain_text("Nora Berg")
    expect(partner_page.locator("main")).to_contain_text("Boka kartläggningssamtal")
    expect(partner_page.locator("main")).not_to_contain_text("Olle")
    assert axe_violations(partner_page) == []

    # The client withdraws the consent to the labour-market unit: Nora leaves the next agenda.
    other.goto(f"{base}/arenden/{nora.pk}/samtycken/")
    row = other.locator("main table").first.locator("tr", has_text="Arbetsmarknadsenheten")
    row.locator("input[name=note]").fill("Per telefon.")
    row.locator("form.inline-form button[type=submit]").click()
    other.goto(f"{base}/samverkan/moten/{following.pk}/")
    expect(other.locator("main")).not_to_contain_text("Nora Berg")
    expect(other.locator("main")).to_contain_text("samtycket återkallades")
    other.goto(f"{base}/samverkan/moten/{held.pk}/")
    expect(other.locator("main")).to_contain_text("Nora Berg")  # the held meeting keeps it


def _another_case_in_another_group(unit: Unit, caseworker: User, manager: User) -> None:
    """Olle, on the agenda of a group Arbetsförmedlingen is not part of."""
    fk = make_organisation("Försäkringskassan", OrganisationKind.FORSAKRINGSKASSAN)
    olle = make_case(caseworker, 612, "Olle", "Ström")
    make_consent(olle, fk, caseworker)
    sick = review_group_create(
        unit=unit,
        name="Långvarigt sjukskrivna",
        target=GroupTarget.LONG_SICK_LEAVE,
        organisations=[fk],
        weekday=4,
        every_weeks=2,
        meeting_time=time(10),
        place="Rum 2",
        by=manager,
    )
    put_on(meeting_create(group=sick, on=timezone.localdate(), by=manager), olle, caseworker)


def _manager_sets_up_the_group(
    page: Page, base: str, af: PartnerOrganisation, alu: PartnerOrganisation
) -> list[Meeting]:
    """The manager sets up the group and books today's meeting and the next."""
    today = timezone.localdate()
    page.goto(f"{base}/samverkan/arendegenomgangar/")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Ny grupp för ärendegenomgång").click()
    page.locator("#id_name").fill("ÄGG över 25")
    page.locator("#id_target").select_option("over_25")
    page.locator(f"input[name=organisations][value='{af.pk}']").check()
    page.locator(f"input[name=organisations][value='{alu.pk}']").check()
    page.locator("#id_weekday").select_option("1")
    page.locator("#id_every_weeks").fill("2")
    page.locator("#id_meeting_time").fill("09:00")
    page.locator("#id_place").fill("Stadshuset, rum 3")
    assert axe_violations(page) == []
    page.locator("form.form-grid button[type=submit]").click()
    expect(page.locator("h1")).to_have_text("ÄGG över 25")
    assert axe_violations(page) == []
    group_url = page.url
    for day in (today, today + timedelta(days=14)):
        page.goto(group_url)
        page.locator("#meeting-form #id_on").fill(day.isoformat())
        page.locator("#meeting-form button[type=submit]").click()
        expect(page.locator(".messages")).to_contain_text("Mötet är bokat.")
    return list(Meeting.objects.filter(group__name="ÄGG över 25").order_by("on"))


def _caseworker_is_told_and_puts_nora_on(
    other: Page, base: str, nora: Household, alu: PartnerOrganisation, meetings: list[Meeting]
) -> None:
    other.goto(f"{base}/arenden/{nora.pk}/")
    other.get_by_role("link", name="Ärendegenomgångar").last.click()
    other.locator("#agenda-form #id_meeting").select_option(str(meetings[0].pk))
    other.locator("#agenda-form button[type=submit]").click()
    summary = other.locator("#agenda-form .error-summary")
    expect(summary).to_contain_text("Arbetsmarknadsenheten")
    expect(summary).not_to_contain_text("Arbetsförmedlingen")
    assert axe_violations(other) == []
    other.goto(f"{base}/arenden/{nora.pk}/samtycken/nytt/")
    other.locator(f"input[name=organisations][value='{alu.pk}']").check()
    other.locator("input[name=kinds][value=identity]").check()
    other.locator("input[name=kinds][value=plan]").check()
    other.locator("input[name=given_how][value=signed_form]").check()
    other.locator("#id_signed_form").set_input_files(
        files=[{"name": "samtycke-ame.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}]
    )
    other.locator("form.form-grid button[type=submit]").click()
    expect(other.locator("main table").first).to_contain_text("Arbetsmarknadsenheten")
    for meeting in meetings:
        other.goto(f"{base}/arenden/{nora.pk}/arendegenomgangar/")
        other.locator("#agenda-form #id_meeting").select_option(str(meeting.pk))
        other.locator("#agenda-form #id_question").fill("Arbetsträning?")
        other.locator("#agenda-form button[type=submit]").click()
        expect(other.locator(".messages")).to_contain_text("Ärendet är upptaget på dagordningen.")
    assert axe_violations(other) == []


def _meeting_held_and_minutes_recorded(
    other: Page, base: str, held: Meeting, af: PartnerOrganisation
) -> None:
    """The meeting is held; the minutes' action for the work coach lands in the plan."""
    today = timezone.localdate()
    other.goto(f"{base}/samverkan/moten/{held.pk}/")
    expect(other.locator("main")).to_contain_text("Nora Berg")
    assert axe_violations(other) == []
    other.locator("#hold-form button").click()
    other.get_by_role("link", name="Skriv protokollet för ärendet").click()
    other.locator("#id_agreed").fill("Arbetsträning på lager i tre månader.")
    other.locator("#id_action_1").fill("Ordna arbetsträning på lager")
    other.locator("#id_action_1_party").select_option("work_coach")
    other.locator("#id_action_1_due").fill((today + timedelta(days=14)).isoformat())
    other.locator("#id_action_2").fill("Boka kartläggningssamtal")
    other.locator("#id_action_2_party").select_option("partner")
    other.locator("#id_action_2_organisation").select_option(str(af.pk))
    other.locator("#id_action_2_name").fill("Anna")
    other.locator("#id_action_2_due").fill((today + timedelta(days=7)).isoformat())
    assert axe_violations(other) == []
    other.locator("#minutes-form button[type=submit]").click()
    expect(other.locator(".messages")).to_contain_text("Protokollet är sparat.")
    expect(other.locator("main")).to_contain_text("i planen, version 2")
    assert axe_violations(other) == []
