"""The applicant's own sign-in (*Mina sidor*): one account per person, made at first sign-in.

An applicant is a `User` of role applicant tied to one `Person`; the person comes from the
identity provider's personnummer claim, never from anything the applicant types.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ApplicantAccount(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.PROTECT,
        related_name="applicant_account",
    )
    person = models.OneToOneField(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="applicant_account",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("applicant account")
        verbose_name_plural = _("applicant accounts")

    def __str__(self) -> str:
        return str(self.person)


# --- applying online (issue 17: a first application and the monthly renewal) ---------------------


class OnlineApplicationKind(models.TextChoices):
    FIRST = "first", _("First application")
    RENEWAL = "renewal", _("Renewal")


class LineKind(models.TextChoices):
    COST = "cost", _("Cost")
    INCOME = "income", _("Income")


class OnlineApplication(models.Model):
    """What an applicant sent through My pages for one month: the intake's application row (made
    by `intake.services.application_register`), the lines as typed and the preliminary amount.

    One per household and month, and one per idempotency key, so a double submission makes one.
    The calculation input is kept in the calculation contract's JSON shape (contracts/
    calculate.md), as `decisions.SavedCalculation` keeps it: the caseworker's calculation starts
    from exactly what the applicant's preliminary calculation used.
    """

    application = models.OneToOneField(
        "intake.Application",
        verbose_name=_("application"),
        on_delete=models.PROTECT,
        related_name="online",
    )
    household = models.ForeignKey(
        "people.Household",
        verbose_name=_("household"),
        on_delete=models.PROTECT,
        related_name="online_applications",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=OnlineApplicationKind.choices)
    month = models.CharField(_("month applied for"), max_length=7)
    submitted_at = models.DateTimeField(_("submitted"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    idempotency_key = models.UUIDField(_("submission key"), unique=True)
    previous_decision = models.ForeignKey(
        "decisions.Decision",
        verbose_name=_("last month's decision"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    household_change_reported = models.BooleanField(_("the household has changed"), default=False)
    household_change_text = models.TextField(_("what changed in the household"), blank=True)
    calculation_input = models.JSONField(_("calculation input"))
    preliminary_amount = models.PositiveIntegerField(_("preliminary amount"), null=True, blank=True)

    class Meta:
        verbose_name = _("online application")
        verbose_name_plural = _("online applications")
        ordering = ["-submitted_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["household", "month"], name="one_online_application_per_month"
            )
        ]

    def __str__(self) -> str:
        return f"{self.month} ({self.get_kind_display()})"


class ApplicationLine(models.Model):
    """One cost or income of an online application, with last month's amount (None: new) and
    the document uploaded for it, if any."""

    online_application = models.ForeignKey(
        OnlineApplication,
        verbose_name=_("online application"),
        on_delete=models.CASCADE,
        related_name="lines",
    )
    position = models.PositiveSmallIntegerField(_("position"))
    kind = models.CharField(_("kind"), max_length=10, choices=LineKind.choices)
    type = models.CharField(_("type"), max_length=40)
    member = models.CharField(_("whose"), max_length=20, blank=True)
    amount = models.PositiveIntegerField(_("amount"))
    previous_amount = models.PositiveIntegerField(_("last month"), null=True, blank=True)
    note = models.CharField(_("what it is"), max_length=200, blank=True)
    document = models.ForeignKey(
        "casefile.Document",
        verbose_name=_("document"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("application line")
        verbose_name_plural = _("application lines")
        ordering = ["online_application", "position"]

    def __str__(self) -> str:
        return f"{self.type} {self.amount}"


class NoticeChannel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    SMS = "sms", _("Text message (SMS)")
    NONE = "none", _("No notices")


class ContactDetails(models.Model):
    """Where the applicant wants the notice that there is news on My pages. The notice never
    carries personal data, only that there is news (`notify.py`)."""

    person = models.OneToOneField(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="contact_details",
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("mobile phone"), max_length=20, blank=True)
    notify_by = models.CharField(
        _("notices by"), max_length=10, choices=NoticeChannel.choices, default=NoticeChannel.EMAIL
    )

    class Meta:
        verbose_name = _("contact details")
        verbose_name_plural = _("contact details")

    def __str__(self) -> str:
        return str(self.person)


class AppealFromApplicant(models.Model):
    """An appeal the applicant sent from a decision on My pages (the appeal itself is a
    `decisions.Appeal`, registered on the day it was sent)."""

    appeal = models.OneToOneField(
        "decisions.Appeal",
        verbose_name=_("appeal"),
        on_delete=models.PROTECT,
        related_name="from_applicant",
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("sent by"),
        on_delete=models.PROTECT,
        related_name="appeals_sent",
    )
    sent_at = models.DateTimeField(_("sent"))

    class Meta:
        verbose_name = _("appeal sent on My pages")
        verbose_name_plural = _("appeals sent on My pages")

    def __str__(self) -> str:
        return f"{self.appeal_id} {self.sent_at:%Y-%m-%d}"
