"""Cases, payments and applications for follow-up tests, made directly (no calculation needed)."""

from __future__ import annotations

from datetime import date, datetime, time
from itertools import count
from zoneinfo import ZoneInfo

from django.utils import timezone

from bryggan.accounts.models import Unit, User
from bryggan.decisions.models import Decision, DecisionStatus, SavedCalculation
from bryggan.intake.models import Application, Channel, TrackChoices
from bryggan.payments.models import Payment, PaymentRun, PaymentStatus
from bryggan.people.models import Household
from bryggan.people.services import household_open
from tests.people.factories import person_input

STOCKHOLM = ZoneInfo("Europe/Stockholm")
_serial = count(300)


def household(
    unit: Unit,
    *,
    by: User,
    opened_on: date = date(2024, 1, 2),
    caseworker: User | None = None,
    born: date | None = None,
    first: str = "Test",
    last: str = "Person",
) -> Household:
    """An open case of one applicant (born `born`, or on a January day of 1980)."""
    n = next(_serial)
    serial = 100 + n % 900  # three digits in the personnummer, however many tests have run
    return household_open(
        unit=unit,
        applicant=person_input(born or date(1980, 1, 1 + n % 28), serial, first=first, last=last),
        co_applicant=None,
        children=[],
        caseworker=caseworker,
        opened_on=opened_on,
        by=by,
    )


def pay(case: Household, months: list[str], *, by: User, status: str = PaymentStatus.SENT) -> None:
    """A signed decision and a payment for each month (`YYYY-MM`)."""
    run = PaymentRun.objects.create(
        kind="monthly",
        message_id=f"TEST-{next(_serial)}",
        execution_date=date(2026, 1, 1),
        payment_count=len(months),
        total=1000 * len(months),
        file=b"",
        checksum="0" * 64,
        created_by=by,
    )
    for month in months:
        calculation = SavedCalculation.objects.create(
            household=case, month=month, norm_year=2026, amount=1000, input={}, result={},
            created_by=by,
        )  # fmt: skip
        decision = Decision.objects.create(
            household=case, month=month, kind="livelihood_support", outcome="granted",
            calculation=calculation, calculated_amount=1000, amount=1000, reasons="Test.",
            status=DecisionStatus.SIGNED, created_by=by, signed_by=by, signed_at=timezone.now(),
        )  # fmt: skip
        Payment.objects.create(
            decision=decision, run=run, amount=1000, clearing="8327", account="9",
            end_to_end_id=f"E2E-{next(_serial)}", status=status,
        )  # fmt: skip


def apply(case: Household, received_on: date, *, by: User, at: time = time(10, 0)) -> Application:
    """An application received on `received_on` at `at`, Stockholm time."""
    return Application.objects.create(
        household=case,
        month=f"{received_on:%Y-%m}",
        received_at=datetime.combine(received_on, at, tzinfo=STOCKHOLM),
        channel=Channel.IN_PERSON,
        track=TrackChoices.STANDARD,
        registered_by=by,
    )


__all__ = ["STOCKHOLM", "apply", "household", "pay"]
