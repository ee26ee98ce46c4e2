"""Read-mostly admin: writes go through the services."""

from django.contrib import admin

from bryggan.projects.models import Participant, Project


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("name", "unit", "funder_kind", "starts_on", "ends_on", "budget")
    list_filter = ("unit", "funder_kind", "target_group")

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("project", "joined_on", "left_on", "outcome")
    list_filter = ("project", "outcome")

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False
