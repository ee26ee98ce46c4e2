"""Which decisions are payable now, and what was paid."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Exists, OuterRef, QuerySet, Sum

from bryggan.decisions.models import Decision, DecisionStatus, PaymentConditions
from bryggan.intake.models import Application, FirstMeeting, MeetingStatus
from bryggan.payments.models import Payment, PaymentRun, PaymentStatus
from bryggan.payments.rules import conditions_unmet


@dataclass(frozen=True, slots=True)
class Payable:
    decision: Decision
    amount: int


def _standing(decision_ref: OuterRef) -> Exists:
    return Exists(Payment.objects.filter(decision=decision_ref, status=PaymentStatus.SENT))


def payable_candidates(*, lock: bool) -> QuerySet[Decision]:
    """Signed decisions granting money, not corrected by a signed decision, not already paid.

    With `lock`, the rows are locked for this transaction and rows another run holds are skipped
    (PostgreSQL; SQLite serialises writers and ignores the lock), so two runs never pick the same
    decision; the unique constraint on standing payments is the last guard.
    """
    corrected = Exists(
        Decision.objects.filter(corrects=OuterRef("pk"), status=DecisionStatus.SIGNED)
    )
    decisions = (
        Decision.objects.filter(status=DecisionStatus.SIGNED, amount__gt=0)
        .exclude(corrected)
        .exclude(_standing(OuterRef("pk")))
        .select_related("household")
        .order_by("pk")
    )
    if lock:
        decisions = decisions.select_for_update(skip_locked=True, of=("self",))
    return decisions


def payable_decisions(*, lock: bool = False) -> list[Payable]:
    """Every decision payable now with the amount still to pay, conditions of its unit met."""
    decisions = list(payable_candidates(lock=lock))
    if not decisions:
        return []
    household_ids = {d.household_id for d in decisions}
    applied = set(
        Application.objects.filter(household_id__in=household_ids).values_list(
            "household_id", "month"
        )
    )
    # A first meeting recorded as held counts as the month's personal visit.
    tz = ZoneInfo(settings.TIME_ZONE)
    visited = {
        (household_id, f"{starts_at.astimezone(tz):%Y-%m}")
        for household_id, starts_at in FirstMeeting.objects.filter(
            application__household_id__in=household_ids, status=MeetingStatus.HELD
        ).values_list("application__household_id", "starts_at")
    }
    units = {
        c.unit_id: c
        for c in PaymentConditions.objects.filter(
            unit_id__in={d.household.unit_id for d in decisions}
        )
    }
    paid_in_chain = _paid_by_earlier_decisions([d for d in decisions if d.corrects_id])
    result = []
    for decision in decisions:
        # A unit without a row of its own gets the model's defaults (the municipality's own
        # choice, not law: see `PaymentConditions`).
        conditions = units.get(decision.household.unit_id) or PaymentConditions()
        if conditions_unmet(
            personal_visit_required=conditions.personal_visit,
            application_required=conditions.monthly_application,
            af_required=conditions.af_registration,
            personal_visit_held=decision.personal_visit_held
            or (decision.household_id, decision.month) in visited,
            applied_for_month=(decision.household_id, decision.month) in applied,
            registered_at_af=decision.registered_at_af,
        ):
            continue
        outstanding = decision.amount - paid_in_chain.get(decision.pk, 0)
        if outstanding > 0:
            result.append(Payable(decision, outstanding))
    return result


def _paid_by_earlier_decisions(corrections: list[Decision]) -> dict[int, int]:
    """For each correction, what the decisions it corrects (back along the chain) already paid."""
    paid: dict[int, int] = {}
    for decision in corrections:
        chain = []
        current = decision.corrects
        while current is not None:
            chain.append(current.pk)
            current = current.corrects
        total = Payment.objects.filter(decision_id__in=chain, status=PaymentStatus.SENT).aggregate(
            total=Sum("amount")
        )["total"]
        paid[decision.pk] = total or 0
    return paid


def payment_runs() -> QuerySet[PaymentRun]:
    return PaymentRun.objects.select_related("created_by").defer("file")


def payments_for_household(household_id: int) -> QuerySet[Payment]:
    return Payment.objects.filter(decision__household_id=household_id).select_related(
        "run", "decision"
    )


def payments_of_run(run: PaymentRun, *, unit_id: int | None) -> QuerySet[Payment]:
    """The run's payments to cases of one unit (a run's file holds every unit's)."""
    return (
        run.payments.filter(decision__household__unit_id=unit_id)
        .select_related("decision__household")
        .order_by("id")
    )


def payment_run_get(run_id: int) -> PaymentRun | None:
    return PaymentRun.objects.filter(pk=run_id).select_related("created_by").first()


def payment_get(payment_id: int) -> Payment | None:
    return Payment.objects.filter(pk=payment_id).select_related("decision__household").first()


def payment_timeline_rows(household_id: int) -> QuerySet[Payment, dict[str, Any]]:
    """The case's payments for its timeline: sent with their run, returned or reversed."""
    return Payment.objects.filter(decision__household_id=household_id).values(
        "id",
        "amount",
        "status",
        "status_changed_on",
        "status_reason",
        "decision_id",
        "decision__month",
        "run__kind",
        "run__created_at",
        "run__execution_date",
        "run__created_by__first_name",
        "run__created_by__last_name",
    )
