"""Sessions end after an idle time and at a fixed maximum; signing out ends them on the server."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from bryggan.accounts.middleware import LAST_SEEN_AT, SIGNED_IN_AT
from bryggan.accounts.models import User
from bryggan.accounts.rules import SessionEnd, session_end_reason
from tests.conftest import PASSWORD

MINUTE, HOUR = 60, 3600


def reason(*, signed_in_ago: float, idle_for: float) -> SessionEnd | None:
    now = 1_000_000.0
    return session_end_reason(
        signed_in_at=now - signed_in_ago,
        last_seen_at=now - idle_for,
        now=now,
        idle_seconds=30 * MINUTE,
        maximum_seconds=10 * HOUR,
    )


def test_a_session_ends_at_its_idle_time_and_not_before() -> None:
    assert reason(signed_in_ago=HOUR, idle_for=30 * MINUTE - 1) is None
    assert reason(signed_in_ago=HOUR, idle_for=30 * MINUTE) == SessionEnd.IDLE


def test_a_session_ends_at_its_maximum_however_active() -> None:
    assert reason(signed_in_ago=10 * HOUR - 1, idle_for=0) is None
    assert reason(signed_in_ago=10 * HOUR, idle_for=0) == SessionEnd.MAXIMUM


def test_the_defaults_are_thirty_minutes_and_ten_hours_in_the_database() -> None:
    assert settings.BRYGGAN_SESSION_IDLE_MINUTES == 30
    assert settings.BRYGGAN_SESSION_MAX_HOURS == 10
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"  # stateless servers


def signed_in(persona: Callable[..., User]) -> Client:
    client = Client()
    client.post(
        reverse("accounts:login"),
        {"username": persona("caseworker").username, "password": PASSWORD},
    )
    assert SIGNED_IN_AT in client.session
    return client


def age(client: Client, *, signed_in_ago: float, idle_for: float) -> str:
    """Move the session's clock back; its key."""
    session, now = client.session, time.time()
    session[SIGNED_IN_AT] = now - signed_in_ago
    session[LAST_SEEN_AT] = now - idle_for
    session.save()
    return str(session.session_key)


def assert_ended(client: Client, key: str) -> None:
    response = client.get(reverse("people:caseload"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert not Session.objects.filter(session_key=key).exists()


@pytest.mark.django_db
def test_an_idle_session_is_ended_on_the_server(persona: Callable[..., User]) -> None:
    client = signed_in(persona)
    key = age(client, signed_in_ago=HOUR, idle_for=31 * MINUTE)
    assert_ended(client, key)
    page = client.get(reverse("accounts:login")).content.decode()
    assert "utan aktivitet" in page or "without activity" in page


@pytest.mark.django_db
def test_a_session_past_its_maximum_is_ended(persona: Callable[..., User]) -> None:
    client = signed_in(persona)
    key = age(client, signed_in_ago=10 * HOUR + MINUTE, idle_for=MINUTE)
    assert_ended(client, key)


@pytest.mark.django_db
def test_an_active_session_goes_on_and_its_activity_is_recorded(
    persona: Callable[..., User],
) -> None:
    client = signed_in(persona)
    age(client, signed_in_ago=HOUR, idle_for=29 * MINUTE)
    assert client.get(reverse("people:caseload")).status_code == 200
    assert time.time() - client.session[LAST_SEEN_AT] < MINUTE


@pytest.mark.django_db
def test_the_idle_time_is_a_setting(persona: Callable[..., User], settings: object) -> None:
    settings.BRYGGAN_SESSION_IDLE_MINUTES = 5  # type: ignore[attr-defined]
    client = signed_in(persona)
    key = age(client, signed_in_ago=HOUR, idle_for=6 * MINUTE)
    assert_ended(client, key)


@pytest.mark.django_db
def test_htmx_is_sent_to_the_sign_in_page_as_a_whole_page(persona: Callable[..., User]) -> None:
    client = signed_in(persona)
    age(client, signed_in_ago=HOUR, idle_for=HOUR)
    response = client.get(reverse("people:caseload"), HTTP_HX_REQUEST="true")
    assert response["HX-Redirect"].startswith(reverse("accounts:login"))


@pytest.mark.django_db
def test_signing_out_ends_the_session_on_the_server(persona: Callable[..., User]) -> None:
    client = signed_in(persona)
    old_key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert client.get(reverse("people:caseload")).status_code == 200
    client.post(reverse("accounts:logout"))
    assert not Session.objects.filter(session_key=old_key).exists()
    thief = Client()
    thief.cookies[settings.SESSION_COOKIE_NAME] = old_key
    assert thief.get(reverse("people:caseload")).status_code == 302
