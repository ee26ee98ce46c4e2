"""Forms of the reporting: the reasons for need of a month, making the month's file."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from bryggan.core.forms import MonthField
from bryggan.people.models import HouseholdMember
from bryggan.reporting.codes import CodeList
from bryggan.reporting.services import UNKNOWN_REASON


class MonthForm(forms.Form):
    month = MonthField(label=_("Month"))


def field_name(member: HouseholdMember) -> str:
    return f"reason_{member.person_id}"


class ReasonsForm(forms.Form):
    """One choice of the shipped list per adult of the household in the month."""

    month = MonthField(label=_("Month"), widget=forms.HiddenInput)

    def __init__(
        self,
        *args: Any,
        adults: list[tuple[HouseholdMember, str]],
        reasons: CodeList,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.adults = adults
        grouped: list[tuple[str, Any]] = [("", _("Choose…"))]
        for group, codes in reasons.groups():
            grouped.append((group, [(code.id, code.label) for code in codes]))
        for member, name in adults:
            self.fields[field_name(member)] = forms.ChoiceField(
                label=_("Reason for need: %(name)s") % {"name": name},
                choices=grouped,
                error_messages={"required": UNKNOWN_REASON, "invalid_choice": UNKNOWN_REASON},
            )

    def adult_fields(self) -> list[tuple[HouseholdMember, forms.BoundField]]:
        return [(member, self[field_name(member)]) for member, _name in self.adults]


class SubmitForm(forms.Form):
    month = MonthField(label=_("Month"), widget=forms.HiddenInput)
    accept_warnings = forms.CharField(
        label=_("Comment accepting the warnings"),
        help_text=_("Needed when the month has warnings: why the file is right as it is."),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )
