"""The merge of the timeline's sources: newest first, the later of two steps at the same moment
first, and only the sources of the kinds asked for are read."""

from __future__ import annotations

from datetime import datetime

import pytest

from bryggan.accounts.models import User
from bryggan.casefile import selectors_timeline
from bryggan.casefile.rules_timeline import Kind
from bryggan.casefile.selectors_timeline import TimelineEntry, case_timeline
from tests.conftest import local

VIEWER = User(username="reader")


def _entry(when: datetime, title: str, kind: Kind = Kind.DECISION) -> TimelineEntry:
    return TimelineEntry(when=when, kind=kind, title=title)


def test_entries_of_all_sources_come_newest_first(monkeypatch: pytest.MonkeyPatch) -> None:
    def decisions(household_id: int, viewer: User) -> list[TimelineEntry]:
        return [_entry(local(2024, 3, 1), "drafted"), _entry(local(2024, 3, 2), "signed")]

    def payments(household_id: int, viewer: User) -> list[TimelineEntry]:
        return [_entry(local(2024, 3, 1, 12), "sent", Kind.PAYMENT)]

    monkeypatch.setattr(
        selectors_timeline, "SOURCES", [(Kind.DECISION, decisions), (Kind.PAYMENT, payments)]
    )
    titles = [e.title for e in case_timeline(1, viewer=VIEWER)]
    assert titles == ["signed", "sent", "drafted"]


def test_of_two_steps_at_the_same_moment_the_later_comes_first(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    same = local(2024, 3, 1)

    def steps(household_id: int, viewer: User) -> list[TimelineEntry]:
        return [_entry(same, "first"), _entry(same, "second"), _entry(same, "third")]

    monkeypatch.setattr(selectors_timeline, "SOURCES", [(Kind.DECISION, steps)])
    assert [e.title for e in case_timeline(1, viewer=VIEWER)] == ["third", "second", "first"]


def test_only_the_sources_of_the_kinds_asked_for_are_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    read: list[str] = []

    def source(kind: Kind) -> selectors_timeline.Source:
        def entries(household_id: int, viewer: User) -> list[TimelineEntry]:
            read.append(kind)
            return [_entry(local(2024, 1, 1), kind, kind)]

        return entries

    monkeypatch.setattr(selectors_timeline, "SOURCES", [(kind, source(kind)) for kind in Kind])
    shown = case_timeline(1, viewer=VIEWER, kinds=[Kind.PAYMENT, Kind.CLOSURE])
    assert {e.kind for e in shown} == {Kind.PAYMENT, Kind.CLOSURE}
    assert sorted(read) == sorted([Kind.PAYMENT, Kind.CLOSURE])
