"""The placement gates: one message for "does not exist" and "not yours"; partners reach only the
placements their organisation decides on."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.utils import timezone

from bryggan.accounts.models import Unit, User
from bryggan.cooperation.rules import OrganisationKind
from bryggan.core.errors import NotFoundOrForbidden
from bryggan.placements.access import (
    PLACEMENT_NOT_FOUND,
    access_partner_placement,
    access_partner_placements,
    access_placement,
)
from tests.cooperation.factories import make_organisation, make_partner_user
from tests.followup.factories import household as make_household
from tests.placements.factories import consent_all, make_group, propose

pytestmark = pytest.mark.django_db


def test_staff_of_another_unit_get_the_same_answer_as_for_a_missing_placement(
    unit: Unit, other_unit: Unit, persona: Callable[..., User]
) -> None:
    group = make_group(unit, persona("unit_manager"))
    household = make_household(unit, by=persona("caseworker"))
    consent_all(household, group, persona("caseworker"))
    placement = propose(group, household, persona("caseworker"))
    assert access_placement(persona("caseworker"), placement.pk) == placement
    stranger = persona("caseworker", in_unit=other_unit)
    with pytest.raises(NotFoundOrForbidden) as other:
        access_placement(stranger, placement.pk)
    with pytest.raises(NotFoundOrForbidden) as missing:
        access_placement(persona("caseworker"), placement.pk + 1000)
    assert other.value.message == missing.value.message == PLACEMENT_NOT_FOUND


def test_a_partner_reaches_only_its_organisation_s_placements(
    unit: Unit, persona: Callable[..., User]
) -> None:
    group = make_group(unit, persona("unit_manager"))
    household = make_household(unit, by=persona("caseworker"))
    consent_all(household, group, persona("caseworker"))
    placement = propose(group, household, persona("caseworker"))
    today = timezone.localdate()
    member = make_partner_user(group.af)
    assert access_partner_placement(member, placement.pk, today=today).placement == placement
    outsider = make_partner_user(
        make_organisation("Försäkringskassan", OrganisationKind.FORSAKRINGSKASSAN), "fk"
    )
    with pytest.raises(NotFoundOrForbidden) as other:
        access_partner_placement(outsider, placement.pk, today=today)
    with pytest.raises(NotFoundOrForbidden) as missing:
        access_partner_placement(member, placement.pk + 1000, today=today)
    assert other.value.message == missing.value.message == PLACEMENT_NOT_FOUND
    assert access_partner_placements(outsider, today=today) == []
    # Staff are no partners: the partner's gate refuses them too.
    with pytest.raises(NotFoundOrForbidden):
        access_partner_placement(persona("unit_manager"), placement.pk, today=today)
