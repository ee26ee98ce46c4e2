"""The gates to cases and persons: check the user's right, log the read, same message for
"does not exist" and "not yours" so that the answer reveals nothing."""

from __future__ import annotations

from enum import StrEnum

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from bryggan.accounts.models import User
from bryggan.accounts.roles import may_see_unit_cases
from bryggan.audit.services import access_log_write
from bryggan.core.errors import NotFoundOrForbidden
from bryggan.people.models import Household, Person

CASE_NOT_FOUND = _("No such case, or not one you may see.")
PERSON_NOT_FOUND = _("No such person, or not one you may see.")


class Purpose(StrEnum):
    CASEWORK = "casework"
    INTAKE = "intake"
    AUDIT = "audit"
    REGISTER_EXTRACT = "register_extract"  # the person's own copy (GDPR art. 15)


def access_household(
    user: User, household_id: int, *, purpose: Purpose, request: HttpRequest | None = None
) -> Household:
    household = (
        Household.objects.select_related("unit", "caseworker").filter(pk=household_id).first()
    )
    if household is None or not may_see_unit_cases(
        role=user.role, user_unit_id=user.unit_id, case_unit_id=household.unit_id
    ):
        raise NotFoundOrForbidden(CASE_NOT_FOUND)
    access_log_write(
        user=user,
        object_type="household",
        object_id=household.pk,
        case_id=household.pk,
        purpose=purpose,
        request=request,
    )
    return household


def access_person(
    user: User, person_id: int, *, purpose: Purpose, request: HttpRequest | None = None
) -> Person:
    """A person is visible to staff of a unit where the person belongs, or belonged, to a case."""
    person = Person.objects.filter(pk=person_id).first()
    memberships = person.memberships.select_related("household") if person is not None else []
    visible_case = next(
        (
            member.household
            for member in memberships
            if may_see_unit_cases(
                role=user.role, user_unit_id=user.unit_id, case_unit_id=member.household.unit_id
            )
        ),
        None,
    )
    if person is None or visible_case is None:
        raise NotFoundOrForbidden(PERSON_NOT_FOUND)
    access_log_write(
        user=user,
        object_type="person",
        object_id=person.pk,
        case_id=visible_case.pk,
        purpose=purpose,
        request=request,
    )
    return person
