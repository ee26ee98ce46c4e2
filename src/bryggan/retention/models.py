"""Retention (*gallring*): the research sample the administrator sets, the protocol of each run,
and the anonymised rows the statistics keep of thinned files.

The rule itself is pure: `casefile/rules_retention.py` (SoL (2025:400) 16 kap.). The research
sample of 16 kap. 4 § is data here, not code: socialtjänstförordningen (2025:468) 13 kap. 1 §
names it today, and it has changed before; migration 0001 seeds today's values.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class ResearchBirthDay(models.Model):
    """A day of the month: files of persons born on it are kept for research (16 kap. 4 §)."""

    day = models.PositiveSmallIntegerField(
        _("day of the month"),
        unique=True,
        validators=[MinValueValidator(1), MaxValueValidator(31)],
    )
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("research birth day")
        verbose_name_plural = _("research birth days")
        ordering = ["day"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(day__gte=1, day__lte=31), name="research_birth_day_in_month"
            )
        ]

    def __str__(self) -> str:
        return str(self.day)


class ResearchSampleArea(models.Model):
    """A county (two digits) or a municipality (four digits, SCB's code) in the research sample
    of municipalities: a municipality in it keeps every file (16 kap. 4 §)."""

    code = models.CharField(
        _("county or municipality code"),
        max_length=4,
        unique=True,
        validators=[RegexValidator(r"^(\d{2}|\d{4})$", _("Two digits (county) or four digits."))],
    )
    name = models.CharField(_("name"), max_length=100)
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("research sample area")
        verbose_name_plural = _("research sample areas")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class RetentionProtocol(models.Model):
    """One run of `bryggan retention --execute`: when, by whom, as of which day, how much went."""

    as_of = models.DateField(_("as of"))
    started_at = models.DateTimeField(_("started"))
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    run_by = models.CharField(_("run by"), max_length=150)
    municipality_code = models.CharField(_("municipality code"), max_length=4)
    files_thinned = models.PositiveIntegerField(_("files thinned"), default=0)
    documents_removed = models.PositiveIntegerField(_("stored files removed"), default=0)

    class Meta:
        verbose_name = _("retention protocol")
        verbose_name_plural = _("retention protocols")
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"{self.as_of} ({self.files_thinned})"


class RetentionProtocolRow(models.Model):
    """One case file thinned: which, under which rule, and what went. Names no person."""

    protocol = models.ForeignKey(
        RetentionProtocol,
        verbose_name=_("protocol"),
        on_delete=models.PROTECT,
        related_name="rows",
    )
    case_id = models.BigIntegerField(_("case"))
    case_number = models.CharField(_("case number"), max_length=20)
    unit_name = models.CharField(_("unit"), max_length=100)
    rule = models.CharField(_("rule"), max_length=120)
    last_entry = models.DateField(_("last entry"))
    duty_from = models.DateField(_("duty arose"))
    deadline = models.DateField(_("thinned at the latest"))
    records_removed = models.PositiveIntegerField(_("records removed"))
    documents_removed = models.PositiveIntegerField(_("stored files removed"))
    persons_removed = models.PositiveIntegerField(_("persons removed"))
    statistics_rows_kept = models.PositiveIntegerField(_("anonymised statistics rows kept"))
    thinned_at = models.DateTimeField(_("thinned"))

    class Meta:
        verbose_name = _("thinned case file")
        verbose_name_plural = _("thinned case files")
        ordering = ["protocol", "id"]
        constraints = [
            models.UniqueConstraint(fields=["case_id"], name="a_case_is_thinned_once"),
        ]

    def __str__(self) -> str:
        return f"{self.case_number} {self.rule}"


class RetainedRegisterRow(models.Model):
    """A row of the payment register (`statistics.register.RegisterRow`) of a thinned file, kept
    without identity so that the indicators and the reports count the same after thinning.

    The household and person are the same pseudonymous numbers the register always used (`H<id>`,
    `P<id>`, database ids): after thinning nothing in Bryggan links them to anyone. Birth year and
    role are what the indicators read; no personnummer, name or birth day is kept.
    """

    municipality = models.CharField(_("municipality code"), max_length=4)
    month = models.CharField(_("month"), max_length=7, db_index=True)
    household_number = models.BigIntegerField(_("household (pseudonymous)"))
    person_number = models.BigIntegerField(_("person (pseudonymous)"))
    birth_year = models.PositiveSmallIntegerField(_("birth year"))
    role = models.CharField(_("role"), max_length=20)
    amount = models.PositiveIntegerField(_("amount (kronor)"))
    position = models.PositiveSmallIntegerField(_("order within the household and month"))
    kept_by = models.ForeignKey(
        RetentionProtocol,
        verbose_name=_("protocol"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("anonymised register row")
        verbose_name_plural = _("anonymised register rows")
        ordering = ["month", "household_number", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["month", "household_number", "person_number"],
                name="one_retained_register_row_per_person_and_month",
            )
        ]

    def __str__(self) -> str:
        return f"{self.month} H{self.household_number} P{self.person_number}"
