"""The måltavla: the unit's monthly board, each measure a series over the last 24 months.

Two routes to the same numbers. The board page counts in the database
(`selectors.board_counts`, a few aggregate queries whatever the unit's size) and turns the counts
into series here (`series_from_counts`); the pure functions below compute each measure from plain
values (`selectors.board_inputs` loads them) and are the reference the database route is tested
against (tests/followup/test_board_sql.py). Sources:
Borås's *måltavla* (long-term cases and closed long-term cases, monthly) and Trelleborg's
follow-up (meeting within 2 working days, average time on assistance 8 → 6 months, 94 % not back
after a year), both in the seed report (shared/DESIGN.md); long-term = assistance in 10 or more of
the last 12 months (shared/domain/rules.md, `rules.is_long_term`). No Django.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from bryggan.core.month import MONTHS_PER_YEAR, Month
from bryggan.followup import rules

# Two years of months on the board: Bryggan's choice of view (Borås's måltavla is monthly; the
# seed report names no length), not law.
BOARD_MONTHS = 24

Value = int | Decimal | None


@dataclass(frozen=True, slots=True)
class ClosureRow:
    household_id: int
    closed_on: date
    reason: str


@dataclass(frozen=True, slots=True)
class ApplicationRow:
    household_id: int
    received_on: date
    month: Month  # the month applied for


@dataclass(frozen=True, slots=True)
class MeetingRow:
    deadline: date
    starts_on: date  # the local day the meeting is booked for


@dataclass(frozen=True, slots=True)
class ReferralRow:
    household_id: int
    started_on: date  # accepted or started, whichever came first
    ended_on: date | None


@dataclass(frozen=True, slots=True)
class BoardInputs:
    months: Mapping[int, set[Month]]  # months with a standing payment, per household
    closures: Sequence[ClosureRow] = ()
    applications: Sequence[ApplicationRow] = ()
    meetings: Sequence[MeetingRow] = ()
    referrals: Sequence[ReferralRow] = ()
    first_signed_plan: Mapping[int, date] = field(default_factory=dict)  # per household


@dataclass(frozen=True, slots=True)
class Series:
    """One measure: a key for downloads, and one value per board month (None: nothing to count)."""

    key: str
    values: tuple[Value, ...]
    unit: str = "count"  # "count", "percent" or "months"
    extra: dict[str, tuple[Value, ...]] = field(default_factory=dict)  # columns beside the value


def board_months(as_of: Month, count: int = BOARD_MONTHS) -> list[Month]:
    """The `count` months ending with `as_of`, earliest first."""
    return [as_of.plus(i - count + 1) for i in range(count)]


def _per_month(board: Sequence[Month], count: Callable[[Month], Value]) -> tuple[Value, ...]:
    return tuple(count(m) for m in board)


def households_on_assistance(months: Mapping[int, set[Month]], board: Sequence[Month]) -> Series:
    """Households with a standing payment for the month."""
    counts: Counter[int] = Counter()
    for ms in months.values():
        counts.update(m.index for m in ms)
    return Series("households", _per_month(board, lambda m: counts[m.index]))


def long_term_by_month(
    months: Mapping[int, set[Month]], board: Sequence[Month]
) -> dict[Month, set[int]]:
    """The households long-term in each month: paid that month and in 10 or more of the last 12
    (`rules.is_long_term`, counted on month numbers for speed; the tests hold them equal)."""
    result: dict[Month, set[int]] = {m: set() for m in board}
    positions = [(m, m.index) for m in board]
    for household_id, ms in months.items():
        paid = {m.index for m in ms}
        for m, i in positions:
            if i in paid and sum((i - k) in paid for k in range(MONTHS_PER_YEAR)) >= (
                rules.LONG_TERM_MONTHS
            ):
                result[m].add(household_id)
    return result


def long_term_cases(months: Mapping[int, set[Month]], board: Sequence[Month]) -> Series:
    """Long-term cases per month (Borås's måltavla)."""
    by_month = long_term_by_month(months, board)
    return Series("long_term", _per_month(board, lambda m: len(by_month[m])))


def long_term_closed(
    months: Mapping[int, set[Month]], closures: Iterable[ClosureRow], board: Sequence[Month]
) -> Series:
    """Closures in the month of cases that were long-term when closed (Borås's måltavla).

    Long-term when closed: 10 or more of the 12 months ending with the month of the closure or the
    month before it (a case paid January–October and closed in November counts in November).
    """
    shown = set(board)
    counts: dict[Month, int] = defaultdict(int)
    for closure in closures:
        month = Month.of(closure.closed_on)
        if month not in shown:
            continue
        if rules.was_long_term_when_closed(
            months.get(closure.household_id, set()), closed_on=closure.closed_on
        ):
            counts[month] += 1
    return Series("long_term_closed", _per_month(board, lambda m: counts.get(m, 0)))


def new_applications(applications: Iterable[ApplicationRow], board: Sequence[Month]) -> Series:
    """Applications received in the month that start a new spell: the household did not apply for
    the month before the one applied for (intake's rule for booking a first meeting)."""
    rows = [(row.household_id, row.month.index, row.received_on) for row in applications]
    applied = {(household_id, i) for household_id, i, _ in rows}
    counts: Counter[tuple[int, int]] = Counter(
        (received_on.year, received_on.month)
        for household_id, i, received_on in rows
        if (household_id, i - 1) not in applied
    )
    return Series("new_applications", _per_month(board, lambda m: counts[(m.year, m.month)]))


def first_meetings_in_time(meetings: Iterable[MeetingRow], board: Sequence[Month]) -> Series:
    """Share (%) of first meetings with their deadline in the month booked on or before the
    deadline, 2 working days after the application (Trelleborg)."""
    total: dict[Month, int] = defaultdict(int)
    in_time: dict[Month, int] = defaultdict(int)
    for meeting in meetings:
        month = Month.of(meeting.deadline)
        total[month] += 1
        if meeting.starts_on <= meeting.deadline:
            in_time[month] += 1
    return Series(
        "first_meetings",
        _per_month(board, lambda m: rules.share(in_time.get(m, 0), total.get(m, 0))),
        unit="percent",
        extra={
            "meetings": _per_month(board, lambda m: total.get(m, 0)),
            "in_time": _per_month(board, lambda m: in_time.get(m, 0)),
        },
    )


def average_time_on_assistance(months: Mapping[int, set[Month]], board: Sequence[Month]) -> Series:
    """Mean months of the ongoing spell, up to and including the month, of the households paid in
    the month (Trelleborg's average time on assistance)."""
    by_index = {m.index: m for m in board}
    lengths: dict[Month, list[int]] = defaultdict(list)
    for ms in months.values():
        run, previous = 0, None
        for i in sorted(m.index for m in ms):
            run = run + 1 if previous is not None and i == previous + 1 else 1
            previous = i
            if i in by_index:
                lengths[by_index[i]].append(run)
    return Series(
        "average_time",
        _per_month(board, lambda m: rules.average_months(lengths.get(m, []))),
        unit="months",
    )


def _paid_by_month(months: Mapping[int, set[Month]]) -> dict[Month, list[int]]:
    """The households paid in each month."""
    paid: dict[Month, list[int]] = defaultdict(list)
    for household_id, ms in months.items():
        for m in ms:
            paid[m].append(household_id)
    return paid


def with_current_activity(
    months: Mapping[int, set[Month]], referrals: Iterable[ReferralRow], board: Sequence[Month]
) -> Series:
    """Share (%) of the households paid in the month with a current activity at some time in it:
    a referral accepted or started by the month's last day and not ended before its first."""
    intervals: dict[int, list[ReferralRow]] = defaultdict(list)
    for referral in referrals:
        intervals[referral.household_id].append(referral)

    def active(household_id: int, m: Month) -> bool:
        return any(
            r.started_on <= m.last_day and (r.ended_on is None or r.ended_on >= m.first_day)
            for r in intervals.get(household_id, ())
        )

    paid = _paid_by_month(months)
    return Series(
        "activity",
        _per_month(
            board,
            lambda m: rules.share(sum(active(h, m) for h in paid.get(m, [])), len(paid.get(m, []))),
        ),
        unit="percent",
    )


def with_signed_plan(
    months: Mapping[int, set[Month]], first_signed: Mapping[int, date], board: Sequence[Month]
) -> Series:
    """Share (%) of the households paid in the month with a plan signed by the client on or before
    the month's last day (a signed version stays signed; a new version is a change of plan)."""
    paid = _paid_by_month(months)

    def count(m: Month) -> Value:
        households = paid.get(m, [])
        signed = sum(1 for h in households if h in first_signed and first_signed[h] <= m.last_day)
        return rules.share(signed, len(households))

    return Series("signed_plan", _per_month(board, count), unit="percent")


def returns_after_twelve_months(
    closures: Iterable[ClosureRow],
    applications: Iterable[ApplicationRow],
    board: Sequence[Month],
    *,
    today: date,
) -> Series:
    """Of the closures to work or studies whose twelve months ended in the month (and by `today`),
    the share (%) that applied again within them (Trelleborg: 94 % not back after a year)."""
    received: dict[int, list[date]] = defaultdict(list)
    for row in applications:
        received[row.household_id].append(row.received_on)
    due: dict[Month, int] = defaultdict(int)
    returned: dict[Month, int] = defaultdict(int)
    for closure in closures:
        if not rules.is_followed_up(closure.reason):
            continue
        due_on = rules.return_follow_up_due(closure.closed_on)
        if due_on > today:
            continue
        month = Month.of(due_on)
        due[month] += 1
        check = rules.return_outcome(closure.closed_on, received.get(closure.household_id, []))
        if check.outcome == rules.ReturnOutcome.RETURNED:
            returned[month] += 1
    return Series(
        "returns",
        _per_month(board, lambda m: rules.share(returned.get(m, 0), due.get(m, 0))),
        unit="percent",
        extra={
            "followed_up": _per_month(board, lambda m: due.get(m, 0)),
            "returned": _per_month(board, lambda m: returned.get(m, 0)),
        },
    )


def board_series(inputs: BoardInputs, *, as_of: Month, today: date) -> list[Series]:
    """Every measure of the board for the 24 months ending with `as_of`."""
    board = board_months(as_of)
    return [
        households_on_assistance(inputs.months, board),
        long_term_cases(inputs.months, board),
        long_term_closed(inputs.months, inputs.closures, board),
        new_applications(inputs.applications, board),
        first_meetings_in_time(inputs.meetings, board),
        average_time_on_assistance(inputs.months, board),
        with_current_activity(inputs.months, inputs.referrals, board),
        with_signed_plan(inputs.months, inputs.first_signed_plan, board),
        returns_after_twelve_months(inputs.closures, inputs.applications, board, today=today),
    ]


# The database route ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MonthCounts:
    """What the database counts for one board month; every measure is computed from these."""

    households: int = 0  # paid in the month
    long_term: int = 0  # of them, paid in 10 or more of the last 12 months
    spell_months: int = 0  # of them, the months of their ongoing spell so far, summed
    with_activity: int = 0
    with_signed_plan: int = 0
    long_term_closed: int = 0
    new_applications: int = 0  # received in the month
    meetings: int = 0  # first meetings with their deadline in the month
    meetings_in_time: int = 0
    followed_up: int = 0  # closures to work or studies whose twelve months end in the month
    returned: int = 0


def _mean(total: int, count: int) -> Decimal | None:
    """`rules.average_months` of lengths summing to `total`: the same rounding, from the sum."""
    if count == 0:
        return None
    return (Decimal(total) / count).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def series_from_counts(counts: Mapping[Month, MonthCounts], board: Sequence[Month]) -> list[Series]:
    """Every measure of the board from the database's counts, in `board_series`'s order."""
    zero = MonthCounts()

    def col(name: str) -> tuple[Value, ...]:
        return _per_month(board, lambda m: getattr(counts.get(m, zero), name))

    def ratio(part: str, whole: str) -> tuple[Value, ...]:
        return _per_month(
            board,
            lambda m: rules.share(
                getattr(counts.get(m, zero), part), getattr(counts.get(m, zero), whole)
            ),
        )

    return [
        Series("households", col("households")),
        Series("long_term", col("long_term")),
        Series("long_term_closed", col("long_term_closed")),
        Series("new_applications", col("new_applications")),
        Series(
            "first_meetings",
            ratio("meetings_in_time", "meetings"),
            unit="percent",
            extra={"meetings": col("meetings"), "in_time": col("meetings_in_time")},
        ),
        Series(
            "average_time",
            _per_month(
                board,
                lambda m: _mean(counts.get(m, zero).spell_months, counts.get(m, zero).households),
            ),
            unit="months",
        ),
        Series("activity", ratio("with_activity", "households"), unit="percent"),
        Series("signed_plan", ratio("with_signed_plan", "households"), unit="percent"),
        Series(
            "returns",
            ratio("returned", "followed_up"),
            unit="percent",
            extra={"followed_up": col("followed_up"), "returned": col("returned")},
        ),
    ]


def latest_closure_due_by(today: date) -> date:
    """The last closing day whose twelve-month return check falls due on or before `today`.

    A closure on 29 February falls due on 28 February a year later, so on that day two closing
    days are due at once (28 and 29 February).
    """
    day = rules.add_months(today, -rules.RETURN_FOLLOW_UP_MONTHS)
    while rules.return_follow_up_due(day + timedelta(days=1)) <= today:
        day += timedelta(days=1)
    return day
