"""The journal's pages as the personas use them: the list with its filter and search, the new
note form keeping what was typed, drafts hidden from others, signing, correcting, objections."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bryggan.accounts.models import Unit, User
from bryggan.audit.models import AccessLogEntry
from bryggan.casefile import rules_journal as rules
from bryggan.casefile.models import JournalNote, JournalNoteKind, NoteObjection, ObjectionHow
from bryggan.casefile.services_journal import journal_note_correct, note_objection_record
from bryggan.desk.registry import desk_counts
from bryggan.people.models import Household
from tests.activities.factories import make_household
from tests.casefile.factories_journal import make_note
from tests.test_permissions import _main

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(unit: Unit, persona: Callable[..., User]) -> Household:
    return make_household(unit, persona("caseworker"), serial=411, first="Nora")


def _journal(case: Household, **params: str) -> str:
    url = reverse("casefile:journal", kwargs={"household_id": case.pk})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


def _note_url(name: str, note: JournalNote) -> str:
    return reverse(
        f"casefile:{name}", kwargs={"household_id": note.household_id, "note_id": note.pk}
    )


def test_the_journal_lists_signed_notes_and_own_drafts_newest_event_first(
    case: Household, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    worker, coach, now = persona("caseworker"), persona("work_coach"), timezone.now()
    old = make_note(case, coach, text="Tidigt besök", occurred_at=now - timedelta(days=9))
    new = make_note(case, coach, text="Senare samtal", occurred_at=now - timedelta(days=1))
    make_note(case, worker, text="Mitt utkast", signed=False)
    page = client_as("caseworker").get(_journal(case)).content.decode()
    assert page.index("Mitt utkast") < page.index("Senare samtal") < page.index("Tidigt besök")
    other = client_as("work_coach").get(_journal(case)).content.decode()
    assert "Mitt utkast" not in other
    assert f"note-{old.pk}" in other
    assert f"note-{new.pk}" in other


def test_the_journal_filters_by_kind_and_searches_the_text_ignoring_case(
    case: Household, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    worker = persona("caseworker")
    make_note(case, worker, text="Ringde Åsa om hyran", kind=JournalNoteKind.PHONE_CALL)
    make_note(case, worker, text="Hembesök hos familjen", kind=JournalNoteKind.HOME_VISIT)
    client = client_as("caseworker")
    by_kind = client.get(_journal(case, kind="home_visit")).content.decode()
    assert "Hembesök hos familjen" in by_kind
    assert "Ringde" not in by_kind
    found = client.get(_journal(case, q="åsa")).content.decode()
    assert "Ringde Åsa om hyran" in found
    assert "Hembesök hos familjen" not in found
    none = client.get(_journal(case, q="inget sådant")).content.decode()
    assert "Ringde" not in none
    assert "Hembesök hos" not in none


def test_the_journal_list_takes_a_fixed_number_of_queries(
    case: Household,
    persona: Callable[..., User],
    client_as: Callable[..., Client],
    django_assert_max_num_queries: Any,
) -> None:
    worker = persona("caseworker")
    client = client_as("caseworker")
    for i in range(12):
        note = make_note(case, worker, text=f"Anteckning {i}")
        if i % 3 == 0:
            journal_note_correct(household=case, note=note, by=worker, now=timezone.now())
            note_objection_record(
                note=note,
                received_on=timezone.localdate(),
                how=ObjectionHow.ORAL,
                text="Fel",
                by=worker,
                now=timezone.now(),
            )
    # The menu's counts of waiting items (one COUNT per desk kind, cached 30 s) are measured in
    # tests/desk; made here first so that this counts the page's own statements.
    desk_counts(persona("caseworker"), today=timezone.localdate())
    with django_assert_max_num_queries(12):
        response = client.get(_journal(case))
    assert response.status_code == 200
    assert response.content.decode().count('data-testid="note-') == 16


def test_a_new_note_in_the_future_is_refused_and_the_typed_text_kept(
    case: Household, client_as: Callable[..., Client]
) -> None:
    future = timezone.localtime() + timedelta(days=2)
    response = client_as("caseworker").post(
        reverse("casefile:journal_note_create", kwargs={"household_id": case.pk}),
        {
            "kind": "phone_call",
            "occurred_at": future.strftime("%Y-%m-%dT%H:%M"),
            "member": "",
            "text": "Ringde om hyresskulden",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert str(rules.EVENT_IN_FUTURE) in page
    assert "Ringde om hyresskulden" in page
    assert 'value="phone_call" selected' in page
    assert not JournalNote.objects.exists()


def test_a_caseworker_writes_signs_and_corrects_a_note(
    case: Household, client_as: Callable[..., Client], english: None
) -> None:
    client = client_as("caseworker")
    person = case.members.get().person
    when = timezone.localtime() - timedelta(hours=1)
    response = client.post(
        reverse("casefile:journal_note_create", kwargs={"household_id": case.pk}),
        {
            "kind": "visit",
            "occurred_at": when.strftime("%Y-%m-%dT%H:%M"),
            "member": str(person.pk),
            "text": "Besök: hyran är 7 000 kr",
        },
    )
    note = JournalNote.objects.get()
    assert response.url == _note_url("journal_note_detail", note)
    assert (note.member, note.status) == (person, "draft")
    client.post(_note_url("journal_note_sign", note))
    note.refresh_from_db()
    assert note.is_signed
    again = client.post(_note_url("journal_note_sign", note), follow=True)
    assert str(rules.ALREADY_SIGNED) in again.content.decode()

    response = client.post(_note_url("journal_note_correct", note))
    correction = JournalNote.objects.exclude(pk=note.pk).get()
    assert response.url == _note_url("journal_note_edit", correction)
    client.post(
        _note_url("journal_note_edit", correction),
        {
            "kind": "visit",
            "occurred_at": when.strftime("%Y-%m-%dT%H:%M"),
            "member": str(person.pk),
            "text": "Besök: hyran är 7 500 kr",
        },
    )
    client.post(_note_url("journal_note_sign", correction))
    original = client.get(_note_url("journal_note_detail", note)).content.decode()
    assert f"Corrected by note {correction.pk}" in original
    shown = client.get(_note_url("journal_note_detail", correction)).content.decode()
    assert "7 500 kr" in shown
    assert f"Corrects note {note.pk}" in shown
    note.refresh_from_db()
    assert note.text == "Besök: hyran är 7 000 kr"


def test_a_draft_of_someone_else_answers_as_a_missing_note(
    case: Household, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    draft = make_note(case, persona("caseworker"), signed=False)
    client = client_as("work_coach")
    hidden = client.get(_note_url("journal_note_detail", draft))
    missing = client.get(
        reverse(
            "casefile:journal_note_detail", kwargs={"household_id": case.pk, "note_id": 999_999}
        )
    )
    assert hidden.status_code == missing.status_code == 404
    assert _main(hidden.content) == _main(missing.content)
    assert client.post(_note_url("journal_note_sign", draft)).status_code == 404
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_reading_a_note_is_logged(
    case: Household, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    note = make_note(case, persona("caseworker"))
    client_as("work_coach").get(_note_url("journal_note_detail", note))
    assert AccessLogEntry.objects.filter(
        object_type="journal_note", object_id=str(note.pk), user=persona("work_coach")
    ).exists()


def test_an_objection_with_a_date_in_the_future_is_refused_and_kept(
    case: Household, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    note = make_note(case, persona("caseworker"))
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = client_as("caseworker").post(
        _note_url("note_objection_create", note),
        {"received_on": tomorrow.isoformat(), "how": "oral", "text": "Jag sa inte så"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert str(rules.OBJECTION_IN_FUTURE) in page
    assert "Jag sa inte så" in page
    assert not NoteObjection.objects.exists()


def test_an_objection_shows_under_the_note(
    case: Household, persona: Callable[..., User], client_as: Callable[..., Client], english: None
) -> None:
    note = make_note(case, persona("caseworker"))
    client = client_as("caseworker")
    client.post(
        _note_url("note_objection_create", note),
        {"received_on": timezone.localdate().isoformat(), "how": "written", "text": "Fel belopp"},
    )
    page = client.get(_note_url("journal_note_detail", note)).content.decode()
    assert "Fel belopp" in page
    list_page = client.get(_journal(case)).content.decode()
    assert "1 objection by the client" in list_page


def test_the_case_page_links_to_the_journal(
    case: Household, client_as: Callable[..., Client]
) -> None:
    page = client_as("work_coach").get(
        reverse("people:household_detail", kwargs={"household_id": case.pk})
    )
    assert _journal(case) in page.content.decode()
