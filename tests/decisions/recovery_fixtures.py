"""A case with payments of chosen amounts, months and dates, to register overpayments against.

Payments are made directly (not by a payment run) so that a test can name exact amounts and
months: a draft decision per payment, moved to the month wanted, and a run holding the payments.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from itertools import count

import pytest

from bryggan.accounts.models import User
from bryggan.decisions.models import Decision
from bryggan.payments.models import Payment, PaymentRun
from bryggan.people.models import Household
from tests.decisions.conftest import ACCOUNT, CLEARING

_serial = count(1)


@dataclass(frozen=True)
class Paid:
    amount: int
    month: str = "2026-10"
    on: date = date(2026, 10, 23)
    status: str = "sent"


@pytest.fixture
def paid_case(
    make_decision: Callable[..., Decision], persona: Callable[..., User]
) -> Callable[..., tuple[Household, list[Payment]]]:
    def make(n: int, *paid: Paid) -> tuple[Household, list[Payment]]:
        first = make_decision(n, sign=False)
        manager = persona("unit_manager")
        payments = []
        for item in paid:
            serial = next(_serial)
            decision = Decision.objects.create(
                household=first.household,
                month=item.month,
                kind="livelihood_support",
                outcome="granted",
                calculation=first.calculation,
                calculated_amount=item.amount,
                amount=item.amount,
                reasons="Rätt till bistånd.",
                created_by=first.created_by,
            )
            run = PaymentRun.objects.create(
                kind="monthly",
                message_id=f"TEST-{serial}",
                execution_date=item.on,
                payment_count=1,
                total=item.amount,
                file=b"",
                checksum="0" * 64,
                created_by=manager,
            )
            payments.append(
                Payment.objects.create(
                    decision=decision,
                    run=run,
                    amount=item.amount,
                    clearing=CLEARING,
                    account=ACCOUNT,
                    end_to_end_id=f"TEST-{serial}",
                    status=item.status,
                )
            )
        return first.household, payments

    return make
