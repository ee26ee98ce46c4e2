"""The demo's work line: an activity catalogue per unit, referrals of the active cases' adults,
a few acceptable reasons, three weeks of group attendance, and the sanction proposals its
unexcused absences produce, some assessed, dismissed, approved or rejected, all through the
services.

Deterministic for a given random generator and `today`.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from bryggan.accounts.models import Unit, User
from bryggan.accounts.roles import Role
from bryggan.activities.models import (
    AcceptableReason,
    Activity,
    ActivityKind,
    Outcome,
    Provider,
    ReconsiderationOccasion,
    ReconsiderationOutcome,
    SanctionProposal,
    SanctionStatus,
    TargetGroup,
)
from bryggan.activities.rules import AttendanceMark, is_scheduled
from bryggan.activities.selectors import adult_members_of_active_cases, referral_list_attending
from bryggan.activities.services import (
    activity_create,
    attendance_register_group,
    participation_assess,
    referral_accept,
    referral_create,
    referral_end,
    referral_start,
    sanction_assess,
    sanction_decide,
    sanction_legal_limit,
    sanction_reconsider,
)
from bryggan.core.errors import DomainError
from bryggan.people.models import HouseholdMember

CATALOGUE = (
    (
        "Arbetsträning Återbruket",
        Provider.MUNICIPAL_UNIT,
        ActivityKind.WORK_TRAINING,
        TargetGroup.ALL,
        12,
        {0, 1, 2, 3, 4},
    ),
    (
        "Jobbcoachning Ung",
        Provider.MUNICIPAL_UNIT,
        ActivityKind.COACHING,
        TargetGroup.YOUTH,
        15,
        {1, 3},
    ),
    (
        "SFI med praktik",
        Provider.PROJECT,
        ActivityKind.SFI,
        TargetGroup.NEWLY_ARRIVED,
        10,
        {0, 2, 4},
    ),
    (
        "Hälsa och rörelse",
        Provider.COORDINATION_ASSOCIATION,
        ActivityKind.HEALTH,
        TargetGroup.LONG_TERM,
        8,
        {2},
    ),
    (
        "Lager och logistik",
        Provider.EMPLOYMENT_SERVICE,
        ActivityKind.VOCATIONAL_COURSE,
        TargetGroup.ALL,
        10,
        {0, 1, 2, 3},
    ),
)
SHARE_UNABLE = 0.08  # adults with an acceptable reason not to take part
SHARE_REFERRED = 0.55  # adults referred to an activity; the rest fill the passive list
SHARE_ENDED = 0.2  # of started referrals, those already ended
ATTENDANCE_DAYS = 21
MARK_WEIGHTS = (
    (AttendanceMark.PRESENT, 85),
    (AttendanceMark.VALID_ABSENCE, 8),
    (AttendanceMark.UNEXCUSED_ABSENCE, 7),
)


def generate_activities(*, units: list[Unit], today: date, rng: random.Random) -> int:
    """Catalogue, referrals and attendance for each unit; returns the number of referrals."""
    referrals = 0
    for unit in units:
        coach = User.objects.filter(unit=unit, role=Role.WORK_COACH).order_by("pk").first()
        if coach is None:
            continue
        activities = [
            activity_create(
                unit=unit,
                name=name,
                provider=provider,
                kind=kind,
                target_group=group,
                capacity=capacity,
                starts_on=today - timedelta(days=120),
                ends_on=today + timedelta(days=120),
                weekdays=frozenset(days),
                by=coach,
            )
            for name, provider, kind, group, capacity, days in CATALOGUE
        ]
        adults = adult_members_of_active_cases(unit)
        for member in adults.order_by("pk"):
            draw = rng.random()
            if draw < SHARE_UNABLE:
                participation_assess(
                    household=member.household,
                    person=member.person,
                    able=False,
                    reason=rng.choice([AcceptableReason.ILLNESS, AcceptableReason.PARENTAL_LEAVE]),
                    note="",
                    on=max(member.household.opened_on, today - timedelta(days=30)),
                    by=coach,
                )
            elif draw < SHARE_UNABLE + SHARE_REFERRED:
                referrals += _refer(member, rng.choice(activities), today=today, rng=rng, by=coach)
        for activity in activities:
            _attendance(activity, today=today, rng=rng, by=coach)
        _sanctions(unit, today=today, rng=rng)
    return referrals


def _refer(
    member: HouseholdMember, activity: Activity, *, today: date, rng: random.Random, by: User
) -> int:
    referred_on = max(member.household.opened_on, today - timedelta(days=rng.randint(7, 60)))
    try:
        referral = referral_create(
            activity=activity,
            household=member.household,
            person=member.person,
            referred_on=referred_on,
            by=by,
        )
    except DomainError:  # full: this adult stays passive
        return 0
    accepted_on = referred_on + timedelta(days=rng.randint(1, 3))
    started_on = accepted_on + timedelta(days=rng.randint(1, 4))
    if accepted_on >= today:
        return 1
    referral = referral_accept(referral=referral, on=accepted_on, by=by)
    if started_on >= today:
        return 1
    referral = referral_start(referral=referral, on=started_on, by=by)
    if rng.random() < SHARE_ENDED and (today - started_on).days > 7:  # noqa: PLR2004
        ended_on = started_on + timedelta(days=rng.randint(7, (today - started_on).days))
        referral_end(
            referral=referral,
            on=min(ended_on, today - timedelta(days=1)),
            outcome=rng.choice(list(Outcome)),
            by=by,
        )
    return 1


def _attendance(activity: Activity, *, today: date, rng: random.Random, by: User) -> None:
    marks, weights = zip(*MARK_WEIGHTS, strict=True)
    for back in range(ATTENDANCE_DAYS, 0, -1):
        day = today - timedelta(days=back)
        if not is_scheduled(
            day,
            starts_on=activity.starts_on,
            ends_on=activity.ends_on,
            weekdays=activity.weekday_set,
        ):
            continue
        group = referral_list_attending(activity, day=day)
        if group:
            attendance_register_group(
                activity=activity,
                day=day,
                marks={r.pk: rng.choices(marks, weights)[0] for r in group},
                by=by,
                today=today,
            )


# What happens to the proposals, in turn: dismissed, reduced and decided, reduced awaiting
# approval, left to assess, reduced and not approved, left to assess.
SANCTION_STEPS = ("dismiss", "decide", "assess", "leave", "reject", "leave")
DEMO_REDUCTION_PERCENT = 20  # DEMO: a caseworker's proposed amount, not any unit's rule


def _sanctions(unit: Unit, *, today: date, rng: random.Random) -> None:
    """Carry the unit's proposals through assessment and approval (caseworker, then manager)."""
    caseworker = User.objects.filter(unit=unit, role=Role.CASEWORKER).order_by("pk").first()
    manager = User.objects.filter(unit=unit, role=Role.UNIT_MANAGER).order_by("pk").first()
    if caseworker is None or manager is None:
        return
    now = datetime.combine(today, time(10), tzinfo=timezone.get_current_timezone())
    proposals = SanctionProposal.objects.filter(
        household__unit=unit, status=SanctionStatus.PROPOSED
    ).order_by("pk")
    reconsidered = False
    for index, proposal in enumerate(proposals):
        step = SANCTION_STEPS[index % len(SANCTION_STEPS)]
        if step == "leave":
            continue
        if step == "dismiss":
            sanction_assess(
                proposal=proposal,
                valid_reason=True,
                reasons=rng.choice(
                    ["Sjukintyg för dagen kom in i efterhand.", "Anställningsintervju samma dag."]
                ),
                amount=None,
                by=caseworker,
                now=now,
            )
            continue
        try:
            limit = sanction_legal_limit(proposal)
        except DomainError:  # no riksnorm for the month yet: the proposal waits
            continue
        assessed = sanction_assess(
            proposal=proposal,
            valid_reason=False,
            reasons="Uteblev från aktiviteten utan att höra av sig; inget godtagbart skäl angivet.",
            amount=max(1, limit * DEMO_REDUCTION_PERCENT // 100),
            by=caseworker,
            now=now,
        )
        if step in ("decide", "reject"):
            decided = sanction_decide(
                proposal=assessed,
                approve=step == "decide",
                note="" if step == "decide" else "Frånvaron behöver utredas vidare först.",
                by=manager,
                now=now,
            )
            if step == "decide" and not reconsidered:
                # One decided reduction is reconsidered, so the demo shows an omprövning too.
                sanction_reconsider(
                    proposal=decided,
                    outcome=ReconsiderationOutcome.REVOKED,
                    occasion=ReconsiderationOccasion.NEW_CIRCUMSTANCES,
                    amount=None,
                    reasons="Läkarintyg för frånvarodagen kom in efter beslutet.",
                    by=manager,
                    now=now,
                )
                reconsidered = True
