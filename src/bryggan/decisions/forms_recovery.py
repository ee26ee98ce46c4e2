"""Forms of a recovery claim: register an overpayment, decide, plan, repayment, waiver, police
report. They parse what was typed; the services decide whether it may be done."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from bryggan.core.forms import MonthField
from bryggan.core.money import format_kronor
from bryggan.decisions.models import RecoveryGroundChoices
from bryggan.payments.models import Payment


def _date(label: Any) -> forms.DateField:
    return forms.DateField(label=label, widget=forms.DateInput(attrs={"type": "date"}))


def _kronor(label: Any) -> forms.IntegerField:
    return forms.IntegerField(label=label, min_value=1, max_value=10_000_000)


class _Form(forms.Form):
    """Several of these forms share one page: each gets its own id prefix, so ids stay unique."""

    id_prefix = "claim"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"id_{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)


class PaymentChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Payment) -> str:  # type: ignore[override]
        return (
            f"{obj.run.execution_date:%Y-%m-%d} · {obj.decision.month} · "
            f"{format_kronor(obj.amount)} · {obj.get_status_display()}"
        )


class RecoveryClaimForm(forms.Form):
    payments = PaymentChoice(
        label=_("Payments the overpayment concerns"),
        queryset=Payment.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    ground = forms.ChoiceField(
        label=_("Ground"), choices=RecoveryGroundChoices.choices, widget=forms.RadioSelect
    )
    facts = forms.CharField(
        label=_("Facts (what was paid wrongly and why)"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    amount = _kronor(_("Amount to recover (kronor)"))

    def __init__(self, *args: Any, payments: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["payments"].queryset = payments  # type: ignore[attr-defined]


class RecoveryDecisionForm(_Form):
    id_prefix = "decision"
    reasons = forms.CharField(
        label=_("Reasons for the decision"), widget=forms.Textarea(attrs={"rows": 4})
    )


class RecoveryWaiverForm(_Form):
    id_prefix = "waiver"
    amount = _kronor(_("Amount to waive (kronor)"))
    reasons = forms.CharField(
        label=_("Reasons for waiving"), widget=forms.Textarea(attrs={"rows": 3})
    )


class RecoveryPlanForm(_Form):
    id_prefix = "plan"
    monthly_amount = _kronor(_("Amount per month (kronor)"))
    first_month = MonthField(label=_("First instalment"))


class RecoveryRepaymentForm(_Form):
    id_prefix = "repayment"
    received_on = _date(_("Received on"))
    amount = _kronor(_("Amount received (kronor)"))


class RecoveryPoliceReportForm(_Form):
    id_prefix = "police"
    reported_on = _date(_("Reported to the police on"))
    police_reference = forms.CharField(label=_("The police's reference"), max_length=40)


class RecoveryReceivedForm(_Form):
    id_prefix = "received"
    received_on = _date(_("Received by the person on"))
