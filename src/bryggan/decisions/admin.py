from django.contrib import admin

from bryggan.decisions.models import DelegationRule, PaymentConditions


@admin.register(DelegationRule)
class DelegationRuleAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["unit", "role", "kind", "max_amount"]
    list_filter = ["unit", "role", "kind"]


@admin.register(PaymentConditions)
class PaymentConditionsAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["unit", "personal_visit", "monthly_application", "af_registration"]
