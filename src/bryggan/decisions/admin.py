from django.contrib import admin

from bryggan.decisions.models import AppealSettings, DelegationRule, PaymentConditions


@admin.register(DelegationRule)
class DelegationRuleAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["unit", "role", "kind", "max_amount"]
    list_filter = ["unit", "role", "kind"]


@admin.register(PaymentConditions)
class PaymentConditionsAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["unit", "personal_visit", "monthly_application", "af_registration"]


@admin.register(AppealSettings)
class AppealSettingsAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["unit", "forward_within_days", "court"]
