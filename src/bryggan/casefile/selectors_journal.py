"""Reads of the journal and of case discussions, for lists, the timeline, the letter and the
manager's follow-up. Single notes are read through `access_journal`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.functions import TruncMonth

from bryggan.accounts.models import Unit, User
from bryggan.casefile.access_journal import visible_to
from bryggan.casefile.models import (
    CaseDiscussion,
    CaseDiscussionStatus,
    JournalNote,
    JournalNoteKind,
    JournalNoteStatus,
    NoteObjection,
)
from bryggan.core.month import Month
from bryggan.people.models import HouseholdMember, Person


def fold(text: str) -> str:
    """The form of a text that search compares: case-folded (Å and å alike, on every database)."""
    return text.casefold()


def _with_details(notes: QuerySet[JournalNote], user: User | None) -> QuerySet[JournalNote]:
    corrections = JournalNote.objects.order_by("occurred_at", "id")
    corrections = (
        corrections.filter(visible_to(user))
        if user is not None
        else corrections.filter(status=JournalNoteStatus.SIGNED)
    )
    return notes.select_related("author", "signed_by", "member", "corrects").prefetch_related(
        Prefetch("objections", queryset=NoteObjection.objects.select_related("recorded_by")),
        Prefetch("corrections", queryset=corrections.only("id", "corrects_id", "status")),
    )


def journal_note_list(
    household_id: int, user: User, *, kind: str = "", q: str = ""
) -> QuerySet[JournalNote]:
    """The case's signed notes and the user's own drafts, newest event first; `kind` filters by
    kind, `q` searches in the text ignoring case."""
    notes = JournalNote.objects.filter(visible_to(user), household_id=household_id)
    if kind in JournalNoteKind.values:
        notes = notes.filter(kind=kind)
    if q.strip():
        notes = notes.filter(search_text__contains=fold(q.strip()))
    return _with_details(notes, user).order_by("-occurred_at", "-id")


def journal_timeline_rows(household_id: int, user: User) -> QuerySet[JournalNote, dict[str, Any]]:
    """For the case timeline: the signed notes and the user's own drafts, newest event first,
    each followed by its objections in the order they came in (one row per objection, a note
    without any on one row with the `objections__` columns empty).

    One query: the notes with their authors and objections joined, rather than the note list's
    objects with their corrections and objections prefetched (three queries) of which the
    timeline uses a few columns.
    """
    return (
        JournalNote.objects.filter(visible_to(user), household_id=household_id)
        .order_by("-occurred_at", "-id", "objections__received_on", "objections__id")
        .values(
            "id",
            "status",
            "kind",
            "occurred_at",
            "corrects_id",
            "text",
            "author__first_name",
            "author__last_name",
            "objections__id",
            "objections__received_on",
            "objections__text",
            "objections__recorded_by__first_name",
            "objections__recorded_by__last_name",
        )
    )


def journal_notes_for_letter(household_id: int) -> list[JournalNote]:
    """What the client reads: the signed notes only, oldest first, with objections and
    corrections (signed ones)."""
    notes = JournalNote.objects.filter(household_id=household_id, status=JournalNoteStatus.SIGNED)
    return list(_with_details(notes, None).order_by("occurred_at", "id"))


def case_members(household_id: int) -> list[Person]:
    """Everyone who is or was a member of the case, the applicant first: whom a note may concern."""
    members = (
        HouseholdMember.objects.filter(household_id=household_id)
        .select_related("person")
        .order_by("role", "person__birth_date")
    )
    seen: dict[int, Person] = {}
    for member in members:
        seen.setdefault(member.person_id, member.person)
    return list(seen.values())


def case_discussions_for_case(household_id: int) -> QuerySet[CaseDiscussion]:
    return (
        CaseDiscussion.objects.filter(household_id=household_id)
        .select_related("requested_by", "held_by", "outcome_note")
        .order_by("-requested_at", "-id")
    )


def case_discussion_timeline_rows(household_id: int) -> QuerySet[CaseDiscussion, dict[str, Any]]:
    """For the case timeline: the case's discussions, newest request first, with the names of
    who asked and who held them; one query of the columns the timeline shows."""
    return (
        CaseDiscussion.objects.filter(household_id=household_id)
        .order_by("-requested_at", "-id")
        .values(
            "id",
            "requested_at",
            "question",
            "requested_by__first_name",
            "requested_by__last_name",
            "held_at",
            "held_by_id",
            "held_by__first_name",
            "held_by__last_name",
            "outcome_note_id",
            "cancelled_at",
        )
    )


def case_discussions_waiting(unit: Unit) -> QuerySet[CaseDiscussion]:
    """The unit's requested discussions, oldest request first: the manager's list."""
    return (
        CaseDiscussion.objects.filter(household__unit=unit, status=CaseDiscussionStatus.REQUESTED)
        .select_related("household", "requested_by")
        .order_by("requested_at", "id")
    )


@dataclass(frozen=True, slots=True)
class DiscussionCount:
    """Case discussions asked for by one caseworker in one month, and how many of those were
    held (counted in the month of the request)."""

    month: Month
    caseworker: str
    requested: int
    held: int


def case_discussion_counts(unit: Unit, *, since: date) -> list[DiscussionCount]:
    """Per caseworker and month of the request, from `since`: newest month first. One query."""
    tz = ZoneInfo(settings.TIME_ZONE)
    rows = (
        CaseDiscussion.objects.filter(
            household__unit=unit,
            requested_at__gte=datetime.combine(since, time.min, tzinfo=tz),
        )
        .annotate(month=TruncMonth("requested_at", tzinfo=tz))
        .values("month", "requested_by", "requested_by__first_name", "requested_by__last_name")
        .annotate(
            requested=Count("id"),
            held=Count("id", filter=Q(status=CaseDiscussionStatus.HELD)),
        )
        .order_by("-month", "requested_by__last_name", "requested_by__first_name")
    )
    return [
        DiscussionCount(
            month=Month.of(row["month"]),
            caseworker=" ".join(
                (row["requested_by__first_name"], row["requested_by__last_name"])
            ).strip(),
            requested=row["requested"],
            held=row["held"],
        )
        for row in rows
    ]
