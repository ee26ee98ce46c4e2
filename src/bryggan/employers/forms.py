"""Forms of the employer network: parse what was typed, keep it on error; the rules (organisation
number, period, places) are checked by the services and shown beside their field."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from bryggan.activities.forms import person_name
from bryggan.employers import rules
from bryggan.employers.models import (
    ClientProfile,
    Employer,
    EmployerContact,
    FieldChoices,
    LanguageChoices,
    Offer,
    OfferKindChoices,
    OutcomeChoices,
    PlacementKind,
)
from bryggan.employers.services import EmployerInput, OfferInput
from bryggan.people.models import HouseholdMember

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MAX_PLACES = 1000


class EmployerForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    # Checked by the service (python-stdnum), so the message stands beside the field.
    organisation_number = forms.CharField(
        label=_("Organisation number"), max_length=20, help_text=_("E.g. 556036-0793.")
    )
    field = forms.ChoiceField(label=_("Industry"), choices=FieldChoices.choices)
    address = forms.CharField(label=_("Address"), max_length=200, required=False)
    postcode = forms.CharField(label=_("Postcode"), max_length=6, required=False)
    municipality = forms.CharField(label=_("Municipality"), max_length=100)
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def clean_organisation_number(self) -> str:
        try:
            return rules.organisation_number_clean(self.cleaned_data["organisation_number"])
        except rules.EmployersRuleError as error:
            raise forms.ValidationError(gettext(error.template)) from error

    @classmethod
    def initial_from(cls, employer: Employer) -> dict[str, Any]:
        return {name: getattr(employer, name) for name in cls.base_fields}

    def data_input(self) -> EmployerInput:
        return EmployerInput(**{name: self.cleaned_data[name] for name in self.base_fields})


class ContactForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    role = forms.CharField(label=_("Role"), max_length=100, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)

    @classmethod
    def initial_from(cls, contact: EmployerContact) -> dict[str, Any]:
        return {name: getattr(contact, name) for name in cls.base_fields}


class OfferForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=OfferKindChoices.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    field = forms.ChoiceField(label=_("Field"), choices=FieldChoices.choices)
    # The lower bound is the service's rule (at least one place): its message beside the field.
    capacity = forms.IntegerField(label=_("Places"), max_value=MAX_PLACES)
    starts_on = forms.DateField(label=_("From"), widget=DATE_WIDGET)
    ends_on = forms.DateField(label=_("To"), widget=DATE_WIDGET)
    required_languages = forms.MultipleChoiceField(
        label=_("Languages required"),
        choices=LanguageChoices.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    requires_driving_licence = forms.BooleanField(
        label=_("Driving licence required"), required=False
    )
    requires_experience = forms.BooleanField(
        label=_("Experience in the field required"), required=False
    )
    location = forms.CharField(label=_("Place"), max_length=200, required=False)
    municipality = forms.CharField(label=_("Municipality"), max_length=100)

    def clean(self) -> dict[str, Any]:
        """Every rule of the offer at once, each beside its field (the service checks again)."""
        data = super().clean() or {}
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", gettext(rules.OFFER_ENDS_BEFORE_START))
        capacity = data.get("capacity")
        if capacity is not None and capacity < 1:
            self.add_error("capacity", gettext(rules.CAPACITY_AT_LEAST_ONE))
        return data

    @classmethod
    def initial_from(cls, offer: Offer) -> dict[str, Any]:
        return {name: getattr(offer, name) for name in cls.base_fields}

    def data_input(self) -> OfferInput:
        data = self.cleaned_data
        return OfferInput(
            **{
                name: data[name]
                for name in self.base_fields
                if name not in ("required_languages", "kind")
            },
            kind=data["kind"],
            required_languages=tuple(data["required_languages"]),
        )


class ClientProfileForm(forms.Form):
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=LanguageChoices.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    driving_licence = forms.BooleanField(label=_("Has a driving licence (B)"), required=False)
    experience_fields = forms.MultipleChoiceField(
        label=_("Fields of experience"),
        choices=FieldChoices.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    municipality = forms.CharField(label=_("Home municipality"), max_length=100, required=False)

    @classmethod
    def initial_from(cls, profile: ClientProfile | None) -> dict[str, Any]:
        if profile is None:
            return {}
        return {name: getattr(profile, name) for name in cls.base_fields}


class PlacementForm(forms.Form):
    person = forms.TypedChoiceField(label=_("Client"), coerce=int)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=PlacementKind.choices, widget=forms.RadioSelect
    )
    starts_on = forms.DateField(label=_("From"), widget=DATE_WIDGET)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(
        self, *args: Any, members: list[HouseholdMember], viewer: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [  # type: ignore[attr-defined]
            (m.person_id, person_name(m.person, viewer)) for m in members
        ]
        self.members = {m.person_id: m.person for m in members}


class PlacementEndForm(forms.Form):
    ended_on = forms.DateField(label=_("Ended on"), widget=DATE_WIDGET)
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=OutcomeChoices.choices, widget=forms.RadioSelect
    )


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=100, required=False)
