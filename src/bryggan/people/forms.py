"""The access-log review's filter: parses what the manager typed; keeps it on error."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bryggan.accounts.models import User
from bryggan.core.errors import DomainError
from bryggan.core.parsing import is_ascii_digits
from bryggan.people.rules import parse_identity_number
from bryggan.people.selectors_access_log import PURPOSES

MAX_ID_DIGITS = 9  # longer digit strings are personnummer (10 or 12 digits)
PERIOD_REVERSED = _("The period ends before it starts.")


class AccessLogFilterForm(forms.Form):
    person = forms.CharField(
        label=_("Person"),
        max_length=20,
        required=False,
        help_text=_("Personnummer, or the person's number in Bryggan."),
    )
    user = forms.ModelChoiceField(
        label=_("User"), queryset=User.objects.none(), required=False, empty_label=_("Everyone")
    )
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    purpose = forms.ChoiceField(
        label=_("Purpose"), required=False, choices=[("", _("Any purpose")), *PURPOSES]
    )

    def __init__(self, *args: Any, staff: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = staff  # type: ignore[attr-defined]

    def clean_person(self) -> tuple[int | None, str] | None:
        """(person id, "") for a number of at most nine digits, else (None, the personnummer)."""
        text = self.cleaned_data["person"].strip()
        if not text:
            return None
        if is_ascii_digits(text) and len(text) <= MAX_ID_DIGITS:
            return int(text), ""
        try:
            number = parse_identity_number(text, today=timezone.localdate())
        except DomainError as error:
            raise forms.ValidationError(error.message) from error
        return None, number.number

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", PERIOD_REVERSED)
        return cleaned
