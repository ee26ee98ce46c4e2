"""Reads for the monthly report: a month of the case data as a `MonthSnapshot`, the sent archive.

The report covers the whole municipality (every unit): Socialstyrelsen counts per socialnämnd.
A household is in the month when a standing signed decision grants it an amount *for* the month
(HSLF-FS 2015:30 3 §: the month the assistance is for, not the month it was paid). A decision
corrected by a later signed decision no longer stands.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from bryggan.activities.models import Referral, ReferralStatus
from bryggan.core.month import Month
from bryggan.core.steady import steady
from bryggan.decisions.models import Decision, DecisionStatus
from bryggan.followup.models import Closure
from bryggan.payments.models import Payment, PaymentStatus
from bryggan.people.models import Household, HouseholdMember, HouseholdStatus, MemberRole
from bryggan.reporting.models import ReasonForNeed, ReportingSettings, ReportSubmission
from bryggan.reporting.rules import (
    AdultSnapshot,
    CaseRef,
    ClosureSnapshot,
    HouseholdSnapshot,
    MonthSnapshot,
    PaymentSnapshot,
)

ADULT_ROLES = (MemberRole.APPLICANT, MemberRole.CO_APPLICANT)


def municipality_code() -> str:
    return str(settings.BRYGGAN_MUNICIPALITY["code"])


def case_ref(household: Household) -> CaseRef:
    worker = household.caseworker
    return CaseRef(
        household_id=household.pk,
        case_number=household.case_number,
        caseworker_id=household.caseworker_id,
        caseworker_name=worker.get_full_name() if worker is not None else "",
        unit_id=household.unit_id,
    )


def members_in_month(household_ids: Iterable[int], month: Month) -> list[HouseholdMember]:
    """Memberships current on some day of the month."""
    return list(_members_in_month(household_ids, month))


def _members_in_month(household_ids: Iterable[int], month: Month) -> QuerySet[HouseholdMember]:
    return (
        HouseholdMember.objects.filter(
            household_id__in=list(household_ids), valid_from__lte=month.last_day
        )
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=month.first_day))
        .select_related("person")
        .order_by("household_id", "role", "person__birth_date")
    )


def adults_without_reason(household: Household, month: Month) -> list[HouseholdMember]:
    """The household's adults in the month with no reason for need recorded for it (one read:
    `adults_in_month` less those `reasons_for_household` names)."""
    return adults_without_reason_of([household.pk], month).get(household.pk, [])


def adults_without_reason_of(
    household_ids: Iterable[int], month: Month
) -> dict[int, list[HouseholdMember]]:
    """`adults_without_reason` of several households, by household id (only those with any):
    one read for all."""
    recorded = ReasonForNeed.objects.filter(
        household_id=OuterRef("household_id"), person_id=OuterRef("person_id"), month=str(month)
    )
    found: dict[int, list[HouseholdMember]] = {}
    for member in _members_in_month(household_ids, month).filter(
        ~Exists(recorded), role__in=ADULT_ROLES
    ):
        found.setdefault(member.household_id, []).append(member)
    return found


def adults_in_month(household: Household, month: Month) -> list[HouseholdMember]:
    return adults_in_month_of(household_ids=[household.pk], month=month)


def adults_in_month_of(*, household_ids: Iterable[int], month: Month) -> list[HouseholdMember]:
    """The adult memberships of these households current on some day of the month."""
    return [m for m in members_in_month(household_ids, month) if m.role in ADULT_ROLES]


def reasons_for_household(household_id: int, month: str) -> dict[int, ReasonForNeed]:
    """The month's recorded reason of each adult, by person id."""
    return {
        r.person_id: r for r in ReasonForNeed.objects.filter(household_id=household_id, month=month)
    }


def reasons_recorded_for_household(household_id: int) -> list[ReasonForNeed]:
    return list(
        ReasonForNeed.objects.filter(household_id=household_id)
        .select_related("person", "recorded_by")
        .order_by("-month", "person__birth_date")[:48]
    )


def reasons_required_from(unit_id: int) -> Month | None:
    """The first month for which the unit requires every adult's reason for need, if any."""
    value = steady(
        ("reasons_required_from", unit_id),
        lambda: (
            ReportingSettings.objects.filter(unit_id=unit_id)
            .values_list("reasons_required_from", flat=True)
            .first()
        ),
    )
    return Month.parse(value) if value is not None else None


def standing_decisions(month: Month) -> list[Decision]:
    """The month's signed decisions that no later signed decision corrects."""
    return list(
        Decision.objects.filter(month=str(month), status=DecisionStatus.SIGNED)
        .exclude(corrections__status=DecisionStatus.SIGNED)
        .select_related("calculation", "household__caseworker")
        .order_by("household_id", "id")
    )


def _person_name(member: HouseholdMember) -> str:
    if member.person.protected_identity:
        return str(member.get_role_display())
    return f"{member.person.first_name} {member.person.last_name}"


# A calculation's member id names the person: `p<person id>`, as the case's calculation form and
# the demo write it (decisions/forms.py `member_id`).
_MEMBER_ID_RE = re.compile(r"^p(\d+)$")


def _incomes_by_member(decisions: list[Decision]) -> dict[int, set[str]]:
    """Income types by person id in the decisions' calculations (contract member ids)."""
    found: dict[int, set[str]] = defaultdict(set)
    for decision in decisions:
        document = (
            decision.calculation.input if isinstance(decision.calculation.input, dict) else {}
        )
        for income in document.get("incomes", []) or []:
            match = (
                _MEMBER_ID_RE.match(str(income.get("member", "")))
                if isinstance(income, dict)
                else None
            )
            if match:
                found[int(match.group(1))].add(str(income.get("type", "")))
    return found


def _activities(
    household_ids: list[int], month: Month
) -> dict[tuple[int, int], list[tuple[str, str, str, int]]]:
    """Referrals started and not ended before the month, with the days attended in the month."""
    referrals = (
        Referral.objects.filter(
            household_id__in=household_ids,
            status__in=[ReferralStatus.STARTED, ReferralStatus.ENDED],
            started_on__lte=month.last_day,
        )
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=month.first_day))
        .select_related("activity")
        .annotate(
            days=Count(
                "attendance",
                filter=Q(
                    attendance__day__gte=month.first_day,
                    attendance__day__lte=month.last_day,
                    attendance__status="present",
                ),
            )
        )
    )
    found: dict[tuple[int, int], list[tuple[str, str, str, int]]] = defaultdict(list)
    for r in referrals:
        found[(r.household_id, r.person_id)].append(
            (r.activity.kind, r.activity.provider, r.activity.name, int(r.days))
        )
    return found


def month_snapshot(month: Month) -> MonthSnapshot:
    """The month's case data as the pure rules need it."""
    decisions = standing_decisions(month)
    by_household: dict[int, list[Decision]] = defaultdict(list)
    for decision in decisions:
        by_household[decision.household_id].append(decision)
    granted = {hid: ds for hid, ds in by_household.items() if sum(d.amount for d in ds) > 0}
    paid: dict[int, int] = defaultdict(int)
    for payment in Payment.objects.filter(
        decision__month=str(month),
        decision__status=DecisionStatus.SIGNED,
        status=PaymentStatus.SENT,
    ).values("decision__household_id", "amount"):
        paid[payment["decision__household_id"]] += payment["amount"]
    members = members_in_month(granted, month)
    reasons = {
        (r.household_id, r.person_id): r.code
        for r in ReasonForNeed.objects.filter(household_id__in=list(granted), month=str(month))
    }
    activities = _activities(list(granted), month)
    households = []
    for household_id, household_decisions in granted.items():
        household = household_decisions[0].household
        incomes = _incomes_by_member(household_decisions)
        mine = [m for m in members if m.household_id == household_id]
        adults = tuple(
            AdultSnapshot(
                person_id=m.person_id,
                identity_number=m.person.identity_number,
                name=_person_name(m),
                co_applicant=m.role == MemberRole.CO_APPLICANT,
                reason=reasons.get((household_id, m.person_id)),
                incomes=frozenset(incomes.get(m.person_id, set())),
                activities=tuple(activities.get((household_id, m.person_id), [])),
            )
            for m in mine
            if m.role in ADULT_ROLES
        )
        households.append(
            HouseholdSnapshot(
                case=case_ref(household),
                adults=adults,
                children=tuple(
                    m.person.identity_number for m in mine if m.role == MemberRole.CHILD
                ),
                decided=sum(d.amount for d in household_decisions),
                paid=paid.get(household_id, 0),
            )
        )
    return MonthSnapshot(
        month=month,
        municipality_code=municipality_code(),
        households=tuple(households),
        closures=_closures(month),
        unsigned_payments=tuple(
            PaymentSnapshot(case=case_ref(p.decision.household), reference=p.end_to_end_id)
            for p in Payment.objects.filter(decision__month=str(month), status=PaymentStatus.SENT)
            .exclude(decision__status=DecisionStatus.SIGNED)
            .select_related("decision__household__caseworker")
        ),
    )


def _closures(month: Month) -> tuple[ClosureSnapshot, ...]:
    """The month's closures with their reason, and cases closed in the month without one."""
    recorded = list(
        Closure.objects.filter(closed_on__gte=month.first_day, closed_on__lte=month.last_day)
        .select_related("household__caseworker")
        .order_by("closed_on", "id")
    )
    with_reason = {c.household_id for c in recorded}
    unexplained = (
        Household.objects.filter(
            status=HouseholdStatus.CLOSED,
            closed_on__gte=month.first_day,
            closed_on__lte=month.last_day,
        )
        .exclude(pk__in=with_reason)
        .select_related("caseworker")
    )
    return tuple(
        [ClosureSnapshot(case_ref(c.household), c.closed_on, c.reason) for c in recorded]
        + [ClosureSnapshot(case_ref(h), h.closed_on, None) for h in unexplained if h.closed_on]
    )


def submission_latest(month: Month) -> ReportSubmission | None:
    return ReportSubmission.objects.filter(month=str(month)).order_by("-version").first()


def submissions_sent_between(first: Month, last: Month) -> list[ReportSubmission]:
    """The latest version of every month from `first` to `last` that has been sent."""
    latest: dict[str, ReportSubmission] = {}
    for submission in ReportSubmission.objects.filter(
        month__gte=str(first), month__lte=str(last)
    ).order_by("month", "version"):
        latest[submission.month] = submission
    return [latest[m] for m in sorted(latest)]


def submission_list() -> list[ReportSubmission]:
    return list(
        ReportSubmission.objects.select_related("created_by").order_by("-month", "-version")
    )


def submission_get(submission_id: int) -> ReportSubmission | None:
    return ReportSubmission.objects.filter(pk=submission_id).first()
