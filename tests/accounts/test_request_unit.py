"""Staff without a unit are refused the unit's pages with 403, never a server error."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

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
