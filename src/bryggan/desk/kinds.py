"""The kinds of item shipped with the desk, one provider each, one query each (the rows cut to
the scope's limit carry the count of all: `registry.waiting`).

Each provider reads the rows of one app that wait on someone, within the scope's unit, and for a
scope that is not the whole unit only those waiting on the scope's user. Titles name no person:
the desk shows case numbers, and the name is one click away behind the case gate.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import cache
from typing import Any

from django.conf import settings
from django.db.models import (
    Case,
    DateField,
    Exists,
    F,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    When,
)
from django.db.models.functions import TruncDate
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bryggan.accounts.models import User
from bryggan.accounts.roles import Capability
from bryggan.activities.models import SanctionProposal, SanctionStatus
from bryggan.casefile.models import CaseDiscussion, CaseDiscussionStatus
from bryggan.core.month import Month
from bryggan.decisions.models import Decision, DecisionStatus
from bryggan.decisions.rules import Outcome
from bryggan.desk.registry import DeskItem, DeskScope, Waiting, register, waiting
from bryggan.desk.rules import payment_date, revision_due
from bryggan.intake.models import Application, FirstMeeting, MeetingStatus
from bryggan.people.models import HouseholdMember, HouseholdStatus, MemberRole
from bryggan.planning.models import ActionPlan, FollowUp, PlanVersion
from bryggan.reporting.models import ReasonForNeed
from bryggan.reporting.rules import due_date

CASEWORKER_NAME = ("household__caseworker__first_name", "household__caseworker__last_name")


def case_number(opened_on: date, household_id: int) -> str:
    """As `Household.case_number`, from the two values a row carries."""
    return f"{opened_on.year}-{household_id:05d}"


def _name(row: dict[str, Any], first: str, last: str) -> str:
    return f"{row[first] or ''} {row[last] or ''}".strip()


def caseworker_name(row: dict[str, Any], prefix: str = "household__") -> str:
    """The case's caseworker's name from a row's two name fields (`CASEWORKER_NAME`)."""
    return _name(row, f"{prefix}caseworker__first_name", f"{prefix}caseworker__last_name")


_SLOTS = (987654321, 987654322)


@cache
def _url_form(name: str, arity: int) -> str:
    """`reverse(name)` as a format string, made once: a desk of thousands of items would spend
    more time reversing URLs than querying."""
    url = reverse(name, args=list(_SLOTS[:arity]))
    for index, slot in enumerate(_SLOTS[:arity]):
        url = url.replace(str(slot), "{%d}" % index)  # noqa: UP031 - builds a format string
    return url


def url_of(name: str, *args: int) -> str:
    return _url_form(name, len(args)).format(*args)


@cache
def _payment_date_of(month: str, day: int) -> date:
    return payment_date(Month.parse(month), day=day)


def payment_date_of_month(month: str) -> date:
    """The unit's payment date for assistance for `month` ("2026-12")."""
    return _payment_date_of(month, settings.BRYGGAN_PAYMENT_DAY)


_payment_date = payment_date_of_month


def lookahead(scope: DeskScope) -> date:
    """The last day a dated item shows before it is due: `BRYGGAN_DESK_LOOKAHEAD_DAYS` on."""
    return scope.today + timedelta(days=settings.BRYGGAN_DESK_LOOKAHEAD_DAYS)


def _mine(rows: QuerySet[Any], scope: DeskScope, condition: Q) -> QuerySet[Any]:
    return rows if scope.whole_unit else rows.filter(condition)


@register(
    "first_meeting",
    label=gettext_lazy("First meetings today and overdue"),
    capability=Capability.VIEW_CASES,
    menu="intake:overdue",
)
def first_meetings(scope: DeskScope) -> Waiting:
    """Booked first meetings held today, and those overdue as `intake.selectors` counts them:
    not marked held by their deadline, or booked after it."""
    late = Q(deadline__lt=scope.today) | Q(starts_at__date__gt=F("deadline"))
    rows = FirstMeeting.objects.filter(
        application__household__unit_id=scope.unit_id, status=MeetingStatus.BOOKED
    ).filter(Q(starts_at__date=scope.today) | late)
    rows = _mine(rows, scope, Q(caseworker=scope.user) | Q(work_coach=scope.user))
    # Late: its deadline has passed or it was booked after it; otherwise it is today.
    by = Case(
        When(late, then=F("deadline")), default=TruncDate("starts_at"), output_field=DateField()
    )

    # Translated once per desk, not once per item (a manager's desk builds hundreds); the time
    # zone too (looking it up when none is activated costs as much as building the item).
    late_title = _("First meeting %(time)s, after its deadline %(deadline)s")
    today_title = _("First meeting %(time)s")
    zone = timezone.get_current_timezone()

    def item(row: dict[str, Any]) -> DeskItem:
        starts = timezone.localtime(row["starts_at"], zone)
        is_late = row["deadline"] < scope.today or starts.date() > row["deadline"]
        return DeskItem(
            kind="first_meeting",
            deadline=row["deadline"] if is_late else starts.date(),
            title=(late_title if is_late else today_title)
            % {"time": f"{starts:%Y-%m-%d %H:%M}", "deadline": row["deadline"].isoformat()},
            household_id=row["application__household_id"],
            case_number=case_number(
                row["application__household__opened_on"], row["application__household_id"]
            ),
            url=url_of("intake:application_detail", row["application_id"]),
            responsible=_name(row, "caseworker__first_name", "caseworker__last_name"),
        )

    return waiting(
        rows,
        scope,
        order=(by.asc(), "application__household_id"),
        fields=(
            "application_id",
            "starts_at",
            "deadline",
            "application__household_id",
            "application__household__opened_on",
            "caseworker__first_name",
            "caseworker__last_name",
        ),
        item=item,
    )


@register(
    "application_undecided",
    label=gettext_lazy("Applications without a decision"),
    capability=Capability.DECIDE,
)
def applications_undecided(scope: DeskScope) -> Waiting:
    """Applications of active cases with no decision for their month, against the payment date."""
    decided = Decision.objects.filter(
        household_id=OuterRef("household_id"), month=OuterRef("month")
    )
    rows = Application.objects.filter(
        household__unit_id=scope.unit_id, household__status=HouseholdStatus.ACTIVE
    ).filter(~Exists(decided))
    rows = _mine(rows, scope, Q(household__caseworker=scope.user))
    # The caseworker's name is read for the rows shown only, not joined: PostgreSQL cannot
    # estimate the anti-join on two columns (it expects one row where thousands wait) and would
    # then scan the users once for every row.
    caseworker = User.objects.filter(pk=OuterRef("household__caseworker_id"))
    rows = rows.annotate(
        caseworker_first_name=Subquery(caseworker.values("first_name")),
        caseworker_last_name=Subquery(caseworker.values("last_name")),
    )
    title = _("Application for %(month)s: no decision yet")
    return waiting(
        rows,
        scope,
        order=("month", "household_id"),  # the payment date grows with the month
        fields=(
            "month",
            "household_id",
            "household__opened_on",
            "caseworker_first_name",
            "caseworker_last_name",
        ),
        item=lambda row: DeskItem(
            kind="application_undecided",
            deadline=_payment_date(row["month"]),
            title=title % {"month": row["month"]},
            household_id=row["household_id"],
            case_number=case_number(row["household__opened_on"], row["household_id"]),
            url=url_of("decisions:calculation", row["household_id"]),
            responsible=_name(row, "caseworker_first_name", "caseworker_last_name"),
        ),
    )


@register(
    "decision_unsigned",
    label=gettext_lazy("Drafted decisions not signed"),
    capability=Capability.DECIDE,
)
def decisions_unsigned(scope: DeskScope) -> Waiting:
    rows = Decision.objects.filter(household__unit_id=scope.unit_id, status=DecisionStatus.DRAFT)
    rows = _mine(rows, scope, Q(created_by=scope.user) | Q(household__caseworker=scope.user))
    title = _("Decision for %(month)s drafted, not signed")
    return waiting(
        rows,
        scope,
        order=("month", "household_id", "id"),
        fields=(
            "id",
            "month",
            "household_id",
            "household__opened_on",
            "created_by__first_name",
            "created_by__last_name",
        ),
        item=lambda row: DeskItem(
            kind="decision_unsigned",
            deadline=_payment_date(row["month"]),
            title=title % {"month": row["month"]},
            household_id=row["household_id"],
            case_number=case_number(row["household__opened_on"], row["household_id"]),
            url=url_of("decisions:decision_detail", row["household_id"], row["id"]),
            responsible=_name(row, "created_by__first_name", "created_by__last_name"),
        ),
    )


@register(
    "decision_without_receipt",
    label=gettext_lazy("Decisions without a receipt date"),
    capability=Capability.DECIDE,
)
def decisions_without_receipt(scope: DeskScope) -> Waiting:
    """Signed decisions that can be appealed, with no day recorded on which the applicant received
    them: the three weeks of the appeal period (FL 44 §) cannot start. Waiting since signing."""
    rows = Decision.objects.filter(
        household__unit_id=scope.unit_id,
        status=DecisionStatus.SIGNED,
        notified_on__isnull=True,
        outcome__in=[Outcome.PARTLY_GRANTED.value, Outcome.REFUSED.value],
    )
    rows = _mine(rows, scope, Q(signed_by=scope.user) | Q(household__caseworker=scope.user))
    title = _("Decision for %(month)s: record the day it was received")
    zone = timezone.get_current_timezone()
    return waiting(
        rows,
        scope,
        order=("signed_at", "household_id", "id"),
        fields=(
            "id",
            "month",
            "signed_at",
            "household_id",
            "household__opened_on",
            *CASEWORKER_NAME,
        ),
        item=lambda row: DeskItem(
            kind="decision_without_receipt",
            deadline=timezone.localtime(row["signed_at"], zone).date(),
            title=title % {"month": row["month"]},
            household_id=row["household_id"],
            case_number=case_number(row["household__opened_on"], row["household_id"]),
            url=url_of("decisions:decision_detail", row["household_id"], row["id"]),
            responsible=caseworker_name(row),
        ),
    )


def _sanction_items(
    rows: QuerySet[SanctionProposal], scope: DeskScope, kind: str, title: str
) -> Waiting:
    return waiting(
        rows,
        scope,
        order=("month", "household_id", "id"),
        fields=("id", "month", "household_id", "household__opened_on", *CASEWORKER_NAME),
        item=lambda row: DeskItem(
            kind=kind,
            deadline=_payment_date(row["month"]),
            title=title % {"month": row["month"]},
            household_id=row["household_id"],
            case_number=case_number(row["household__opened_on"], row["household_id"]),
            url=url_of("activities:sanction_detail", row["id"]),
            responsible=caseworker_name(row),
        ),
    )


@register(
    "sanction_to_assess",
    label=gettext_lazy("Sanction proposals to assess"),
    capability=Capability.ASSESS_SANCTION,
    menu="activities:sanction_list",
)
def sanctions_to_assess(scope: DeskScope) -> Waiting:
    """Proposals to assess before the payment of the month they would reduce."""
    rows = SanctionProposal.objects.filter(
        household__unit_id=scope.unit_id, status=SanctionStatus.PROPOSED
    )
    rows = _mine(rows, scope, Q(household__caseworker=scope.user))
    return _sanction_items(
        rows, scope, "sanction_to_assess", _("Sanction proposal for %(month)s: assess")
    )


@register(
    "sanction_to_approve",
    label=gettext_lazy("Sanctions to approve"),
    capability=Capability.APPROVE_SANCTION,
    menu="activities:sanction_list",
)
def sanctions_to_approve(scope: DeskScope) -> Waiting:
    """Assessed reductions awaiting a manager's approval; never the manager's own assessment
    (four eyes, as the model's constraint requires)."""
    rows = SanctionProposal.objects.filter(
        household__unit_id=scope.unit_id, status=SanctionStatus.ASSESSED
    ).exclude(assessed_by=scope.user)
    return _sanction_items(
        rows, scope, "sanction_to_approve", _("Reduction for %(month)s: approve or reject")
    )


@register(
    "follow_up",
    label=gettext_lazy("Follow-ups due and missed"),
    capability=Capability.VIEW_CASES,
    menu="planning:missed",
)
def follow_ups(scope: DeskScope) -> Waiting:
    """Follow-ups neither held nor cancelled, missed or due within the look-ahead."""
    rows = FollowUp.objects.filter(
        plan__household__unit_id=scope.unit_id,
        plan__household__status=HouseholdStatus.ACTIVE,
        held_on__isnull=True,
        cancelled_at__isnull=True,
        due_on__lte=lookahead(scope),
    )
    rows = _mine(rows, scope, Q(plan__household__caseworker=scope.user) | Q(booked_by=scope.user))
    missed, due = _("Follow-up missed"), _("Follow-up due")
    return waiting(
        rows,
        scope,
        order=("due_on", "plan__household_id", "id"),
        fields=(
            "due_on",
            "plan__household_id",
            "plan__household__opened_on",
            "plan__person_id",
            "plan__household__caseworker__first_name",
            "plan__household__caseworker__last_name",
        ),
        item=lambda row: DeskItem(
            kind="follow_up",
            deadline=row["due_on"],
            title=missed if row["due_on"] < scope.today else due,
            household_id=row["plan__household_id"],
            case_number=case_number(row["plan__household__opened_on"], row["plan__household_id"]),
            url=url_of("planning:plan_detail", row["plan__household_id"], row["plan__person_id"]),
            responsible=caseworker_name(row, "plan__household__"),
        ),
    )


@register(
    "plan_revision",
    label=gettext_lazy("Plans due for revision"),
    capability=Capability.VIEW_CASES,
)
def plans_for_revision(scope: DeskScope) -> Waiting:
    """Plans of active cases whose last signed version is due for revision within the look-ahead
    (`settings.BRYGGAN_PLAN_REVISION_MONTHS` after signing)."""
    months = settings.BRYGGAN_PLAN_REVISION_MONTHS
    # Signed on or before this day: due for revision on or before the look-ahead's last day.
    signed_by = revision_due(lookahead(scope), months=-months)
    limit = timezone.make_aware(datetime.combine(signed_by + timedelta(days=1), time.min))
    rows = ActionPlan.objects.filter(
        household__unit_id=scope.unit_id, household__status=HouseholdStatus.ACTIVE
    ).annotate(last_signed=Max("versions__signed_at"))
    rows = rows.filter(last_signed__lt=limit)
    own_version = PlanVersion.objects.filter(plan=OuterRef("pk"), created_by=scope.user)
    rows = _mine(rows, scope, Q(household__caseworker=scope.user) | Q(Exists(own_version)))
    title = _("Action plan due for revision")
    zone = timezone.get_current_timezone()
    return waiting(
        rows,
        scope,
        order=("last_signed", "household_id", "id"),
        fields=(
            "last_signed",
            "household_id",
            "household__opened_on",
            "person_id",
            *CASEWORKER_NAME,
        ),
        item=lambda row: DeskItem(
            kind="plan_revision",
            deadline=revision_due(
                timezone.localtime(row["last_signed"], zone).date(), months=months
            ),
            title=title,
            household_id=row["household_id"],
            case_number=case_number(row["household__opened_on"], row["household_id"]),
            url=url_of("planning:plan_detail", row["household_id"], row["person_id"]),
            responsible=caseworker_name(row),
        ),
    )


@register(
    "case_discussion",
    label=gettext_lazy("Case discussions requested"),
    capability=Capability.HOLD_CASE_DISCUSSION,
    menu="casefile:case_discussion_list",
)
def case_discussions(scope: DeskScope) -> Waiting:
    """Requested case discussions, waiting on the unit's manager since the request."""
    rows = CaseDiscussion.objects.filter(
        household__unit_id=scope.unit_id, status=CaseDiscussionStatus.REQUESTED
    )
    return waiting(
        rows,
        scope,
        order=("requested_at", "id"),
        fields=(
            "id",
            "requested_at",
            "household_id",
            "household__opened_on",
            "requested_by__first_name",
            "requested_by__last_name",
        ),
        item=lambda row: DeskItem(
            kind="case_discussion",
            deadline=timezone.localtime(row["requested_at"]).date(),
            title=_("Case discussion requested"),
            household_id=row["household_id"],
            case_number=case_number(row["household__opened_on"], row["household_id"]),
            url=url_of("casefile:case_discussion_hold", row["id"]),
            responsible=_name(row, "requested_by__first_name", "requested_by__last_name"),
        ),
    )


@register(
    "reporting_error",
    label=gettext_lazy("Reporting errors of the month"),
    capability=Capability.DECIDE,
    menu="reporting:status",
)
def reporting_errors(scope: DeskScope) -> Waiting:
    """Adults of the reported month (last month) whose household was granted assistance by a
    standing signed decision but who have no reason for need recorded: the error
    `reporting.rules.Rule.ADULT_WITHOUT_REASON`, which refuses the file due on the 15th."""
    month = Month.of(scope.today).plus(-1)
    standing = (
        Decision.objects.filter(
            household_id=OuterRef("household_id"),
            month=str(month),
            status=DecisionStatus.SIGNED,
            amount__gt=0,
        )
        .exclude(corrections__status=DecisionStatus.SIGNED)
        .values("pk")
    )
    reason = ReasonForNeed.objects.filter(
        household_id=OuterRef("household_id"), month=str(month), person_id=OuterRef("person_id")
    )
    rows = (
        HouseholdMember.objects.filter(
            household__unit_id=scope.unit_id,
            role__in=[MemberRole.APPLICANT, MemberRole.CO_APPLICANT],
            valid_from__lte=month.last_day,
        )
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=month.first_day))
        .filter(Exists(standing), ~Exists(reason))
    )
    rows = _mine(rows, scope, Q(household__caseworker=scope.user))
    title = _("Reporting %(month)s: an adult without a reason for need") % {"month": str(month)}
    return waiting(
        rows,
        scope,
        order=("household_id", "id"),  # all due the same day
        fields=("household_id", "household__opened_on", *CASEWORKER_NAME),
        item=lambda row: DeskItem(
            kind="reporting_error",
            deadline=due_date(month),
            title=title,
            household_id=row["household_id"],
            case_number=case_number(row["household__opened_on"], row["household_id"]),
            url=f"{url_of('reporting:reasons', row['household_id'])}?month={month}",
            responsible=caseworker_name(row),
        ),
    )
