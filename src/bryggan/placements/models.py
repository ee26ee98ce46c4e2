"""Selection groups (*urvalsgrupp*) and the placements they decide together: proposals, one vote
per member organisation, the individual written agreement, follow-ups and the outcome.

Sources: Fagersta's *Kommunbryggan* (seed report *Att bryta mönster*); the rules in
`placements.rules`. The own municipality is always a member of its unit's group: its vote is the
row whose organisation is empty.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bryggan.core.models import TimeStampedModel
from bryggan.placements.rules import Outcome, PlacementKind


class PlacementKindChoices(models.TextChoices):
    SUBSIDISED_JOB = PlacementKind.SUBSIDISED_JOB.value, _("Measure employment (extratjänst)")
    WORK_PRACTICE = PlacementKind.WORK_PRACTICE.value, _("Work practice")
    EDUCATION_WITH_PRACTICE = (
        PlacementKind.EDUCATION_WITH_PRACTICE.value,
        _("Education with practice"),
    )


class OutcomeChoices(models.TextChoices):
    WORK = Outcome.WORK.value, _("Work")
    STUDIES = Outcome.STUDIES.value, _("Studies")
    BACK_TO_ASSISTANCE = Outcome.BACK_TO_ASSISTANCE.value, _("Back to assistance")
    ENDED_EARLY = Outcome.ENDED_EARLY.value, _("Ended early")


class SelectionGroup(TimeStampedModel):
    """A unit's selection group: the own municipality and its member organisations (neighbouring
    municipalities, Arbetsförmedlingen…), and whether a union must confirm each placement."""

    unit = models.ForeignKey(
        "accounts.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="selection_groups",
    )
    name = models.CharField(_("name"), max_length=200)
    members = models.ManyToManyField(
        "cooperation.PartnerOrganisation",
        verbose_name=_("member organisations"),
        related_name="selection_groups",
    )
    union_confirmation = models.BooleanField(
        _("the union confirms that no ordinary job is displaced"), default=False
    )
    union = models.ForeignKey(
        "cooperation.PartnerOrganisation",
        verbose_name=_("union"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="confirming_groups",
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("selection group")
        verbose_name_plural = _("selection groups")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "name"], name="selection_group_unique_name"),
            models.CheckConstraint(
                condition=models.Q(union_confirmation=False) | models.Q(union__isnull=False),
                name="selection_group_union_when_confirming",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Placement(TimeStampedModel):
    """A placement proposed to a selection group for a client.

    The parties who must approve are fixed when it is proposed (`parties`, `union`): a later
    change of the group does not change what a proposal already sent needs.
    """

    group = models.ForeignKey(
        SelectionGroup,
        verbose_name=_("selection group"),
        on_delete=models.PROTECT,
        related_name="placements",
    )
    household = models.ForeignKey(
        "people.Household",
        verbose_name=_("case"),
        on_delete=models.PROTECT,
        related_name="group_placements",
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("participant"),
        on_delete=models.PROTECT,
        related_name="group_placements",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=PlacementKindChoices.choices)
    offer = models.ForeignKey(
        "employers.Offer",
        verbose_name=_("employer's offer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="group_placements",
    )
    workplace = models.CharField(_("employer and workplace"), max_length=200)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    hours_per_week = models.PositiveSmallIntegerField(_("hours per week"))
    content = models.TextField(_("content"))
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    proposed_for = models.ForeignKey(
        "cooperation.PartnerOrganisation",
        verbose_name=_("proposed by organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    parties = models.ManyToManyField(
        "cooperation.PartnerOrganisation",
        verbose_name=_("member organisations"),
        related_name="group_placements",
    )
    union = models.ForeignKey(
        "cooperation.PartnerOrganisation",
        verbose_name=_("confirming union"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="confirmed_placements",
    )
    started_on = models.DateField(_("started"), null=True, blank=True)
    ended_on = models.DateField(_("ended"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=30, choices=OutcomeChoices.choices, blank=True
    )
    outcome_note = models.CharField(_("note"), max_length=300, blank=True)
    employer_placement = models.OneToOneField(
        "employers.Placement",
        verbose_name=_("placement in the employer network"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="group_placement",
    )

    class Meta:
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="group_placement_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True, outcome="")
                | models.Q(
                    ended_on__isnull=False,
                    started_on__isnull=False,
                    outcome__in=OutcomeChoices.values,
                ),
                name="group_placement_outcome_when_ended",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.workplace}"


class PlacementVote(models.Model):
    """One member organisation's approval or rejection, with its reason. An empty organisation is
    the own municipality. Written once, never changed."""

    placement = models.ForeignKey(
        Placement, verbose_name=_("placement"), on_delete=models.PROTECT, related_name="votes"
    )
    organisation = models.ForeignKey(
        "cooperation.PartnerOrganisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    approve = models.BooleanField(_("approves"))
    reason = models.TextField(_("reason"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("when"))

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        ordering = ["at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["placement", "organisation"], name="placement_vote_once_per_organisation"
            ),
            models.UniqueConstraint(
                fields=["placement"],
                condition=models.Q(organisation__isnull=True),
                name="placement_vote_once_for_own_municipality",
            ),
            models.CheckConstraint(
                condition=models.Q(approve=True) | ~models.Q(reason=""),
                name="placement_vote_rejection_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.placement_id}: {self.organisation or '-'} {self.approve}"


class PlacementAgreement(TimeStampedModel):
    """The individual written agreement: goal, content, follow-up dates and the consequences of
    breaking it; signed by the participant, the signed form filed among the case's documents."""

    placement = models.OneToOneField(
        Placement,
        verbose_name=_("placement"),
        on_delete=models.PROTECT,
        related_name="agreement",
    )
    goal = models.TextField(_("goal"))
    content = models.TextField(_("content"))
    consequences = models.TextField(_("consequences of breaking the agreement"))
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    signed_on = models.DateField(_("signed"), null=True, blank=True)
    document = models.ForeignKey(
        "casefile.Document",
        verbose_name=_("signed agreement"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    signature_registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signature registered by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("individual agreement")
        verbose_name_plural = _("individual agreements")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(signed_on__isnull=True, document__isnull=True)
                | models.Q(signed_on__isnull=False, document__isnull=False),
                name="placement_agreement_signed_form_on_file",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.placement}"


class PlacementFollowUp(models.Model):
    """A follow-up date of the agreement, and what was found when it was held."""

    placement = models.ForeignKey(
        Placement,
        verbose_name=_("placement"),
        on_delete=models.PROTECT,
        related_name="follow_ups",
    )
    due_on = models.DateField(_("date"))
    held_on = models.DateField(_("held"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    held_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("held by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["due_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["placement", "due_on"], name="placement_follow_up_once_a_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.placement_id} {self.due_on:%Y-%m-%d}"
