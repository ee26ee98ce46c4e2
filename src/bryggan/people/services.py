"""Writes to persons and households; each call one transaction with its history rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from bryggan.accounts.models import Unit, User
from bryggan.audit.services import change_record_write
from bryggan.core.errors import DomainError
from bryggan.people.models import Household, HouseholdMember, HouseholdStatus, MemberRole, Person
from bryggan.people.rules import ADULT_AGE, IdentityNumber, age_on

HOUSEHOLD_WITHOUT_ADULT = _("A household needs an adult applicant (18 or older).")
CO_APPLICANT_NOT_ADULT = _("A co-applicant must be 18 or older.")
PERSON_IN_OTHER_HOUSEHOLD = _("{name} already belongs to another current household.")
SAME_PERSON_TWICE = _("The same personnummer is given twice.")


@dataclass(frozen=True, slots=True)
class PersonInput:
    identity: IdentityNumber
    first_name: str
    last_name: str
    protected_identity: bool = False
    address: str = ""


def person_upsert(*, data: PersonInput) -> Person:
    """The person with this number, created or with names and address brought up to date."""
    person, created = Person.objects.get_or_create(
        identity_number=data.identity.number,
        defaults={
            "identity_kind": data.identity.kind.value,
            "birth_date": data.identity.birth_date,
            "first_name": data.first_name,
            "last_name": data.last_name,
            "address": data.address,
            "protected_identity": data.protected_identity,
        },
    )
    if not created:
        person.first_name, person.last_name = data.first_name, data.last_name
        person.protected_identity = person.protected_identity or data.protected_identity
        if data.address:
            person.address = data.address
        person.save(
            update_fields=["first_name", "last_name", "protected_identity", "address", "updated_at"]
        )
    return person


def current_household_of(person: Person) -> Household | None:
    member = (
        HouseholdMember.objects.select_related("household")
        .filter(person=person, valid_to__isnull=True)
        .first()
    )
    return member.household if member is not None else None


@transaction.atomic
def household_open(
    *,
    unit: Unit,
    applicant: PersonInput,
    co_applicant: PersonInput | None,
    children: list[PersonInput],
    caseworker: User | None,
    opened_on: date,
    by: User,
) -> Household:
    """Open a case for a new household: persons, members from `opened_on`, history."""
    numbers = [p.identity.number for p in [applicant, co_applicant, *children] if p is not None]
    if len(set(numbers)) != len(numbers):
        raise DomainError(SAME_PERSON_TWICE)
    if age_on(applicant.identity.birth_date, opened_on) < ADULT_AGE:
        raise DomainError(HOUSEHOLD_WITHOUT_ADULT, field="applicant_identity")
    if co_applicant is not None and age_on(co_applicant.identity.birth_date, opened_on) < ADULT_AGE:
        raise DomainError(CO_APPLICANT_NOT_ADULT, field="co_applicant_identity")
    household = Household.objects.create(unit=unit, caseworker=caseworker, opened_on=opened_on)
    roles = [(applicant, MemberRole.APPLICANT)]
    if co_applicant is not None:
        roles.append((co_applicant, MemberRole.CO_APPLICANT))
    roles += [(child, MemberRole.CHILD) for child in children]
    members = []
    for data, role in roles:
        person = person_upsert(data=data)
        if current_household_of(person) is not None:
            raise DomainError(PERSON_IN_OTHER_HOUSEHOLD.format(name=person))
        HouseholdMember.objects.create(
            household=household, person=person, role=role, valid_from=opened_on
        )
        members.append((person, role))
    change_record_write(
        user=by,
        case_id=household.pk,
        object_type="household",
        object_id=household.pk,
        action="opened",
        changes={
            "unit": unit.pk,
            "caseworker": caseworker.pk if caseworker else None,
            # Person ids, not personnummer: the history is readable by administrators.
            "members": [[p.pk, r.value] for p, r in members],
        },
    )
    return household


@transaction.atomic
def household_assign_caseworker(*, household: Household, caseworker: User, by: User) -> Household:
    previous = household.caseworker_id
    household.caseworker = caseworker
    household.save(update_fields=["caseworker", "updated_at"])
    change_record_write(
        user=by,
        case_id=household.pk,
        object_type="household",
        object_id=household.pk,
        action="caseworker_assigned",
        changes={"from": previous, "to": caseworker.pk},
    )
    return household


CASE_ALREADY_CLOSED = _("The case is already closed.")
CLOSED_BEFORE_OPENED = _("A case cannot be closed before it was opened.")


@transaction.atomic
def household_close(*, household: Household, closed_on: date, by: User) -> Household:
    """Close an active case. (Closure reasons come with the follow-up of returns.)"""
    if household.status == HouseholdStatus.CLOSED:
        raise DomainError(CASE_ALREADY_CLOSED)
    if closed_on < household.opened_on:
        raise DomainError(CLOSED_BEFORE_OPENED, field="closed_on")
    household.status = HouseholdStatus.CLOSED
    household.closed_on = closed_on
    household.save(update_fields=["status", "closed_on", "updated_at"])
    change_record_write(
        user=by,
        case_id=household.pk,
        object_type="household",
        object_id=household.pk,
        action="closed",
        changes={"closed_on": closed_on.isoformat()},
    )
    return household


@transaction.atomic
def household_reopen(*, household: Household, caseworker: User, on: date, by: User) -> Household:
    """Reopen a closed case (the household applies again) with a caseworker."""
    household.status = HouseholdStatus.ACTIVE
    household.closed_on = None
    household.caseworker = caseworker
    household.save(update_fields=["status", "closed_on", "caseworker", "updated_at"])
    change_record_write(
        user=by,
        case_id=household.pk,
        object_type="household",
        object_id=household.pk,
        action="reopened",
        changes={"on": on.isoformat(), "caseworker": caseworker.pk},
    )
    return household
