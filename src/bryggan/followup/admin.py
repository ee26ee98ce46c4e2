"""Read-only admin: closures and follow-ups are written by `followup.services` only."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from bryggan.followup.models import Closure, ReturnFollowUp


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Closure)
class ClosureAdmin(ReadOnlyAdmin):
    list_display = ["household", "closed_on", "reason", "closed_by"]
    list_filter = ["reason"]


@admin.register(ReturnFollowUp)
class ReturnFollowUpAdmin(ReadOnlyAdmin):
    list_display = ["closure", "outcome", "returned_on", "checked_on"]
    list_filter = ["outcome"]
