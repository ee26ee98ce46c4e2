"""Reads for the applicant's own pages. Each takes the own case the gate (`access.py`) opened;
none reads another household."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Q, QuerySet

from bryggan.activities.models import Attendance, Referral, ReferralStatus
from bryggan.casefile.models import PreliminaryReply
from bryggan.core.month import Month
from bryggan.decisions.models import (
    Appeal,
    Decision,
    DecisionStatus,
    PaymentConditions,
)
from bryggan.intake.models import Application, FirstMeeting, MeetingStatus
from bryggan.mypages.models import AppealFromApplicant, ContactDetails
from bryggan.payments.models import Payment, PaymentStatus
from bryggan.people.models import Household, HouseholdMember, MemberRole, Person
from bryggan.planning.models import FollowUp, PlanVersion

ADULT_ROLES = (MemberRole.APPLICANT, MemberRole.CO_APPLICANT)
NEWS_DAYS = 30  # what counts as new on the start page


def own_household_of(person: Person) -> Household | None:
    """The household where the person is an adult member now (one at a time)."""
    member = (
        HouseholdMember.objects.select_related("household", "household__unit")
        .filter(person=person, valid_to__isnull=True, role__in=ADULT_ROLES)
        .first()
    )
    return member.household if member else None


def own_decision_get(household: Household, decision_id: int) -> Decision | None:
    """A signed decision of the household (a draft is the unit's own work, not yet a decision)."""
    return Decision.objects.filter(
        household=household, pk=decision_id, status=DecisionStatus.SIGNED
    ).first()


def own_decisions(household: Household) -> QuerySet[Decision]:
    return Decision.objects.filter(household=household, status=DecisionStatus.SIGNED).order_by(
        "-month", "-signed_at"
    )


def own_applications(household: Household) -> QuerySet[Application]:
    return Application.objects.filter(household=household).order_by("-month", "-received_at")


@dataclass(frozen=True, slots=True)
class ApplicationStatus:
    application: Application
    decision: Decision | None
    replies: list[PreliminaryReply]

    @property
    def label(self) -> str:
        if self.decision is not None:
            return "Beslut fattat"
        if self.replies:
            return "Handläggningen tar längre tid"
        return "Ansökan tas emot och handläggs"


def application_status(household: Household, month: Month) -> ApplicationStatus | None:
    """The application for `month` and how far it has come."""
    application = own_applications(household).filter(month=str(month)).first()
    if application is None:
        return None
    decision = own_decisions(household).filter(month=str(month)).first()
    replies = list(PreliminaryReply.objects.filter(application=application))
    return ApplicationStatus(application=application, decision=decision, replies=replies)


def own_replies(household: Household) -> QuerySet[PreliminaryReply]:
    return PreliminaryReply.objects.filter(household=household).select_related("application")


@dataclass(frozen=True, slots=True)
class Meeting:
    when: date
    what: str
    at: str  # time of day, or empty


def booked_meetings(household: Household, person: Person, *, today: date) -> list[Meeting]:
    """The first meeting booked at intake and the plan's follow-ups still to come."""
    tz = ZoneInfo(settings.TIME_ZONE)
    meetings = [
        Meeting(
            when=meeting.starts_at.astimezone(tz).date(),
            what="Första besöket",
            at=f"{meeting.starts_at.astimezone(tz):%H:%M}",
        )
        for meeting in FirstMeeting.objects.filter(
            application__household=household,
            status=MeetingStatus.BOOKED,
            starts_at__date__gte=today,
        )
    ]
    meetings += [
        Meeting(when=follow_up.due_on, what="Uppföljning av planen", at="")
        for follow_up in FollowUp.objects.filter(
            plan__household=household,
            plan__person=person,
            held_on__isnull=True,
            cancelled_at__isnull=True,
            due_on__gte=today,
        )
    ]
    return sorted(meetings, key=lambda meeting: (meeting.when, meeting.at))


@dataclass(frozen=True, slots=True)
class Condition:
    name: str
    required: bool
    met: bool


def conditions_for_month(household: Household, person: Person, month: Month) -> list[Condition]:
    """The unit's payment conditions and whether each is met for `month`, as the payment run
    judges them (`payments.rules.conditions_unmet`), plus the signed plan."""
    conditions = (
        PaymentConditions.objects.filter(unit_id=household.unit_id).first() or PaymentConditions()
    )
    decision = own_decisions(household).filter(month=str(month)).first()
    tz = ZoneInfo(settings.TIME_ZONE)
    visited = any(
        f"{starts_at.astimezone(tz):%Y-%m}" == str(month)
        for starts_at in FirstMeeting.objects.filter(
            application__household=household, status=MeetingStatus.HELD
        ).values_list("starts_at", flat=True)
    ) or bool(decision and decision.personal_visit_held)
    applied = own_applications(household).filter(month=str(month)).exists()
    latest = latest_plan_version(household, person)
    return [
        Condition(
            name="Ansökan för månaden",
            required=conditions.monthly_application,
            met=applied,
        ),
        Condition(
            name="Personligt besök under månaden",
            required=conditions.personal_visit,
            met=visited,
        ),
        Condition(
            name="Inskriven på Arbetsförmedlingen",
            required=conditions.af_registration,
            met=bool(decision and decision.registered_at_af),
        ),
        Condition(
            name="Planen är underskriven",
            required=latest is not None,
            met=bool(latest and latest.signed_at),
        ),
    ]


@dataclass(frozen=True, slots=True)
class PaymentRow:
    month: str
    amount: int
    status: str
    on: date | None


PAYMENT_STATUS = {
    PaymentStatus.SENT: "Utbetald",
    PaymentStatus.RETURNED: "Kom tillbaka",
    PaymentStatus.REVERSED: "Återkallad",
}


def payment_rows(household: Household) -> list[PaymentRow]:
    """Payments made (paid, returned), and the signed decisions not paid yet (planned)."""
    payments = list(
        Payment.objects.filter(decision__household=household).select_related("decision", "run")
    )
    rows = [
        PaymentRow(
            month=payment.decision.month,
            amount=payment.amount,
            status=PAYMENT_STATUS[PaymentStatus(payment.status)],
            on=payment.status_changed_on or payment.run.execution_date,
        )
        for payment in payments
    ]
    paid_decisions = {payment.decision_id for payment in payments}
    decisions = list(own_decisions(household))
    corrected = {decision.corrects_id for decision in decisions if decision.corrects_id}
    rows += [
        PaymentRow(month=decision.month, amount=decision.amount, status="Planerad", on=None)
        for decision in decisions
        if decision.amount > 0 and decision.pk not in paid_decisions | corrected
    ]
    return sorted(rows, key=lambda row: row.month, reverse=True)


def latest_plan_version(household: Household, person: Person) -> PlanVersion | None:
    return (
        PlanVersion.objects.filter(plan__household=household, plan__person=person)
        .prefetch_related("steps")
        .order_by("-number")
        .first()
    )


def own_referrals(household: Household, person: Person) -> QuerySet[Referral]:
    return (
        Referral.objects.filter(household=household, person=person)
        .exclude(status=ReferralStatus.ENDED)
        .select_related("activity")
    )


def own_referral_get(household: Household, person: Person, referral_id: int) -> Referral | None:
    return own_referrals(household, person).filter(pk=referral_id).first()


def attendance_of(referral: Referral) -> QuerySet[Attendance]:
    return referral.attendance.order_by("-day")


def own_appeals(household: Household) -> QuerySet[Appeal]:
    return Appeal.objects.filter(household=household, decision__isnull=False).select_related(
        "decision"
    )


def appeal_sent_by(appeal: Appeal) -> AppealFromApplicant | None:
    return AppealFromApplicant.objects.filter(appeal=appeal).first()


def contact_details_of(person: Person) -> ContactDetails | None:
    return ContactDetails.objects.filter(person=person).first()


@dataclass(frozen=True, slots=True)
class NewsItem:
    on: date
    text: str
    url_name: str


def news(household: Household, *, today: date) -> list[NewsItem]:
    """What came in the last `NEWS_DAYS` days: requests, replies, decisions."""
    since = today - timedelta(days=NEWS_DAYS)
    items = [
        NewsItem(on=request.requested_on, text=f"Vi ber om: {request.what}", url_name="requests")
        for request in household.document_requests.filter(requested_on__gte=since)
    ]
    items += [
        NewsItem(
            on=reply.given_on,
            text=f"Besked om att beslutet för {reply.application.month} dröjer",
            url_name="home",
        )
        for reply in own_replies(household).filter(given_on__gte=since)
    ]
    tz = ZoneInfo(settings.TIME_ZONE)
    items += [
        NewsItem(
            on=decision.signed_at.astimezone(tz).date(),
            text=f"Beslut om ekonomiskt bistånd för {decision.month}",
            url_name="decisions",
        )
        for decision in own_decisions(household).filter(
            Q(signed_at__date__gte=since) & Q(signed_at__isnull=False)
        )
    ]
    return sorted(items, key=lambda item: item.on, reverse=True)


def adults_now_with_contact_details(household: Household) -> list[ContactDetails]:
    """The contact details of each adult member now who has given them, in one query (the news
    notice runs after every letter, and most adults have given none)."""
    # From the contact details (few) to the memberships, in no order: a third of the time of
    # reading every adult with a join to their details.
    return list(
        ContactDetails.objects.filter(
            person__memberships__household=household,
            person__memberships__valid_to__isnull=True,  # one at most a person
            person__memberships__role__in=ADULT_ROLES,
        ).order_by()
    )
