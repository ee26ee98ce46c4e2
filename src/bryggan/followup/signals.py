"""Keeps the måltavla's months with assistance in step when a single payment changes.

A signal, as STYLE.md allows for cache invalidation: the payments app need not know that the
follow-up keeps a derived table. Payments written in bulk by a payment run send no signal; the
board reads them through `services.assistance_months_refresh` before it counts.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from bryggan.followup.services import assistance_months_refresh_household
from bryggan.payments.models import Payment


@receiver(post_save, sender=Payment, dispatch_uid="followup_payment_saved")
@receiver(post_delete, sender=Payment, dispatch_uid="followup_payment_deleted")
def payment_changed(sender: type[Payment], instance: Payment, **kwargs: Any) -> None:
    """A payment returned, reversed, sent again or deleted: its household's months again."""
    if kwargs.get("created"):
        return  # a new payment has a new id: the next refresh reads it
    household_id = instance.decision.household_id
    assistance_months_refresh_household(household_id=household_id)
