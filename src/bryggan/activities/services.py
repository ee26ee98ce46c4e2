"""Writes of the work line: the catalogue, referrals and their steps, group attendance, the
ability to take part, and sanctions (proposal → assessment → approval). Each call is one
transaction with its history rows."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from functools import partial

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from bryggan.accounts.models import Unit, User
from bryggan.activities import rules, selectors
from bryggan.activities.letters import (
    sanction_letter_file_name,
    sanction_letter_pdf,
    sanction_reconsideration_letter_file_name,
    sanction_reconsideration_letter_pdf,
)
from bryggan.activities.models import (
    CURRENT_STATUSES,
    AcceptableReason,
    Activity,
    ActivityKind,
    Attendance,
    Outcome,
    ParticipationAbility,
    Provider,
    ReconsiderationOccasion,
    ReconsiderationOutcome,
    Referral,
    ReferralStatus,
    SanctionProposal,
    SanctionReconsideration,
    SanctionStatus,
    TargetGroup,
)
from bryggan.audit.selectors import change_last
from bryggan.audit.services import change_record_write, change_records_write_many
from bryggan.casefile.services_documents import letter_store, stored_files_removed_on_failure
from bryggan.core.errors import DomainError
from bryggan.core.locking import version_claim
from bryggan.core.month import Month
from bryggan.decisions.services import receipt_record
from bryggan.norm_entry.selectors import application_norms
from bryggan.norms.tables import NormMissingError, PersonalBand
from bryggan.people.models import Household, HouseholdMember, HouseholdStatus, MemberRole, Person
from bryggan.people.templatetags.people_tags import shown_name

NOT_AN_ADULT_MEMBER = _("The person is not an adult member of this household.")
CASE_CLOSED = _("The case is closed.")
OTHER_UNIT_ACTIVITY = _("The activity belongs to another unit.")
ALREADY_REFERRED = _("{name} already has a current referral to this activity.")
NOT_A_PARTICIPANT = _("Row {row}: not a participant of this activity.")


def _check_adult_member(household: Household, person: Person) -> None:
    if not selectors.adult_members(household).filter(person=person).exists():
        raise DomainError(NOT_AN_ADULT_MEMBER, field="person")


@transaction.atomic
def activity_create(
    *,
    unit: Unit,
    name: str,
    provider: Provider,
    kind: ActivityKind,
    target_group: TargetGroup,
    capacity: int,
    starts_on: date,
    ends_on: date,
    weekdays: frozenset[int],
    by: User,
) -> Activity:
    """Add an activity to the unit's catalogue."""
    schedule = rules.format_weekdays(weekdays)
    rules.check_activity(capacity=capacity, starts_on=starts_on, ends_on=ends_on, weekdays=schedule)
    activity = Activity.objects.create(
        unit=unit,
        name=name,
        provider=provider,
        kind=kind,
        target_group=target_group,
        capacity=capacity,
        starts_on=starts_on,
        ends_on=ends_on,
        weekdays=schedule,
        created_by=by,
    )
    change_record_write(
        user=by,
        case_id=None,
        object_type="activity",
        object_id=activity.pk,
        action="created",
        changes={
            "name": name,
            "provider": provider,
            "kind": kind,
            "capacity": capacity,
            "starts_on": starts_on.isoformat(),
            "ends_on": ends_on.isoformat(),
            "weekdays": schedule,
        },
    )
    return activity


@transaction.atomic
def referral_create(
    *, activity: Activity, household: Household, person: Person, referred_on: date, by: User
) -> Referral:
    """Refer an adult of the household to an activity, if it has a place left."""
    if household.unit_id != activity.unit_id:
        raise DomainError(OTHER_UNIT_ACTIVITY, field="activity")
    if household.status != HouseholdStatus.ACTIVE:
        raise DomainError(CASE_CLOSED)
    _check_adult_member(household, person)
    # Lock the activity so that two referrals at once cannot both take the last place.
    locked = Activity.objects.select_for_update().get(pk=activity.pk)
    rules.check_open_for_referral(referred_on=referred_on, ends_on=locked.ends_on)
    current = Referral.objects.filter(activity=locked, status__in=CURRENT_STATUSES)
    if current.filter(person=person).exists():
        raise DomainError(ALREADY_REFERRED.format(name=shown_name(person, by)), field="person")
    rules.check_capacity(capacity=locked.capacity, current_referrals=current.count())
    referral = Referral.objects.create(
        activity=locked, household=household, person=person, referred_on=referred_on, referred_by=by
    )
    change_record_write(
        user=by,
        case_id=household.pk,
        object_type="referral",
        object_id=referral.pk,
        action="referred",
        changes={
            "activity": locked.pk,
            "person": person.pk,
            "referred_on": referred_on.isoformat(),
        },
    )
    return referral


def _step(
    referral: Referral,
    *,
    target: ReferralStatus,
    on: date,
    previous: date,
    by: User,
    extra: Mapping[str, str] | None = None,
) -> Referral:
    locked = Referral.objects.select_for_update().get(pk=referral.pk)
    rules.check_step(rules.ReferralState(locked.status), rules.ReferralState(target))
    rules.check_step_date(on, previous=previous)
    locked.status = target
    date_field = {
        ReferralStatus.ACCEPTED: "accepted_on",
        ReferralStatus.STARTED: "started_on",
        ReferralStatus.ENDED: "ended_on",
    }[target]
    setattr(locked, date_field, on)
    fields = ["status", date_field, "updated_at"]
    for name, value in (extra or {}).items():
        setattr(locked, name, value)
        fields.append(name)
    locked.save(update_fields=fields)
    change_record_write(
        user=by,
        case_id=locked.household_id,
        object_type="referral",
        object_id=locked.pk,
        action=str(target),
        changes={date_field: on.isoformat(), **(extra or {})},
    )
    return locked


@transaction.atomic
def referral_accept(*, referral: Referral, on: date, by: User) -> Referral:
    """The provider has accepted the referral."""
    return _step(
        referral, target=ReferralStatus.ACCEPTED, on=on, previous=referral.referred_on, by=by
    )


@transaction.atomic
def referral_start(*, referral: Referral, on: date, by: User) -> Referral:
    """The participant has started the activity (no earlier than the activity itself)."""
    previous = max(referral.accepted_on or referral.referred_on, referral.activity.starts_on)
    return _step(referral, target=ReferralStatus.STARTED, on=on, previous=previous, by=by)


@transaction.atomic
def referral_end(*, referral: Referral, on: date, outcome: Outcome, by: User) -> Referral:
    """The referral ends, with its outcome (work, studies, other income or interrupted)."""
    if not outcome:
        raise DomainError(rules.OUTCOME_REQUIRED, field="outcome")
    previous = referral.started_on or referral.accepted_on or referral.referred_on
    return _step(
        referral,
        target=ReferralStatus.ENDED,
        on=on,
        previous=previous,
        by=by,
        extra={"outcome": str(outcome)},
    )


@transaction.atomic
def attendance_register_group(
    *,
    activity: Activity,
    day: date,
    marks: Mapping[int, rules.AttendanceMark],
    by: User,
    today: date,
) -> int:
    """Register one day's attendance for a whole group: every row or none.

    `marks` maps referral ids to attendance. A mark for a day already registered replaces it
    (a correction); its history row keeps the earlier value.
    """
    rules.check_attendance_day(
        day,
        starts_on=activity.starts_on,
        ends_on=activity.ends_on,
        weekdays=activity.weekday_set,
        today=today,
    )
    referrals = {
        r.pk: r
        for r in Referral.objects.select_related("person").filter(
            activity=activity, pk__in=list(marks)
        )
    }
    for row, referral_id in enumerate(marks, start=1):
        referral = referrals.get(referral_id)
        if referral is None:
            raise DomainError(NOT_A_PARTICIPANT.format(row=row))
        if not rules.takes_part_on(day, started_on=referral.started_on, ended_on=referral.ended_on):
            raise DomainError(
                rules.NOT_PARTICIPATING.format(
                    name=shown_name(referral.person, by), day=day.isoformat()
                )
            )
    existing = {
        a.referral_id: a for a in Attendance.objects.filter(referral__in=list(referrals), day=day)
    }
    history: list[tuple[int | None, object, dict[str, object]]] = []
    unexcused = rules.AttendanceMark.UNEXCUSED_ABSENCE
    for referral_id, mark in marks.items():
        referral = referrals[referral_id]
        previous = existing.get(referral_id)
        was = previous.status if previous is not None else None
        if was == mark:
            continue
        if previous is None:
            row = Attendance.objects.create(
                referral=referral, day=day, status=mark, registered_by=by
            )
        else:
            previous.status, previous.registered_by = mark, by
            previous.save(update_fields=["status", "registered_by", "updated_at"])
            row = previous
        # An unexcused absence produces a proposal; a corrected one leaves the open proposal.
        if mark == unexcused:
            sanction_propose(
                household_id=referral.household_id,
                person_id=referral.person_id,
                absences=[row],
                by=by,
            )
        elif was == unexcused:
            _sanction_absence_withdraw(row, by=by)
        history.append(
            (
                referral.household_id,
                referral.pk,
                {
                    "day": day.isoformat(),
                    "status": str(mark),
                    "was": was,
                },
            )
        )
    change_records_write_many(user=by, object_type="attendance", action="registered", rows=history)
    return len(history)


@transaction.atomic
def participation_assess(
    *,
    household: Household,
    person: Person,
    able: bool,
    reason: AcceptableReason | str,
    note: str,
    on: date,
    by: User,
) -> ParticipationAbility:
    """Record whether an adult can take part in activities, with the acceptable reason if not."""
    _check_adult_member(household, person)
    rules.check_ability(able=able, reason=str(reason), note=note)
    ability = ParticipationAbility.objects.create(
        household=household,
        person=person,
        able_to_participate=able,
        reason=str(reason),
        note=note,
        assessed_on=on,
        assessed_by=by,
    )
    change_record_write(
        user=by,
        case_id=household.pk,
        object_type="participation_ability",
        object_id=ability.pk,
        action="assessed",
        changes={"person": person.pk, "able": able, "reason": str(reason)},
    )
    return ability


# --- changing and ending an activity -------------------------------------------------------------


def _history_value(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value


ACTIVITY_FIELDS = ("name", "provider", "kind", "target_group", "capacity", "starts_on", "ends_on")


def _activity_fields(activity: Activity) -> dict[str, object]:
    return {field: getattr(activity, field) for field in ACTIVITY_FIELDS}


@transaction.atomic
def activity_change(
    *,
    activity: Activity,
    name: str,
    provider: Provider,
    kind: ActivityKind,
    target_group: TargetGroup,
    capacity: int,
    starts_on: date,
    ends_on: date,
    weekdays: frozenset[int],
    by: User,
    version: int | None = None,
) -> Activity:
    """Change an activity of the catalogue; refused when it would leave out a current referral's
    place, a day with registered attendance or its weekday, a participant's start or a referral's
    end, or end earlier while referrals are current (that is `activity_end_early`); and refused
    with `EditConflict` when `version` is not the stored one (someone else changed it since).
    None: a caller without a form (the demo); the version advances unchecked."""
    # The lock keeps a new referral out between check and write (referral_create takes the same
    # lock). Attendance registration and referral steps do not take it: on PostgreSQL one that
    # commits after the facts are read is not seen here (SQLite runs one write at a time).
    locked = Activity.objects.select_for_update().get(pk=activity.pk)
    schedule = rules.format_weekdays(weekdays)
    version_claim(
        Activity,
        pk=locked.pk,
        version=version,
        stored={**_activity_fields(locked), "weekdays": sorted(locked.weekday_set)},
        typed={
            "name": name,
            "provider": str(provider),
            "kind": str(kind),
            "target_group": str(target_group),
            "capacity": capacity,
            "starts_on": starts_on,
            "ends_on": ends_on,
            "weekdays": sorted(weekdays),
        },
        last_change=partial(change_last, "activity", locked.pk),
    )
    rules.check_activity_change(
        capacity=capacity,
        starts_on=starts_on,
        ends_on=ends_on,
        weekdays=schedule,
        planned_ends_on=locked.ends_on,
        record=selectors.activity_record(locked),
    )
    wanted = {
        "name": name,
        "provider": str(provider),
        "kind": str(kind),
        "target_group": str(target_group),
        "capacity": capacity,
        "starts_on": starts_on,
        "ends_on": ends_on,
        "weekdays": schedule,
    }
    changes = {
        field: [_history_value(getattr(locked, field)), _history_value(value)]
        for field, value in wanted.items()
        if getattr(locked, field) != value
    }
    if not changes:
        return locked
    for field in changes:
        setattr(locked, field, wanted[field])
    locked.save(update_fields=[*changes, "updated_at"])
    change_record_write(
        user=by,
        case_id=None,
        object_type="activity",
        object_id=locked.pk,
        action="changed",
        changes=changes,
    )
    return locked


@transaction.atomic
def activity_end_early(
    *, activity: Activity, on: date, outcome: Outcome, by: User, today: date
) -> Activity:
    """End an activity before its planned end, on `today` or earlier: it ends on `on`, and so
    does every current referral, with the outcome chosen (through `referral_end`, one history
    row each)."""
    if not outcome:
        raise DomainError(rules.OUTCOME_REQUIRED, field="outcome")
    locked = Activity.objects.select_for_update().get(pk=activity.pk)
    rules.check_end_early(
        on,
        starts_on=locked.starts_on,
        ends_on=locked.ends_on,
        record=selectors.activity_record(locked),
        today=today,
    )
    referrals = list(
        Referral.objects.select_related("person")
        .filter(activity=locked, status__in=CURRENT_STATUSES)
        .order_by("pk")
    )
    for referral in referrals:
        latest = referral.started_on or referral.accepted_on or referral.referred_on
        if on < latest:
            raise DomainError(
                rules.END_BEFORE_REFERRAL_STEP.format(
                    name=shown_name(referral.person, by), day=latest.isoformat()
                ),
                field="on",
            )
    planned_end = locked.ends_on
    locked.ends_on = on
    locked.save(update_fields=["ends_on", "updated_at"])
    change_record_write(
        user=by,
        case_id=None,
        object_type="activity",
        object_id=locked.pk,
        action="ended_early",
        changes={
            "ends_on": [planned_end.isoformat(), on.isoformat()],
            "outcome": str(outcome),
            "referrals": [r.pk for r in referrals],
        },
    )
    for referral in referrals:
        referral_end(referral=referral, on=on, outcome=outcome, by=by)
    return locked


# --- sanctions ------------------------------------------------------------------------------------


@transaction.atomic
def sanction_propose(
    *, household_id: int, person_id: int, absences: list[Attendance], by: User
) -> SanctionProposal:
    """Propose a reduction of the month after the absences; refused without an unexcused one.

    New absences of the same person and month join the open proposal. Nothing is deducted: the
    proposal waits for the caseworker's assessment and the manager's approval.
    """
    rules.check_absences([a.status for a in absences], [a.day for a in absences])
    month = str(rules.month_to_reduce(absences[0].day))
    for absence in absences:
        if absence.referral.household_id != household_id or absence.referral.person_id != person_id:
            raise DomainError(rules.NO_UNEXCUSED_ABSENCE, field="absences")
    proposal = (
        SanctionProposal.objects.select_for_update()
        .filter(
            household_id=household_id,
            person_id=person_id,
            month=month,
            status=SanctionStatus.PROPOSED,
        )
        .first()
    )
    created = proposal is None
    if proposal is None:
        proposal = SanctionProposal.objects.create(
            household_id=household_id, person_id=person_id, month=month, proposed_by=by
        )
    proposal.absences.add(*absences)
    change_record_write(
        user=by,
        case_id=household_id,
        object_type="sanction_proposal",
        object_id=proposal.pk,
        action="proposed" if created else "absence_added",
        changes={"month": month, "absences": [a.day.isoformat() for a in absences]},
    )
    return proposal


def _sanction_absence_withdraw(absence: Attendance, *, by: User) -> None:
    """A corrected absence leaves the open proposals it was part of; an empty one is withdrawn."""
    for proposal in SanctionProposal.objects.select_for_update().filter(
        absences=absence, status=SanctionStatus.PROPOSED
    ):
        proposal.absences.remove(absence)
        emptied = not proposal.absences.exists()
        if emptied:
            proposal.status = SanctionStatus.WITHDRAWN
            proposal.save(update_fields=["status", "updated_at"])
        change_record_write(
            user=by,
            case_id=proposal.household_id,
            object_type="sanction_proposal",
            object_id=proposal.pk,
            action="withdrawn" if emptied else "absence_removed",
            changes={"absence": absence.day.isoformat(), "status": absence.status},
        )


NO_NORM_FOR_LIMIT = _(
    "There is no riksnorm for {year} in Bryggan yet, so the legal limit of a reduction of {month} "
    "cannot be computed: an administrator enters the norm first."
)


def sanction_legal_limit(proposal: SanctionProposal) -> int:
    """The person's own part of the riksnorm for the month to reduce: the highest reduction."""
    month = Month.parse(proposal.month)
    try:
        table = application_norms().riksnorm_for(month)
    except NormMissingError:
        raise DomainError(
            NO_NORM_FOR_LIMIT.format(year=month.year, month=month), field="amount"
        ) from None
    cohabiting = HouseholdMember.objects.filter(
        household_id=proposal.household_id,
        valid_to__isnull=True,
        role=MemberRole.CO_APPLICANT,
    ).exists()
    return rules.own_riksnorm_part(
        single_adult=table.personal(PersonalBand.SINGLE_ADULT),
        cohabiting_adults=table.personal(PersonalBand.COHABITING_ADULTS),
        cohabiting=cohabiting,
    )


@transaction.atomic
def sanction_assess(
    *,
    proposal: SanctionProposal,
    valid_reason: bool,
    reasons: str,
    amount: int | None,
    by: User,
    now: datetime,
) -> SanctionProposal:
    """The caseworker's assessment: a valid reason dismisses the proposal; otherwise a reduction
    within the legal limit, with written reasons, goes to the manager for approval."""
    locked = SanctionProposal.objects.select_for_update().get(pk=proposal.pk)
    rules.check_can_assess(rules.SanctionState(locked.status))
    limit = None if valid_reason else sanction_legal_limit(locked)
    rules.check_assessment(
        valid_reason=valid_reason, reasons=reasons, amount=amount, limit=limit, month=locked.month
    )
    locked.status = SanctionStatus.DISMISSED if valid_reason else SanctionStatus.ASSESSED
    locked.valid_reason = valid_reason
    locked.reasons = reasons.strip()
    locked.amount = None if valid_reason else amount
    locked.legal_limit = limit
    locked.assessed_by = by
    locked.assessed_at = now
    locked.save(
        update_fields=[
            "status",
            "valid_reason",
            "reasons",
            "amount",
            "legal_limit",
            "assessed_by",
            "assessed_at",
            "updated_at",
        ]
    )
    change_record_write(
        user=by,
        case_id=locked.household_id,
        object_type="sanction_proposal",
        object_id=locked.pk,
        action=str(locked.status),
        changes={"valid_reason": valid_reason, "amount": locked.amount, "limit": limit},
    )
    return locked


# What a stored letter is for (`casefile.Document.letter_for_type`).
LETTER_FOR_SANCTION = "sanction_proposal"
LETTER_FOR_RECONSIDERATION = "sanction_reconsideration"


def sanction_decide(
    *, proposal: SanctionProposal, approve: bool, note: str, by: User, now: datetime
) -> SanctionProposal:
    """The unit manager approves the reduction (the decision is made) or rejects it; never the
    user who assessed it. An approved reduction's letter is stored as sent, dated the day
    decided, in the same transaction (its file removed again if the transaction fails)."""
    with stored_files_removed_on_failure(), transaction.atomic():
        return _sanction_decide(proposal=proposal, approve=approve, note=note, by=by, now=now)


def _sanction_decide(
    *, proposal: SanctionProposal, approve: bool, note: str, by: User, now: datetime
) -> SanctionProposal:
    locked = SanctionProposal.objects.select_for_update().get(pk=proposal.pk)
    rules.check_can_approve(
        state=rules.SanctionState(locked.status), assessed_by=locked.assessed_by_id, by=by.pk
    )
    if not approve and not note.strip():
        raise DomainError(rules.NOTE_REQUIRED_TO_REJECT, field="note")
    locked.status = SanctionStatus.DECIDED if approve else SanctionStatus.REJECTED
    locked.manager_note = note.strip()
    locked.decided_by = by
    locked.decided_at = now
    locked.save(update_fields=["status", "manager_note", "decided_by", "decided_at", "updated_at"])
    change_record_write(
        user=by,
        case_id=locked.household_id,
        object_type="sanction_proposal",
        object_id=locked.pk,
        action=str(locked.status),
        changes={"amount": locked.amount, "month": locked.month},
    )
    if approve:
        letter_store(
            household=locked.household,
            pdf=sanction_letter_pdf(
                locked, selectors.sanction_absences(locked), unit_name=locked.household.unit.name
            ),
            name=sanction_letter_file_name(locked),
            letter_for_type=LETTER_FOR_SANCTION,
            letter_for_id=locked.pk,
            month=locked.month,
            sender=locked.household.unit.name,
            by=by,
            now=now,
        )
    return locked


RECEIPT_NOT_DECIDED = _("Only a decided reduction is received by the client.")


@transaction.atomic
def sanction_record_receipt(
    *, proposal: SanctionProposal, received_on: date, today: date, by: User
) -> SanctionProposal:
    """The day the client received the reduction decision: the appeal period starts (FL 44 §)."""
    if proposal.status != SanctionStatus.DECIDED or proposal.decided_at is None:
        raise DomainError(RECEIPT_NOT_DECIDED)
    receipt_record(
        proposal,
        decided_at=proposal.decided_at,
        case_id=proposal.household_id,
        object_type="sanction_proposal",
        received_on=received_on,
        today=today,
        by=by,
    )
    return proposal


# --- reconsideration of a decided reduction (*omprövning*) ---------------------------------------


def sanction_reconsider(
    *,
    proposal: SanctionProposal,
    outcome: ReconsiderationOutcome,
    occasion: ReconsiderationOccasion,
    amount: int | None,
    reasons: str,
    by: User,
    now: datetime,
) -> SanctionReconsideration:
    """The unit manager's new decision on a decided reduction: revoked, or lowered below the
    reduction in force; never raised here (a product rule: a higher reduction is a new
    assessment; see rules.check_reconsideration). The first decision is kept as it was; the
    latest decision sets the reduction the month's calculation subtracts. Signed decisions of the
    month are not touched. Its letter is stored as sent, in the same transaction.
    """
    with stored_files_removed_on_failure(), transaction.atomic():
        return _sanction_reconsider(
            proposal=proposal,
            outcome=outcome,
            occasion=occasion,
            amount=amount,
            reasons=reasons,
            by=by,
            now=now,
        )


def _sanction_reconsider(
    *,
    proposal: SanctionProposal,
    outcome: ReconsiderationOutcome,
    occasion: ReconsiderationOccasion,
    amount: int | None,
    reasons: str,
    by: User,
    now: datetime,
) -> SanctionReconsideration:
    locked = SanctionProposal.objects.select_for_update().get(pk=proposal.pk)
    history = list(locked.reconsiderations.order_by("id"))  # made in this order
    rules.check_can_reconsider(
        state=rules.SanctionState(locked.status),
        revoked=any(r.outcome == ReconsiderationOutcome.REVOKED for r in history),
    )
    current = rules.reduction_in_force(
        locked.amount or 0, [(rules.ReconsiderationResult(r.outcome), r.amount) for r in history]
    )
    result = rules.ReconsiderationResult(outcome)
    rules.check_reconsideration(result=result, current=current, amount=amount, reasons=reasons)
    reconsideration = SanctionReconsideration.objects.create(
        proposal=locked,
        outcome=outcome,
        occasion=ReconsiderationOccasion(occasion),
        amount_before=current,
        amount=None if result == rules.ReconsiderationResult.REVOKED else amount,
        reasons=reasons.strip(),
        decided_by=by,
        decided_at=now,
    )
    change_record_write(
        user=by,
        case_id=locked.household_id,
        object_type="sanction_reconsideration",
        object_id=reconsideration.pk,
        action=str(outcome),
        changes={
            "decision": locked.pk,
            "month": locked.month,
            "occasion": str(occasion),
            "amount_before": current,
            "amount": reconsideration.amount,
        },
    )
    letter_store(
        household=locked.household,
        pdf=sanction_reconsideration_letter_pdf(
            reconsideration, unit_name=locked.household.unit.name
        ),
        name=sanction_reconsideration_letter_file_name(reconsideration),
        letter_for_type=LETTER_FOR_RECONSIDERATION,
        letter_for_id=reconsideration.pk,
        month=locked.month,
        sender=locked.household.unit.name,
        by=by,
        now=now,
    )
    return reconsideration


@transaction.atomic
def sanction_reconsideration_record_receipt(
    *, reconsideration: SanctionReconsideration, received_on: date, today: date, by: User
) -> SanctionReconsideration:
    """The day the client received the reconsideration: a lowered reduction's appeal period
    starts (FL 44 §), as for the first decision."""
    receipt_record(
        reconsideration,
        decided_at=reconsideration.decided_at,
        case_id=reconsideration.proposal.household_id,
        object_type="sanction_reconsideration",
        received_on=received_on,
        today=today,
        by=by,
    )
    return reconsideration
