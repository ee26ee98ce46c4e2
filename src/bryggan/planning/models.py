"""Action plans (*handlingsplaner*): one per person, versioned, each version signed by the client
and then locked; follow-ups booked and held.

Sources: SoL (2001:453) 4 kap. 4 §; SoL (2025:400) 12 kap. 4 §; Huddinge's youth practice (the
young adult writes their own plan) in the seed report.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bryggan.core.errors import DomainError
from bryggan.core.models import TimeStampedModel
from bryggan.planning.rules import VERSION_LOCKED, Author


class Goal(models.TextChoices):
    WORK = "work", _("Work")
    STUDIES = "studies", _("Studies")
    OTHER_INCOME = "other_income", _("Other income (e.g. sickness compensation)")


class WrittenBy(models.TextChoices):
    CASEWORKER = Author.CASEWORKER.value, _("Caseworker")
    WORK_COACH = Author.WORK_COACH.value, _("Work coach")
    CLIENT = Author.CLIENT.value, _("The client (young adult)")


class SignedHow(models.TextChoices):
    IN_MEETING = "in_meeting", _("In the meeting, recorded by staff")
    E_SERVICE = "e_service", _("In the e-service")


class Responsible(models.TextChoices):
    CLIENT = "client", _("The client")
    CASEWORKER = "caseworker", _("Caseworker")
    WORK_COACH = "work_coach", _("Work coach")
    OTHER = "other", _("Other party")


class ActionPlan(TimeStampedModel):
    """The plan of one person, made in one case (household)."""

    household = models.ForeignKey(
        "people.Household",
        verbose_name=_("household"),
        on_delete=models.PROTECT,
        related_name="action_plans",
    )
    person = models.OneToOneField(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="action_plan",
    )
    # Advanced by every new version; the new-version form carries it (core/locking.py).
    version = models.PositiveIntegerField(_("version"), default=0)

    class Meta:
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")

    def __str__(self) -> str:
        return f"{_('Action plan')}: {self.person}"


class PlanVersion(TimeStampedModel):
    """One version of a plan; locked once signed (every change is a new version)."""

    plan = models.ForeignKey(
        ActionPlan, verbose_name=_("plan"), on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    goal = models.CharField(_("goal"), max_length=20, choices=Goal.choices)
    goal_text = models.TextField(_("the goal in words"), blank=True)
    consequences = models.TextField(_("if the plan is not kept"), blank=True)
    written_by = models.CharField(_("written by"), max_length=20, choices=WrittenBy.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    signed_at = models.DateTimeField(_("signed"), null=True, blank=True)
    signed_how = models.CharField(
        _("signed how"), max_length=20, choices=SignedHow.choices, blank=True
    )
    signature_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signature recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("plan version")
        verbose_name_plural = _("plan versions")
        ordering = ["plan", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="one_plan_version_number"),
            models.CheckConstraint(
                condition=models.Q(signed_at__isnull=True, signed_how="")
                | models.Q(signed_at__isnull=False) & ~models.Q(signed_how=""),
                name="signed_version_says_how",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan} v{self.number}"

    @property
    def is_locked(self) -> bool:
        return self.signed_at is not None

    def save(self, *args: Any, **kwargs: Any) -> None:
        # The last line of defence; services check first and give the user the reason.
        if self.pk and type(self).objects.filter(pk=self.pk, signed_at__isnull=False).exists():
            raise DomainError(VERSION_LOCKED)
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        if self.is_locked:
            raise DomainError(VERSION_LOCKED)
        return super().delete(*args, **kwargs)


class PlanStep(models.Model):
    """A step of a version: what, who does it, and by when."""

    version = models.ForeignKey(
        PlanVersion, verbose_name=_("version"), on_delete=models.CASCADE, related_name="steps"
    )
    position = models.PositiveSmallIntegerField(_("order"))
    description = models.CharField(_("step or activity"), max_length=300)
    responsible = models.CharField(_("who"), max_length=20, choices=Responsible.choices)
    due_on = models.DateField(_("by when"), null=True, blank=True)

    class Meta:
        verbose_name = _("plan step")
        verbose_name_plural = _("plan steps")
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "position"], name="one_step_per_position")
        ]

    def __str__(self) -> str:
        return self.description

    def save(self, *args: Any, **kwargs: Any) -> None:
        if PlanVersion.objects.filter(pk=self.version_id, signed_at__isnull=False).exists():
            raise DomainError(VERSION_LOCKED)
        super().save(*args, **kwargs)


class FollowUp(TimeStampedModel):
    """A booked follow-up of the plan; missed when its due date passes without it being held or
    cancelled (`rules.is_missed`). A cancelled one is neither due nor missed."""

    plan = models.ForeignKey(
        ActionPlan, verbose_name=_("plan"), on_delete=models.PROTECT, related_name="follow_ups"
    )
    due_on = models.DateField(_("due"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    held_on = models.DateField(_("held"), null=True, blank=True)
    held_note = models.CharField(_("what came of it"), max_length=300, blank=True)
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("booked by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    held_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("held by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # A follow-up that will not happen is cancelled, never deleted: it stays in the plan's history.
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cancelled by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["held_on", "due_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(held_on__isnull=True) | models.Q(cancelled_at__isnull=True),
                name="followup_not_both_held_and_cancelled",
            ),
            # A cancellation says who cancelled and why; an open or held follow-up says neither.
            models.CheckConstraint(
                condition=models.Q(
                    cancelled_at__isnull=True, cancelled_by__isnull=True, cancel_reason=""
                )
                | models.Q(cancelled_at__isnull=False, cancelled_by__isnull=False)
                & ~models.Q(cancel_reason=""),
                name="followup_cancellation_is_complete",
            ),
        ]

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None
