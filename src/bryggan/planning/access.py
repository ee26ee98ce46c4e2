"""The gate to a person's action plan: through the household's gate (which checks the right and
logs the read), then the person must be an adult member of that case."""

from __future__ import annotations

from django.http import HttpRequest

from bryggan.accounts.models import User
from bryggan.activities.selectors import ADULT_ROLES
from bryggan.core.errors import NotFoundOrForbidden
from bryggan.people.access import CASE_NOT_FOUND, Purpose, access_household
from bryggan.people.models import Household, HouseholdMember, Person
from bryggan.planning.models import FollowUp


def access_plan_person(
    user: User,
    household_id: int,
    person_id: int,
    *,
    purpose: Purpose,
    request: HttpRequest | None = None,
) -> tuple[Household, Person]:
    household = access_household(user, household_id, purpose=purpose, request=request)
    member = (
        HouseholdMember.objects.select_related("person")
        .filter(
            household=household,
            person_id=person_id,
            role__in=ADULT_ROLES,
        )
        .first()
    )
    if member is None:
        raise NotFoundOrForbidden(CASE_NOT_FOUND)
    return household, member.person


def access_followup(
    user: User,
    household_id: int,
    person_id: int,
    followup_id: int,
    *,
    purpose: Purpose,
    request: HttpRequest | None = None,
) -> FollowUp:
    household, person = access_plan_person(
        user, household_id, person_id, purpose=purpose, request=request
    )
    follow_up = (
        FollowUp.objects.select_related("plan")
        .filter(pk=followup_id, plan__household=household, plan__person=person)
        .first()
    )
    if follow_up is None:
        raise NotFoundOrForbidden(CASE_NOT_FOUND)
    return follow_up
