"""Calculations saved with a case: the input, the norm year and the itemised result, as computed.

A saved calculation is never changed: a decision shows exactly what was computed, even after a new
year's norm arrives or the engine changes. The input and result are kept in the calculation
contract's JSON shape (contracts/calculate.md), an outside format by design, hence JSON columns.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SavedCalculationChangeError(Exception):
    pass


class SavedCalculation(models.Model):
    household = models.ForeignKey(
        "people.Household",
        verbose_name=_("household"),
        on_delete=models.PROTECT,
        related_name="calculations",
    )
    month = models.CharField(_("month"), max_length=7)
    norm_year = models.PositiveIntegerField(_("norm year"))
    amount = models.PositiveIntegerField(_("amount"))
    input = models.JSONField(_("input"))
    result = models.JSONField(_("result"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("calculated by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("calculated"), auto_now_add=True)

    class Meta:
        verbose_name = _("saved calculation")
        verbose_name_plural = _("saved calculations")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["household", "month"])]

    def __str__(self) -> str:
        return f"{self.month}: {self.amount} kr"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise SavedCalculationChangeError("a saved calculation is never changed")
        super().save(*args, **kwargs)
