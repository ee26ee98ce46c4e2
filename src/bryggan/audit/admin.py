"""Read-only admin: the log is append-only."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from bryggan.audit.models import AccessLogEntry, ChangeRecord


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AccessLogEntry)
class AccessLogEntryAdmin(ReadOnlyAdmin):
    list_display = ["at", "user", "object_type", "object_id", "case_id", "purpose", "ip_address"]
    list_filter = ["object_type", "purpose"]


@admin.register(ChangeRecord)
class ChangeRecordAdmin(ReadOnlyAdmin):
    list_display = ["at", "user", "case_id", "object_type", "object_id", "action"]
