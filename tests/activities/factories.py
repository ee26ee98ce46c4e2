"""Activities, households, referrals and sanctions for tests, made through the real services."""

from __future__ import annotations

import tomllib
from datetime import date, timedelta

from django.utils import timezone

from bryggan.accounts.models import Unit, User
from bryggan.activities.models import (
    Activity,
    ActivityKind,
    Provider,
    Referral,
    SanctionProposal,
    TargetGroup,
)
from bryggan.activities.rules import AttendanceMark
from bryggan.activities.services import (
    activity_create,
    attendance_register_group,
    referral_accept,
    referral_create,
    referral_start,
    sanction_assess,
    sanction_decide,
)
from bryggan.core.month import Month
from bryggan.norm_entry.models import EnteredRiksnorm
from bryggan.norm_entry.selectors import application_norms
from bryggan.norms.tables import default_norms
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


def enter_test_norm(year: int, by: User) -> None:
    """2021's riksnorm entered as `year`'s table, unless that year has one: TEST DATA only."""
    if year in application_norms().norm_years():
        return
    document = tomllib.loads(
        (default_norms().data_dir / "riksnorm" / "2021.toml").read_text(encoding="utf-8")
    )
    document["year"] = year
    document["source"]["reference"] = "TEST"
    EnteredRiksnorm.objects.create(year=year, document=document, entered_by=by)


def last_weekday(today: date) -> date:
    """`today`, or the Friday before it on a weekend."""
    return today - timedelta(days=max(0, today.weekday() - 4))


def make_sanction(
    unit: Unit,
    household: Household,
    *,
    coach: User,
    caseworker: User | None = None,
    manager: User | None = None,
    today: date,
    amount: int = 500,
) -> SanctionProposal:
    """An unexcused absence of the household's applicant on the last weekday, and the proposal it
    produces; assessed as a reduction when `caseworker` is given, decided when `manager` is too.
    """
    activity = make_activity(unit, coach, today=today, name="Sanktionstest")
    day = last_weekday(today)
    referral = make_participant(activity, household, coach, started_on=day)
    attendance_register_group(
        activity=activity,
        day=day,
        marks={referral.pk: AttendanceMark.UNEXCUSED_ABSENCE},
        by=coach,
        today=today,
    )
    proposal = SanctionProposal.objects.get(absences__referral=referral)
    if caseworker is None:
        return proposal
    enter_test_norm(Month.parse(proposal.month).year, caseworker)
    now = timezone.now()
    proposal = sanction_assess(
        proposal=proposal,
        valid_reason=False,
        reasons="Uteblev utan att höra av sig.",
        amount=amount,
        by=caseworker,
        now=now,
    )
    if manager is None:
        return proposal
    return sanction_decide(proposal=proposal, approve=True, note="", by=manager, now=now)
