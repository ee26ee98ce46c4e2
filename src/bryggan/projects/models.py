"""Projects (*projekt*) funded from outside ordinary operations — the ESF, a coordination
association (*samordningsförbund*), the municipality — with their participants and outcomes.

Source: Fagersta's *Språnget* (seed report *Att bryta mönster*; shared/data/README.md).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bryggan.activities.models import TargetGroup
from bryggan.core.models import TimeStampedModel
from bryggan.projects.rules import ParticipantOutcome


class FunderKind(models.TextChoices):
    ESF = "esf", _("European Social Fund (ESF)")
    COORDINATION_ASSOCIATION = "coordination_association", _("Coordination association")
    MUNICIPALITY = "municipality", _("The municipality")
    OTHER = "other", _("Other")


class ParticipantOutcomeChoices(models.TextChoices):
    WORK = ParticipantOutcome.WORK.value, _("Work")
    STUDIES = ParticipantOutcome.STUDIES.value, _("Studies")
    OTHER_INCOME = ParticipantOutcome.OTHER_INCOME.value, _("Other income")
    MOVED = ParticipantOutcome.MOVED.value, _("Moved")
    INTERRUPTED = ParticipantOutcome.INTERRUPTED.value, _("Interrupted")
    OTHER = ParticipantOutcome.OTHER.value, _("Other")


class Project(TimeStampedModel):
    """One project of a unit: its funding, period, budget and target group."""

    unit = models.ForeignKey(
        "accounts.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="projects"
    )
    name = models.CharField(_("name"), max_length=200)
    funder_kind = models.CharField(_("funded by"), max_length=30, choices=FunderKind.choices)
    funder_name = models.CharField(_("funder"), max_length=200, blank=True)
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    # Whole kronor, as all money in Bryggan.
    budget = models.PositiveBigIntegerField(_("budget (kr)"))
    spent = models.PositiveBigIntegerField(_("spent (kr)"), null=True, blank=True)
    target_group = models.CharField(
        _("target group"), max_length=20, choices=TargetGroup.choices, default=TargetGroup.ALL
    )
    # Length of the comparison period before the project; empty: as long as the project.
    baseline_months = models.PositiveSmallIntegerField(
        _("comparison period before (months)"), null=True, blank=True
    )
    description = models.TextField(_("description"), blank=True)
    activities = models.ManyToManyField(
        "activities.Activity", verbose_name=_("activities"), blank=True, related_name="projects"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["-starts_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="project_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(baseline_months__isnull=True) | models.Q(baseline_months__gte=1),
                name="project_baseline_at_least_a_month",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Participant(TimeStampedModel):
    """A person's participation in a project, from joining to leaving with an outcome."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.PROTECT, related_name="participants"
    )
    household = models.ForeignKey(
        "people.Household",
        verbose_name=_("household"),
        on_delete=models.PROTECT,
        related_name="project_participations",
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="project_participations",
    )
    joined_on = models.DateField(_("joined"))
    left_on = models.DateField(_("left"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=ParticipantOutcomeChoices.choices, blank=True
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["-joined_on", "-id"]
        indexes = [models.Index(fields=["project", "person"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(left_on__isnull=True)
                | models.Q(left_on__gte=models.F("joined_on")),
                name="participant_leaves_after_joining",
            ),
            # An outcome exactly when the participation has ended.
            models.CheckConstraint(
                condition=models.Q(left_on__isnull=True, outcome="")
                | models.Q(left_on__isnull=False, outcome__in=ParticipantOutcomeChoices.values),
                name="participant_outcome_when_left",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.project}"

    @property
    def is_current(self) -> bool:
        return self.left_on is None
