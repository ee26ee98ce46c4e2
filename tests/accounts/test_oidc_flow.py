"""Both OpenID Connect flows end to end over HTTP: Bryggan in the live test server, the provider
(django-oauth-toolkit, tests/oidc_provider) in a process of its own, a client that follows the
redirects as a browser does. Nothing of mozilla-django-oidc is mocked: the authorization request,
PKCE, the code exchange, the ID token's signature against the provider's JWKS, userinfo and the
provider's end-session endpoint all run."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any

import pytest
import requests
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import translation

from bryggan.accounts.models import ClaimMapping, ExternalIdentity, Unit, User
from bryggan.accounts.rules_oidc import StaffRefusal
from bryggan.accounts.views_oidc import STAFF_REFUSED
from bryggan.mypages.models import ApplicantAccount
from bryggan.mypages.services_signin import ApplicantRefusal
from bryggan.mypages.views_signin import APPLICANT_REFUSED
from bryggan.people.models import Person
from tests.mypages.factories_signin import person_with_case
from tests.oidc_provider.fixtures import PASSWORD, SARA, SKYDDAD, provider
from tests.oidc_provider.provider import Provider

__all__ = ["provider"]
pytestmark = pytest.mark.django_db(transaction=True)


def sign_in(base: str, start: str, username: str) -> tuple[requests.Session, requests.Response]:
    """Start at Bryggan, sign in on the provider's own page, and follow the redirects back."""
    browser = requests.Session()
    page = browser.get(base + start, timeout=30)
    assert "Kommunens inloggning" in page.text, page.url
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    next_url = re.search(r'name="next" value="([^"]*)"', page.text)
    assert token
    assert next_url
    answer = browser.post(
        page.url,
        data={
            "csrfmiddlewaretoken": token.group(1),
            "username": username,
            "password": PASSWORD,
            "next": html.unescape(next_url.group(1)),
        },
        timeout=30,
    )
    return browser, answer


def text(response: requests.Response) -> str:
    return html.unescape(response.text)


def test_staff_sign_in_through_the_provider_lands_on_my_work_without_the_local_code(
    provider: Provider, live_server: Any, unit: Unit
) -> None:
    ClaimMapping.objects.create(
        claim_value="bryggan-handlaggare-soder", role="caseworker", unit=unit
    )
    browser, landed = sign_in(str(live_server), reverse("accounts:oidc_authenticate"), "anna")
    assert landed.status_code == 200
    assert landed.url == f"{live_server}{reverse('desk:my_work')}"
    user = User.objects.get(username="anna")
    assert (user.role, user.unit, user.get_full_name()) == ("caseworker", unit, "Anna Berg")
    assert ExternalIdentity.objects.get(user=user).issuer == provider.issuer

    # Signing out ends the session on the server and at the provider: the next sign-in asks
    # for the password at the provider again.
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', landed.text)
    assert token
    logout = browser.post(
        f"{live_server}{reverse('accounts:logout')}",
        data={"csrfmiddlewaretoken": token.group(1)},
        allow_redirects=False,
        timeout=30,
    )
    assert logout.headers["Location"].startswith(f"{provider.issuer}/logout/?id_token_hint=")
    assert not Session.objects.exists()
    back = browser.get(logout.headers["Location"], timeout=30)
    assert back.url == f"{live_server}{reverse('accounts:login')}"
    again = browser.get(f"{live_server}{reverse('accounts:oidc_authenticate')}", timeout=30)
    assert "Kommunens inloggning" in again.text


def test_staff_in_an_unmapped_group_get_a_clear_page_and_no_account(
    provider: Provider, live_server: Any, unit: Unit
) -> None:
    _, landed = sign_in(str(live_server), reverse("accounts:oidc_authenticate"), "erik")
    assert landed.url == f"{live_server}{reverse('accounts:oidc_refused')}"
    with translation.override("en"):
        assert str(STAFF_REFUSED[StaffRefusal.UNKNOWN_GROUP]) in text(landed)
    assert not User.objects.filter(username="erik").exists()


def test_an_applicant_signs_in_with_e_legitimation_and_reaches_my_pages(
    provider: Provider, live_server: Any, unit: Unit, persona: Callable[..., User]
) -> None:
    sara = person_with_case(unit, persona, SARA, 321, first="Sara")
    _, landed = sign_in(str(live_server), reverse("mypages:oidc_authenticate"), "sara")
    assert landed.status_code == 200
    assert landed.url == f"{live_server}{reverse('mypages:home')}"
    assert ApplicantAccount.objects.get().person == sara


@pytest.mark.parametrize(
    ("username", "reason"),
    [("skyddad", ApplicantRefusal.PROTECTED_IDENTITY), ("okand", ApplicantRefusal.NO_CASE)],
)
def test_an_applicant_with_protected_identity_or_no_case_is_told_what_to_do_instead(
    username: str,
    reason: ApplicantRefusal,
    *,
    provider: Provider,
    live_server: Any,
    unit: Unit,
    persona: Callable[..., User],
) -> None:
    person_with_case(unit, persona, SKYDDAD, 456, protected_identity=True)
    _, landed = sign_in(str(live_server), reverse("mypages:oidc_authenticate"), username)
    assert landed.url == f"{live_server}{reverse('mypages:signin_refused')}"
    with translation.override("en"):
        assert str(APPLICANT_REFUSED[reason]) in text(landed)
    assert not ApplicantAccount.objects.exists()
    assert Person.objects.count() == 1


def test_a_staff_provider_code_is_not_accepted_at_the_applicants_callback(
    provider: Provider, live_server: Any, unit: Unit
) -> None:
    """The two clients are separate: a code the staff client asked for, brought to the
    applicants' callback, signs nobody in."""
    ClaimMapping.objects.create(
        claim_value="bryggan-handlaggare-soder", role="caseworker", unit=unit
    )
    browser = requests.Session()
    start = browser.get(
        f"{live_server}{reverse('accounts:oidc_authenticate')}", allow_redirects=False, timeout=30
    )
    assert start.status_code == 302
    landed = browser.get(
        f"{live_server}{reverse('mypages:oidc_callback')}?code=stolen&state=unknown", timeout=30
    )
    assert landed.status_code in (400, 200)
    assert not User.objects.filter(role="caseworker", username="anna").exists()
