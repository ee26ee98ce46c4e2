"""Form fields for the kernel's value types, shared by every app's forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from bryggan.core.errors import DomainError
from bryggan.core.month import Month

NOT_A_MONTH = _("Give the month as YYYY-MM.")


class MonthField(forms.CharField):
    """A `YYYY-MM` month, shown with the browser's month picker, cleaned to a `Month`."""

    # No max_length: its validator would run on the cleaned Month; the browser gets maxlength.
    widget = forms.TextInput(attrs={"type": "month", "maxlength": "7"})
    default_error_messages = {"invalid": NOT_A_MONTH}

    def to_python(self, value: Any) -> Month | None:  # type: ignore[override]
        text = super().to_python(value)
        if text in self.empty_values:
            return None
        try:
            return Month.parse(text)
        except ValueError as error:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from error

    def prepare_value(self, value: Any) -> Any:
        return str(value) if isinstance(value, Month) else value


def add_domain_error(form: forms.BaseForm, error: DomainError) -> None:
    """A service's refusal shown beside the field it names, or on the whole form when the form has
    no such field; what the user typed stays in the form."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, str(error.message))
