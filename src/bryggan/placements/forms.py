"""Forms of placements: parse and validate what was typed; keep it on error."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from bryggan.placements.models import OutcomeChoices, PlacementKindChoices, SelectionGroup
from bryggan.placements.rules import Outcome, PlacementKind

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
BAD_DATE = _("Write each date as YYYY-MM-DD, one per line: %(value)s")


class GroupForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    members = forms.ModelMultipleChoiceField(
        label=_("Member organisations (besides the own municipality)"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    union_confirmation = forms.BooleanField(
        label=_("A union must confirm that no ordinary job is displaced"), required=False
    )
    union = forms.ModelChoiceField(label=_("Union"), queryset=None, required=False)
    active = forms.BooleanField(label=_("Active"), required=False, initial=True)

    def __init__(self, *args: Any, organisations: Any, unions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["union"].queryset = unions  # type: ignore[attr-defined]

    @staticmethod
    def initial_from(group: SelectionGroup) -> dict[str, Any]:
        return {
            "name": group.name,
            "members": list(group.members.all()),
            "union_confirmation": group.union_confirmation,
            "union": group.union,
            "active": group.active,
        }

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "members": list(data["members"]),
            "union_confirmation": data["union_confirmation"],
            "union": data["union"],
        }


class ProposalForm(forms.Form):
    group = forms.ModelChoiceField(label=_("Selection group"), queryset=None)
    person = forms.ModelChoiceField(label=_("Participant"), queryset=None)
    kind = forms.ChoiceField(label=_("Kind of placement"), choices=PlacementKindChoices.choices)
    offer = forms.ModelChoiceField(
        label=_("At an offer of the employer network"), queryset=None, required=False
    )
    workplace = forms.CharField(
        label=_("Employer and workplace"),
        max_length=200,
        required=False,
        help_text=_("Empty: the employer of the offer."),
    )
    starts_on = forms.DateField(label=_("From"), widget=DATE_WIDGET)
    ends_on = forms.DateField(label=_("To"), widget=DATE_WIDGET)
    hours_per_week = forms.IntegerField(label=_("Hours per week"), min_value=1, max_value=40)
    content = forms.CharField(label=_("Content of the placement"), widget=forms.Textarea)

    def __init__(
        self, *args: Any, groups: Any, persons: Any, offers: Any | None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups  # type: ignore[attr-defined]
        self.fields["person"].queryset = persons  # type: ignore[attr-defined]
        if offers is None:
            del self.fields["offer"]
        else:
            self.fields["offer"].queryset = offers  # type: ignore[attr-defined]
            self.fields["offer"].label_from_instance = lambda o: f"{o.employer.name}: {o.title}"  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("workplace") and not data.get("offer") and "workplace" not in self.errors:
            self.add_error("workplace", _("Name the employer and workplace, or choose an offer."))
        return data

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "group": data["group"],
            "person": data["person"],
            "kind": PlacementKind(data["kind"]),
            "offer": data.get("offer"),
            "workplace": data["workplace"],
            "starts_on": data["starts_on"],
            "ends_on": data["ends_on"],
            "hours_per_week": data["hours_per_week"],
            "content": data["content"],
        }


class VoteForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("yes", _("Approve")), ("no", _("Reject"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Required when rejecting."),
    )


def _dates(text: str) -> list[date]:
    found = []
    for raw in text.replace(",", "\n").split():
        try:
            found.append(date.fromisoformat(raw.strip()))
        except ValueError as error:
            raise ValidationError(BAD_DATE, params={"value": raw}) from error
    return found


class AgreementForm(forms.Form):
    goal = forms.CharField(label=_("Goal"), widget=forms.Textarea(attrs={"rows": 2}))
    content = forms.CharField(label=_("Content"), widget=forms.Textarea(attrs={"rows": 3}))
    follow_up_dates = forms.CharField(
        label=_("Follow-up dates"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One date a line, YYYY-MM-DD, within the placement's period."),
    )
    consequences = forms.CharField(
        label=_("Consequences of breaking the agreement"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_follow_up_dates(self) -> list[date]:
        return _dates(self.cleaned_data["follow_up_dates"])


class SignedForm(forms.Form):
    signed_on = forms.DateField(label=_("Signed on"), widget=DATE_WIDGET)
    signed_form = forms.FileField(
        label=_("The signed agreement (PDF or image)"),
        help_text=_("Filed among the case's documents."),
    )


class StartForm(forms.Form):
    started_on = forms.DateField(label=_("Start date"), widget=DATE_WIDGET)


class FollowUpForm(forms.Form):
    held_on = forms.DateField(label=_("Held on"), widget=DATE_WIDGET)
    note = forms.CharField(label=_("What was found"), widget=forms.Textarea(attrs={"rows": 2}))


class EndForm(forms.Form):
    ended_on = forms.DateField(label=_("End date"), widget=DATE_WIDGET)
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=OutcomeChoices.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def outcome_value(self) -> Outcome:
        return Outcome(self.cleaned_data["outcome"])
