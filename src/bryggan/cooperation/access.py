"""The partner's gate: a person's case opens to a partner user only while a valid consent names
the user's organisation, and then only the consented kinds of information. Every read is logged
in the access log here, and the view records it as a disclosure.

Same message for "does not exist", "no consent" and "not your organisation's", so the answer
reveals nothing about whether the person is a client at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from bryggan.accounts.models import User
from bryggan.accounts.roles import Capability, has_capability
from bryggan.audit.services import access_log_write, access_log_write_many
from bryggan.cooperation.models import PartnerOrganisation
from bryggan.cooperation.rules import InformationKind
from bryggan.cooperation.selectors import (
    PartnerCaseRow,
    consented_kinds,
    latest_household_of,
    organisation_of_partner,
    partner_case_rows,
)
from bryggan.core.errors import NotFoundOrForbidden
from bryggan.people.models import Household, Person

PARTNER_CASE_NOT_FOUND = _("No such person, or no valid consent lets your organisation see them.")
PARTNER_PURPOSE = "partner_view"


@dataclass(frozen=True)
class PartnerView:
    organisation: PartnerOrganisation
    person: Person
    household: Household
    kinds: frozenset[InformationKind]


def access_partner_person(
    user: User, person_id: int, *, today: date, request: HttpRequest | None = None
) -> PartnerView:
    """The person as the partner may see them today: only the kinds a valid consent covers for the
    partner's organisation. Logs the read (purpose `partner_view`)."""
    organisation = (
        organisation_of_partner(user)
        if has_capability(user.role, Capability.PARTNER_CASES)
        else None
    )
    person = Person.objects.filter(pk=person_id).first()
    kinds = (
        consented_kinds(person_id=person.pk, organisation_id=organisation.pk, on=today)
        if person is not None and organisation is not None
        else frozenset()
    )
    household = latest_household_of(person) if person is not None and kinds else None
    if organisation is None or person is None or not kinds or household is None:
        raise NotFoundOrForbidden(PARTNER_CASE_NOT_FOUND)
    access_log_write(
        user=user,
        object_type="person",
        object_id=person.pk,
        case_id=household.pk,
        purpose=PARTNER_PURPOSE,
        request=request,
    )
    return PartnerView(organisation=organisation, person=person, household=household, kinds=kinds)


def access_partner_cases(
    user: User, *, today: date, request: HttpRequest | None = None
) -> tuple[PartnerOrganisation | None, list[PartnerCaseRow]]:
    """The partner's list: the persons a valid consent opens to its organisation today, each
    logged as read."""
    organisation = (
        organisation_of_partner(user)
        if has_capability(user.role, Capability.PARTNER_CASES)
        else None
    )
    if organisation is None:
        return None, []
    rows = partner_case_rows(organisation, today=today)
    access_log_write_many(
        user=user,
        object_type="person",
        rows=[(row.person.pk, row.household.pk) for row in rows],
        purpose=PARTNER_PURPOSE,
        request=request,
    )
    return organisation, rows
