"""Rules of the action plan (*handlingsplan*): versions, signing, follow-ups, youth authorship.

Pure: values in, values out; "today" is a parameter.

Sources: socialtjänstlagen (2001:453) 4 kap. 4 § (work practice or other competence-raising
activity, planned with the person); from 1 July 2025 socialtjänstlagen (2025:400) 12 kap. 4 §.
Practice: a plan signed by the client, written by the young adult themself (Huddinge's youth
practice, in the seed report *Att bryta mönster*, SKL 2013).
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from bryggan.core.errors import DomainError
from bryggan.people.rules import is_young_adult

VERSION_NOT_LATEST = _(
    "Version {number} is an older version of the plan: only the latest version ({latest}) can be "
    "signed."
)
VERSION_ALREADY_SIGNED = _("Version {number} is already signed and locked.")
VERSION_LOCKED = _("A signed plan version is locked and cannot be changed.")
CLIENT_AUTHOR_NOT_YOUTH = _("Only a young adult (18–24) writes their own plan.")
FOLLOW_UP_IN_PAST = _("A follow-up cannot be booked for a day that has passed.")
FOLLOW_UP_ALREADY_HELD = _("The follow-up is already marked as held.")
HELD_IN_FUTURE = _("A follow-up cannot be marked held on a day that has not come yet.")
FOLLOW_UP_CANCELLED = _("The follow-up has been cancelled.")
HELD_CANNOT_BE_CANCELLED = _("The follow-up has been held and cannot be cancelled.")
CANCEL_REASON_REQUIRED = _("Give the reason why the follow-up is cancelled.")


class Author(StrEnum):
    CASEWORKER = "caseworker"
    WORK_COACH = "work_coach"
    CLIENT = "client"


def next_version_number(latest: int | None) -> int:
    """The number of a new version: one more than the latest, 1 for the first."""
    return 1 if latest is None else latest + 1


def check_may_sign(*, number: int, latest: int, signed: bool) -> None:
    """Only the latest version can be signed, and only once."""
    if number != latest:
        raise DomainError(VERSION_NOT_LATEST.format(number=number, latest=latest))
    if signed:
        raise DomainError(VERSION_ALREADY_SIGNED.format(number=number))


def check_author(author: Author, *, birth_date: date, today: date) -> None:
    """A client may be the plan's author only as a young adult (Huddinge's youth practice)."""
    if author == Author.CLIENT and not is_young_adult(birth_date, today):
        raise DomainError(CLIENT_AUTHOR_NOT_YOUTH, field="written_by")


def is_missed(*, due_on: date, held_on: date | None, today: date, cancelled: bool) -> bool:
    """A follow-up is missed when its due date has passed and it has been neither held nor
    cancelled (a cancelled follow-up will not happen: it is neither missed nor due)."""
    return held_on is None and not cancelled and due_on < today


def check_booking(due_on: date, *, today: date) -> None:
    if due_on < today:
        raise DomainError(FOLLOW_UP_IN_PAST, field="due_on")


def check_hold(*, held_on: date, already_held: bool, today: date, cancelled: bool) -> None:
    if already_held:
        raise DomainError(FOLLOW_UP_ALREADY_HELD)
    if cancelled:
        raise DomainError(FOLLOW_UP_CANCELLED)
    if held_on > today:
        raise DomainError(HELD_IN_FUTURE, field="held_on")


def check_cancel(*, held: bool, cancelled: bool, reason: str) -> None:
    """A booked follow-up that will not happen is cancelled, with the reason; one that has been
    held or is already cancelled cannot be."""
    if held:
        raise DomainError(HELD_CANNOT_BE_CANCELLED)
    if cancelled:
        raise DomainError(FOLLOW_UP_CANCELLED)
    if not reason.strip():
        raise DomainError(CANCEL_REASON_REQUIRED, field="reason")
