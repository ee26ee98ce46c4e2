"""Reasons for need per adult and month, the unit's reporting settings, the archive of sent files.

Source: HSLF-FS 2015:30 3–4 §§ (monthly report to Socialstyrelsen); Socialstyrelsen, Frågor och svar
för uppgiftslämnare: the reason for need (*försörjningshinder*) is recorded per adult at every
application.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReasonForNeed(models.Model):
    """One adult's reason for need in one assessed month of a case (a code of the shipped list)."""

    household = models.ForeignKey(
        "people.Household",
        verbose_name=_("household"),
        on_delete=models.PROTECT,
        related_name="reasons_for_need",
    )
    month = models.CharField(_("month"), max_length=7)
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="reasons_for_need",
    )
    code = models.CharField(_("reason for need"), max_length=60)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded"))

    class Meta:
        verbose_name = _("reason for need")
        verbose_name_plural = _("reasons for need")
        ordering = ["-month", "person_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["household", "month", "person"], name="one_reason_per_adult_and_month"
            )
        ]

    def __str__(self) -> str:
        return f"{self.month} {self.person_id}: {self.code}"


class ReportingSettings(models.Model):
    """From which month a unit's decisions need every adult's reason for need before signing.

    A unit that starts using Bryggan has months decided before it recorded reasons; the check in
    `decision_sign` applies from this month on. Without a row the check applies to every month.
    """

    unit = models.OneToOneField(
        "accounts.Unit",
        verbose_name=_("unit"),
        on_delete=models.CASCADE,
        related_name="reporting_settings",
    )
    reasons_required_from = models.CharField(
        _("reasons for need required from month"),
        max_length=7,
        help_text=_("YYYY-MM: decisions for this month and later need every adult's reason."),
    )

    class Meta:
        verbose_name = _("reporting settings")
        verbose_name_plural = _("reporting settings")

    def __str__(self) -> str:
        return f"{self.unit}: {self.reasons_required_from}"


class ReportSubmission(models.Model):
    """One file produced for Socialstyrelsen: a month's version, as sent, with its checksum."""

    month = models.CharField(_("month"), max_length=7)
    version = models.PositiveIntegerField(_("version"))
    municipality_code = models.CharField(_("municipality code"), max_length=4)
    content = models.TextField(_("file"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    household_count = models.PositiveIntegerField(_("households"))
    total_paid = models.PositiveBigIntegerField(_("paid (kronor)"))
    accepted_warnings = models.JSONField(_("accepted warnings"), default=list)
    warnings_comment = models.TextField(_("comment on the warnings"), blank=True)
    diff = models.JSONField(_("difference from the previous version"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("made by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("made"))

    class Meta:
        verbose_name = _("report file")
        verbose_name_plural = _("report files")
        ordering = ["-month", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["month", "version"], name="one_file_per_month_version")
        ]

    def __str__(self) -> str:
        return f"{self.month} v{self.version}"

    @property
    def file_name(self) -> str:
        return f"ekb-{self.municipality_code}-{self.month}-v{self.version}.txt"
