"""Every decision letter is stored as a PDF with its checksum at signing, dated the day signed, and
served byte for byte afterwards; a failed signing leaves no file."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bryggan.accounts.models import User
from bryggan.activities.models import ReconsiderationOccasion, ReconsiderationOutcome
from bryggan.activities.services import sanction_reconsider
from bryggan.audit.models import AccessLogEntry
from bryggan.casefile.models import Document, DocumentDirection, DocumentKind
from bryggan.casefile.selectors_documents import FILE_DAMAGED
from bryggan.casefile.services_documents import LETTER_NOT_PDF, letter_store
from bryggan.core.errors import DomainError
from bryggan.decisions import services as decision_services
from bryggan.decisions.models import Decision, DecisionStatus
from bryggan.decisions.services import decision_sign
from bryggan.people.models import Household
from tests.activities.factories import make_sanction
from tests.casefile.documents_files import case
from tests.decisions.pdf import pdf_text
from tests.payments.conftest import current_year_norm, delegation, make_decision

__all__ = ["case", "current_year_norm", "delegation", "make_decision"]
pytestmark = pytest.mark.django_db


@pytest.fixture
def documents_dir(settings: Any, tmp_path: Path) -> Path:
    settings.BRYGGAN_DOCUMENTS_DIR = tmp_path / "documents"
    return settings.BRYGGAN_DOCUMENTS_DIR


def _files(folder: Path) -> list[Path]:
    return [path for path in folder.rglob("*") if path.is_file()] if folder.exists() else []


def test_the_letter_is_stored_at_signing_dated_the_day_signed(
    make_decision: Callable[..., Decision], documents_dir: Path
) -> None:
    decision = make_decision(1)
    letter = Document.objects.get()
    stored = (documents_dir / letter.stored_name).read_bytes()
    assert (letter.direction, letter.kind) == (
        DocumentDirection.OUTGOING,
        DocumentKind.DECISION_LETTER,
    )
    assert (letter.letter_for_type, letter.letter_for_id) == ("decision", decision.pk)
    assert letter.household_id == decision.household_id
    assert letter.received_on == timezone.localdate(decision.signed_at)
    assert letter.sha256 == hashlib.sha256(stored).hexdigest()
    assert stored.startswith(b"%PDF")
    assert f"Beslutat {timezone.localdate(decision.signed_at).isoformat()}" in pdf_text(stored)


def test_the_letter_page_serves_the_stored_file_byte_for_byte_and_logs_the_read(
    make_decision: Callable[..., Decision],
    client_as: Callable[..., Client],
    persona: Callable[..., User],
    documents_dir: Path,
) -> None:
    decision = make_decision(2)
    letter = Document.objects.get()
    url = reverse("decisions:decision_letter", args=[decision.household_id, decision.pk])
    first = client_as("caseworker").get(url)
    second = client_as("unit_manager").get(url)
    stored = (documents_dir / letter.stored_name).read_bytes()
    assert first.content == second.content == stored
    assert first["Content-Type"] == "application/pdf"
    assert first["X-Content-Type-Options"] == "nosniff"
    reads = AccessLogEntry.objects.filter(object_type="document", object_id=str(letter.pk))
    assert {entry.user_id for entry in reads} == {
        persona("caseworker").pk,
        persona("unit_manager").pk,
    }


def test_a_stored_letter_that_was_changed_is_not_served(
    make_decision: Callable[..., Decision], client_as: Callable[..., Client], documents_dir: Path
) -> None:
    decision = make_decision(3)
    letter = Document.objects.get()
    path = documents_dir / letter.stored_name
    content = path.read_bytes()
    path.write_bytes(content[:200] + bytes([content[200] ^ 1]) + content[201:])
    url = reverse("decisions:decision_letter", args=[decision.household_id, decision.pk])
    response = client_as("caseworker").get(url)
    assert response.status_code == 500
    assert b"%PDF" not in response.content
    assert str(FILE_DAMAGED) in response.content.decode()


def test_a_decision_signed_before_letters_were_stored_still_gets_its_letter(
    make_decision: Callable[..., Decision], client_as: Callable[..., Client], documents_dir: Path
) -> None:
    decision = make_decision(4)
    Document.objects.all().delete()  # as before this change: no stored letter
    url = reverse("decisions:decision_letter", args=[decision.household_id, decision.pk])
    response = client_as("caseworker").get(url)
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


def test_a_signing_that_fails_after_the_letter_is_stored_leaves_no_file(
    make_decision: Callable[..., Decision],
    persona: Callable[..., User],
    documents_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    draft = make_decision(5, sign=False)
    real = decision_services.letter_store

    def store_then_fail(**kwargs: Any) -> Document:
        real(**kwargs)
        assert _files(documents_dir)
        raise RuntimeError("the database went away")

    monkeypatch.setattr(decision_services, "letter_store", store_then_fail)
    with pytest.raises(RuntimeError):
        decision_sign(decision=draft, by=persona("caseworker"), now=timezone.now())
    assert Decision.objects.get().status == DecisionStatus.DRAFT
    assert not Document.objects.exists()
    assert not _files(documents_dir)


def test_a_reduction_and_its_reconsideration_have_their_letters_stored_and_served(
    case: Household,
    persona: Callable[..., User],
    client_as: Callable[..., Client],
    documents_dir: Path,
) -> None:
    manager = persona("unit_manager")
    proposal = make_sanction(
        case.unit,
        case,
        coach=persona("work_coach"),
        caseworker=persona("caseworker"),
        manager=manager,
        today=timezone.localdate(),
    )
    reconsideration = sanction_reconsider(
        proposal=proposal,
        outcome=ReconsiderationOutcome.LOWERED,
        occasion=ReconsiderationOccasion.CLIENT_REQUEST,
        amount=300,
        reasons="Läkarintyg för en av dagarna.",
        by=manager,
        now=timezone.now(),
    )
    letters = {
        (d.letter_for_type, d.letter_for_id): d
        for d in Document.objects.filter(direction=DocumentDirection.OUTGOING)
    }
    assert set(letters) == {
        ("sanction_proposal", proposal.pk),
        ("sanction_reconsideration", reconsideration.pk),
    }
    client = client_as("caseworker")
    for (kind, pk), url in (
        (
            ("sanction_proposal", proposal.pk),
            reverse("activities:sanction_letter", args=[proposal.pk]),
        ),
        (
            ("sanction_reconsideration", reconsideration.pk),
            reverse("activities:sanction_reconsideration_letter", args=[reconsideration.pk]),
        ),
    ):
        stored = (documents_dir / letters[kind, pk].stored_name).read_bytes()
        assert client.get(url).content == stored


def test_a_letter_that_is_not_a_pdf_is_not_stored(
    make_decision: Callable[..., Decision], persona: Callable[..., User], documents_dir: Path
) -> None:
    """Bryggan's own letters are tested by the PDF header (ISO 32000-1 7.5.2) alone: anything
    else its letter maker gave, an HTML page naming %PDF included, is refused and not kept."""
    draft = make_decision(6, sign=False)
    for content in (b"<html>%PDF-1.4</html>", b"", b"PDF-1.4"):
        with pytest.raises(DomainError) as refused:
            letter_store(
                household=draft.household,
                pdf=content,
                name="beslut.pdf",
                letter_for_type="decision",
                letter_for_id=draft.pk,
                month=draft.month,
                sender="Enheten",
                by=persona("caseworker"),
                now=timezone.now(),
            )
        assert str(refused.value) == str(LETTER_NOT_PDF)
    assert not Document.objects.exists()
    assert not _files(documents_dir)
