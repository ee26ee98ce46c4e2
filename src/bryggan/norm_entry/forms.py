"""Entering a riksnorm table by hand, or importing a file in the shipped files' format."""

from __future__ import annotations

import tomllib
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from bryggan.norms.tables import HOUSEHOLD_SIZES, NO_LUNCH_BANDS, PersonalBand

BAND_LABELS = {
    PersonalBand.CHILD_UNDER_1: _("Child under 1"),
    PersonalBand.CHILD_1_2: _("Child 1–2 years"),
    PersonalBand.CHILD_3: _("Child 3 years"),
    PersonalBand.CHILD_4_6: _("Child 4–6 years"),
    PersonalBand.CHILD_7_10: _("Child 7–10 years"),
    PersonalBand.CHILD_11_14: _("Child 11–14 years"),
    PersonalBand.CHILD_15_18: _("Child 15–18 years"),
    PersonalBand.YOUTH_19_20: _("School youth 19–20 years"),
    PersonalBand.SINGLE_ADULT: _("Single adult"),
    PersonalBand.COHABITING_ADULTS: _("Cohabiting adults (both)"),
}
NOT_TOML = _("The file is not a norm table in TOML: {error}")


def _kronor(label: Any) -> forms.IntegerField:
    return forms.IntegerField(label=label, min_value=1, max_value=100_000)


class RiksnormForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    source_reference = forms.CharField(
        label=_("Source (SFS number or page)"), max_length=200, help_text=_("E.g. SFS 2025:1234")
    )
    source_title = forms.CharField(label=_("Title of the source"), max_length=300)
    source_kind = forms.ChoiceField(
        label=_("Kind of source"),
        choices=[("primary", _("Primary")), ("secondary", _("Secondary"))],
    )
    source_note = forms.CharField(label=_("Note"), required=False, max_length=500)
    confirm_decreases = forms.BooleanField(
        label=_("Some amounts are lower than last year's: save anyway"), required=False
    )
    confirm_replace = forms.BooleanField(
        label=_("Replace the table already entered for the year"), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for band in PersonalBand:
            self.fields[f"personal_{band.value}"] = _kronor(BAND_LABELS[band])
        for band in NO_LUNCH_BANDS:
            self.fields[f"no_lunch_{band.value}"] = _kronor(BAND_LABELS[band])
        for size in HOUSEHOLD_SIZES:
            self.fields[f"common_{size}"] = _kronor(size)

    def personal_fields(self) -> list[forms.BoundField]:
        return [self[f"personal_{band.value}"] for band in PersonalBand]

    def no_lunch_fields(self) -> list[forms.BoundField]:
        return [self[f"no_lunch_{band.value}"] for band in NO_LUNCH_BANDS]

    def common_fields(self) -> list[forms.BoundField]:
        return [self[f"common_{size}"] for size in HOUSEHOLD_SIZES]

    def document(self) -> dict[str, object]:
        """The table in the shipped files' shape."""
        data = self.cleaned_data
        return {
            "year": data["year"],
            "source": {
                "reference": data["source_reference"],
                "title": data["source_title"],
                "kind": data["source_kind"],
                "note": data["source_note"] or "Entered in Bryggan by an administrator.",
            },
            "personal_costs": {band.value: data[f"personal_{band.value}"] for band in PersonalBand},
            "personal_costs_no_lunch": {
                band.value: data[f"no_lunch_{band.value}"] for band in NO_LUNCH_BANDS
            },
            "common_household_costs": {
                str(size): data[f"common_{size}"] for size in HOUSEHOLD_SIZES
            },
        }

    def field_for_problem(self, path: str) -> str | None:
        """The form field a validation problem's dotted path points at."""
        section, _, key = path.partition(".")
        prefix = {
            "personal_costs": "personal_",
            "personal_costs_no_lunch": "no_lunch_",
            "common_household_costs": "common_",
        }.get(section)
        if prefix and f"{prefix}{key}" in self.fields:
            return f"{prefix}{key}"
        if section == "source" and f"source_{key}" in self.fields:
            return f"source_{key}"
        return section if section in self.fields else None


class RiksnormImportForm(forms.Form):
    file = forms.FileField(
        label=_("Norm table file (TOML)"),
        help_text=_("In the format of the files shipped in norms/data/riksnorm/."),
    )
    confirm_decreases = forms.BooleanField(
        label=_("Some amounts are lower than last year's: save anyway"), required=False
    )
    confirm_replace = forms.BooleanField(
        label=_("Replace the table already entered for the year"), required=False
    )

    def clean_file(self) -> dict[str, object]:
        upload = self.cleaned_data["file"]
        try:
            return tomllib.loads(upload.read().decode("utf-8-sig"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            raise forms.ValidationError(NOT_TOML.format(error=error)) from error
