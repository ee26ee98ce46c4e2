"""Reading the access log and change history of one case."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet

from bryggan.audit.models import AccessLogEntry, ChangeRecord
from bryggan.core.locking import LastChange


def access_log_for_case(case_id: int) -> QuerySet[AccessLogEntry]:
    return AccessLogEntry.objects.filter(case_id=case_id).select_related("user")


def change_history_for_case(case_id: int) -> QuerySet[ChangeRecord]:
    return ChangeRecord.objects.filter(case_id=case_id).select_related("user")


def change_history_rows_for_case(
    case_id: int, *, except_types: Iterable[str], except_pairs: Iterable[tuple[str, str]]
) -> QuerySet[ChangeRecord, dict[str, Any]]:
    """The case's history for its timeline, without the types and (type, action) pairs the
    timeline tells from the domain tables; in one query."""
    rows = ChangeRecord.objects.filter(case_id=case_id).exclude(object_type__in=list(except_types))
    for object_type, action in except_pairs:
        rows = rows.exclude(object_type=object_type, action=action)
    return rows.values(
        "id", "at", "object_type", "object_id", "action", "user__first_name", "user__last_name"
    )


def access_log_all() -> QuerySet[AccessLogEntry]:
    """Every read, for a review that narrows it (the case apps add their own scope)."""
    return AccessLogEntry.objects.all()


def change_last(object_type: str, object_id: int) -> LastChange | None:
    """Who made the latest change to one object, and when: for an edit conflict's message."""
    record = (
        ChangeRecord.objects.filter(object_type=object_type, object_id=str(object_id))
        .select_related("user")
        .order_by("-at", "-id")
        .first()
    )
    if record is None:
        return None
    user = record.user
    by = (user.get_full_name() or user.get_username()) if user is not None else ""
    return LastChange(by=by, at=record.at)
