"""The second factor's code, as the authenticator app shows it."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

WRONG_CODE = _("The code is wrong or too old. Type the code the app shows now.")


class TotpCodeForm(forms.Form):
    token = forms.CharField(
        label=_("Code from the authenticator app"),
        max_length=8,
        min_length=6,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "pattern": "[0-9]*"}
        ),
    )
