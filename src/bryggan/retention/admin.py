"""Admin: the research sample of SoL (2025:400) 16 kap. 4 § is edited here (the days of birth and
the counties and municipalities that keep their files); the protocols are listed read-only. The
protocol names cases by number and unit, never a person."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from bryggan.retention.models import (
    ResearchBirthDay,
    ResearchSampleArea,
    RetentionProtocol,
    RetentionProtocolRow,
)


@admin.register(ResearchBirthDay)
class ResearchBirthDayAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["day", "source"]


@admin.register(ResearchSampleArea)
class ResearchSampleAreaAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["code", "name", "source"]


class ProtocolRowInline(admin.TabularInline):  # type: ignore[type-arg]
    model = RetentionProtocolRow
    extra = 0
    can_delete = False
    fields = [
        "case_number",
        "unit_name",
        "rule",
        "last_entry",
        "duty_from",
        "deadline",
        "records_removed",
        "documents_removed",
        "statistics_rows_kept",
    ]
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(RetentionProtocol)
class RetentionProtocolAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["as_of", "started_at", "run_by", "files_thinned", "documents_removed"]
    inlines = [ProtocolRowInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
