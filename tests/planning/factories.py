"""Action plans and follow-ups for tests, made through the real services."""

from __future__ import annotations

from datetime import date

from bryggan.accounts.models import User
from bryggan.people.models import Household
from bryggan.planning.models import FollowUp, Goal, PlanVersion, Responsible, WrittenBy
from bryggan.planning.services import StepInput, followup_book, plan_version_create


def make_version(
    household: Household, by: User, *, today: date, goal: Goal = Goal.WORK
) -> PlanVersion:
    """A version of the applicant's plan with two steps."""
    return plan_version_create(
        household=household,
        person=household.members.get(role="applicant").person,
        goal=goal,
        goal_text="Arbete inom lager",
        consequences="Försörjningsstödet kan sättas ned.",
        steps=[
            StepInput("Söka fem jobb i veckan", Responsible.CLIENT),
            StepInput("Anvisa till Lager och logistik", Responsible.WORK_COACH, today),
        ],
        written_by=WrittenBy.CASEWORKER,
        by=by,
        today=today,
    )


def make_followup(version: PlanVersion, by: User, *, due_on: date, booked: date) -> FollowUp:
    return followup_book(plan=version.plan, due_on=due_on, note="", by=by, today=booked)
