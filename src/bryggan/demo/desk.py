"""The demo's desks: every caseworker's My work shows a first meeting today and an application
waiting for its decision, and the persona work coach attends one of those meetings.

Each caseworker gets one new applicant who applied this morning, registered through
`application_register`; the meeting the service books (within two working days) is then moved to
this afternoon, as if the unit had had a cancellation, so that the desk opens on a meeting due
today. Deterministic for a given generator and `today`.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from stdnum import luhn

from bryggan.accounts.models import Unit, User
from bryggan.accounts.roles import Role
from bryggan.core.month import Month
from bryggan.intake.models import Channel, FirstMeeting
from bryggan.intake.services import application_register
from bryggan.people.models import Person
from bryggan.people.rules import parse_identity_number
from bryggan.people.services import PersonInput

PERSONA_COACH = "coach"  # demo.generator.PERSONAS (not imported: the generator imports this module)
FIRST_NAMES = ("Amira", "Johan", "Leila", "Mikael", "Sofia", "Yusuf", "Elin", "Omar")
LAST_NAMES = ("Ahmadi", "Berg", "Nyström", "Haddad", "Lund", "Persson", "Warsame", "Ek")


def _new_person(rng: random.Random, today: date) -> PersonInput:
    """A valid personnummer not yet in the database, for an adult of 25–55."""
    while True:
        birth = today.replace(year=today.year - rng.randint(25, 55), day=rng.randint(1, 28))
        serial = f"{rng.randint(0, 999):03d}"
        body = f"{birth:%y%m%d}{serial}"
        number = f"{birth:%Y%m%d}-{serial}{luhn.calc_check_digit(body)}"
        if not Person.objects.filter(identity_number=number).exists():
            break
    return PersonInput(
        identity=parse_identity_number(number, today=today),
        first_name=rng.choice(FIRST_NAMES),
        last_name=rng.choice(LAST_NAMES),
        address=f"Torggatan {rng.randint(1, 60)}",
    )


def demo_desk(*, units: list[Unit], today: date, now: datetime, rng: random.Random) -> None:
    tz = ZoneInfo(settings.TIME_ZONE)
    received = min(datetime.combine(today, time(8, 15), tzinfo=tz), now - timedelta(minutes=5))
    for unit in units:
        coaches = list(
            User.objects.filter(unit=unit, role=Role.WORK_COACH, is_active=True).order_by("pk")
        )
        # The persona who signs in to the demo as a work coach attends them, if in this unit.
        coach = next((c for c in coaches if c.username == PERSONA_COACH), None) or next(
            iter(coaches), None
        )
        caseworkers = User.objects.filter(unit=unit, role=Role.CASEWORKER, is_active=True)
        for index, caseworker in enumerate(caseworkers.order_by("pk")):
            application = application_register(
                unit=unit,
                registered_by=caseworker,
                received_at=received,
                channel=Channel.PHONE,
                month=Month.of(today),
                applicant=_new_person(rng, today),
                caseworker=caseworker,
                allow_over_cap=True,
                now=max(received, now),
            )
            # Moved to this afternoon: a slot freed by a cancellation (see the module's docstring).
            FirstMeeting.objects.filter(application=application).update(
                starts_at=datetime.combine(today, time(13 + index % 4, 0), tzinfo=tz),
                work_coach=coach,
            )
