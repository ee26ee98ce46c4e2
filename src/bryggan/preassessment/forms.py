"""The caseworker's forms on proposals: the decision drafted from one, and signing several."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from bryggan.decisions.forms import DecisionForm
from bryggan.decisions.rules import Outcome
from bryggan.preassessment.services import DecisionInput


class ProposalDecisionForm(DecisionForm):
    """The decisions app's form, without the calculation (the renewal's own is saved) and the
    kind (a renewal is försörjningsstöd for the month)."""

    carry_over_reasons_for_need = forms.BooleanField(
        label=_("Record last month's reason for need for each adult who has none for this month"),
        required=False,
    )

    def __init__(self, *args: Any, household_id: int, **kwargs: Any) -> None:
        super().__init__(*args, household_id=household_id, **kwargs)
        del self.fields["calculation"]
        del self.fields["kind"]

    def decision_input(self) -> DecisionInput:
        data = self.cleaned_data
        return DecisionInput(
            outcome=Outcome(data["outcome"]),
            amount=data["amount"],
            deviation_reason=data["deviation_reason"],
            reasons=data["reasons"],
            documents_checked=data["documents_checked"],
            personal_visit_held=data["personal_visit_held"],
            registered_at_af=data["registered_at_af"],
            clearing=data["clearing"],
            account=data["account"],
            carry_over_reasons_for_need=data["carry_over_reasons_for_need"],
        )


def decision_input_from_initial(initial: dict[str, Any]) -> DecisionInput:
    """The proposal's prefilled decision, unchanged (signing several at once)."""
    return DecisionInput(
        outcome=Outcome(initial["outcome"]),
        amount=initial["amount"],
        deviation_reason="",
        reasons=initial["reasons"],
        documents_checked=list(initial["documents_checked"]),
        personal_visit_held=initial["personal_visit_held"],
        registered_at_af=initial["registered_at_af"],
        clearing=initial["clearing"],
        account=initial["account"],
        carry_over_reasons_for_need=True,
    )
