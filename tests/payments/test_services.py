"""The payment run pays every payable decision exactly once, and its file is valid pain.001."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from unittest import mock

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bryggan.accounts.models import Unit, User
from bryggan.core.errors import DomainError
from bryggan.decisions.models import Decision, PaymentConditions
from bryggan.decisions.services import decision_sign
from bryggan.intake.models import FirstMeeting
from bryggan.payments import pain001
from bryggan.payments.forms import RunForm
from bryggan.payments.models import Payment, PaymentRun, PaymentStatus
from bryggan.payments.selectors import payable_decisions
from bryggan.payments.services import (
    NOTHING_TO_PAY,
    payment_emergency,
    payment_mark,
    payment_run_execute,
)

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 25)


def run(persona: Callable[..., User]) -> PaymentRun:
    return payment_run_execute(by=persona("unit_manager"), execution_date=TODAY, now=timezone.now())


def test_a_run_pays_every_signed_decision_once_and_the_file_is_valid(
    make_decision: Callable[..., Decision], persona: Callable[..., User]
) -> None:
    decisions = [make_decision(n) for n in range(3)]
    make_decision(9, sign=False)  # a draft is never paid
    result = run(persona)
    assert result.payment_count == 3
    assert result.total == sum(d.amount for d in decisions)
    pain001.validate_pain001(bytes(result.file))
    read = pain001.read_pain001(bytes(result.file))
    assert sorted(p.amount_kronor for p in read) == sorted(d.amount for d in decisions)
    assert {p.end_to_end_id for p in read} == set(
        Payment.objects.values_list("end_to_end_id", flat=True)
    )


def test_running_again_pays_nothing_twice(
    make_decision: Callable[..., Decision], persona: Callable[..., User]
) -> None:
    make_decision(1)
    run(persona)
    with pytest.raises(DomainError) as error:
        run(persona)
    assert error.value.message == NOTHING_TO_PAY
    assert Payment.objects.count() == 1


def test_a_run_that_fails_half_way_leaves_nothing_and_the_next_pays_each_once(
    make_decision: Callable[..., Decision], persona: Callable[..., User]
) -> None:
    decisions = [make_decision(n) for n in range(4)]
    with (
        mock.patch.object(pain001, "build_pain001", side_effect=RuntimeError("disk full")),
        pytest.raises(RuntimeError),
    ):
        run(persona)
    assert Payment.objects.count() == PaymentRun.objects.count() == 0
    run(persona)
    paid = sorted(Payment.objects.values_list("decision_id", flat=True))
    assert paid == sorted(d.pk for d in decisions)


def test_the_database_refuses_a_second_standing_payment_for_a_decision(
    make_decision: Callable[..., Decision], persona: Callable[..., User]
) -> None:
    make_decision(1)
    first = run(persona)
    payment = Payment.objects.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        Payment.objects.create(
            decision=payment.decision,
            run=first,
            amount=1,
            clearing=payment.clearing,
            account=payment.account,
            end_to_end_id="X-1",
        )


def test_a_returned_payment_makes_the_decision_payable_again_with_a_new_reference(
    make_decision: Callable[..., Decision], persona: Callable[..., User]
) -> None:
    make_decision(1)
    run(persona)
    payment = Payment.objects.get()
    payment_mark(
        payment=payment,
        status=PaymentStatus.RETURNED,
        on=TODAY,
        reason="Kontot avslutat",
        by=persona("unit_manager"),
    )
    run(persona)
    references = sorted(Payment.objects.values_list("end_to_end_id", "status"))
    decision_id = payment.decision_id
    assert references == [(f"B{decision_id}-1", "returned"), (f"B{decision_id}-2", "sent")]


def test_unmet_unit_conditions_hold_the_payment_back(
    make_decision: Callable[..., Decision], persona: Callable[..., User], unit: Unit
) -> None:
    decision = make_decision(1, sign=False)
    Decision.objects.filter(pk=decision.pk).update(
        personal_visit_held=False, registered_at_af=False
    )
    decision_sign(decision=decision, by=persona("caseworker"), now=timezone.now())
    PaymentConditions.objects.create(unit=unit, personal_visit=True)
    assert payable_decisions() == []
    # With only the Arbetsförmedlingen condition it is also held back.
    PaymentConditions.objects.filter(unit=unit).update(personal_visit=False, af_registration=True)
    assert payable_decisions() == []
    with pytest.raises(DomainError):
        run(persona)


def test_an_emergency_decision_is_paid_at_once_in_its_own_file(
    make_decision: Callable[..., Decision], persona: Callable[..., User]
) -> None:
    decision = make_decision(1, kind="emergency")
    make_decision(2)
    emergency = payment_emergency(decision=decision, by=persona("caseworker"), now=timezone.now())
    assert emergency.kind == "emergency"
    assert list(emergency.payments.values_list("decision_id", flat=True)) == [decision.pk]
    assert run(persona).payment_count == 1  # the other one; the emergency is not paid twice


def test_totals_reconcile_with_the_decisions(
    make_decision: Callable[..., Decision], persona: Callable[..., User]
) -> None:
    decisions = [make_decision(n, rent=4000 + 100 * n) for n in range(5)]
    result = run(persona)
    paid_per_decision = dict(Payment.objects.values_list("decision_id", "amount"))
    assert paid_per_decision == {d.pk: d.amount for d in decisions}
    assert result.total == sum(paid_per_decision.values())


def test_a_manager_sees_and_marks_only_the_own_unit_s_payments(
    make_decision: Callable[..., Decision], persona: Callable[..., User], other_unit: Unit
) -> None:
    make_decision(1)
    result = run(persona)
    payment = Payment.objects.get()
    stranger = Client()
    stranger.force_login(persona("unit_manager", in_unit=other_unit))
    page = stranger.get(reverse("payments:run_detail", args=[result.pk]))
    assert list(page.context["payments"]) == []
    response = stranger.post(
        reverse("payments:mark", args=[payment.pk]),
        {"status": "returned", "on": "2026-11-26", "reason": "x"},
    )
    assert response.status_code == 404
    assert Payment.objects.get().status == "sent"


def test_the_run_form_refuses_a_past_day_and_a_sunday() -> None:
    assert not RunForm({"execution_date": "2020-01-02"}).is_valid()
    assert not RunForm({"execution_date": "2030-01-06"}).is_valid()  # a Sunday (and Epiphany)
    assert RunForm({"execution_date": "2030-01-08"}).is_valid()  # a Tuesday


def test_a_held_first_meeting_in_the_month_counts_as_the_personal_visit(
    make_decision: Callable[..., Decision], persona: Callable[..., User], unit: Unit
) -> None:
    decision = make_decision(1, sign=False)
    Decision.objects.filter(pk=decision.pk).update(personal_visit_held=False)
    decision_sign(decision=decision, by=persona("caseworker"), now=timezone.now())
    PaymentConditions.objects.create(unit=unit, personal_visit=True)
    assert payable_decisions() == []
    FirstMeeting.objects.filter(application__household=decision.household).update(
        status="held", starts_at=timezone.now()
    )
    assert [p.decision.pk for p in payable_decisions()] == [decision.pk]
