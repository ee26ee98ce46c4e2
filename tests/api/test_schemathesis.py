"""Schemathesis against `/api/openapi.json`, as each role (issue 15, fuzzing).

Every operation of the API gets a bounded number of generated requests as every staff role (a
signed-in session with its CSRF token, as a browser's script sends it), as the e-service platform
(its bearer token) and with no credentials: no answer is a server error, and every answer — status,
content type and body — is one the schema documents.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, settings
from schemathesis.checks import positive_data_acceptance

from bryggan.accounts.models import Unit, User
from bryggan.api.api import api
from tests.activities.factories import make_household
from tests.conftest import ROLES
from tests.planning.factories import make_version

pytestmark = pytest.mark.django_db
TOKEN = "platform-token-for-the-fuzzer"
PLATFORM = "e-service platform"
NOBODY = "nobody"

# A request the schema allows may still break a domain rule (a month without a norm, a
# personnummer that does not exist): the API answers 422 with the rule's message, as documented.
# So the check that every schema-valid request succeeds is left out; every other check runs.
EXCLUDED = [positive_data_acceptance]

schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/"))
app = get_wsgi_application()


@contextmanager
def _connection_kept() -> Iterator[None]:
    """The WSGI handler closes the database connection after each request, which ends the test's
    transaction on PostgreSQL; Django's test client disconnects the same signals around its own
    requests (and connects them again after each)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def credentials_as(
    settings: Any, unit: Unit, persona: Callable[..., User]
) -> Callable[[str], dict[str, dict[str, str]]]:
    """The cookies and headers that authenticate `who`; a plan waits for a client's signature, so
    that the e-service's answers with a body are reached too."""
    settings.BRYGGAN_ESERVICE_TOKEN_SHA256 = hashlib.sha256(TOKEN.encode()).hexdigest()
    worker = persona("caseworker")
    make_version(make_household(unit, worker, serial=21), worker, today=timezone.localdate())

    def get(who: str) -> dict[str, dict[str, str]]:
        if who == PLATFORM:
            return {"headers": {"Authorization": f"Bearer {TOKEN}"}}
        if who == NOBODY:
            return {}
        client = Client()
        client.force_login(persona(who))
        client.get(reverse("accounts:login"))  # sets the CSRF cookie
        session, csrf = client.cookies["sessionid"].value, client.cookies["csrftoken"].value
        return {
            "cookies": {"sessionid": session, "csrftoken": csrf},
            "headers": {"X-CSRFToken": csrf},
        }

    return get


@pytest.mark.parametrize("who", [*ROLES, PLATFORM, NOBODY])
@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_answers_every_request_as_its_schema_says(
    case: schemathesis.Case, who: str, credentials_as: Callable[[str], dict[str, dict[str, str]]]
) -> None:
    credentials = credentials_as(who)
    with _connection_kept():
        case.call_and_validate(app=app, excluded_checks=EXCLUDED, **credentials)
