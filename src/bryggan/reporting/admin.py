"""Admin: the unit's reporting settings are edited here; reasons and files are read-only."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from bryggan.reporting.models import ReasonForNeed, ReportingSettings, ReportSubmission


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(ReportingSettings)
class ReportingSettingsAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["unit", "reasons_required_from"]


@admin.register(ReasonForNeed)
class ReasonForNeedAdmin(ReadOnlyAdmin):
    list_display = ["household", "month", "person", "code", "recorded_by", "recorded_at"]
    list_filter = ["code"]


@admin.register(ReportSubmission)
class ReportSubmissionAdmin(ReadOnlyAdmin):
    list_display = ["month", "version", "created_at", "created_by", "household_count", "sha256"]
    exclude = ["content"]
