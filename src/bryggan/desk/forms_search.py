"""The search box: the text is checked by `rules_search.parse_search`, and kept as typed."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class SearchForm(forms.Form):
    # The field takes any length: the rule gives the message for too long, instead of a browser
    # silently cutting what was pasted.
    q = forms.CharField(
        label=_("Personnummer, case number or name"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
