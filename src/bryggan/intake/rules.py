"""Rules of intake: the first-meeting deadline, meeting slots, the month window, youth routing,
and assignment under the caseload cap. Pure: values in, values out; "now" is a parameter.

Practice sources (the seed report *Att bryta mönster*, SKL 2013, and DESIGN.md): Trelleborg meets
every applicant within two working days with someone who can plan toward work; Fagersta has the
caseworker and a work coach both at the first meeting; Huddinge sends young adults (18–24) to a
youth track; Borås keeps at most 40–45 cases per caseworker.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date, datetime, time
from enum import StrEnum
from zoneinfo import ZoneInfo

from django.utils.translation import gettext_lazy as _

from bryggan.core.calendar import add_working_days
from bryggan.core.errors import DomainError
from bryggan.core.month import Month
from bryggan.people.rules import is_young_adult

FIRST_MEETING_WORKING_DAYS = 2
MONTH_WINDOW = 12  # an application may concern a month at most 12 months back or ahead
MEETING_SLOTS = (time(9, 0), time(10, 30), time(13, 0), time(14, 30))
BOOKING_HORIZON_WORKING_DAYS = 10

MONTH_OUT_OF_WINDOW = _("The month applied for lies more than 12 months from the date received.")
RECEIVED_IN_FUTURE = _("The application cannot be received in the future.")


class Track(StrEnum):
    STANDARD = "standard"
    YOUTH = "youth"


def first_meeting_deadline(received_on: date) -> date:
    """The last day for the first meeting: two working days after the day of receipt."""
    return add_working_days(received_on, FIRST_MEETING_WORKING_DAYS)


def check_received_at(received_at: datetime, *, now: datetime) -> None:
    if received_at > now:
        raise DomainError(RECEIVED_IN_FUTURE, field="received_at")


def check_month_applied_for(month: Month, *, received_on: date) -> None:
    """An application concerns a month at most 12 months before or after the month of receipt."""
    if abs(month.minus(Month.of(received_on))) > MONTH_WINDOW:
        raise DomainError(MONTH_OUT_OF_WINDOW, field="month")


def track_for(applicant_birth_date: date, *, received_on: date) -> Track:
    """Young adults (18–24 on the day of receipt) go to the youth track."""
    if is_young_adult(applicant_birth_date, received_on):
        return Track.YOUTH
    return Track.STANDARD


def meeting_slots(received_at: datetime, *, tz: ZoneInfo) -> Iterator[datetime]:
    """Meeting times from the working day after receipt onward, in order, within the horizon."""
    day = received_at.astimezone(tz).date()
    for _day in range(BOOKING_HORIZON_WORKING_DAYS):
        day = add_working_days(day, 1)
        for slot in MEETING_SLOTS:
            yield datetime.combine(day, slot, tzinfo=tz)


def choose_meeting(
    received_at: datetime,
    *,
    tz: ZoneInfo,
    caseworker_id: int,
    coach_ids: list[int],
    busy: set[tuple[int, datetime]],
) -> tuple[datetime, int | None]:
    """The first slot where the caseworker and some work coach are both free.

    Coaches are tried in the order given (the caller puts the least-booked first). With no coach in
    the unit the caseworker meets alone. The caller compares the result with the deadline.
    """
    for slot in meeting_slots(received_at, tz=tz):
        if (caseworker_id, slot) in busy:
            continue
        if not coach_ids:
            return slot, None
        for coach_id in coach_ids:
            if (coach_id, slot) not in busy:
                return slot, coach_id
    # Everybody fully booked for the horizon: the slot after it, to be handled by hand.
    last = datetime.combine(
        add_working_days(received_at.astimezone(tz).date(), BOOKING_HORIZON_WORKING_DAYS + 1),
        MEETING_SLOTS[0],
        tzinfo=tz,
    )
    return last, (coach_ids[0] if coach_ids else None)


def pick_caseworker(loads: Mapping[int, int], *, cap: int) -> int | None:
    """The least-loaded caseworker with room under the cap (lowest id on a tie), or None."""
    with_room = [(load, user_id) for user_id, load in loads.items() if load < cap]
    return min(with_room)[1] if with_room else None


def would_exceed_cap(load: int, *, cap: int) -> bool:
    """True when one more case would put the caseworker over the cap."""
    return load + 1 > cap


def is_meeting_late(starts_at: datetime, deadline: date, *, tz: ZoneInfo) -> bool:
    return starts_at.astimezone(tz).date() > deadline


def starts_new_spell(month: Month, *, previous_months: set[str]) -> bool:
    """A first meeting is booked when the household did not apply for the month before.

    An application that continues from last month's is a follow-up within the case, not a new
    start; a household returning after a gap gets a new first meeting.
    """
    return str(month.plus(-1)) not in previous_months
