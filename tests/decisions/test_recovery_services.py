"""Recovery (återkrav) through its services: register, decide under delegation, lock, plan,
repay, waive, report to the police; the follow-up sums and the list of limits expiring."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import UTC, date, datetime

import pytest
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bryggan.accounts.models import User
from bryggan.casefile.models import Document, DocumentDirection, DocumentKind
from bryggan.core.errors import DomainError
from bryggan.core.month import Month
from bryggan.decisions import services_recovery as services
from bryggan.decisions.letters_recovery import recovery_letter_pdf
from bryggan.decisions.models import (
    DecisionChangeError,
    RecoveryClaim,
    RecoveryDecision,
)
from bryggan.decisions.rules import RecoveryGround
from bryggan.decisions.selectors_recovery import (
    recovery_claim_get,
    recovery_claims_expiring,
    recovery_sums_by_year,
)
from bryggan.payments.models import Payment
from bryggan.people.models import Household
from tests.decisions.pdf import pdf_text
from tests.decisions.recovery_fixtures import Paid, paid_case
from tests.payments.conftest import current_year_norm, delegation, make_decision

__all__ = ["current_year_norm", "delegation", "make_decision", "paid_case"]
pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 2, 10, tzinfo=UTC)
PaidCase = Callable[..., tuple[Household, list[Payment]]]


def _register(
    household: Household, payments: list[Payment], by: User, amount: int = 3000
) -> RecoveryClaim:
    return services.recovery_claim_register(
        household=household,
        payments=payments,
        ground=RecoveryGround.CAUSED,
        facts="Lön från oktober redovisades inte.",
        amount=amount,
        by=by,
    )


def _decided(claim: RecoveryClaim, by: User) -> RecoveryClaim:
    draft = services.recovery_decision_draft(claim=claim, reasons="Ej redovisad lön.", by=by)
    services.recovery_decision_sign(decision=draft, by=by, now=NOW)
    return claim


def _get(claim: RecoveryClaim) -> RecoveryClaim:
    found = recovery_claim_get(claim.household, claim.pk)
    assert found is not None
    return found


def test_a_claim_of_3000_on_two_payments_repaid_by_plan_and_partly_waived(
    paid_case: PaidCase, persona: Callable[..., User]
) -> None:
    caseworker = persona("caseworker")
    household, payments = paid_case(1, Paid(9180, on=date(2026, 9, 25)), Paid(2000))
    claim = _decided(_register(household, payments, caseworker), caseworker)
    assert claim.cost_date == date(2026, 9, 25)  # the earliest payment
    services.recovery_plan_create(
        claim=claim, monthly_amount=500, first_month=Month(2026, 12), by=caseworker
    )
    for day in (date(2026, 12, 1), date(2027, 1, 4)):
        services.recovery_repayment_record(
            claim=claim, received_on=day, amount=500, today=date(2027, 1, 5), by=caseworker
        )
    waiver = services.recovery_waiver_draft(
        claim=claim, amount=1200, reasons="Sjukdom, små marginaler.", by=caseworker
    )
    services.recovery_decision_sign(decision=waiver, by=caseworker, now=NOW)
    found = _get(claim)
    balance = found.balance  # type: ignore[attr-defined]
    assert (balance.claimed, balance.repaid, balance.waived, balance.outstanding) == (
        3000,
        1000,
        1200,
        800,
    )
    assert found.plans.get().total == 3000


def test_nothing_is_claimed_until_the_recovery_decision_is_signed(
    paid_case: PaidCase, persona: Callable[..., User]
) -> None:
    caseworker = persona("caseworker")
    household, payments = paid_case(1, Paid(9180))
    claim = _register(household, payments, caseworker)
    assert _get(claim).balance.outstanding == 0  # type: ignore[attr-defined]
    with pytest.raises(DomainError) as refused:
        services.recovery_repayment_record(
            claim=claim, received_on=date(2026, 11, 1), amount=100, today=NOW.date(), by=caseworker
        )
    assert refused.value.message == services.NOT_DECIDED


def test_a_claim_larger_than_what_was_paid_is_refused_and_nothing_saved(
    paid_case: PaidCase, persona: Callable[..., User]
) -> None:
    household, payments = paid_case(1, Paid(9180), Paid(2000))
    with pytest.raises(DomainError) as refused:
        _register(household, payments, persona("caseworker"), amount=11_181)
    assert (refused.value.message, refused.value.field) == (services.OVER_PAID, "amount")
    assert not RecoveryClaim.objects.exists()


def test_a_reversed_payment_counts_for_nothing(
    paid_case: PaidCase, persona: Callable[..., User]
) -> None:
    household, payments = paid_case(1, Paid(9180), Paid(2000, status="reversed"))
    with pytest.raises(DomainError) as refused:
        _register(household, payments, persona("caseworker"), amount=9181)
    assert refused.value.message == services.OVER_PAID


def test_a_payment_of_another_household_is_refused(
    paid_case: PaidCase, persona: Callable[..., User]
) -> None:
    household, payments = paid_case(1, Paid(9180))
    _, others = paid_case(2, Paid(2000))
    with pytest.raises(DomainError) as refused:
        _register(household, [*payments, *others], persona("caseworker"))
    assert refused.value.message == services.PAYMENT_OF_ANOTHER_CASE


def test_a_claim_names_payments(paid_case: PaidCase, persona: Callable[..., User]) -> None:
    household, _ = paid_case(1, Paid(9180))
    with pytest.raises(DomainError) as refused:
        _register(household, [], persona("caseworker"))
    assert refused.value.message == services.NO_PAYMENTS


def test_payments_under_both_laws_are_refused(
    paid_case: PaidCase, persona: Callable[..., User]
) -> None:
    household, payments = paid_case(
        1, Paid(4000, month="2025-06", on=date(2025, 6, 25)), Paid(4000, month="2025-07")
    )
    with pytest.raises(DomainError) as refused:
        _register(household, payments, persona("caseworker"))
    assert refused.value.message == services.TWO_LAWS


def test_signing_needs_delegation_for_the_kind_and_amount(
    paid_case: PaidCase, persona: Callable[..., User]
) -> None:
    caseworker, manager = persona("caseworker"), persona("unit_manager")
    household, payments = paid_case(1, Paid(9180), Paid(9180, month="2026-09"), Paid(9180))
    claim = _register(household, payments, caseworker, amount=25_000)
    draft = services.recovery_decision_draft(
        claim=claim, reasons="Ej redovisad lön.", by=caseworker
    )
    with pytest.raises(DomainError) as refused:  # the caseworker's ceiling is 20 000 kr
        services.recovery_decision_sign(decision=draft, by=caseworker, now=NOW)
    assert refused.value.message == services.NO_DELEGATION
    with pytest.raises(DomainError):  # a work coach has no delegation at all
        services.recovery_decision_sign(decision=draft, by=persona("work_coach"), now=NOW)
    signed = services.recovery_decision_sign(decision=draft, by=manager, now=NOW)
    assert signed.is_signed
    with pytest.raises(DomainError) as twice:
        services.recovery_decision_sign(decision=draft, by=manager, now=NOW)
    assert twice.value.message == services.NOT_A_DRAFT


def test_a_signed_recovery_decision_is_locked_in_the_model_and_the_database(
    paid_case: PaidCase, persona: Callable[..., User]
) -> None:
    caseworker = persona("caseworker")
    household, payments = paid_case(1, Paid(9180))
    claim = _decided(_register(household, payments, caseworker), caseworker)
    decision = claim.decisions.get()
    decision.reasons = "Ändrat."
    with pytest.raises(DecisionChangeError):
        decision.save()
    # SQLite's trigger raises an IntegrityError, PostgreSQL's a ProgrammingError: DatabaseError.
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE decisions_recoverydecision SET amount = 1 WHERE id = %s", [decision.pk]
        )
    # The day received may still be written: it is a fact about delivery.
    services.recovery_decision_record_receipt(
        decision=decision, received_on=NOW.date(), today=NOW.date(), by=caseworker
    )
    assert RecoveryDecision.objects.get(pk=decision.pk).notified_on == NOW.date()


def test_a_second_recovery_decision_on_a_claim_is_refused(
    paid_case: PaidCase, persona: Callable[..., User]
) -> None:
    caseworker = persona("caseworker")
    household, payments = paid_case(1, Paid(9180))
    claim = _register(household, payments, caseworker)
    services.recovery_decision_draft(claim=claim, reasons="Skäl.", by=caseworker)
    with pytest.raises(DomainError) as refused:
        services.recovery_decision_draft(claim=claim, reasons="Skäl.", by=caseworker)
    assert refused.value.message == services.ALREADY_DRAFTED


def test_repayments_and_waivers_beyond_the_balance_are_refused(
    paid_case: PaidCase, persona: Callable[..., User]
) -> None:
    caseworker = persona("caseworker")
    household, payments = paid_case(1, Paid(9180))
    claim = _decided(_register(household, payments, caseworker), caseworker)
    services.recovery_repayment_record(
        claim=claim, received_on=NOW.date(), amount=2500, today=NOW.date(), by=caseworker
    )
    with pytest.raises(DomainError) as refused:
        services.recovery_repayment_record(
            claim=claim, received_on=NOW.date(), amount=501, today=NOW.date(), by=caseworker
        )
    assert (refused.value.message, refused.value.field) == (services.OVER_BALANCE, "amount")
    with pytest.raises(DomainError):
        services.recovery_waiver_draft(claim=claim, amount=501, reasons="x", by=caseworker)


def test_a_police_report_is_recorded_with_day_reference_and_reporter(
    paid_case: PaidCase, persona: Callable[..., User]
) -> None:
    caseworker = persona("caseworker")
    household, payments = paid_case(1, Paid(9180))
    claim = _register(household, payments, caseworker)
    report = services.recovery_police_report_record(
        claim=claim,
        reported_on=date(2026, 11, 2),
        police_reference="5000-K123456-26",
        today=date(2026, 11, 2),
        by=caseworker,
    )
    assert (report.police_reference, report.reported_by) == ("5000-K123456-26", caseworker)


@pytest.mark.parametrize(
    ("paid", "law", "other"),
    [
        (
            Paid(9180, month="2025-06", on=date(2025, 6, 25)),
            "9 kap. 1 § SoL (2001:453)",
            "2025:400",
        ),
        (
            Paid(9180, month="2025-07", on=date(2025, 7, 25)),
            "33 kap. 1 § första stycket SoL (2025:400)",
            "2001:453",
        ),
    ],
)
def test_the_letter_cites_the_law_in_force_when_the_assistance_was_given(
    paid_case: PaidCase,
    persona: Callable[..., User],
    paid: Paid,
    law: str,
    other: str,
) -> None:
    caseworker = persona("caseworker")
    household, payments = paid_case(1, paid)
    claim = _decided(_register(household, payments, caseworker), caseworker)
    decision = RecoveryDecision.objects.select_related("claim__household").get(claim=claim)
    pdf = recovery_letter_pdf(decision, unit_name="Enheten")
    text = " ".join(pdf_text(pdf).split())
    assert pdf.startswith(b"%PDF")
    assert law in text
    assert other not in text
    assert "överklaga" in text
    assert "3 000 kr" in text


def test_the_follow_up_sums_per_year_in_one_query(
    paid_case: PaidCase,
    persona: Callable[..., User],
    django_assert_num_queries: Callable[..., object],
) -> None:
    caseworker = persona("caseworker")
    household, payments = paid_case(1, Paid(9180))
    claim = _decided(_register(household, payments, caseworker), caseworker)  # signed 2026
    services.recovery_repayment_record(
        claim=claim,
        received_on=date(2026, 12, 1),
        amount=500,
        today=date(2027, 2, 1),
        by=caseworker,
    )
    services.recovery_repayment_record(
        claim=claim, received_on=date(2027, 1, 4), amount=700, today=date(2027, 2, 1), by=caseworker
    )
    waiver = services.recovery_waiver_draft(claim=claim, amount=300, reasons="x", by=caseworker)
    services.recovery_decision_sign(
        decision=waiver, by=caseworker, now=datetime(2027, 1, 20, 10, tzinfo=UTC)
    )
    with django_assert_num_queries(1):  # type: ignore[operator]
        years = recovery_sums_by_year(household.unit, today=date(2027, 2, 1))
    assert [(y.year, y.claimed, y.repaid, y.waived, y.outstanding) for y in years] == [
        (2026, 3000, 500, 0, 2500),
        (2027, 0, 700, 300, 1500),
    ]


def test_the_expiring_list_holds_claims_with_a_balance_near_or_past_the_limit(
    paid_case: PaidCase, persona: Callable[..., User]
) -> None:
    caseworker = persona("caseworker")
    near_case, near_paid = paid_case(1, Paid(9180, month="2023-10", on=date(2023, 10, 25)))
    near = _decided(_register(near_case, near_paid, caseworker), caseworker)
    far_case, far_paid = paid_case(2, Paid(9180))
    _decided(_register(far_case, far_paid, caseworker), caseworker)
    repaid_case, repaid_paid = paid_case(3, Paid(9180, month="2023-09", on=date(2023, 9, 25)))
    repaid = _decided(_register(repaid_case, repaid_paid, caseworker), caseworker)
    services.recovery_repayment_record(
        claim=repaid, received_on=NOW.date(), amount=3000, today=NOW.date(), by=caseworker
    )
    rows = recovery_claims_expiring(near_case.unit, today=date(2026, 9, 1), window_days=90)
    assert [(r.claim.pk, r.last_day, r.passed) for r in rows] == [
        (near.pk, date(2026, 10, 26), False)  # 2026-10-25 is a Sunday
    ]
    later = recovery_claims_expiring(near_case.unit, today=date(2026, 11, 2), window_days=90)
    assert [(r.claim.pk, r.passed) for r in later] == [(near.pk, True)]
    assert timezone.is_aware(NOW)


def test_the_signed_letter_is_stored_and_served_as_it_was_sent(
    paid_case: PaidCase, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    caseworker = persona("caseworker")
    household, payments = paid_case(1, Paid(9180))
    claim = _decided(_register(household, payments, caseworker), caseworker)
    decision = RecoveryDecision.objects.get(claim=claim)
    stored = Document.objects.get(letter_for_type="recovery_decision", letter_for_id=decision.pk)
    assert (stored.direction, stored.kind) == (
        DocumentDirection.OUTGOING,
        DocumentKind.DECISION_LETTER,
    )
    served = client_as("caseworker").get(
        reverse(
            "decisions:recovery_letter",
            args=[household.pk, claim.pk, decision.pk],
        )
    )
    assert served.status_code == 200
    assert hashlib.sha256(served.content).hexdigest() == stored.sha256
