from __future__ import annotations

from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bryggan.followup.models import ClosureReasonChoices
from bryggan.followup.services import CLOSURE_REASON_REQUIRED

CLOSED_IN_FUTURE = _("A case is closed today or on an earlier day.")


class ClosureForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Reason for closing"),
        choices=ClosureReasonChoices.choices,
        widget=forms.RadioSelect,
        error_messages={"required": CLOSURE_REASON_REQUIRED},
    )
    closed_on = forms.DateField(
        label=_("Closed on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=2000
    )

    def clean_closed_on(self) -> date:
        day: date = self.cleaned_data["closed_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(CLOSED_IN_FUTURE)
        return day
