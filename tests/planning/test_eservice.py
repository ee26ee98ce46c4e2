"""Signing the plan in the municipality's e-service, through /api/e-service/."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from bryggan.accounts.models import Unit, User
from bryggan.audit.models import AccessLogEntry, ChangeRecord
from bryggan.planning.models import PlanVersion, SignedHow
from bryggan.planning.rules import VERSION_ALREADY_SIGNED, VERSION_NOT_LATEST
from tests.activities.factories import make_household
from tests.planning.factories import make_version

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 23)
TOKEN = "platform-secret-token"


@pytest.fixture
def platform(settings: Any) -> Client:
    settings.BRYGGAN_ESERVICE_TOKEN_SHA256 = hashlib.sha256(TOKEN.encode()).hexdigest()
    return Client(headers={"authorization": f"Bearer {TOKEN}"})


@pytest.fixture
def version(unit: Unit, persona: Callable[..., User]) -> PlanVersion:
    worker = persona("caseworker")
    return make_version(make_household(unit, worker, serial=21), worker, today=TODAY)


def _identity(version: PlanVersion) -> str:
    return version.plan.person.identity_number


def _post(client: Client, url: str, body: dict[str, str]) -> tuple[int, dict[str, object]]:
    response = client.post(url, json.dumps(body), content_type="application/json")
    return response.status_code, response.json()


def test_the_platform_shows_the_latest_version_and_the_read_is_logged(
    platform: Client, version: PlanVersion
) -> None:
    status, body = _post(
        platform,
        reverse("api:eservice_plan_current"),
        {"identity_number": _identity(version)},
    )
    assert status == 200
    assert body["version_id"] == version.pk
    assert body["signed"] is False
    assert [s["description"] for s in body["steps"]] == [  # type: ignore[union-attr]
        "Söka fem jobb i veckan",
        "Anvisa till Lager och logistik",
    ]
    entry = AccessLogEntry.objects.get(object_type="plan_version")
    assert (entry.user, entry.actor, entry.case_id) == (
        None,
        "e-service",
        version.plan.household_id,
    )


def test_the_client_signs_the_latest_version_in_the_e_service(
    platform: Client, version: PlanVersion
) -> None:
    url = reverse("api:eservice_plan_sign", args=[version.pk])
    status, body = _post(platform, url, {"identity_number": _identity(version)})
    assert status == 200
    version.refresh_from_db()
    assert version.signed_how == SignedHow.E_SERVICE
    assert version.signature_recorded_by is None
    assert body["number"] == version.number
    record = ChangeRecord.objects.get(object_type="plan_version", action="signed")
    assert record.user is None
    # Signing again is refused: a signed version is locked.
    status, body = _post(platform, url, {"identity_number": _identity(version)})
    assert status == 422
    assert body["message"] == str(VERSION_ALREADY_SIGNED).format(number=version.number)


def test_an_older_version_cannot_be_signed(
    platform: Client, version: PlanVersion, persona: Callable[..., User]
) -> None:
    make_version(version.plan.household, persona("caseworker"), today=TODAY)
    status, body = _post(
        platform,
        reverse("api:eservice_plan_sign", args=[version.pk]),
        {"identity_number": _identity(version)},
    )
    assert status == 422
    assert body["message"] == str(VERSION_NOT_LATEST).format(number=1, latest=2)


def test_another_persons_version_is_not_found_like_a_missing_one(
    platform: Client, version: PlanVersion, unit: Unit, persona: Callable[..., User]
) -> None:
    other = make_household(unit, persona("caseworker"), serial=22, first="Omar")
    stranger = other.members.get().person.identity_number
    url = reverse("api:eservice_plan_sign", args=[version.pk])
    assert _post(platform, url, {"identity_number": stranger}) == (
        404,
        {"message": "No plan waiting for this person's signature.", "fields": {}},
    )
    missing = reverse("api:eservice_plan_sign", args=[version.pk + 1000])
    assert _post(platform, missing, {"identity_number": _identity(version)})[0] == 404
    version.refresh_from_db()
    assert version.signed_at is None


def test_a_malformed_identity_number_names_the_field(
    platform: Client, version: PlanVersion
) -> None:
    status, body = _post(
        platform, reverse("api:eservice_plan_current"), {"identity_number": "19880402-0000"}
    )
    assert status == 422
    assert list(body["fields"]) == ["identity_number"]  # type: ignore[call-overload]


@pytest.mark.parametrize("header", ["", "Bearer wrong-token", f"Token {TOKEN}"])
def test_calls_without_the_platforms_token_are_refused(
    platform: Client, version: PlanVersion, header: str
) -> None:
    client = Client(headers={"authorization": header} if header else {})
    url = reverse("api:eservice_plan_sign", args=[version.pk])
    assert _post(client, url, {"identity_number": _identity(version)})[0] == 401
    version.refresh_from_db()
    assert version.signed_at is None


def test_without_a_configured_token_every_call_is_refused(
    settings: Any, version: PlanVersion
) -> None:
    settings.BRYGGAN_ESERVICE_TOKEN_SHA256 = ""
    client = Client(headers={"authorization": "Bearer "})
    url = reverse("api:eservice_plan_current")
    assert _post(client, url, {"identity_number": _identity(version)})[0] == 401


def test_a_signed_in_staff_session_is_not_the_platform(
    client_as: Callable[..., Client], version: PlanVersion
) -> None:
    url = reverse("api:eservice_plan_sign", args=[version.pk])
    assert _post(client_as("caseworker"), url, {"identity_number": _identity(version)})[0] == 401
