"""Projects and their outcomes compared with the same measure before the project.

Pure functions over values (`date`, plain rows); no ORM and no clock: "today" is a parameter.

Source: Fagersta's *Språnget* (seed report *Att bryta mönster*, SKL 2013; shared/data/README.md):
4 persons went to work or studies in the three years before the project (2008–2010), 44 in its
first two years. The comparison below is built to answer that kind of question from the case data.

What "the same measure before" means here, exactly:

- **The measure** is the number of people who *left for work or studies* (*gick till arbete eller
  studier*) within a period, and that number as a share of the population it is counted in.
- **During the project** (from the project's first day to its last, or to today while it runs),
  the population is the project's participants: distinct persons who joined within that time.
  A participant *left for work or studies* when a participation ended within that time with the
  outcome work or studies (a person counts once even if they joined twice).
- **Before the project** the period ends the day before the project's first day and is as long as
  the whole project (start to planned end; counted in calendar months when the project runs whole
  months, else in days) or, when the project names it, a chosen number of months (Språnget
  compared with the three years before: 36 months). The population is the unit's
  households in the project's target group with assistance (a payment made) for at least one month
  of the period, and a household *left for work or studies* when its case was closed with the
  reason work or studies (followup's closures, *avslutsorsak*) within the period. Before the project
  there were no participants, so the unit's own closures of the target group are the only
  comparable exits; each closure counts as one, as each participant does.
- **Target group** (the activity catalogue's target groups): *all* is every household of the
  unit; *young adults 18–24* a household with an adult member (applicant or co-applicant) who was
  18–24 on some day of the period; *long-term recipients* a household with assistance in at least
  10 of the 12 months ending with some month of the period (Socialstyrelsen counts 10–12 months
  of a calendar year, shared/domain/rules.md; the rolling twelve months are Bryggan's adaptation,
  as followup's list of current long-term cases; closures counted when the case was long-term
  when closed, as the måltavla counts them: `followup.rules.was_long_term_when_closed`, recorded
  on the closure);
  *newly arrived* cannot be told from the case data (no date of arrival is recorded), so the
  unit's households as a whole stand in for it and the page says so.
- **Per year**: the periods may differ in length (3 years against 2 in Språnget), so each count is
  also given per year: count × 365.25 / days in the period, to one decimal.
- **The unit as a whole**: the unit's closures to work or studies (every household, every target
  group) before and during the project, for context: a rise during the project that the whole
  unit shares is not the project's doing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from bryggan.core.errors import DomainError
from bryggan.core.month import Month
from bryggan.followup.rules import (
    FOLLOWED_UP_REASONS,
    ClosureReason,
    add_months,
    is_long_term,
    share,
)


def gettext_noop(message: str) -> str:
    """Mark a message for translation (xgettext's `gettext_noop` keyword) without importing
    Django: the interface translates `ProjectRuleError.template` when it shows the error."""
    return message


DAYS_PER_YEAR = Decimal("365.25")  # the mean calendar year: a convention of this page, not law
# The activity catalogue's "young adults 18–24" (Huddinge's youth track): the same ages as
# `people.rules.YOUTH_AGES`, which is not imported because people.rules imports Django.
YOUTH_MIN_AGE = 18
YOUTH_MAX_AGE = 24

PERIOD_REVERSED = gettext_noop("The project ends before it starts.")
BUDGET_NEGATIVE = gettext_noop("The budget cannot be negative.")
SPENT_NEGATIVE = gettext_noop("The amount spent cannot be negative.")
BASELINE_MONTHS_INVALID = gettext_noop("The comparison period must be at least one month.")
JOINED_OUTSIDE_PERIOD = gettext_noop(
    "The joining date is outside the project's period ({first} – {last})."
)
LEFT_BEFORE_JOINED = gettext_noop("The leaving date is before the joining date.")
LEFT_AFTER_PROJECT = gettext_noop("The leaving date is after the project's end ({last}).")
LEFT_IN_FUTURE = gettext_noop("The leaving date is in the future.")
OVERLAPPING_PARTICIPATION = gettext_noop(
    "The person already takes part in the project from {joined} to {left}: the dates overlap."
)
STILL_TAKING_PART = gettext_noop("until further notice")
ALREADY_ENDED = gettext_noop("The participation has already ended.")
OUTCOME_REQUIRED = gettext_noop("Give the outcome.")
PARTICIPANTS_OUTSIDE_PERIOD = gettext_noop(
    "Participations outside the new period: {count}. Change their dates first."
)


class ProjectRuleError(DomainError):
    """A project rule refused the values. `template` is the English msgid and `params` fill it,
    so that an interface can translate the template first and fill it after."""

    def __init__(self, template: str, *, field: str | None = None, **params: object) -> None:
        super().__init__(template.format(**params), field=field)
        self.template = template
        self.params = params


class ParticipantOutcome(StrEnum):
    """Why a participant left the project: followup's closure reasons and the activity
    catalogue's "interrupted" (the same codes, so that the three can be counted together)."""

    WORK = ClosureReason.WORK.value
    STUDIES = ClosureReason.STUDIES.value
    OTHER_INCOME = ClosureReason.OTHER_INCOME.value
    MOVED = ClosureReason.MOVED.value
    INTERRUPTED = "interrupted"  # as activities' referral outcome
    OTHER = ClosureReason.OTHER.value


TO_WORK_OR_STUDIES = frozenset(ParticipantOutcome(reason.value) for reason in FOLLOWED_UP_REASONS)


class TargetGroupCode(StrEnum):
    """The activity catalogue's target groups (`activities.models.TargetGroup`, same values)."""

    ALL = "all"
    YOUTH = "youth"
    NEWLY_ARRIVED = "newly_arrived"
    LONG_TERM = "long_term"


# Periods ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Period:
    """Whole days from `first` to `last`, both included."""

    first: date
    last: date

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise ProjectRuleError(PERIOD_REVERSED, field="ends_on")

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.first <= day <= self.last


def period_so_far(project: Period, *, today: date) -> Period | None:
    """The part of the project that has passed: its first day to today (None before it starts)."""
    if today < project.first:
        return None
    return Period(project.first, min(project.last, today))


def whole_months(period: Period) -> int | None:
    """The period's length in calendar months when it is a whole number of them (1 January to
    31 December of the next year: 24), else None."""
    after = period.last + timedelta(days=1)
    months = Month.of(after).minus(Month.of(period.first))
    return months if months > 0 and add_months(period.first, months) == after else None


def before_period(project: Period, *, months: int | None = None) -> Period:
    """The comparison period: it ends the day before the project starts and is as long as the
    whole project (in calendar months when the project runs whole months, else in days), or
    `months` calendar months (Språnget: the three years before, 36)."""
    last = project.first - timedelta(days=1)
    if months is None:
        months = whole_months(project)
    if months is None:
        return Period(last - timedelta(days=project.days - 1), last)
    if months < 1:
        raise ProjectRuleError(BASELINE_MONTHS_INVALID, field="baseline_months")
    return Period(add_months(project.first, -months), last)


def youth_birth_dates(period: Period) -> tuple[date, date]:
    """Birth dates (exclusive lower, inclusive upper) of those aged 18–24 on some day of `period`:
    born after `first` minus 25 years and no later than `last` minus 18 years."""
    return (
        add_months(period.first, -12 * (YOUTH_MAX_AGE + 1)),
        add_months(period.last, -12 * YOUTH_MIN_AGE),
    )


# The project's own checks -------------------------------------------------------------------------


def check_project(
    *, starts_on: date, ends_on: date, budget: int, spent: int | None, baseline_months: int | None
) -> None:
    """The project's period runs forward; budget and amount spent are whole kronor ≥ 0."""
    Period(starts_on, ends_on)
    if budget < 0:
        raise ProjectRuleError(BUDGET_NEGATIVE, field="budget")
    if spent is not None and spent < 0:
        raise ProjectRuleError(SPENT_NEGATIVE, field="spent")
    if baseline_months is not None and baseline_months < 1:
        raise ProjectRuleError(BASELINE_MONTHS_INVALID, field="baseline_months")


@dataclass(frozen=True, slots=True)
class Stay:
    """One participation's dates; `left_on` None while the person still takes part."""

    joined_on: date
    left_on: date | None


def overlaps(a: Stay, b: Stay) -> bool:
    """Two participations overlap when they share a day (an open one runs on for ever)."""
    a_end = a.left_on or date.max
    b_end = b.left_on or date.max
    return a.joined_on <= b_end and b.joined_on <= a_end


def check_joining(project: Period, *, stay: Stay, others: Iterable[Stay]) -> None:
    """A person joins within the project's period and not while already taking part in it."""
    if stay.joined_on not in project:
        raise ProjectRuleError(
            JOINED_OUTSIDE_PERIOD, field="joined_on", first=project.first, last=project.last
        )
    for other in others:
        if overlaps(stay, other):
            raise ProjectRuleError(
                OVERLAPPING_PARTICIPATION,
                field="joined_on",
                joined=other.joined_on,
                left=other.left_on or STILL_TAKING_PART,
            )


def check_leaving(
    project: Period,
    *,
    stay: Stay,
    left_on: date,
    outcome: ParticipantOutcome | None,
    today: date,
) -> None:
    """A participant leaves once, with an outcome, between joining and the project's end, and
    not in the future (the outcome must be known)."""
    if stay.left_on is not None:
        raise ProjectRuleError(ALREADY_ENDED)
    if not outcome:
        raise ProjectRuleError(OUTCOME_REQUIRED, field="outcome")
    if left_on < stay.joined_on:
        raise ProjectRuleError(LEFT_BEFORE_JOINED, field="left_on")
    if left_on > project.last:
        raise ProjectRuleError(LEFT_AFTER_PROJECT, field="left_on", last=project.last)
    if left_on > today:
        raise ProjectRuleError(LEFT_IN_FUTURE, field="left_on")


def stays_outside(project: Period, stays: Iterable[Stay]) -> int:
    """How many participations would fall outside a (changed) project period."""
    return sum(
        1
        for s in stays
        if s.joined_on not in project or (s.left_on is not None and s.left_on not in project)
    )


# Outcomes ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ParticipationRow:
    """One participation as the selector reads it."""

    person_id: int
    joined_on: date
    left_on: date | None
    outcome: ParticipantOutcome | None


@dataclass(frozen=True, slots=True)
class ReasonCount:
    """Closures of one reason, counted in the database."""

    reason: str
    closures: int


@dataclass(frozen=True, slots=True)
class Measure:
    """Left for work or studies within `period`, out of `population`."""

    period: Period
    population: int
    to_work: int
    to_studies: int

    @property
    def to_work_or_studies(self) -> int:
        return self.to_work + self.to_studies

    @property
    def share(self) -> Decimal | None:
        """Per cent of the population, one decimal."""
        return share(self.to_work_or_studies, self.population)

    @property
    def per_year(self) -> Decimal:
        return per_year(self.to_work_or_studies, self.period)


def per_year(count: int, period: Period) -> Decimal:
    """`count` over `period` as a yearly rate: count × 365.25 / days, one decimal."""
    return (Decimal(count) * DAYS_PER_YEAR / period.days).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )


def during_measure(rows: Iterable[ParticipationRow], period: Period) -> Measure:
    """Distinct participants who joined within `period`, and those of them who left it for work
    or studies within `period` (one person counts once, with their first such exit)."""
    joined: set[int] = set()
    exits: dict[int, ParticipantOutcome] = {}
    for row in sorted(rows, key=lambda r: (r.left_on or date.max, r.person_id)):
        if row.joined_on in period:
            joined.add(row.person_id)
        if (
            row.left_on in period
            and row.outcome in TO_WORK_OR_STUDIES
            and row.person_id not in exits
        ):
            exits[row.person_id] = row.outcome
    exits = {person: outcome for person, outcome in exits.items() if person in joined}
    return Measure(
        period=period,
        population=len(joined),
        to_work=sum(1 for o in exits.values() if o == ParticipantOutcome.WORK),
        to_studies=sum(1 for o in exits.values() if o == ParticipantOutcome.STUDIES),
    )


def closure_measure(counts: Iterable[ReasonCount], *, households: int, period: Period) -> Measure:
    """Closures to work or studies within `period` (counted per reason), out of `households`."""
    by_reason: dict[str, int] = {}
    for row in counts:
        by_reason[row.reason] = by_reason.get(row.reason, 0) + row.closures
    return Measure(
        period=period,
        population=households,
        to_work=by_reason.get(ClosureReason.WORK.value, 0),
        to_studies=by_reason.get(ClosureReason.STUDIES.value, 0),
    )


@dataclass(frozen=True, slots=True)
class OutcomeCount:
    outcome: ParticipantOutcome | None  # None: still taking part
    participations: int


def outcome_counts(rows: Iterable[ParticipationRow], *, today: date) -> list[OutcomeCount]:
    """Participations per outcome (every outcome listed, zero included), then those still
    taking part on `today` (not ended, or ending later)."""
    counts = dict.fromkeys([*ParticipantOutcome, None], 0)
    for row in rows:
        ended = row.left_on is not None and row.left_on <= today
        counts[row.outcome if ended else None] += 1
    return [OutcomeCount(outcome, n) for outcome, n in counts.items()]


@dataclass(frozen=True, slots=True)
class Comparison:
    """The project's outcome table: the target group before, the participants during, and the
    unit as a whole in both periods for context."""

    before: Measure
    during: Measure | None  # None before the project has started
    unit_before: Measure
    unit_during: Measure | None

    @property
    def change_per_year(self) -> Decimal | None:
        """During minus before, in exits per year."""
        if self.during is None:
            return None
        return self.during.per_year - self.before.per_year


def long_term_households(
    months_by_household: Mapping[int, Iterable[Month]], period: Period
) -> set[int]:
    """Households with assistance in at least 10 of the 12 months ending with some month of
    `period` (`followup.rules.is_long_term`).

    Source: Socialstyrelsen's long-term assistance, 10–12 months of a calendar year
    (shared/domain/rules.md); over any twelve months here, Bryggan's adaptation (followup.rules).
    """
    first, last = Month.of(period.first), Month.of(period.last)
    ends = [first.plus(i) for i in range(last.minus(first) + 1)]
    found = set()
    for household, months in months_by_household.items():
        paid = set(months)
        if any(is_long_term(paid, as_of=end) for end in ends):
            found.add(household)
    return found
