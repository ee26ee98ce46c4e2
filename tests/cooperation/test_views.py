"""The cooperation pages as each persona uses them: the partner sees only consented persons and
kinds, every read logged and recorded as a disclosure; a printout without consent says which."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bryggan.accounts.models import User
from bryggan.audit.models import AccessLogEntry
from bryggan.cooperation.models import Disclosure
from bryggan.cooperation.rules import InformationKind, OrganisationKind
from bryggan.cooperation.services import consent_withdraw
from bryggan.decisions.models import Decision
from tests.cooperation.factories import make_consent, make_organisation, make_partner_user
from tests.payments.conftest import current_year_norm, delegation, make_decision

pytestmark = pytest.mark.django_db
__all__ = ["current_year_norm", "delegation", "make_decision"]


def test_a_partner_sees_only_the_consented_case_and_kinds_and_each_read_is_a_disclosure(
    make_decision: Callable[..., Decision], persona: Callable[..., User]
) -> None:
    shared = make_decision(5, sign=False).household
    other = make_decision(6, sign=False).household
    af = make_organisation()
    consent = make_consent(shared, af, persona("caseworker"), kinds=(InformationKind.IDENTITY,))
    partner = Client()
    partner.force_login(make_partner_user(af))
    person = shared.members.get().person
    listing = partner.get(reverse("cooperation:partner_cases")).content.decode()
    assert person.last_name in listing
    assert other.members.get().person.identity_number not in listing
    page = partner.get(reverse("cooperation:partner_person", args=[person.pk]))
    assert page.status_code == 200
    assert person.identity_number in page.content.decode()
    # Not consented: neither the heading (in either language) nor the plan.
    assert "Ekonomisk situation" not in page.content.decode()
    assert "Economic situation" not in page.content.decode()
    assert "Plan and activities" not in page.content.decode()
    other_person = other.members.get().person
    assert (
        partner.get(reverse("cooperation:partner_person", args=[other_person.pk])).status_code
        == 404
    )
    assert AccessLogEntry.objects.filter(
        user__username="af-officer", purpose="partner_view", case_id=shared.pk
    ).exists()
    assert Disclosure.objects.filter(consent=consent, channel="partner_view").count() == 2
    # The partner cannot open the unit's own pages.
    assert partner.get(reverse("people:household_detail", args=[shared.pk])).status_code == 403
    consent_withdraw(consent=consent, note="", by=persona("caseworker"), now=timezone.now())
    assert partner.get(reverse("cooperation:partner_person", args=[person.pk])).status_code == 404
    assert (
        person.last_name not in partner.get(reverse("cooperation:partner_cases")).content.decode()
    )


def test_a_partner_of_another_organisation_sees_nothing(
    make_decision: Callable[..., Decision], persona: Callable[..., User]
) -> None:
    household = make_decision(5, sign=False).household
    make_consent(household, make_organisation(), persona("caseworker"))
    fk = make_organisation("Försäkringskassan", OrganisationKind.FORSAKRINGSKASSAN)
    partner = Client()
    partner.force_login(make_partner_user(fk, "fk-officer"))
    person = household.members.get().person
    assert partner.get(reverse("cooperation:partner_person", args=[person.pk])).status_code == 404
    assert not Disclosure.objects.exists()


def test_a_printout_without_consent_names_the_missing_consent_and_sends_nothing(
    make_decision: Callable[..., Decision],
    persona: Callable[..., User],
    client_as: Callable[..., Client],
    english: None,
) -> None:
    household = make_decision(5, sign=False).household
    fk = make_organisation("Försäkringskassan", OrganisationKind.FORSAKRINGSKASSAN)
    person = household.members.get().person
    response = client_as("caseworker").post(
        reverse("cooperation:disclosure_printout", args=[household.pk]),
        {"person": person.pk, "organisation": fk.pk, "kinds": ["health"]},
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "Försäkringskassan" in text
    assert "health and ability to work" in text
    assert not Disclosure.objects.exists()


def test_a_printout_with_consent_is_a_pdf_and_a_disclosure(
    make_decision: Callable[..., Decision],
    persona: Callable[..., User],
    client_as: Callable[..., Client],
) -> None:
    household = make_decision(5, sign=False).household
    af = make_organisation()
    make_consent(household, af, persona("caseworker"))
    person = household.members.get().person
    response = client_as("caseworker").post(
        reverse("cooperation:disclosure_printout", args=[household.pk]),
        {"person": person.pk, "organisation": af.pk, "kinds": ["identity", "plan"]},
    )
    assert response["Content-Type"] == "application/pdf"
    assert Disclosure.objects.filter(channel="printout").count() == 2


def test_the_consent_form_to_sign_is_a_pdf(
    make_decision: Callable[..., Decision], client_as: Callable[..., Client]
) -> None:
    household = make_decision(5, sign=False).household
    af = make_organisation()
    person = household.members.get().person
    response = client_as("work_coach").get(
        reverse("cooperation:consent_form_pdf", args=[household.pk]),
        {"person": person.pk, "organisation": af.pk},
    )
    assert response.content.startswith(b"%PDF")


def test_a_consent_registered_on_the_page_ending_before_it_starts_keeps_what_was_typed(
    make_decision: Callable[..., Decision], client_as: Callable[..., Client], english: None
) -> None:
    household = make_decision(5, sign=False).household
    af = make_organisation()
    response = client_as("caseworker").post(
        reverse("cooperation:consent_create", args=[household.pk]),
        {
            "person": household.members.get().person_id,
            "organisations": [af.pk],
            "kinds": ["plan"],
            "valid_from": "2026-12-07",
            "valid_to": "2026-12-01",
            "given_how": "e_service",
        },
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "cannot end before it starts" in text
    assert 'value="2026-12-01"' in text


def test_the_af_status_is_shown_on_the_case_and_plan_pages(
    make_decision: Callable[..., Decision], client_as: Callable[..., Client]
) -> None:
    household = make_decision(5, sign=False).household
    person = household.members.get().person
    client = client_as("caseworker")
    response = client.post(
        reverse("cooperation:af_status_edit", args=[household.pk, person.pk]),
        {
            "registered": "on",
            "registered_since": "2026-03-01",
            "programme": "Jobb- och utvecklingsgarantin",
            "contact_name": "Arbetsförmedlare Ali",
        },
    )
    assert response.status_code == 302
    case_page = client.get(reverse("people:household_detail", args=[household.pk])).content
    assert "Jobb- och utvecklingsgarantin" in case_page.decode()
    plan_page = client.get(reverse("planning:plan_detail", args=[household.pk, person.pk]))
    assert "Jobb- och utvecklingsgarantin" in plan_page.content.decode()
