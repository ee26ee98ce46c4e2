"""The case file in the admin: the unit's settings only; case records are written by services."""

from django.contrib import admin

from bryggan.casefile.models import CaseFileSettings


@admin.register(CaseFileSettings)
class CaseFileSettingsAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["unit", "assessment_required_before_first_decision"]
