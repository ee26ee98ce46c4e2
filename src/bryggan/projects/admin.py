"""Read-only admin: writes go through the services, with their history rows."""

from django.contrib import admin

from bryggan.audit.admin import ReadOnlyAdmin
from bryggan.projects.models import Participant, Project


@admin.register(Project)
class ProjectAdmin(ReadOnlyAdmin):
    list_display = ("name", "unit", "funder_kind", "starts_on", "ends_on", "budget")
    list_filter = ("unit", "funder_kind", "target_group")


@admin.register(Participant)
class ParticipantAdmin(ReadOnlyAdmin):
    list_display = ("project", "joined_on", "left_on", "outcome")
    list_filter = ("project", "outcome")
