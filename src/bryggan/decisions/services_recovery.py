"""Recovery of wrongly paid assistance (*återkrav*): register an overpayment, decide it, agree a
repayment plan, record repayments, waive, record a police report.

Sources: SoL (2025:400) 33 kap. (SoL (2001:453) 9 kap. for assistance given before 1 July 2025);
bidragsbrottslagen (2007:612) 6 §. Nothing here touches a calculation or a payment: a claim is
never offset against future assistance (HFD 2013 ref. 18).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from bryggan.accounts.models import User
from bryggan.audit.services import change_record_write
from bryggan.casefile.services_documents import letter_store, stored_files_removed_on_failure
from bryggan.core.errors import DomainError
from bryggan.core.month import Month
from bryggan.decisions.letters_recovery import recovery_letter_file_name, recovery_letter_pdf
from bryggan.decisions.models import (
    DecisionStatus,
    RecoveryClaim,
    RecoveryDecision,
    RecoveryDecisionKind,
    RecoveryPlan,
    RecoveryPoliceReport,
    RecoveryRepayment,
)
from bryggan.decisions.rules import (
    MIXED_LAWS,
    PaidAmount,
    RecoveryGround,
    assistance_law,
    may_sign,
    recovery_amount_problem,
    repayment_problem,
)
from bryggan.decisions.selectors_recovery import recovery_claim_locked
from bryggan.decisions.services import delegation_limits, receipt_record
from bryggan.norms.tables import legal_references
from bryggan.payments.models import Payment, PaymentStatus
from bryggan.people.models import Household

NO_PAYMENTS = _("Name the payments the overpayment concerns.")
PAYMENT_OF_ANOTHER_CASE = _("A payment named belongs to another case.")
NOT_POSITIVE = _("The amount must be above zero.")
OVER_PAID = _(
    "The amount is larger than what was paid on the payments named (returned or reversed "
    "payments count for nothing)."
)
TWO_LAWS = _(
    "The payments concern assistance given both before and after 1 July 2025, which is recovered "
    "under different laws: register one claim for each."
)
AMOUNT_PROBLEMS = {"no_payments": NO_PAYMENTS, "not_positive": NOT_POSITIVE, "over_paid": OVER_PAID}
ALREADY_DRAFTED = _("The claim already has a recovery decision.")
NOT_A_DRAFT = _("Only a draft can be signed; a signed decision is never changed.")
NO_DELEGATION = _("You have no delegation to sign this decision (kind and amount).")
NOT_DECIDED = _("Sign the recovery decision first.")
OVER_BALANCE = _("The amount is larger than the outstanding balance.")
NOTHING_OUTSTANDING = _("Nothing is outstanding on the claim.")
IN_THE_FUTURE = _("The date lies in the future.")
RECEIPT_NOT_SIGNED = _("Only a signed decision is received by the person.")


def _payment_facts(payments: Sequence[Payment]) -> list[PaidAmount]:
    return [PaidAmount(amount=p.amount, stands=p.status == PaymentStatus.SENT) for p in payments]


@transaction.atomic
def recovery_claim_register(
    *,
    household: Household,
    payments: Sequence[Payment],
    ground: RecoveryGround,
    facts: str,
    amount: int,
    by: User,
) -> RecoveryClaim:
    """Register an overpayment against the case's payments it concerns.

    The law is the one in force when the assistance was given (the month of the payments'
    decisions), and the three-year limit runs from the earliest payment's date.
    """
    if any(p.decision.household_id != household.pk for p in payments):
        raise DomainError(PAYMENT_OF_ANOTHER_CASE, field="payments")
    problem = recovery_amount_problem(amount=amount, paid=_payment_facts(payments))
    if problem is not None:
        raise DomainError(
            AMOUNT_PROBLEMS[problem], field="payments" if problem == "no_payments" else "amount"
        )
    months = sorted(Month.parse(p.decision.month) for p in payments)
    try:
        law = assistance_law(months, legal_references())
    except ValueError as error:
        if str(error) == MIXED_LAWS:
            raise DomainError(TWO_LAWS, field="payments") from error
        raise
    claim = RecoveryClaim.objects.create(
        household=household,
        ground=ground.value,
        facts=facts,
        amount=amount,
        cost_date=min(p.run.execution_date for p in payments),
        assistance_month=str(months[0]),
        law=law.key,
        created_by=by,
    )
    claim.payments.set(payments)
    change_record_write(
        user=by,
        case_id=household.pk,
        object_type="recovery_claim",
        object_id=claim.pk,
        action="registered",
        changes={
            "amount": amount,
            "ground": ground.value,
            "payments": sorted(p.pk for p in payments),
            "law": law.key,
        },
    )
    return claim


def _draft(
    *, claim: RecoveryClaim, kind: RecoveryDecisionKind, amount: int, reasons: str, by: User
) -> RecoveryDecision:
    decision = RecoveryDecision.objects.create(
        claim=claim, kind=kind, amount=amount, reasons=reasons, created_by=by
    )
    change_record_write(
        user=by,
        case_id=claim.household_id,
        object_type="recovery_decision",
        object_id=decision.pk,
        action="drafted",
        changes={"claim": claim.pk, "kind": kind.value, "amount": amount},
    )
    return decision


@transaction.atomic
def recovery_decision_draft(*, claim: RecoveryClaim, reasons: str, by: User) -> RecoveryDecision:
    """Draft the recovery decision (*återkravsbeslut*) on the claim's whole amount."""
    locked = recovery_claim_locked(claim.pk)
    if locked.decisions.filter(kind=RecoveryDecisionKind.RECOVERY).exists():
        raise DomainError(ALREADY_DRAFTED)
    return _draft(
        claim=locked,
        kind=RecoveryDecisionKind.RECOVERY,
        amount=locked.amount,
        reasons=reasons,
        by=by,
    )


@transaction.atomic
def recovery_waiver_draft(
    *, claim: RecoveryClaim, amount: int, reasons: str, by: User
) -> RecoveryDecision:
    """Draft a decision to waive the claim wholly or in part (*eftergift*, SoL (2025:400)
    33 kap. 6 §): at most the outstanding balance, after the recovery decision is signed."""
    locked = recovery_claim_locked(claim.pk)
    _check_against_balance(locked, amount, field="amount")
    return _draft(
        claim=locked, kind=RecoveryDecisionKind.WAIVER, amount=amount, reasons=reasons, by=by
    )


def _check_against_balance(claim: RecoveryClaim, amount: int, *, field: str) -> None:
    if not claim.decided:  # type: ignore[attr-defined]
        raise DomainError(NOT_DECIDED)
    problem = repayment_problem(amount=amount, outstanding=claim.balance.outstanding)  # type: ignore[attr-defined]
    if problem == "not_positive":
        raise DomainError(NOT_POSITIVE, field=field)
    if problem == "over_balance":
        raise DomainError(OVER_BALANCE, field=field)


# The kind of decision a stored letter is for (`casefile.Document.letter_for_type`).
LETTER_FOR_RECOVERY = "recovery_decision"


def recovery_decision_sign(
    *, decision: RecoveryDecision, by: User, now: datetime
) -> RecoveryDecision:
    """Sign a recovery or waiver decision under the unit's delegation; it never changes again.

    Its letter is made at signing and stored with its checksum as an outgoing document of the
    case in the same transaction, as every decision's is (the file removed if signing fails)."""
    with stored_files_removed_on_failure(), transaction.atomic():
        return _recovery_decision_sign(decision=decision, by=by, now=now)


def _recovery_decision_sign(
    *, decision: RecoveryDecision, by: User, now: datetime
) -> RecoveryDecision:
    claim = recovery_claim_locked(decision.claim_id)
    locked = RecoveryDecision.objects.select_for_update().get(pk=decision.pk)
    if locked.status != DecisionStatus.DRAFT:
        raise DomainError(NOT_A_DRAFT)
    if locked.kind == RecoveryDecisionKind.WAIVER:
        _check_against_balance(claim, locked.amount, field="amount")
    limits = delegation_limits(claim.household.unit_id, locked.kind)
    if not may_sign(role=by.role, amount=locked.amount, limits=limits):
        raise DomainError(NO_DELEGATION)
    RecoveryDecision.objects.filter(pk=locked.pk).update(
        status=DecisionStatus.SIGNED, signed_by=by, signed_at=now
    )
    locked.status, locked.signed_by, locked.signed_at = DecisionStatus.SIGNED, by, now
    change_record_write(
        user=by,
        case_id=claim.household_id,
        object_type="recovery_decision",
        object_id=locked.pk,
        action="signed",
        changes={"kind": locked.kind, "amount": locked.amount},
    )
    letter_store(
        household=claim.household,
        pdf=recovery_letter_pdf(locked, unit_name=claim.household.unit.name),
        name=recovery_letter_file_name(locked),
        letter_for_type=LETTER_FOR_RECOVERY,
        letter_for_id=locked.pk,
        month=claim.assistance_month,
        sender=claim.household.unit.name,
        by=by,
        now=now,
    )
    return locked


@transaction.atomic
def recovery_decision_record_receipt(
    *, decision: RecoveryDecision, received_on: date, today: date, by: User
) -> RecoveryDecision:
    """Record the day the person received the decision: the appeal period starts (FL 44 §)."""
    if decision.status != DecisionStatus.SIGNED or decision.signed_at is None:
        raise DomainError(RECEIPT_NOT_SIGNED)
    receipt_record(
        decision,
        decided_at=decision.signed_at,
        case_id=decision.claim.household_id,
        object_type="recovery_decision",
        received_on=received_on,
        today=today,
        by=by,
    )
    return decision


@transaction.atomic
def recovery_plan_create(
    *, claim: RecoveryClaim, monthly_amount: int, first_month: Month, by: User
) -> RecoveryPlan:
    """Agree a repayment plan for what is outstanding: `monthly_amount` a month from
    `first_month`. A new plan replaces the one before; repayments stay voluntary."""
    locked = recovery_claim_locked(claim.pk)
    if not locked.decided:  # type: ignore[attr-defined]
        raise DomainError(NOT_DECIDED)
    outstanding = locked.balance.outstanding  # type: ignore[attr-defined]
    if outstanding == 0:
        raise DomainError(NOTHING_OUTSTANDING)
    if monthly_amount <= 0:
        raise DomainError(NOT_POSITIVE, field="monthly_amount")
    plan = RecoveryPlan.objects.create(
        claim=locked,
        total=outstanding,
        monthly_amount=monthly_amount,
        first_month=str(first_month),
        created_by=by,
    )
    change_record_write(
        user=by,
        case_id=locked.household_id,
        object_type="recovery_plan",
        object_id=plan.pk,
        action="agreed",
        changes={"total": outstanding, "per_month": monthly_amount, "first": str(first_month)},
    )
    return plan


@transaction.atomic
def recovery_repayment_record(
    *, claim: RecoveryClaim, received_on: date, amount: int, today: date, by: User
) -> RecoveryRepayment:
    """Record a repayment received, at most the outstanding balance (any excess is paid back)."""
    locked = recovery_claim_locked(claim.pk)
    if received_on > today:
        raise DomainError(IN_THE_FUTURE, field="received_on")
    _check_against_balance(locked, amount, field="amount")
    repayment = RecoveryRepayment.objects.create(
        claim=locked, received_on=received_on, amount=amount, recorded_by=by
    )
    change_record_write(
        user=by,
        case_id=locked.household_id,
        object_type="recovery_repayment",
        object_id=repayment.pk,
        action="received",
        changes={"received_on": received_on.isoformat(), "amount": amount},
    )
    return repayment


@transaction.atomic
def recovery_police_report_record(
    *, claim: RecoveryClaim, reported_on: date, police_reference: str, today: date, by: User
) -> RecoveryPoliceReport:
    """Record that suspected benefit crime was reported to the police (bidragsbrottslagen
    (2007:612) 6 §): the day, the police's reference and who reported it."""
    if reported_on > today:
        raise DomainError(IN_THE_FUTURE, field="reported_on")
    report = RecoveryPoliceReport.objects.create(
        claim=claim, reported_on=reported_on, police_reference=police_reference, reported_by=by
    )
    change_record_write(
        user=by,
        case_id=claim.household_id,
        object_type="recovery_police_report",
        object_id=report.pk,
        action="recorded",
        changes={"reported_on": reported_on.isoformat(), "police_reference": police_reference},
    )
    return report
