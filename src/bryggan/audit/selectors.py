"""Reading the access log and change history of one case."""

from __future__ import annotations

from django.db.models import QuerySet

from bryggan.audit.models import AccessLogEntry, ChangeRecord


def access_log_for_case(case_id: int) -> QuerySet[AccessLogEntry]:
    return AccessLogEntry.objects.filter(case_id=case_id).select_related("user")


def change_history_for_case(case_id: int) -> QuerySet[ChangeRecord]:
    return ChangeRecord.objects.filter(case_id=case_id).select_related("user")


def access_log_all() -> QuerySet[AccessLogEntry]:
    """Every read, for a review that narrows it (the case apps add their own scope)."""
    return AccessLogEntry.objects.all()
