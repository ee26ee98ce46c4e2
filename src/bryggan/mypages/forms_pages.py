"""Forms of the applicant's own pages: plain Swedish labels, what was typed kept on error."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from bryggan.mypages.models import NoticeChannel


class RequestUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Choose the file"),
        help_text=_("A PDF, or a photo as JPEG or PNG. At most 20 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )


class AppealForm(forms.Form):
    claims = forms.CharField(
        label=_("What do you want changed, and why?"),
        help_text=_("Write how you want the decision changed and why you think it is wrong."),
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class AbsenceForm(forms.Form):
    day = forms.DateField(
        label=_("Which day are you away?"), widget=forms.DateInput(attrs={"type": "date"})
    )
    reason = forms.CharField(
        label=_("Why are you away?"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1000
    )


class ContactForm(forms.Form):
    notify_by = forms.ChoiceField(
        label=_("How do you want to know that there is news?"),
        choices=NoticeChannel.choices,
        widget=forms.RadioSelect,
    )
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Mobile phone"), max_length=20, required=False)
