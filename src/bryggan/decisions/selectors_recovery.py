"""Reads of recovery claims (*återkrav*): a case's claims with their balances, the unit's claims
whose three-year limit for court action is near, and the sums per year for the follow-up page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import (
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, ExtractYear

from bryggan.accounts.models import Unit
from bryggan.decisions.models import (
    DecisionStatus,
    RecoveryClaim,
    RecoveryDecision,
    RecoveryDecisionKind,
    RecoveryPlan,
    RecoveryRepayment,
)
from bryggan.decisions.rules import (
    COURT_ACTION_YEARS,
    RecoveryBalance,
    court_action_expiring,
    recovery_balance,
)
from bryggan.payments.models import Payment
from bryggan.people.models import Household


def _sum_of(queryset: QuerySet[RecoveryRepayment] | QuerySet[RecoveryDecision]) -> Coalesce:
    total = queryset.values("claim").annotate(total=Sum("amount")).values("total")
    return Coalesce(Subquery(total, output_field=IntegerField()), Value(0))


def _signed(kind: str) -> QuerySet[RecoveryDecision]:
    return RecoveryDecision.objects.filter(
        claim=OuterRef("pk"), kind=kind, status=DecisionStatus.SIGNED
    )


def _with_balance(claims: QuerySet[RecoveryClaim]) -> QuerySet[RecoveryClaim]:
    """Claims annotated with `decided` (the recovery decision is signed), `repaid` and `waived`."""
    return claims.annotate(
        decided=Exists(_signed(RecoveryDecisionKind.RECOVERY)),
        repaid=_sum_of(RecoveryRepayment.objects.filter(claim=OuterRef("pk"))),
        waived=_sum_of(_signed(RecoveryDecisionKind.WAIVER)),
    )


def balance_of(claim: RecoveryClaim) -> RecoveryBalance:
    """The balance of a claim from `_with_balance`'s annotations: nothing is claimed until the
    recovery decision is signed."""
    return recovery_balance(
        claimed=claim.amount if claim.decided else 0,  # type: ignore[attr-defined]
        repaid=[claim.repaid],  # type: ignore[attr-defined]
        waived=[claim.waived],  # type: ignore[attr-defined]
    )


def recovery_claims_for_household(household_id: int) -> list[RecoveryClaim]:
    claims = list(_with_balance(RecoveryClaim.objects.filter(household_id=household_id)))
    for claim in claims:
        claim.balance = balance_of(claim)  # type: ignore[attr-defined]
    return claims


def recovery_claim_get(household: Household, claim_id: int) -> RecoveryClaim | None:
    """One claim of the case, with its balance, payments, decisions, plans, repayments and
    police reports."""
    claim = (
        _with_balance(RecoveryClaim.objects.filter(household=household, pk=claim_id))
        .select_related("created_by")
        .prefetch_related(
            Prefetch("payments", Payment.objects.select_related("run", "decision")),
            Prefetch(
                "decisions", RecoveryDecision.objects.select_related("signed_by", "created_by")
            ),
            Prefetch("plans", RecoveryPlan.objects.select_related("created_by")),
            Prefetch("repayments", RecoveryRepayment.objects.select_related("recorded_by")),
            "police_reports__reported_by",
        )
        .first()
    )
    if claim is not None:
        claim.balance = balance_of(claim)  # type: ignore[attr-defined]
    return claim


def recovery_claim_locked(claim_id: int) -> RecoveryClaim:
    """The claim with its balance, its row locked for the calling service's transaction."""
    RecoveryClaim.objects.select_for_update().filter(pk=claim_id).first()
    claim = _with_balance(RecoveryClaim.objects.filter(pk=claim_id)).get()
    claim.balance = balance_of(claim)  # type: ignore[attr-defined]
    return claim


def payments_to_claim(household_id: int) -> QuerySet[Payment]:
    """The case's payments an overpayment can be registered against, newest first."""
    return (
        Payment.objects.filter(decision__household_id=household_id)
        .select_related("run", "decision")
        .order_by("-run__execution_date", "-id")
    )


def recovery_decision_get(claim: RecoveryClaim, decision_id: int) -> RecoveryDecision | None:
    return (
        RecoveryDecision.objects.filter(claim=claim, pk=decision_id)
        .select_related("signed_by", "claim__household")
        .first()
    )


@dataclass(frozen=True, slots=True)
class ExpiringClaim:
    claim: RecoveryClaim
    last_day: date
    outstanding: int
    passed: bool


def recovery_claims_expiring(unit: Unit, *, today: date, window_days: int) -> list[ExpiringClaim]:
    """The unit's claims with a balance whose three-year limit for court action has passed or
    falls within `window_days` (SoL (2025:400) 33 kap. 5 §), the nearest first."""
    horizon = today + timedelta(days=window_days)
    # The limit is never before the third anniversary of the cost: a cheap first filter.
    latest_cost = date(horizon.year - COURT_ACTION_YEARS, horizon.month, 1) + timedelta(days=31)
    claims = _with_balance(
        RecoveryClaim.objects.filter(household__unit=unit, cost_date__lte=latest_cost)
    ).select_related("household")
    rows = []
    for claim in claims:
        balance = balance_of(claim)
        last_day = claim.court_action_last_day
        if balance.outstanding > 0 and court_action_expiring(
            last_day=last_day, today=today, window_days=window_days
        ):
            rows.append(
                ExpiringClaim(
                    claim=claim,
                    last_day=last_day,
                    outstanding=balance.outstanding,
                    passed=last_day < today,
                )
            )
    return sorted(rows, key=lambda row: (row.last_day, row.claim.pk))


@dataclass(frozen=True, slots=True)
class RecoveryYear:
    year: int
    claimed: int
    repaid: int
    waived: int
    outstanding: int  # at the end of the year (today for the current year)


def recovery_sums_by_year(unit: Unit, *, today: date) -> list[RecoveryYear]:
    """Claimed (recovery decisions signed), repaid and waived per year in the unit's cases, and
    what was outstanding at each year's end; one query."""
    decided = RecoveryDecision.objects.filter(
        claim__household__unit=unit, status=DecisionStatus.SIGNED
    )

    def per_year(queryset: QuerySet, field: str, label: str) -> QuerySet:  # type: ignore[type-arg]
        return (
            queryset.annotate(year=ExtractYear(field), label=Value(label))
            .values("year", "label")
            .annotate(total=Sum("amount"))
            .values_list("year", "label", "total")
            .order_by()
        )

    rows = per_year(decided.filter(kind=RecoveryDecisionKind.RECOVERY), "signed_at", "claimed")
    rows = rows.union(
        per_year(
            RecoveryRepayment.objects.filter(claim__household__unit=unit), "received_on", "repaid"
        ),
        per_year(decided.filter(kind=RecoveryDecisionKind.WAIVER), "signed_at", "waived"),
        all=True,
    )
    sums: dict[int, dict[str, int]] = {}
    for year, label, total in rows:
        sums.setdefault(year, {})[label] = total
    if not sums:
        return []
    years, outstanding = [], 0
    for year in range(min(sums), max(*sums, today.year) + 1):
        found = sums.get(year, {})
        claimed, repaid, waived = (found.get(k, 0) for k in ("claimed", "repaid", "waived"))
        outstanding += claimed - repaid - waived
        years.append(RecoveryYear(year, claimed, repaid, waived, outstanding))
    return years
