"""The second factor (TOTP, django-otp): with BRYGGAN_REQUIRE_OTP on (the default with debug off),
a user signed in with the password alone reaches no page before typing the authenticator app's
code; a user without an app is sent to add one first."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from bryggan.accounts.models import User
from bryggan.accounts.views import ENROL_KEY

pytestmark = pytest.mark.django_db

CASELOAD = "/arenden/"


@pytest.fixture
def required(settings: Any) -> None:
    settings.BRYGGAN_REQUIRE_OTP = True


def code(key_hex: str) -> str:
    """The app's current code for the key, as the phone would show it."""
    return f"{totp(bytes.fromhex(key_hex), step=30, t0=0, digits=6):06d}"


def device_for(user: User) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


def test_without_the_setting_the_password_is_enough(client_as: Callable[..., Client]) -> None:
    assert client_as("caseworker").get(CASELOAD).status_code == 200


def test_a_user_without_an_app_is_sent_to_add_one_before_any_page(
    required: None, client_as: Callable[..., Client]
) -> None:
    client = client_as("caseworker")
    response = client.get(CASELOAD)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:otp_enrol") + "?next=%2Farenden%2F"
    page = client.get(response["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    assert '<svg class="qr" role="img"' in html  # the QR code, drawn on the server
    assert "otpauth://totp/Bryggan" in html


def test_the_admin_site_and_the_api_also_wait_for_the_second_factor(
    required: None, client_as: Callable[..., Client]
) -> None:
    administrator = client_as("administrator")
    admin = administrator.get(reverse("admin:index"))
    assert admin.status_code == 302
    assert admin["Location"].startswith(reverse("accounts:otp_enrol"))
    api = client_as("caseworker").post("/api/calculate", {}, content_type="application/json")
    assert api.status_code == 401
    assert set(api.json()) == {"detail"}


def test_a_user_with_an_app_is_asked_for_its_code(
    required: None, client_as: Callable[..., Client], persona: Callable[..., User]
) -> None:
    client = client_as("caseworker")
    device_for(persona("caseworker"))
    response = client.get(CASELOAD)
    assert response["Location"] == reverse("accounts:otp_verify") + "?next=%2Farenden%2F"
    # …and cannot add another app with the password alone.
    enrol = client.get(reverse("accounts:otp_enrol"))
    assert enrol["Location"].startswith(reverse("accounts:otp_verify"))


def test_the_right_code_opens_the_pages(
    required: None, client_as: Callable[..., Client], persona: Callable[..., User]
) -> None:
    client = client_as("caseworker")
    device = device_for(persona("caseworker"))
    response = client.post(
        reverse("accounts:otp_verify"), {"token": code(device.key), "next": CASELOAD}
    )
    assert response.status_code == 302
    assert response["Location"] == CASELOAD
    assert client.get(CASELOAD).status_code == 200


def test_a_wrong_code_does_not(
    required: None, client_as: Callable[..., Client], persona: Callable[..., User]
) -> None:
    client = client_as("caseworker")
    device = device_for(persona("caseworker"))
    wrong = f"{(int(code(device.key)) + 1) % 1_000_000:06d}"
    response = client.post(reverse("accounts:otp_verify"), {"token": wrong, "next": CASELOAD})
    assert response.status_code == 200
    assert response.context["form"].errors["token"]
    assert client.get(CASELOAD).status_code == 302


def test_the_next_page_must_be_on_this_site(
    required: None, client_as: Callable[..., Client], persona: Callable[..., User]
) -> None:
    client = client_as("caseworker")
    device = device_for(persona("caseworker"))
    response = client.post(
        reverse("accounts:otp_verify"),
        {"token": code(device.key), "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("home")


def test_adding_an_app_with_its_code_signs_in_with_it(
    required: None, client_as: Callable[..., Client], persona: Callable[..., User]
) -> None:
    client = client_as("caseworker")
    page = client.get(reverse("accounts:otp_enrol")).content.decode()
    key = client.session[ENROL_KEY]
    secret = re.search(r'data-testid="totp-secret">([A-Z2-7 ]+)<', page)
    assert secret is not None  # the key as text too, for an app that cannot scan
    wrong = client.post(reverse("accounts:otp_enrol"), {"token": "000000x"})
    assert wrong.status_code == 200
    assert not TOTPDevice.objects.exists()
    response = client.post(reverse("accounts:otp_enrol"), {"token": code(key), "next": CASELOAD})
    assert response["Location"] == CASELOAD
    device = TOTPDevice.objects.get()
    assert device.user == persona("caseworker")
    assert device.confirmed
    assert device.key == key
    assert client.get(CASELOAD).status_code == 200


def test_signing_out_needs_no_code(required: None, client_as: Callable[..., Client]) -> None:
    client = client_as("caseworker")
    response = client.post(reverse("accounts:logout"))
    assert response["Location"] == reverse("accounts:login")
