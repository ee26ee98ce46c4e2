"""Admin: the unit's reporting settings are edited here; the files sent are listed read-only,
without their content. The reasons for need are case data (a household and a person), which the
Django admin never shows (issue 14)."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from bryggan.reporting.models import ReportingSettings, ReportSubmission


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


@admin.register(ReportSubmission)
class ReportSubmissionAdmin(ReadOnlyAdmin):
    list_display = ["month", "version", "created_at", "created_by", "household_count", "sha256"]
    exclude = ["content"]  # the file names every person in it
