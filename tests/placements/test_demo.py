"""The demo's placements decided together: a Kommunbryggan-style group and a placement in each
state; the `partner` login (Arbetsförmedlingen) has a proposal waiting for its vote."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from bryggan.cooperation.rules import OrganisationKind
from bryggan.demo.generator import DEMO_PASSWORD, generate
from bryggan.placements import selectors
from bryggan.placements.models import SelectionGroup
from bryggan.placements.rules import PlacementState
from tests.conftest import local

NOW = local(2026, 11, 23, 12)


@pytest.mark.django_db
def test_the_demo_has_a_selection_group_and_placements_in_each_state() -> None:
    generate(households=40, seed=3, now=NOW)
    group = SelectionGroup.objects.get(name="Kommunbryggan")
    kinds = sorted(o.kind for o in group.members.all())
    assert kinds == [
        OrganisationKind.ARBETSFORMEDLINGEN,
        OrganisationKind.NEIGHBOURING_MUNICIPALITY,
        OrganisationKind.NEIGHBOURING_MUNICIPALITY,
    ]
    assert group.union_confirmation
    rows = selectors.placement_rows_for_unit(group.unit)
    states = {row.state for row in rows}
    assert {
        PlacementState.WAITING,
        PlacementState.REJECTED,
        PlacementState.RUNNING,
        PlacementState.ENDED,
    } <= states
    waiting = next(row for row in rows if row.state is PlacementState.WAITING)
    assert waiting.missing_names == ["Arbetsförmedlingen"]
    running = next(row for row in rows if row.state is PlacementState.RUNNING)
    assert running.placement.agreement.signed_on is not None
    assert running.placement.follow_ups.filter(held_on__isnull=False).exists()
    ended = next(row for row in rows if row.state is PlacementState.ENDED)
    assert ended.placement.outcome == "work"

    partner = Client()
    partner.post(reverse("accounts:login"), {"username": "partner", "password": DEMO_PASSWORD})
    page = partner.get(reverse("placements:partner_detail", args=[waiting.placement.pk]))
    assert page.status_code == 200
    assert 'id="vote-form"' in page.content.decode()
