"""Valid identity numbers and person inputs for tests."""

from __future__ import annotations

from datetime import date

from stdnum import luhn

from bryggan.people.rules import parse_identity_number
from bryggan.people.services import PersonInput

TODAY = date(2026, 11, 23)


def identity_number(birth: date, serial: int = 238, *, coordination: bool = False) -> str:
    """A valid personnummer (or samordningsnummer) for `birth`, long form."""
    day = birth.day + (60 if coordination else 0)
    body = f"{birth:%y%m}{day:02d}{serial:03d}"
    return f"{birth:%Y%m}{day:02d}-{serial:03d}{luhn.calc_check_digit(body)}"


def person_input(
    birth: date, serial: int = 238, *, first: str = "Test", last: str = "Person", **kw: object
) -> PersonInput:
    return PersonInput(
        identity=parse_identity_number(identity_number(birth, serial), today=TODAY),
        first_name=first,
        last_name=last,
        **kw,  # type: ignore[arg-type]
    )
