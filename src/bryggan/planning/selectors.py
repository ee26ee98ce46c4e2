"""Reads of action plans: a person's plan and versions, the missed follow-ups of a caseworker's
cases or of a unit, and the person's current referrals (read through `activities.selectors`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet

from bryggan.accounts.models import User
from bryggan.accounts.roles import Capability
from bryggan.activities.models import CURRENT_STATUSES, Referral
from bryggan.activities.selectors import referral_list_for_household
from bryggan.people.models import HouseholdStatus, Person
from bryggan.planning.models import ActionPlan, FollowUp, PlanVersion


def plan_for_person(household_id: int, person_id: int) -> ActionPlan | None:
    return ActionPlan.objects.filter(household_id=household_id, person_id=person_id).first()


def person_id_by_identity(identity_number: str) -> int | None:
    return (
        Person.objects.filter(identity_number=identity_number).values_list("pk", flat=True).first()
    )


def latest_version_of_person(person_id: int) -> PlanVersion | None:
    return (
        PlanVersion.objects.filter(plan__person_id=person_id)
        .select_related("plan")
        .prefetch_related("steps")
        .order_by("-number")
        .first()
    )


def version_get(version_id: int) -> PlanVersion | None:
    return PlanVersion.objects.filter(pk=version_id).select_related("plan").first()


def version_list(plan: ActionPlan) -> QuerySet[PlanVersion]:
    return (
        plan.versions.select_related("created_by", "signature_recorded_by")
        .prefetch_related("steps")
        .order_by("-number")
    )


def followup_list(plan: ActionPlan) -> QuerySet[FollowUp]:
    return plan.follow_ups.select_related("booked_by", "held_by", "cancelled_by").order_by(
        "due_on", "id"
    )


def plan_with_versions(
    household_id: int, person_id: int
) -> tuple[ActionPlan | None, list[PlanVersion]]:
    """The person's plan in the case and its versions, newest first, with their steps: the
    versions and their plan read together, the plan alone only when it has no version."""
    versions = list(
        PlanVersion.objects.filter(plan__household_id=household_id, plan__person_id=person_id)
        .select_related("plan", "created_by", "signature_recorded_by")
        .prefetch_related("steps")
        .order_by("-number")
    )
    if versions:  # a person has one plan (`ActionPlan.person` is one-to-one)
        return versions[0].plan, versions
    return plan_for_person(household_id, person_id), []


def referrals_current_for(household_id: int, person_id: int) -> list[Referral]:
    """The person's current referrals in the case (`Referral.is_current`, as a query)."""
    return list(
        referral_list_for_household(household_id).filter(
            person_id=person_id, status__in=CURRENT_STATUSES
        )
    )


@dataclass(frozen=True, slots=True)
class MissedRow:
    follow_up: FollowUp
    days_late: int


def followup_list_missed(user: User, *, today: date) -> list[MissedRow]:
    """Follow-ups whose due date has passed unheld and uncancelled, in active cases: the whole
    unit for staff who see the unit's follow-up (the manager); for other staff, the cases they
    are caseworker of and the follow-ups they booked."""
    # `rules.is_missed` as a query: neither held nor cancelled, and the due date has passed.
    missed = FollowUp.objects.filter(
        held_on__isnull=True,
        cancelled_at__isnull=True,
        due_on__lt=today,
        plan__household__unit_id=user.unit_id,
        plan__household__status=HouseholdStatus.ACTIVE,
    )
    if not user.can(Capability.VIEW_UNIT):
        missed = missed.filter(Q(plan__household__caseworker=user) | Q(booked_by=user))
    return [
        MissedRow(f, (today - f.due_on).days)
        for f in missed.select_related("plan__person", "plan__household", "booked_by").order_by(
            "due_on", "id"
        )
    ]


_PERSON = (
    "plan__person_id",
    "plan__person__first_name",
    "plan__person__last_name",
    "plan__person__protected_identity",
)


def plan_version_timeline_rows(household_id: int) -> QuerySet[PlanVersion, dict[str, Any]]:
    """The case's plan versions for its timeline: written and signed; in one query."""
    return PlanVersion.objects.filter(plan__household_id=household_id).values(
        "id",
        "number",
        "goal",
        "written_by",
        "created_at",
        "signed_at",
        "signed_how",
        *_PERSON,
        "created_by__first_name",
        "created_by__last_name",
        "signature_recorded_by__first_name",
        "signature_recorded_by__last_name",
    )


def followup_timeline_rows(household_id: int) -> QuerySet[FollowUp, dict[str, Any]]:
    """The case's follow-ups for its timeline: booked, held, cancelled; in one query."""
    return FollowUp.objects.filter(plan__household_id=household_id).values(
        "id",
        "due_on",
        "note",
        "created_at",
        "held_on",
        "held_note",
        "cancelled_at",
        "cancel_reason",
        *_PERSON,
        "booked_by__first_name",
        "booked_by__last_name",
        "held_by__first_name",
        "held_by__last_name",
        "cancelled_by__first_name",
        "cancelled_by__last_name",
    )
