"""One entered riksnorm table per year, kept in the shipped files' document shape."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EnteredRiksnorm(models.Model):
    year = models.PositiveIntegerField(_("year"), unique=True)
    # The table as the norm files hold it (year, source, personal_costs, …): validated on entry by
    # the same function that checks the shipped files, so one format serves both.
    document = models.JSONField(_("table"))
    decreases_confirmed = models.BooleanField(_("decreases confirmed"), default=False)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    entered_at = models.DateTimeField(_("entered"), auto_now_add=True)

    class Meta:
        verbose_name = _("entered riksnorm")
        verbose_name_plural = _("entered riksnorm tables")
        ordering = ["-year"]

    def __str__(self) -> str:
        return str(self.year)
