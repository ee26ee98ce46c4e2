"""Kommunicering's forms: parse what was typed and keep it on error; the rules judge it."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from bryggan.casefile.models import KommuniceringException, KommuniceringMethod
from bryggan.casefile.rules_kommunicering import Basis
from bryggan.casefile.services_kommunicering import KommuniceringInput

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class KommuniceringForm(forms.Form):
    basis = forms.ChoiceField(
        label=_("What is recorded"),
        choices=[
            (Basis.COMMUNICATED, _("The material was communicated to the client")),
            (Basis.EXCEPTION, _("An exception of förvaltningslagen 25 § applies")),
        ],
        widget=forms.RadioSelect,
        required=False,
    )
    material = forms.CharField(
        label=_("Material communicated"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("What the decision rests on that the client has not seen (in the letter)."),
    )
    method = forms.ChoiceField(
        label=_("How"),
        choices=[("", "–"), *KommuniceringMethod.choices],
        required=False,
    )
    sent_on = forms.DateField(label=_("Sent or given on"), widget=DATE_WIDGET, required=False)
    answer_by = forms.DateField(label=_("Last day to answer"), widget=DATE_WIDGET, required=False)
    answered_on = forms.DateField(
        label=_("Answered on"),
        widget=DATE_WIDGET,
        required=False,
        help_text=_("Only if the client has already answered."),
    )
    answer = forms.CharField(
        label=_("The answer"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("In writing or orally (SoL 14 kap. 8 §)."),
    )
    exception = forms.ChoiceField(
        label=_("Exception"),
        choices=[("", "–"), *KommuniceringException.choices],
        required=False,
    )
    exception_reason = forms.CharField(
        label=_("Why the exception applies"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def given(self) -> KommuniceringInput:
        data = self.cleaned_data
        return KommuniceringInput(
            basis=Basis(data["basis"]) if data["basis"] else None,
            material=data["material"],
            method=data["method"],
            sent_on=data["sent_on"],
            answer_by=data["answer_by"],
            answered_on=data["answered_on"],
            answer=data["answer"],
            exception=data["exception"],
            exception_reason=data["exception_reason"],
        )


class AnswerForm(forms.Form):
    answered_on = forms.DateField(label=_("Answered on"), widget=DATE_WIDGET)
    answer = forms.CharField(
        label=_("The answer"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("In writing or orally (SoL 14 kap. 8 §)."),
    )
