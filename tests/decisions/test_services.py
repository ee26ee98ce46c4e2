"""Drafting and signing decisions: amounts, accounts, delegation, immutability, the letter."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from datetime import timedelta
from multiprocessing import get_context
from typing import Any

import pytest
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bryggan.accounts.models import Unit, User
from bryggan.audit.models import ChangeRecord
from bryggan.calculation.explain import explanation_rows
from bryggan.casefile.models import Document
from bryggan.casefile.rules_kommunicering import Basis
from bryggan.casefile.selectors_documents import document_content
from bryggan.casefile.services_kommunicering import KommuniceringInput, kommunicering_record
from bryggan.core.aside import work_aside
from bryggan.core.errors import DomainError
from bryggan.core.steady import steady_lookups
from bryggan.decisions.letters import decision_letter_pdf
from bryggan.decisions.models import Decision, DecisionChangeError, SavedCalculation
from bryggan.decisions.rules import Outcome
from bryggan.decisions.selectors import calculation_from_saved
from bryggan.decisions.services import (
    ALREADY_DECIDED,
    AMOUNT_PROBLEMS,
    NO_DELEGATION,
    ONLY_SIGNED_CORRECTED,
    decision_draft_create,
    decision_record_receipt,
    decision_sign,
    delegation_limits,
)
from tests.decisions.conftest import ACCOUNT, CLEARING
from tests.decisions.pdf import pdf_text

pytestmark = pytest.mark.django_db


def draft(calculation: SavedCalculation, by: User, **overrides: Any) -> Decision:
    arguments: dict[str, Any] = {
        "household": calculation.household,
        "month": calculation.month,
        "kind": "livelihood_support",
        "outcome": Outcome.GRANTED,
        "calculation": calculation,
        "amount": calculation.amount,
        "deviation_reason": "",
        "reasons": "Hushållet saknar inkomster och har rätt till bistånd.",
        "documents_checked": ["rent_contract", "bank_statements"],
        "personal_visit_held": True,
        "registered_at_af": True,
        "clearing": CLEARING,
        "account": ACCOUNT,
        "by": by,
    }
    arguments.update(overrides)
    return decision_draft_create(**arguments)


def test_a_decision_takes_its_amount_from_the_calculation(
    calculation: SavedCalculation, persona: Callable[..., User]
) -> None:
    decision = draft(calculation, persona("caseworker"))
    assert (decision.calculated_amount, decision.amount) == (9180, 9180)
    assert decision.status == "draft"


def test_another_amount_needs_a_reason(
    calculation: SavedCalculation, persona: Callable[..., User]
) -> None:
    with pytest.raises(DomainError) as error:
        draft(calculation, persona("caseworker"), amount=9500)
    assert (error.value.message, error.value.field) == (
        AMOUNT_PROBLEMS["deviation_without_reason"],
        "deviation_reason",
    )
    assert not Decision.objects.exists()


def test_a_bad_account_number_is_refused(
    calculation: SavedCalculation, persona: Callable[..., User]
) -> None:
    with pytest.raises(DomainError) as error:
        draft(calculation, persona("caseworker"), account="123456788")
    assert error.value.field == "account"
    assert not Decision.objects.exists()


def test_signing_beyond_delegation_is_refused_and_changes_nothing(
    calculation: SavedCalculation, persona: Callable[..., User], delegation: None
) -> None:
    decision = draft(
        calculation, persona("caseworker"), amount=25000, deviation_reason="Tandvård enligt offert"
    )
    with pytest.raises(DomainError) as error:
        decision_sign(decision=decision, by=persona("caseworker"), now=timezone.now())
    assert error.value.message == NO_DELEGATION
    assert Decision.objects.get().status == "draft"
    decision_sign(decision=decision, by=persona("unit_manager"), now=timezone.now())
    assert Decision.objects.get().status == "signed"


def test_without_any_delegation_nobody_signs(
    calculation: SavedCalculation, persona: Callable[..., User]
) -> None:
    decision = draft(calculation, persona("caseworker"))
    with pytest.raises(DomainError):
        decision_sign(decision=decision, by=persona("unit_manager"), now=timezone.now())


def test_a_signed_decision_is_never_changed(
    calculation: SavedCalculation, persona: Callable[..., User], delegation: None
) -> None:
    decision = draft(calculation, persona("caseworker"))
    signed = decision_sign(decision=decision, by=persona("caseworker"), now=timezone.now())
    signed.amount = 1
    with pytest.raises(DecisionChangeError):
        signed.save()
    # The database refuses it too, whatever path the change takes.
    with pytest.raises(DatabaseError), transaction.atomic():
        Decision.objects.filter(pk=signed.pk).update(amount=1)
    with pytest.raises(DomainError):
        decision_sign(decision=signed, by=persona("caseworker"), now=timezone.now())


def test_the_letter_has_the_amount_the_lines_and_for_a_refusal_the_appeal_instructions(
    calculation: SavedCalculation, persona: Callable[..., User], delegation: None
) -> None:
    decision = draft(calculation, persona("caseworker"), outcome=Outcome.REFUSED, amount=0)
    # A refusal is signed after kommunicering or its exception (FL 25 §, casefile).
    kommunicering_record(
        decision=decision,
        given=KommuniceringInput(
            basis=Basis.EXCEPTION,
            exception="not_adverse_or_unnecessary",
            exception_reason="Grundas enbart på sökandens egna uppgifter.",
        ),
        by=persona("caseworker"),
        today=timezone.localdate(),
    )
    decision = decision_sign(decision=decision, by=persona("caseworker"), now=timezone.now())
    rows = explanation_rows(calculation_from_saved(calculation))
    pdf = decision_letter_pdf(decision, rows, unit_name="Enheten")
    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf)
    assert "avslås" in text
    assert "förvaltningsrätten" in text
    assert "Summa riksnorm" in text


def test_a_second_decision_for_the_same_month_cannot_be_signed(
    calculation: SavedCalculation, persona: Callable[..., User], delegation: None
) -> None:
    first, second = (
        draft(calculation, persona("caseworker")),
        draft(calculation, persona("caseworker")),
    )
    decision_sign(decision=first, by=persona("caseworker"), now=timezone.now())
    with pytest.raises(DomainError) as error:
        decision_sign(decision=second, by=persona("caseworker"), now=timezone.now())
    assert error.value.message == ALREADY_DECIDED


def test_only_one_correction_of_a_decision_can_be_signed(
    calculation: SavedCalculation, persona: Callable[..., User], delegation: None
) -> None:
    caseworker = persona("caseworker")
    original = decision_sign(
        decision=draft(calculation, caseworker), by=caseworker, now=timezone.now()
    )
    first = draft(
        calculation, caseworker, corrects=original, amount=9500, deviation_reason="Tandvård"
    )
    second = draft(
        calculation, caseworker, corrects=original, amount=9600, deviation_reason="Glasögon"
    )
    decision_sign(decision=first, by=caseworker, now=timezone.now())
    with pytest.raises(DomainError):
        decision_sign(decision=second, by=caseworker, now=timezone.now())


def test_a_draft_cannot_be_corrected(
    calculation: SavedCalculation, persona: Callable[..., User]
) -> None:
    unsigned = draft(calculation, persona("caseworker"))
    with pytest.raises(DomainError) as error:
        draft(calculation, persona("caseworker"), corrects=unsigned)
    assert error.value.message == ONLY_SIGNED_CORRECTED


def test_the_appeal_period_runs_from_the_recorded_day_of_receipt(
    calculation: SavedCalculation, persona: Callable[..., User], delegation: None
) -> None:
    caseworker = persona("caseworker")
    signed = decision_sign(
        decision=draft(calculation, caseworker), by=caseworker, now=timezone.now()
    )
    assert signed.appeal_deadline is None
    today = timezone.localdate()
    with pytest.raises(DomainError):
        decision_record_receipt(
            decision=signed, received_on=today - timedelta(days=30), today=today, by=caseworker
        )
    received = decision_record_receipt(
        decision=signed, received_on=today, today=today, by=caseworker
    )
    assert received.appeal_deadline is not None
    assert received.appeal_deadline >= today + timedelta(weeks=3)


@pytest.mark.usefixtures("delegation")
def test_the_delegation_is_read_once_in_a_steady_block_and_each_time_outside(
    unit: Unit, django_assert_num_queries: Callable[..., Any]
) -> None:
    """`core.steady` (the demo's bulk load): the same limits, one read instead of one a call."""
    expected = {"caseworker": 20000, "unit_manager": None}
    with django_assert_num_queries(2):
        assert delegation_limits(unit.pk, "livelihood_support") == expected
        assert delegation_limits(unit.pk, "livelihood_support") == expected
    with steady_lookups(), django_assert_num_queries(1):
        assert delegation_limits(unit.pk, "livelihood_support") == expected
        limits = delegation_limits(unit.pk, "livelihood_support")
        limits["caseworker"] = 0  # a caller's copy: the kept answer stays as read
        assert delegation_limits(unit.pk, "livelihood_support") == expected


def test_signing_in_a_work_aside_block_stores_the_letter_made_in_another_process_at_its_end(
    calculation: SavedCalculation, persona: Callable[..., User], delegation: None
) -> None:
    decision = draft(calculation, persona("caseworker"))
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("fork")) as pool:
        with work_aside(pool):
            signed = decision_sign(decision=decision, by=persona("caseworker"), now=timezone.now())
            assert not Document.objects.filter(letter_for_id=signed.pk).exists()
        stored = Document.objects.get(letter_for_type="decision", letter_for_id=signed.pk)
    pdf = document_content(stored)
    assert stored.sha256 == hashlib.sha256(pdf).hexdigest()
    assert "Beslut om ekonomiskt bistånd" in pdf_text(pdf)
    assert ChangeRecord.objects.filter(object_type="document", object_id=stored.pk).exists()


def test_signing_reads_the_unit_and_the_calculation_with_the_rows_it_locks(
    calculation: SavedCalculation, persona: Callable[..., User], delegation: None
) -> None:
    decision = draft(calculation, persona("caseworker"))
    with CaptureQueriesContext(connection) as queries:
        decision_sign(decision=decision, by=persona("caseworker"), now=timezone.now())
    alone = [
        query["sql"]
        for query in queries.captured_queries
        if query["sql"].startswith("SELECT")
        and (
            ' FROM "accounts_unit" WHERE' in query["sql"]
            or ' FROM "decisions_savedcalculation" WHERE' in query["sql"]
        )
    ]
    assert alone == []
