"""The applicant's forms: read what was typed, say beside the field what is wrong, keep the rest.

Amounts are text fields read by `rules_apply.parse_amount`, so "4 500 kr" is understood and
"fyra tusen" is answered in words beside the field, never by the browser's own number check.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from bryggan.calculation.household import CostType, IncomeType
from bryggan.core.errors import DomainError
from bryggan.core.month import Month
from bryggan.intake.forms import CHILD_FORMAT, CHILD_LINE, NAMES_REQUIRED
from bryggan.mypages.rules_apply import LineInput, parse_amount, parse_month
from bryggan.people.rules import parse_identity_number
from bryggan.people.services import PersonInput

NEW_LINES = 2
TYPE_REQUIRED = _("Choose what the amount is.")

# Plain Swedish names of costs and incomes for the applicant (msgids in English).
COST_LABELS = {
    CostType.HOUSING: _("Rent or housing cost"),
    CostType.HOUSEHOLD_ELECTRICITY: _("Household electricity"),
    CostType.HOME_INSURANCE: _("Home insurance"),
    CostType.WORK_TRAVEL: _("Travel to work"),
    CostType.UNION_FEE: _("Union fee"),
    CostType.UNEMPLOYMENT_FUND_FEE: _("Unemployment fund fee"),
    CostType.OTHER: _("Other cost"),
}
INCOME_LABELS = {
    IncomeType.EMPLOYMENT: _("Salary (after tax)"),
    IncomeType.SICKNESS_BENEFIT: _("Sickness benefit"),
    IncomeType.ACTIVITY_SUPPORT: _("Activity support"),
    IncomeType.UNEMPLOYMENT_BENEFIT: _("Unemployment benefit (a-kassa)"),
    IncomeType.PARENTAL_BENEFIT: _("Parental benefit"),
    IncomeType.PENSION: _("Pension"),
    IncomeType.STUDENT_AID: _("Student aid"),
    IncomeType.CHILD_ALLOWANCE: _("Child allowance"),
    IncomeType.HOUSING_ALLOWANCE: _("Housing allowance"),
    IncomeType.MAINTENANCE_SUPPORT: _("Maintenance support"),
    IncomeType.OTHER: _("Other income"),
}


def line_label(kind: str, type_: str) -> str:
    labels: dict[Any, Any] = COST_LABELS if kind == "cost" else INCOME_LABELS
    return str(labels.get(type_, type_))


class AmountField(forms.CharField):
    """Whole kronor as text; the message of `parse_amount` beside the field."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "numeric", "autocomplete": "off"})

    def clean(self, value: Any) -> int:  # type: ignore[override]
        text = super().clean(value)
        try:
            return parse_amount(text or "")
        except DomainError as error:
            raise forms.ValidationError(error.message) from error


class ApplicationMonthField(forms.CharField):
    def __init__(self, *, today: date, **kwargs: Any) -> None:
        super().__init__(label=_("Month you apply for"), max_length=7, **kwargs)
        self.today = today
        self.help_text = _("This month or next month, as year and month: 2027-01.")
        self.widget.attrs.update({"autocomplete": "off"})

    def clean(self, value: Any) -> Month:  # type: ignore[override]
        text = super().clean(value)
        try:
            return parse_month(text, today=self.today)
        except DomainError as error:
            raise forms.ValidationError(error.message) from error


def _type_choices() -> list[tuple[str, Any]]:
    return [
        ("", _("Choose")),
        *((f"cost:{key}", label) for key, label in COST_LABELS.items()),
        *((f"income:{key}", label) for key, label in INCOME_LABELS.items()),
    ]


class RenewalForm(forms.Form):
    """Last month's lines to confirm or change, two new lines, a document for any line, and
    whether the household changed. `key` makes a double submission one application."""

    key = forms.UUIDField(widget=forms.HiddenInput)
    household_changed = forms.BooleanField(
        label=_("Someone has moved in or out, or the household has changed in another way"),
        required=False,
    )
    household_change_text = forms.CharField(
        label=_("What has changed in the household?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(
        self,
        *args: Any,
        today: date,
        previous: Sequence[LineInput],
        adults: Sequence[tuple[str, str]],
        names: dict[str, str],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.previous = list(previous)
        self.names = names
        self.fields["month"] = ApplicationMonthField(today=today)
        self.order_fields(["key", "month"])
        for position, line in enumerate(self.previous):
            whose = f" ({names.get(line.member, '')})" if line.member in names else ""
            note = f" – {line.note}" if line.note else ""
            self.fields[f"line_{position}_amount"] = AmountField(
                label=f"{line_label(line.kind, line.type)}{whose}{note}",
                initial=str(line.amount),
                help_text=_("Last month: %(amount)s kr") % {"amount": line.previous},
            )
            self.fields[f"line_{position}_file"] = forms.FileField(
                label=_("Document for this amount"), required=False
            )
        for position in self.new_positions:
            self.fields[f"line_{position}_type"] = forms.ChoiceField(
                label=_("New cost or income"), choices=_type_choices(), required=False
            )
            self.fields[f"line_{position}_member"] = forms.ChoiceField(
                label=_("Whose income"), choices=[("", _("The household")), *adults], required=False
            )
            self.fields[f"line_{position}_amount"] = AmountField(label=_("Amount per month (kr)"))
            self.fields[f"line_{position}_file"] = forms.FileField(
                label=_("Document for this amount"), required=False
            )

    @property
    def new_positions(self) -> range:
        return range(len(self.previous), len(self.previous) + NEW_LINES)

    def previous_rows(self) -> list[dict[str, Any]]:
        return [
            {"amount": self[f"line_{p}_amount"], "file": self[f"line_{p}_file"]}
            for p in range(len(self.previous))
        ]

    def new_rows(self) -> list[dict[str, Any]]:
        return [
            {
                "type": self[f"line_{p}_type"],
                "member": self[f"line_{p}_member"],
                "amount": self[f"line_{p}_amount"],
                "file": self[f"line_{p}_file"],
            }
            for p in self.new_positions
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for position in self.new_positions:
            amount = data.get(f"line_{position}_amount")
            if amount and not data.get(f"line_{position}_type"):
                self.add_error(f"line_{position}_type", TYPE_REQUIRED)
        return data

    def lines(self) -> list[LineInput]:
        """The lines in their positions (the service's `line_<n>_file` names the same)."""
        data = self.cleaned_data
        lines = [
            LineInput(
                x.kind, x.type, x.member, data.get(f"line_{p}_amount") or 0, x.previous, x.note
            )
            for p, x in enumerate(self.previous)
        ]
        for position in self.new_positions:
            chosen = data.get(f"line_{position}_type") or ""
            kind, _sep, type_ = chosen.partition(":")
            member = data.get(f"line_{position}_member", "") if kind == "income" else ""
            lines.append(
                LineInput(kind or "cost", type_, member, data.get(f"line_{position}_amount") or 0)
            )
        return lines

    def uploads(self) -> dict[int, Any]:
        return {
            position: self.files[f"line_{position}_file"]
            for position in range(len(self.previous) + NEW_LINES)
            if f"line_{position}_file" in self.files
        }

    @staticmethod
    def new_key() -> uuid.UUID:
        return uuid.uuid4()


class FirstApplicationForm(forms.Form):
    """A first application: the household, the housing cost, incomes and the month."""

    key = forms.UUIDField(widget=forms.HiddenInput)
    co_applicant_identity = forms.CharField(
        label=_("Personnummer of your spouse or sambo"),
        max_length=20,
        required=False,
        help_text=_("Leave empty if you live alone or with others than a partner."),
    )
    co_applicant_first_name = forms.CharField(label=_("First name"), max_length=100, required=False)
    co_applicant_last_name = forms.CharField(label=_("Last name"), max_length=100, required=False)
    children = forms.CharField(
        label=_("Children living with you"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One child per line: personnummer, first name, last name."),
    )
    housing = AmountField(label=_("Rent or housing cost per month (kr)"))
    employment = AmountField(label=_("Your salary after tax per month (kr)"))
    other_income_type = forms.ChoiceField(
        label=_("Other income"),
        required=False,
        choices=[
            ("", _("None")),
            *((k.value, v) for k, v in INCOME_LABELS.items() if k != IncomeType.EMPLOYMENT),
        ],
    )
    other_income = AmountField(label=_("Other income per month (kr)"))

    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["month"] = ApplicationMonthField(today=today)
        self.order_fields(["key", "month"])

    def clean_co_applicant_identity(self) -> object:
        text = self.cleaned_data.get("co_applicant_identity", "").strip()
        if not text:
            return None
        try:
            return parse_identity_number(text, today=self.today)
        except DomainError as error:
            raise forms.ValidationError(error.message) from error

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
        if data.get("other_income") and not data.get("other_income_type"):
            self.add_error("other_income_type", TYPE_REQUIRED)
        return data

    def co_applicant(self) -> PersonInput | None:
        data = self.cleaned_data
        if not data["co_applicant_identity"]:
            return None
        return PersonInput(
            identity=data["co_applicant_identity"],
            first_name=data["co_applicant_first_name"],
            last_name=data["co_applicant_last_name"],
        )

    def lines(self, member: str) -> list[LineInput]:
        data = self.cleaned_data
        lines = [
            LineInput("cost", CostType.HOUSING.value, "", data["housing"]),
            LineInput("income", IncomeType.EMPLOYMENT.value, member, data["employment"]),
        ]
        if data["other_income_type"]:
            lines.append(LineInput("income", data["other_income_type"], "", data["other_income"]))
        return [line for line in lines if line.amount > 0]
