"""The demo municipality has a journal: signed notes, a correction, an objection, and case
discussions both waiting and held."""

from __future__ import annotations

import pytest

from bryggan.casefile.models import CaseDiscussion, JournalNote, NoteObjection
from bryggan.demo.generator import generate
from tests.demo.test_generator import NOW

pytestmark = pytest.mark.django_db


def test_the_demo_has_notes_corrections_objections_and_case_discussions() -> None:
    generate(households=30, seed=3, now=NOW)
    assert JournalNote.objects.filter(status="signed").count() >= 10
    assert JournalNote.objects.filter(corrects__isnull=False, status="signed").exists()
    assert NoteObjection.objects.exists()
    assert set(CaseDiscussion.objects.values_list("status", flat=True)) == {"requested", "held"}
    assert not JournalNote.objects.filter(occurred_at__gt=NOW).exists()
