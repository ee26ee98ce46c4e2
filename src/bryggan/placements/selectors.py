"""Reads of placements: a unit's selection groups, a placement's votes and state (counted by the
pure rule in `placements.rules`), the placements of a unit, a case or a partner organisation, and
the outcome counts for the unit's follow-up page."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet

from bryggan.accounts.models import Unit
from bryggan.cooperation.models import PartnerOrganisation
from bryggan.employers.models import Offer
from bryggan.people.models import Household, HouseholdMember, MemberRole, Person
from bryggan.placements.models import (
    OutcomeChoices,
    Placement,
    PlacementFollowUp,
    PlacementVote,
    SelectionGroup,
)
from bryggan.placements.rules import (
    OWN_MUNICIPALITY,
    PlacementState,
    Vote,
    VoteCount,
    placement_state,
    vote_count,
)


def group_list(unit: Unit) -> QuerySet[SelectionGroup]:
    return (
        SelectionGroup.objects.filter(unit=unit)
        .select_related("union")
        .prefetch_related("members")
        .order_by("name")
    )


def group_active_list(unit: Unit) -> QuerySet[SelectionGroup]:
    return group_list(unit).filter(active=True)


def group_get(unit: Unit, group_id: int) -> SelectionGroup | None:
    """A group of the unit (no case data: the group is the unit's)."""
    return group_list(unit).filter(pk=group_id).first()


def groups_of_organisation(organisation: PartnerOrganisation) -> QuerySet[SelectionGroup]:
    """The active groups in which the organisation is a member."""
    return SelectionGroup.objects.filter(members=organisation, active=True).order_by("name")


def persons(person_ids: list[int]) -> QuerySet[Person]:
    return Person.objects.filter(pk__in=person_ids).order_by("last_name", "first_name")


def organisations_active() -> QuerySet[PartnerOrganisation]:
    return PartnerOrganisation.objects.filter(active=True).order_by("name")


def offers_of_unit(unit: Unit, *, today: date) -> QuerySet[Offer]:
    return (
        Offer.objects.filter(employer__unit=unit, ends_on__gte=today)
        .select_related("employer")
        .order_by("employer__name", "title")
    )


def adults_of(household: Household, *, today: date) -> QuerySet[Person]:
    """The case's current adults (applicant and co-applicant), whom a placement may concern."""
    members = (
        HouseholdMember.objects.filter(household=household, valid_from__lte=today)
        .exclude(valid_to__lt=today)
        .filter(role__in=[MemberRole.APPLICANT, MemberRole.CO_APPLICANT])
    )
    return Person.objects.filter(pk__in=members.values("person_id")).order_by("pk")


def parties(placement: Placement) -> frozenset[int]:
    """The parties fixed at the proposal: the own municipality, the members and the union."""
    members = {o.pk for o in placement.parties.all()}
    union = {placement.union_id} if placement.union_id is not None else set()
    return frozenset({OWN_MUNICIPALITY, *members, *union})


def votes_of(placement: Placement) -> list[Vote]:
    return [
        Vote(party=v.organisation_id or OWN_MUNICIPALITY, approve=v.approve)
        for v in placement.votes.all()
    ]


@dataclass(frozen=True)
class PlacementRow:
    placement: Placement
    count: VoteCount
    state: PlacementState

    @property
    def missing_names(self) -> list[str]:
        """The parties that have not voted, by name (the own municipality by its unit)."""
        names = {o.pk: o.name for o in self.placement.parties.all()}
        if self.placement.union is not None:
            names[self.placement.union.pk] = self.placement.union.name
        names[OWN_MUNICIPALITY] = self.placement.group.unit.name
        return sorted(names[p] for p in self.count.missing if p in names)

    @property
    def waiting_for_own_municipality(self) -> bool:
        return OWN_MUNICIPALITY in self.count.missing


def placement_row(placement: Placement) -> PlacementRow:
    count = vote_count(parties(placement), votes_of(placement))
    agreement = getattr(placement, "agreement", None)
    state = placement_state(
        count,
        agreement_signed=agreement is not None and agreement.signed_on is not None,
        started=placement.started_on is not None,
        ended=placement.ended_on is not None,
    )
    return PlacementRow(placement=placement, count=count, state=state)


def _placements() -> QuerySet[Placement]:
    return Placement.objects.select_related(
        "group", "group__unit", "person", "household", "union", "agreement", "offer"
    ).prefetch_related("parties", "votes")


def placement_rows_for_unit(unit: Unit) -> list[PlacementRow]:
    return [placement_row(p) for p in _placements().filter(group__unit=unit)]


def placement_rows_for_household(household: Household) -> list[PlacementRow]:
    return [placement_row(p) for p in _placements().filter(household=household)]


def placement_rows_for_person(household_id: int, person_id: int) -> list[PlacementRow]:
    """The person's placements in the case: the plan shows them beside its referrals."""
    placements = _placements().filter(household_id=household_id, person_id=person_id)
    return [placement_row(p) for p in placements]


def placement_rows_for_organisation(organisation: PartnerOrganisation) -> list[PlacementRow]:
    """The placements a partner organisation decides on: a member's or the confirming union's."""
    placements = _placements().filter(Q(parties=organisation) | Q(union=organisation)).distinct()
    return [placement_row(p) for p in placements]


def placement_get(placement_id: int) -> Placement | None:
    return _placements().filter(pk=placement_id).first()


def vote_list(placement: Placement) -> QuerySet[PlacementVote]:
    return PlacementVote.objects.filter(placement=placement).select_related("organisation", "by")


def follow_up_list(placement: Placement) -> QuerySet[PlacementFollowUp]:
    return PlacementFollowUp.objects.filter(placement=placement).select_related("held_by")


def follow_up_get(placement: Placement, follow_up_id: int) -> PlacementFollowUp | None:
    return PlacementFollowUp.objects.filter(placement=placement, pk=follow_up_id).first()


@dataclass(frozen=True)
class OutcomeCounts:
    """The unit's placements decided together: how many are waiting, running and ended, and the
    ended ones by outcome (in the order of `OutcomeChoices`)."""

    waiting: int
    running: int
    ended: int
    by_outcome: list[tuple[str, str, int]]  # value, label, count


def outcome_counts(unit: Unit) -> OutcomeCounts:
    rows = placement_rows_for_unit(unit)
    states = Counter(row.state for row in rows)
    outcomes = Counter(row.placement.outcome for row in rows if row.state is PlacementState.ENDED)
    return OutcomeCounts(
        waiting=states[PlacementState.WAITING],
        running=states[PlacementState.RUNNING],
        ended=states[PlacementState.ENDED],
        by_outcome=[
            (value, str(label), outcomes[value]) for value, label in OutcomeChoices.choices
        ],
    )
