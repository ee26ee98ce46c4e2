"""Follow-up rules: time on assistance, the 12-month return check and caseload rebalancing.

Pure functions over values (`Month`, `date`, ids); no ORM and no clock: "today" is a parameter.

Sources:
- Trelleborg (seed report *Att bryta mönster*; shared/data/README.md): of those who left
  assistance for work or studies, 94 % had not returned after a year; the average time on
  assistance fell from 8 to 6 months (2006–2013); four in ten recipients had assistance in at least
  10 of 12 months (2009).
- Long-term assistance (*långvarigt bistånd*): assistance in 10–12 months of the calendar year
  (Socialstyrelsen, Öppna jämförelser; shared/domain/rules.md). The unit's list of current
  long-term cases uses the same 10 months over the last 12 months instead of a calendar year, so
  that the manager sees the cases that are long-term now (Borås's *måltavla*).
- Caseload cap: at most 40–45 active cases per caseworker (Borås); the cap itself is the unit's
  setting (`accounts.Unit.caseload_cap`), here a parameter.
"""

from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from bryggan.core.month import MONTHS_PER_YEAR, Month

LONG_TERM_MONTHS = 10  # of 12: Socialstyrelsen's definition of *långvarigt bistånd*
RETURN_FOLLOW_UP_MONTHS = 12  # Trelleborg: "not returned after a year"


class ClosureReason(StrEnum):
    """Why a case was closed (*avslutsorsak*)."""

    WORK = "work"
    STUDIES = "studies"
    OTHER_INCOME = "other_income"  # e.g. sickness or activity compensation
    MOVED = "moved"
    OTHER = "other"


class ReturnOutcome(StrEnum):
    RETURNED = "returned"
    STAYED_SELF_SUFFICIENT = "stayed_self_sufficient"


FOLLOWED_UP_REASONS = frozenset({ClosureReason.WORK, ClosureReason.STUDIES})


# Time on assistance ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Spell:
    """An unbroken run of months with assistance (*bidragsperiod*); a month without ends it."""

    first: Month
    last: Month

    @property
    def months(self) -> int:
        return self.last.minus(self.first) + 1

    def touches_year(self, year: int) -> bool:
        return self.first.year <= year <= self.last.year


def spells(months: Iterable[Month]) -> list[Spell]:
    """The spells of a set of months with assistance, earliest first."""
    result: list[Spell] = []
    for month in sorted(set(months)):
        if result and month.minus(result[-1].last) == 1:
            result[-1] = Spell(result[-1].first, month)
        else:
            result.append(Spell(month, month))
    return result


def months_per_year(months: Iterable[Month]) -> dict[int, int]:
    """Months with assistance in each calendar year."""
    return dict(sorted(Counter(m.year for m in set(months)).items()))


def is_long_term_in_year(months: Iterable[Month], year: int) -> bool:
    """Assistance in 10–12 months of the calendar year.

    Source: Socialstyrelsen, Öppna jämförelser (shared/domain/rules.md).
    """
    return months_per_year(months).get(year, 0) >= LONG_TERM_MONTHS


def months_in_last_twelve(months: Iterable[Month], *, as_of: Month) -> int:
    """Months with assistance among the twelve ending with `as_of` (inclusive)."""
    return sum(1 for m in set(months) if 0 <= as_of.minus(m) < MONTHS_PER_YEAR)


def is_long_term(months: Iterable[Month], *, as_of: Month) -> bool:
    """Assistance in at least 10 of the 12 months ending with `as_of`: long-term now."""
    return months_in_last_twelve(months, as_of=as_of) >= LONG_TERM_MONTHS


def was_long_term_when_closed(months: Iterable[Month], *, closed_on: date) -> bool:
    """Long-term when closed: 10 or more of the 12 months ending with the month of the closure or
    the month before it (a case paid January–October and closed in November counts).

    Source: Borås's *måltavla*, "closed long-term cases" (seed report; shared/DESIGN.md).
    """
    month = Month.of(closed_on)
    paid = set(months)
    return is_long_term(paid, as_of=month) or is_long_term(paid, as_of=month.plus(-1))


@dataclass(frozen=True, slots=True)
class HouseholdTime:
    """One household's time on assistance, as its case page shows it."""

    as_of: Month
    spells: list[Spell]  # latest first
    months_per_year: dict[int, int]  # latest year first
    total_months: int
    months_in_last_twelve: int
    long_term_now: bool
    ongoing: Spell | None  # the spell that includes `as_of` or the month before it


def household_time(months: Iterable[Month], *, as_of: Month) -> HouseholdTime:
    """Spells, months per calendar year and whether the household is long-term now (10 or more
    of the 12 months ending with `as_of`). A spell paid up to the month before `as_of` is still
    ongoing: this month's payment may not have been made yet."""
    paid = set(months)
    all_spells = spells(paid)
    last = all_spells[-1] if all_spells else None
    ongoing = last if last is not None and 0 <= as_of.minus(last.last) <= 1 else None
    return HouseholdTime(
        as_of=as_of,
        spells=list(reversed(all_spells)),
        months_per_year=dict(sorted(months_per_year(paid).items(), reverse=True)),
        total_months=len(paid),
        months_in_last_twelve=months_in_last_twelve(paid, as_of=as_of),
        long_term_now=is_long_term(paid, as_of=as_of),
        ongoing=ongoing,
    )


def average_months(lengths: Iterable[int]) -> Decimal | None:
    """The mean of whole-month lengths to one decimal (None when there is nothing to average)."""
    values = list(lengths)
    if not values:
        return None
    return (Decimal(sum(values)) / len(values)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def average_months_per_spell(all_spells: Iterable[Spell]) -> Decimal | None:
    """The unit's average time on assistance: mean months per spell (Trelleborg's 8 → 6)."""
    return average_months(s.months for s in all_spells)


@dataclass(frozen=True, slots=True)
class YearSummary:
    year: int
    households: int
    average_months_per_household: Decimal | None
    spells: int
    average_months_per_spell: Decimal | None
    long_term_households: int


def year_summary(by_household: dict[int, set[Month]], year: int) -> YearSummary:
    """Time on assistance in one calendar year over many households.

    A spell counts in every year it touches, with its whole length (a spell from November to
    February counts 4 months in both years).
    """
    per_household = [months_per_year(ms).get(year, 0) for ms in by_household.values()]
    in_year = [n for n in per_household if n > 0]
    year_spells = [s for ms in by_household.values() for s in spells(ms) if s.touches_year(year)]
    return YearSummary(
        year=year,
        households=len(in_year),
        average_months_per_household=average_months(in_year),
        spells=len(year_spells),
        average_months_per_spell=average_months_per_spell(year_spells),
        long_term_households=sum(1 for n in in_year if n >= LONG_TERM_MONTHS),
    )


# Return follow-up ------------------------------------------------------------------------------


def is_followed_up(reason: str) -> bool:
    """Only closures to work or studies are followed up for a return (Trelleborg)."""
    return reason in FOLLOWED_UP_REASONS


def add_months(day: date, months: int) -> date:
    """The same day `months` later; the month's last day when it has no such day (29 Feb)."""
    target = Month.of(day).plus(months)
    last = calendar.monthrange(target.year, target.month)[1]
    return date(target.year, target.month, min(day.day, last))


def return_follow_up_due(closed_on: date) -> date:
    """The day the return check for a closure falls due: twelve months after it."""
    return add_months(closed_on, RETURN_FOLLOW_UP_MONTHS)


@dataclass(frozen=True, slots=True)
class ReturnCheck:
    outcome: ReturnOutcome
    returned_on: date | None  # the first application after the closure, when it returned


def return_outcome(closed_on: date, applications_received: Iterable[date]) -> ReturnCheck:
    """Returned if the household applied again after `closed_on` and by the due day (inclusive)."""
    due = return_follow_up_due(closed_on)
    within = [day for day in applications_received if closed_on < day <= due]
    if within:
        return ReturnCheck(ReturnOutcome.RETURNED, min(within))
    return ReturnCheck(ReturnOutcome.STAYED_SELF_SUFFICIENT, None)


def share(part: int, whole: int) -> Decimal | None:
    """`part` of `whole` in per cent to one decimal."""
    if whole == 0:
        return None
    return (Decimal(100 * part) / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


# Caseload rebalancing --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Move:
    from_id: int
    to_id: int
    cases: int


@dataclass(frozen=True, slots=True)
class Rebalancing:
    moves: tuple[Move, ...]
    unplaced: int  # cases over the cap that nobody under it can take


def caseload_rebalance(loads: Sequence[tuple[int, int]], *, cap: int) -> Rebalancing:
    """Moves that bring caseworkers over the cap down to it, giving to the least loaded.

    One case at a time goes from the currently most loaded caseworker over the cap to the
    currently least loaded one under it, until nobody is over or nobody is under. Ties go by the
    order of `loads` (caseworker id, active cases). A caseworker only ever gives or only receives.
    """
    current = dict(loads)
    order = {pk: i for i, (pk, _) in enumerate(loads)}
    givers = [pk for pk, load in loads if load > cap]
    takers = [pk for pk, load in loads if load < cap]
    moved: Counter[tuple[int, int]] = Counter()
    while givers and takers:
        giver = min(givers, key=lambda pk: (-current[pk], order[pk]))
        taker = min(takers, key=lambda pk: (current[pk], order[pk]))
        current[giver] -= 1
        current[taker] += 1
        moved[giver, taker] += 1
        if current[giver] <= cap:
            givers.remove(giver)
        if current[taker] >= cap:
            takers.remove(taker)
    moves = tuple(
        Move(from_id=a, to_id=b, cases=n)
        for (a, b), n in sorted(moved.items(), key=lambda kv: (order[kv[0][0]], order[kv[0][1]]))
    )
    return Rebalancing(moves=moves, unplaced=sum(current[pk] - cap for pk in givers))
