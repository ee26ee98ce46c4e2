"""The follow-up of pre-assessment: how often every check passed, how long a decision took, how
often and by how much caseworkers changed a proposed amount, what the random sample found, and how
often a decision made from a proposal was appealed. Pure: rows in, figures out."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from statistics import median
from typing import Any

from bryggan.preassessment.rules import ProposalOutcome

HOUR = 3600


def percentile(values: Sequence[float], share: float) -> float | None:
    """The nearest-rank percentile (`share` in 0–1) of the values; None for none."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


@dataclass(frozen=True, slots=True)
class FollowUp:
    proposals: int
    all_passed: int
    sample: int
    decided: int
    median_hours: float | None
    p90_hours: float | None
    changed: int
    mean_change: float | None
    largest_change: int | None
    sample_decided: int
    sample_changed: int
    appealed: int = 0  # decided proposals whose decision has been appealed

    @property
    def all_passed_percent(self) -> float | None:
        passed = self.all_passed + self.sample
        return round(100 * passed / self.proposals, 1) if self.proposals else None

    @property
    def changed_percent(self) -> float | None:
        return round(100 * self.changed / self.decided, 1) if self.decided else None

    @property
    def appealed_percent(self) -> float | None:
        return round(100 * self.appealed / self.decided, 1) if self.decided else None


def follow_up(rows: Iterable[Mapping[str, Any]]) -> FollowUp:
    """Figures from proposal rows (outcome, proposed_amount, decided_amount, submitted_at,
    decided_at, and optionally appealed: whether the decision made from it was appealed)."""
    rows = list(rows)
    decided = [r for r in rows if r["decided_at"] is not None]
    hours = [
        (r["decided_at"] - r["submitted_at"]).total_seconds() / HOUR
        for r in decided
        if isinstance(r["decided_at"], datetime)
    ]
    changes = [
        abs(r["decided_amount"] - r["proposed_amount"])
        for r in decided
        if r["proposed_amount"] is not None and r["decided_amount"] != r["proposed_amount"]
    ]
    sample = [r for r in rows if r["outcome"] == ProposalOutcome.SAMPLE]
    sample_decided = [r for r in sample if r["decided_at"] is not None]
    return FollowUp(
        proposals=len(rows),
        all_passed=sum(1 for r in rows if r["outcome"] == ProposalOutcome.ALL_PASSED),
        sample=len(sample),
        decided=len(decided),
        median_hours=round(median(hours), 1) if hours else None,
        p90_hours=round(p, 1) if (p := percentile(hours, 0.9)) is not None else None,
        changed=len(changes),
        mean_change=round(sum(changes) / len(changes)) if changes else None,
        largest_change=max(changes) if changes else None,
        sample_decided=len(sample_decided),
        sample_changed=sum(
            1 for r in sample_decided if r["decided_amount"] != r["proposed_amount"]
        ),
        appealed=sum(1 for r in decided if r.get("appealed")),
    )
