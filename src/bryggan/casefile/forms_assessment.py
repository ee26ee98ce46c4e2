"""The structured assessment's form: parse what was typed and keep it on error."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from bryggan.casefile.models import BenefitStatus, WorkLineFact
from bryggan.casefile.services_assessment import AssessmentContent

NOT_YET = [("", _("Not yet recorded"))]


def _text(label: str, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=help_text,
    )


def _benefit(label: str) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=NOT_YET + BenefitStatus.choices, required=False)


def _fact(label: str) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=NOT_YET + WorkLineFact.choices, required=False)


class AssessmentForm(forms.Form):
    """Every section may be saved half-written; signing checks that it is complete."""

    household_text = _text(_("Household and housing"))
    income_text = _text(_("Income, assets and other benefits"))
    housing_allowance = _benefit(_("Bostadsbidrag (housing allowance)"))
    maintenance_support = _benefit(_("Underhållsstöd (maintenance support)"))
    unemployment_benefit = _benefit(_("A-kassa (unemployment insurance)"))
    sickness_benefit = _benefit(_("Sickness benefit (sjukpenning)"))
    health_text = _text(_("Health and ability to work"))
    registered_at_af = _fact(_("Registered at Arbetsförmedlingen"))
    sfi = _fact(_("Studies Swedish for immigrants (SFI)"))
    work_line_text = _text(_("The work-line situation"))
    children_text = _text(
        _("The children's situation and how their best interest was considered"),
        _("Required when the household has children (SoL 3 kap. 1 §)."),
    )
    conclusion = _text(_("The assessment"), _("The conclusion: required before signing."))

    def content(self) -> AssessmentContent:
        return AssessmentContent(**{name: self.cleaned_data[name] for name in self.fields})
