"""The timeline's filter: which kinds of entry, and how many to show (GET, so a filtered timeline
has an address of its own)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from bryggan.casefile.rules_timeline import Kind

PAGE = 100  # entries shown at first, and added by "Show more"


class TimelineFilterForm(forms.Form):
    # The parameters' names are Swedish because they are part of the page's address (?typ=…).
    typ = forms.MultipleChoiceField(
        label=_("Show"),
        choices=Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    antal = forms.IntegerField(min_value=1, required=False, widget=forms.HiddenInput)

    def kinds(self) -> list[str]:
        return self.cleaned_data["typ"] if self.is_valid() else []

    def limit(self) -> int:
        return (self.cleaned_data["antal"] if self.is_valid() else None) or PAGE
