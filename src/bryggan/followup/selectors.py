"""Reads for the follow-up: closures due a return check, months with assistance, the unit page.

Each selector is one query (or two) for the whole unit, never one per household.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.expressions import CombinedExpression
from django.db.models.functions import (
    Cast,
    Coalesce,
    Concat,
    ExtractDay,
    ExtractMonth,
    ExtractYear,
    LPad,
    Substr,
)
from django.utils import timezone

from bryggan.accounts.models import Unit
from bryggan.activities.models import Referral
from bryggan.core.month import MONTHS_PER_YEAR, Month
from bryggan.followup import board, rules
from bryggan.followup.models import (
    AssistanceMonth,
    Closure,
    ClosureReasonChoices,
    ReturnOutcomeChoices,
)
from bryggan.intake.models import Application, FirstMeeting
from bryggan.payments.models import Payment, PaymentStatus
from bryggan.people.models import Household, HouseholdStatus
from bryggan.planning.models import PlanVersion

FOLLOWED_UP = [reason.value for reason in rules.FOLLOWED_UP_REASONS]


def closures_due_for_follow_up(*, today: date) -> list[Closure]:
    """Closures to work or studies twelve months old or more, without an outcome yet."""
    # A few days of slack for closures on 29 February, whose due day is 28 February; the rule
    # decides exactly.
    latest = rules.add_months(today, -rules.RETURN_FOLLOW_UP_MONTHS) + timedelta(days=3)
    candidates = Closure.objects.filter(
        reason__in=FOLLOWED_UP, follow_up__isnull=True, closed_on__lte=latest
    ).order_by("closed_on", "pk")
    return [c for c in candidates if rules.return_follow_up_due(c.closed_on) <= today]


def application_days_by_household(household_ids: Iterable[int]) -> dict[int, list[date]]:
    """The days (local time) each household's applications were received."""
    days: dict[int, list[date]] = defaultdict(list)
    for household_id, received_at in Application.objects.filter(
        household_id__in=list(household_ids)
    ).values_list("household_id", "received_at"):
        days[household_id].append(timezone.localtime(received_at).date())
    return dict(days)


def _month_range(first: Month | None, last: Month | None) -> dict[str, str]:
    """A filter on the decisions' months (`YYYY-MM` sorts as text); None: no bound."""
    bounds = {"decision__month__gte": first, "decision__month__lte": last}
    return {key: str(month) for key, month in bounds.items() if month is not None}


def assistance_months_by_household(
    unit: Unit, *, first: Month | None = None, last: Month | None = None
) -> dict[int, set[Month]]:
    """Months with assistance per household of the unit: a standing (sent) payment for the month,
    from `first` to `last` (every month when not given); one query."""
    months: dict[int, set[Month]] = defaultdict(set)
    rows = (
        Payment.objects.filter(
            status=PaymentStatus.SENT,
            decision__household__unit=unit,
            **_month_range(first, last),
        )
        .values_list("decision__household_id", "decision__month")
        .distinct()
    )
    for household_id, month in rows:
        months[household_id].add(Month.parse(month))
    return dict(months)


def household_assistance_months(
    household_id: int, *, first: Month | None = None, last: Month | None = None
) -> set[Month]:
    """One household's months with assistance (a standing payment) from `first` to `last`
    (every month when not given)."""
    return {
        Month.parse(month)
        for month in Payment.objects.filter(
            status=PaymentStatus.SENT,
            decision__household_id=household_id,
            **_month_range(first, last),
        ).values_list("decision__month", flat=True)
    }


def household_time_on_assistance(household_id: int, *, today: date) -> rules.HouseholdTime:
    """One household's time on assistance (`rules.household_time`) from its standing payments:
    one query."""
    months = household_assistance_months(household_id)
    return rules.household_time(months, as_of=Month.of(today))


@dataclass(frozen=True, slots=True)
class ReasonCount:
    reason: str
    label: str
    closures: int


def closures_by_reason(unit: Unit, *, year: int) -> list[ReasonCount]:
    """Closures in the unit in `year`, per reason (every reason listed, zero included)."""
    counts = dict(
        Closure.objects.filter(household__unit=unit, closed_on__year=year)
        .values("reason")
        .annotate(n=Count("id"))
        .values_list("reason", "n")
    )
    return [
        ReasonCount(reason=value, label=str(label), closures=counts.get(value, 0))
        for value, label in ClosureReasonChoices.choices
    ]


@dataclass(frozen=True, slots=True)
class ReturnRow:
    year: int  # the year of the closure
    followed_up: int
    returned: int
    stayed: int
    share_not_returned: Decimal | None


def return_follow_up_results(unit: Unit) -> list[ReturnRow]:
    """Outcomes of the 12-month return check per year of closure, latest first."""
    rows = (
        Closure.objects.filter(household__unit=unit, follow_up__isnull=False)
        .annotate(year=ExtractYear("closed_on"))
        .values("year")
        .annotate(
            returned=Count("id", filter=Q(follow_up__outcome=ReturnOutcomeChoices.RETURNED)),
            stayed=Count(
                "id", filter=Q(follow_up__outcome=ReturnOutcomeChoices.STAYED_SELF_SUFFICIENT)
            ),
        )
        .order_by("-year")
    )
    return [
        ReturnRow(
            year=row["year"],
            followed_up=row["returned"] + row["stayed"],
            returned=row["returned"],
            stayed=row["stayed"],
            share_not_returned=rules.share(row["stayed"], row["returned"] + row["stayed"]),
        )
        for row in rows
    ]


def closures_awaiting_follow_up(unit: Unit) -> int:
    """Closures to work or studies whose twelve months have not yet been checked."""
    return Closure.objects.filter(
        household__unit=unit, reason__in=FOLLOWED_UP, follow_up__isnull=True
    ).count()


def active_households_among(unit: Unit, household_ids: Iterable[int]) -> list[Household]:
    """The unit's active cases among `household_ids`, with their caseworkers; one query."""
    return list(
        Household.objects.filter(
            unit=unit, status=HouseholdStatus.ACTIVE, pk__in=list(household_ids)
        )
        .select_related("caseworker")
        .order_by("caseworker__last_name", "opened_on", "pk")
    )


@dataclass(frozen=True, slots=True)
class LongTermCase:
    household: Household
    months: int  # of the last twelve


@dataclass(frozen=True, slots=True)
class UnitFollowUp:
    year: int
    as_of: Month
    closures: list[ReasonCount]
    closures_total: int
    returns: list[ReturnRow]
    awaiting_follow_up: int
    years: list[rules.YearSummary]
    long_term: list[LongTermCase]


YEARS_SHOWN = 3


def long_term_now(unit: Unit, *, as_of: Month) -> dict[int, int]:
    """The unit's households with assistance in 10 or more of the 12 months ending with `as_of`
    (`rules.is_long_term`), with those months: one aggregate on `AssistanceMonth`."""
    return dict(
        AssistanceMonth.objects.filter(
            household__unit=unit, month__gt=as_of.index - MONTHS_PER_YEAR, month__lte=as_of.index
        )
        .values("household_id")
        .annotate(n=Count("id"))
        .filter(n__gte=rules.LONG_TERM_MONTHS)
        .values_list("household_id", "n")
    )


def year_summaries(unit: Unit, years: list[int], *, as_of: Month) -> list[rules.YearSummary]:
    """`rules.year_summary` for each of `years` (up to `as_of`), from `AssistanceMonth`: the
    months per household and year in one aggregate, and the spells that touch the years, each
    with its whole length, from the months that end them (the month after not paid, or `as_of`)."""
    first, last = Month(min(years), 1).index, min(Month(max(years), 12).index, as_of.index)
    rows = AssistanceMonth.objects.filter(household__unit=unit, month__lte=last)
    per_year: dict[int, list[int]] = defaultdict(list)
    for year, n in (
        rows.filter(month__gte=first)
        .annotate(year=F("month") / MONTHS_PER_YEAR)
        .values("household_id", "year")
        .annotate(n=Count("id"))
        .values_list("year", "n")
    ):
        per_year[year].append(n)
    paid_after = AssistanceMonth.objects.filter(
        household_id=OuterRef("household_id"), month=OuterRef("month") + 1
    )
    spells = [
        ((end - length + 1) // MONTHS_PER_YEAR, end // MONTHS_PER_YEAR, length)
        for end, length in rows.filter(month__gte=first)
        .filter(Q(month=last) | ~Exists(paid_after))
        .values_list("month", "spell_months")
    ]
    summaries = []
    for year in years:
        in_year = per_year.get(year, [])
        lengths = [n for start, end, n in spells if start <= year <= end]
        summaries.append(
            rules.YearSummary(
                year=year,
                households=len(in_year),
                average_months_per_household=rules.average_months(in_year),
                spells=len(lengths),
                average_months_per_spell=rules.average_months(lengths),
                long_term_households=sum(1 for n in in_year if n >= rules.LONG_TERM_MONTHS),
            )
        )
    return summaries


def unit_follow_up(unit: Unit, *, today: date) -> UnitFollowUp:
    """Everything the unit's follow-up page shows, in a fixed number of queries, counted on the
    months with assistance `services.assistance_months_refresh` keeps (call it first)."""
    year, as_of = today.year, Month.of(today)
    recent = long_term_now(unit, as_of=as_of)
    closures = closures_by_reason(unit, year=year)
    return UnitFollowUp(
        year=year,
        as_of=as_of,
        closures=closures,
        closures_total=sum(c.closures for c in closures),
        returns=return_follow_up_results(unit),
        awaiting_follow_up=closures_awaiting_follow_up(unit),
        years=year_summaries(unit, list(range(year, year - YEARS_SHOWN, -1)), as_of=as_of),
        long_term=[
            LongTermCase(household=h, months=recent[h.pk])
            for h in active_households_among(unit, recent)
        ],
    )


# The måltavla --------------------------------------------------------------------------------


def board_inputs(unit: Unit, *, as_of: Month) -> board.BoardInputs:
    """The values the unit's board is computed from, in six queries whatever the unit's size:
    every month with assistance and every application (a spell is counted whole), the closures,
    meetings and referrals that can count on the board."""
    months = board.board_months(as_of)
    first = months[0]
    year_before = first.plus(-13).first_day  # closures whose twelve months end on the board
    tz = timezone.get_current_timezone()
    closures = [
        board.ClosureRow(household_id, closed_on, reason)
        for household_id, closed_on, reason in Closure.objects.filter(
            household__unit=unit, closed_on__gte=year_before, closed_on__lte=as_of.last_day
        ).values_list("household_id", "closed_on", "reason")
    ]
    applications = [
        board.ApplicationRow(household_id, received_at.astimezone(tz).date(), Month.parse(month))
        for household_id, received_at, month in Application.objects.filter(
            household__unit=unit
        ).values_list("household_id", "received_at", "month")
    ]
    meetings = [
        board.MeetingRow(deadline, starts_at.astimezone(tz).date())
        for deadline, starts_at in FirstMeeting.objects.filter(
            application__household__unit=unit,
            deadline__gte=first.first_day,
            deadline__lte=as_of.last_day,
        ).values_list("deadline", "starts_at")
    ]
    referrals = [
        board.ReferralRow(household_id, started_on, ended_on)
        for household_id, started_on, ended_on in Referral.objects.filter(household__unit=unit)
        .annotate(began=Coalesce("accepted_on", "started_on"))
        .filter(began__isnull=False, began__lte=as_of.last_day)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=first.first_day))
        .values_list("household_id", "began", "ended_on")
    ]
    first_signed_plan = {
        household_id: timezone.localtime(signed_at).date()
        for household_id, signed_at in PlanVersion.objects.filter(
            plan__household__unit=unit, signed_at__isnull=False
        )
        .values("plan__household_id")
        .annotate(first=Min("signed_at"))
        .values_list("plan__household_id", "first")
    }
    return board.BoardInputs(
        first_signed_plan=first_signed_plan,
        months=assistance_months_by_household(unit, last=as_of),
        closures=closures,
        applications=applications,
        meetings=meetings,
        referrals=referrals,
    )


# The måltavla in the database ------------------------------------------------------------------

# Month numbers as `Month.index` (year * 12 + month - 1) from a decision's or application's
# `YYYY-MM`, in SQL that SQLite and PostgreSQL read alike.
MONTH_INDEX_SQL = "CAST(SUBSTR({0}, 1, 4) AS INTEGER) * 12 + CAST(SUBSTR({0}, 6, 2) AS INTEGER) - 1"

# The months with assistance of a household, each with the months of its ongoing spell so far
# and the months paid among the twelve ending with it: one row per household and month with a
# standing payment, then gaps and islands over them (a spell starts where the month before is not
# paid). Standard SQL (CTEs, window functions) that SQLite ≥ 3.28 and PostgreSQL ≥ 11 both run;
# `{households}` narrows it to some households. Written to `AssistanceMonth` by
# `services.assistance_months_refresh`.
ASSISTANCE_MONTHS_SQL = """
WITH paid AS (
    SELECT DISTINCT d.household_id AS h, {decision_month} AS i
    FROM payments_payment p
    JOIN decisions_decision d ON d.id = p.decision_id
    WHERE p.status = %s AND {households}
),
marked AS (
    SELECT h, i,
        CASE WHEN LAG(i) OVER w = i - 1 THEN 0 ELSE 1 END AS starts,
        COUNT(*) OVER (w RANGE BETWEEN 11 PRECEDING AND CURRENT ROW) AS last12
    FROM paid
    WINDOW w AS (PARTITION BY h ORDER BY i)
)
INSERT INTO followup_assistancemonth (household_id, month, spell_months, months_in_last_twelve)
SELECT h, i,
    i + 1 - MAX(CASE WHEN starts = 1 THEN i END)
        OVER (PARTITION BY h ORDER BY i ROWS UNBOUNDED PRECEDING),
    last12
FROM marked
""".replace("{decision_month}", MONTH_INDEX_SQL.format("d.month"))

# The board's measures that depend on the months with assistance, in one statement. `on_board`:
# the unit's households paid in a board month, with the months of their spell so far. `active`:
# those with a referral accepted or started by the month's last day and not ended before its
# first. `signed`: each household's first signed plan. `closed_monthly`: closures in a board month
# of cases that were long-term when closed (recorded by `services.case_close`).
_BOARD_SQL = """
WITH board (i, first_day, last_day, ends_at) AS (VALUES {board}),
on_board AS (
    SELECT a.household_id AS h, a.month AS i, a.months_in_last_twelve AS last12,
        a.spell_months AS run
    FROM followup_assistancemonth a
    JOIN people_household u ON u.id = a.household_id
    WHERE u.unit_id = %s AND a.month >= %s AND a.month <= %s
),
signed AS (
    SELECT a.household_id AS h, MIN(v.signed_at) AS first_at
    FROM planning_planversion v
    JOIN planning_actionplan a ON a.id = v.plan_id
    JOIN people_household u ON u.id = a.household_id
    WHERE u.unit_id = %s AND v.signed_at IS NOT NULL
    GROUP BY a.household_id
),
monthly AS (
    SELECT i,
        COUNT(*) AS households,
        SUM(CASE WHEN last12 >= %s THEN 1 ELSE 0 END) AS long_term,
        SUM(run) AS spell_months
    FROM on_board
    GROUP BY i
),
active AS (
    SELECT o.i, COUNT(*) AS with_activity
    FROM on_board o
    JOIN board b ON b.i = o.i
    WHERE EXISTS (
        SELECT 1 FROM activities_referral r
        WHERE r.household_id = o.h
            AND COALESCE(r.accepted_on, r.started_on) <= b.last_day
            AND (r.ended_on IS NULL OR r.ended_on >= b.first_day)
    )
    GROUP BY o.i
),
planned AS (
    SELECT o.i, COUNT(*) AS with_plan
    FROM on_board o
    JOIN board b ON b.i = o.i
    JOIN signed g ON g.h = o.h
    WHERE g.first_at < b.ends_at
    GROUP BY o.i
),
closed_monthly AS (
    SELECT b.i, COUNT(*) AS closed
    FROM followup_closure c
    JOIN people_household u ON u.id = c.household_id
    JOIN board b ON c.closed_on >= b.first_day AND c.closed_on <= b.last_day
    WHERE u.unit_id = %s AND c.long_term = %s
    GROUP BY b.i
)
SELECT b.i, COALESCE(m.households, 0), COALESCE(m.long_term, 0), COALESCE(m.spell_months, 0),
    COALESCE(a.with_activity, 0), COALESCE(g.with_plan, 0), COALESCE(c.closed, 0)
FROM board b
LEFT JOIN monthly m ON m.i = b.i
LEFT JOIN active a ON a.i = b.i
LEFT JOIN planned g ON g.i = b.i
LEFT JOIN closed_monthly c ON c.i = b.i
ORDER BY b.i
"""


def _local_midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=timezone.get_current_timezone())


def _assistance_counts(unit: Unit, months: list[Month]) -> dict[Month, dict[str, int]]:
    """Households paid, long-term, spell months, activity, signed plan and long-term closures
    per month of `months` (consecutive): one statement on `AssistanceMonth` (brought up to date by
    the caller)."""
    ops = connection.ops
    rows = ", ".join("(%s, %s, %s, %s)" for _ in months)
    board_params: list[object] = []
    for m in months:
        ends_at = _local_midnight(m.plus(1).first_day)
        board_params += [m.index, m.first_day, m.last_day, ops.adapt_datetimefield_value(ends_at)]
    sql = _BOARD_SQL.format(board=rows)
    long_term = rules.LONG_TERM_MONTHS
    params = [
        *board_params,
        *(unit.pk, months[0].index, months[-1].index),
        unit.pk,
        long_term,
        *(unit.pk, True),
    ]
    by_index = {m.index: m for m in months}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {
            by_index[i]: {
                "households": households,
                "long_term": lt,
                "spell_months": spell_months,
                "with_activity": activity,
                "with_signed_plan": plan,
                "long_term_closed": closed,
            }
            for i, households, lt, spell_months, activity, plan, closed in cursor.fetchall()
        }


def _month_before(field: str) -> Case:
    """The `YYYY-MM` before a `YYYY-MM` field, so that the month before is found through the
    applications' unique index on (household, month)."""
    year = Cast(Substr(field, 1, 4), IntegerField())
    month = Cast(Substr(field, 6, 2), IntegerField())
    return Case(
        When(
            **{f"{field}__endswith": "-01"}, then=Concat(Cast(year - 1, CharField()), Value("-12"))
        ),
        default=Concat(Substr(field, 1, 5), LPad(Cast(month - 1, CharField()), 2, Value("0"))),
        output_field=CharField(),
    )


def _day_key(field: str) -> CombinedExpression:
    """YYYYMMDD as a number (local time for a datetime): its order is the calendar's, and a key
    plus 10000 is the same day a year later, compared as `rules.return_follow_up_due` does (a
    closure on 29 February is due by 28 February: no later day key exists before 1 March)."""
    return ExtractYear(field) * 10000 + ExtractMonth(field) * 100 + ExtractDay(field)


def _application_counts(unit: Unit, months: list[Month]) -> dict[Month, int]:
    """Applications received in each month of `months` (local time) that start a new spell: none
    for the month before the one applied for (as `board.new_applications`)."""
    before = Application.objects.filter(
        household_id=OuterRef("household_id"), month=OuterRef("before")
    )
    rows = (
        Application.objects.filter(
            household__unit=unit,
            received_at__gte=_local_midnight(months[0].first_day),
            received_at__lt=_local_midnight(months[-1].plus(1).first_day),
        )
        .annotate(before=_month_before("month"))
        .filter(~Exists(before))
        .annotate(year=ExtractYear("received_at"), month_of_year=ExtractMonth("received_at"))
        .values("year", "month_of_year")
        .annotate(n=Count("id"))
        .values_list("year", "month_of_year", "n")
    )
    return {Month(year, month): n for year, month, n in rows}


def _meeting_counts(unit: Unit, months: list[Month]) -> dict[Month, tuple[int, int]]:
    """First meetings with their deadline in each month of `months`, and those held by the
    deadline."""
    rows = (
        FirstMeeting.objects.filter(
            application__household__unit=unit,
            deadline__gte=months[0].first_day,
            deadline__lte=months[-1].last_day,
        )
        .annotate(year=ExtractYear("deadline"), month_of_year=ExtractMonth("deadline"))
        .values("year", "month_of_year")
        .annotate(n=Count("id"), in_time=Count("id", filter=Q(starts_at__date__lte=F("deadline"))))
        .values_list("year", "month_of_year", "n", "in_time")
    )
    return {Month(year, month): (n, in_time) for year, month, n, in_time in rows}


def _return_counts(unit: Unit, months: list[Month], *, today: date) -> dict[Month, tuple[int, int]]:
    """Closures to work or studies whose twelve months end in each month of `months` (by
    `today`), and of them those that applied again within them (as
    `board.returns_after_twelve_months`)."""
    again = (
        Application.objects.filter(household_id=OuterRef("household_id"))
        .annotate(key=_day_key("received_at"))
        .filter(key__gt=OuterRef("key"), key__lte=OuterRef("key") + 10000)
    )
    rows = (
        Closure.objects.filter(
            household__unit=unit,
            reason__in=FOLLOWED_UP,
            closed_on__gte=months[0].plus(-rules.RETURN_FOLLOW_UP_MONTHS).first_day,
            closed_on__lte=min(
                board.latest_closure_due_by(today),
                months[-1].plus(-rules.RETURN_FOLLOW_UP_MONTHS).last_day,
            ),
        )
        .annotate(key=_day_key("closed_on"))
        .annotate(year=ExtractYear("closed_on"), month_of_year=ExtractMonth("closed_on"))
        .values("year", "month_of_year")
        .annotate(
            n=Count("id"),
            returned=Sum(Case(When(Exists(again), then=1), default=0)),
        )
        .values_list("year", "month_of_year", "n", "returned")
    )
    return {
        Month(year, month).plus(rules.RETURN_FOLLOW_UP_MONTHS): (n, returned)
        for year, month, n, returned in rows
    }


def month_counts(unit: Unit, months: list[Month], *, today: date) -> dict[Month, board.MonthCounts]:
    """The counts behind every measure of the board for `months` (consecutive), aggregated in the
    database: four queries whatever the unit's size, on the months with assistance
    `services.assistance_months_refresh` keeps (call it first). Each month's counts depend on that
    month alone (and, for the returns, on `today`), so they can be stored
    (`board_store.board_figures`)."""
    # One transaction; on PostgreSQL (read committed) each query still sees what was committed
    # when it began, so a write landing between them can mix: `board_store` never stores such a
    # count (the unit's version changed).
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # Compiling these short aggregates to machine code costs more than it saves
            # (≈ 0.15 s of 1.3 s on the benchmark); for this transaction only.
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL jit = off")
        assistance = _assistance_counts(unit, months)
        applications = _application_counts(unit, months)
        meetings = _meeting_counts(unit, months)
        returns = _return_counts(unit, months, today=today)
    return {
        m: board.MonthCounts(
            **assistance.get(m, {}),
            new_applications=applications.get(m, 0),
            meetings=meetings.get(m, (0, 0))[0],
            meetings_in_time=meetings.get(m, (0, 0))[1],
            followed_up=returns.get(m, (0, 0))[0],
            returned=returns.get(m, (0, 0))[1],
        )
        for m in months
    }


def board_counts(unit: Unit, *, as_of: Month, today: date) -> dict[Month, board.MonthCounts]:
    """Every board month's counts, all counted afresh (the board page reads them through
    `board_store.board_figures`, which counts only what changed)."""
    return month_counts(unit, board.board_months(as_of), today=today)


def closure_timeline_rows(household_id: int) -> QuerySet[Closure, dict[str, Any]]:
    """The case's closures for its timeline, in one query."""
    return Closure.objects.filter(household_id=household_id).values(
        "id", "closed_on", "reason", "note", "closed_by__first_name", "closed_by__last_name"
    )
