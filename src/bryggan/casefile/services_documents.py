"""Storing the case's documents: an upload checked from its bytes, a letter kept as sent, and a
wrong upload marked registered in error (never deleted).

A file is written to the documents storage under a random name before its row; if the row is not
committed the file is removed again (`stored_files_removed_on_failure`), so nothing is half-saved.
Sources: SoL (2025:400) 14 kap. 3 § (the handling documented) and 7 § (kept from the unauthorised).
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime
from typing import IO

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, Storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bryggan.accounts.models import User
from bryggan.audit.services import change_record_write
from bryggan.casefile.models import Document, DocumentDirection, DocumentKind
from bryggan.casefile.rules_documents import FileProblem, file_check, is_pdf
from bryggan.core.errors import DomainError
from bryggan.core.month import Month
from bryggan.people.models import Household, HouseholdMember, Person

FILE_EMPTY = _("The file is empty.")
FILE_TOO_LARGE = _("The file is larger than %(megabytes)s MB, the largest a document may be.")
FILE_NOT_ACCEPTED = _(
    "The file is not a PDF, JPEG or PNG: its content was checked, not its name. Scan or save "
    "the document as PDF, JPEG or PNG."
)
FILE_EXTENSION_CONTRADICTS = _(
    "The file's name does not match its content, which is %(type)s. Choose the right file or "
    "give it the right name."
)
TYPE_NAMES = {"application/pdf": "PDF", "image/jpeg": "JPEG", "image/png": "PNG"}
RECEIVED_IN_FUTURE = _("The day received cannot be in the future.")
MONTHS_OUT_OF_ORDER = _("The last month cannot come before the first.")
MEMBER_NOT_OF_CASE = _("The person is not a member of this case.")
LETTER_NOT_PDF = _("A letter is stored as a PDF.")
ALREADY_IN_ERROR = _("The document is already marked as registered in error.")
ERROR_REASON_NEEDED = _("Say why the document was registered in error.")

_stored_names: ContextVar[list[str] | None] = ContextVar("stored_document_names", default=None)


def document_storage() -> Storage:
    """Where the files are: a folder outside the web root, read through Django's Storage API so
    that a shared storage (django-storages) can take its place here. Only the owner may read."""
    return FileSystemStorage(
        location=settings.BRYGGAN_DOCUMENTS_DIR,
        file_permissions_mode=0o600,
        directory_permissions_mode=0o700,
    )


@contextmanager
def stored_files_removed_on_failure() -> Iterator[None]:
    """Remove every file stored inside the block if the block fails. Put it outside the
    transaction (`with stored_files_removed_on_failure(), transaction.atomic():`) so the removal
    follows the rollback of the rows. Nested blocks pass their files to the outer one on success.
    """
    outer = _stored_names.get()
    names: list[str] = []
    token = _stored_names.set(names)
    try:
        yield
    except BaseException:
        storage = document_storage()
        for name in names:
            storage.delete(name)
        raise
    else:
        if outer is not None:
            outer.extend(names)
    finally:
        _stored_names.reset(token)


def _store(content: bytes) -> str:
    names = _stored_names.get()
    if names is None:
        raise RuntimeError("store a document inside stored_files_removed_on_failure()")
    token = secrets.token_hex(16)
    # Two hex digits of folder keep any one folder small.
    stored = document_storage().save(f"{token[:2]}/{token}", ContentFile(content))
    names.append(stored)
    return stored


def _file_problem_message(problem: FileProblem, content_type: str) -> str:
    if problem is FileProblem.EMPTY:
        return str(FILE_EMPTY)
    if problem is FileProblem.TOO_LARGE:
        megabytes = settings.BRYGGAN_DOCUMENT_MAX_BYTES / (1024 * 1024)
        return str(FILE_TOO_LARGE) % {"megabytes": f"{megabytes:g}".replace(".", ",")}
    if problem is FileProblem.EXTENSION_CONTRADICTS:
        return str(FILE_EXTENSION_CONTRADICTS) % {"type": TYPE_NAMES[content_type]}
    return str(FILE_NOT_ACCEPTED)


def _document_create(
    *,
    household: Household,
    direction: DocumentDirection,
    kind: str,
    received_on: date,
    sender: str,
    from_month: str,
    to_month: str,
    member: Person | None,
    original_name: str,
    content: bytes,
    content_type: str,
    by: User,
    now: datetime,
    letter_for_type: str = "",
    letter_for_id: int | None = None,
) -> Document:
    document = Document.objects.create(
        household=household,
        direction=direction,
        kind=kind,
        received_on=received_on,
        sender=sender,
        from_month=from_month,
        to_month=to_month,
        member=member,
        original_name=original_name[:255],
        stored_name=_store(content),
        content_type=content_type,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        letter_for_type=letter_for_type,
        letter_for_id=letter_for_id,
        uploaded_by=by,
        uploaded_at=now,
    )
    change_record_write(
        user=by,
        case_id=household.pk,
        object_type="document",
        object_id=document.pk,
        action="stored" if direction == DocumentDirection.OUTGOING else "uploaded",
        changes={
            "kind": kind,
            "received_on": received_on.isoformat(),
            "sha256": document.sha256,
            "size": document.size,
            "letter_for": f"{letter_for_type} {letter_for_id}" if letter_for_id else "",
        },
    )
    return document


def document_upload(
    *,
    household: Household,
    file: IO[bytes],
    name: str,
    kind: str,
    received_on: date,
    sender: str,
    from_month: Month | None,
    to_month: Month | None,
    member: Person | None,
    by: User,
    now: datetime,
) -> Document:
    """Keep a document received on the case: the bytes must be a PDF, JPEG or PNG (whatever the
    name says) within the size limit. DomainError names the field in error."""
    limit = settings.BRYGGAN_DOCUMENT_MAX_BYTES
    content = file.read(limit + 1)
    check = file_check(content=content, name=name, max_bytes=limit)
    if check.problem is not None:
        raise DomainError(_file_problem_message(check.problem, check.content_type), field="file")
    if received_on > timezone.localdate(now):
        raise DomainError(RECEIVED_IN_FUTURE, field="received_on")
    if from_month and to_month and to_month < from_month:
        raise DomainError(MONTHS_OUT_OF_ORDER, field="to_month")
    if (
        member is not None
        and not HouseholdMember.objects.filter(household=household, person=member).exists()
    ):
        raise DomainError(MEMBER_NOT_OF_CASE, field="member")
    with stored_files_removed_on_failure(), transaction.atomic():
        return _document_create(
            household=household,
            direction=DocumentDirection.INCOMING,
            kind=kind,
            received_on=received_on,
            sender=sender,
            from_month=str(from_month) if from_month else "",
            to_month=str(to_month) if to_month else "",
            member=member,
            original_name=name,
            content=content,
            content_type=check.content_type,
            by=by,
            now=now,
        )


def letter_store(
    *,
    household: Household,
    pdf: bytes,
    name: str,
    letter_for_type: str,
    letter_for_id: int,
    month: str,
    sender: str,
    by: User,
    now: datetime,
) -> Document:
    """Keep a letter as sent: the PDF with its checksum, an outgoing decision letter of the case,
    dated the day sent. Called inside the signing service's transaction, which should itself run
    inside `stored_files_removed_on_failure()`."""
    if not is_pdf(pdf):
        raise DomainError(LETTER_NOT_PDF)
    with stored_files_removed_on_failure(), transaction.atomic():
        return _document_create(
            household=household,
            direction=DocumentDirection.OUTGOING,
            kind=DocumentKind.DECISION_LETTER,
            received_on=timezone.localdate(now),
            sender=sender,
            from_month=month,
            to_month=month,
            member=None,
            original_name=name,
            content=pdf,
            content_type="application/pdf",
            by=by,
            now=now,
            letter_for_type=letter_for_type,
            letter_for_id=letter_for_id,
        )


@transaction.atomic
def document_mark_in_error(*, document: Document, reason: str, by: User, now: datetime) -> Document:
    """Mark a document registered in error, with why: it stays on the case, its file unchanged,
    but counts for nothing (no longer shows a line of a calculation)."""
    reason = reason.strip()
    if not reason:
        raise DomainError(ERROR_REASON_NEEDED, field="reason")
    locked = Document.objects.select_for_update().get(pk=document.pk)
    if locked.error_marked_at is not None:
        raise DomainError(ALREADY_IN_ERROR)
    Document.objects.filter(pk=locked.pk).update(
        error_reason=reason, error_marked_by=by, error_marked_at=now
    )
    locked.error_reason, locked.error_marked_by, locked.error_marked_at = reason, by, now
    change_record_write(
        user=by,
        case_id=locked.household_id,
        object_type="document",
        object_id=locked.pk,
        action="registered_in_error",
        changes={"reason": reason},
    )
    return locked
