"""The gate to a case's documents: the case gate first, then the document, each read logged."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from bryggan.accounts.models import User
from bryggan.audit.services import access_log_write
from bryggan.casefile.models import Document
from bryggan.casefile.selectors_documents import document_get, letter_for
from bryggan.core.errors import NotFoundOrForbidden
from bryggan.people.access import Purpose, access_household
from bryggan.people.models import Household

DOCUMENT_NOT_FOUND = _("No such document, or not one you may see.")


def _log(user: User, document: Document, purpose: Purpose, request: HttpRequest | None) -> None:
    access_log_write(
        user=user,
        object_type="document",
        object_id=document.pk,
        case_id=document.household_id,
        purpose=purpose,
        request=request,
    )


def access_document(
    user: User,
    household_id: int,
    document_id: int,
    *,
    purpose: Purpose,
    request: HttpRequest | None = None,
) -> tuple[Household, Document]:
    """The case and one of its documents, for a user who may see the case; the read of each is
    logged. The same answer for a missing document and another case's."""
    household = access_household(user, household_id, purpose=purpose, request=request)
    document = document_get(household.pk, document_id)
    if document is None:
        raise NotFoundOrForbidden(DOCUMENT_NOT_FOUND)
    _log(user, document, purpose, request)
    return household, document


def access_stored_letter(
    user: User,
    household: Household,
    *,
    letter_for_type: str,
    letter_for_id: int,
    purpose: Purpose,
    request: HttpRequest | None = None,
) -> Document | None:
    """The letter stored when a decision of a case the caller has passed the gate for was
    signed, its read logged; None for a decision signed before letters were stored."""
    document = letter_for(letter_for_type, letter_for_id)
    if document is None or document.household_id != household.pk:
        return None
    _log(user, document, purpose, request)
    return document
