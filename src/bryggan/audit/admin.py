"""No admin for the access log or the change history: they name cases and carry case data, and the
Django admin shows no case data (issue 14). A unit manager reads a case's log on the case's own page
(`people:household_access_log`), through a gate that logs that read too.

`ReadOnlyAdmin` stays here for the other apps' settings and reference data."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
