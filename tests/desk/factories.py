"""Hand-made waiting items for the desk's tests: rows written directly with the dates a test
needs, each in its own case of the unit."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

from bryggan.accounts.models import Unit, User
from bryggan.activities.models import SanctionProposal, SanctionStatus
from bryggan.casefile.models import CaseDiscussion
from bryggan.decisions.models import Decision, DecisionStatus, SavedCalculation
from bryggan.intake.models import Application, Channel, FirstMeeting, MeetingStatus, TrackChoices
from bryggan.people.models import Household
from bryggan.people.services import household_open
from bryggan.planning.models import ActionPlan, FollowUp, Goal, PlanVersion, SignedHow, WrittenBy
from tests.people.factories import person_input

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=STOCKHOLM)


def make_case(
    unit: Unit,
    caseworker: User | None,
    *,
    serial: int,
    first: str = "Sara",
    last: str = "Lind",
    birth: date = date(1988, 4, 2),
    protected: bool = False,
) -> Household:
    return household_open(
        unit=unit,
        applicant=person_input(birth, serial, first=first, last=last, protected_identity=protected),
        co_applicant=None,
        children=[],
        caseworker=caseworker,
        opened_on=date(2026, 1, 5),
        by=caseworker or User.objects.filter(unit=unit).first(),  # type: ignore[arg-type]
    )


def make_application(household: Household, by: User, *, month: str, received: date) -> Application:
    return Application.objects.create(
        household=household,
        month=month,
        received_at=at(received, 9),
        channel=Channel.IN_PERSON,
        track=TrackChoices.STANDARD,
        registered_by=by,
    )


def make_first_meeting(
    household: Household,
    caseworker: User,
    *,
    starts: datetime,
    deadline: date,
    month: str = "2026-12",
    status: str = MeetingStatus.BOOKED,
    work_coach: User | None = None,
) -> FirstMeeting:
    application = make_application(household, caseworker, month=month, received=deadline)
    return FirstMeeting.objects.create(
        application=application,
        starts_at=starts,
        deadline=deadline,
        caseworker=caseworker,
        work_coach=work_coach,
        status=status,
    )


def make_decision_row(
    household: Household,
    by: User,
    *,
    month: str,
    signed: date | None = None,
    outcome: str = "granted",
    amount: int = 5000,
    notified_on: date | None = None,
) -> Decision:
    calculation = SavedCalculation.objects.create(
        household=household,
        month=month,
        norm_year=2026,
        amount=amount,
        input={},
        result={},
        created_by=by,
    )
    return Decision.objects.create(
        household=household,
        month=month,
        kind="livelihood_support",
        outcome=outcome,
        calculation=calculation,
        calculated_amount=amount,
        amount=0 if outcome == "refused" else amount,
        reasons="Skäl.",
        status=DecisionStatus.SIGNED if signed else DecisionStatus.DRAFT,
        created_by=by,
        signed_by=by if signed else None,
        signed_at=at(signed) if signed else None,
        notified_on=notified_on,
    )


def make_proposal(
    household: Household,
    by: User,
    *,
    month: str,
    status: str = SanctionStatus.PROPOSED,
    assessed_by: User | None = None,
) -> SanctionProposal:
    return SanctionProposal.objects.create(
        household=household,
        person=household.members.get(role="applicant").person,
        month=month,
        status=status,
        proposed_by=by,
        assessed_by=assessed_by,
        assessed_at=timezone.now() if assessed_by else None,
    )


def make_plan(household: Household, by: User, *, signed: date | None) -> ActionPlan:
    plan = ActionPlan.objects.create(
        household=household, person=household.members.get(role="applicant").person
    )
    PlanVersion.objects.create(
        plan=plan,
        number=1,
        goal=Goal.WORK,
        written_by=WrittenBy.CASEWORKER,
        created_by=by,
        signed_at=at(signed) if signed else None,
        signed_how=SignedHow.choices[0][0] if signed else "",
        signature_recorded_by=by if signed else None,
    )
    return plan


def make_follow_up(plan: ActionPlan, by: User, *, due_on: date) -> FollowUp:
    return FollowUp.objects.create(plan=plan, due_on=due_on, booked_by=by)


def make_discussion_row(household: Household, by: User, *, requested: date) -> CaseDiscussion:
    return CaseDiscussion.objects.create(
        household=household, requested_by=by, requested_at=at(requested), question="Praktik?"
    )
