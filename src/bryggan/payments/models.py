"""Payment runs and payments (*utbetalningar*): every decision paid exactly once.

The database holds the invariant as well as the code: a decision has at most one payment that
stands (sent, not returned or reversed), whatever runs at the same time.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bryggan.core.money import format_kronor


class RunKind(models.TextChoices):
    MONTHLY = "monthly", _("Monthly payment run")
    EMERGENCY = "emergency", _("Emergency payment")


class PaymentRun(models.Model):
    """One pain.001 file: the payments it holds were made in the same transaction as the file."""

    kind = models.CharField(_("kind"), max_length=20, choices=RunKind.choices)
    message_id = models.CharField(_("message id"), max_length=35, unique=True)
    execution_date = models.DateField(_("payment date"))
    payment_count = models.PositiveIntegerField(_("payments"))
    total = models.PositiveBigIntegerField(_("total (kronor)"))
    file = models.BinaryField(_("pain.001 file"))
    checksum = models.CharField(_("SHA-256"), max_length=64)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("run by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("run"), auto_now_add=True)

    class Meta:
        verbose_name = _("payment run")
        verbose_name_plural = _("payment runs")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.message_id


class PaymentStatus(models.TextChoices):
    SENT = "sent", _("Sent")
    RETURNED = "returned", _("Returned (e.g. closed account)")
    REVERSED = "reversed", _("Reversed")


class Payment(models.Model):
    decision = models.ForeignKey(
        "decisions.Decision",
        verbose_name=_("decision"),
        on_delete=models.PROTECT,
        related_name="payments",
    )
    run = models.ForeignKey(PaymentRun, on_delete=models.PROTECT, related_name="payments")
    amount = models.PositiveIntegerField(_("amount"))
    clearing = models.CharField(_("clearing number"), max_length=5)
    account = models.CharField(_("account number"), max_length=20)
    end_to_end_id = models.CharField(_("reference"), max_length=35, unique=True)
    status = models.CharField(
        _("status"), max_length=10, choices=PaymentStatus.choices, default=PaymentStatus.SENT
    )
    status_changed_on = models.DateField(_("returned or reversed on"), null=True, blank=True)
    status_reason = models.CharField(_("reason"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["-run__created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["decision"],
                condition=models.Q(status="sent"),
                name="one_standing_payment_per_decision",
            ),
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="payment_amount_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.end_to_end_id}: {format_kronor(self.amount)}"
