"""Writes to persons and households; each call one transaction with its history rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import partial

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from bryggan.accounts.models import Unit, User
from bryggan.audit.selectors import change_last
from bryggan.audit.services import change_record_write
from bryggan.core.errors import DomainError
from bryggan.core.locking import version_claim
from bryggan.people.models import Household, HouseholdMember, HouseholdStatus, MemberRole, Person
from bryggan.people.rules import (
    ADULT_AGE,
    CO_APPLICANT_MUST_BE_ADULT,
    IdentityNumber,
    MemberFacts,
    age_on,
    check_composition,
    check_moving_out,
)
from bryggan.people.selectors import current_members, household_edit_values

HOUSEHOLD_WITHOUT_ADULT = _("A household needs an adult applicant (18 or older).")
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
    if created:
        return person
    given = {
        "first_name": data.first_name,
        "last_name": data.last_name,
        "protected_identity": person.protected_identity or data.protected_identity,
        "address": data.address or person.address,
    }
    changed = [name for name, value in given.items() if getattr(person, name) != value]
    if changed:  # written only when something changed (each application gives them again)
        for name in changed:
            setattr(person, name, given[name])
        person.save(update_fields=[*changed, "updated_at"])
    return person


def current_household_of(person: Person) -> Household | None:
    """The household the person is a current member of, with its caseworker; at most one
    (the constraint `one_current_household`), so the read needs no order."""
    for member in (
        HouseholdMember.objects.select_related("household__caseworker")
        .filter(person=person, valid_to__isnull=True)
        .order_by()[:1]
    ):
        return member.household
    return None


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
        raise DomainError(CO_APPLICANT_MUST_BE_ADULT, field="co_applicant_identity")
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


# --- editing a household: its address and its members ------------------------------------------

CASE_CLOSED_NO_EDIT = _("The case is closed: its household can no longer be changed.")
NOT_A_CURRENT_MEMBER = _("Someone on the form is no longer a member of the household.")
NUMBER_OF_ANOTHER_PERSON = _("Another person in Bryggan already has this personnummer.")
MOVED_IN_BEFORE_OPENED = _("The day of moving in is before the case was opened.")
MOVED_IN_IN_FUTURE = _("The day of moving in cannot be later than today.")


@dataclass(frozen=True, slots=True)
class MemberCorrection:
    """A current member as the caseworker leaves them: corrected details, role, and the day they
    moved out (None: still lives in the household)."""

    member_id: int
    identity: IdentityNumber
    first_name: str
    last_name: str
    role: MemberRole
    moved_out_on: date | None = None


@dataclass(frozen=True, slots=True)
class MemberAddition:
    """A person moving into the household from `moved_in_on`."""

    person: PersonInput
    role: MemberRole
    moved_in_on: date


def household_version_advance(*, household: Household) -> None:
    """Advance the household's version without a check: for a service that changes what the
    household edit page shows (the applicant's names and address at a new application), so that
    an edit read before it is told rather than overwriting it."""
    version_claim(Household, pk=household.pk, version=None, stored={}, typed={})


def _typed_values(
    address: str, members: list[MemberCorrection], added: MemberAddition | None
) -> dict[str, object]:
    """What the caseworker asked for, keyed as `selectors.household_edit_values` keys it."""
    typed: dict[str, object] = {"address": address}
    for member in members:
        prefix = f"m{member.member_id}_"
        typed[f"{prefix}first_name"] = member.first_name
        typed[f"{prefix}last_name"] = member.last_name
        typed[f"{prefix}identity_number"] = member.identity.number
        typed[f"{prefix}role"] = str(member.role)
        typed[f"{prefix}moved_out_on"] = member.moved_out_on
    if added is not None:
        typed["new_identity_number"] = added.person.identity.number
        typed["new_first_name"] = added.person.first_name
        typed["new_last_name"] = added.person.last_name
        typed["new_role"] = str(added.role)
        typed["new_moved_in_on"] = added.moved_in_on
    return typed


@transaction.atomic
def household_edit(
    *,
    household: Household,
    address: str,
    members: list[MemberCorrection],
    added: MemberAddition | None = None,
    by: User,
    today: date,
    version: int | None = None,
) -> Household:
    """Change a household in one go: its address (every member who stays, and anyone moving in,
    lives there), corrections to its members' names, personnummer and roles, members moving out
    on a day, and one person moving in. Refused, changing nothing, when the household left would
    not be one (`rules.check_composition`), a personnummer belongs to another person, a day is
    wrong; and with `EditConflict` when `version` is not the household's (someone saved the
    household since this user read it). None: a caller without a form; the version advances
    unchecked."""
    locked = Household.objects.select_for_update().get(pk=household.pk)
    current = {member.pk: member for member in current_members(locked.pk)}
    version_claim(
        Household,
        pk=locked.pk,
        version=version,
        stored=household_edit_values(list(current.values())),
        typed=_typed_values(address, members, added),
        last_change=partial(change_last, "household", locked.pk),
    )
    if locked.status != HouseholdStatus.ACTIVE:
        raise DomainError(CASE_CLOSED_NO_EDIT)
    if {m.member_id for m in members} != set(current):
        raise DomainError(NOT_A_CURRENT_MEMBER)
    _check_household_edit(current, members, added, today=today, opened_on=locked.opened_on)

    changes: dict[str, object] = {}
    for edit in members:
        member = current[edit.member_id]
        corrected = _person_correct(member.person, edit)
        if member.role != edit.role:
            corrected.append("role")
            member.role = edit.role
        if edit.moved_out_on is not None:
            corrected.append("moved_out_on")
            member.valid_to = edit.moved_out_on
        if corrected:
            member.save(update_fields=["role", "valid_to"])
            # Person ids and field names only: the history is readable by administrators.
            changes[str(member.person_id)] = {
                "fields": corrected,
                "role": member.role,
                "moved_out_on": edit.moved_out_on.isoformat() if edit.moved_out_on else None,
            }
    staying = [current[e.member_id].person for e in members if e.moved_out_on is None]
    if added is not None:
        person = person_upsert(data=added.person)
        if current_household_of(person) is not None:
            raise DomainError(
                PERSON_IN_OTHER_HOUSEHOLD.format(name=person), field="new_identity_number"
            )
        HouseholdMember.objects.create(
            household=locked, person=person, role=added.role, valid_from=added.moved_in_on
        )
        staying.append(person)
        changes["moved_in"] = [person.pk, str(added.role), added.moved_in_on.isoformat()]
    moved = [p for p in staying if p.address != address]
    if moved:
        Person.objects.filter(pk__in=[p.pk for p in moved]).update(address=address)
        changes["address_of"] = [p.pk for p in moved]
    change_record_write(
        user=by,
        case_id=locked.pk,
        object_type="household",
        object_id=locked.pk,
        action="edited",
        changes=changes,
    )
    locked.refresh_from_db(fields=["version", "updated_at"])
    return locked


def _check_household_edit(
    current: dict[int, HouseholdMember],
    members: list[MemberCorrection],
    added: MemberAddition | None,
    *,
    today: date,
    opened_on: date,
) -> None:
    """Every refusal of `household_edit`, before anything is written (each names its field)."""
    for edit in members:
        member = current[edit.member_id]
        if edit.moved_out_on is not None:
            try:
                check_moving_out(
                    role=member.role,
                    moved_in=member.valid_from,
                    moved_out=edit.moved_out_on,
                    today=today,
                )
            except DomainError as error:
                raise DomainError(error.message, field=f"m{member.pk}_moved_out_on") from error
        taken = (
            Person.objects.filter(identity_number=edit.identity.number)
            .exclude(pk=member.person_id)
            .exists()
        )
        if taken:
            raise DomainError(NUMBER_OF_ANOTHER_PERSON, field=f"m{member.pk}_identity_number")
    numbers = [e.identity.number for e in members]
    if added is not None:
        numbers.append(added.person.identity.number)
        if added.moved_in_on < opened_on:
            raise DomainError(MOVED_IN_BEFORE_OPENED, field="new_moved_in_on")
        if added.moved_in_on > today:
            raise DomainError(MOVED_IN_IN_FUTURE, field="new_moved_in_on")
    if len(set(numbers)) != len(numbers):
        raise DomainError(SAME_PERSON_TWICE)
    left = [
        MemberFacts(role=str(e.role), birth_date=e.identity.birth_date)
        for e in members
        if e.moved_out_on is None
    ]
    if added is not None:
        left.append(MemberFacts(role=str(added.role), birth_date=added.person.identity.birth_date))
    check_composition(left, on=today)


def _person_correct(person: Person, edit: MemberCorrection) -> list[str]:
    """Bring the person's names and number to what was typed; the names of the fields changed."""
    wanted = {
        "first_name": edit.first_name,
        "last_name": edit.last_name,
        "identity_number": edit.identity.number,
    }
    corrected = [field for field, value in wanted.items() if getattr(person, field) != value]
    if corrected:
        for field, value in wanted.items():
            setattr(person, field, value)
        person.identity_kind = edit.identity.kind.value
        person.birth_date = edit.identity.birth_date
        person.save(
            update_fields=[
                "first_name",
                "last_name",
                "identity_number",
                "identity_kind",
                "birth_date",
                "updated_at",
            ]
        )
    return corrected
