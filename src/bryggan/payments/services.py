"""The payment run: every payable decision paid exactly once, the file made in the same transaction.

Never twice, by construction: the run selects payable decisions (locking them, skipping rows
another run holds), writes one payment per decision and the pain.001 file, and commits all of it
at once. A run that fails half-way leaves nothing behind, so running it again pays every decision
once; a run started at the same time finds the rows locked or already paid; and the database's
unique constraint on a decision's standing payment refuses any second payment that slips past.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bryggan.accounts.models import User
from bryggan.audit.services import change_record_write, change_records_write_many
from bryggan.core.errors import DomainError
from bryggan.decisions.models import Decision, DecisionKind
from bryggan.payments import pain001
from bryggan.payments.bank_account import parse_bank_account
from bryggan.payments.models import Payment, PaymentRun, PaymentStatus, RunKind
from bryggan.payments.selectors import Payable, payable_decisions
from bryggan.payments.signals import payments_sent

NOTHING_TO_PAY = _("There is no payable decision.")
NOT_PAYABLE = _(
    "The decision is not payable: it is unsigned, refused, already paid or its unit's "
    "conditions are not met."
)
NOT_EMERGENCY = _("Only an emergency decision is paid at once; others go with the monthly run.")
NOT_STANDING = _("Only a payment that stands can be returned or reversed.")


@dataclass(frozen=True, slots=True)
class Debtor:
    """The municipality's paying account, from settings."""

    name: str
    org_number: str
    account: str
    bic: str


def debtor() -> Debtor:
    return Debtor(
        name=settings.BRYGGAN_MUNICIPALITY["name"],
        org_number=settings.BRYGGAN_MUNICIPALITY["org_number"],
        account=settings.BRYGGAN_MUNICIPALITY["payment_account"],
        bic=settings.BRYGGAN_MUNICIPALITY["bic"],
    )


def _message_id(now: datetime) -> str:
    return f"BRY{now:%Y%m%d%H%M%S}{uuid.uuid4().hex[:12].upper()}"


def _end_to_end_id(decision: Decision, previous: int) -> str:
    return f"B{decision.pk}-{previous + 1}"


def _pay(
    *, payables: list[Payable], kind: RunKind, by: User, execution_date: date, now: datetime
) -> PaymentRun:
    """Write the run, its payments and its file; the caller holds the transaction."""
    previous = dict.fromkeys([p.decision.pk for p in payables], 0)
    for decision_id in Payment.objects.filter(decision_id__in=previous).values_list(
        "decision_id", flat=True
    ):
        previous[decision_id] += 1
    run = PaymentRun.objects.create(
        kind=kind,
        message_id=_message_id(now),
        execution_date=execution_date,
        payment_count=len(payables),
        total=sum(p.amount for p in payables),
        file=b"",
        checksum="",
        created_by=by,
    )
    payments = Payment.objects.bulk_create(
        [
            Payment(
                decision=p.decision,
                run=run,
                amount=p.amount,
                clearing=p.decision.payee_clearing,
                account=p.decision.payee_account,
                end_to_end_id=_end_to_end_id(p.decision, previous[p.decision.pk]),
            )
            for p in payables
        ],
        batch_size=2000,
    )
    paying = debtor()
    order = pain001.PaymentOrder(
        message_id=run.message_id,
        created_at=now,
        debtor_name=paying.name,
        debtor_org_number=paying.org_number,
        debtor_account=paying.account,
        debtor_bic=paying.bic,
        requested_execution_date=execution_date,
        payments=tuple(
            pain001.CreditTransfer(
                end_to_end_id=payment.end_to_end_id,
                amount_kronor=payment.amount,
                creditor_name=_("Recipient of case %(case)s")
                % {"case": payment.decision.household.case_number},
                creditor_account=parse_bank_account(payment.clearing, payment.account),
                remittance_text=f"Ekonomiskt bistand {payment.decision.month}",
            )
            for payment in payments
        ),
    )
    run.file = pain001.build_pain001(order)
    run.checksum = hashlib.sha256(run.file).hexdigest()
    run.save(update_fields=["file", "checksum"])
    change_records_write_many(
        user=by,
        object_type="payment",
        action="sent",
        rows=[
            (
                p.decision.household_id,
                p.pk,
                {"decision": p.decision_id, "amount": p.amount, "run": run.message_id},
            )
            for p in payments
        ],
    )
    # After the commit, so that a failing listener can never undo the run.
    transaction.on_commit(lambda: payments_sent.send(sender=PaymentRun, run=run))
    return run


# Any fixed number: the key of the PostgreSQL advisory lock that lets one payment run at a time.
PAYMENT_RUN_LOCK = 0x42525947


def _one_run_at_a_time() -> None:
    """Wait for any other run to commit, so that this one sees what it paid (PostgreSQL).

    Row locks alone would let a run that started earlier read a payment-free snapshot of a decision
    another run has just paid; the unique constraint would then stop it, but as an error. SQLite
    allows one writer at a time anyway.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [PAYMENT_RUN_LOCK])


@transaction.atomic
def payment_run_execute(*, by: User, execution_date: date, now: datetime) -> PaymentRun:
    """Pay every payable decision once, in one pain.001 file; all or nothing."""
    _one_run_at_a_time()
    payables = payable_decisions(lock=True)
    if not payables:
        raise DomainError(NOTHING_TO_PAY)
    return _pay(
        payables=payables, kind=RunKind.MONTHLY, by=by, execution_date=execution_date, now=now
    )


@transaction.atomic
def payment_emergency(*, decision: Decision, by: User, now: datetime) -> PaymentRun:
    """Pay one emergency decision (*akut bistånd*) at once, in a file of its own."""
    if decision.kind != DecisionKind.EMERGENCY:
        raise DomainError(NOT_EMERGENCY)
    _one_run_at_a_time()
    payable = [p for p in payable_decisions(lock=True) if p.decision.pk == decision.pk]
    if not payable:
        raise DomainError(NOT_PAYABLE)
    return _pay(
        payables=payable,
        kind=RunKind.EMERGENCY,
        by=by,
        execution_date=timezone.localdate(now),
        now=now,
    )


@transaction.atomic
def payment_mark(
    *, payment: Payment, status: PaymentStatus, on: date, reason: str, by: User
) -> Payment:
    """Record a payment returned by the bank (closed account) or reversed.

    The decision is then payable again, in the next run, under a new reference.
    """
    locked = Payment.objects.select_for_update().get(pk=payment.pk)
    if locked.status != PaymentStatus.SENT or status == PaymentStatus.SENT:
        raise DomainError(NOT_STANDING)
    locked.status, locked.status_changed_on, locked.status_reason = status, on, reason
    locked.save(update_fields=["status", "status_changed_on", "status_reason"])
    change_record_write(
        user=by,
        case_id=locked.decision.household_id,
        object_type="payment",
        object_id=locked.pk,
        action=str(status),
        changes={"on": on.isoformat(), "reason": reason, "amount": locked.amount},
    )
    return locked
