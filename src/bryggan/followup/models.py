"""Closures of cases with their reason (*avslutsorsak*) and the 12-month return follow-up.

A closure is history: reopening the case (the household applies again) leaves it in place, and a
case closed twice has two closures. Source: Trelleborg's follow-up of those who left for work or
studies (seed report *Att bryta mönster*; shared/data/README.md).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bryggan.followup.rules import ClosureReason, ReturnOutcome


class ClosureReasonChoices(models.TextChoices):
    WORK = ClosureReason.WORK.value, _("Work")
    STUDIES = ClosureReason.STUDIES.value, _("Studies")
    OTHER_INCOME = (
        ClosureReason.OTHER_INCOME.value,
        _("Other income (e.g. sickness or activity compensation)"),
    )
    MOVED = ClosureReason.MOVED.value, _("Moved")
    OTHER = ClosureReason.OTHER.value, _("Other")


class ReturnOutcomeChoices(models.TextChoices):
    RETURNED = ReturnOutcome.RETURNED.value, _("Returned")
    STAYED_SELF_SUFFICIENT = ReturnOutcome.STAYED_SELF_SUFFICIENT.value, _("Stayed self-sufficient")


class Closure(models.Model):
    """One closing of a case, with the reason and the date."""

    household = models.ForeignKey(
        "people.Household",
        verbose_name=_("household"),
        on_delete=models.PROTECT,
        related_name="closures",
    )
    closed_on = models.DateField(_("closed"))
    reason = models.CharField(_("reason"), max_length=20, choices=ClosureReasonChoices.choices)
    note = models.TextField(_("note"), blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("closure")
        verbose_name_plural = _("closures")
        ordering = ["-closed_on", "-id"]
        indexes = [models.Index(fields=["reason", "closed_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(reason__in=ClosureReasonChoices.values),
                name="closure_has_a_known_reason",
            )
        ]

    def __str__(self) -> str:
        return f"{self.closed_on} {self.get_reason_display()}"


class ReturnFollowUp(models.Model):
    """Twelve months after a closure to work or studies: did the household apply again?"""

    closure = models.OneToOneField(
        Closure, verbose_name=_("closure"), on_delete=models.PROTECT, related_name="follow_up"
    )
    outcome = models.CharField(_("outcome"), max_length=30, choices=ReturnOutcomeChoices.choices)
    returned_on = models.DateField(_("applied again"), null=True, blank=True)
    checked_on = models.DateField(_("checked"))

    class Meta:
        verbose_name = _("return follow-up")
        verbose_name_plural = _("return follow-ups")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(outcome=ReturnOutcome.RETURNED.value, returned_on__isnull=False)
                | models.Q(
                    outcome=ReturnOutcome.STAYED_SELF_SUFFICIENT.value, returned_on__isnull=True
                ),
                name="return_follow_up_returned_has_a_date",
            )
        ]

    def __str__(self) -> str:
        return f"{self.closure}: {self.get_outcome_display()}"
