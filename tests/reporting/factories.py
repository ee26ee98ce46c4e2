"""Reasons for need and sent report files for reporting tests."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from bryggan.accounts.models import Unit, User
from bryggan.decisions.models import Decision, DecisionStatus, SavedCalculation
from bryggan.payments.models import Payment, PaymentRun
from bryggan.people.models import Household, Person
from bryggan.people.services import household_open
from bryggan.reporting import fileformat
from bryggan.reporting.models import ReasonForNeed, ReportSubmission
from bryggan.reporting.rules import ReportFile
from tests.people.factories import person_input


def make_submission(month: str = "2026-01", version: int = 1) -> ReportSubmission:
    """An archived (empty) file for `month`, as if sent."""
    text = fileformat.write(
        ReportFile(
            municipality_code="9999",
            month=month,
            version=version,
            created_on=date(2026, 2, 10),
            households=(),
        )
    )
    return ReportSubmission.objects.create(
        month=month,
        version=version,
        municipality_code="9999",
        content=text,
        sha256="0" * 64,
        household_count=0,
        total_paid=0,
        created_at=timezone.now(),
    )


_serial = iter(range(500, 10_000))


def new_case(
    unit: Unit,
    *,
    by: User,
    caseworker: User | None = None,
    co_applicant: bool = False,
    children: int = 0,
    opened_on: date = date(2026, 1, 2),
) -> Household:
    """A case with an applicant (a man), optionally a co-applicant (a woman) and children."""
    n = next(_serial)
    return household_open(
        unit=unit,
        applicant=person_input(date(1980, 1, 1 + n % 28), n * 10 % 1000 // 2 * 2 + 1, first="Adam"),
        co_applicant=(
            person_input(date(1982, 2, 1 + n % 28), n * 10 % 1000 // 2 * 2, first="Eva")
            if co_applicant
            else None
        ),
        children=[
            person_input(date(2015, 3, 1 + i), (n + i) % 1000, first=f"Barn{i}")
            for i in range(children)
        ],
        caseworker=caseworker,
        opened_on=opened_on,
        by=by,
    )


def adults(case: Household) -> list[Person]:
    return [
        m.person
        for m in case.members.select_related("person").order_by("role")
        if m.role in ("applicant", "co_applicant")
    ]


def grant(
    case: Household,
    month: str,
    *,
    by: User,
    amount: int = 4000,
    incomes: list[dict[str, object]] | None = None,
    paid: bool = True,
    signed: bool = True,
    corrects: Decision | None = None,
) -> Decision:
    """A decision for the month from a calculation with `incomes`, and its payment when `paid`."""
    calculation = SavedCalculation.objects.create(
        household=case, month=month, norm_year=2026, amount=amount,
        input={"month": month, "incomes": incomes or []}, result={}, created_by=by,
    )  # fmt: skip
    decision = Decision.objects.create(
        household=case, month=month, kind="livelihood_support", outcome="granted",
        calculation=calculation, calculated_amount=amount, amount=amount, reasons="Test.",
        status=DecisionStatus.SIGNED if signed else DecisionStatus.DRAFT, created_by=by,
        signed_by=by if signed else None, signed_at=timezone.now() if signed else None,
        corrects=corrects,
    )  # fmt: skip
    if paid:
        n = next(_serial)
        run = PaymentRun.objects.create(
            kind="monthly", message_id=f"REP-{n}", execution_date=date(2026, 1, 1),
            payment_count=1, total=amount, file=b"", checksum="0" * 64, created_by=by,
        )  # fmt: skip
        Payment.objects.create(
            decision=decision, run=run, amount=amount, clearing="8327", account="9",
            end_to_end_id=f"REP-E2E-{n}",
        )  # fmt: skip
    return decision


def give_reasons(case: Household, month: str, code: str, *, by: User) -> None:
    for person in adults(case):
        ReasonForNeed.objects.update_or_create(
            household=case, month=month, person=person,
            defaults={"code": code, "recorded_by": by, "recorded_at": timezone.now()},
        )  # fmt: skip
