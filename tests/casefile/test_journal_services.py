"""The journal's services: drafts, signing and the lock (model and database), corrections,
objections, and the rules that refuse."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from bryggan.accounts.models import Unit, User
from bryggan.audit.models import ChangeRecord
from bryggan.casefile import rules_journal as rules
from bryggan.casefile.models import NOTE_LOCKED, JournalNote, JournalNoteKind, ObjectionHow
from bryggan.casefile.selectors_journal import journal_note_list, journal_timeline_rows
from bryggan.casefile.services_journal import (
    journal_note_correct,
    journal_note_create,
    journal_note_delete,
    journal_note_sign,
    journal_note_update,
    note_objection_record,
)
from bryggan.core.errors import DomainError
from bryggan.people.models import Household
from tests.activities.factories import make_household
from tests.casefile.factories_journal import make_note

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(unit: Unit, persona: Callable[..., User]) -> Household:
    return make_household(unit, persona("caseworker"), serial=401)


def test_a_new_note_is_a_draft_with_its_times_author_and_history(
    case: Household, persona: Callable[..., User]
) -> None:
    worker, now = persona("caseworker"), timezone.now()
    note = journal_note_create(
        household=case,
        author=worker,
        kind=JournalNoteKind.PHONE_CALL,
        occurred_at=now - timedelta(days=1),
        text="  Ringde om hyran.  ",
        now=now,
    )
    assert (note.status, note.text, note.created_at, note.author) == (
        "draft",
        "Ringde om hyran.",
        now,
        worker,
    )
    assert ChangeRecord.objects.filter(object_type="journal_note", action="drafted").count() == 1


def test_the_time_of_the_event_cannot_be_in_the_future(
    case: Household, persona: Callable[..., User]
) -> None:
    now = timezone.now()
    with pytest.raises(DomainError) as refused:
        journal_note_create(
            household=case,
            author=persona("caseworker"),
            kind=JournalNoteKind.VISIT,
            occurred_at=now + timedelta(minutes=5),
            text="Besök",
            now=now,
        )
    assert (refused.value.message, refused.value.field) == (rules.EVENT_IN_FUTURE, "occurred_at")
    assert not JournalNote.objects.exists()


def test_a_note_about_someone_outside_the_case_is_refused(
    case: Household, unit: Unit, persona: Callable[..., User]
) -> None:
    stranger = make_household(unit, persona("caseworker"), serial=402).members.get().person
    with pytest.raises(DomainError, match=str(rules.MEMBER_NOT_IN_CASE)):
        journal_note_create(
            household=case,
            author=persona("caseworker"),
            kind=JournalNoteKind.VISIT,
            occurred_at=timezone.now(),
            text="Besök",
            member=stranger,
            now=timezone.now(),
        )


def test_a_draft_is_seen_only_by_its_author(case: Household, persona: Callable[..., User]) -> None:
    worker, coach = persona("caseworker"), persona("work_coach")
    draft = make_note(case, worker, signed=False)
    signed = make_note(case, coach, text="Signerad")
    assert set(journal_note_list(case.pk, worker)) == {draft, signed}
    assert list(journal_note_list(case.pk, coach)) == [signed]
    assert [row["id"] for row in journal_timeline_rows(case.pk, coach)] == [signed.pk]


def test_only_the_author_changes_signs_or_deletes_a_draft(
    case: Household, persona: Callable[..., User]
) -> None:
    draft = make_note(case, persona("caseworker"), signed=False)
    other = persona("unit_manager")
    for attempt in (
        lambda: journal_note_sign(note=draft, by=other, now=timezone.now()),
        lambda: journal_note_delete(note=draft, by=other),
        lambda: journal_note_update(
            note=draft,
            by=other,
            kind=JournalNoteKind.OTHER,
            occurred_at=draft.occurred_at,
            text="Ändrad",
            now=timezone.now(),
        ),
    ):
        with pytest.raises(DomainError, match=str(rules.NOT_YOUR_DRAFT)):
            attempt()
    draft.refresh_from_db()
    assert (draft.status, draft.kind) == ("draft", "visit")


def test_the_author_changes_and_deletes_a_draft(
    case: Household, persona: Callable[..., User]
) -> None:
    worker = persona("caseworker")
    draft = make_note(case, worker, signed=False)
    journal_note_update(
        note=draft,
        by=worker,
        kind=JournalNoteKind.HOME_VISIT,
        occurred_at=draft.occurred_at,
        text="Hembesök, Åsa var hemma",
        now=timezone.now(),
    )
    assert list(journal_note_list(case.pk, worker, q="åSA")) == [draft]
    journal_note_delete(note=draft, by=worker)
    assert not JournalNote.objects.exists()


def test_signing_locks_the_note_and_signing_twice_is_refused(
    case: Household, persona: Callable[..., User]
) -> None:
    worker = persona("caseworker")
    note = make_note(case, worker)
    assert (note.status, note.signed_by) == ("signed", worker)
    with pytest.raises(DomainError) as twice:
        journal_note_sign(note=note, by=worker, now=timezone.now())
    assert twice.value.message == rules.ALREADY_SIGNED
    with pytest.raises(DomainError, match=str(rules.ALREADY_SIGNED)):
        journal_note_delete(note=note, by=worker)
    note.text = "Ändrad i efterhand"
    with pytest.raises(DomainError, match=str(NOTE_LOCKED)):
        note.save()
    with pytest.raises(DomainError, match=str(NOTE_LOCKED)):
        note.delete()


def test_the_database_refuses_to_update_a_signed_note(
    case: Household, persona: Callable[..., User]
) -> None:
    note = make_note(case, persona("caseworker"), text="Som det var")
    draft = make_note(case, persona("caseworker"), text="Utkast", signed=False)
    with pytest.raises(DatabaseError), transaction.atomic():
        JournalNote.objects.filter(pk=note.pk).update(text="Ändrad med SQL")
    with (
        pytest.raises(DatabaseError),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE casefile_journalnote SET status = 'draft' WHERE id = %s", [note.pk])
    note.refresh_from_db()
    assert (note.text, note.status) == ("Som det var", "signed")
    # A draft is still changed freely.
    JournalNote.objects.filter(pk=draft.pk).update(text="Utkast 2")
    draft.refresh_from_db()
    assert draft.text == "Utkast 2"


def test_a_correction_is_a_new_draft_pointing_to_the_signed_note_and_both_stay(
    case: Household, persona: Callable[..., User]
) -> None:
    worker = persona("caseworker")
    note = make_note(case, worker, text="Fel datum för besöket")
    correction = journal_note_correct(household=case, note=note, by=worker, now=timezone.now())
    assert (correction.status, correction.corrects, correction.text) == (
        "draft",
        note,
        note.text,
    )
    journal_note_sign(note=correction, by=worker, now=timezone.now())
    note.refresh_from_db()
    assert note.text == "Fel datum för besöket"
    assert list(note.corrections.all()) == [correction]
    assert ChangeRecord.objects.filter(action="correction_drafted").count() == 1


def test_a_draft_cannot_be_corrected(case: Household, persona: Callable[..., User]) -> None:
    worker = persona("caseworker")
    draft = make_note(case, worker, signed=False)
    with pytest.raises(DomainError, match=str(rules.CORRECT_ONLY_SIGNED)):
        journal_note_correct(household=case, note=draft, by=worker, now=timezone.now())


def test_a_note_of_another_case_cannot_be_corrected(
    case: Household, unit: Unit, persona: Callable[..., User]
) -> None:
    worker = persona("caseworker")
    other = make_household(unit, worker, serial=403)
    foreign = make_note(other, worker)
    with pytest.raises(DomainError, match=str(rules.CORRECT_OTHER_CASE)):
        journal_note_correct(household=case, note=foreign, by=worker, now=timezone.now())
    assert JournalNote.objects.count() == 1


def test_an_objection_is_recorded_beside_a_signed_note_without_changing_it(
    case: Household, persona: Callable[..., User]
) -> None:
    worker = persona("caseworker")
    note = make_note(case, worker, text="Klienten uteblev")
    objection = note_objection_record(
        note=note,
        received_on=timezone.localdate(),
        how=ObjectionHow.WRITTEN,
        text="Jag var sjuk och ringde.",
        by=worker,
        now=timezone.now(),
    )
    note.refresh_from_db()
    assert (note.text, list(note.objections.all())) == ("Klienten uteblev", [objection])


def test_an_objection_on_a_draft_is_refused(case: Household, persona: Callable[..., User]) -> None:
    worker = persona("caseworker")
    draft = make_note(case, worker, signed=False)
    with pytest.raises(DomainError, match=str(rules.OBJECTION_ONLY_SIGNED)):
        note_objection_record(
            note=draft,
            received_on=timezone.localdate(),
            how=ObjectionHow.ORAL,
            text="Fel",
            by=worker,
            now=timezone.now(),
        )


def test_an_objection_received_before_signing_or_in_the_future_is_refused(
    case: Household, persona: Callable[..., User]
) -> None:
    worker = persona("caseworker")
    note = make_note(case, worker)
    today = timezone.localdate()
    for day, message in (
        (today + timedelta(days=1), rules.OBJECTION_IN_FUTURE),
        (today - timedelta(days=3), rules.OBJECTION_BEFORE_NOTE),
    ):
        with pytest.raises(DomainError) as refused:
            note_objection_record(
                note=note,
                received_on=day,
                how=ObjectionHow.ORAL,
                text="Fel",
                by=worker,
                now=timezone.now(),
            )
        assert (refused.value.message, refused.value.field) == (message, "received_on")
