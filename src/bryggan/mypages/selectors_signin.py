"""Reads for the applicants' sign-in: the person a personnummer names, whether they have a case,
and the demo's applicants to sign in as."""

from __future__ import annotations

from bryggan.people.models import HouseholdMember, Person


def person_by_identity_number(number: str) -> Person | None:
    return Person.objects.filter(identity_number=number).first()


def person_has_case(person: Person) -> bool:
    """Is the person a member of a household (a case), now or before?"""
    return HouseholdMember.objects.filter(person=person).exists()


def demo_applicants(*, limit: int = 5) -> list[Person]:
    """A few applicants of current cases without protected identity, for the demo's test
    sign-in."""
    members = (
        HouseholdMember.objects.filter(
            role="applicant", valid_to__isnull=True, person__protected_identity=False
        )
        .select_related("person", "household")
        .order_by("household_id")[:limit]
    )
    return [member.person for member in members]
