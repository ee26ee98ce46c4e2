"""The applicant's gate: an applicant sees only the case where their own person is an adult
member now (applicant or co-applicant), and within it only what is theirs to see. Every read is
logged in the access log with the applicant as the reader. Anything else is "not found", the same
answer for a missing object and another person's, so nothing leaks.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from bryggan.accounts.models import User
from bryggan.audit.services import access_log_write
from bryggan.casefile.models import Document, DocumentRequest
from bryggan.casefile.selectors_documents import letter_for
from bryggan.casefile.selectors_requests import document_request_get
from bryggan.core.errors import NotFoundOrForbidden
from bryggan.decisions.models import Decision
from bryggan.mypages.selectors import person_of_applicant
from bryggan.mypages.selectors_pages import own_decision_get, own_household_of
from bryggan.people.models import Household, Person

PURPOSE = "own_pages"  # the access log's purpose for an applicant reading their own case
NOT_FOUND = _("Not found, or not yours to see.")


@dataclass(frozen=True, slots=True)
class OwnCase:
    person: Person
    household: Household


def _log(
    user: User, object_type: str, object_id: object, case_id: int, request: HttpRequest | None
) -> None:
    access_log_write(
        user=user,
        object_type=object_type,
        object_id=object_id,
        case_id=case_id,
        purpose=PURPOSE,
        request=request,
    )


def own_person(user: User) -> Person | None:
    """The applicant's own person (no case read, nothing logged)."""
    return person_of_applicant(user)


def access_own_case(user: User, *, request: HttpRequest | None = None) -> OwnCase:
    """The case of the applicant's own person, its read logged; not found without one."""
    person = person_of_applicant(user)
    household = own_household_of(person) if person is not None else None
    if person is None or household is None:
        raise NotFoundOrForbidden(NOT_FOUND)
    _log(user, "household", household.pk, household.pk, request)
    return OwnCase(person=person, household=household)


def access_own_decision(
    user: User, decision_id: int, *, request: HttpRequest | None = None
) -> tuple[OwnCase, Decision]:
    """A signed decision of the applicant's own case."""
    case = access_own_case(user, request=request)
    decision = own_decision_get(case.household, decision_id)
    if decision is None:
        raise NotFoundOrForbidden(NOT_FOUND)
    _log(user, "decision", decision.pk, case.household.pk, request)
    return case, decision


def access_own_letter(
    user: User, case: OwnCase, *, letter_for_type: str, letter_for_id: int, request: HttpRequest
) -> Document | None:
    """The letter stored for a decision of the own case (the caller passed the decision's gate);
    None for a decision signed before letters were stored."""
    document = letter_for(letter_for_type, letter_for_id)
    if document is None or document.household_id != case.household.pk:
        return None
    _log(user, "document", document.pk, case.household.pk, request)
    return document


def access_own_request(
    user: User, request_id: int, *, request: HttpRequest | None = None
) -> tuple[OwnCase, DocumentRequest]:
    """A request for documents made on the applicant's own case."""
    case = access_own_case(user, request=request)
    document_request = document_request_get(case.household.pk, request_id)
    if document_request is None:
        raise NotFoundOrForbidden(NOT_FOUND)
    _log(user, "document_request", document_request.pk, case.household.pk, request)
    return case, document_request
