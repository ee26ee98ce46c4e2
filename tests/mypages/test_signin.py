"""Applicants' sign-in: the personnummer claim to the person, the refusals (protected identity, no
case, unknown, no number) with no account made, and the demo's test sign-in (debug only). The
flow against a real provider is in tests/accounts/test_oidc_flow.py."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from bryggan.accounts.models import Unit, User
from bryggan.accounts.oidc import REFUSAL
from bryggan.accounts.services_oidc import SignInRefused
from bryggan.mypages.models import ApplicantAccount
from bryggan.mypages.services_signin import ApplicantRefusal, applicant_sign_in
from bryggan.mypages.views_signin import APPLICANT_REFUSED
from tests.mypages.factories_signin import person_with_case, person_without_case
from tests.people.factories import identity_number

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 7)
BIRTH = date(1984, 9, 12)


def _refusal(personnummer: object) -> str:
    with pytest.raises(SignInRefused) as refused:
        applicant_sign_in(personnummer=personnummer, today=TODAY)
    assert not ApplicantAccount.objects.exists()
    return refused.value.reason


def test_the_personnummer_claim_names_the_person_and_makes_the_account(
    unit: Unit, persona: Callable[..., User]
) -> None:
    person = person_with_case(unit, persona, BIRTH, 321)
    twelve_digits = identity_number(BIRTH, 321).replace("-", "")  # as brokers send it
    user = applicant_sign_in(personnummer=twelve_digits, today=TODAY)
    assert user.role == "applicant"
    assert ApplicantAccount.objects.get(user=user).person == person
    assert applicant_sign_in(personnummer=twelve_digits, today=TODAY) == user  # the same next time


def test_a_person_with_protected_identity_is_refused(
    unit: Unit, persona: Callable[..., User]
) -> None:
    person_with_case(unit, persona, BIRTH, 321, protected_identity=True)
    assert _refusal(identity_number(BIRTH, 321)) == ApplicantRefusal.PROTECTED_IDENTITY


def test_a_person_without_a_case_is_refused() -> None:
    person_without_case(BIRTH, 321)
    assert _refusal(identity_number(BIRTH, 321)) == ApplicantRefusal.NO_CASE


def test_an_unknown_person_is_refused() -> None:
    assert _refusal(identity_number(BIRTH, 321)) == ApplicantRefusal.NO_CASE


@pytest.mark.parametrize("claim", [None, "", "19840912-3215", "not a number", 12345])
def test_a_missing_or_invalid_personnummer_is_refused(claim: object) -> None:
    assert _refusal(claim) == ApplicantRefusal.NO_NUMBER


@pytest.mark.parametrize("reason", list(ApplicantRefusal))
def test_the_refusal_page_says_what_to_do_instead(
    reason: ApplicantRefusal, client: Client, english: None
) -> None:
    session = client.session
    session[REFUSAL] = reason.value
    session.save()
    page = client.get(reverse("mypages:signin_refused")).content.decode().replace("&#x27;", "'")
    assert str(APPLICANT_REFUSED[reason]) in page
    assert not User.objects.exists()


def test_an_anonymous_visitor_of_my_pages_is_sent_to_the_applicants_sign_in(
    client: Client,
) -> None:
    response = client.get(reverse("mypages:home"))
    assert response["Location"].startswith(reverse("mypages:signin"))


def test_the_demo_sign_in_is_not_found_with_debug_off(
    client: Client, settings: Any, unit: Unit, persona: Callable[..., User]
) -> None:
    settings.DEBUG = False
    person = person_with_case(unit, persona, BIRTH, 321)
    url = reverse("mypages:demo_signin")
    assert client.post(url, {"person": person.pk}).status_code == 404
    assert client.get(url).status_code == 404
    assert f'value="{person.pk}"' not in client.get(reverse("mypages:signin")).content.decode()
    assert not ApplicantAccount.objects.exists()


def test_with_debug_on_the_demo_signs_in_as_an_offered_applicant(
    client: Client, settings: Any, unit: Unit, persona: Callable[..., User]
) -> None:
    settings.DEBUG = True
    person = person_with_case(unit, persona, BIRTH, 321)
    hidden = person_with_case(unit, persona, date(1990, 1, 1), 123, protected_identity=True)
    page = client.get(reverse("mypages:signin")).content.decode()
    assert f'value="{person.pk}"' in page
    assert f'value="{hidden.pk}"' not in page
    url = reverse("mypages:demo_signin")
    assert client.post(url, {"person": hidden.pk}).status_code == 404
    response = client.post(url, {"person": person.pk})
    assert response["Location"] == reverse("mypages:home")
    assert client.get(reverse("mypages:home")).status_code == 200
    assert ApplicantAccount.objects.get().person == person
