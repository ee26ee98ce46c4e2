"""The consents given, on My pages: the applicant reads their own consents and withdraws one after
a confirmation step; the withdrawal is effective at once (the partner's view closes, the
caseworker sees it withdrawn); another person's consent is "not found"."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from bryggan.accounts.models import User
from bryggan.audit.models import AccessLogEntry
from bryggan.cooperation.models import Consent
from bryggan.decisions.models import Decision
from tests.cooperation.factories import make_consent, make_organisation, make_partner_user
from tests.mypages.conftest import Own

pytestmark = pytest.mark.django_db


def test_the_applicant_sees_their_consents_and_withdraws_one_after_confirming(
    own: Own, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    af = make_organisation()
    consent = make_consent(own.household, af, persona("caseworker"))

    listing = own.client.get(reverse("mypages:consents")).content.decode()
    assert "Arbetsförmedlingen Hässleholm" in listing
    assert reverse("mypages:consent_withdraw", args=[consent.pk]) in listing
    confirm = own.client.get(reverse("mypages:consent_withdraw", args=[consent.pk]))
    assert confirm.status_code == 200
    consent.refresh_from_db()
    assert consent.withdrawn_at is None  # the confirmation step withdraws nothing

    response = own.client.post(reverse("mypages:consent_withdraw", args=[consent.pk]))

    assert response.status_code == 302
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None
    assert consent.withdrawn_by == own.user
    assert ("consent", "own_pages") in set(
        AccessLogEntry.objects.filter(user=own.user).values_list("object_type", "purpose")
    )
    staff_page = client_as("caseworker").get(
        reverse("cooperation:case_consents", args=[own.household.pk])
    )
    assert "Återkallat" in staff_page.content.decode()
    again = own.client.post(reverse("mypages:consent_withdraw", args=[consent.pk]), follow=True)
    assert "redan återkallat" in again.content.decode()


def test_another_persons_consent_is_not_found_and_stays_valid(
    own: Own, other: Decision, persona: Callable[..., User]
) -> None:
    foreign = make_consent(other.household, make_organisation(), persona("caseworker"))
    url = reverse("mypages:consent_withdraw", args=[foreign.pk])
    missing = reverse("mypages:consent_withdraw", args=[999_999])

    assert own.client.get(url).status_code == own.client.get(missing).status_code == 404
    assert own.client.post(url).status_code == 404
    assert Consent.objects.get(pk=foreign.pk).withdrawn_at is None
    listing = own.client.get(reverse("mypages:consents")).content.decode()
    assert f'data-testid="consent-{foreign.pk}"' not in listing


def test_a_withdrawal_on_my_pages_closes_the_partners_view_at_once(
    own: Own, persona: Callable[..., User]
) -> None:
    af = make_organisation()
    consent = make_consent(own.household, af, persona("caseworker"))
    partner = Client()
    partner.force_login(make_partner_user(af))
    person_url = reverse("cooperation:partner_person", args=[own.person.pk])
    assert partner.get(person_url).status_code == 200

    own.client.post(reverse("mypages:consent_withdraw", args=[consent.pk]))

    assert partner.get(person_url).status_code == 404
