"""Reads for projects: the unit's list, a project's participants, and the plain rows of the
outcome comparison (`rules.py` defines the measures; the counting is done here in the database).
"""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet

from bryggan.accounts.models import Unit
from bryggan.activities.models import Activity
from bryggan.core.month import Month
from bryggan.followup.models import Closure
from bryggan.followup.selectors import assistance_months_by_household
from bryggan.payments.models import Payment, PaymentStatus
from bryggan.people.models import Household, HouseholdMember, MemberRole
from bryggan.projects import rules
from bryggan.projects.models import Participant, Project
from bryggan.projects.rules import Period, ReasonCount, TargetGroupCode

ADULT_ROLES = [MemberRole.APPLICANT, MemberRole.CO_APPLICANT]
WORK_OR_STUDIES = [outcome.value for outcome in rules.TO_WORK_OR_STUDIES]


def project_list_for_unit(unit: Unit) -> QuerySet[Project]:
    """The unit's projects, latest first, with their participant counts (one query)."""
    return Project.objects.filter(unit=unit).annotate(
        participant_count=Count("participants__person", distinct=True),
        current_count=Count(
            "participants__person", filter=Q(participants__left_on__isnull=True), distinct=True
        ),
        to_work_or_studies=Count(
            "participants__person",
            filter=Q(participants__outcome__in=WORK_OR_STUDIES),
            distinct=True,
        ),
    )


def project_list_open_for_joining(unit: Unit, *, today: date) -> QuerySet[Project]:
    """The unit's projects that have not yet ended."""
    return Project.objects.filter(unit=unit, ends_on__gte=today).order_by("name")


def participant_list_for_project(project: Project) -> QuerySet[Participant]:
    return (
        Participant.objects.filter(project=project)
        .select_related("person", "household")
        # Those taking part now first (NULL sorts differently in SQLite and PostgreSQL).
        .order_by(F("left_on").desc(nulls_first=True), "-joined_on", "pk")
    )


def participant_list_for_household(household: Household) -> QuerySet[Participant]:
    return (
        Participant.objects.filter(household=household)
        .select_related("project", "person")
        .order_by("-joined_on", "-pk")
    )


def stays_of_project(project: Project, *, person_id: int | None = None) -> list[rules.Stay]:
    """The dates of the project's participations (of one person, when given)."""
    participations = Participant.objects.filter(project=project)
    if person_id is not None:
        participations = participations.filter(person_id=person_id)
    return [
        rules.Stay(joined_on, left_on)
        for joined_on, left_on in participations.values_list("joined_on", "left_on")
    ]


def member_on(household: Household, person_id: int, day: date) -> HouseholdMember | None:
    """The person's membership of the household on `day`, if any."""
    return (
        HouseholdMember.objects.filter(
            household=household, person_id=person_id, valid_from__lte=day
        )
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .select_related("person")
        .first()
    )


def current_members(household: Household) -> QuerySet[HouseholdMember]:
    """Everyone in the household now: adults first, then children by age."""
    return (
        HouseholdMember.objects.filter(household=household, valid_to__isnull=True)
        .select_related("person")
        .order_by("role", "person__birth_date")
    )


def activity_choices(unit: Unit) -> QuerySet[Activity]:
    return Activity.objects.filter(unit=unit).order_by("name")


def participation_rows(project: Project) -> list[rules.ParticipationRow]:
    """Every participation of the project as a plain row (one query)."""
    return [
        rules.ParticipationRow(
            person_id=person_id,
            joined_on=joined_on,
            left_on=left_on,
            outcome=rules.ParticipantOutcome(outcome) if outcome else None,
        )
        for person_id, joined_on, left_on, outcome in Participant.objects.filter(
            project=project
        ).values_list("person_id", "joined_on", "left_on", "outcome")
    ]


# The baseline: the unit's own closures ----------------------------------------------------------


def _youth_filter(period: Period) -> Q:
    born_after, born_until = rules.youth_birth_dates(period)
    young_adult = HouseholdMember.objects.filter(
        household=OuterRef("pk"),
        role__in=ADULT_ROLES,
        valid_from__lte=period.last,
        person__birth_date__gt=born_after,
        person__birth_date__lte=born_until,
    ).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=period.first))
    return Q(Exists(young_adult))


def households_on_assistance(unit: Unit, period: Period, *, group: TargetGroupCode) -> int:
    """The unit's households in the target group with a payment made for a month of `period`."""
    first, last = Month.of(period.first), Month.of(period.last)
    if group == TargetGroupCode.LONG_TERM:
        months = assistance_months_by_household(unit, first=first.plus(-11), last=last)
        paid_in_period = {h: ms for h, ms in months.items() if max(ms) >= first}
        return len(rules.long_term_households(paid_in_period, period))
    on_assistance = Household.objects.filter(
        Exists(
            Payment.objects.filter(
                decision__household=OuterRef("pk"),
                status=PaymentStatus.SENT,
                decision__month__gte=str(first),
                decision__month__lte=str(last),
            )
        ),
        unit=unit,
    )
    if group == TargetGroupCode.YOUTH:
        on_assistance = on_assistance.filter(_youth_filter(period))
    return on_assistance.count()


def closures_by_reason(
    unit: Unit, period: Period, *, group: TargetGroupCode = TargetGroupCode.ALL
) -> list[ReasonCount]:
    """Closures of the unit's cases within `period` per reason, for households in the target
    group; counted in the database (long-term: the closures to work or studies of cases that were
    long-term when closed, as `followup.services.case_close` records it and the måltavla counts
    them)."""
    closures = Closure.objects.filter(
        household__unit=unit, closed_on__gte=period.first, closed_on__lte=period.last
    )
    if group == TargetGroupCode.YOUTH:
        closures = closures.filter(
            Exists(Household.objects.filter(_youth_filter(period), pk=OuterRef("household_id")))
        )
    if group == TargetGroupCode.LONG_TERM:
        closures = closures.filter(reason__in=WORK_OR_STUDIES, long_term=True)
    return [
        ReasonCount(reason, n)
        for reason, n in closures.values("reason")
        .annotate(n=Count("id"))
        .order_by("reason")
        .values_list("reason", "n")
    ]


def project_comparison(project: Project, *, today: date) -> rules.Comparison:
    """The outcome table of a project: target group before, participants during, the unit as a
    whole in both periods (see `rules` for the definitions)."""
    whole = Period(project.starts_on, project.ends_on)
    before = rules.before_period(whole, months=project.baseline_months)
    so_far = rules.period_so_far(whole, today=today)
    group = TargetGroupCode(project.target_group)
    unit = project.unit
    during = (
        rules.during_measure(participation_rows(project), so_far) if so_far is not None else None
    )
    return rules.Comparison(
        before=rules.closure_measure(
            closures_by_reason(unit, before, group=group),
            households=households_on_assistance(unit, before, group=group),
            period=before,
        ),
        during=during,
        unit_before=rules.closure_measure(
            closures_by_reason(unit, before),
            households=households_on_assistance(unit, before, group=TargetGroupCode.ALL),
            period=before,
        ),
        unit_during=rules.closure_measure(
            closures_by_reason(unit, so_far),
            households=households_on_assistance(unit, so_far, group=TargetGroupCode.ALL),
            period=so_far,
        )
        if so_far is not None
        else None,
    )
