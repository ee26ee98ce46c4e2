"""The OpenID Connect flows in the browser against the test provider (issue 14's and issue 17's
"done when"): a caseworker and an applicant each sign in on the provider's own page and come
back signed in; axe finds nothing on Bryggan's sign-in pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from bryggan.accounts.models import ClaimMapping, Unit, User
from bryggan.mypages.models import ApplicantAccount
from tests.browser.conftest import axe_violations
from tests.mypages.factories_signin import person_with_case
from tests.oidc_provider.fixtures import PASSWORD, SARA, provider
from tests.oidc_provider.provider import Provider

__all__ = ["provider"]
pytestmark = pytest.mark.django_db(transaction=True)


def at_the_provider(page: Page, username: str) -> None:
    expect(page.get_by_role("heading", name="Kommunens inloggning")).to_be_visible()
    page.get_by_label("Användare").fill(username)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in hos kommunen").click()


def test_a_caseworker_signs_in_through_the_provider(
    page: Page, live_server: Any, provider: Provider, unit: Unit
) -> None:
    ClaimMapping.objects.create(
        claim_value="bryggan-handlaggare-soder", role="caseworker", unit=unit
    )
    page.goto(f"{live_server}{reverse('accounts:login')}")
    assert axe_violations(page) == []
    page.locator(f'a[href="{reverse("accounts:oidc_authenticate")}"]').click()
    at_the_provider(page, "anna")
    expect(page.get_by_role("heading", name="My work")).to_be_visible()
    assert User.objects.get(username="anna").role == "caseworker"


def test_an_applicant_signs_in_with_e_legitimation(
    page: Page,
    live_server: Any,
    provider: Provider,
    unit: Unit,
    persona: Callable[..., User],
) -> None:
    sara = person_with_case(unit, persona, SARA, 321, first="Sara")
    page.goto(f"{live_server}{reverse('mypages:home')}")  # sent to the applicants' sign-in
    button = page.locator(f'a[href^="{reverse("mypages:oidc_authenticate")}"]')
    expect(button).to_be_visible()
    assert axe_violations(page) == []
    button.click()
    at_the_provider(page, "sara")
    expect(page).to_have_url(f"{live_server}{reverse('mypages:home')}")
    expect(page.get_by_role("heading", name="Hello Sara")).to_be_visible()
    assert axe_violations(page) == []
    assert ApplicantAccount.objects.get().person == sara
