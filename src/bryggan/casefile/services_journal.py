"""Writes of the journal and of case discussions. Each call is one transaction with its history
row.

Sources: SoL (2025:400) 14 kap. 3 § (the handling is documented), 6 § (the client's objection is
recorded beside the note, never by changing it); practice: a note is signed and then locked, a
mistake corrected by a new note that refers to it (shared/domain/case-file.md).
"""

from __future__ import annotations

from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from bryggan.accounts.models import User
from bryggan.accounts.roles import Capability, has_capability
from bryggan.audit.services import change_record_write
from bryggan.casefile import rules_journal as rules
from bryggan.casefile.models import (
    CaseDiscussion,
    CaseDiscussionStatus,
    JournalNote,
    JournalNoteKind,
    JournalNoteStatus,
    NoteObjection,
    ObjectionHow,
)
from bryggan.casefile.selectors_journal import fold
from bryggan.core.errors import DomainError
from bryggan.people.models import Household, HouseholdMember, Person


def _check_member(household: Household, member: Person | None) -> None:
    if (
        member is not None
        and not HouseholdMember.objects.filter(household=household, person=member).exists()
    ):
        raise DomainError(rules.MEMBER_NOT_IN_CASE, field="member")


def _locked(note: JournalNote) -> JournalNote:
    return JournalNote.objects.select_for_update().get(pk=note.pk)


@transaction.atomic
def journal_note_create(
    *,
    household: Household,
    author: User,
    kind: JournalNoteKind,
    occurred_at: datetime,
    text: str,
    now: datetime,
    member: Person | None = None,
    corrects: JournalNote | None = None,
) -> JournalNote:
    """A new draft note; with `corrects`, a correction of a signed note of the same case."""
    rules.check_event_time(occurred_at, now=now)
    rules.check_text(text)
    _check_member(household, member)
    if corrects is not None:
        rules.check_may_correct(
            signed=corrects.is_signed, note_case_id=corrects.household_id, case_id=household.pk
        )
    note = JournalNote.objects.create(
        household=household,
        member=member,
        kind=kind,
        occurred_at=occurred_at,
        created_at=now,
        updated_at=now,
        author=author,
        text=text.strip(),
        search_text=fold(text.strip()),
        corrects=corrects,
    )
    change_record_write(
        user=author,
        case_id=household.pk,
        object_type="journal_note",
        object_id=note.pk,
        action="correction_drafted" if corrects is not None else "drafted",
        changes={
            "kind": str(kind),
            "occurred_at": occurred_at.isoformat(),
            "member": member.pk if member else None,
            "corrects": corrects.pk if corrects else None,
        },
    )
    return note


@transaction.atomic
def journal_note_update(
    *,
    note: JournalNote,
    by: User,
    kind: JournalNoteKind,
    occurred_at: datetime,
    text: str,
    now: datetime,
    member: Person | None = None,
) -> JournalNote:
    """Change one's own draft."""
    current = _locked(note)
    rules.check_may_change_draft(
        signed=current.is_signed, author_id=current.author_id, user_id=by.pk
    )
    rules.check_event_time(occurred_at, now=now)
    rules.check_text(text)
    _check_member(current.household, member)
    current.kind, current.occurred_at, current.member = kind, occurred_at, member
    current.text, current.search_text, current.updated_at = text.strip(), fold(text.strip()), now
    current.save(
        update_fields=["kind", "occurred_at", "member", "text", "search_text", "updated_at"]
    )
    change_record_write(
        user=by,
        case_id=current.household_id,
        object_type="journal_note",
        object_id=current.pk,
        action="draft_changed",
        changes={"kind": str(kind), "occurred_at": occurred_at.isoformat()},
    )
    return current


@transaction.atomic
def journal_note_delete(*, note: JournalNote, by: User) -> None:
    """Delete one's own draft; a signed note is never deleted here."""
    current = _locked(note)
    rules.check_may_change_draft(
        signed=current.is_signed, author_id=current.author_id, user_id=by.pk
    )
    change_record_write(
        user=by,
        case_id=current.household_id,
        object_type="journal_note",
        object_id=current.pk,
        action="draft_deleted",
        changes={"kind": current.kind},
    )
    current.delete()


@transaction.atomic
def journal_note_sign(*, note: JournalNote, by: User, now: datetime) -> JournalNote:
    """The author signs the draft; from then on it is locked (model and database trigger)."""
    current = _locked(note)
    rules.check_may_change_draft(
        signed=current.is_signed, author_id=current.author_id, user_id=by.pk
    )
    current.status, current.signed_at, current.signed_by = JournalNoteStatus.SIGNED, now, by
    current.save(update_fields=["status", "signed_at", "signed_by"])
    change_record_write(
        user=by,
        case_id=current.household_id,
        object_type="journal_note",
        object_id=current.pk,
        action="signed",
        changes={"at": now.isoformat()},
    )
    return current


def journal_note_correct(
    *, household: Household, note: JournalNote, by: User, now: datetime
) -> JournalNote:
    """Start a correction of a signed note: a new draft of the same case that points to it, with
    its kind, person, time of event and text to change. Both notes stay."""
    return journal_note_create(
        household=household,
        author=by,
        kind=JournalNoteKind(note.kind),
        occurred_at=note.occurred_at,
        text=note.text,
        member=note.member,
        corrects=note,
        now=now,
    )


@transaction.atomic
def note_objection_record(
    *,
    note: JournalNote,
    received_on: date,
    how: ObjectionHow,
    text: str,
    by: User,
    now: datetime,
) -> NoteObjection:
    """Record the client's objection beside a signed note (SoL (2025:400) 14 kap. 6 §)."""
    current = JournalNote.objects.get(pk=note.pk)
    rules.check_objection(
        signed_on=timezone.localdate(current.signed_at) if current.signed_at else None,
        received_on=received_on,
        today=timezone.localdate(now),
    )
    rules.check_text(text)
    objection = NoteObjection.objects.create(
        note=current,
        received_on=received_on,
        how=how,
        text=text.strip(),
        recorded_by=by,
        recorded_at=now,
    )
    change_record_write(
        user=by,
        case_id=current.household_id,
        object_type="note_objection",
        object_id=objection.pk,
        action="recorded",
        changes={"note": current.pk, "received_on": received_on.isoformat(), "how": str(how)},
    )
    return objection


@transaction.atomic
def case_discussion_request(
    *, household: Household, by: User, question: str, now: datetime
) -> CaseDiscussion:
    """The caseworker asks the unit manager for a case discussion (*ärendedragning*)."""
    rules.check_text(question, message=rules.QUESTION_REQUIRED, field="question")
    discussion = CaseDiscussion.objects.create(
        household=household, requested_by=by, requested_at=now, question=question.strip()
    )
    change_record_write(
        user=by,
        case_id=household.pk,
        object_type="case_discussion",
        object_id=discussion.pk,
        action="requested",
        changes={},
    )
    return discussion


def _waiting(discussion: CaseDiscussion) -> CaseDiscussion:
    current = CaseDiscussion.objects.select_for_update().get(pk=discussion.pk)
    if current.status != CaseDiscussionStatus.REQUESTED:
        raise DomainError(rules.DISCUSSION_NOT_REQUESTED)
    return current


@transaction.atomic
def case_discussion_hold(
    *, discussion: CaseDiscussion, by: User, outcome: str, now: datetime
) -> CaseDiscussion:
    """The manager holds the discussion: its outcome becomes a journal note of the kind "case
    discussion", written and signed by the manager at once, in the same transaction."""
    current = _waiting(discussion)
    rules.check_text(outcome, message=rules.OUTCOME_REQUIRED, field="outcome")
    text = outcome.strip()
    note = JournalNote.objects.create(
        household_id=current.household_id,
        kind=JournalNoteKind.CASE_DISCUSSION,
        occurred_at=now,
        created_at=now,
        updated_at=now,
        author=by,
        text=text,
        search_text=fold(text),
        status=JournalNoteStatus.SIGNED,
        signed_at=now,
        signed_by=by,
    )
    current.status, current.held_at, current.held_by = CaseDiscussionStatus.HELD, now, by
    current.outcome_note = note
    current.save(update_fields=["status", "held_at", "held_by", "outcome_note"])
    change_record_write(
        user=by,
        case_id=current.household_id,
        object_type="case_discussion",
        object_id=current.pk,
        action="held",
        changes={"note": note.pk, "at": now.isoformat()},
    )
    return current


@transaction.atomic
def case_discussion_cancel(
    *, discussion: CaseDiscussion, by: User, now: datetime
) -> CaseDiscussion:
    """Withdraw a request: who asked for it, or a manager."""
    current = _waiting(discussion)
    if current.requested_by_id != by.pk and not has_capability(
        by.role, Capability.HOLD_CASE_DISCUSSION
    ):
        raise DomainError(rules.DISCUSSION_CANCEL_NOT_YOURS)
    current.status, current.cancelled_at = CaseDiscussionStatus.CANCELLED, now
    current.save(update_fields=["status", "cancelled_at"])
    change_record_write(
        user=by,
        case_id=current.household_id,
        object_type="case_discussion",
        object_id=current.pk,
        action="cancelled",
        changes={},
    )
    return current
