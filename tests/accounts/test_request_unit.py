"""Staff without a unit are refused the unit's pages with 403, never a server error; the
signed-in user's unit is read with the user."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.backends import ModelBackend
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bryggan.accounts.models import User
from bryggan.accounts.oidc import StaffOIDCBackend
from bryggan.accounts.roles import Role
from bryggan.accounts.services import user_create

pytestmark = pytest.mark.django_db

UNIT_PAGES = [
    "intake:application_create",
    "intake:overdue",
    "people:unit_caseload",
    "followup:unit",
    "activities:activity_list",
    "projects:project_list",
]


@pytest.mark.parametrize("name", UNIT_PAGES)
def test_a_manager_placed_in_no_unit_is_refused_with_403(name: str) -> None:
    manager = user_create(username="lost", role=Role.UNIT_MANAGER, unit=None)
    client = Client()
    client.force_login(manager)
    assert client.get(reverse(name)).status_code == 403


@pytest.mark.parametrize(
    "backend", [ModelBackend, StaffOIDCBackend], ids=["password", "identity provider"]
)
def test_the_signed_in_user_is_read_with_their_unit_in_one_query(
    backend: type, persona: Callable[..., User], django_assert_num_queries: Callable[..., Any]
) -> None:
    """Every page's header names the user's unit: it comes with the user, not a query more."""
    worker = persona("caseworker")
    with django_assert_num_queries(1):
        user = backend().get_user(worker.pk)
        assert user.unit == worker.unit
        assert user.unit.name


def test_a_user_in_no_unit_is_read_in_one_query_too(
    django_assert_num_queries: Callable[..., Any],
) -> None:
    lost = user_create(username="lost", role=Role.UNIT_MANAGER, unit=None)
    with django_assert_num_queries(1):
        assert ModelBackend().get_user(lost.pk).unit is None


def test_the_header_names_the_unit_without_reading_it_apart(
    client_as: Callable[..., Client], persona: Callable[..., User]
) -> None:
    client = client_as("caseworker")
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("desk:my_work"))
    assert persona("caseworker").unit.name in page.content.decode()
    assert not [q for q in queries if q["sql"].startswith('SELECT "accounts_unit"')]
