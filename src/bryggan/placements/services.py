"""Writes of placements decided together: selection groups, proposals, votes, the individual
agreement and its signature, the start, follow-ups and the end with its outcome. Each call is one
transaction with its history row; a refusal raises `DomainError` and changes nothing.

Sources: `placements.rules` (Kommunbryggan's unanimity, the union's confirmation, the agreement
before the start); OSL (2009:400) 26 kap. 1 §, 12 kap. 2 § (a proposal goes to the group's
organisations only on the client's consent, `cooperation.rules.consent_covers`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import IO

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bryggan.accounts.models import Unit, User
from bryggan.audit.services import change_record_write
from bryggan.casefile.models import DocumentKind
from bryggan.casefile.services_documents import document_upload, stored_files_removed_on_failure
from bryggan.cooperation.models import PartnerOrganisation
from bryggan.cooperation.rules import InformationKind, OrganisationKind
from bryggan.cooperation.selectors import covering_consents
from bryggan.cooperation.services import ConsentMissing
from bryggan.core.errors import DomainError
from bryggan.employers import rules as employer_rules
from bryggan.employers.models import Offer
from bryggan.employers.models import PlacementKind as EmployerPlacementKind
from bryggan.employers.services import placement_create as employer_placement_create
from bryggan.employers.services import placement_end as employer_placement_end
from bryggan.people.models import Household, Person
from bryggan.placements import rules, selectors
from bryggan.placements.models import (
    Placement,
    PlacementAgreement,
    PlacementFollowUp,
    PlacementVote,
    SelectionGroup,
)
from bryggan.placements.rules import (
    OWN_MUNICIPALITY,
    Outcome,
    PlacementKind,
    PlacementRuleError,
    PlacementState,
)

RULE_MESSAGES = {
    rules.NOT_A_PARTY: _(
        "%(organisation)s is not a member of the selection group of this placement: its vote is "
        "refused and nothing was changed."
    ),
    rules.ALREADY_VOTED: _(
        "%(organisation)s has already voted on this placement: one vote per organisation. "
        "Nothing was changed."
    ),
    rules.ALREADY_DECIDED: _("The placement is already rejected: no more votes are taken."),
    rules.REASON_MISSING: _("Give the reason for the rejection."),
    rules.NOT_APPROVED: _("The placement can start only when every member has approved it."),
    rules.AGREEMENT_UNSIGNED: _(
        "The placement cannot start before the participant has signed the individual agreement."
    ),
    rules.ALREADY_STARTED: _("The placement has already started."),
    rules.NOT_RUNNING: _("Only a running placement can be ended."),
    rules.ENDS_BEFORE_START: _("The placement cannot end before it starts."),
    rules.HOURS_OUT_OF_RANGE: _("Give the hours per week, from 1 to 40."),
    rules.FOLLOW_UP_OUTSIDE: _("Every follow-up date must fall within the placement's period."),
    rules.NO_FOLLOW_UP: _("Give at least one follow-up date."),
    rules.END_BEFORE_START: _("The placement cannot end before it started."),
    rules.END_IN_FUTURE: _("The end date cannot be in the future."),
}
GROUP_NAME_TAKEN = _("The unit already has a selection group with this name.")
UNION_MISSING = _("Choose the union that confirms that no ordinary job is displaced.")
UNION_NOT_A_UNION = _("The confirming organisation must be registered as a union.")
GROUP_INACTIVE = _("The selection group is no longer active.")
GROUP_OF_OTHER_UNIT = _("The selection group belongs to another unit.")
NOT_AN_ADULT = _("The participant must be an adult member of the case.")
OFFER_OF_OTHER_UNIT = _("The offer belongs to another unit's employer network.")
AGREEMENT_SIGNED = _("The agreement is signed and can no longer be changed.")
AGREEMENT_MISSING = _("Write the agreement before registering it as signed.")
AGREEMENT_TOO_EARLY = _("The agreement is written once the proposal is not rejected.")
FOLLOW_UP_NOT_STARTED = _("A follow-up is held once the placement has started.")
FOLLOW_UP_HELD = _("The follow-up is already recorded.")

# Our outcomes as the employer network counts them (its results on the follow-up page).
EMPLOYER_OUTCOME = {
    Outcome.WORK: employer_rules.Outcome.JOB,
    Outcome.STUDIES: employer_rules.Outcome.STUDIES,
    Outcome.BACK_TO_ASSISTANCE: employer_rules.Outcome.COMPLETED,
    Outcome.ENDED_EARLY: employer_rules.Outcome.ENDED_EARLY,
}


def _refuse(error: PlacementRuleError, **names: str) -> DomainError:
    message = str(RULE_MESSAGES[error.code])
    return DomainError(message % names if names else message, field=error.field)


def _check_union(union_confirmation: bool, union: PartnerOrganisation | None) -> None:
    if union_confirmation and union is None:
        raise DomainError(UNION_MISSING, field="union")
    if union is not None and union.kind != OrganisationKind.UNION.value:
        raise DomainError(UNION_NOT_A_UNION, field="union")


def _group_fields(group: SelectionGroup) -> dict[str, object]:
    return {
        "name": group.name,
        "members": sorted(o.pk for o in group.members.all()),
        "union_confirmation": group.union_confirmation,
        "union": group.union_id,
        "active": group.active,
    }


@transaction.atomic
def selection_group_create(
    *,
    unit: Unit,
    name: str,
    members: Iterable[PartnerOrganisation],
    union_confirmation: bool,
    union: PartnerOrganisation | None,
    by: User | None,
) -> SelectionGroup:
    """A selection group of the unit: the own municipality is always a member."""
    _check_union(union_confirmation, union)
    if SelectionGroup.objects.filter(unit=unit, name__iexact=name.strip()).exists():
        raise DomainError(GROUP_NAME_TAKEN, field="name")
    group = SelectionGroup.objects.create(
        unit=unit,
        name=name.strip(),
        union_confirmation=union_confirmation,
        union=union if union_confirmation else None,
    )
    group.members.set(list(members))
    change_record_write(
        user=by,
        case_id=None,
        object_type="selection_group",
        object_id=group.pk,
        action="created",
        changes=_group_fields(group),
    )
    return group


@transaction.atomic
def selection_group_update(
    *,
    group: SelectionGroup,
    name: str,
    members: Iterable[PartnerOrganisation],
    union_confirmation: bool,
    union: PartnerOrganisation | None,
    active: bool,
    by: User,
) -> SelectionGroup:
    """Change the group. Proposals already made keep the parties they were made with."""
    _check_union(union_confirmation, union)
    taken = SelectionGroup.objects.filter(unit=group.unit, name__iexact=name.strip())
    if taken.exclude(pk=group.pk).exists():
        raise DomainError(GROUP_NAME_TAKEN, field="name")
    group.name = name.strip()
    group.union_confirmation = union_confirmation
    group.union = union if union_confirmation else None
    group.active = active
    group.save(update_fields=["name", "union_confirmation", "union", "active", "updated_at"])
    group.members.set(list(members))
    change_record_write(
        user=by,
        case_id=None,
        object_type="selection_group",
        object_id=group.pk,
        action="changed",
        changes=_group_fields(group),
    )
    return group


PROPOSAL_KINDS = (InformationKind.IDENTITY, InformationKind.PLAN)


def _check_consents(person: Person, members: list[PartnerOrganisation], *, on: date) -> None:
    """Every member organisation learns who the participant is and what is planned: a valid
    consent must cover identity and plan for each (OSL 12 kap. 2 §). The union sees only the
    workplace, so it needs none."""
    for organisation in members:
        covering = covering_consents(
            person_id=person.pk, organisation_id=organisation.pk, kinds=PROPOSAL_KINDS, on=on
        )
        missing = [kind for kind, consent_id in covering.items() if consent_id is None]
        if missing:
            raise ConsentMissing(organisation, missing)


@transaction.atomic
def placement_propose(
    *,
    group: SelectionGroup,
    household: Household,
    person: Person,
    kind: PlacementKind,
    offer: Offer | None,
    workplace: str,
    starts_on: date,
    ends_on: date,
    hours_per_week: int,
    content: str,
    proposed_for: PartnerOrganisation | None,
    by: User,
    now: datetime,
) -> Placement:
    """Propose a placement to the group: from the own municipality (`proposed_for` None) or a
    member organisation. The parties who must approve are fixed now."""
    if not group.active:
        raise DomainError(GROUP_INACTIVE, field="group")
    if group.unit_id != household.unit_id:
        raise DomainError(GROUP_OF_OTHER_UNIT, field="group")
    today = timezone.localdate(now)
    if not selectors.adults_of(household, today=today).filter(pk=person.pk).exists():
        raise DomainError(NOT_AN_ADULT, field="person")
    try:
        rules.check_proposal(starts_on=starts_on, ends_on=ends_on, hours_per_week=hours_per_week)
    except PlacementRuleError as error:
        raise _refuse(error) from error
    if offer is not None and offer.employer.unit_id != household.unit_id:
        raise DomainError(OFFER_OF_OTHER_UNIT, field="offer")
    members = list(group.members.all())
    if proposed_for is not None and proposed_for.pk not in {o.pk for o in members}:
        raise _refuse(PlacementRuleError(rules.NOT_A_PARTY), organisation=proposed_for.name)
    _check_consents(person, members, on=today)
    placement = Placement.objects.create(
        group=group,
        household=household,
        person=person,
        kind=kind.value,
        offer=offer,
        workplace=workplace.strip() or (str(offer.employer.name) if offer else ""),
        starts_on=starts_on,
        ends_on=ends_on,
        hours_per_week=hours_per_week,
        content=content,
        proposed_by=by,
        proposed_for=proposed_for,
        union=group.union if group.union_confirmation else None,
    )
    placement.parties.set(members)
    change_record_write(
        user=by,
        case_id=household.pk,
        object_type="group_placement",
        object_id=placement.pk,
        action="proposed",
        changes={
            "group": group.pk,
            "person": person.pk,
            "kind": kind.value,
            "offer": offer.pk if offer else None,
            "workplace": placement.workplace,
            "starts_on": starts_on.isoformat(),
            "ends_on": ends_on.isoformat(),
            "hours_per_week": hours_per_week,
            "parties": sorted(o.pk for o in members),
            "union": placement.union_id,
            "proposed_for": proposed_for.pk if proposed_for else None,
        },
    )
    return placement


def _locked(placement: Placement) -> Placement:
    """The placement locked, so two votes or a vote and a start cannot pass each other."""
    Placement.objects.select_for_update().filter(pk=placement.pk).first()
    found = selectors.placement_get(placement.pk)
    assert found is not None  # noqa: S101 - it was just locked
    return found


@transaction.atomic
def placement_vote(
    *,
    placement: Placement,
    organisation: PartnerOrganisation | None,
    approve: bool,
    reason: str,
    by: User,
    now: datetime,
) -> PlacementVote:
    """One member organisation's approval or rejection (`organisation` None: the own
    municipality). A vote from outside the group, a second vote or a vote on a rejected proposal
    is refused and nothing changes."""
    locked = _locked(placement)
    party = organisation.pk if organisation is not None else OWN_MUNICIPALITY
    name = organisation.name if organisation is not None else locked.group.unit.name
    try:
        rules.check_vote(
            selectors.parties(locked),
            selectors.votes_of(locked),
            party=party,
            approve=approve,
            reason=reason,
        )
    except PlacementRuleError as error:
        raise _refuse(error, organisation=name) from error
    vote = PlacementVote.objects.create(
        placement=locked,
        organisation=organisation,
        approve=approve,
        reason=reason.strip(),
        by=by,
        at=now,
    )
    change_record_write(
        user=by,
        case_id=locked.household_id,
        object_type="group_placement",
        object_id=locked.pk,
        action="approved" if approve else "rejected",
        changes={"organisation": organisation.pk if organisation else None, "reason": reason},
    )
    return vote


@transaction.atomic
def agreement_write(
    *,
    placement: Placement,
    goal: str,
    content: str,
    consequences: str,
    follow_up_dates: Iterable[date],
    by: User,
) -> PlacementAgreement:
    """Write (or rewrite, until it is signed) the individual agreement and its follow-up dates."""
    locked = _locked(placement)
    state = selectors.placement_row(locked).state
    agreement = getattr(locked, "agreement", None)
    if agreement is not None and agreement.signed_on is not None:
        raise DomainError(AGREEMENT_SIGNED)
    if state is PlacementState.REJECTED:
        raise DomainError(AGREEMENT_TOO_EARLY)
    dates = sorted(set(follow_up_dates))
    try:
        rules.check_follow_up_dates(dates, starts_on=locked.starts_on, ends_on=locked.ends_on)
    except PlacementRuleError as error:
        raise _refuse(error) from error
    if agreement is None:
        agreement = PlacementAgreement(placement=locked)
    agreement.goal, agreement.content, agreement.consequences = goal, content, consequences
    agreement.written_by = by
    agreement.save()
    PlacementFollowUp.objects.filter(placement=locked).delete()
    PlacementFollowUp.objects.bulk_create(
        PlacementFollowUp(placement=locked, due_on=d) for d in dates
    )
    change_record_write(
        user=by,
        case_id=locked.household_id,
        object_type="placement_agreement",
        object_id=agreement.pk,
        action="written",
        changes={
            "goal": goal,
            "content": content,
            "consequences": consequences,
            "follow_up_dates": [d.isoformat() for d in dates],
        },
    )
    return agreement


def agreement_register_signed(
    *,
    placement: Placement,
    signed_on: date,
    signed_form: IO[bytes],
    signed_form_name: str,
    by: User,
    now: datetime,
) -> PlacementAgreement:
    """The participant signed the agreement: the signed form is filed among the case's documents
    in the same transaction (as a consent's form is)."""
    with stored_files_removed_on_failure(), transaction.atomic():
        locked = _locked(placement)
        agreement = getattr(locked, "agreement", None)
        if agreement is None:
            raise DomainError(AGREEMENT_MISSING)
        if agreement.signed_on is not None:
            raise DomainError(AGREEMENT_SIGNED)
        document = document_upload(
            household=locked.household,
            file=signed_form,
            name=signed_form_name or "overenskommelse.pdf",
            kind=DocumentKind.OTHER.value,
            received_on=signed_on,
            sender=str(locked.person),
            from_month=None,
            to_month=None,
            member=locked.person,
            by=by,
            now=now,
        )
        agreement.signed_on = signed_on
        agreement.document = document
        agreement.signature_registered_by = by
        agreement.save(
            update_fields=["signed_on", "document", "signature_registered_by", "updated_at"]
        )
        change_record_write(
            user=by,
            case_id=locked.household_id,
            object_type="placement_agreement",
            object_id=agreement.pk,
            action="signed",
            changes={"signed_on": signed_on.isoformat(), "document": document.pk},
        )
    return agreement


@transaction.atomic
def placement_start(*, placement: Placement, on: date, by: User) -> Placement:
    """Start an approved placement whose agreement is signed. A placement at an employer's offer
    takes its place there (the employer network counts it)."""
    locked = _locked(placement)
    try:
        rules.check_start(selectors.placement_row(locked).state)
    except PlacementRuleError as error:
        raise _refuse(error) from error
    if locked.offer is not None:
        locked.employer_placement = employer_placement_create(
            offer=locked.offer,
            household=locked.household,
            person=locked.person,
            kind=EmployerPlacementKind.PLACEMENT,
            starts_on=on,
            note=str(locked.group),
            by=by,
        )
    locked.started_on = on
    locked.save(update_fields=["started_on", "employer_placement", "updated_at"])
    change_record_write(
        user=by,
        case_id=locked.household_id,
        object_type="group_placement",
        object_id=locked.pk,
        action="started",
        changes={"started_on": on.isoformat()},
    )
    return locked


@transaction.atomic
def follow_up_record(
    *, follow_up: PlacementFollowUp, held_on: date, note: str, by: User
) -> PlacementFollowUp:
    locked = PlacementFollowUp.objects.select_for_update().get(pk=follow_up.pk)
    placement = Placement.objects.get(pk=locked.placement_id)
    if placement.started_on is None:
        raise DomainError(FOLLOW_UP_NOT_STARTED)
    if locked.held_on is not None:
        raise DomainError(FOLLOW_UP_HELD)
    locked.held_on, locked.note, locked.held_by = held_on, note, by
    locked.save(update_fields=["held_on", "note", "held_by"])
    change_record_write(
        user=by,
        case_id=placement.household_id,
        object_type="placement_follow_up",
        object_id=locked.pk,
        action="held",
        changes={"held_on": held_on.isoformat(), "note": note},
    )
    return locked


@transaction.atomic
def placement_end(
    *, placement: Placement, ended_on: date, outcome: Outcome, note: str, by: User, today: date
) -> Placement:
    """End a running placement with its outcome: work, studies, back to assistance or ended
    early; its place at the employer's offer ends with the same outcome."""
    locked = _locked(placement)
    try:
        rules.check_end(
            state=selectors.placement_row(locked).state,
            started_on=locked.started_on or ended_on,
            ended_on=ended_on,
            today=today,
        )
    except PlacementRuleError as error:
        raise _refuse(error) from error
    if locked.employer_placement is not None and locked.employer_placement.ends_on is None:
        employer_placement_end(
            placement=locked.employer_placement,
            ended_on=ended_on,
            outcome=EMPLOYER_OUTCOME[outcome],
            by=by,
            today=today,
        )
    locked.ended_on, locked.outcome, locked.outcome_note = ended_on, outcome.value, note
    locked.save(update_fields=["ended_on", "outcome", "outcome_note", "updated_at"])
    change_record_write(
        user=by,
        case_id=locked.household_id,
        object_type="group_placement",
        object_id=locked.pk,
        action="ended",
        changes={"ended_on": ended_on.isoformat(), "outcome": outcome.value, "note": note},
    )
    return locked
