"""The demo's recovery claims (*återkrav*): two cases in the first unit where income was not
reported, each claim on one or two of the case's payments, decided, with a repayment plan and
a repayment received; one also reported to the police. All through the services.

The amounts are a share of what was paid (made up for the demo, not statistics). Deterministic
for a given random generator and `today`.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings

from bryggan.accounts.models import Unit
from bryggan.core.month import Month
from bryggan.decisions.rules import RecoveryGround, assistance_law
from bryggan.decisions.services_recovery import (
    recovery_claim_register,
    recovery_decision_draft,
    recovery_decision_sign,
    recovery_plan_create,
    recovery_police_report_record,
    recovery_repayment_record,
)
from bryggan.norms.tables import legal_references
from bryggan.payments.models import Payment, PaymentStatus

CLAIMS = 2
PAYMENTS_PER_CLAIM = 2
FACTS = (
    "Lön från timanställning i {month} redovisades inte i ansökan; uppgiften kom från "
    "arbetsgivarens kontrolluppgift.",
    "Bostadsbidrag för {month} betalades ut retroaktivt men redovisades inte.",
)


def _claimed_payments(payments: list[Payment]) -> list[Payment] | None:
    """Two months in a row, a year back or so (income found out about afterwards), under one law:
    a claim on assistance given both before and after 1 July 2025 is refused (`assistance_law`),
    so a pair across that day gives way to the nearest pair before it, else after it; None when
    every pair is across it."""
    references = legal_references()
    last = max(len(payments) - 12, PAYMENTS_PER_CLAIM)
    ends = [*range(last, PAYMENTS_PER_CLAIM - 1, -1), *range(last + 1, len(payments) + 1)]
    for end in ends:
        pair = payments[end - PAYMENTS_PER_CLAIM : end]
        try:
            assistance_law([Month.parse(p.decision.month) for p in pair], references)
        except ValueError:
            continue
        return pair
    return None


def demo_recovery(*, units: list[Unit], today: date, rng: random.Random) -> int:
    """Register, decide and plan a couple of claims in the first unit; returns how many."""
    if not units:
        return 0
    payments = list(
        Payment.objects.filter(
            decision__household__unit=units[0],
            status=PaymentStatus.SENT,
            decision__household__caseworker__isnull=False,
        )
        .select_related("decision__household__caseworker", "run")
        .order_by("run__execution_date", "id")
    )
    by_case: dict[int, list[Payment]] = {}
    for payment in payments:
        by_case.setdefault(payment.decision.household_id, []).append(payment)
    claimable = {
        k: _claimed_payments(v) for k, v in by_case.items() if len(v) >= PAYMENTS_PER_CLAIM
    }
    cases = sorted(k for k, paid in claimable.items() if paid is not None)
    made = 0
    for index, household_id in enumerate(rng.sample(cases, min(CLAIMS, len(cases)))):
        paid = claimable[household_id]
        assert paid is not None  # noqa: S101 - chosen among those with a pair
        household = paid[0].decision.household
        caseworker = household.caseworker
        amount = max(500, round(sum(p.amount for p in paid) * rng.uniform(0.2, 0.4), -2))
        month = Month.parse(paid[0].decision.month)
        claim = recovery_claim_register(
            household=household,
            payments=paid,
            ground=RecoveryGround.CAUSED if index == 0 else RecoveryGround.SHOULD_HAVE_REALISED,
            facts=FACTS[index % len(FACTS)].format(month=month),
            amount=int(amount),
            by=caseworker,
        )
        decided_on = min(paid[-1].run.execution_date + timedelta(days=45), today)
        signed_at = datetime.combine(decided_on, time(10), tzinfo=ZoneInfo(settings.TIME_ZONE))
        draft = recovery_decision_draft(
            claim=claim,
            reasons="Inkomsten skulle ha redovisats; biståndet betalades ut med för högt belopp.",
            by=caseworker,
        )
        recovery_decision_sign(decision=draft, by=caseworker, now=signed_at)
        recovery_plan_create(
            claim=claim,
            monthly_amount=500,
            first_month=Month.of(today).plus(-3),
            by=caseworker,
        )
        recovery_repayment_record(
            claim=claim,
            received_on=Month.of(today).plus(-3).first_day.replace(day=27),
            amount=500,
            today=today,
            by=caseworker,
        )
        if index == 0:
            recovery_police_report_record(
                claim=claim,
                reported_on=decided_on,
                police_reference=f"5000-K{rng.randint(100000, 999999)}-{today:%y}",
                today=today,
                by=caseworker,
            )
        made += 1
    return made
