"""Pure rules of an appeal (*överklagande*): the time check, and the unit's forwarding target.

Values in, values out; no ORM, no clock ("today" is a parameter).

Sources (the wording checked against SFS 2017:901 for 6 b §):
- förvaltningslagen (2017:900) 44 §: the appeal must have come in to the authority that decided
  within three weeks of the day the party received (*fick del av*) the decision;
- lag (1930:173) om beräkning av lagstadgad tid 2 §: a last day on a Saturday, Sunday or public
  holiday (or midsommarafton, julafton, nyårsafton) moves to the next working day
  (`decisions.rules.appeal_deadline`);
- förvaltningsprocesslagen (1971:291) 6 b § (SFS 2017:901): the deciding authority checks that the
  appeal came in on time; a late appeal is dismissed, but not if the delay is because the
  authority did not give correct appeal instructions, nor if it reached the court that is to try
  it within the appeal period; an appeal that is not dismissed is forwarded with the case's other
  documents to the court;
- förvaltningslagen (2017:900) 37–39 §§: before forwarding the authority may change the decision
  (*omprövning*); if it does, the appeal covers the new decision (39 §).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from bryggan.core.calendar import is_working_day
from bryggan.decisions.rules import appeal_deadline


class Timeliness(StrEnum):
    """The outcome of the time check (*rättidsprövning*)."""

    ON_TIME = "on_time"
    LATE = "late"  # to be dismissed (FPL 6 b § first paragraph)
    LATE_NOT_DISMISSED = "late_not_dismissed"  # late, but 6 b § second paragraph applies
    UNKNOWN = "unknown"  # the decision's receipt date is not recorded: cannot be computed


class LateExcuse(StrEnum):
    """Why a late appeal is nevertheless not dismissed (FPL 6 b § second paragraph)."""

    INCORRECT_INSTRUCTIONS = "incorrect_instructions"
    REACHED_COURT_IN_TIME = "reached_court_in_time"


@dataclass(frozen=True, slots=True)
class TimeCheck:
    timeliness: Timeliness
    last_day: date | None  # the last day of the appeal period, when the receipt date is known
    excuses: tuple[LateExcuse, ...] = ()

    @property
    def may_be_dismissed(self) -> bool:
        """Only an appeal found late with no excuse is dismissed."""
        return self.timeliness is Timeliness.LATE

    @property
    def may_be_forwarded(self) -> bool:
        """Every appeal not to be dismissed goes to the court. An unknown receipt date cannot
        prove the appeal late, so it does not stop the forwarding (the page says why)."""
        return self.timeliness is not Timeliness.LATE


def appeal_time_check(
    *,
    decision_received_on: date | None,
    appeal_received_on: date,
    incorrect_instructions: bool,
    reached_court_on: date | None,
) -> TimeCheck:
    """The time check of an appeal that came in on `appeal_received_on`.

    On time when it came in no later than the last day of the period: three weeks from the day the
    party received the decision, moved to the next working day when it ends on a day off. A late
    appeal is not dismissed when the delay is due to incorrect appeal instructions, or when the
    appeal reached the court within the period. Without the receipt date nothing can be computed.

    Source: förvaltningslagen (2017:900) 44 §; förvaltningsprocesslagen (1971:291) 6 b §;
    lag (1930:173) om beräkning av lagstadgad tid 2 §.
    """
    if decision_received_on is None:
        return TimeCheck(timeliness=Timeliness.UNKNOWN, last_day=None)
    last_day = appeal_deadline(decision_received_on)
    if appeal_received_on <= last_day:
        return TimeCheck(timeliness=Timeliness.ON_TIME, last_day=last_day)
    excuses: list[LateExcuse] = []
    if incorrect_instructions:
        excuses.append(LateExcuse.INCORRECT_INSTRUCTIONS)
    if reached_court_on is not None and reached_court_on <= last_day:
        excuses.append(LateExcuse.REACHED_COURT_IN_TIME)
    if excuses:
        return TimeCheck(
            timeliness=Timeliness.LATE_NOT_DISMISSED, last_day=last_day, excuses=tuple(excuses)
        )
    return TimeCheck(timeliness=Timeliness.LATE, last_day=last_day)


DEFAULT_FORWARD_WITHIN_DAYS = 7


def forward_by(*, appeal_received_on: date, within_days: int) -> date:
    """The unit's target day for forwarding an appeal to the court: `within_days` calendar days
    after it came in, moved to the next working day when that is a day off.

    The law says only that an appeal not dismissed is forwarded (FPL 6 b § third paragraph); one
    week is customary practice (the Parliamentary Ombudsman's), a unit setting, not law.
    """
    if within_days < 0:
        raise ValueError("within_days must not be negative")
    day = appeal_received_on + timedelta(days=within_days)
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def forwarded_on_time(*, forwarded_on: date, target: date) -> bool:
    return forwarded_on <= target


def appeal_date_problem(*, decided_on: date, appeal_received_on: date, today: date) -> str | None:
    """Why an appeal cannot have come in on `appeal_received_on`, or None when it can: not before
    the decision was made, and not in the future."""
    if appeal_received_on < decided_on:
        return "before_decision"
    if appeal_received_on > today:
        return "in_the_future"
    return None


@dataclass(frozen=True, slots=True)
class AppealFigures:
    """The follow-up's figures for one month of appeals that came in."""

    month: str
    came_in: int
    forwarded: int
    forwarded_on_time: int
    judged: int
    changed_by_court: int

    @property
    def share_forwarded_on_time(self) -> float | None:
        return self.forwarded_on_time / self.forwarded if self.forwarded else None

    @property
    def share_changed_by_court(self) -> float | None:
        return self.changed_by_court / self.judged if self.judged else None
