"""Reads for intake lists: recent applications, overdue and late first meetings."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import F, Q, QuerySet

from bryggan.accounts.models import Unit
from bryggan.intake.models import Application, FirstMeeting, MeetingStatus
from bryggan.people.selectors import current_members_prefetch


def applications_for_household(household_id: int) -> QuerySet[Application]:
    return (
        Application.objects.filter(household_id=household_id)
        .select_related("first_meeting__caseworker", "first_meeting__work_coach", "registered_by")
        .order_by("-month")
    )


def applications_on_case_page(household_id: int) -> QuerySet[Application]:
    """The case's applications as the case page lists them, newest month first, each with its
    first meeting (its time, status and deadline; not who holds it or who registered it)."""
    return (
        Application.objects.filter(household_id=household_id)
        .select_related("first_meeting")
        .order_by("-month")
    )


def recent_applications(unit: Unit, *, limit: int = 20) -> QuerySet[Application]:
    return (
        Application.objects.filter(household__unit=unit)
        .select_related("household", "first_meeting")
        .prefetch_related(current_members_prefetch("household__members"))
        .order_by("-received_at")[:limit]
    )


def overdue_first_meetings(unit: Unit, *, today: date) -> QuerySet[FirstMeeting]:
    """Booked first meetings not marked held by their deadline, and those booked after it.

    A meeting the applicant did not come to is off the list: it was offered in time.
    """
    return (
        FirstMeeting.objects.filter(application__household__unit=unit, status=MeetingStatus.BOOKED)
        .filter(Q(deadline__lt=today) | Q(starts_at__date__gt=F("deadline")))
        .select_related("application__household", "caseworker", "work_coach")
        .prefetch_related(current_members_prefetch("application__household__members"))
        .order_by("deadline", "starts_at")
    )


def application_timeline_rows(household_id: int) -> QuerySet[Application, dict[str, Any]]:
    """The case's applications for its timeline, in one query."""
    return Application.objects.filter(household_id=household_id).values(
        "id",
        "month",
        "received_at",
        "channel",
        "registered_by__first_name",
        "registered_by__last_name",
    )


def first_meeting_timeline_rows(household_id: int) -> QuerySet[FirstMeeting, dict[str, Any]]:
    """The case's first meetings for its timeline (booked by whoever registered the
    application), in one query."""
    return FirstMeeting.objects.filter(application__household_id=household_id).values(
        "id",
        "application_id",
        "created_at",
        "starts_at",
        "deadline",
        "status",
        "application__registered_by__first_name",
        "application__registered_by__last_name",
        "caseworker__first_name",
        "caseworker__last_name",
    )
