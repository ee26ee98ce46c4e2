"""A Kommunbryggan-style selection group and placements in each state, made through the services."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from io import BytesIO

from django.utils import timezone

from bryggan.accounts.models import Unit, User
from bryggan.cooperation.models import PartnerOrganisation
from bryggan.cooperation.rules import OrganisationKind
from bryggan.people.models import Household
from bryggan.placements.models import Placement, SelectionGroup
from bryggan.placements.rules import PlacementKind
from bryggan.placements.services import (
    agreement_register_signed,
    agreement_write,
    placement_propose,
    placement_vote,
    selection_group_create,
)
from tests.casefile.documents_files import pdf_bytes
from tests.cooperation.factories import make_consent, make_organisation


@dataclass
class Group:
    group: SelectionGroup
    af: PartnerOrganisation
    neighbours: tuple[PartnerOrganisation, PartnerOrganisation]
    union: PartnerOrganisation

    @property
    def members(self) -> list[PartnerOrganisation]:
        return [*self.neighbours, self.af]


def make_group(unit: Unit, by: User | None, *, union_confirmation: bool = False) -> Group:
    """The own municipality, two neighbouring municipalities and Arbetsförmedlingen."""
    af = make_organisation("Arbetsförmedlingen Fagersta")
    north = make_organisation("Norbergs kommun", OrganisationKind.NEIGHBOURING_MUNICIPALITY)
    south = make_organisation("Skinnskattebergs kommun", OrganisationKind.NEIGHBOURING_MUNICIPALITY)
    union = make_organisation("Kommunal Bergslagen", OrganisationKind.UNION)
    group = selection_group_create(
        unit=unit,
        name="Kommunbryggan",
        members=[north, south, af],
        union_confirmation=union_confirmation,
        union=union if union_confirmation else None,
        by=by,
    )
    return Group(group=group, af=af, neighbours=(north, south), union=union)


def consent_all(household: Household, group: Group, by: User) -> None:
    for organisation in group.members:
        make_consent(household, organisation, by)


def propose(
    group: Group, household: Household, by: User, *, starts_on: date | None = None
) -> Placement:
    today = timezone.localdate()
    start = starts_on or today
    return placement_propose(
        group=group.group,
        household=household,
        person=household.members.get().person,
        kind=PlacementKind.SUBSIDISED_JOB,
        offer=None,
        workplace="Fagersta kommun, parkförvaltningen",
        starts_on=start,
        ends_on=start + timedelta(days=365),
        hours_per_week=40,
        content="Skötsel av parker och grönytor.",
        proposed_for=None,
        by=by,
        now=timezone.now(),
    )


def approve_all(
    placement: Placement, group: Group, manager: User, *, skip: int | None = None
) -> None:
    """Every party approves, but the organisation `skip` (an id; 0 the own municipality)."""
    parties: list[PartnerOrganisation | None] = [None, *group.members]
    if placement.union_id:
        parties.append(group.union)
    for organisation in parties:
        if (organisation.pk if organisation else 0) == skip:
            continue
        placement_vote(
            placement=placement,
            organisation=organisation,
            approve=True,
            reason="",
            by=manager,
            now=timezone.now(),
        )


def sign_agreement(placement: Placement, by: User) -> None:
    agreement_write(
        placement=placement,
        goal="Anställning efter extratjänsten.",
        content="Parkarbete fyrtio timmar i veckan.",
        consequences="Frånvaro utan giltigt skäl kan leda till att biståndet sätts ned.",
        follow_up_dates=[placement.starts_on + timedelta(days=30)],
        by=by,
    )
    agreement_register_signed(
        placement=placement,
        signed_on=timezone.localdate(),
        signed_form=BytesIO(pdf_bytes()),
        signed_form_name="overenskommelse.pdf",
        by=by,
        now=timezone.now(),
    )
