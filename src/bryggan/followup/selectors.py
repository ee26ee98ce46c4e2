"""Reads for the follow-up: closures due a return check, months with assistance, the unit page.

Each selector is one query (or two) for the whole unit, never one per household.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count, Min, Q
from django.db.models.functions import Coalesce, ExtractYear
from django.utils import timezone

from bryggan.accounts.models import Unit
from bryggan.activities.models import Referral
from bryggan.core.month import Month
from bryggan.followup import board, rules
from bryggan.followup.models import Closure, ClosureReasonChoices, ReturnOutcomeChoices
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


def assistance_months_by_household(
    unit: Unit, *, first: Month, last: Month
) -> dict[int, set[Month]]:
    """Months with assistance per household of the unit: a standing (sent) payment for the month.

    Months are the decisions' months (`YYYY-MM` sorts as text); one query.
    """
    months: dict[int, set[Month]] = defaultdict(set)
    rows = (
        Payment.objects.filter(
            status=PaymentStatus.SENT,
            decision__household__unit=unit,
            decision__month__gte=str(first),
            decision__month__lte=str(last),
        )
        .values_list("decision__household_id", "decision__month")
        .distinct()
    )
    for household_id, month in rows:
        months[household_id].add(Month.parse(month))
    return dict(months)


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
# Spells are read from this many years before the first year shown, so that a spell running
# into it is counted with its length (a longer one is cut at the start of the window).
YEARS_OF_HISTORY = 2


def unit_follow_up(unit: Unit, *, today: date) -> UnitFollowUp:
    """Everything the unit's follow-up page shows, in a fixed number of queries."""
    year, as_of = today.year, Month.of(today)
    first_year = year - YEARS_SHOWN + 1
    months = assistance_months_by_household(
        unit, first=Month(first_year - YEARS_OF_HISTORY, 1), last=as_of
    )
    recent = {
        pk: rules.months_in_last_twelve(ms, as_of=as_of)
        for pk, ms in months.items()
        if rules.is_long_term(ms, as_of=as_of)
    }
    closures = closures_by_reason(unit, year=year)
    return UnitFollowUp(
        year=year,
        as_of=as_of,
        closures=closures,
        closures_total=sum(c.closures for c in closures),
        returns=return_follow_up_results(unit),
        awaiting_follow_up=closures_awaiting_follow_up(unit),
        years=[rules.year_summary(months, y) for y in range(year, first_year - 1, -1)],
        long_term=[
            LongTermCase(household=h, months=recent[h.pk])
            for h in active_households_among(unit, recent)
        ],
    )


# The måltavla --------------------------------------------------------------------------------


def board_inputs(unit: Unit, *, as_of: Month) -> board.BoardInputs:
    """The values the unit's board is computed from, in six queries whatever the unit's size."""
    months = board.board_months(as_of)
    first = months[0]
    history = first.plus(-board.HISTORY_MONTHS)
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
            household__unit=unit, month__gte=str(first.plus(-14))
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
        months=assistance_months_by_household(unit, first=history, last=as_of),
        closures=closures,
        applications=applications,
        meetings=meetings,
        referrals=referrals,
    )
