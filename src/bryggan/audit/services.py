"""Writing the access log and the change history; called by gates and services of every app."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest

from bryggan.audit.models import AccessLogEntry, ChangeRecord


def _where_from(request: HttpRequest | None) -> dict[str, Any]:
    """The access log's path and address of the request that read, or nothing outside one."""
    if request is None:
        return {"path": "", "ip_address": None}
    return {"path": request.get_full_path()[:300], "ip_address": request.META.get("REMOTE_ADDR")}


def access_log_write(
    *,
    user: AbstractBaseUser | None,
    object_type: str,
    object_id: object,
    case_id: int | None,
    purpose: str,
    request: HttpRequest | None = None,
    actor: str = "",
) -> AccessLogEntry:
    """Record one read. Runs outside any service transaction, so it survives a later failure.

    `user` is who read; an integration without a user (the e-service platform) is named in `actor`.
    """
    return AccessLogEntry.objects.create(
        user=user,
        actor=actor,
        object_type=object_type,
        object_id=str(object_id),
        case_id=case_id,
        purpose=purpose,
        **_where_from(request),
    )


def access_log_write_many(
    *,
    user: AbstractBaseUser,
    object_type: str,
    rows: list[tuple[object, int | None]],
    purpose: str,
    request: HttpRequest | None = None,
) -> None:
    """Record the read of many objects at once (a list naming cases), one entry per object."""
    where_from = _where_from(request)
    AccessLogEntry.objects.bulk_create(
        [
            AccessLogEntry(
                user=user,
                object_type=object_type,
                object_id=str(object_id),
                case_id=case_id,
                purpose=purpose,
                **where_from,
            )
            for object_id, case_id in rows
        ],
        batch_size=2000,
    )


def change_record_write(
    *,
    user: AbstractBaseUser | None,
    case_id: int | None,
    object_type: str,
    object_id: object,
    action: str,
    changes: dict[str, Any],
) -> ChangeRecord:
    """Record one change, inside the calling service's transaction."""
    return ChangeRecord.objects.create(
        user=user,
        case_id=case_id,
        object_type=object_type,
        object_id=str(object_id),
        action=action,
        changes=changes,
    )


def change_records_write_many(
    *,
    user: AbstractBaseUser | None,
    object_type: str,
    action: str,
    rows: list[tuple[int | None, object, dict[str, Any]]],
) -> None:
    """Record many changes of one kind at once (case id, object id, values), e.g. a payment run."""
    ChangeRecord.objects.bulk_create(
        [
            ChangeRecord(
                user=user,
                case_id=case_id,
                object_type=object_type,
                object_id=str(object_id),
                action=action,
                changes=changes,
            )
            for case_id, object_id, changes in rows
        ],
        batch_size=2000,
    )
