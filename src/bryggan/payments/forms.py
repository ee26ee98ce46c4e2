from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from bryggan.payments.models import PaymentStatus


class RunForm(forms.Form):
    execution_date = forms.DateField(
        label=_("Payment date"), widget=forms.DateInput(attrs={"type": "date"})
    )


class MarkForm(forms.Form):
    status = forms.ChoiceField(
        label=_("What happened"),
        choices=[(PaymentStatus.RETURNED, _("Returned")), (PaymentStatus.REVERSED, _("Reversed"))],
    )
    on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label=_("Reason"), max_length=300)
