"""Storing documents: outside the web root under a random name with its SHA-256, refused uploads
with their messages, nothing half-saved, and a wrong upload marked registered in error."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.db import DatabaseError, transaction
from django.utils import timezone

from bryggan.accounts.models import User
from bryggan.audit.models import ChangeRecord
from bryggan.casefile import services_documents
from bryggan.casefile.models import Document, DocumentChangeError
from bryggan.casefile.selectors_documents import (
    FILE_DAMAGED,
    DocumentIntegrityError,
    document_content,
)
from bryggan.casefile.services_documents import (
    ALREADY_IN_ERROR,
    FILE_EMPTY,
    FILE_NOT_ACCEPTED,
    MEMBER_NOT_OF_CASE,
    document_mark_in_error,
)
from bryggan.core.errors import DomainError
from bryggan.core.month import Month
from bryggan.intake.models import Channel
from bryggan.intake.services import application_register
from bryggan.people.models import Household
from tests.casefile.documents_files import HTML, case, image_bytes, pdf_bytes, upload
from tests.people.factories import person_input

__all__ = ["case"]
pytestmark = pytest.mark.django_db


@pytest.fixture
def documents_dir(settings: Any, tmp_path: Path) -> Path:
    settings.BRYGGAN_DOCUMENTS_DIR = tmp_path / "documents"
    return settings.BRYGGAN_DOCUMENTS_DIR


def _files(folder: Path) -> list[Path]:
    return [path for path in folder.rglob("*") if path.is_file()] if folder.exists() else []


def test_a_document_is_stored_outside_the_web_root_under_a_random_name_with_its_sha256(
    case: Household, persona: Callable[..., User], documents_dir: Path, settings: Any
) -> None:
    content = pdf_bytes()
    document = upload(case, persona("caseworker"), content=content, name="Hyresavtal Anna.pdf")
    (stored,) = _files(documents_dir)
    assert stored.read_bytes() == content
    assert stored == documents_dir / document.stored_name
    assert "Hyresavtal" not in document.stored_name
    assert ".pdf" not in document.stored_name
    assert len(stored.name) == 32  # 128 random bits in hex
    assert not stored.is_relative_to(Path(settings.STATIC_ROOT))
    assert not any(stored.is_relative_to(Path(d)) for d in settings.STATICFILES_DIRS)
    assert stored.stat().st_mode & 0o077 == 0  # only the service's own user reads it
    assert document.sha256 == hashlib.sha256(content).hexdigest()
    assert (document.size, document.content_type) == (len(content), "application/pdf")
    assert document.original_name == "Hyresavtal Anna.pdf"
    assert ChangeRecord.objects.filter(object_type="document", action="uploaded").count() == 1


def test_two_uploads_of_the_same_file_get_different_names(
    case: Household, persona: Callable[..., User], documents_dir: Path
) -> None:
    content = pdf_bytes()
    first, second = (upload(case, persona("caseworker"), content=content) for _ in range(2))
    assert first.stored_name != second.stored_name
    assert first.sha256 == second.sha256


@pytest.mark.parametrize(
    ("refused", "message"),
    [
        ((b"", "tom.pdf"), FILE_EMPTY),
        ((HTML, "kontrakt.pdf"), FILE_NOT_ACCEPTED),
    ],
)
def test_a_refused_upload_leaves_neither_a_row_nor_a_file(
    case: Household,
    persona: Callable[..., User],
    documents_dir: Path,
    refused: tuple[bytes, str],
    message: str,
) -> None:
    content, name = refused
    with pytest.raises(DomainError) as error:
        upload(case, persona("caseworker"), content=content, name=name)
    assert error.value.message == str(message)
    assert error.value.field == "file"
    assert not Document.objects.exists()
    assert not _files(documents_dir)


def test_a_file_over_the_limit_is_refused_with_the_limit_in_the_message(
    case: Household, persona: Callable[..., User], documents_dir: Path, settings: Any
) -> None:
    settings.BRYGGAN_DOCUMENT_MAX_BYTES = 512 * 1024
    with pytest.raises(DomainError) as error:
        upload(case, persona("caseworker"), content=pdf_bytes() + b"\0" * 600 * 1024)
    assert "0,5 MB" in error.value.message
    assert not _files(documents_dir)


def test_a_name_contradicting_the_bytes_is_refused_naming_what_the_file_is(
    case: Household, persona: Callable[..., User], documents_dir: Path
) -> None:
    with pytest.raises(DomainError) as error:
        upload(case, persona("caseworker"), content=image_bytes("PNG"), name="kontrakt.pdf")
    assert "PNG" in error.value.message
    assert not _files(documents_dir)


def test_the_file_is_removed_when_the_database_write_fails(
    case: Household,
    persona: Callable[..., User],
    documents_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def fail(**kwargs: object) -> None:
        raise RuntimeError("the database went away")

    monkeypatch.setattr(services_documents, "change_record_write", fail)
    with pytest.raises(RuntimeError):
        upload(case, persona("caseworker"))
    assert not Document.objects.exists()
    assert not _files(documents_dir)


def test_a_member_of_another_case_is_refused(
    case: Household, persona: Callable[..., User], documents_dir: Path
) -> None:
    other = application_register(
        unit=case.unit,
        registered_by=persona("caseworker"),
        received_at=timezone.now(),
        channel=Channel.IN_PERSON,
        month=Month.of(timezone.localdate()),
        applicant=person_input(date(1990, 1, 1), 555),
        now=timezone.now(),
    ).household
    with pytest.raises(DomainError) as error:
        upload(case, persona("caseworker"), member=other.members.get().person)
    assert error.value.message == str(MEMBER_NOT_OF_CASE)
    assert not _files(documents_dir)


def test_a_document_is_never_changed_but_can_be_marked_registered_in_error_once(
    case: Household, persona: Callable[..., User], documents_dir: Path
) -> None:
    document = upload(case, persona("caseworker"))
    document.kind = "payslip"
    with pytest.raises(DocumentChangeError):
        document.save()
    marked = document_mark_in_error(
        document=document, reason="Fel ärende.", by=persona("caseworker"), now=document.uploaded_at
    )
    assert marked.in_error
    assert Document.objects.get().error_reason == "Fel ärende."
    assert len(_files(documents_dir)) == 1  # the file stays
    with pytest.raises(DomainError) as error:
        document_mark_in_error(
            document=document, reason="Igen.", by=persona("caseworker"), now=document.uploaded_at
        )
    assert error.value.message == str(ALREADY_IN_ERROR)


def test_a_file_whose_bytes_changed_is_refused_on_read(
    case: Household, persona: Callable[..., User], documents_dir: Path
) -> None:
    document = upload(case, persona("caseworker"))
    assert document_content(document) == (documents_dir / document.stored_name).read_bytes()
    path = documents_dir / document.stored_name
    content = path.read_bytes()
    path.write_bytes(content[:100] + bytes([content[100] ^ 1]) + content[101:])  # one bit
    with pytest.raises(DocumentIntegrityError) as error:
        document_content(document)
    assert error.value.message == FILE_DAMAGED


def test_the_database_refuses_to_change_a_stored_documents_file_or_facts(
    case: Household, persona: Callable[..., User], documents_dir: Path
) -> None:
    document = upload(case, persona("caseworker"))
    for change in ({"sha256": "0" * 64}, {"stored_name": "annan"}, {"kind": "payslip"}):
        with pytest.raises(DatabaseError), transaction.atomic():
            Document.objects.filter(pk=document.pk).update(**change)
    assert Document.objects.get().sha256 == document.sha256
