"""Writes of the employer network: employers and their contacts, offers, a client's profile for
matching, and contacts and placements with their outcome. Each call is one transaction with its
history row."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from bryggan.accounts.models import Unit, User
from bryggan.audit.services import change_record_write
from bryggan.core.errors import DomainError
from bryggan.employers import rules
from bryggan.employers.models import (
    ClientProfile,
    Employer,
    EmployerContact,
    Offer,
    OfferKindChoices,
    Placement,
    PlacementKind,
)
from bryggan.employers.rules import Outcome
from bryggan.people.models import Household, HouseholdMember, Person

DUPLICATE_EMPLOYER = _("The unit's network already has an employer with this organisation number.")
NOT_A_MEMBER = _("The person is not an adult member of this case now.")
OTHER_UNIT = _("The offer belongs to another unit.")


@dataclass(frozen=True, slots=True)
class EmployerInput:
    name: str
    organisation_number: str
    field: str
    address: str
    postcode: str
    municipality: str
    note: str


@dataclass(frozen=True, slots=True)
class OfferInput:
    kind: str
    title: str
    description: str
    field: str
    capacity: int
    starts_on: date
    ends_on: date
    required_languages: tuple[str, ...]
    requires_driving_licence: bool
    requires_experience: bool
    location: str
    municipality: str


def _employer_fields(employer: Employer) -> dict[str, Any]:
    return {
        "name": employer.name,
        "organisation_number": employer.organisation_number,
        "field": employer.field,
        "address": employer.address,
        "postcode": employer.postcode,
        "municipality": employer.municipality,
        "note": employer.note,
    }


def _diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    return {key: [before[key], value] for key, value in after.items() if before[key] != value}


def _check_unique(unit: Unit, number: str, *, other_than: int | None = None) -> None:
    duplicates = Employer.objects.filter(unit=unit, organisation_number=number)
    if other_than is not None:
        duplicates = duplicates.exclude(pk=other_than)
    if duplicates.exists():
        raise DomainError(DUPLICATE_EMPLOYER, field="organisation_number")


@transaction.atomic
def employer_create(*, unit: Unit, data: EmployerInput, by: User) -> Employer:
    """Add an employer to the unit's network, its organisation number checked."""
    number = rules.organisation_number_clean(data.organisation_number)
    _check_unique(unit, number)
    employer = Employer.objects.create(
        unit=unit,
        name=data.name,
        organisation_number=number,
        field=data.field,
        address=data.address,
        postcode=data.postcode,
        municipality=data.municipality,
        note=data.note,
        created_by=by,
    )
    change_record_write(
        user=by,
        case_id=None,
        object_type="employer",
        object_id=employer.pk,
        action="created",
        changes=_employer_fields(employer),
    )
    return employer


@transaction.atomic
def employer_update(*, employer: Employer, data: EmployerInput, by: User) -> Employer:
    number = rules.organisation_number_clean(data.organisation_number)
    locked = Employer.objects.select_for_update().get(pk=employer.pk)
    _check_unique(locked.unit, number, other_than=locked.pk)
    before = _employer_fields(locked)
    locked.name = data.name
    locked.organisation_number = number
    locked.field = data.field
    locked.address = data.address
    locked.postcode = data.postcode
    locked.municipality = data.municipality
    locked.note = data.note
    locked.save(update_fields=[*before, "updated_at"])
    change_record_write(
        user=by,
        case_id=None,
        object_type="employer",
        object_id=locked.pk,
        action="changed",
        changes=_diff(before, _employer_fields(locked)),
    )
    return locked


def _contact_fields(contact: EmployerContact) -> dict[str, Any]:
    return {
        "name": contact.name,
        "role": contact.role,
        "phone": contact.phone,
        "email": contact.email,
    }


@transaction.atomic
def contact_save(
    *,
    employer: Employer,
    contact: EmployerContact | None,
    name: str,
    role: str,
    phone: str,
    email: str,
    by: User,
) -> EmployerContact:
    """Add a contact person to the employer, or change one."""
    if contact is None:
        saved = EmployerContact.objects.create(
            employer=employer, name=name, role=role, phone=phone, email=email
        )
        changes = _contact_fields(saved)
    else:
        saved = EmployerContact.objects.select_for_update().get(pk=contact.pk)
        before = _contact_fields(saved)
        saved.name, saved.role, saved.phone, saved.email = name, role, phone, email
        saved.save(update_fields=[*before, "updated_at"])
        changes = _diff(before, _contact_fields(saved))
    change_record_write(
        user=by,
        case_id=None,
        object_type="employer_contact",
        object_id=saved.pk,
        action="created" if contact is None else "changed",
        changes={"employer": employer.pk, **changes},
    )
    return saved


def _offer_fields(offer: Offer) -> dict[str, Any]:
    return {
        "kind": offer.kind,
        "title": offer.title,
        "description": offer.description,
        "field": offer.field,
        "capacity": offer.capacity,
        "starts_on": offer.starts_on.isoformat(),
        "ends_on": offer.ends_on.isoformat(),
        "required_languages": list(offer.required_languages),
        "requires_driving_licence": offer.requires_driving_licence,
        "requires_experience": offer.requires_experience,
        "location": offer.location,
        "municipality": offer.municipality,
    }


def _check_offer(data: OfferInput) -> None:
    rules.check_offer(starts_on=data.starts_on, ends_on=data.ends_on, capacity=data.capacity)
    rules.check_codes(languages=data.required_languages, fields=[data.field])
    if data.kind not in OfferKindChoices.values:
        raise DomainError(_("Choose the kind of offer."), field="kind")


def _apply(offer: Offer, data: OfferInput) -> None:
    offer.kind = data.kind
    offer.title = data.title
    offer.description = data.description
    offer.field = data.field
    offer.capacity = data.capacity
    offer.starts_on = data.starts_on
    offer.ends_on = data.ends_on
    offer.required_languages = sorted(set(data.required_languages))
    offer.requires_driving_licence = data.requires_driving_licence
    offer.requires_experience = data.requires_experience
    offer.location = data.location
    offer.municipality = data.municipality


@transaction.atomic
def offer_create(*, employer: Employer, data: OfferInput, by: User) -> Offer:
    """Register an employer's offer: its kind, places, period and requirements."""
    _check_offer(data)
    offer = Offer(employer=employer, created_by=by)
    _apply(offer, data)
    offer.save()
    change_record_write(
        user=by,
        case_id=None,
        object_type="employer_offer",
        object_id=offer.pk,
        action="created",
        changes={"employer": employer.pk, **_offer_fields(offer)},
    )
    return offer


@transaction.atomic
def offer_update(*, offer: Offer, data: OfferInput, by: User) -> Offer:
    """Change an offer; fewer places than the contacts and placements now running is refused."""
    _check_offer(data)
    locked = Offer.objects.select_for_update().get(pk=offer.pk)
    occupied = Placement.objects.filter(offer=locked, ends_on__isnull=True).count()
    if data.capacity < occupied:
        raise rules.EmployersRuleError(
            rules.FEWER_PLACES_THAN_TAKEN, field="capacity", occupied=occupied
        )
    before = _offer_fields(locked)
    _apply(locked, data)
    locked.save()
    change_record_write(
        user=by,
        case_id=None,
        object_type="employer_offer",
        object_id=locked.pk,
        action="changed",
        changes=_diff(before, _offer_fields(locked)),
    )
    return locked


def _adult_member(household: Household, person_id: int) -> HouseholdMember:
    member = (
        HouseholdMember.objects.filter(
            household=household, person_id=person_id, valid_to__isnull=True
        )
        .exclude(role="child")
        .select_related("person")
        .first()
    )
    if member is None:
        raise DomainError(NOT_A_MEMBER, field="person")
    return member


@transaction.atomic
def client_profile_save(
    *,
    household: Household,
    person: Person,
    languages: Iterable[str],
    driving_licence: bool,
    experience_fields: Iterable[str],
    municipality: str,
    by: User,
) -> ClientProfile:
    """Record or change a client's facts for matching."""
    _adult_member(household, person.pk)
    languages, fields = sorted(set(languages)), sorted(set(experience_fields))
    rules.check_codes(languages=languages, fields=fields)
    profile, created = ClientProfile.objects.select_for_update().get_or_create(
        person=person,
        defaults={
            "household": household,
            "languages": languages,
            "driving_licence": driving_licence,
            "experience_fields": fields,
            "municipality": municipality,
            "updated_by": by,
        },
    )
    before = {
        "languages": [] if created else profile.languages,
        "driving_licence": None if created else profile.driving_licence,
        "experience_fields": [] if created else profile.experience_fields,
        "municipality": "" if created else profile.municipality,
    }
    profile.household = household
    profile.languages = languages
    profile.driving_licence = driving_licence
    profile.experience_fields = fields
    profile.municipality = municipality
    profile.updated_by = by
    profile.save()
    after = {
        "languages": languages,
        "driving_licence": driving_licence,
        "experience_fields": fields,
        "municipality": municipality,
    }
    change_record_write(
        user=by,
        case_id=household.pk,
        object_type="client_profile",
        object_id=profile.pk,
        action="saved",
        changes={"person": person.pk, **_diff(before, after)},
    )
    return profile


@transaction.atomic
def placement_create(
    *,
    offer: Offer,
    household: Household,
    person: Person,
    kind: PlacementKind,
    starts_on: date,
    note: str = "",
    by: User,
) -> Placement:
    """Put a client in touch with an offer, or place them there, while a place is free."""
    # Lock the offer so that two placements at once cannot take its last place together.
    locked = Offer.objects.select_for_update().select_related("employer").get(pk=offer.pk)
    if locked.employer.unit_id != household.unit_id:
        raise DomainError(OTHER_UNIT, field="offer")
    _adult_member(household, person.pk)
    rules.check_start(
        starts_on=starts_on, offer_starts_on=locked.starts_on, offer_ends_on=locked.ends_on
    )
    rules.check_capacity(
        capacity=locked.capacity,
        occupied=Placement.objects.filter(offer=locked, ends_on__isnull=True).count(),
    )
    placement = Placement.objects.create(
        offer=locked,
        household=household,
        person=person,
        kind=kind,
        starts_on=starts_on,
        note=note,
        created_by=by,
    )
    change_record_write(
        user=by,
        case_id=household.pk,
        object_type="employer_placement",
        object_id=placement.pk,
        action="created",
        changes={
            "offer": locked.pk,
            "employer": locked.employer_id,
            "person": person.pk,
            "kind": str(kind),
            "starts_on": starts_on.isoformat(),
        },
    )
    return placement


@transaction.atomic
def placement_end(
    *, placement: Placement, ended_on: date, outcome: Outcome, by: User, today: date
) -> Placement:
    """End a contact or placement with its outcome: no show, completed, a job, studies, or
    ended early. Its place is free again."""
    locked = Placement.objects.select_for_update().get(pk=placement.pk)
    rules.check_end(
        starts_on=locked.starts_on,
        ended_on=ended_on,
        already_ended=locked.ends_on is not None,
        today=today,
    )
    locked.ends_on = ended_on
    locked.outcome = str(outcome)
    locked.save(update_fields=["ends_on", "outcome", "updated_at"])
    change_record_write(
        user=by,
        case_id=locked.household_id,
        object_type="employer_placement",
        object_id=locked.pk,
        action="ended",
        changes={"ends_on": ended_on.isoformat(), "outcome": str(outcome)},
    )
    return locked
