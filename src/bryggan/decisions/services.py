"""Running and saving a case's calculation: the pure engine with the application's norms."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from bryggan.accounts.models import User
from bryggan.audit.services import change_record_write
from bryggan.calculation.engine import calculate
from bryggan.calculation.jsonio import calculation_to_json, household_from_json
from bryggan.calculation.lines import Calculation
from bryggan.core.errors import DomainError
from bryggan.decisions.models import Decision, DecisionStatus, DelegationRule, SavedCalculation
from bryggan.decisions.rules import Outcome, amount_problem, may_sign
from bryggan.norm_entry.selectors import application_norms
from bryggan.payments.bank_account import parse_bank_account
from bryggan.people.models import Household


def calculation_run(*, document: object) -> Calculation:
    """Calculate contract input with the shipped and entered norms; DomainError names the field."""
    return calculate(household_from_json(document), application_norms())


def _stored_result(calculation: Calculation) -> dict[str, object]:
    """The contract's output, with each line's explanatory note kept for later display."""
    result = calculation_to_json(calculation)
    for line_json, line in zip(result["lines"], calculation.lines, strict=True):  # type: ignore[call-overload]
        line_json["note"] = line.note
    return result


@transaction.atomic
def calculation_save(
    *, household: Household, document: dict[str, object], by: User
) -> SavedCalculation:
    """Calculate and keep input, norm year and result with the case, as computed now."""
    calculation = calculation_run(document=document)
    saved = SavedCalculation.objects.create(
        household=household,
        month=str(calculation.month),
        norm_year=calculation.norm_year,
        amount=calculation.amount,
        input=dict(document),
        result=_stored_result(calculation),
        created_by=by,
    )
    change_record_write(
        user=by,
        case_id=household.pk,
        object_type="calculation",
        object_id=saved.pk,
        action="saved",
        changes={"month": saved.month, "norm_year": saved.norm_year, "amount": saved.amount},
    )
    return saved


# --- decisions ------------------------------------------------------------------------------------

CALCULATION_NOT_OF_CASE = _("The calculation belongs to another case or month.")
AMOUNT_PROBLEMS = {
    "negative": _("The amount cannot be negative."),
    "refused_with_amount": _("A refusal grants no amount."),
    "granted_nothing": _("A decision that grants assistance grants an amount above zero."),
    "partly_not_less": _("A partly granted decision grants less than the calculated amount."),
    "deviation_without_reason": _(
        "The amount differs from the calculation: state the reason for the difference."
    ),
}
NOT_A_DRAFT = _("Only a draft can be signed; a signed decision is corrected by a new decision.")
NO_DELEGATION = _("You have no delegation to sign this decision (kind and amount).")
ACCOUNT_NEEDED = _("A decision that pays needs the account to pay to.")
ONLY_SIGNED_CORRECTED = _("Only a signed decision can be corrected.")


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
    return dict(
        DelegationRule.objects.filter(unit_id=unit_id, kind=kind).values_list("role", "max_amount")
    )


@transaction.atomic
def decision_sign(*, decision: Decision, by: User, now: datetime) -> Decision:
    """Sign a draft under the unit's delegation; from now on the decision never changes."""
    locked = Decision.objects.select_for_update().get(pk=decision.pk)
    if locked.status != DecisionStatus.DRAFT:
        raise DomainError(NOT_A_DRAFT)
    limits = delegation_limits(locked.household.unit_id, locked.kind)
    if not may_sign(role=by.role, amount=locked.amount, limits=limits):
        raise DomainError(NO_DELEGATION)
    locked.status = DecisionStatus.SIGNED
    locked.signed_by = by
    locked.signed_at = now
    # Delivered through the e-service the day it is signed; the appeal period runs from then.
    locked.notified_on = now.astimezone(ZoneInfo(settings.TIME_ZONE)).date()
    Decision.objects.filter(pk=locked.pk).update(
        status=locked.status, signed_by=by, signed_at=now, notified_on=locked.notified_on
    )
    change_record_write(
        user=by,
        case_id=locked.household_id,
        object_type="decision",
        object_id=locked.pk,
        action="signed",
        changes={"amount": locked.amount, "outcome": locked.outcome},
    )
    return locked
