"""The demo's projects: an ESF project for everyone and a coordination association's youth
project in the first unit, with participants from the unit's cases, all through the services.

A participant whose case was closed after joining leaves the project that day with the closure's
reason; some others leave with an outcome drawn from made-up weights (demo data, not
statistics). Deterministic for a given random generator and `today`.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from bryggan.accounts.models import Unit, User
from bryggan.accounts.roles import Role
from bryggan.activities.models import Activity, TargetGroup
from bryggan.core.errors import DomainError
from bryggan.core.month import Month
from bryggan.followup.models import Closure
from bryggan.followup.rules import add_months
from bryggan.people.models import HouseholdMember, MemberRole
from bryggan.projects.models import FunderKind, Project
from bryggan.projects.rules import ParticipantOutcome, Period, youth_birth_dates
from bryggan.projects.services import participant_add, participant_end, project_create

# Made-up outcome weights for participants who leave while their case stays open.
OUTCOME_WEIGHTS = (
    (ParticipantOutcome.WORK, 40),
    (ParticipantOutcome.STUDIES, 20),
    (ParticipantOutcome.INTERRUPTED, 25),
    (ParticipantOutcome.OTHER, 15),
)
SHARE_LEAVING = 0.35  # of participants whose case stays open, those who have already left


def demo_projects(*, units: list[Unit], today: date, rng: random.Random) -> int:
    """One or two projects in the first unit; returns the number of participations."""
    if not units:
        return 0
    unit = units[0]
    manager = User.objects.filter(unit=unit, role=Role.UNIT_MANAGER).order_by("pk").first()
    coach = User.objects.filter(unit=unit, role=Role.WORK_COACH).order_by("pk").first()
    if manager is None or coach is None:
        return 0
    first = Month.of(today).plus(-12).first_day
    sprang = project_create(
        unit=unit,
        name="Språnget",
        funder_kind=FunderKind.ESF,
        funder_name="Europeiska socialfonden",
        starts_on=first,
        ends_on=add_months(first, 24) - timedelta(days=1),
        budget=4_800_000,
        spent=2_150_000,
        target_group=TargetGroup.ALL,
        baseline_months=12,
        description="Arbetsträning och coachning mot arbete eller studier, som i Fagersta.",
        activities=list(Activity.objects.filter(unit=unit, target_group=TargetGroup.ALL)[:2]),
        by=manager,
    )
    young_first = Month.of(today).plus(-6).first_day
    youth = project_create(
        unit=unit,
        name="Unga in",
        funder_kind=FunderKind.COORDINATION_ASSOCIATION,
        funder_name="Samordningsförbundet",
        starts_on=young_first,
        ends_on=add_months(young_first, 18) - timedelta(days=1),
        budget=1_200_000,
        spent=None,
        target_group=TargetGroup.YOUTH,
        baseline_months=6,
        description="Unga vuxna 18–24 år möter en arbetsmarknadskonsult först.",
        activities=list(Activity.objects.filter(unit=unit, target_group=TargetGroup.YOUTH)[:1]),
        by=manager,
    )
    adults = list(
        HouseholdMember.objects.filter(
            household__unit=unit, role__in=[MemberRole.APPLICANT, MemberRole.CO_APPLICANT]
        )
        .select_related("household", "person")
        .order_by("pk")
    )
    closures = {
        household_id: (closed_on, reason)
        for household_id, closed_on, reason in Closure.objects.filter(
            household__unit=unit
        ).values_list("household_id", "closed_on", "reason")
    }
    born_after, born_until = youth_birth_dates(Period(young_first, today))
    young = [m for m in adults if born_after < m.person.birth_date <= born_until]
    count = _fill(sprang, rng.sample(adults, min(40, len(adults))), closures, today, rng, coach)
    count += _fill(youth, rng.sample(young, min(15, len(young))), closures, today, rng, coach)
    return count


def _fill(  # noqa: PLR0917 - a private helper of this module
    project: Project,
    members: list[HouseholdMember],
    closures: dict[int, tuple[date, str]],
    today: date,
    rng: random.Random,
    by: User,
) -> int:
    added = 0
    last_day = min(project.ends_on, today - timedelta(days=7))
    for member in members:
        earliest = max(project.starts_on, member.valid_from, member.household.opened_on)
        latest = min(last_day, member.valid_to or last_day)
        if member.household.closed_on is not None:
            latest = min(latest, member.household.closed_on - timedelta(days=1))
        if latest < earliest:
            continue
        joined_on = earliest + timedelta(days=rng.randint(0, (latest - earliest).days))
        try:
            participant = participant_add(
                project=project,
                household=member.household,
                person=member.person,
                joined_on=joined_on,
                by=by,
            )
        except DomainError:
            continue
        added += 1
        closure = closures.get(member.household_id)
        if closure is not None and joined_on <= closure[0] <= min(today, project.ends_on):
            left_on, outcome = closure[0], ParticipantOutcome(closure[1])
        elif rng.random() < SHARE_LEAVING and joined_on < today - timedelta(days=14):
            left_on = joined_on + timedelta(days=rng.randint(14, (today - joined_on).days))
            outcomes, weights = zip(*OUTCOME_WEIGHTS, strict=True)
            outcome = rng.choices(outcomes, weights)[0]
        else:
            continue
        participant_end(
            participant=participant, left_on=left_on, outcome=outcome, by=by, today=today
        )
    return added
