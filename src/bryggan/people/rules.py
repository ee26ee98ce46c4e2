"""Identity numbers and ages: pure rules, no database, no clock.

A *personnummer* is the birth date (YYMMDD, or YYYYMMDD in the long form), a three-digit serial
and a Luhn check digit (folkbokföringslagen (1991:481) 18 §; Skatteverket SKV 704). A
*samordningsnummer* has the same form with 60 added to the day (folkbokföringslagen 18 a §). The
checksum, format and date checks come from python-stdnum; the day offset of the
samordningsnummer, which stdnum does not know, is handled here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from django.utils.translation import gettext_lazy as _
from stdnum import luhn
from stdnum.exceptions import ValidationError
from stdnum.se import personnummer as stdnum_personnummer

from bryggan.core.errors import DomainError

COORDINATION_DAY_OFFSET = 60
ADULT_AGE = 18
YOUTH_AGES = range(18, 25)  # young adults 18–24 go to the youth track (Huddinge's practice)

INVALID_IDENTITY_NUMBER = _("Not a valid personnummer or samordningsnummer.")
BIRTH_DATE_IN_FUTURE = _("The birth date lies in the future.")

_FORM = re.compile(r"^(\d{2})?(\d{6})([-+]?)(\d{4})$")


class IdentityKind(StrEnum):
    PERSONNUMMER = "personnummer"
    SAMORDNINGSNUMMER = "samordningsnummer"


@dataclass(frozen=True, slots=True)
class IdentityNumber:
    """A checked identity number in its long form `YYYYMMDD-NNNN`."""

    number: str
    kind: IdentityKind
    birth_date: date


def parse_identity_number(text: str, *, today: date) -> IdentityNumber:
    """Check and normalise a personnummer or samordningsnummer.

    Accepts `YYYYMMDD-NNNN`, `YYYYMMDDNNNN`, `YYMMDD-NNNN` and `YYMMDD+NNNN` (the plus marks a
    person aged 100 or more). The short form's century is the one that puts the birth date at
    most 100 years (with `-`) or more than 100 years (with `+`) before `today`.

    Source: folkbokföringslagen (1991:481) 18 and 18 a §§.
    """
    compact = re.sub(r"\s", "", text or "")
    match = _FORM.match(compact)
    if match is None:
        raise DomainError(INVALID_IDENTITY_NUMBER)
    century, yymmdd, separator, serial = match.groups()
    day = int(yymmdd[4:6])
    kind = IdentityKind.PERSONNUMMER
    if day > COORDINATION_DAY_OFFSET:
        kind = IdentityKind.SAMORDNINGSNUMMER
        day -= COORDINATION_DAY_OFFSET
    if not luhn.is_valid(yymmdd + serial):
        raise DomainError(INVALID_IDENTITY_NUMBER)
    date_part = f"{yymmdd[:4]}{day:02d}"
    if century is None:
        century = _century_for(date_part, centenarian=separator == "+", today=today)
    try:
        birth_date = stdnum_personnummer.get_birth_date(f"{century}{date_part}-{serial}")
    except ValidationError as error:
        raise DomainError(INVALID_IDENTITY_NUMBER) from error
    if birth_date > today:
        raise DomainError(BIRTH_DATE_IN_FUTURE)
    return IdentityNumber(number=f"{century}{yymmdd}-{serial}", kind=kind, birth_date=birth_date)


def _century_for(yymmdd: str, *, centenarian: bool, today: date) -> str:
    """The century that puts the birth date on or before `today` (one more back with `+`)."""
    century = today.year // 100
    month_day = (int(yymmdd[2:4]), int(yymmdd[4:6]))
    if (int(yymmdd[:2]), *month_day) > (today.year % 100, today.month, today.day):
        century -= 1
    if centenarian:
        century -= 1
    return str(century)


def may_reveal_identity(*, protected: bool, viewer_may_see_protected: bool) -> bool:
    """Name and address of a person with *skyddad identitet* only to users given that right.

    Source: offentlighets- och sekretesslagen (2009:400) 26 kap. 1 § (secrecy in the social
    services); Skatteverket's *sekretessmarkering* and *skyddad folkbokföring*.
    """
    return not protected or viewer_may_see_protected


def age_on(birth_date: date, day: date) -> int:
    """Age in completed years on `day` (a person born 29 February turns a year older on 1 March)."""
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def is_young_adult(birth_date: date, day: date) -> bool:
    """Aged 18–24 on `day`: routed to the youth track."""
    return age_on(birth_date, day) in YOUTH_AGES


# --- who makes up a household -----------------------------------------------------------------

APPLICANT = "applicant"
CO_APPLICANT = "co_applicant"
CHILD = "child"

ONE_APPLICANT = _("A household has exactly one applicant.")
ONE_CO_APPLICANT = _("A household has at most one co-applicant.")
APPLICANT_NOT_ADULT = _("The applicant must be 18 or older.")
CO_APPLICANT_MUST_BE_ADULT = _("A co-applicant must be 18 or older.")
MOVED_OUT_BEFORE_MOVED_IN = _("The day of moving out is before the day the person moved in.")
MOVED_OUT_IN_FUTURE = _("The day of moving out cannot be later than today.")
APPLICANT_MOVES_OUT = _(
    "The applicant cannot move out of their own case: close the case, or make another adult the "
    "applicant first."
)


@dataclass(frozen=True, slots=True)
class MemberFacts:
    """One member as the composition rule sees them: role and birth date."""

    role: str
    birth_date: date


def check_composition(members: list[MemberFacts], *, on: date) -> None:
    """A household after a change: one applicant aged 18 or more, at most one co-applicant (the
    spouse or sambo, also 18 or more), and any number of children.

    Spouses and sambos have a joint household and are assessed together; children living at home
    belong to their parents' household (SoL (2001:453) 4 kap. 1 §; Socialstyrelsen, *Ekonomiskt
    bistånd – handbok för socialtjänsten*, on the household; the wording not verified here).
    The rule is the one `household_open` applies to a new case.
    """
    applicants = [m for m in members if m.role == APPLICANT]
    co_applicants = [m for m in members if m.role == CO_APPLICANT]
    if len(applicants) != 1:
        raise DomainError(ONE_APPLICANT)
    if len(co_applicants) > 1:
        raise DomainError(ONE_CO_APPLICANT)
    if age_on(applicants[0].birth_date, on) < ADULT_AGE:
        raise DomainError(APPLICANT_NOT_ADULT)
    if co_applicants and age_on(co_applicants[0].birth_date, on) < ADULT_AGE:
        raise DomainError(CO_APPLICANT_MUST_BE_ADULT)


def check_moving_out(*, role: str, moved_in: date, moved_out: date, today: date) -> None:
    """A member's day of moving out: on or after moving in, not in the future, never the
    applicant's (whose leaving ends the case: that is closing it)."""
    if role == APPLICANT:
        raise DomainError(APPLICANT_MOVES_OUT)
    if moved_out < moved_in:
        raise DomainError(MOVED_OUT_BEFORE_MOVED_IN)
    if moved_out > today:
        raise DomainError(MOVED_OUT_IN_FUTURE)
