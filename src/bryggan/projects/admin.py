"""Read-only admin of the unit's projects. A project's participants are case data (a household and a
person), which the Django admin never shows (issue 14): they are read on the project's page."""

from django.contrib import admin

from bryggan.audit.admin import ReadOnlyAdmin
from bryggan.projects.models import Project


@admin.register(Project)
class ProjectAdmin(ReadOnlyAdmin):
    list_display = ("name", "unit", "funder_kind", "starts_on", "ends_on", "budget")
    list_filter = ("unit", "funder_kind", "target_group")
