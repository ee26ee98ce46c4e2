"""Running and saving a case's calculation: the pure engine with the application's norms."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import partial
from typing import NoReturn

from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bryggan.accounts.models import User
from bryggan.activities.selectors import (
    DecidedReduction,
    sanction_reductions_for_month,
    sanction_reductions_for_months,
)
from bryggan.audit.services import change_record_write
from bryggan.calculation.engine import SANCTION as SANCTION_LINE
from bryggan.calculation.engine import calculate
from bryggan.calculation.household import Household as CalculationHousehold
from bryggan.calculation.household import Reduction
from bryggan.calculation.jsonio import calculation_to_json, household_from_json
from bryggan.calculation.lines import Calculation
from bryggan.casefile.services_assessment import assessment_sign_checks
from bryggan.casefile.services_documents import letter_store, stored_files_removed_on_failure
from bryggan.casefile.services_kommunicering import kommunicering_sign_check
from bryggan.core.aside import then_with
from bryggan.core.errors import DomainError
from bryggan.core.locking import EditConflict, LastChange, field_changes
from bryggan.core.steady import steady
from bryggan.decisions import selectors
from bryggan.decisions.letters import (
    decision_letter_file_name,
    decision_letter_pdf,
    decision_letter_rows,
)
from bryggan.decisions.models import Decision, DecisionStatus, DelegationRule, SavedCalculation
from bryggan.decisions.rules import (
    Outcome,
    amount_problem,
    calculation_input_fields,
    is_possible_receipt,
    may_sign,
    sanction_reductions_differ,
    sanction_reductions_in_result,
)
from bryggan.norm_entry.selectors import application_norms
from bryggan.payments.bank_account import parse_bank_account
from bryggan.people.models import Household, HouseholdMember
from bryggan.reporting.services import reason_for_need_sign_checks


def calculation_run(*, document: object, household: Household | None = None) -> Calculation:
    """Calculate contract input with the shipped and entered norms; DomainError names the field.

    For a case (`household`), the reductions decided as sanctions for the month are subtracted,
    each as its own line naming the decision (SoL (2001:453) 4 kap. 5 §); nothing else is.
    """
    return _calculation_and_reductions(document, household)[0]


def _calculation_and_reductions(
    document: object, household: Household | None
) -> tuple[Calculation, list[DecidedReduction]]:
    """`calculation_run`'s calculation, with the decided reductions it subtracted (read once)."""
    value = household_from_json(document)
    if household is None:
        return calculate(value, application_norms()), []
    reductions = _reductions_in_force(household, value)
    value = replace(
        value,
        reductions=tuple(
            Reduction(member=f"p{decided.person_id}", amount=decided.amount, decision=decided.label)
            for decided in reductions
        ),
    )
    return calculate(value, application_norms()), reductions


def _reductions_in_force(
    household: Household,
    value: CalculationHousehold,
    decided_in_month: list[DecidedReduction] | None = None,
) -> list[DecidedReduction]:
    """The month's decided reductions that apply to the calculation's members
    (`decided_in_month`: the month's reductions in force, if already read)."""
    if decided_in_month is None:
        decided_in_month = sanction_reductions_for_month(household.pk, str(value.month))
    # Member ids are the calculation form's (`forms.member_id`): "p" and the person's id.
    ids = {member.id for member in value.members}
    return [
        decided
        for decided in decided_in_month
        # A person no longer in the household's calculation has no riksnorm part to reduce.
        if f"p{decided.person_id}" in ids
    ]


def _stored_result(
    calculation: Calculation, reductions: list[DecidedReduction]
) -> dict[str, object]:
    """The contract's output, with each line's explanatory note kept for later display, and each
    sanction line's decision and decided amount (the engine writes them last, in input order),
    so that signing can compare them with the reductions then in force."""
    result = calculation_to_json(calculation)
    for line_json, line in zip(result["lines"], calculation.lines, strict=True):  # type: ignore[call-overload]
        line_json["note"] = line.note
    sanction_lines = [line for line in result["lines"] if line["code"] == SANCTION_LINE]  # type: ignore[attr-defined]
    for line_json, decided in zip(sanction_lines, reductions, strict=True):
        line_json["sanction_decision"] = decided.proposal_id
        line_json["decided_amount"] = decided.amount
    return result


@transaction.atomic
def calculation_save(
    *, household: Household, document: dict[str, object], by: User, version: int | None = None
) -> SavedCalculation:
    """Calculate and keep input, norm year and result with the case, as computed now.

    `version` is the number of the case's latest calculation when the form was opened: if one
    for the same month has been saved since, `EditConflict` names where it differs from this one
    and nothing is saved. None: a caller without a form (the demo, a command); no check.
    """
    calculation, reductions = _calculation_and_reductions(document, household)
    month = str(calculation.month)
    # Only a form's save is checked against the month's latest calculation: without one, not read.
    # With one, the case's and the month's latest numbers are read together, and the month's
    # latest calculation itself only when it is newer than the form (to say where it differs).
    if version is None:
        case_latest = selectors.calculation_version(household.pk)
    else:
        case_latest, month_latest = selectors.calculation_versions(household.pk, month)
        latest = (
            selectors.calculation_latest_for_month(household.pk, month)
            if month_latest > version
            else None
        )
        if latest is not None:
            _calculation_conflict(household, latest, document, calculation.amount)
    try:
        with transaction.atomic():  # a savepoint: a second save at once takes the same number
            saved = SavedCalculation.objects.create(
                household=household,
                month=month,
                norm_year=calculation.norm_year,
                amount=calculation.amount,
                input=dict(document),
                result=_stored_result(calculation, reductions),
                created_by=by,
                version=case_latest + 1,
            )
    except IntegrityError:
        latest = selectors.calculation_latest_for_month(household.pk, month)
        if latest is None or (version is not None and latest.version <= version):
            raise  # the other save at once was for another month: saving again goes through
        _calculation_conflict(household, latest, document, calculation.amount)
    change_record_write(
        user=by,
        case_id=household.pk,
        object_type="calculation",
        object_id=saved.pk,
        action="saved",
        changes={"month": saved.month, "norm_year": saved.norm_year, "amount": saved.amount},
    )
    return saved


def _calculation_conflict(
    household: Household, latest: SavedCalculation, document: dict[str, object], amount: int
) -> NoReturn:
    user = latest.created_by
    raise EditConflict(
        version=selectors.calculation_version(household.pk),
        changes=field_changes(
            {**calculation_input_fields(latest.input), "amount": latest.amount},
            {**calculation_input_fields(document), "amount": amount},
        ),
        last=LastChange(by=user.get_full_name() or user.get_username(), at=latest.created_at),
    )


# --- decisions ------------------------------------------------------------------------------------

CALCULATION_NOT_OF_CASE = _("The calculation belongs to another case or month.")
AMOUNT_PROBLEMS = {
    "negative": _("The amount cannot be negative."),
    "refused_with_amount": _("A refusal grants no amount."),
    "granted_nothing": _("A decision that grants assistance grants an amount above zero."),
    "partly_not_less": _("A partly granted decision grants less than the calculated amount."),
    "granted_less": _(
        "Less than the calculated amount is a partly granted decision, with appeal instructions."
    ),
    "deviation_without_reason": _(
        "The amount differs from the calculation: state the reason for the difference."
    ),
}
NOT_A_DRAFT = _("Only a draft can be signed; a signed decision is corrected by a new decision.")
NO_DELEGATION = _("You have no delegation to sign this decision (kind and amount).")
ACCOUNT_NEEDED = _("A decision that pays needs the account to pay to.")
ONLY_SIGNED_CORRECTED = _(
    "Only a signed decision of the same case, month and kind can be corrected by this one."
)
ALREADY_DECIDED = _(
    "The month already has a signed decision of this kind: correct that decision instead."
)
REDUCTIONS_CHANGED = _(
    "The calculation subtracts other reductions than those now in force for the month (a "
    "reduction has been revoked, lowered or decided since it was saved): calculate the month "
    "again and draft the decision on the new calculation."
)


@transaction.atomic
def decision_draft_create(
    *,
    household: Household,
    month: str,
    kind: str,
    outcome: Outcome,
    calculation: SavedCalculation,
    amount: int,
    deviation_reason: str,
    reasons: str,
    documents_checked: list[str],
    personal_visit_held: bool,
    registered_at_af: bool,
    clearing: str,
    account: str,
    by: User,
    corrects: Decision | None = None,
) -> Decision:
    """Draft a decision on an application month from a saved calculation of the same case."""
    if calculation.household_id != household.pk or calculation.month != month:
        raise DomainError(CALCULATION_NOT_OF_CASE, field="calculation")
    if corrects is not None and (
        corrects.status != DecisionStatus.SIGNED
        or corrects.household_id != household.pk
        or corrects.month != month
        or corrects.kind != kind
    ):
        raise DomainError(ONLY_SIGNED_CORRECTED, field="calculation")
    problem = amount_problem(
        outcome=outcome,
        amount=amount,
        calculated=calculation.amount,
        deviation_reason=deviation_reason,
    )
    if problem is not None:
        field = "deviation_reason" if problem == "deviation_without_reason" else "amount"
        raise DomainError(AMOUNT_PROBLEMS[problem], field=field)
    payee_clearing = payee_account = ""
    if amount > 0:
        if not (clearing and account):
            raise DomainError(ACCOUNT_NEEDED, field="account")
        parsed = parse_bank_account(clearing, account)
        payee_clearing, payee_account = parsed.clearing, parsed.account
    decision = Decision.objects.create(
        household=household,
        month=month,
        kind=kind,
        outcome=outcome.value,
        calculation=calculation,
        calculated_amount=calculation.amount,
        amount=amount,
        deviation_reason=deviation_reason,
        reasons=reasons,
        documents_checked=sorted(documents_checked),
        personal_visit_held=personal_visit_held,
        registered_at_af=registered_at_af,
        payee_clearing=payee_clearing,
        payee_account=payee_account,
        corrects=corrects,
        created_by=by,
    )
    change_record_write(
        user=by,
        case_id=household.pk,
        object_type="decision",
        object_id=decision.pk,
        action="drafted",
        changes={
            "month": month,
            "outcome": outcome.value,
            "amount": amount,
            "corrects": corrects.pk if corrects else None,
        },
    )
    return decision


def delegation_limits(unit_id: int, kind: str) -> dict[str, int | None]:
    """The highest amount each role of the unit may decide on a decision of `kind`."""
    rules = steady(
        ("delegation", unit_id, kind),
        lambda: tuple(
            DelegationRule.objects.filter(unit_id=unit_id, kind=kind).values_list(
                "role", "max_amount"
            )
        ),
    )
    return dict(rules)


# The kind of decision a stored letter is for (`casefile.Document.letter_for_type`).
LETTER_FOR_DECISION = "decision"


def decision_sign(*, decision: Decision, by: User, now: datetime) -> Decision:
    """Sign a draft under the unit's delegation; from now on the decision never changes.

    The letter is made at signing, dated the day signed, and stored with its checksum as an
    outgoing document of the case in the same transaction: the file shows exactly what was sent.
    If the signing fails, the stored file is removed again. (Inside a bulk load's `work_aside()`
    block, `bryggan demo`, the PDF is made in another process and stored by the same
    `letter_store` when the block ends, in the block's transaction.)
    """
    return decisions_sign([ToSign(decision, by, now)])[0]


@dataclass(frozen=True, slots=True)
class ToSign:
    """A draft to sign, by whom, at what time."""

    decision: Decision
    by: User
    now: datetime


def decisions_sign(signings: Sequence[ToSign]) -> list[Decision]:
    """Sign drafts of different cases in one transaction, each with the checks `decision_sign`
    makes, then the same rows, history and letters, in the order given. Each check's data is read
    once for all of them (`bryggan demo` signs a month's decisions so). If one of them may not be
    signed, none is: each check runs over every draft before the next check, so the refusal
    raised is that of the first check that refuses any of them (for one draft, exactly what
    `decision_sign` raised before it was a batch of one)."""
    with stored_files_removed_on_failure(), transaction.atomic():
        return _decisions_sign(signings)


def _decisions_sign(signings: Sequence[ToSign]) -> list[Decision]:
    household_ids = [signing.decision.household_id for signing in signings]
    if len(set(household_ids)) != len(household_ids):
        raise ValueError("decisions_sign signs one draft a case")
    # Signing is serialised per case, so two drafts for one month cannot both be signed.
    # With the unit (the letter's sender) and the calculation (its reductions are checked), read
    # with the rows they lock; only the cases' and the decisions' rows are locked, in id order.
    households = {
        household.pk: household
        for household in Household.objects.select_for_update(of=("self",))
        .select_related("unit")
        .filter(pk__in=household_ids)
        .order_by("pk")
    }
    rows = {
        row.pk: row
        for row in Decision.objects.select_for_update(of=("self",))
        .select_related("calculation")
        .filter(pk__in=[signing.decision.pk for signing in signings])
        .order_by("pk")
    }
    if len(rows) != len(signings) or len(households) != len(set(household_ids)):
        raise Decision.DoesNotExist("a draft to sign or its case is gone")
    locked = [rows[signing.decision.pk] for signing in signings]
    for decision in locked:
        decision.household = households[decision.household_id]  # the row just read
        if decision.status != DecisionStatus.DRAFT:
            raise DomainError(NOT_A_DRAFT)
    signed = Decision.objects.filter(
        household_id__in=household_ids,
        month__in={decision.month for decision in locked},
        kind__in={decision.kind for decision in locked},
        status=DecisionStatus.SIGNED,
    ).values_list("household_id", "month", "kind", "pk")
    signed_for_month: dict[tuple[int, str, str], set[int]] = {}
    for household_id, month, kind, pk in signed:
        signed_for_month.setdefault((household_id, month, kind), set()).add(pk)
    for decision in locked:
        key = (decision.household_id, decision.month, decision.kind)
        if signed_for_month.get(key, set()) - set(_corrected_chain(decision)):
            raise DomainError(ALREADY_DECIDED)
    _check_reductions_current(locked)
    for decision, signing in zip(locked, signings, strict=True):
        limits = delegation_limits(decision.household.unit_id, decision.kind)
        if not may_sign(role=signing.by.role, amount=decision.amount, limits=limits):
            raise DomainError(NO_DELEGATION)
    # Every adult's reason for need is recorded before the month is decided (HSLF-FS 2015:30 3 §).
    reason_for_need_sign_checks(
        [(d.household, d.month, d.outcome != Outcome.REFUSED) for d in locked]
    )
    # The household's first decision rests on a signed structured assessment (the unit's
    # routine, `casefile.CaseFileSettings`), and one that goes against the client waits for
    # kommunicering or its exception (förvaltningslagen (2017:900) 25 §).
    assessment_sign_checks(
        [(decision, signing.now) for decision, signing in zip(locked, signings, strict=True)]
    )
    for decision, signing in zip(locked, signings, strict=True):
        kommunicering_sign_check(decision=decision, today=timezone.localdate(signing.now))
    members = selectors.all_members_of(household_ids)
    for decision, signing in zip(locked, signings, strict=True):
        _signed(
            decision, by=signing.by, now=signing.now, members=members.get(decision.household_id, [])
        )
    return locked


def _signed(decision: Decision, *, by: User, now: datetime, members: list[HouseholdMember]) -> None:
    """Write a checked draft as signed, with its history row and its letter."""
    decision.status = DecisionStatus.SIGNED
    decision.signed_by = by
    decision.signed_at = now
    # The appeal period runs from the day the person receives the decision (FL 44 §), which is
    # recorded when known (`notified_on`), not assumed at signing.
    Decision.objects.filter(pk=decision.pk).update(
        status=decision.status, signed_by=by, signed_at=now
    )
    change_record_write(
        user=by,
        case_id=decision.household_id,
        object_type="decision",
        object_id=decision.pk,
        action="signed",
        changes={"amount": decision.amount, "outcome": decision.outcome},
    )
    unit_name = decision.household.unit.name
    # The PDF is made from values read here; inside a bulk load's `work_aside()` block it is made
    # in another process and stored, by the same `letter_store`, when the block ends.
    then_with(
        partial(decision_letter_pdf, unit_name=unit_name),
        (decision, decision_letter_rows(decision, members)),
        then=lambda pdf: letter_store(
            household=decision.household,
            pdf=pdf,
            name=decision_letter_file_name(decision),
            letter_for_type=LETTER_FOR_DECISION,
            letter_for_id=decision.pk,
            month=decision.month,
            sender=unit_name,
            by=by,
            now=now,
        ),
    )


def _check_reductions_current(decisions: Sequence[Decision]) -> None:
    """Refuse to sign on a calculation whose sanction reductions are no longer those in force
    (a reduction revoked or lowered on reconsideration, förvaltningslagen (2017:900) 37–38 §§, or
    decided since): the decision would pay the client other than the reduction decisions say.
    The reductions of every decision's month are read at once."""
    values = [household_from_json(decision.calculation.input) for decision in decisions]
    decided = sanction_reductions_for_months(
        (decision.household_id, str(value.month))
        for decision, value in zip(decisions, values, strict=True)
    )
    for decision, value in zip(decisions, values, strict=True):
        in_force = {
            reduction.proposal_id: reduction.amount
            for reduction in _reductions_in_force(
                decision.household, value, decided[(decision.household_id, str(value.month))]
            )
        }
        if sanction_reductions_differ(
            sanction_reductions_in_result(decision.calculation.result), in_force
        ):
            raise DomainError(REDUCTIONS_CHANGED)


def _corrected_chain(decision: Decision) -> list[int]:
    """The decisions this one corrects, back along the chain."""
    chain = []
    current = decision.corrects
    while current is not None:
        chain.append(current.pk)
        current = current.corrects
    return chain


RECEIPT_NOT_SIGNED = _("Only a signed decision is received by the applicant.")
RECEIPT_IMPOSSIBLE = _("The day received lies before the decision or in the future.")


def receipt_record(
    record: Decision | Model,
    *,
    decided_at: datetime,
    case_id: int,
    object_type: str,
    received_on: date,
    today: date,
    by: User,
) -> None:
    """Write the day the client received a decision (`record.notified_on`) with its history row,
    after checking it is possible: on or after the day decided, not in the future. Any decision a
    letter is sent for (a decision on assistance, a reduction, a reconsideration); the caller
    checks first that it is decided. Source: förvaltningslagen (2017:900) 44 §."""
    if not is_possible_receipt(
        decided_on=timezone.localdate(decided_at), received_on=received_on, today=today
    ):
        raise DomainError(RECEIPT_IMPOSSIBLE, field="received_on")
    type(record)._default_manager.filter(pk=record.pk).update(notified_on=received_on)
    record.notified_on = received_on  # type: ignore[union-attr]
    change_record_write(
        user=by,
        case_id=case_id,
        object_type=object_type,
        object_id=record.pk,
        action="received",
        changes={"received_on": received_on.isoformat()},
    )


@transaction.atomic
def decision_record_receipt(
    *, decision: Decision, received_on: date, today: date, by: User
) -> Decision:
    """Record the day the applicant received (*fick del av*) the decision: the appeal period starts.

    Source: förvaltningslagen (2017:900) 44 §. This is a fact about delivery, not a change of the
    decision, so it is the one field written after signing.
    """
    if decision.status != DecisionStatus.SIGNED or decision.signed_at is None:
        raise DomainError(RECEIPT_NOT_SIGNED)
    receipt_record(
        decision,
        decided_at=decision.signed_at,
        case_id=decision.household_id,
        object_type="decision",
        received_on=received_on,
        today=today,
        by=by,
    )
    return decision
