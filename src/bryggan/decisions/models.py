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
from bryggan.decisions.rules import Outcome, appeal_deadline, is_appealable


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

    class Meta:
        verbose_name = _("saved calculation")
        verbose_name_plural = _("saved calculations")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["household", "month"])]

    def __str__(self) -> str:
        return f"{self.month}: {self.amount} kr"

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
        return f"{self.month} {self.get_outcome_display()} {self.amount} kr"

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


class DelegationRule(models.Model):
    """The unit's *delegationsordning*: which role may decide which kind, up to which amount."""

    unit = models.ForeignKey(
        "accounts.Unit", verbose_name=_("unit"), on_delete=models.CASCADE, related_name="delegation"
    )
    role = models.CharField(_("role"), max_length=20, choices=RoleChoices.choices)
    kind = models.CharField(_("kind"), max_length=30, choices=DecisionKind.choices)
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
