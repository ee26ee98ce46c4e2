"""Forms of an appeal: register, dismiss, reconsider, forward, judgment. They parse what was
typed; the services decide whether it may be done."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from bryggan.core.money import format_kronor
from bryggan.decisions.models import AppealJudgment, AppealReconsideration, Decision


def _date(label: Any, *, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label, required=required, widget=forms.DateInput(attrs={"type": "date"})
    )


def _text(label: Any, rows: int = 4) -> forms.CharField:
    return forms.CharField(
        label=label, max_length=10_000, widget=forms.Textarea(attrs={"rows": rows})
    )


class _Form(forms.Form):
    """Several of these forms share one page: each gets its own id prefix, so ids stay unique."""

    id_prefix = "appeal"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"id_{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)


class AppealRegisterForm(forms.Form):
    appealed = forms.ChoiceField(label=_("Decision appealed"))
    received_on = _date(_("The appeal came in on"))
    claims = _text(_("What the appellant asks for"))
    incorrect_instructions = forms.BooleanField(
        label=_("The decision's letter lacked correct appeal instructions"), required=False
    )
    reached_court_on = _date(
        _("The appeal reached the administrative court directly on (if so)"), required=False
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["appealed"].choices = [("", "—"), *choices]  # type: ignore[attr-defined]


class AppealDismissForm(_Form):
    id_prefix = "dismiss"
    reasons = _text(_("Reasons for dismissing the appeal"), rows=3)


class NewDecisionChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Decision) -> str:  # type: ignore[override]
        return (
            f"nr {obj.pk} · {obj.month} · {obj.get_outcome_display()} · {format_kronor(obj.amount)}"
        )


class AppealReconsiderForm(_Form):
    id_prefix = "reconsider"
    outcome = forms.ChoiceField(
        label=_("Outcome of the reconsideration"),
        choices=AppealReconsideration.choices,
        widget=forms.RadioSelect,
    )
    reasons = _text(_("Reasons"), rows=3)
    new_decision = NewDecisionChoice(
        label=_("New decision (when changed)"), queryset=Decision.objects.none(), required=False
    )

    def __init__(self, *args: Any, new_decisions: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if new_decisions is not None:
            self.fields["new_decision"].queryset = new_decisions  # type: ignore[attr-defined]


class AppealForwardForm(_Form):
    id_prefix = "forward"
    statement = _text(_("Statement to the court (yttrande)"), rows=6)
    forwarded_on = _date(_("Forwarded on"))


class AppealJudgmentForm(_Form):
    id_prefix = "judgment"
    judgment = forms.ChoiceField(
        label=_("Judgment"), choices=AppealJudgment.choices, widget=forms.RadioSelect
    )
    judged_on = _date(_("Judgment given on"))
    court_case_number = forms.CharField(label=_("Court case number"), max_length=40)
    note = _text(_("What the court decided"), rows=3)
