"""Activities, households and referrals for tests, made through the real services."""

from __future__ import annotations

from datetime import date, timedelta

from bryggan.accounts.models import Unit, User
from bryggan.activities.models import Activity, ActivityKind, Provider, Referral, TargetGroup
from bryggan.activities.services import (
    activity_create,
    referral_accept,
    referral_create,
    referral_start,
)
from bryggan.people.models import Household
from bryggan.people.services import household_open
from tests.people.factories import person_input

WEEKDAYS = frozenset({0, 1, 2, 3, 4})


def make_activity(
    unit: Unit,
    by: User,
    *,
    today: date,
    capacity: int = 10,
    weekdays: frozenset[int] = WEEKDAYS,
    name: str = "Arbetsträning Verkstan",
) -> Activity:
    """An activity running from 60 days before `today` to 60 days after."""
    return activity_create(
        unit=unit,
        name=name,
        provider=Provider.MUNICIPAL_UNIT,
        kind=ActivityKind.WORK_TRAINING,
        target_group=TargetGroup.ALL,
        capacity=capacity,
        starts_on=today - timedelta(days=60),
        ends_on=today + timedelta(days=60),
        weekdays=weekdays,
        by=by,
    )


def make_household(
    unit: Unit, by: User, *, serial: int, first: str = "Sara", opened_on: date | None = None
) -> Household:
    return household_open(
        unit=unit,
        applicant=person_input(date(1988, 4, 2), serial, first=first, last="Lind"),
        co_applicant=None,
        children=[],
        caseworker=None,
        opened_on=opened_on or date(2026, 1, 5),
        by=by,
    )


def make_participant(
    activity: Activity, household: Household, by: User, *, started_on: date
) -> Referral:
    """A referral of the household's applicant, accepted and started on `started_on`."""
    person = household.members.get(role="applicant").person
    referral = referral_create(
        activity=activity, household=household, person=person, referred_on=started_on, by=by
    )
    referral = referral_accept(referral=referral, on=started_on, by=by)
    return referral_start(referral=referral, on=started_on, by=by)
