"""Writes of kommunicering: recording it for a draft decision, recording the answer, and the check
`decisions.services.decision_sign` calls before a decision that goes against the party.

Each write is one transaction with its history row. Sources in `rules_kommunicering`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction

from bryggan.accounts.models import User
from bryggan.audit.services import change_record_write
from bryggan.casefile import rules_kommunicering as rules
from bryggan.casefile import selectors_kommunicering as selectors
from bryggan.casefile.models import Kommunicering
from bryggan.core.errors import DomainError
from bryggan.decisions.models import Decision, DecisionStatus
from bryggan.decisions.rules import Outcome


@dataclass(frozen=True, slots=True)
class KommuniceringInput:
    """One record as typed: the communication (what, how, when, by when, perhaps the answer) or
    the exception with its reason."""

    basis: rules.Basis | None
    material: str = ""
    method: str = ""
    sent_on: date | None = None
    answer_by: date | None = None
    answered_on: date | None = None
    answer: str = ""
    exception: str = ""
    exception_reason: str = ""


@transaction.atomic
def kommunicering_record(
    *, decision: Decision, given: KommuniceringInput, by: User, today: date
) -> Kommunicering:
    """Record the kommunicering of a draft decision, or the exception that applies."""
    locked = Decision.objects.select_for_update().get(pk=decision.pk)
    if locked.status != DecisionStatus.DRAFT:
        raise DomainError(rules.DECISION_NOT_DRAFT)
    rules.check_record(
        basis=given.basis,
        material=given.material,
        method=given.method,
        sent_on=given.sent_on,
        answer_by=given.answer_by,
        answered_on=given.answered_on,
        answer=given.answer,
        exception=given.exception,
        exception_reason=given.exception_reason,
        today=today,
    )
    exception = given.basis == rules.Basis.EXCEPTION
    record = Kommunicering.objects.create(
        household_id=locked.household_id,
        decision=locked,
        material=given.material.strip() if not exception else "",
        method=given.method if not exception else "",
        sent_on=given.sent_on if not exception else None,
        answer_by=given.answer_by if not exception else None,
        answered_on=given.answered_on if not exception else None,
        answer=given.answer.strip() if not exception and given.answered_on else "",
        exception=given.exception if exception else "",
        exception_reason=given.exception_reason.strip() if exception else "",
        created_by=by,
    )
    change_record_write(
        user=by,
        case_id=locked.household_id,
        object_type="kommunicering",
        object_id=record.pk,
        action="recorded",
        changes={
            "decision": locked.pk,
            "exception": record.exception,
            "method": record.method,
            "sent_on": record.sent_on.isoformat() if record.sent_on else None,
            "answer_by": record.answer_by.isoformat() if record.answer_by else None,
            "answered_on": record.answered_on.isoformat() if record.answered_on else None,
        },
    )
    return record


@transaction.atomic
def kommunicering_answer_record(
    *, kommunicering: Kommunicering, answered_on: date, answer: str, by: User, today: date
) -> Kommunicering:
    """Record the client's answer (in writing or orally, SoL (2025:400) 14 kap. 8 §)."""
    locked = Kommunicering.objects.select_for_update().get(pk=kommunicering.pk)
    if locked.is_exception or locked.sent_on is None:
        raise DomainError(rules.ANSWER_ON_EXCEPTION)
    rules.check_answer(sent_on=locked.sent_on, answered_on=answered_on, answer=answer, today=today)
    locked.answered_on, locked.answer = answered_on, answer.strip()
    locked.save(update_fields=["answered_on", "answer", "updated_at"])
    change_record_write(
        user=by,
        case_id=locked.household_id,
        object_type="kommunicering",
        object_id=locked.pk,
        action="answered",
        changes={"answered_on": answered_on.isoformat()},
    )
    return locked


def kommunicering_sign_check(*, decision: Decision, today: date) -> None:
    """Refuse to sign a decision that wholly or partly refuses before the kommunicering is done
    (FL 25 §). Called from `decisions.services.decision_sign`, inside its transaction."""
    if not rules.needs_kommunicering(Outcome(decision.outcome)):
        return  # nothing recorded could refuse it: not read
    records = list(selectors.kommunicering_for_decision(decision.pk))
    rules.check_may_sign(Outcome(decision.outcome), selectors.recorded(records), today=today)
