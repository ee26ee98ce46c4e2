"""Kommunicering before a decision that wholly or partly refuses (förvaltningslagen 25 §): what
signing needs, bad input refused with what was typed kept, and the letter."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bryggan.accounts.models import User
from bryggan.audit.models import AccessLogEntry
from bryggan.casefile import rules_kommunicering as rules
from bryggan.casefile.models import Kommunicering
from bryggan.casefile.services_kommunicering import (
    KommuniceringInput,
    kommunicering_answer_record,
    kommunicering_record,
    kommunicering_sign_check,
)
from bryggan.core.errors import DomainError
from bryggan.decisions.models import Decision
from bryggan.decisions.rules import Outcome
from bryggan.decisions.services import decision_sign
from tests.decisions.pdf import pdf_text

pytestmark = pytest.mark.django_db

EXCEPTION = KommuniceringInput(
    basis=rules.Basis.EXCEPTION,
    exception="not_adverse_or_unnecessary",
    exception_reason="Beslutet grundas enbart på uppgifter som sökanden själv har lämnat.",
)


def _communicated(days_to_answer: int = 7, **kw: object) -> KommuniceringInput:
    today = timezone.localdate()
    fields: dict[str, object] = {
        "basis": rules.Basis.COMMUNICATED,
        "material": "Hyresavtalet: hyran 9 500 kr överstiger skälig nivå.",
        "method": "letter",
        "sent_on": today,
        "answer_by": today + timedelta(days=days_to_answer),
    }
    return KommuniceringInput(**(fields | kw))  # type: ignore[arg-type]


def _sign(decision: Decision, by: User, *, days_later: int = 0) -> Decision:
    return decision_sign(decision=decision, by=by, now=timezone.now() + timedelta(days=days_later))


def test_a_partly_refusing_decision_is_not_signed_without_kommunicering(
    make_draft: Callable[..., Decision], persona: Callable[..., User]
) -> None:
    decision = make_draft(1, outcome=Outcome.PARTLY_GRANTED)
    with pytest.raises(DomainError) as error:
        _sign(decision, persona("caseworker"))
    assert error.value.message == rules.KOMMUNICERING_REQUIRED
    assert Decision.objects.get().status == "draft"


def test_a_refusal_with_an_exception_is_signed(
    make_draft: Callable[..., Decision], persona: Callable[..., User]
) -> None:
    decision, by = make_draft(1, outcome=Outcome.REFUSED), persona("caseworker")
    kommunicering_record(decision=decision, given=EXCEPTION, by=by, today=timezone.localdate())
    assert _sign(decision, by).is_signed


def test_communicated_it_waits_for_the_answer_or_the_last_day_to_answer(
    make_draft: Callable[..., Decision], persona: Callable[..., User]
) -> None:
    decision, by = make_draft(1, outcome=Outcome.PARTLY_GRANTED), persona("caseworker")
    record = kommunicering_record(
        decision=decision, given=_communicated(7), by=by, today=timezone.localdate()
    )
    with pytest.raises(DomainError) as error:
        _sign(decision, by, days_later=7)  # the last day to answer itself
    assert error.value.message == rules.KOMMUNICERING_AWAITING_ANSWER.format(
        answer_by=record.answer_by.isoformat()  # type: ignore[union-attr]
    )
    assert _sign(decision, by, days_later=8).is_signed


def test_communicated_and_answered_it_is_signed_at_once(
    make_draft: Callable[..., Decision], persona: Callable[..., User]
) -> None:
    decision, by = make_draft(1, outcome=Outcome.PARTLY_GRANTED), persona("caseworker")
    today = timezone.localdate()
    record = kommunicering_record(decision=decision, given=_communicated(14), by=by, today=today)
    kommunicering_answer_record(
        kommunicering=record,
        answered_on=today,
        answer="Muntligt i telefon: söker en billigare bostad.",
        by=by,
        today=today,
    )
    assert _sign(decision, by).is_signed


def test_a_fully_granted_decision_needs_no_kommunicering(
    make_draft: Callable[..., Decision], persona: Callable[..., User]
) -> None:
    assert _sign(make_draft(1), persona("caseworker")).is_signed


def test_the_check_reads_no_kommunicering_for_a_decision_that_goes_against_no_one(
    make_draft: Callable[..., Decision], django_assert_num_queries: Callable[..., Any]
) -> None:
    draft = make_draft(1)
    with django_assert_num_queries(0):
        kommunicering_sign_check(decision=draft, today=timezone.localdate())
    draft.outcome = Outcome.PARTLY_GRANTED
    with django_assert_num_queries(1), pytest.raises(DomainError):
        kommunicering_sign_check(decision=draft, today=timezone.localdate())


@pytest.mark.parametrize(
    ("given", "message"),
    [
        (KommuniceringInput(basis=None), rules.NEITHER),
        (
            _communicated(answer_by=timezone.localdate() - timedelta(days=1)),
            rules.ANSWER_BY_BEFORE_SENT,
        ),
        (
            _communicated(answered_on=timezone.localdate() - timedelta(days=1), answer="Nej"),
            rules.ANSWERED_BEFORE_SENT,
        ),
        (_communicated(material=" "), rules.MATERIAL_REQUIRED),
        (_communicated(exception="urgent"), rules.BOTH),
        (
            KommuniceringInput(basis=rules.Basis.EXCEPTION, exception="urgent"),
            rules.EXCEPTION_REASON_REQUIRED,
        ),
    ],
    ids=[
        "neither",
        "last-day-before-sent",
        "answer-before-sent",
        "no-material",
        "both",
        "no-reason",
    ],
)
def test_bad_input_is_refused_and_nothing_is_saved(
    make_draft: Callable[..., Decision],
    persona: Callable[..., User],
    given: KommuniceringInput,
    message: str,
) -> None:
    decision = make_draft(1, outcome=Outcome.PARTLY_GRANTED)
    with pytest.raises(DomainError) as error:
        kommunicering_record(
            decision=decision, given=given, by=persona("caseworker"), today=timezone.localdate()
        )
    assert error.value.message == message
    assert not Kommunicering.objects.exists()


def test_an_answer_before_the_letter_is_refused(
    make_draft: Callable[..., Decision], persona: Callable[..., User]
) -> None:
    decision, by = make_draft(1, outcome=Outcome.PARTLY_GRANTED), persona("caseworker")
    today = timezone.localdate()
    record = kommunicering_record(decision=decision, given=_communicated(), by=by, today=today)
    with pytest.raises(DomainError) as error:
        kommunicering_answer_record(
            kommunicering=record,
            answered_on=today - timedelta(days=2),
            answer="Inget att tillägga.",
            by=by,
            today=today,
        )
    assert error.value.message == rules.ANSWERED_BEFORE_SENT
    assert Kommunicering.objects.get().answered_on is None


def test_the_page_refuses_a_last_day_before_the_sent_day_and_keeps_what_was_typed(
    make_draft: Callable[..., Decision], client_as: Callable[..., Client], english: None
) -> None:
    decision = make_draft(1, outcome=Outcome.PARTLY_GRANTED)
    url = reverse("casefile:kommunicering", args=[decision.household_id, decision.pk])
    response = client_as("caseworker").post(
        url,
        {
            "basis": "communicated",
            "material": "Kontoutdrag som visar en insättning på 4 000 kr",
            "method": "letter",
            "sent_on": "2026-03-10",
            "answer_by": "2026-03-01",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert str(rules.ANSWER_BY_BEFORE_SENT).replace("'", "&#x27;") in page
    assert "Kontoutdrag som visar en insättning på 4 000 kr" in page
    assert 'value="2026-03-01"' in page
    assert not Kommunicering.objects.exists()


def test_the_page_records_an_exception_and_the_decision_page_shows_it_done(
    make_draft: Callable[..., Decision], client_as: Callable[..., Client], english: None
) -> None:
    decision = make_draft(1, outcome=Outcome.REFUSED)
    client = client_as("caseworker")
    detail = reverse("decisions:decision_detail", args=[decision.household_id, decision.pk])
    assert "Kommunicering: not recorded" in client.get(detail).content.decode()
    response = client.post(
        reverse("casefile:kommunicering", args=[decision.household_id, decision.pk]),
        {"basis": "exception", "exception": "urgent", "exception_reason": "Vräkning i morgon."},
    )
    assert response.status_code == 302
    assert Kommunicering.objects.get().exception == "urgent"
    assert "Kommunicering: done." in client.get(detail).content.decode()


def test_the_letter_gives_the_last_day_to_answer_and_says_the_answer_may_be_oral(
    make_draft: Callable[..., Decision],
    persona: Callable[..., User],
    client_as: Callable[..., Client],
) -> None:
    decision = make_draft(1, outcome=Outcome.PARTLY_GRANTED)
    today = timezone.localdate()
    record = kommunicering_record(
        decision=decision, given=_communicated(10), by=persona("caseworker"), today=today
    )
    url = reverse(
        "casefile:kommunicering_letter", args=[decision.household_id, decision.pk, record.pk]
    )
    response = client_as("work_coach").get(url)
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert f"senast {today + timedelta(days=10):%Y-%m-%d}" in text
    assert "muntligt" in text
    assert "Hyresavtalet" in text
    assert "25 § FL (2017:900)" in text
    assert "14 kap. 8 § SoL (2025:400)" in text
    assert AccessLogEntry.objects.filter(object_type="kommunicering", object_id=str(record.pk))


def test_an_exception_has_no_letter(
    make_draft: Callable[..., Decision],
    persona: Callable[..., User],
    client_as: Callable[..., Client],
) -> None:
    decision = make_draft(1, outcome=Outcome.REFUSED)
    record = kommunicering_record(
        decision=decision, given=EXCEPTION, by=persona("caseworker"), today=timezone.localdate()
    )
    url = reverse(
        "casefile:kommunicering_letter", args=[decision.household_id, decision.pk, record.pk]
    )
    assert client_as("caseworker").get(url).status_code == 404


def test_staff_of_another_unit_cannot_read_the_letter(
    make_draft: Callable[..., Decision], persona: Callable[..., User], other_unit: object
) -> None:
    decision = make_draft(1, outcome=Outcome.PARTLY_GRANTED)
    record = kommunicering_record(
        decision=decision,
        given=_communicated(),
        by=persona("caseworker"),
        today=timezone.localdate(),
    )
    client = Client()
    client.force_login(persona("caseworker", in_unit=other_unit))
    url = reverse(
        "casefile:kommunicering_letter", args=[decision.household_id, decision.pk, record.pk]
    )
    assert client.get(url).status_code == 404
