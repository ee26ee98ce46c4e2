"""The demo's action plans: a share of the active cases' adults get a plan, most versions signed
in the meeting, young adults sometimes writing their own (Huddinge's youth practice), and booked
follow-ups of which some were missed. All through the services.

Deterministic for a given random generator and `today`.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings

from bryggan.accounts.models import Unit, User
from bryggan.accounts.roles import Role
from bryggan.activities.selectors import adult_members_of_active_cases
from bryggan.desk.rules import revision_due
from bryggan.people.rules import is_young_adult
from bryggan.planning.models import ActionPlan, Goal, Responsible, SignedHow, WrittenBy
from bryggan.planning.services import (
    StepInput,
    followup_book,
    followup_cancel,
    followup_hold,
    plan_version_create,
    plan_version_sign,
)

SHARE_WITH_PLAN = 0.5  # of active adults
SHARE_SIGNED = 0.85  # of plans, whose latest version is signed
SHARE_SECOND_VERSION = 0.25
SHARE_YOUTH_WRITES = 0.5  # of young adults, those who wrote their own plan
SHARE_MISSED = 0.15  # of past follow-ups, those not held
SHARE_CANCELLED = 0.1  # of coming follow-ups, those cancelled with a reason
# Plans signed so long ago that they are due for revision within REVISION_DUE_IN_DAYS.
EVERY_NTH_DUE, REVISION_DUE_IN_DAYS = 10, 3
GOALS = (
    (Goal.WORK, "Arbete inom lager, handel eller vård", 70),
    (Goal.STUDIES, "Studier: gymnasieexamen på Komvux", 20),
    (Goal.OTHER_INCOME, "Sjukersättning: underlag från läkare och Försäkringskassan", 10),
)
STEPS = (
    StepInput("Söka fem arbeten i veckan och redovisa dem", Responsible.CLIENT),
    StepInput("Anvisning till en aktivitet", Responsible.WORK_COACH),
    StepInput("Kontakt med Arbetsförmedlingen", Responsible.CASEWORKER),
)
CONSEQUENCES = (
    "Om du utan godtagbart skäl inte följer planen kan försörjningsstödet sättas ned eller "
    "vägras, efter beslut som du kan överklaga."
)


def generate_plans(*, units: list[Unit], today: date, rng: random.Random) -> int:
    """Plans, signatures and follow-ups for each unit; returns the number of plans."""
    tz = ZoneInfo(settings.TIME_ZONE)
    plans = 0
    for unit in units:
        staff = {
            role: User.objects.filter(unit=unit, role=role).order_by("pk").first()
            for role in (Role.CASEWORKER, Role.WORK_COACH)
        }
        worker, coach = staff[Role.CASEWORKER], staff[Role.WORK_COACH]
        if worker is None or coach is None:
            continue
        adults = adult_members_of_active_cases(unit)
        for member in adults.order_by("pk"):
            if rng.random() >= SHARE_WITH_PLAN:
                continue
            youth = is_young_adult(member.person.birth_date, today)
            goals, texts, weights = zip(*GOALS, strict=True)
            index = rng.choices(range(len(goals)), weights)[0]
            author = (
                WrittenBy.CLIENT
                if youth and rng.random() < SHARE_YOUTH_WRITES
                else rng.choice([WrittenBy.CASEWORKER, WrittenBy.WORK_COACH])
            )
            by = coach if author != WrittenBy.CASEWORKER else worker
            version = plan_version_create(
                household=member.household,
                person=member.person,
                goal=goals[index],
                goal_text=texts[index],
                consequences=CONSEQUENCES,
                steps=list(STEPS[: rng.randint(1, len(STEPS))]),
                written_by=author,
                by=by,
                today=today,
            )
            if rng.random() < SHARE_SECOND_VERSION:
                plan_version_sign(
                    version=version,
                    how=SignedHow.IN_MEETING,
                    at=datetime.combine(today - timedelta(days=40), time(10), tzinfo=tz),
                    recorded_by=by,
                )
                version = plan_version_create(
                    household=member.household,
                    person=member.person,
                    written_by=author,
                    by=by,
                    today=today,
                )
            if rng.random() < SHARE_SIGNED:
                how = rng.choice([SignedHow.IN_MEETING, SignedHow.IN_MEETING, SignedHow.E_SERVICE])
                signed_on = today - timedelta(days=rng.randint(1, 30))
                # Every tenth plan of a case open long enough was signed half a year ago: due for
                # revision this week (My work's plans to revise).
                long_ago = revision_due(
                    today + timedelta(days=REVISION_DUE_IN_DAYS),
                    months=-settings.BRYGGAN_PLAN_REVISION_MONTHS,
                )
                if plans % EVERY_NTH_DUE == 0 and member.household.opened_on <= long_ago:
                    signed_on = long_ago
                plan_version_sign(
                    version=version,
                    how=how,
                    at=datetime.combine(signed_on, time(11), tzinfo=tz),
                    recorded_by=by,
                )
            _follow_ups(version.plan, today=today, rng=rng, by=by)
            plans += 1
    return plans


def _follow_ups(plan: ActionPlan, *, today: date, rng: random.Random, by: User) -> None:
    for weeks_back in (6, 2, -2):
        due_on = today - timedelta(weeks=weeks_back) + timedelta(days=rng.randint(0, 4))
        booked = min(due_on, today) - timedelta(days=14)
        follow_up = followup_book(plan=plan, due_on=due_on, note="", by=by, today=booked)
        if due_on < today and rng.random() >= SHARE_MISSED:
            followup_hold(follow_up=follow_up, held_on=due_on, note="", by=by, today=today)
        elif due_on >= today and rng.random() < SHARE_CANCELLED:
            followup_cancel(
                follow_up=follow_up,
                reason="Klienten har börjat arbeta; nästa uppföljning bokas i en ny plan.",
                by=by,
                # The day after it was booked: always in the past, whenever the demo is made.
                now=datetime.combine(
                    booked + timedelta(days=1), time(9), tzinfo=ZoneInfo(settings.TIME_ZONE)
                ),
            )
