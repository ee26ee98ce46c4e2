"""Keeps the måltavla's months with assistance in step when a single payment changes.

Signals, as STYLE.md allows for cache invalidation: the payments app need not know that the
follow-up keeps a derived table. A payment run writes its payments in bulk (no model signal) and
sends `payments_sent` once committed: its payments are read then. The board also calls
`services.assistance_months_refresh` before it counts, for payments written in bulk elsewhere
(the demo, the benchmark); with nothing new that costs one query.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from bryggan.followup.services import assistance_months_refresh, assistance_months_refresh_household
from bryggan.payments.models import Payment, PaymentRun
from bryggan.payments.signals import payments_sent


@receiver(post_save, sender=Payment, dispatch_uid="followup_payment_saved")
@receiver(post_delete, sender=Payment, dispatch_uid="followup_payment_deleted")
def payment_changed(sender: type[Payment], instance: Payment, **kwargs: Any) -> None:
    """A payment returned, reversed, sent again or deleted: its household's months again."""
    if kwargs.get("created"):
        return  # a new payment has a new id: the next refresh reads it
    household_id = instance.decision.household_id
    assistance_months_refresh_household(household_id=household_id)


@receiver(payments_sent, sender=PaymentRun, dispatch_uid="followup_payments_sent")
def payments_run(sender: type[PaymentRun], run: PaymentRun, **kwargs: Any) -> None:
    """A payment run committed: read its payments into the months with assistance now."""
    assistance_months_refresh()
