"""The demo gives every desk something to do, with a first meeting today at the top of the
caseworker's."""

from __future__ import annotations

import pytest

from bryggan.accounts.models import User
from bryggan.demo.generator import generate
from bryggan.desk.registry import desk_items
from tests.conftest import local

NOW = local(2026, 11, 23, 12)  # as tests/demo/test_generator.py


@pytest.mark.django_db
def test_every_desk_of_the_demo_has_items_and_the_caseworkers_meet_someone_today() -> None:
    generate(households=60, seed=3, now=NOW)
    today = NOW.date()
    for username in ("handlaggare", "coach", "chef"):
        items = desk_items(User.objects.get(username=username), today=today)
        assert items, username
    # Kinds the demo plants on purpose, seen by the units' managers.
    kinds = {
        item.kind
        for manager in User.objects.filter(role="unit_manager", is_active=True)
        for item in desk_items(manager, today=today)
    }
    assert {"plan_revision", "consent_expiring", "document_request_received"} <= kinds
    for caseworker in User.objects.filter(role="caseworker", is_active=True, unit__isnull=False):
        kinds = {(i.kind, i.deadline) for i in desk_items(caseworker, today=today)}
        assert ("first_meeting", today) in kinds, caseworker.username
