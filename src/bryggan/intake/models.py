"""Applications (*ansökan*) and first meetings (*första besök*)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bryggan.core.models import TimeStampedModel
from bryggan.intake.rules import Track, is_meeting_late


class Channel(models.TextChoices):
    E_SERVICE = "e_service", _("E-service")
    IN_PERSON = "in_person", _("In person")
    MAIL = "mail", _("Mail")
    PHONE = "phone", _("Phone")


class TrackChoices(models.TextChoices):
    STANDARD = Track.STANDARD.value, _("Standard")
    YOUTH = Track.YOUTH.value, _("Youth track (18–24)")


class Application(TimeStampedModel):
    """One household's application for one month."""

    household = models.ForeignKey(
        "people.Household",
        verbose_name=_("household"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    month = models.CharField(_("month applied for"), max_length=7)
    received_at = models.DateTimeField(_("received"))
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    track = models.CharField(_("track"), max_length=10, choices=TrackChoices.choices)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-received_at"]
        constraints = [
            models.UniqueConstraint(fields=["household", "month"], name="one_application_per_month")
        ]

    def __str__(self) -> str:
        return f"{self.month}"


class MeetingStatus(models.TextChoices):
    BOOKED = "booked", _("Booked")
    HELD = "held", _("Held")
    MISSED = "missed", _("Did not come")


class FirstMeeting(TimeStampedModel):
    """The first meeting after an application: caseworker and work coach together."""

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="first_meeting"
    )
    starts_at = models.DateTimeField(_("time"), db_index=True)
    deadline = models.DateField(_("deadline"))
    caseworker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("caseworker"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    work_coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("work coach"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.BOOKED
    )

    class Meta:
        verbose_name = _("first meeting")
        verbose_name_plural = _("first meetings")
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["status", "deadline"])]

    @property
    def booked_after_deadline(self) -> bool:
        return is_meeting_late(self.starts_at, self.deadline, tz=ZoneInfo(settings.TIME_ZONE))
