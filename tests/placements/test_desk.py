"""My work: a proposal waits on the unit manager until the own municipality has voted."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.utils import timezone

from bryggan.accounts.models import Unit, User
from bryggan.desk.registry import desk_items
from bryggan.placements.services import placement_vote
from tests.followup.factories import household as make_household
from tests.placements.factories import consent_all, make_group, propose

pytestmark = pytest.mark.django_db


def test_a_proposal_waits_on_the_manager_until_the_municipality_has_voted(
    unit: Unit, persona: Callable[..., User]
) -> None:
    manager, today = persona("unit_manager"), timezone.localdate()
    group = make_group(unit, manager)
    household = make_household(unit, by=persona("caseworker"))
    consent_all(household, group, persona("caseworker"))
    placement = propose(group, household, persona("caseworker"))

    def waiting_for(user: User) -> list[int]:
        items = desk_items(user, today=today)
        return [i.household_id for i in items if i.kind == "placement_vote"]

    assert waiting_for(manager) == [household.pk]
    assert waiting_for(persona("caseworker")) == []  # the manager casts the municipality's vote
    placement_vote(
        placement=placement,
        organisation=None,
        approve=True,
        reason="",
        by=manager,
        now=timezone.now(),
    )
    assert waiting_for(manager) == []
