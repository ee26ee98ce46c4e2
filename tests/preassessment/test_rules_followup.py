"""The follow-up's figures from proposal rows."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bryggan.preassessment.rules_followup import follow_up, percentile

T0 = datetime(2026, 12, 1, 9, tzinfo=UTC)


def row(outcome: str, proposed: int | None, decided: int | None, hours: float | None) -> dict:
    return {
        "outcome": outcome,
        "proposed_amount": proposed,
        "decided_amount": decided,
        "submitted_at": T0,
        "decided_at": T0 + timedelta(hours=hours) if hours is not None else None,
    }


def test_percentile_is_the_nearest_rank() -> None:
    assert percentile([], 0.9) is None
    assert percentile(list(range(1, 11)), 0.9) == 9
    assert percentile([5.0], 0.9) == 5.0


def test_figures() -> None:
    figures = follow_up(
        [
            row("all_passed", 6000, 6000, 2),
            row("all_passed", 6000, 6400, 4),
            row("needs_assessment", 5000, 4000, 10),
            row("sample", 7000, 7000, 30),
            row("needs_assessment", 5000, None, None),
        ]
    )
    assert (figures.proposals, figures.all_passed, figures.sample, figures.decided) == (5, 2, 1, 4)
    assert figures.all_passed_percent == 60.0
    assert (figures.median_hours, figures.p90_hours) == (7.0, 30.0)
    assert (figures.changed, figures.changed_percent) == (2, 50.0)
    assert (figures.mean_change, figures.largest_change) == (700, 1000)
    assert (figures.sample_decided, figures.sample_changed) == (1, 0)


def test_no_proposals_give_no_figures() -> None:
    figures = follow_up([])
    assert figures.all_passed_percent is None
    assert figures.median_hours is None


def test_appeals_are_counted_among_decided_proposals() -> None:
    appealed = row("all_passed", 6000, 6000, 2) | {"appealed": True}
    undecided = row("needs_assessment", 5000, None, None) | {"appealed": False}
    figures = follow_up([appealed, row("sample", 7000, 7000, 3), undecided])
    assert (figures.appealed, figures.appealed_percent) == (1, 50.0)
    assert follow_up([]).appealed_percent is None
