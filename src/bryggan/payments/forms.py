from __future__ import annotations

from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bryggan.core.calendar import is_working_day
from bryggan.payments.models import PaymentStatus

NOT_A_BANK_DAY = _("Payments are made on a working day, today or later.")


class RunForm(forms.Form):
    execution_date = forms.DateField(
        label=_("Payment date"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean_execution_date(self) -> date:
        day: date = self.cleaned_data["execution_date"]
        if day < timezone.localdate() or not is_working_day(day):
            raise forms.ValidationError(NOT_A_BANK_DAY)
        return day


class MarkForm(forms.Form):
    status = forms.ChoiceField(
        label=_("What happened"),
        choices=[(PaymentStatus.RETURNED, _("Returned")), (PaymentStatus.REVERSED, _("Reversed"))],
    )
    on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label=_("Reason"), max_length=300)
