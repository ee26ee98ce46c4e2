"""Placements decided together by a selection group (*urvalsgrupp*), as Fagersta's
*Kommunbryggan* does: a proposal for a measure employment (*extratjänst*, *åtgärdsanställning*) or
another placement is approved by every member organisation of the group, each with one vote; one
rejection rejects it; where the group's setting asks for it, a union must also confirm that no
ordinary job is displaced. The placement starts only when it is approved and the participant has
signed an individual written agreement.

Sources: the practice of Fagersta's Kommunbryggan in the seed report *Att bryta mönster* (three
municipalities and Arbetsförmedlingen in a selection group where all must agree; an individual
written agreement); the union confirmation as Borås does it with Kommunal (seed report, shared
DESIGN.md). The legal ground of the municipality's labour-market activities: SoL (2025:400)
12 kap. (the municipality may require work practice or other competence-raising activity;
12 kap. 4 §: Arbetsförmedlingen is consulted first, which its vote in the group does). No law
prescribes the group's unanimity: it is the parties' agreement, kept here as a rule of the group.

Pure: values in, values out. Parties are integers: a partner organisation's id, or
`OWN_MUNICIPALITY` (0, never an id) for the unit's own municipality.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

OWN_MUNICIPALITY = 0  # the unit's own municipality; partner organisation ids start at 1


class PlacementKind(StrEnum):
    SUBSIDISED_JOB = "subsidised_job"  # åtgärdsanställning / extratjänst (measure employment)
    WORK_PRACTICE = "work_practice"  # praktik
    EDUCATION_WITH_PRACTICE = "education_with_practice"  # utbildning med praktik


class Outcome(StrEnum):
    WORK = "work"
    STUDIES = "studies"
    BACK_TO_ASSISTANCE = "back_to_assistance"
    ENDED_EARLY = "ended_early"


class VoteState(StrEnum):
    WAITING = "waiting"  # some party has not voted, none has rejected
    APPROVED = "approved"  # every party approved
    REJECTED = "rejected"  # a party rejected


class PlacementState(StrEnum):
    WAITING = "waiting"  # waiting for the parties' votes
    REJECTED = "rejected"
    APPROVED = "approved"  # approved; the agreement is not yet signed
    READY = "ready"  # approved and the agreement signed: may start
    RUNNING = "running"
    ENDED = "ended"


@dataclass(frozen=True, slots=True)
class Vote:
    party: int
    approve: bool


@dataclass(frozen=True, slots=True)
class VoteCount:
    state: VoteState
    missing: frozenset[int]  # parties that have not voted
    rejected_by: frozenset[int]


class PlacementRuleError(ValueError):
    """A placement rule refused the action; `code` names which, `field` the input in error."""

    def __init__(self, code: str, field: str | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.field = field


NOT_A_PARTY = "not_a_party"
ALREADY_VOTED = "already_voted"
ALREADY_DECIDED = "already_decided"
REASON_MISSING = "reason_missing"
NOT_APPROVED = "not_approved"
AGREEMENT_UNSIGNED = "agreement_unsigned"
ALREADY_STARTED = "already_started"
NOT_RUNNING = "not_running"
ENDS_BEFORE_START = "ends_before_start"
HOURS_OUT_OF_RANGE = "hours_out_of_range"
FOLLOW_UP_OUTSIDE = "follow_up_outside"
NO_FOLLOW_UP = "no_follow_up"
END_BEFORE_START = "end_before_start"
END_IN_FUTURE = "end_in_future"

MAX_HOURS_PER_WEEK = 40  # a full-time week (arbetstidslagen (1982:673) 5 §: 40 hours)


def parties_of(
    *, members: Iterable[int], union: int | None, union_required: bool
) -> frozenset[int]:
    """Who must approve: the own municipality, every member organisation and, when the group
    asks for it, the union (its approval is the confirmation that no ordinary job is displaced)."""
    parties = {OWN_MUNICIPALITY, *members}
    if union_required and union is not None:
        parties.add(union)
    return frozenset(parties)


def vote_count(parties: frozenset[int], votes: Sequence[Vote]) -> VoteCount:
    """Where the votes stand: rejected on any rejection, approved when every party approved,
    waiting otherwise. Votes of non-parties are ignored (the services never store one)."""
    counted = [v for v in votes if v.party in parties]
    rejected = frozenset(v.party for v in counted if not v.approve)
    voted = frozenset(v.party for v in counted)
    missing = parties - voted
    if rejected:
        state = VoteState.REJECTED
    elif not missing:
        state = VoteState.APPROVED
    else:
        state = VoteState.WAITING
    return VoteCount(state=state, missing=missing, rejected_by=rejected)


def check_vote(
    parties: frozenset[int], votes: Sequence[Vote], *, party: int, approve: bool, reason: str
) -> None:
    """Refuse a vote from outside the group, a second vote of a party, a vote on a proposal
    already rejected, and a rejection without a reason."""
    if party not in parties:
        raise PlacementRuleError(NOT_A_PARTY)
    if any(v.party == party for v in votes):
        raise PlacementRuleError(ALREADY_VOTED)
    if vote_count(parties, votes).state is VoteState.REJECTED:
        raise PlacementRuleError(ALREADY_DECIDED)
    if not approve and not reason.strip():
        raise PlacementRuleError(REASON_MISSING, "reason")


def cast_vote(
    parties: frozenset[int], votes: Sequence[Vote], *, party: int, approve: bool, reason: str
) -> tuple[Vote, ...]:
    """The votes after this one (checked first: a refused vote changes nothing)."""
    check_vote(parties, votes, party=party, approve=approve, reason=reason)
    return (*votes, Vote(party=party, approve=approve))


def placement_state(
    count: VoteCount, *, agreement_signed: bool, started: bool, ended: bool
) -> PlacementState:
    """The placement's state from its votes, its agreement and its start and end."""
    if ended:
        return PlacementState.ENDED
    if started:
        return PlacementState.RUNNING
    if count.state is VoteState.REJECTED:
        return PlacementState.REJECTED
    if count.state is VoteState.WAITING:
        return PlacementState.WAITING
    return PlacementState.READY if agreement_signed else PlacementState.APPROVED


def check_start(state: PlacementState) -> None:
    """Start only an approved placement with a signed agreement, and only once."""
    if state in (PlacementState.RUNNING, PlacementState.ENDED):
        raise PlacementRuleError(ALREADY_STARTED)
    if state is PlacementState.APPROVED:
        raise PlacementRuleError(AGREEMENT_UNSIGNED)
    if state is not PlacementState.READY:
        raise PlacementRuleError(NOT_APPROVED)


def check_proposal(*, starts_on: date, ends_on: date, hours_per_week: int) -> None:
    if ends_on < starts_on:
        raise PlacementRuleError(ENDS_BEFORE_START, "ends_on")
    if not 1 <= hours_per_week <= MAX_HOURS_PER_WEEK:
        raise PlacementRuleError(HOURS_OUT_OF_RANGE, "hours_per_week")


def check_follow_up_dates(dates: Iterable[date], *, starts_on: date, ends_on: date) -> None:
    """The agreement names at least one follow-up, each within the placement's period."""
    chosen = list(dates)
    if not chosen:
        raise PlacementRuleError(NO_FOLLOW_UP, "follow_up_dates")
    if any(not starts_on <= d <= ends_on for d in chosen):
        raise PlacementRuleError(FOLLOW_UP_OUTSIDE, "follow_up_dates")


def check_end(*, state: PlacementState, started_on: date, ended_on: date, today: date) -> None:
    if state is not PlacementState.RUNNING:
        raise PlacementRuleError(NOT_RUNNING)
    if ended_on < started_on:
        raise PlacementRuleError(END_BEFORE_START, "ended_on")
    if ended_on > today:
        raise PlacementRuleError(END_IN_FUTURE, "ended_on")
