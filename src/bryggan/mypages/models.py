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
