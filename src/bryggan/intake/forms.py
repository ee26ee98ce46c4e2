"""The intake form: parses and validates what the caseworker typed; keeps it on error."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from bryggan.accounts.models import Unit, User
from bryggan.accounts.roles import Role
from bryggan.core.errors import DomainError
from bryggan.core.forms import MonthField
from bryggan.intake.models import Channel
from bryggan.people.rules import parse_identity_number
from bryggan.people.services import PersonInput

NAMES_REQUIRED = _("Give both first and last name.")
CHILD_LINE = _("Line {line}: {error}")
CHILD_FORMAT = _("write the personnummer, first name and last name")


class ApplicationForm(forms.Form):
    received_at = forms.DateTimeField(
        label=_("Received"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    month = MonthField(label=_("Month applied for"))
    applicant_identity = forms.CharField(
        label=_("Applicant's personnummer"),
        max_length=20,
        help_text=_("YYYYMMDD-NNNN; a samordningsnummer also works."),
    )
    applicant_first_name = forms.CharField(label=_("First name"), max_length=100)
    applicant_last_name = forms.CharField(label=_("Last name"), max_length=100)
    applicant_address = forms.CharField(label=_("Address"), max_length=300, required=False)
    applicant_protected = forms.BooleanField(label=_("Protected identity"), required=False)
    co_applicant_identity = forms.CharField(
        label=_("Co-applicant's personnummer"),
        max_length=20,
        required=False,
        help_text=_("Spouse or sambo, if any."),
    )
    co_applicant_first_name = forms.CharField(label=_("First name"), max_length=100, required=False)
    co_applicant_last_name = forms.CharField(label=_("Last name"), max_length=100, required=False)
    children = forms.CharField(
        label=_("Children living at home"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One child per line: personnummer, first name, last name."),
    )
    caseworker = forms.ModelChoiceField(
        label=_("Caseworker"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("The least loaded caseworker"),
    )
    confirm_over_cap = forms.BooleanField(
        label=_("Assign even though the caseload cap is passed"), required=False
    )

    def __init__(self, *args: Any, unit: Unit, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["caseworker"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            unit=unit, role=Role.CASEWORKER, is_active=True
        ).order_by("last_name", "first_name")
        self.fields["caseworker"].label_from_instance = lambda u: u.get_full_name() or u.username  # type: ignore[attr-defined]

    def _identity(self, field: str) -> Any:
        text = self.cleaned_data.get(field, "")
        if not text:
            return None
        try:
            return parse_identity_number(text, today=self.today)
        except DomainError as error:
            raise forms.ValidationError(error.message) from error

    def clean_applicant_identity(self) -> Any:
        return self._identity("applicant_identity")

    def clean_co_applicant_identity(self) -> Any:
        return self._identity("co_applicant_identity")

    def clean_children(self) -> list[PersonInput]:
        children = []
        for number, line in enumerate(self.cleaned_data.get("children", "").splitlines(), start=1):
            if not line.strip():
                continue
            parts = line.replace(",", " ").split()
            if len(parts) < 3:  # noqa: PLR2004 - number, first name, last name
                raise forms.ValidationError(CHILD_LINE.format(line=number, error=CHILD_FORMAT))
            try:
                identity = parse_identity_number(parts[0], today=self.today)
            except DomainError as error:
                raise forms.ValidationError(
                    CHILD_LINE.format(line=number, error=error.message)
                ) from error
            children.append(
                PersonInput(identity=identity, first_name=parts[1], last_name=" ".join(parts[2:]))
            )
        return children

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("co_applicant_identity") and not (
            data.get("co_applicant_first_name") and data.get("co_applicant_last_name")
        ):
            self.add_error("co_applicant_first_name", NAMES_REQUIRED)
        return data

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        co_applicant = None
        if data["co_applicant_identity"]:
            co_applicant = PersonInput(
                identity=data["co_applicant_identity"],
                first_name=data["co_applicant_first_name"],
                last_name=data["co_applicant_last_name"],
            )
        return {
            "received_at": data["received_at"],
            "channel": Channel(data["channel"]),
            "month": data["month"],
            "applicant": PersonInput(
                identity=data["applicant_identity"],
                first_name=data["applicant_first_name"],
                last_name=data["applicant_last_name"],
                protected_identity=data["applicant_protected"],
                address=data["applicant_address"],
            ),
            "co_applicant": co_applicant,
            "children": data["children"],
            "caseworker": data["caseworker"],
            "allow_over_cap": data["confirm_over_cap"],
        }


class MeetingMarkForm(forms.Form):
    status = forms.ChoiceField(
        choices=[("held", _("Held")), ("missed", _("Did not come"))], widget=forms.HiddenInput
    )
