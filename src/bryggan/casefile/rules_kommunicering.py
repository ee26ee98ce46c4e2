"""Rules of kommunicering before a decision that goes against the party.

Pure: values in, values out; "today" is a parameter.

Sources: förvaltningslagen (2017:900) 25 § (the party is told of the material of importance and
given the chance to answer within a set time; the exceptions of its second paragraph, restated in
`models.KommuniceringException`); SoL (2025:400) 14 kap. 8 § (the answer may be given orally).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from bryggan.core.errors import DomainError
from bryggan.decisions.rules import Outcome

KOMMUNICERING_REQUIRED = _(
    "The decision wholly or partly refuses: record the kommunicering (the material communicated "
    "and the answer, or the last day to answer having passed) or the exception of "
    "förvaltningslagen 25 § that applies before signing."
)
KOMMUNICERING_AWAITING_ANSWER = _(
    "The kommunicering awaits the client's answer until {answer_by}: sign after that day, or "
    "record the answer when it comes."
)
NEITHER = _("Record either how the material was communicated or the exception that applies.")
BOTH = _("Record either the communication or an exception, not both.")
MATERIAL_REQUIRED = _("Describe the material that was communicated.")
METHOD_REQUIRED = _("Choose how the material was communicated.")
SENT_REQUIRED = _("Give the day the material was sent or given.")
ANSWER_BY_REQUIRED = _("Give the last day to answer.")
ANSWER_BY_BEFORE_SENT = _("The last day to answer cannot be before the day the material was sent.")
SENT_IN_FUTURE = _("The day the material was sent cannot be in the future.")
ANSWERED_BEFORE_SENT = _("The answer cannot have come before the material was sent.")
ANSWERED_IN_FUTURE = _("The day of the answer cannot be in the future.")
EXCEPTION_REASON_REQUIRED = _("Say why the exception applies.")
ANSWER_ON_EXCEPTION = _("An exception has no answer to record.")
ANSWER_REQUIRED = _("Write down the client's answer (or that they had nothing to add).")
DECISION_NOT_DRAFT = _("Kommunicering is recorded before the decision is signed.")


class Basis(StrEnum):
    COMMUNICATED = "communicated"
    EXCEPTION = "exception"


class Status(StrEnum):
    NOT_NEEDED = "not_needed"  # the decision does not go against the party
    MISSING = "missing"
    AWAITING_ANSWER = "awaiting_answer"
    DONE = "done"


def needs_kommunicering(outcome: Outcome) -> bool:
    """A decision that wholly or partly refuses goes against the party (FL 25 §)."""
    return outcome in (Outcome.REFUSED, Outcome.PARTLY_GRANTED)


@dataclass(frozen=True, slots=True)
class Recorded:
    """What a recorded kommunicering says, for the rules."""

    exception: str
    answer_by: date | None
    answered_on: date | None


def is_complete(recorded: Recorded, *, today: date) -> bool:
    """An exception, or communicated with an answer in or the last day to answer passed."""
    if recorded.exception:
        return True
    return recorded.answered_on is not None or (
        recorded.answer_by is not None and recorded.answer_by < today
    )


def status(outcome: Outcome, recorded: list[Recorded], *, today: date) -> Status:
    if not needs_kommunicering(outcome):
        return Status.NOT_NEEDED
    if any(is_complete(r, today=today) for r in recorded):
        return Status.DONE
    return Status.AWAITING_ANSWER if recorded else Status.MISSING


def check_may_sign(outcome: Outcome, recorded: list[Recorded], *, today: date) -> None:
    """Refuse to sign a decision that goes against the party without kommunicering done."""
    current = status(outcome, recorded, today=today)
    if current == Status.MISSING:
        raise DomainError(KOMMUNICERING_REQUIRED)
    if current == Status.AWAITING_ANSWER:
        last = max(r.answer_by for r in recorded if r.answer_by is not None)
        raise DomainError(KOMMUNICERING_AWAITING_ANSWER.format(answer_by=last.isoformat()))


def check_record(
    *,
    basis: Basis | None,
    material: str,
    method: str,
    sent_on: date | None,
    answer_by: date | None,
    answered_on: date | None,
    answer: str,
    exception: str,
    exception_reason: str,
    today: date,
) -> None:
    """What a new record must say: either the communication or an exception, with dates in
    order (sent ≤ last day to answer; sent ≤ answered ≤ today)."""
    if basis is None:
        raise DomainError(NEITHER, field="basis")
    if basis == Basis.EXCEPTION:
        if not exception:
            raise DomainError(NEITHER, field="exception")
        if not exception_reason.strip():
            raise DomainError(EXCEPTION_REASON_REQUIRED, field="exception_reason")
        if method or sent_on or answered_on:
            raise DomainError(BOTH)
        return
    if exception:
        raise DomainError(BOTH)
    if not material.strip():
        raise DomainError(MATERIAL_REQUIRED, field="material")
    if not method:
        raise DomainError(METHOD_REQUIRED, field="method")
    if sent_on is None:
        raise DomainError(SENT_REQUIRED, field="sent_on")
    if sent_on > today:
        raise DomainError(SENT_IN_FUTURE, field="sent_on")
    if answer_by is None:
        raise DomainError(ANSWER_BY_REQUIRED, field="answer_by")
    if answer_by < sent_on:
        raise DomainError(ANSWER_BY_BEFORE_SENT, field="answer_by")
    if answered_on is not None:
        check_answer(sent_on=sent_on, answered_on=answered_on, answer=answer, today=today)


def check_answer(*, sent_on: date, answered_on: date, answer: str, today: date) -> None:
    if answered_on < sent_on:
        raise DomainError(ANSWERED_BEFORE_SENT, field="answered_on")
    if answered_on > today:
        raise DomainError(ANSWERED_IN_FUTURE, field="answered_on")
    if not answer.strip():
        raise DomainError(ANSWER_REQUIRED, field="answer")
