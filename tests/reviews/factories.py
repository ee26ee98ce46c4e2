"""Cases, review groups, meetings and agenda items for the reviews tests, made through the real
services."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, time, timedelta

from django.utils import timezone

from bryggan.accounts.models import Unit, User
from bryggan.cooperation.models import PartnerOrganisation
from bryggan.core.month import Month
from bryggan.intake.models import Channel
from bryggan.intake.services import application_register
from bryggan.people.models import Household
from bryggan.reviews.models import AgendaItem, Meeting, ReviewGroup
from bryggan.reviews.rules import GroupTarget
from bryggan.reviews.services import agenda_item_add, meeting_create, review_group_create
from tests.people.factories import person_input


def make_case(
    caseworker: User,
    serial: int,
    first: str = "Nora",
    last: str = "Berg",
    *,
    unit: Unit | None = None,
) -> Household:
    """A case with one applicant, born 1985 (the work coach persona must exist: intake books the
    first meeting with both)."""
    return application_register(
        unit=unit or caseworker.unit,
        registered_by=caseworker,
        received_at=timezone.now(),
        channel=Channel.IN_PERSON,
        month=Month.of(timezone.localdate()),
        applicant=person_input(date(1985, 2, 3), serial, first=first, last=last),
        allow_over_cap=True,
        now=timezone.now(),
    ).household


def make_group(
    unit: Unit,
    by: User,
    organisations: Iterable[PartnerOrganisation],
    *,
    name: str = "ÄGG över 25",
) -> ReviewGroup:
    return review_group_create(
        unit=unit,
        name=name,
        target=GroupTarget.OVER_25,
        organisations=organisations,
        weekday=1,
        every_weeks=2,
        meeting_time=time(9, 0),
        place="Stadshuset, rum 3",
        by=by,
    )


def make_meeting(group: ReviewGroup, by: User, *, in_days: int = 7) -> Meeting:
    return meeting_create(group=group, on=timezone.localdate() + timedelta(days=in_days), by=by)


def put_on(meeting: Meeting, household: Household, by: User) -> AgendaItem:
    return agenda_item_add(
        meeting=meeting,
        household=household,
        person=household.members.get().person,
        by=by,
        now=timezone.now(),
    )
