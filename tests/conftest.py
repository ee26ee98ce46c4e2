"""Personas (one named user per role, made through the real service), units and helpers."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.test import Client, override_settings
from django.utils import translation

from bryggan.accounts.models import Unit, User
from bryggan.accounts.roles import Role
from bryggan.accounts.services import user_create
from bryggan.casefile.models import CaseFileSettings

PASSWORD = "test-password-1"
STOCKHOLM = ZoneInfo("Europe/Stockholm")
ROLES = [role.value for role in Role]
OUTSIDE_A_UNIT = ("analyst", "administrator", "applicant", "partner")


def local(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=STOCKHOLM)


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hashes() -> Iterator[None]:
    """Passwords hashed with MD5 in the tests, as Django's testing guide advises: the site's
    hasher (Django's default, PBKDF2 with a million rounds) spends about half a second on each
    user made, and the tests make thousands. Servers the tests start in a process of their own
    (`bryggan serve`, the demo command) keep the site's hasher."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(scope="session")
def live_server(django_db_setup: None, live_server: Any) -> Any:
    """pytest-django's live server, started after the test database exists, whose requests take
    turns when that database is SQLite in memory.

    Started before the test database (as it was when a worker's first test to need a database
    used the live server), its threads opened connections of their own to the in-memory database
    whose shared cache refuses concurrent writers at once ("database table is locked"). Started
    after, they share the test's one connection, as Django's LiveServerTestCase does; two
    requests at once (two browsers, or a page's own background fetch) would then interleave their
    transactions on it and one request's error break the other's atomic block, so they take
    turns. PostgreSQL gives each thread its own connection, so the server stays concurrent there.
    """
    if live_server.thread.connections_override:
        httpd = live_server.thread.httpd
        httpd.set_app(_one_request_at_a_time(httpd.get_app()))
    return live_server


def _one_request_at_a_time(app: Callable[..., Iterable[bytes]]) -> Callable[..., list[bytes]]:
    lock = threading.Lock()

    def serialized(environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
        with lock:
            response = app(environ, start_response)
            try:
                return list(response)  # the whole body, read while the lock is held
            finally:
                close = getattr(response, "close", None)
                if close is not None:
                    close()  # request_finished runs here, still inside the lock

    return serialized


@pytest.fixture(autouse=True)
def _documents_in_a_temporary_folder(
    settings: Any, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Documents and stored letters go to a folder of the test run, never to the checkout's var/."""
    settings.BRYGGAN_DOCUMENTS_DIR = tmp_path_factory.getbasetemp() / "documents"


@pytest.fixture
def unit(db: None) -> Unit:
    """The unit most tests work in. It does not require a signed structured assessment before a
    household's first decision (`CaseFileSettings`), so that tests of other rules sign decisions
    without writing one; tests/casefile/test_assessment_*.py turn the requirement on."""
    made = Unit.objects.create(name="Arbete och försörjning Söder", caseload_cap=45)
    CaseFileSettings.objects.create(unit=made, assessment_required_before_first_decision=False)
    return made


@pytest.fixture
def other_unit(db: None) -> Unit:
    return Unit.objects.create(name="Arbete och försörjning Väster")


@pytest.fixture
def persona(unit: Unit) -> Callable[..., User]:
    """`persona("caseworker")`: the named user of that role in `unit`, made once per test."""
    made: dict[tuple[str, int | None], User] = {}

    def get(role: str, *, in_unit: Unit | None = None, **extra: object) -> User:
        target = in_unit or (unit if role not in OUTSIDE_A_UNIT else None)
        key = (role, target.pk if target else None)
        if key not in made:
            made[key] = user_create(
                username=f"{role}-{target.pk if target else 'all'}",
                role=Role(role),
                unit=target,
                first_name=role.replace("_", " ").title(),
                last_name="Persona",
                password=PASSWORD,
                **extra,  # type: ignore[arg-type]
            )
        return made[key]

    return get


@pytest.fixture
def client_as(persona: Callable[..., User]) -> Callable[..., Client]:
    """A test client signed in as the persona of `role`."""

    def get(role: str, **extra: object) -> Client:
        client = Client()
        client.force_login(persona(role, **extra))
        return client

    return get


@pytest.fixture
def english(settings: Any) -> Iterator[None]:
    """Run a test in English: pages (no language cookie) and messages made in the test."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    """Each test starts with an empty cache: the desk keeps the menu's counts per user there, and
    a user id of one test may come back in the next."""
    cache.clear()
