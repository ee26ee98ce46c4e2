"""The unit's sanction rule is set by the administrator as the committee adopted it."""

from django.contrib import admin

from bryggan.activities.models import SanctionRule


@admin.register(SanctionRule)
class SanctionRuleAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["unit", "percent_per_absence", "max_percent", "source"]
