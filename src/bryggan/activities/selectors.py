"""Reads of the work line: the catalogue, an activity's participants, a case's referrals and
the unit's passive list. Single referrals and activities are read through `activities.access`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Max, Min, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import ExtractIsoWeekDay
from django.utils import timezone

from bryggan.accounts.models import Unit
from bryggan.activities import rules
from bryggan.activities.models import (
    CURRENT_STATUSES,
    AbsenceReport,
    Activity,
    Attendance,
    AttendanceStatus,
    ParticipationAbility,
    Referral,
    ReferralStatus,
    SanctionProposal,
    SanctionReconsideration,
    SanctionRule,
    SanctionStatus,
)
from bryggan.decisions.models import Decision
from bryggan.decisions.rules import sanction_reductions_in_result
from bryggan.decisions.selectors import calculations_for_household, decisions_for_household
from bryggan.people.models import Household, HouseholdMember, HouseholdStatus, MemberRole

# The household's adults: those who can be referred, assessed and sanctioned.
ADULT_ROLES = (MemberRole.APPLICANT, MemberRole.CO_APPLICANT)


def activity_list_for_unit(unit: Unit) -> QuerySet[Activity]:
    """The unit's catalogue, each activity with its number of current referrals as `taken`."""
    return (
        Activity.objects.filter(unit=unit)
        .annotate(taken=Count("referrals", filter=Q(referrals__status__in=CURRENT_STATUSES)))
        .order_by("-ends_on", "name")
    )


def activity_list_open_for_referral(unit: Unit, *, today: date) -> QuerySet[Activity]:
    return activity_list_for_unit(unit).filter(ends_on__gte=today).order_by("name")


def referral_list_for_activity(activity: Activity) -> QuerySet[Referral]:
    return (
        Referral.objects.filter(activity=activity)
        .select_related("person", "household")
        .order_by("status", "person__last_name", "person__first_name")
    )


def activity_record(activity: Activity) -> rules.ActivityRecord:
    """What has happened in the activity, which a change or an early end must keep (read under
    the caller's lock on the activity)."""
    referrals = Referral.objects.filter(activity=activity)
    current = referrals.filter(status__in=CURRENT_STATUSES).aggregate(
        count=Count("id"),
        referred=Max("referred_on"),
        accepted=Max("accepted_on"),
        started=Max("started_on"),
    )
    every = referrals.aggregate(first_start=Min("started_on"), last_end=Max("ended_on"))
    attendance = Attendance.objects.filter(referral__activity=activity)
    days = attendance.aggregate(first=Min("day"), last=Max("day"))
    # ISO weekday (Monday = 1) as a query, portable across SQLite and PostgreSQL.
    by_weekday = (
        attendance.annotate(weekday=ExtractIsoWeekDay("day"))
        .values("weekday")
        .annotate(last=Max("day"))
        .values_list("weekday", "last")
    )
    steps = [current["referred"], current["accepted"], current["started"]]
    return rules.ActivityRecord(
        current_referrals=current["count"],
        first_attendance=days["first"],
        last_attendance=days["last"],
        attended_weekdays={weekday - 1: last for weekday, last in by_weekday},
        first_start=every["first_start"],
        last_step=max((day for day in steps if day is not None), default=None),
        last_referral_end=every["last_end"],
    )


def referral_list_attending(activity: Activity, *, day: date) -> list[Referral]:
    """Participants taking part on `day`, each with that day's mark (or None) as `mark`."""
    referrals = [
        referral
        for referral in Referral.objects.filter(
            activity=activity, status__in=[ReferralStatus.STARTED, ReferralStatus.ENDED]
        )
        .select_related("person")
        .order_by("person__last_name", "person__first_name")
        if rules.takes_part_on(day, started_on=referral.started_on, ended_on=referral.ended_on)
    ]
    marks = dict(
        Attendance.objects.filter(referral__in=referrals, day=day).values_list(
            "referral_id", "status"
        )
    )
    for referral in referrals:
        referral.mark = marks.get(referral.pk)  # type: ignore[attr-defined]
    return referrals


def referral_list_for_household(household_id: int) -> QuerySet[Referral]:
    return (
        Referral.objects.filter(household_id=household_id)
        .select_related("activity", "person")
        .order_by("-referred_on", "-id")
    )


def attendance_for_referral(referral: Referral) -> QuerySet[Attendance]:
    return Attendance.objects.filter(referral=referral).select_related("registered_by")


def adult_members(household: Household) -> QuerySet[HouseholdMember]:
    """The household's current adult members (applicant, co-applicant)."""
    return (
        HouseholdMember.objects.filter(
            household=household,
            valid_to__isnull=True,
            role__in=ADULT_ROLES,
        )
        .select_related("person")
        .order_by("role")
    )


def ability_latest_by_person(household_id: int) -> dict[int, ParticipationAbility]:
    """The latest assessment of each person of the household."""
    latest: dict[int, ParticipationAbility] = {}
    for ability in ParticipationAbility.objects.filter(household_id=household_id).order_by(
        "-assessed_on", "-id"
    ):
        latest.setdefault(ability.person_id, ability)
    return latest


def adult_members_of_active_cases(unit: Unit) -> QuerySet[HouseholdMember]:
    """The current adult members of the unit's active cases, with person and household."""
    return HouseholdMember.objects.filter(
        household__unit=unit,
        household__status=HouseholdStatus.ACTIVE,
        valid_to__isnull=True,
        role__in=ADULT_ROLES,
    ).select_related("person", "household")


@dataclass(frozen=True, slots=True)
class PassiveRow:
    member: HouseholdMember
    since: date
    days: int


def passive_list(unit: Unit, *, today: date) -> list[PassiveRow]:
    """Adults of the unit's active cases who can take part but have no current referral,
    longest passive first. With no assessment recorded a person counts as able to take part.
    """
    members = list(adult_members_of_active_cases(unit))
    household_ids = {m.household_id for m in members}
    current: set[tuple[int, int]] = set()
    last_end: dict[tuple[int, int], date] = {}
    for household_id, person_id, status, ended_on in Referral.objects.filter(
        household_id__in=household_ids
    ).values_list("household_id", "person_id", "status", "ended_on"):
        key = (household_id, person_id)
        if status in CURRENT_STATUSES:
            current.add(key)
        elif ended_on is not None and (key not in last_end or ended_on > last_end[key]):
            last_end[key] = ended_on
    able: dict[tuple[int, int], bool] = {}
    for household_id, person_id, is_able in (
        ParticipationAbility.objects.filter(household_id__in=household_ids)
        .order_by("-assessed_on", "-id")
        .values_list("household_id", "person_id", "able_to_participate")
    ):
        able.setdefault((household_id, person_id), is_able)
    rows = []
    for member in members:
        key = (member.household_id, member.person_id)
        if not rules.is_passive(
            able_to_participate=able.get(key, True), has_current_referral=key in current
        ):
            continue
        since = rules.passive_since(
            case_opened_on=member.household.opened_on, last_referral_ended_on=last_end.get(key)
        )
        rows.append(PassiveRow(member, since, rules.passive_days(since, today=today)))
    return sorted(rows, key=lambda row: (-row.days, row.member.person.last_name))


# --- sanctions ------------------------------------------------------------------------------------


def sanction_list_for_unit(unit: Unit) -> QuerySet[SanctionProposal]:
    """The unit's proposals, open ones first, with what the list shows."""
    return (
        SanctionProposal.objects.filter(household__unit=unit)
        .select_related("person", "household", "assessed_by", "decided_by")
        .annotate(
            absence_count=Count("absences", distinct=True),
            reconsideration_count=Count("reconsiderations", distinct=True),
            **_latest_reconsideration(),
        )
        .order_by("-month", "-id")
    )


def sanction_list_for_household(household_id: int) -> QuerySet[SanctionProposal]:
    return (
        SanctionProposal.objects.filter(household_id=household_id)
        .select_related("person")
        .annotate(reconsideration_count=Count("reconsiderations"), **_latest_reconsideration())
        .order_by("-month", "-id")
    )


def _latest_reconsideration() -> dict[str, Subquery]:
    """`latest_outcome` and `latest_amount`: the latest reconsideration (by id, the order they
    were made), which sets the reduction in force; in the list's one query, not one per row."""
    latest = SanctionReconsideration.objects.filter(proposal=OuterRef("pk")).order_by("-id")
    return {
        "latest_outcome": Subquery(latest.values("outcome")[:1]),
        "latest_amount": Subquery(latest.values("amount")[:1]),
    }


def sanction_absences(proposal: SanctionProposal) -> QuerySet[Attendance]:
    return proposal.absences.select_related("referral__activity").order_by("day")


def sanction_rule_for_unit(unit_id: int) -> SanctionRule | None:
    return SanctionRule.objects.filter(unit_id=unit_id).first()


@dataclass(frozen=True, slots=True)
class DecidedReduction:
    """A decided reduction of one person's month, as the calculation takes it: the amount the
    latest decision leaves in force (the first decision's, or its latest reconsideration's)."""

    proposal_id: int
    person_id: int
    amount: int
    decided_on: date
    reconsideration_id: int | None = None
    reconsidered_on: date | None = None

    @property
    def label(self) -> str:
        """How the calculation line names the decision(s) behind the amount."""
        text = f"beslut nr {self.proposal_id} den {self.decided_on.isoformat()}"
        if self.reconsideration_id is not None and self.reconsidered_on is not None:
            text += (
                f", ändrat genom omprövningsbeslut nr {self.reconsideration_id} "
                f"den {self.reconsidered_on.isoformat()}"
            )
        return text


def sanction_reductions_for_month(household_id: int, month: str) -> list[DecidedReduction]:
    """The reductions in force for the household's month, oldest decision first: a revoked one
    is left out, a lowered one has its new amount (förvaltningslagen 37–38 §§)."""
    return sanction_reductions_for_months([(household_id, month)])[(household_id, month)]


def sanction_reductions_for_months(
    months: Iterable[tuple[int, str]],
) -> dict[tuple[int, str], list[DecidedReduction]]:
    """`sanction_reductions_for_month` of several (household id, month) at once, keyed by them:
    one read for all (two when any has been reconsidered)."""
    wanted = set(months)
    found: dict[tuple[int, str], list[DecidedReduction]] = {key: [] for key in wanted}
    if not wanted:
        return found
    for p in (
        SanctionProposal.objects.filter(
            household_id__in={h for h, _ in wanted},
            month__in={m for _, m in wanted},
            status=SanctionStatus.DECIDED,
        )
        .prefetch_related("reconsiderations")
        .order_by("decided_at", "id")
    ):
        key = (p.household_id, p.month)
        if key not in wanted or p.decided_at is None:
            continue
        reduction = sanction_reduction_in_force(p)
        if reduction is not None:
            found[key].append(reduction)
    return found


# --- reconsideration of a decided reduction ------------------------------------------------------


def sanction_reconsiderations(proposal: SanctionProposal) -> list[SanctionReconsideration]:
    """The proposal's reconsiderations in the order they were made (by id, not by a decided_at
    the caller's clock gave), oldest first; uses a prefetch when there is one."""
    return sorted(proposal.reconsiderations.all(), key=lambda r: r.pk)


def sanction_reduction_in_force(proposal: SanctionProposal) -> DecidedReduction | None:
    """The decided reduction as its latest decision leaves it; None when revoked or undecided."""
    if proposal.status != SanctionStatus.DECIDED or proposal.decided_at is None:
        return None
    history = sanction_reconsiderations(proposal)
    amount = rules.reduction_in_force(
        proposal.amount or 0,
        [(rules.ReconsiderationResult(r.outcome), r.amount) for r in history],
    )
    if amount <= 0:
        return None
    latest = history[-1] if history else None
    return DecidedReduction(
        proposal.pk,
        proposal.person_id,
        amount,
        timezone.localdate(proposal.decided_at),
        latest.pk if latest else None,
        timezone.localdate(latest.decided_at) if latest else None,
    )


@dataclass(frozen=True, slots=True)
class SignedWithOldReduction:
    """A decision of the reduced month, signed or still a draft, whose calculation subtracts this
    reduction otherwise than the latest decision leaves it; with the newest calculation of the
    month saved since that has it right, if any, to correct (or draft) the decision with."""

    decision: Decision
    amount_in_calculation: int
    new_calculation_id: int | None = None


def sanction_signed_decisions_with_old_reduction(
    proposal: SanctionProposal,
) -> list[SignedWithOldReduction]:
    """Signed decisions of the month not yet corrected by a later one, and drafts, whose
    calculation subtracts another amount for this decision than the one in force (a revoked one
    at all). Amounts are compared per reduction decision, not by the calculation line's text.

    Signed decisions are never changed here: the caseworker corrects them with a new decision; a
    draft on such a calculation cannot be signed (decisions.services.decision_sign).
    """
    in_force = sanction_reduction_in_force(proposal)
    amount_now = in_force.amount if in_force else 0
    decisions = list(
        decisions_for_household(proposal.household_id)
        .filter(month=proposal.month)
        .select_related("calculation")
    )
    corrected = {d.corrects_id for d in decisions if d.is_signed and d.corrects_id}
    stale = []
    for decision in decisions:
        if decision.pk in corrected:
            continue
        saved = sanction_reductions_in_result(decision.calculation.result)
        if proposal.pk in saved and saved[proposal.pk] != amount_now:
            stale.append((decision, saved[proposal.pk]))
    if not stale:
        return []
    newest_right = next(
        (
            c.pk
            for c in calculations_for_household(proposal.household_id)
            .filter(month=proposal.month)
            .order_by("-id")
            if sanction_reductions_in_result(c.result).get(proposal.pk, 0) == amount_now
        ),
        None,
    )
    return [
        SignedWithOldReduction(
            decision,
            amount,
            newest_right if newest_right and newest_right > decision.calculation_id else None,
        )
        for decision, amount in stale
    ]


_PERSON = ("person_id", "person__first_name", "person__last_name", "person__protected_identity")


def referral_timeline_rows(household_id: int) -> QuerySet[Referral, dict[str, Any]]:
    """The case's referrals for its timeline: referred, accepted, started, ended; one query."""
    return Referral.objects.filter(household_id=household_id).values(
        "id",
        "referred_on",
        "accepted_on",
        "started_on",
        "ended_on",
        "outcome",
        "activity__name",
        *_PERSON,
        "referred_by__first_name",
        "referred_by__last_name",
    )


def absence_timeline_rows(household_id: int) -> QuerySet[Attendance, dict[str, Any]]:
    """The case's absences from activities (presence is not an event), in one query."""
    return (
        Attendance.objects.filter(referral__household_id=household_id)
        .exclude(status=AttendanceStatus.PRESENT)
        .values(
            "id",
            "day",
            "status",
            "referral_id",
            "referral__activity__name",
            "referral__person_id",
            "referral__person__first_name",
            "referral__person__last_name",
            "referral__person__protected_identity",
            "registered_by__first_name",
            "registered_by__last_name",
        )
    )


def sanction_timeline_rows(household_id: int) -> QuerySet[SanctionProposal, dict[str, Any]]:
    """The case's sanction proposals for its timeline, through to the decision; one query."""
    return SanctionProposal.objects.filter(household_id=household_id).values(
        "id",
        "month",
        "status",
        "valid_reason",
        "amount",
        "created_at",
        "updated_at",
        "assessed_at",
        "decided_at",
        "notified_on",
        *_PERSON,
        "proposed_by__first_name",
        "proposed_by__last_name",
        "assessed_by__first_name",
        "assessed_by__last_name",
        "decided_by__first_name",
        "decided_by__last_name",
    )


def reconsideration_timeline_rows(
    household_id: int,
) -> QuerySet[SanctionReconsideration, dict[str, Any]]:
    """The case's reconsiderations of reductions for its timeline, in one query."""
    return SanctionReconsideration.objects.filter(proposal__household_id=household_id).values(
        "id",
        "proposal_id",
        "proposal__month",
        "outcome",
        "amount_before",
        "amount",
        "decided_at",
        "notified_on",
        "decided_by__first_name",
        "decided_by__last_name",
    )


def absence_reports_for_referral(referral: Referral) -> QuerySet[AbsenceReport]:
    """What the client reported on My pages: absences for the coach to judge."""
    return AbsenceReport.objects.filter(referral=referral)
