"""Read-only admin: closures and follow-ups are written by `followup.services` only."""

from __future__ import annotations

from django.contrib import admin

from bryggan.audit.admin import ReadOnlyAdmin
from bryggan.followup.models import Closure, ReturnFollowUp


@admin.register(Closure)
class ClosureAdmin(ReadOnlyAdmin):
    list_display = ["household", "closed_on", "reason", "closed_by"]
    list_filter = ["reason"]


@admin.register(ReturnFollowUp)
class ReturnFollowUpAdmin(ReadOnlyAdmin):
    list_display = ["closure", "outcome", "returned_on", "checked_on"]
    list_filter = ["outcome"]
