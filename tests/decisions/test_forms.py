"""The calculation form's own select and number input render exactly as Django's."""

from __future__ import annotations

import pytest
from django import forms

from bryggan.decisions.forms import INCOME_LABELS, InlineNumberInput, OptionsInlineSelect

CHOICES = [("", "–"), *INCOME_LABELS.items()]
GROUPED = [("Grupp", [("1", "ett"), ("2", "två & tre")]), ("3", "<fyra>")]


@pytest.mark.parametrize(
    ("choices", "value"),
    [
        (CHOICES, ""),
        (CHOICES, None),
        (CHOICES, "employment"),
        (CHOICES, "not a choice"),
        (GROUPED, "2"),
        (GROUPED, "3"),
    ],
)
@pytest.mark.parametrize(
    "attrs", [{"id": "id_income_0_type"}, {"id": "x", "aria-invalid": "true", "disabled": True}]
)
def test_the_inline_select_renders_the_same_html_as_django_s(
    choices: list[tuple[object, object]], value: str | None, attrs: dict[str, object]
) -> None:
    stock = forms.Select(choices=choices).render("income_0_type", value, attrs=dict(attrs))
    inline = OptionsInlineSelect(choices=choices).render("income_0_type", value, attrs=dict(attrs))
    assert inline == stock
    assert inline.count("<option") == (len(CHOICES) if choices is CHOICES else 3)


@pytest.mark.parametrize("value", [None, "", 0, 5400, "-5", "tolv"])
@pytest.mark.parametrize(
    "attrs",
    [
        {"id": "id_cost_housing", "min": 0, "max": 10_000_000},
        {"id": "x", "required": True, "aria-invalid": "true", "aria-describedby": "x_error"},
        {"id": "y", "disabled": False},
    ],
)
def test_the_inline_number_input_renders_the_same_html_as_django_s(
    value: object, attrs: dict[str, object]
) -> None:
    stock = forms.NumberInput().render("cost_housing", value, attrs=dict(attrs))
    assert InlineNumberInput().render("cost_housing", value, attrs=dict(attrs)) == stock
