"""Forms of joint case reviews: parse and validate what was typed; keep it on error."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from bryggan.cooperation.models import PartnerOrganisation
from bryggan.people.models import Person
from bryggan.reviews.models import (
    ActionPartyChoices,
    GroupTargetChoices,
    Meeting,
    ReviewGroup,
    WeekdayChoices,
)
from bryggan.reviews.rules import ActionParty, GroupTarget
from bryggan.reviews.services import ActionInput

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME_WIDGET = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
ACTION_ROWS = 3


class GroupForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    target = forms.ChoiceField(label=_("For whom"), choices=GroupTargetChoices.choices)
    description = forms.CharField(label=_("Description"), max_length=300, required=False)
    organisations = forms.ModelMultipleChoiceField(
        label=_("Member organisations"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    weekday = forms.TypedChoiceField(
        label=_("Meeting day"), choices=WeekdayChoices.choices, coerce=int
    )
    every_weeks = forms.IntegerField(
        label=_("Every how many weeks"), min_value=1, max_value=8, initial=2
    )
    meeting_time = forms.TimeField(label=_("Time"), widget=TIME_WIDGET)
    place = forms.CharField(label=_("Place"), max_length=200)
    active = forms.BooleanField(label=_("Active"), required=False, initial=True)

    def __init__(
        self, *args: Any, organisations: QuerySet[PartnerOrganisation], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = organisations  # type: ignore[attr-defined]

    @classmethod
    def initial_from(cls, group: ReviewGroup) -> dict[str, Any]:
        return {
            "name": group.name,
            "target": group.target,
            "description": group.description,
            "organisations": list(group.organisations.all()),
            "weekday": group.weekday,
            "every_weeks": group.every_weeks,
            "meeting_time": group.meeting_time,
            "place": group.place,
            "active": group.active,
        }

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "target": GroupTarget(data["target"]),
            "description": data["description"],
            "organisations": list(data["organisations"]),
            "weekday": data["weekday"],
            "every_weeks": data["every_weeks"],
            "meeting_time": data["meeting_time"],
            "place": data["place"],
        }


class ScheduleForm(forms.Form):
    first = forms.DateField(label=_("From"), widget=DATE_WIDGET)
    count = forms.IntegerField(label=_("How many meetings"), min_value=1, max_value=26, initial=6)


class MeetingForm(forms.Form):
    on = forms.DateField(label=_("Date"), widget=DATE_WIDGET)
    at = forms.TimeField(label=_("Time"), widget=TIME_WIDGET, required=False)
    place = forms.CharField(label=_("Place"), max_length=200, required=False)


class AgendaForm(forms.Form):
    """Put a member of the case on a coming meeting's agenda (from the case)."""

    meeting = forms.ModelChoiceField(label=_("Meeting"), queryset=None)
    person = forms.ModelChoiceField(label=_("Whose case"), queryset=None)
    question = forms.CharField(label=_("Question for the meeting"), max_length=300, required=False)

    def __init__(
        self,
        *args: Any,
        meetings: QuerySet[Meeting],
        persons: QuerySet[Person],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings  # type: ignore[attr-defined]
        self.fields["person"].queryset = persons  # type: ignore[attr-defined]


class ThreePartyForm(forms.Form):
    person = forms.ModelChoiceField(label=_("The client"), queryset=None)
    partner = forms.ModelChoiceField(label=_("Partner organisation"), queryset=None)
    on = forms.DateField(label=_("Date"), widget=DATE_WIDGET)
    at = forms.TimeField(label=_("Time"), widget=TIME_WIDGET)
    place = forms.CharField(label=_("Place"), max_length=200)

    def __init__(
        self,
        *args: Any,
        persons: QuerySet[Person],
        organisations: QuerySet[PartnerOrganisation],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = persons  # type: ignore[attr-defined]
        self.fields["partner"].queryset = organisations  # type: ignore[attr-defined]


class MinutesForm(forms.Form):
    """What was agreed about one case and up to three actions: who does what by when."""

    agreed = forms.CharField(label=_("What was agreed"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args: Any, organisations: list[PartnerOrganisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", "–"), *((str(o.pk), o.name) for o in organisations)]
        self.organisations = {str(o.pk): o for o in organisations}
        for i in range(1, ACTION_ROWS + 1):
            self.fields[f"action_{i}"] = forms.CharField(
                label=_("Action %(n)s: what") % {"n": i}, max_length=300, required=False
            )
            self.fields[f"action_{i}_party"] = forms.ChoiceField(
                label=_("Action %(n)s: who") % {"n": i},
                choices=ActionPartyChoices.choices,
                required=False,
            )
            self.fields[f"action_{i}_organisation"] = forms.ChoiceField(
                label=_("Action %(n)s: organisation") % {"n": i}, choices=choices, required=False
            )
            self.fields[f"action_{i}_name"] = forms.CharField(
                label=_("Action %(n)s: person responsible") % {"n": i},
                max_length=200,
                required=False,
            )
            self.fields[f"action_{i}_due"] = forms.DateField(
                label=_("Action %(n)s: by when") % {"n": i}, widget=DATE_WIDGET, required=False
            )

    def rows(self) -> list[list[forms.BoundField]]:
        return [
            [
                self[f"action_{i}{suffix}"]
                for suffix in ("", "_party", "_organisation", "_name", "_due")
            ]
            for i in range(1, ACTION_ROWS + 1)
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for i in range(1, ACTION_ROWS + 1):
            if data.get(f"action_{i}") and not data.get(f"action_{i}_due"):
                self.add_error(f"action_{i}_due", _("Give the action's last day."))
            if data.get(f"action_{i}") and not data.get(f"action_{i}_party"):
                self.add_error(f"action_{i}_party", _("Say who does it."))
            if (
                data.get(f"action_{i}")
                and data.get(f"action_{i}_party") == ActionParty.PARTNER.value
                and not data.get(f"action_{i}_organisation")
            ):
                self.add_error(f"action_{i}_organisation", _("Choose the organisation."))
        return data

    def actions(self) -> list[ActionInput]:
        data = self.cleaned_data
        return [
            ActionInput(
                party=ActionParty(data[f"action_{i}_party"]),
                description=data[f"action_{i}"],
                due_on=data[f"action_{i}_due"],
                organisation=self.organisations.get(data[f"action_{i}_organisation"]),
                responsible_name=data[f"action_{i}_name"],
            )
            for i in range(1, ACTION_ROWS + 1)
            if data.get(f"action_{i}")
        ]


class ActionForm(forms.Form):
    """An action not yet done: what, who answers for it, by when (who does it stays)."""

    description = forms.CharField(label=_("What"), max_length=300)
    responsible_name = forms.CharField(
        label=_("Person responsible"), max_length=200, required=False
    )
    due_on = forms.DateField(label=_("By when"), widget=DATE_WIDGET)


class RemoveForm(forms.Form):
    reason = forms.CharField(label=_("Why"), max_length=300)


class PartnerUserForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None)
    username = forms.CharField(label=_("User name"), max_length=150)
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    password = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput(render_value=False),
        help_text=_("At least 12 characters. Give it to the officer in person."),
    )

    def __init__(
        self, *args: Any, organisations: QuerySet[PartnerOrganisation], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
