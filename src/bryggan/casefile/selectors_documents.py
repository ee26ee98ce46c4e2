"""Reading the case's documents: lists, what is on file for a month, and a file's verified bytes."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from bryggan.calculation.explain import line_label
from bryggan.calculation.lines import Line
from bryggan.casefile.models import Document, DocumentDirection, DocumentKind
from bryggan.casefile.rules_documents import DocumentFacts, LineDocumented, lines_documented
from bryggan.casefile.services_documents import document_storage
from bryggan.core.errors import DomainError
from bryggan.core.month import Month
from bryggan.people.models import Household, HouseholdMember

logger = logging.getLogger(__name__)

FILE_DAMAGED = _(
    "The stored file is missing or no longer matches the checksum recorded when it was stored, "
    "so it is not shown. Tell the system administrator."
)


class DocumentIntegrityError(DomainError):
    """The stored file is missing or no longer has the checksum recorded when it was stored."""


def documents_for_household(
    household_id: int, *, kind: str = "", month: Month | None = None
) -> QuerySet[Document]:
    """The case's documents, newest received first; `month` keeps those concerning the month
    (the rule of `rules_documents.concerns_month`, as a query)."""
    documents = Document.objects.filter(household_id=household_id).select_related(
        "member", "uploaded_by"
    )
    if kind:
        documents = documents.filter(kind=kind)
    if month is not None:
        text = str(month)
        documents = documents.filter(
            (
                (~Q(from_month="") | ~Q(to_month=""))
                & (Q(from_month="") | Q(from_month__lte=text))
                & (Q(to_month="") | Q(to_month__gte=text))
            )
            | Q(
                from_month="",
                to_month="",
                received_on__gte=month.first_day,
                received_on__lte=month.last_day,
            )
        )
    return documents


def household_members(household: Household, *, current_only: bool) -> list[HouseholdMember]:
    """The members a document may concern: today's, or all the case has had (for names)."""
    members = household.members.select_related("person").order_by("role", "person__birth_date")
    return list(members.filter(valid_to__isnull=True) if current_only else members)


def document_get(household_id: int, document_id: int) -> Document | None:
    return (
        Document.objects.select_related("household", "member", "uploaded_by", "error_marked_by")
        .filter(household_id=household_id, pk=document_id)
        .first()
    )


def document_facts_for_month(household_id: int, month: Month) -> list[DocumentFacts]:
    """The incoming documents on file for the month (not those registered in error)."""
    return _incoming_document_facts(household_id, month=month)


def _incoming_document_facts(household_id: int, *, month: Month | None) -> list[DocumentFacts]:
    """The case's incoming documents on file (not those registered in error), those concerning
    `month` if given, as the five facts the checks need: not the documents with their members
    and uploaders (the calculation's preview reads them on each keystroke)."""
    documents = (
        documents_for_household(household_id, month=month)
        .filter(direction=DocumentDirection.INCOMING, error_marked_at__isnull=True)
        .select_related(None)
        .values_list("kind", "from_month", "to_month", "received_on", "member_id")
    )
    return [
        DocumentFacts(
            kind=kind,
            from_month=from_month,
            to_month=to_month,
            received_on=received_on,
            member=f"p{member_id}" if member_id else "",
        )
        for kind, from_month, to_month, received_on, member_id in documents
    ]


def lines_documented_for(
    household_id: int, month: Month, lines: Iterable[Line]
) -> tuple[LineDocumented, ...]:
    """Each cost and income line of a calculation of the month, with whether a matching document
    is on file (one query). The case's incoming documents are read without the month's condition:
    `lines_documented` keeps those concerning the month by the rule itself (`concerns_month`),
    which spares the query the condition's nine terms."""
    return lines_documented(lines, _incoming_document_facts(household_id, month=None), str(month))


@dataclass(frozen=True, slots=True)
class LineDocumentation:
    """A cost or income line as the calculation page and the decision draft show it."""

    label: str
    documented: bool
    kinds: str


def documentation_rows(
    household_id: int, month: Month, lines: Iterable[Line], names: Mapping[str, str] | None = None
) -> list[LineDocumentation]:
    """Each cost and income line with its Swedish label, whether a matching document for the
    month is on file, and the kinds of document that would show it."""
    return [
        LineDocumentation(
            label=line_label(checked.line, names),
            documented=checked.documented,
            kinds=" / ".join(str(DocumentKind(kind).label) for kind in checked.kinds),
        )
        for checked in lines_documented_for(household_id, month, lines)
    ]


def kinds_on_file(household_id: int, month: Month) -> set[str]:
    """The kinds of incoming document on file for the month (not registered in error)."""
    return {facts.kind for facts in document_facts_for_month(household_id, month)}


def letter_for(letter_for_type: str, letter_for_id: int) -> Document | None:
    """The letter stored when the decision `letter_for_type` `letter_for_id` was signed."""
    return Document.objects.filter(
        letter_for_type=letter_for_type, letter_for_id=letter_for_id
    ).first()


def document_content(document: Document) -> bytes:
    """The file's bytes, only if they still have the SHA-256 recorded when it was stored."""
    try:
        with document_storage().open(document.stored_name, "rb") as file:
            content = file.read()
    except FileNotFoundError as error:
        logger.error("document %s: file %s is missing", document.pk, document.stored_name)
        raise DocumentIntegrityError(FILE_DAMAGED) from error
    if len(content) != document.size or hashlib.sha256(content).hexdigest() != document.sha256:
        logger.error("document %s: checksum mismatch of %s", document.pk, document.stored_name)
        raise DocumentIntegrityError(FILE_DAMAGED)
    return content
