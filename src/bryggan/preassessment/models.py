"""Pre-assessment proposals (*förhandsbedömning*): the published checks' results for a renewal, a
proposed amount, and what the caseworker decided. A proposal decides nothing.

The unit's settings are Bryggan's own defaults, not taken from any source: each municipality sets
its own (the 10 % sample is the issue's default, the thresholds and period are placeholders to be
decided by the board).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from bryggan.preassessment.rules import CheckOutcome, ProposalOutcome


class PreassessmentSettings(models.Model):
    """The unit's choices for pre-assessment. Without a row the defaults apply."""

    unit = models.OneToOneField(
        "accounts.Unit",
        verbose_name=_("unit"),
        on_delete=models.CASCADE,
        related_name="preassessment_settings",
    )
    sample_share_percent = models.PositiveSmallIntegerField(
        _("share of all-passed proposals assessed in full anyway (%)"),
        default=10,
        validators=[MaxValueValidator(100)],
    )
    cost_threshold = models.PositiveIntegerField(
        _("largest change of a cost that passes (kr)"), default=200
    )
    amount_threshold = models.PositiveIntegerField(
        _("largest change of the amount from last month that passes (kr)"), default=500
    )
    children_assessment_months = models.PositiveSmallIntegerField(
        _("months within which a household with children is assessed"), default=6
    )
    plan_required = models.BooleanField(_("a current signed plan is required"), default=True)

    class Meta:
        verbose_name = _("pre-assessment settings")
        verbose_name_plural = _("pre-assessment settings")

    def __str__(self) -> str:
        return str(self.unit)


class ProposalOutcomeChoices(models.TextChoices):
    ALL_PASSED = ProposalOutcome.ALL_PASSED.value, _("All checks passed")
    NEEDS_ASSESSMENT = ProposalOutcome.NEEDS_ASSESSMENT.value, _("Needs assessment")
    SAMPLE = ProposalOutcome.SAMPLE.value, _("All passed, chosen for full assessment (sample)")


class CheckOutcomeChoices(models.TextChoices):
    PASSED = CheckOutcome.PASSED.value, _("Passed")
    FAILED = CheckOutcome.FAILED.value, _("Did not pass")
    UNKNOWN = CheckOutcome.UNKNOWN.value, _("Not known: a caseworker checks")


class Proposal(models.Model):
    """The pre-assessment of one renewal, made once at submission with the rule set's version."""

    online_application = models.OneToOneField(
        "mypages.OnlineApplication",
        verbose_name=_("application"),
        on_delete=models.PROTECT,
        related_name="proposal",
    )
    household = models.ForeignKey(
        "people.Household",
        verbose_name=_("household"),
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    month = models.CharField(_("month"), max_length=7)
    outcome = models.CharField(_("proposal"), max_length=20, choices=ProposalOutcomeChoices.choices)
    proposed_amount = models.PositiveIntegerField(_("proposed amount"), null=True, blank=True)
    last_amount = models.PositiveIntegerField(_("last month's amount"), null=True, blank=True)
    ruleset_version = models.CharField(_("rule set version"), max_length=40)
    ruleset_fingerprint = models.CharField(_("rule set fingerprint"), max_length=16)
    submitted_at = models.DateTimeField(_("submitted"))
    created_at = models.DateTimeField(_("pre-assessed"))
    decision = models.OneToOneField(
        "decisions.Decision",
        verbose_name=_("decision"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposal",
    )
    decided_amount = models.PositiveIntegerField(_("decided amount"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("pre-assessment proposal")
        verbose_name_plural = _("pre-assessment proposals")
        ordering = ["submitted_at", "id"]
        indexes = [models.Index(fields=["decided_at", "submitted_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(decision__isnull=True, decided_at__isnull=True)
                | models.Q(decision__isnull=False, decided_at__isnull=False),
                name="proposal_decided_has_decision",
            )
        ]

    def __str__(self) -> str:
        return f"{self.month} {self.get_outcome_display()}"

    @property
    def all_passed(self) -> bool:
        return self.outcome == ProposalOutcome.ALL_PASSED


class ProposalCheck(models.Model):
    """One published check's result on a proposal; `details` are the lines behind it (kind,
    type, member, before, after), a small list of known shape kept as the rule returned it."""

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="checks"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    rule = models.CharField(_("check"), max_length=40)
    outcome = models.CharField(_("result"), max_length=10, choices=CheckOutcomeChoices.choices)
    details = models.JSONField(_("details"), default=list)

    class Meta:
        verbose_name = _("check result")
        verbose_name_plural = _("check results")
        ordering = ["proposal", "position"]

    def __str__(self) -> str:
        return f"{self.rule}: {self.outcome}"


class ProposalShown(models.Model):
    """That a caseworker was shown a proposal's summary: signing several at once needs it."""

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="shown"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    shown_at = models.DateTimeField(_("shown"))

    class Meta:
        verbose_name = _("proposal shown")
        verbose_name_plural = _("proposals shown")
        constraints = [
            models.UniqueConstraint(fields=["proposal", "user"], name="proposal_shown_once")
        ]

    def __str__(self) -> str:
        return f"{self.proposal_id} {self.user_id}"
