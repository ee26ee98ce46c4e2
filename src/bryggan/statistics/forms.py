"""The analysts' choices, read from the query string: year, measures, municipality to highlight.

A choice left out of the query string takes its default, so that the form always shows what the
page shows; a choice that is not on offer is named as an error and the default is used. The page
is drawn either way.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from bryggan.statistics.kolada import Kind
from bryggan.statistics.selectors import (
    MEASURE_SET_LABELS,
    Dataset,
    MeasureSet,
    dataset_measures,
    dataset_municipalities,
    dataset_years,
)


class _ChoicesForm(forms.Form):
    def __init__(self, data: QueryDict | None, *, defaults: dict[str, Any]) -> None:
        if data is not None:
            data = data.copy()
            for name, value in defaults.items():
                if name not in data and self.fills(name, data):
                    values = value if isinstance(value, list) else [value]
                    data.setlist(name, [str(item) for item in values])
        super().__init__(data, initial=defaults)

    def fills(self, name: str, data: QueryDict) -> bool:
        """Whether a field missing from the query string takes its default."""
        return True

    def choices(self) -> dict[str, Any]:
        """Every field's cleaned value, or its default where the value given is not on offer."""
        if not self.is_bound:
            return dict(self.initial)
        self.is_valid()  # fills cleaned_data with the fields that passed
        given = {name: value for name, value in self.cleaned_data.items() if value != ""}
        return {**self.initial, **given}


class IndicatorTableForm(_ChoicesForm):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False)
    measures = forms.ChoiceField(
        label=_("Measures"),
        choices=[(key.value, label) for key, label in MEASURE_SET_LABELS.items()],
        required=False,
    )

    def __init__(self, data: QueryDict | None, *, dataset: Dataset) -> None:
        years = dataset_years(dataset)
        super().__init__(data, defaults={"year": years[-1], "measures": MeasureSet.RESULTS.value})
        self.fields["year"].choices = [(year, str(year)) for year in years]


class ExpectedForm(_ChoicesForm):
    measure = forms.ChoiceField(label=_("Measure"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False)
    municipality = forms.ChoiceField(label=_("Municipality to highlight"), required=False)
    background = forms.MultipleChoiceField(
        label=_("Background measures in the fit"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    # Sent by the page's own form: then no box ticked means no background measure, not all.
    chosen = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, data: QueryDict | None, *, dataset: Dataset) -> None:
        measures = dataset_measures(Kind.INDICATOR, dataset)
        background = dataset_measures(Kind.BACKGROUND, dataset)
        years = dataset_years(dataset)
        super().__init__(
            data,
            defaults={
                "measure": measures[0].key,
                "year": years[-1],
                "municipality": "",
                "background": [m.key for m in background],
                "chosen": True,
            },
        )
        self.fields["measure"].choices = [(m.key, m.label) for m in measures]
        self.fields["year"].choices = [(year, str(year)) for year in years]
        self.fields["municipality"].choices = [("", _("None")), *dataset_municipalities(dataset)]
        self.fields["background"].choices = [(m.key, m.label) for m in background]

    def fills(self, name: str, data: QueryDict) -> bool:
        return name != "background" or "chosen" not in data
