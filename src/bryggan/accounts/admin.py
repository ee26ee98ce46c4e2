from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from bryggan.accounts.models import ClaimMapping, Unit, User


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "caseload_cap"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):  # type: ignore[type-arg]
    list_display = ["username", "first_name", "last_name", "role", "unit", "is_active"]
    list_filter = ["role", "unit", "is_active"]
    fieldsets = (
        *BaseUserAdmin.fieldsets,  # type: ignore[misc]
        (_("Role in Bryggan"), {"fields": ("role", "unit", "sees_protected_identity")}),
    )
    add_fieldsets = (
        *BaseUserAdmin.add_fieldsets,
        (_("Role in Bryggan"), {"fields": ("role", "unit", "sees_protected_identity")}),
    )


@admin.register(ClaimMapping)
class ClaimMappingAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """The groups at the municipality's identity provider and the role and unit each gives
    (OpenID Connect sign-in, `accounts/rules_oidc.py`)."""

    list_display = ["claim_value", "role", "unit", "sees_protected_identity"]
    list_filter = ["role", "unit"]
    search_fields = ["claim_value"]
