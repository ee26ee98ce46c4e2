"""The gates of placements: a placement through its case's gate for the unit's staff (the read
logged), and a partner's view of the placements its organisation decides on.

A partner sees a placement only when its organisation is a party (a member fixed at the proposal,
or the confirming union), and the participant's name and the placement's content only while a
valid consent names the organisation for identity and plan (OSL (2009:400) 26 kap. 1 §,
12 kap. 2 §; `cooperation.rules.consent_covers`). Without the name, the workplace, period and
hours identify nobody. Same message for "does not exist" and "not yours".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from bryggan.accounts.models import User
from bryggan.accounts.roles import Capability, has_capability
from bryggan.audit.services import access_log_write
from bryggan.cooperation.models import PartnerOrganisation
from bryggan.cooperation.rules import InformationKind
from bryggan.cooperation.selectors import consented_kinds, organisation_of_partner
from bryggan.core.errors import NotFoundOrForbidden
from bryggan.people.access import Purpose, access_household
from bryggan.placements import selectors
from bryggan.placements.models import Placement
from bryggan.placements.selectors import PlacementRow

PLACEMENT_NOT_FOUND = _("No such placement, or not one you may see.")
PARTNER_PURPOSE = "partner_view"


def access_placement(
    user: User, placement_id: int, *, request: HttpRequest | None = None
) -> Placement:
    """A placement of a case the user may see (its case's gate logs the read)."""
    placement = selectors.placement_get(placement_id)
    if placement is None:
        raise NotFoundOrForbidden(PLACEMENT_NOT_FOUND)
    try:
        access_household(user, placement.household_id, purpose=Purpose.CASEWORK, request=request)
    except NotFoundOrForbidden as error:
        raise NotFoundOrForbidden(PLACEMENT_NOT_FOUND) from error
    return placement


def partner_organisation(user: User) -> PartnerOrganisation | None:
    if not has_capability(user.role, Capability.PARTNER_CASES):
        return None
    return organisation_of_partner(user)


@dataclass(frozen=True)
class PartnerPlacement:
    organisation: PartnerOrganisation
    row: PlacementRow
    kinds: frozenset[InformationKind]  # what a valid consent lets the organisation see today

    @property
    def placement(self) -> Placement:
        return self.row.placement

    @property
    def shows_person(self) -> bool:
        return InformationKind.IDENTITY in self.kinds

    @property
    def shows_content(self) -> bool:
        return InformationKind.PLAN in self.kinds

    @property
    def is_union(self) -> bool:
        return self.placement.union_id == self.organisation.pk

    @property
    def shown_kinds(self) -> list[InformationKind]:
        return [k for k in (InformationKind.IDENTITY, InformationKind.PLAN) if k in self.kinds]


def partner_placement(
    organisation: PartnerOrganisation, row: PlacementRow, *, today: date
) -> PartnerPlacement:
    kinds = consented_kinds(
        person_id=row.placement.person_id, organisation_id=organisation.pk, on=today
    )
    return PartnerPlacement(organisation=organisation, row=row, kinds=kinds)


def access_partner_placements(user: User, *, today: date) -> list[PartnerPlacement]:
    organisation = partner_organisation(user)
    if organisation is None:
        return []
    return [
        partner_placement(organisation, row, today=today)
        for row in selectors.placement_rows_for_organisation(organisation)
    ]


def access_partner_placement(
    user: User, placement_id: int, *, today: date, request: HttpRequest | None = None
) -> PartnerPlacement:
    """A placement the partner's organisation decides on; the read is logged."""
    organisation = partner_organisation(user)
    placement = selectors.placement_get(placement_id)
    row = selectors.placement_row(placement) if placement is not None else None
    if (
        organisation is None
        or row is None
        or organisation.pk not in selectors.parties(row.placement)
    ):
        raise NotFoundOrForbidden(PLACEMENT_NOT_FOUND)
    access_log_write(
        user=user,
        object_type="group_placement",
        object_id=row.placement.pk,
        case_id=row.placement.household_id,
        purpose=PARTNER_PURPOSE,
        request=request,
    )
    return partner_placement(organisation, row, today=today)
