"""Forms of cooperation: parse and validate what was typed; keep it on error."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from bryggan.cooperation.models import (
    GivenHowChoices,
    InformationKindChoices,
    OrganisationKindChoices,
    PartnerOrganisation,
)
from bryggan.cooperation.rules import GivenHow, InformationKind, OrganisationKind

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PartnerForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=OrganisationKindChoices.choices)
    organisation_number = forms.CharField(
        label=_("Organisation number"), max_length=11, required=False
    )
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    active = forms.BooleanField(label=_("Active"), required=False, initial=True)

    @classmethod
    def initial_from(cls, organisation: PartnerOrganisation) -> dict[str, Any]:
        return {
            "name": organisation.name,
            "kind": organisation.kind,
            "organisation_number": organisation.organisation_number,
            "address": organisation.address,
            "active": organisation.active,
        }

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "kind": OrganisationKind(data["kind"]),
            "organisation_number": data["organisation_number"],
            "address": data["address"],
        }


class ContactForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    email = forms.EmailField(label=_("Email"), required=False)


class ConsentForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Whose consent"), queryset=None)
    organisations = forms.ModelMultipleChoiceField(
        label=_("Organisations"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    kinds = forms.MultipleChoiceField(
        label=_("Kinds of information"),
        choices=InformationKindChoices.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    valid_from = forms.DateField(label=_("Valid from"), widget=DATE_WIDGET)
    valid_to = forms.DateField(
        label=_("Valid to"),
        widget=DATE_WIDGET,
        required=False,
        help_text=_("Empty: the municipality's usual length of a consent."),
    )
    given_how = forms.ChoiceField(
        label=_("How the consent was given"),
        choices=GivenHowChoices.choices,
        widget=forms.RadioSelect,
    )
    signed_form = forms.FileField(
        label=_("The signed form (PDF or image)"),
        required=False,
        help_text=_("Filed among the case's documents."),
    )
    document = forms.ModelChoiceField(
        label=_("Or a signed form already among the case's documents"),
        queryset=None,
        required=False,
    )
    journal_note = forms.ModelChoiceField(
        label=_("Journal note recording an oral consent"), queryset=None, required=False
    )

    def __init__(
        self,
        *args: Any,
        persons: Any,
        organisations: Any,
        documents: Any,
        notes: Any,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = persons  # type: ignore[attr-defined]
        self.fields["organisations"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["document"].queryset = documents  # type: ignore[attr-defined]
        self.fields["journal_note"].queryset = notes  # type: ignore[attr-defined]

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        upload = data.get("signed_form")
        return {
            "person": data["person"],
            "organisations": list(data["organisations"]),
            "kinds": [InformationKind(k) for k in data["kinds"]],
            "valid_from": data["valid_from"],
            "valid_to": data["valid_to"],
            "given_how": GivenHow(data["given_how"]),
            "document": data["document"],
            "signed_form": upload,
            "signed_form_name": upload.name if upload else "",
            "journal_note": data["journal_note"],
        }


class WithdrawForm(forms.Form):
    note = forms.CharField(
        label=_("How the person withdrew the consent"),
        max_length=300,
        required=False,
        help_text=_("E.g. by phone to the caseworker."),
    )


class PrintoutForm(forms.Form):
    person = forms.ModelChoiceField(label=_("About whom"), queryset=None)
    organisation = forms.ModelChoiceField(label=_("To which organisation"), queryset=None)
    kinds = forms.MultipleChoiceField(
        label=_("Kinds of information"),
        choices=InformationKindChoices.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, persons: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = persons  # type: ignore[attr-defined]
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]


class ConsentFormPdfForm(forms.Form):
    person = forms.ModelChoiceField(label=_("For whom"), queryset=None)
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None)

    def __init__(self, *args: Any, persons: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = persons  # type: ignore[attr-defined]
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]


class AfStatusForm(forms.Form):
    registered = forms.BooleanField(label=_("Registered at Arbetsförmedlingen"), required=False)
    registered_since = forms.DateField(
        label=_("Registered since"), widget=DATE_WIDGET, required=False
    )
    programme = forms.CharField(label=_("Programme"), max_length=200, required=False)
    contact_name = forms.CharField(
        label=_("Contact at Arbetsförmedlingen"), max_length=200, required=False
    )
    contact_phone = forms.CharField(label=_("Contact's phone"), max_length=40, required=False)
