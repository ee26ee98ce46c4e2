"""Employers, offers, client profiles and placements for tests, made through the real services."""

from __future__ import annotations

from datetime import date
from itertools import count

from stdnum import luhn

from bryggan.accounts.models import Unit, User
from bryggan.employers.models import ClientProfile, Employer, Offer, Placement, PlacementKind
from bryggan.employers.services import (
    EmployerInput,
    OfferInput,
    client_profile_save,
    employer_create,
    offer_create,
    placement_create,
)
from bryggan.people.models import Household

_serial = count()


def valid_orgnr(n: int) -> str:
    """A made-up organisation number with a valid check digit (Luhn over the ten digits)."""
    digits = f"55{n:07d}"[:9]
    number = digits + luhn.calc_check_digit(digits)
    return f"{number[:6]}-{number[6:]}"


def make_employer(
    unit: Unit, by: User, *, name: str = "Testbolaget AB", municipality: str = "Trelleborg"
) -> Employer:
    return employer_create(
        unit=unit,
        data=EmployerInput(
            name=name,
            organisation_number=valid_orgnr(next(_serial) + 100),
            field="logistics",
            address="Hamngatan 1",
            postcode="231 42",
            municipality=municipality,
            note="",
        ),
        by=by,
    )


def offer_input(**changes: object) -> OfferInput:
    values: dict[str, object] = {
        "kind": "work_practice",
        "title": "Lagerarbete",
        "description": "",
        "field": "logistics",
        "capacity": 2,
        "starts_on": date(2026, 1, 1),
        "ends_on": date(2027, 12, 31),
        "required_languages": (),
        "requires_driving_licence": False,
        "requires_experience": False,
        "location": "Hamnen",
        "municipality": "Trelleborg",
    }
    values.update(changes)
    return OfferInput(**values)  # type: ignore[arg-type]


def make_offer(employer: Employer, by: User, **changes: object) -> Offer:
    return offer_create(employer=employer, data=offer_input(**changes), by=by)


def make_profile(household: Household, by: User, **changes: object) -> ClientProfile:
    values: dict[str, object] = {
        "languages": ["sv", "ar"],
        "driving_licence": True,
        "experience_fields": ["logistics"],
        "municipality": "Trelleborg",
    }
    values.update(changes)
    return client_profile_save(
        household=household,
        person=household.members.get(role="applicant").person,
        by=by,
        **values,  # type: ignore[arg-type]
    )


def place(
    offer: Offer,
    household: Household,
    by: User,
    *,
    on: date = date(2026, 11, 2),
    kind: PlacementKind = PlacementKind.PLACEMENT,
) -> Placement:
    return placement_create(
        offer=offer,
        household=household,
        person=household.members.get(role="applicant").person,
        kind=kind,
        starts_on=on,
        by=by,
    )
