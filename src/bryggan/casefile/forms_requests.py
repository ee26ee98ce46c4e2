"""Forms of requests for documents and preliminary replies (staff side)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from bryggan.casefile.models import DocumentKind
from bryggan.core.forms import MonthField


class DocumentRequestForm(forms.Form):
    what = forms.CharField(
        label=_("Which document"),
        max_length=300,
        help_text=_("Name the document so the applicant knows what to send, e.g. payslip for May."),
    )
    kind = forms.ChoiceField(label=_("Kind of document"), choices=DocumentKind.choices)
    last_day = forms.DateField(label=_("Last day"), widget=forms.DateInput(attrs={"type": "date"}))
    month = MonthField(label=_("Concerns month"), required=False)


class PreliminaryReplyForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the decision is delayed"), widget=forms.Textarea(attrs={"rows": 3})
    )
    decision_by = forms.DateField(
        label=_("Decision expected by"), widget=forms.DateInput(attrs={"type": "date"})
    )
