"""Two payment runs started at the same time on PostgreSQL still pay every decision exactly once."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date

import pytest
from django.db import connection, connections
from django.utils import timezone

from bryggan.accounts.models import User
from bryggan.core.errors import DomainError
from bryggan.decisions.models import Decision
from bryggan.payments.models import Payment, PaymentRun
from bryggan.payments.services import payment_run_execute

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent runs need PostgreSQL"),
]


def test_two_concurrent_runs_pay_each_decision_once(
    make_decision: Callable[..., Decision], persona: Callable[..., User]
) -> None:
    decisions = [make_decision(n) for n in range(12)]
    manager = persona("unit_manager")
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def one_run() -> None:
        try:
            start.wait()
            run = payment_run_execute(
                by=manager, execution_date=date(2026, 11, 25), now=timezone.now()
            )
            outcomes.append(f"paid {run.payment_count}")
        except DomainError as error:
            outcomes.append(str(error.message))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=one_run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    paid = list(Payment.objects.values_list("decision_id", flat=True))
    assert sorted(paid) == sorted(d.pk for d in decisions)
    assert PaymentRun.objects.count() == 1
    assert sorted(outcomes)[1] == "paid 12"
