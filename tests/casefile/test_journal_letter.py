"""The journal as a PDF for the client: signed notes only, with corrections and objections,
protected identities respected, the download gated and logged."""

from __future__ import annotations

import base64
import re
import zlib
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bryggan.accounts.models import Unit, User
from bryggan.audit.models import AccessLogEntry
from bryggan.casefile.models import JournalNoteKind, ObjectionHow
from bryggan.casefile.services_journal import (
    journal_note_correct,
    journal_note_create,
    journal_note_sign,
    note_objection_record,
)
from bryggan.people.models import Household, Person
from tests.activities.factories import make_household
from tests.casefile.factories_journal import make_note

pytestmark = pytest.mark.django_db


def pdf_text(pdf: bytes) -> str:
    """The text shown by a ReportLab PDF: its page streams (ASCII85 and Flate) decoded, the
    strings of the text operators joined. Enough for the short ASCII-safe texts of these tests."""
    shown = []
    for stream in re.findall(rb"stream\r?\n(.*?)endstream", pdf, re.DOTALL):
        data = stream.strip()
        if data.endswith(b"~>"):
            data = base64.a85decode(data[:-2], adobe=False)
        try:
            data = zlib.decompress(data)
        except zlib.error:
            continue
        shown += re.findall(rb"\((.*?)(?<!\\)\)\s*Tj", data)
    return " ".join(s.decode("latin-1") for s in shown)


@pytest.fixture
def case(unit: Unit, persona: Callable[..., User]) -> Household:
    return make_household(unit, persona("caseworker"), serial=421, first="Nora")


def _letter(client: Client, case: Household) -> bytes:
    response = client.get(reverse("casefile:journal_letter", kwargs={"household_id": case.pk}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    return response.content


def test_the_pdf_holds_the_signed_notes_with_corrections_and_objections_but_no_drafts(
    case: Household, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    worker = persona("caseworker")
    note = make_note(case, worker, text="Visit at the office about the rent")
    correction = journal_note_correct(household=case, note=note, by=worker, now=timezone.now())
    journal_note_sign(note=correction, by=worker, now=timezone.now())
    note_objection_record(
        note=note,
        received_on=timezone.localdate(),
        how=ObjectionHow.WRITTEN,
        text="I did not say that",
        by=worker,
        now=timezone.now(),
    )
    make_note(case, worker, text="Unfinished draft", signed=False)
    pdf = _letter(client_as("caseworker"), case)
    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf)
    assert "Visit at the office about the rent" in text
    assert "I did not say that" in text
    assert f"nr {correction.pk}" in text
    assert f"nr {note.pk}" in text
    assert "Unfinished draft" not in text
    assert "14 kap. 6" in text


def test_the_pdf_names_nobody_when_someone_in_the_case_has_a_protected_identity(
    case: Household, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    person = case.members.get().person
    note = journal_note_create(
        household=case,
        author=persona("caseworker"),
        kind=JournalNoteKind.MEETING,
        occurred_at=timezone.now(),
        text="Meeting",
        member=person,
        now=timezone.now(),
    )
    journal_note_sign(note=note, by=persona("caseworker"), now=timezone.now())
    assert "Nora" in pdf_text(_letter(client_as("caseworker"), case))
    Person.objects.filter(pk=person.pk).update(protected_identity=True)
    assert "Nora" not in pdf_text(_letter(client_as("caseworker"), case))


def test_the_download_is_logged(
    case: Household, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    _letter(client_as("work_coach"), case)
    assert AccessLogEntry.objects.filter(
        object_type="journal_letter", case_id=case.pk, user=persona("work_coach")
    ).exists()


def test_staff_of_another_unit_cannot_download_it(
    case: Household, persona: Callable[..., User], other_unit: Unit
) -> None:
    client = Client()
    client.force_login(persona("caseworker", in_unit=other_unit))
    response = client.get(reverse("casefile:journal_letter", kwargs={"household_id": case.pk}))
    assert response.status_code == 404


def test_an_empty_journal_still_gives_a_letter(
    case: Household, client_as: Callable[..., Client]
) -> None:
    assert "inga signerade" in pdf_text(_letter(client_as("caseworker"), case))
