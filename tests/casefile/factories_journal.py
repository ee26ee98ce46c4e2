"""Journal notes and case discussions for tests, made through the services."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from bryggan.accounts.models import User
from bryggan.casefile.models import CaseDiscussion, JournalNote, JournalNoteKind
from bryggan.casefile.services_journal import (
    case_discussion_request,
    journal_note_create,
    journal_note_sign,
)
from bryggan.people.models import Household


def make_note(
    household: Household,
    author: User,
    *,
    text: str = "Besök på kontoret: gick igenom hyreskontraktet.",
    kind: JournalNoteKind = JournalNoteKind.VISIT,
    signed: bool = True,
    occurred_at: datetime | None = None,
    now: datetime | None = None,
) -> JournalNote:
    now = now or timezone.now()
    note = journal_note_create(
        household=household,
        author=author,
        kind=kind,
        occurred_at=occurred_at or now - timedelta(hours=2),
        text=text,
        now=now,
    )
    return journal_note_sign(note=note, by=author, now=now) if signed else note


def make_discussion(
    household: Household, by: User, *, question: str = "Ska vi kräva praktik?"
) -> CaseDiscussion:
    return case_discussion_request(
        household=household, by=by, question=question, now=timezone.now()
    )
