"""Reads of kommunicering: the records of a decision and where the decision stands."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from bryggan.casefile import rules_kommunicering as rules
from bryggan.casefile.models import Kommunicering
from bryggan.decisions.models import Decision
from bryggan.decisions.rules import Outcome


def kommunicering_for_decision(decision_id: int) -> QuerySet[Kommunicering]:
    return Kommunicering.objects.filter(decision_id=decision_id).select_related("created_by")


def recorded(records: list[Kommunicering]) -> list[rules.Recorded]:
    return [rules.Recorded(r.exception, r.answer_by, r.answered_on) for r in records]


@dataclass(frozen=True, slots=True)
class KommuniceringState:
    """What the decision page shows: the status and the records."""

    status: rules.Status
    records: list[Kommunicering]

    @property
    def blocks_signing(self) -> bool:
        return self.status in (rules.Status.MISSING, rules.Status.AWAITING_ANSWER)


def kommunicering_state(decision: Decision, *, today: date) -> KommuniceringState:
    records = list(kommunicering_for_decision(decision.pk))
    return KommuniceringState(
        status=rules.status(Outcome(decision.outcome), recorded(records), today=today),
        records=records,
    )
