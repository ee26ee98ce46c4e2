"""Calculations saved with a case: the input, the norm year and the itemised result, as computed.

A saved calculation is never changed: a decision shows exactly what was computed, even after a new
year's norm arrives or the engine changes. The input and result are kept in the calculation
contract's JSON shape (contracts/calculate.md), an outside format by design, hence JSON columns.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bryggan.accounts.models import RoleChoices
from bryggan.core.models import TimeStampedModel
from bryggan.core.money import format_kronor
from bryggan.decisions.rules import (
    Outcome,
    RecoveryGround,
    appeal_deadline,
    court_action_last_day,
    is_appealable,
)


class SavedCalculationChangeError(Exception):
    pass


class SavedCalculation(models.Model):
    household = models.ForeignKey(
        "people.Household",
        verbose_name=_("household"),
        on_delete=models.PROTECT,
        related_name="calculations",
    )
    month = models.CharField(_("month"), max_length=7)
    norm_year = models.PositiveIntegerField(_("norm year"))
    amount = models.PositiveIntegerField(_("amount"))
    input = models.JSONField(_("input"))
    result = models.JSONField(_("result"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("calculated by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("calculated"), auto_now_add=True)
    # The case's calculations numbered 1, 2, 3 …: the calculation form carries the number it was
    # opened at, so one saved for the same month meanwhile is not silently superseded
    # (core/locking.py); unique, so two saves at once cannot both take the next number. 0: a row
    # written outside `calculation_save` (test data, a bulk load), which takes no part.
    version = models.PositiveIntegerField(_("version"), default=0)

    class Meta:
        verbose_name = _("saved calculation")
        verbose_name_plural = _("saved calculations")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["household", "month"])]
        constraints = [
            models.UniqueConstraint(
                fields=["household", "version"],
                condition=models.Q(version__gt=0),
                name="calculation_version_once_per_case",
            )
        ]

    def __str__(self) -> str:
        return f"{self.month}: {format_kronor(self.amount)}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise SavedCalculationChangeError("a saved calculation is never changed")
        super().save(*args, **kwargs)


class DecisionKind(models.TextChoices):
    LIVELIHOOD_SUPPORT = "livelihood_support", _("Försörjningsstöd for the month")
    EMERGENCY = "emergency", _("Emergency assistance (akut bistånd)")


class OutcomeChoices(models.TextChoices):
    GRANTED = Outcome.GRANTED.value, _("Granted")
    PARTLY_GRANTED = Outcome.PARTLY_GRANTED.value, _("Partly granted")
    REFUSED = Outcome.REFUSED.value, _("Refused")


class DecisionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SIGNED = "signed", _("Signed")


class DocumentKind(models.TextChoices):
    """*Handlingar* checked before a decision."""

    IDENTITY = "identity", _("Identity")
    RENT_CONTRACT = "rent_contract", _("Rent contract or housing costs")
    BANK_STATEMENTS = "bank_statements", _("Bank statements")
    INCOME_STATEMENTS = "income_statements", _("Income statements")
    AF_REGISTRATION = "af_registration", _("Registration at Arbetsförmedlingen")
    OTHER = "other", _("Other documents")


class DecisionChangeError(Exception):
    pass


class Decision(TimeStampedModel):
    """A decision (*beslut*) on försörjningsstöd for one household and month; fixed once signed."""

    household = models.ForeignKey(
        "people.Household",
        verbose_name=_("household"),
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    month = models.CharField(_("month"), max_length=7)
    kind = models.CharField(_("kind"), max_length=30, choices=DecisionKind.choices)
    outcome = models.CharField(_("outcome"), max_length=20, choices=OutcomeChoices.choices)
    calculation = models.ForeignKey(
        SavedCalculation,
        verbose_name=_("calculation"),
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    calculated_amount = models.PositiveIntegerField(_("calculated amount"))
    amount = models.PositiveIntegerField(_("amount granted"))
    deviation_reason = models.TextField(_("reason for another amount than calculated"), blank=True)
    reasons = models.TextField(_("reasons"))
    documents_checked = models.JSONField(_("documents checked"), default=list)
    personal_visit_held = models.BooleanField(_("personal visit this month"), default=False)
    registered_at_af = models.BooleanField(_("registered at Arbetsförmedlingen"), default=False)
    payee_clearing = models.CharField(_("clearing number"), max_length=5, blank=True)
    payee_account = models.CharField(_("account number"), max_length=20, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=DecisionStatus.choices, default=DecisionStatus.DRAFT
    )
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("corrects"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("drafted by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    signed_at = models.DateTimeField(_("signed"), null=True, blank=True)
    notified_on = models.DateField(
        _("received by the applicant"),
        null=True,
        blank=True,
        help_text=_("The appeal period of three weeks runs from this day (FL 44 §)."),
    )

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-month", "-id"]
        indexes = [
            # A household's decisions for a month: the desk's applications without a decision
            # and the reporting month's standing decisions look them up by these two.
            models.Index(fields=["household", "month"], name="decision_household_month"),
            # The few drafts and the few signed without a receipt date among a unit's many
            # signed decisions, as the desk asks for them.
            models.Index(fields=["status", "notified_on"], name="decision_status_notified"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(outcome=Outcome.REFUSED.value) | models.Q(amount=0),
                name="decision_refused_pays_nothing",
            ),
            models.CheckConstraint(
                condition=models.Q(status=DecisionStatus.DRAFT)
                | models.Q(signed_by__isnull=False, signed_at__isnull=False),
                name="decision_signed_has_signer",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.month} {self.get_outcome_display()} {format_kronor(self.amount)}"

    @property
    def is_signed(self) -> bool:
        return self.status == DecisionStatus.SIGNED

    @property
    def appeal_deadline(self) -> date | None:
        return appeal_deadline(self.notified_on) if self.notified_on else None

    @property
    def appealable(self) -> bool:
        return is_appealable(Outcome(self.outcome))

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            stored = type(self).objects.filter(pk=self.pk).values_list("status", flat=True).first()
            if stored == DecisionStatus.SIGNED:
                raise DecisionChangeError("a signed decision is never changed; make a correction")
        super().save(*args, **kwargs)


class DelegationKind(models.TextChoices):
    """What a delegation rule covers: the decisions on assistance, and those on recovery."""

    LIVELIHOOD_SUPPORT = (
        DecisionKind.LIVELIHOOD_SUPPORT.value,
        DecisionKind.LIVELIHOOD_SUPPORT.label,
    )
    EMERGENCY = DecisionKind.EMERGENCY.value, DecisionKind.EMERGENCY.label
    RECOVERY = "recovery", _("Recovery of wrongly paid assistance (återkrav)")
    RECOVERY_WAIVER = "recovery_waiver", _("Waiver of a recovery claim (eftergift)")


class DelegationRule(models.Model):
    """The unit's *delegationsordning*: which role may decide which kind, up to which amount."""

    unit = models.ForeignKey(
        "accounts.Unit", verbose_name=_("unit"), on_delete=models.CASCADE, related_name="delegation"
    )
    role = models.CharField(_("role"), max_length=20, choices=RoleChoices.choices)
    kind = models.CharField(_("kind"), max_length=30, choices=DelegationKind.choices)
    max_amount = models.PositiveIntegerField(
        _("highest amount"), null=True, blank=True, help_text=_("Empty: no upper limit.")
    )

    class Meta:
        verbose_name = _("delegation rule")
        verbose_name_plural = _("delegation")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "role", "kind"], name="one_rule_per_role_and_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit}: {self.role} {self.kind} ≤ {self.max_amount}"


class PaymentConditions(models.Model):
    """What the unit requires before a decision may be paid (configurable per unit).

    The municipality's own choice, not law: the practices are Borås's payment after a personal
    visit and Haninge's monthly personal application (shared/DESIGN.md, from the seed report).
    """

    unit = models.OneToOneField(
        "accounts.Unit", on_delete=models.CASCADE, related_name="payment_conditions"
    )
    personal_visit = models.BooleanField(
        _("a personal visit in the month"), default=False, help_text=_("As in Borås.")
    )
    monthly_application = models.BooleanField(
        _("an application for the month"), default=True, help_text=_("As in Haninge.")
    )
    af_registration = models.BooleanField(_("registration at Arbetsförmedlingen"), default=False)

    class Meta:
        verbose_name = _("payment conditions")
        verbose_name_plural = _("payment conditions")

    def __str__(self) -> str:
        return str(self.unit)


# --- recovery of wrongly paid assistance (*återkrav*, SoL (2025:400) 33 kap.) --------------------


class RecoveryGroundChoices(models.TextChoices):
    CAUSED = (
        RecoveryGround.CAUSED.value,
        _(
            "Incorrect information, failure to report or otherwise caused "
            "(33 kap. 1 § first paragraph)"
        ),
    )
    SHOULD_HAVE_REALISED = (
        RecoveryGround.SHOULD_HAVE_REALISED.value,
        _("Should reasonably have realised the payment was wrong (33 kap. 1 § second paragraph)"),
    )
    ADVANCE = (
        RecoveryGround.ADVANCE.value,
        _("Advance on a benefit, labour conflict or income not at hand (33 kap. 2 §)"),
    )
    ON_CONDITION = (
        RecoveryGround.ON_CONDITION.value,
        _("Given on condition of repayment (33 kap. 3 §)"),
    )


class RecoveryClaim(TimeStampedModel):
    """An overpayment registered against the payments it concerns (*återkrav*).

    Registered once and never edited: the decision on it, the plan, repayments, waivers and a
    police report are their own rows. Nothing is ever offset against future assistance.
    """

    household = models.ForeignKey(
        "people.Household",
        verbose_name=_("household"),
        on_delete=models.PROTECT,
        related_name="recovery_claims",
    )
    payments = models.ManyToManyField(
        "payments.Payment", verbose_name=_("payments"), related_name="recovery_claims"
    )
    ground = models.CharField(_("ground"), max_length=30, choices=RecoveryGroundChoices.choices)
    facts = models.TextField(_("facts"))
    amount = models.PositiveIntegerField(_("amount claimed"))
    cost_date = models.DateField(
        _("date of the cost"), help_text=_("The earliest payment's payment date.")
    )
    assistance_month = models.CharField(_("month of the assistance"), max_length=7)
    law = models.CharField(_("law"), max_length=30)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("recovery claim")
        verbose_name_plural = _("recovery claims")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="recovery_claim_positive")
        ]

    def __str__(self) -> str:
        return f"{self.assistance_month} {format_kronor(self.amount)}"

    @property
    def court_action_last_day(self) -> date:
        return court_action_last_day(self.cost_date)


class RecoveryDecisionKind(models.TextChoices):
    RECOVERY = "recovery", _("Recovery decision (återkravsbeslut)")
    WAIVER = "recovery_waiver", _("Waiver (eftergift)")


class RecoveryDecision(TimeStampedModel):
    """A decision on a claim: to recover it, or to waive it wholly or in part; fixed once signed."""

    claim = models.ForeignKey(
        RecoveryClaim, verbose_name=_("claim"), on_delete=models.PROTECT, related_name="decisions"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=RecoveryDecisionKind.choices)
    amount = models.PositiveIntegerField(_("amount"))
    reasons = models.TextField(_("reasons"))
    status = models.CharField(
        _("status"), max_length=10, choices=DecisionStatus.choices, default=DecisionStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("drafted by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    signed_at = models.DateTimeField(_("signed"), null=True, blank=True)
    notified_on = models.DateField(_("received by the person"), null=True, blank=True)

    class Meta:
        verbose_name = _("recovery decision")
        verbose_name_plural = _("recovery decisions")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="recovery_decision_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(status=DecisionStatus.DRAFT)
                | models.Q(signed_by__isnull=False, signed_at__isnull=False),
                name="recovery_decision_signed_has_signer",
            ),
            models.UniqueConstraint(
                fields=["claim"],
                condition=models.Q(kind="recovery"),
                name="one_recovery_decision_per_claim",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {format_kronor(self.amount)}"

    @property
    def is_signed(self) -> bool:
        return self.status == DecisionStatus.SIGNED

    @property
    def appeal_deadline(self) -> date | None:
        return appeal_deadline(self.notified_on) if self.notified_on else None

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            stored = type(self).objects.filter(pk=self.pk).values_list("status", flat=True).first()
            if stored == DecisionStatus.SIGNED:
                raise DecisionChangeError("a signed decision is never changed; make a correction")
        super().save(*args, **kwargs)


class RecoveryPlan(models.Model):
    """A repayment plan in instalments agreed with the person; the latest one is in force."""

    claim = models.ForeignKey(
        RecoveryClaim, verbose_name=_("claim"), on_delete=models.PROTECT, related_name="plans"
    )
    total = models.PositiveIntegerField(_("amount to repay"))
    monthly_amount = models.PositiveIntegerField(_("amount per month"))
    first_month = models.CharField(_("first instalment"), max_length=7)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("made"), auto_now_add=True)

    class Meta:
        verbose_name = _("repayment plan")
        verbose_name_plural = _("repayment plans")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(monthly_amount__gt=0), name="recovery_plan_instalment_positive"
            )
        ]

    def __str__(self) -> str:
        return f"{format_kronor(self.monthly_amount)}/mån från {self.first_month}"


class RecoveryRepayment(models.Model):
    claim = models.ForeignKey(
        RecoveryClaim, verbose_name=_("claim"), on_delete=models.PROTECT, related_name="repayments"
    )
    received_on = models.DateField(_("received on"))
    amount = models.PositiveIntegerField(_("amount"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("repayment")
        verbose_name_plural = _("repayments")
        ordering = ["received_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="recovery_repayment_positive"
            )
        ]

    def __str__(self) -> str:
        return f"{self.received_on} {format_kronor(self.amount)}"


class RecoveryPoliceReport(models.Model):
    """A police report of suspected benefit crime (bidragsbrottslagen (2007:612) 6 §)."""

    claim = models.ForeignKey(
        RecoveryClaim,
        verbose_name=_("claim"),
        on_delete=models.PROTECT,
        related_name="police_reports",
    )
    reported_on = models.DateField(_("reported on"))
    police_reference = models.CharField(_("police reference"), max_length=40)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("police report")
        verbose_name_plural = _("police reports")
        ordering = ["reported_on", "id"]

    def __str__(self) -> str:
        return f"{self.reported_on} {self.police_reference}"


# --- appeals (*överklagande*, förvaltningslagen (2017:900) 37–46 §§, FPL 6 b §) -------------------


class AppealStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered: time check and reconsideration")
    DISMISSED = "dismissed", _("Dismissed as late")
    RECONSIDERED = "reconsidered", _("Reconsidered: to forward")
    FORWARDED = "forwarded", _("Forwarded to the court")
    JUDGED = "judged", _("Judged by the court")


class AppealReconsideration(models.TextChoices):
    KEPT = "kept", _("The decision is kept")
    CHANGED = "changed", _("The decision is changed")


class AppealJudgment(models.TextChoices):
    UPHELD = "upheld", _("Upheld: the appeal is rejected")
    CHANGED = "changed", _("Changed: the court changed the decision")
    RETURNED = "returned", _("Returned to the unit for a new assessment")


class AppealSettings(models.Model):
    """A unit's target for forwarding appeals: the law says promptly and sets no number (FPL 6 b
    §); one week is the customary target."""

    unit = models.OneToOneField(
        "accounts.Unit", on_delete=models.CASCADE, related_name="appeal_settings"
    )
    forward_within_days = models.PositiveSmallIntegerField(
        _("forward to the court within (days)"), default=7
    )
    court = models.CharField(_("court"), max_length=100, default="Förvaltningsrätten")

    class Meta:
        verbose_name = _("appeal settings")
        verbose_name_plural = _("appeal settings")

    def __str__(self) -> str:
        return str(self.unit)


class Appeal(TimeStampedModel):
    """An appeal against one decision of the case: on assistance, a reduction, or recovery.

    Exactly one of the three references is set (a database check); the time check is computed
    from the appealed decision's receipt date (`rules_appeals.appeal_time_check`), never stored.
    """

    household = models.ForeignKey(
        "people.Household",
        verbose_name=_("household"),
        on_delete=models.PROTECT,
        related_name="appeals",
    )
    decision = models.ForeignKey(
        Decision,
        verbose_name=_("decision on assistance"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appeals",
    )
    sanction = models.ForeignKey(
        "activities.SanctionProposal",
        verbose_name=_("reduction decision"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appeals",
    )
    recovery_decision = models.ForeignKey(
        RecoveryDecision,
        verbose_name=_("recovery decision"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appeals",
    )
    received_on = models.DateField(_("came in"))
    claims = models.TextField(_("what the appellant asks for"))
    incorrect_instructions = models.BooleanField(
        _("the decision lacked correct appeal instructions"), default=False
    )
    reached_court_on = models.DateField(_("reached the court directly on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=15, choices=AppealStatus.choices, default=AppealStatus.REGISTERED
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    dismissal_reasons = models.TextField(_("reasons for dismissal"), blank=True)
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dismissed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    dismissed_at = models.DateTimeField(_("dismissed"), null=True, blank=True)
    reconsideration = models.CharField(
        _("reconsideration"), max_length=10, choices=AppealReconsideration.choices, blank=True
    )
    reconsideration_reasons = models.TextField(_("reasons of the reconsideration"), blank=True)
    new_decision = models.ForeignKey(
        Decision,
        verbose_name=_("new decision"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The appeal covers the new decision (FL 39 §)."),
    )
    reconsidered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reconsidered by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reconsidered_at = models.DateTimeField(_("reconsidered"), null=True, blank=True)
    statement = models.TextField(_("statement (yttrande)"), blank=True)
    court = models.CharField(_("court"), max_length=100, blank=True)
    forward_target = models.DateField(_("forward by"), null=True, blank=True)
    forwarded_on = models.DateField(_("forwarded"), null=True, blank=True)
    forwarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("forwarded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    judgment = models.CharField(
        _("judgment"), max_length=10, choices=AppealJudgment.choices, blank=True
    )
    judged_on = models.DateField(_("judgment given"), null=True, blank=True)
    court_case_number = models.CharField(_("court case number"), max_length=40, blank=True)
    judgment_note = models.TextField(_("what the court decided"), blank=True)
    judgment_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("judgment recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        ordering = ["-received_on", "-id"]
        indexes = [models.Index(fields=["status", "received_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    decision__isnull=False, sanction__isnull=True, recovery_decision__isnull=True
                )
                | models.Q(
                    decision__isnull=True, sanction__isnull=False, recovery_decision__isnull=True
                )
                | models.Q(
                    decision__isnull=True, sanction__isnull=True, recovery_decision__isnull=False
                ),
                name="appeal_against_exactly_one_decision",
            ),
            models.UniqueConstraint(
                fields=["decision", "received_on"], name="one_appeal_per_decision_and_day"
            ),
            models.UniqueConstraint(
                fields=["sanction", "received_on"], name="one_appeal_per_sanction_and_day"
            ),
            models.UniqueConstraint(
                fields=["recovery_decision", "received_on"],
                name="one_appeal_per_recovery_decision_and_day",
            ),
            # A dismissed appeal never reaches the court; a judgment needs a forwarded appeal.
            models.CheckConstraint(
                condition=~models.Q(status="dismissed") | models.Q(forwarded_on__isnull=True),
                name="appeal_dismissed_not_forwarded",
            ),
            models.CheckConstraint(
                condition=models.Q(judged_on__isnull=True) | models.Q(forwarded_on__isnull=False),
                name="appeal_judged_after_forwarding",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.received_on} {self.get_status_display()}"
