"""Persons for the sign-in tests: with a case (registered as the intake does), or without one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.utils import timezone

from bryggan.accounts.models import Unit, User
from bryggan.core.month import Month
from bryggan.intake.models import Channel
from bryggan.intake.services import application_register
from bryggan.people.models import Person
from bryggan.people.services import person_upsert
from tests.people.factories import person_input


def person_with_case(
    unit: Unit, persona: Callable[..., User], birth: date, serial: int, **kw: object
) -> Person:
    persona("work_coach")
    application = application_register(
        unit=unit,
        registered_by=persona("caseworker"),
        received_at=timezone.now(),
        channel=Channel.IN_PERSON,
        month=Month.of(timezone.localdate()),
        applicant=person_input(birth, serial, **kw),
        allow_over_cap=True,
        now=timezone.now(),
    )
    return application.household.members.get().person


def person_without_case(birth: date, serial: int) -> Person:
    return person_upsert(data=person_input(birth, serial, first="Utan", last="Ärende"))
