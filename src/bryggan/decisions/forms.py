"""The calculation form on a case: members come from the household, costs and incomes are typed.

The form builds the calculation contract's input document (contracts/calculate.md), so the page,
the API and `bryggan calculate` all go through the same parsing and the same engine.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bryggan.calculation.household import SCHOOL_YOUTH_AGE_LIMIT, CostType, IncomeType
from bryggan.calculation.riksnorm import child_band
from bryggan.core.forms import MonthField
from bryggan.core.locking import version_field
from bryggan.core.money import format_kronor
from bryggan.core.month import Month
from bryggan.decisions.models import DecisionKind, DocumentKind, OutcomeChoices, SavedCalculation
from bryggan.norms.tables import NO_LUNCH_BANDS
from bryggan.people.models import HouseholdMember, MemberRole
from bryggan.people.rules import ADULT_AGE, age_on, may_reveal_identity

INCOME_ROWS = 4
MEMBER_REQUIRED = _("Employment income belongs to a member of the household.")

COST_LABELS = {
    CostType.HOUSING: _("Housing (rent)"),
    CostType.HOUSEHOLD_ELECTRICITY: _("Household electricity"),
    CostType.HOME_INSURANCE: _("Home insurance"),
    CostType.WORK_TRAVEL: _("Work travel"),
    CostType.UNION_FEE: _("Trade-union fee"),
    CostType.UNEMPLOYMENT_FUND_FEE: _("Unemployment-fund fee"),
    CostType.OTHER: _("Other reasonable cost"),
}
INCOME_LABELS = {
    IncomeType.EMPLOYMENT: _("Pay (net)"),
    IncomeType.SICKNESS_BENEFIT: _("Sickness benefit"),
    IncomeType.ACTIVITY_SUPPORT: _("Activity support"),
    IncomeType.UNEMPLOYMENT_BENEFIT: _("Unemployment benefit"),
    IncomeType.PARENTAL_BENEFIT: _("Parental benefit"),
    IncomeType.PENSION: _("Pension"),
    IncomeType.STUDENT_AID: _("Student aid"),
    IncomeType.CHILD_ALLOWANCE: _("Child allowance"),
    IncomeType.HOUSING_ALLOWANCE: _("Housing allowance"),
    IncomeType.MAINTENANCE_SUPPORT: _("Maintenance support"),
    IncomeType.OTHER: _("Other income"),
}


def member_id(member: HouseholdMember) -> str:
    return f"p{member.person_id}"


def member_name(member: HouseholdMember, viewer: Any) -> str:
    """The member's first name, or the role for a protected identity the viewer may not see."""
    if may_reveal_identity(
        protected=member.person.protected_identity,
        viewer_may_see_protected=bool(getattr(viewer, "sees_protected_identity", False)),
    ):
        return member.person.first_name
    return str(member.get_role_display())


def member_names(members: list[HouseholdMember], viewer: Any) -> dict[str, str]:
    """Member ids of the calculation input → names, for the explanation on a case page."""
    return {member_id(m): member_name(m, viewer) for m in members}


class OptionsInlineSelect(forms.Select):
    """Django's select with each option written in the select's own template, not included from
    another one per option: the same HTML in less than half the time, for the eight selects
    (twelve kinds of income, the members) on every opening of the calculation page."""

    template_name = "decisions/widgets/select.html"


class InlineNumberInput(forms.NumberInput):
    """Django's number input with its attributes written in its own template, not included from
    two more: the same HTML, for the fourteen amounts and counts of the calculation page."""

    template_name = "decisions/widgets/number.html"


def _kronor(label: Any) -> forms.IntegerField:
    return forms.IntegerField(
        label=label, min_value=0, max_value=10_000_000, required=False, widget=InlineNumberInput
    )


class CalculationForm(forms.Form):
    month = MonthField(label=_("Month"))
    shared_household_size = forms.IntegerField(
        label=_("Persons in the shared household"),
        min_value=2,
        max_value=30,
        required=False,
        widget=InlineNumberInput,
        help_text=_(
            "Only for an applicant living with others without being sambo (hushållsgemenskap)."
        ),
    )
    other_note = forms.CharField(
        label=_("What the other cost is for"), max_length=200, required=False
    )
    consecutive_months_on_assistance = forms.IntegerField(
        label=_("Months on assistance in a row before this month"),
        min_value=0,
        max_value=600,
        widget=InlineNumberInput,
    )
    jobbstimulans_months_used = forms.IntegerField(
        label=_("Months of the jobbstimulans period already used"),
        min_value=0,
        max_value=24,
        widget=InlineNumberInput,
    )
    version = version_field()

    def __init__(
        self, *args: Any, members: list[HouseholdMember], viewer: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.members = members
        self.viewer = viewer
        for cost_type in CostType:
            self.fields[f"cost_{cost_type.value}"] = _kronor(COST_LABELS[cost_type])
        member_choices = [("", _("The household"))] + [
            (member_id(m), f"{member_name(m, viewer)} ({m.get_role_display()})") for m in members
        ]
        for row in range(INCOME_ROWS):
            self.fields[f"income_{row}_type"] = forms.ChoiceField(
                label=_("Kind of income"),
                choices=[("", "–"), *INCOME_LABELS.items()],
                required=False,
                widget=OptionsInlineSelect,
            )
            self.fields[f"income_{row}_member"] = forms.ChoiceField(
                label=_("Whose"), choices=member_choices, required=False, widget=OptionsInlineSelect
            )
            self.fields[f"income_{row}_amount"] = _kronor(_("Amount"))
        for member in self.children():
            self.fields[f"lunch_{member.pk}"] = forms.BooleanField(
                label=_("Eats lunch at home five days a week"), required=False, initial=True
            )
            self.fields[f"school_{member.pk}"] = forms.BooleanField(
                label=_("Attends upper secondary school (19–20)"), required=False
            )

    def children(self) -> list[HouseholdMember]:
        return [m for m in self.members if m.role == MemberRole.CHILD]

    def cost_fields(self) -> list[forms.BoundField]:
        return [self[f"cost_{cost_type.value}"] for cost_type in CostType]

    def income_rows(self) -> list[tuple[forms.BoundField, forms.BoundField, forms.BoundField]]:
        return [
            (self[f"income_{r}_type"], self[f"income_{r}_member"], self[f"income_{r}_amount"])
            for r in range(INCOME_ROWS)
        ]

    def child_rows(
        self,
    ) -> list[tuple[str, HouseholdMember, forms.BoundField | None, forms.BoundField | None]]:
        """Each child with the questions that can matter for it.

        Lunch at home changes only the youngest bands (up to 6 years); school only counts at 18–20,
        so it is asked from 17 (a month within the year may already be past the birthday).
        """
        today = timezone.localdate()
        rows = []
        for m in self.children():
            age = age_on(m.person.birth_date, today)
            lunch = self[f"lunch_{m.pk}"] if child_band(age) in NO_LUNCH_BANDS else None
            school = self[f"school_{m.pk}"] if age >= ADULT_AGE - 1 else None
            rows.append((member_name(m, self.viewer), m, lunch, school))
        return rows

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for row in range(INCOME_ROWS):
            if data.get(f"income_{row}_type") == IncomeType.EMPLOYMENT and not data.get(
                f"income_{row}_member"
            ):
                self.add_error(f"income_{row}_member", MEMBER_REQUIRED)
        return data

    def document(self) -> dict[str, object]:
        """The calculation contract's input for what the form holds."""
        data = self.cleaned_data
        month: Month = data["month"]
        adults = [m for m in self.members if m.role != MemberRole.CHILD]
        members: list[dict[str, object]] = []
        for member in self.members:
            entry: dict[str, object] = {
                "id": member_id(member),
                "birth_date": member.person.birth_date.isoformat(),
            }
            if member.role == MemberRole.CHILD:
                entry["lunch_at_home"] = bool(data.get(f"lunch_{member.pk}"))
                if _may_be_school_youth(member.person.birth_date, month.first_day):
                    entry["in_school"] = bool(data.get(f"school_{member.pk}"))
            members.append(entry)
        costs: list[dict[str, object]] = []
        for cost_type in CostType:
            amount = data.get(f"cost_{cost_type.value}")
            if amount:
                cost: dict[str, object] = {"type": cost_type.value, "amount": amount}
                if cost_type is CostType.OTHER and data.get("other_note"):
                    cost["note"] = data["other_note"]
                costs.append(cost)
        incomes: list[dict[str, object]] = []
        for row in range(INCOME_ROWS):
            kind, amount = data.get(f"income_{row}_type"), data.get(f"income_{row}_amount")
            if kind and amount:
                income: dict[str, object] = {"type": kind, "amount": amount}
                if data.get(f"income_{row}_member"):
                    income["member"] = data[f"income_{row}_member"]
                incomes.append(income)
        return {
            "month": str(month),
            "cohabiting": any(m.role == MemberRole.CO_APPLICANT for m in adults),
            "shared_household_size": data.get("shared_household_size"),
            "members": members,
            "costs": costs,
            "incomes": incomes,
            "consecutive_months_on_assistance": data["consecutive_months_on_assistance"],
            "jobbstimulans_months_used": data["jobbstimulans_months_used"],
        }


def _may_be_school_youth(birth_date: date, on: date) -> bool:
    """18–20: old enough that only school keeps the person a child of the household."""
    return ADULT_AGE <= age_on(birth_date, on) < SCHOOL_YOUTH_AGE_LIMIT


class DecisionForm(forms.Form):
    """Drafting a decision from a saved calculation of the case."""

    calculation = forms.ModelChoiceField(
        label=_("Calculation"), queryset=SavedCalculation.objects.none()
    )
    kind = forms.ChoiceField(label=_("Kind of decision"), choices=DecisionKind.choices)
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=OutcomeChoices.choices, widget=forms.RadioSelect
    )
    amount = forms.IntegerField(
        label=_("Amount granted (kronor)"), min_value=0, max_value=10_000_000
    )
    deviation_reason = forms.CharField(
        label=_("Reason for another amount than calculated"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    reasons = forms.CharField(
        label=_("Reasons for the decision"), widget=forms.Textarea(attrs={"rows": 4})
    )
    documents_checked = forms.MultipleChoiceField(
        label=_("Documents checked"),
        choices=DocumentKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    personal_visit_held = forms.BooleanField(
        label=_("Personal visit held this month"), required=False
    )
    registered_at_af = forms.BooleanField(
        label=_("Registered at Arbetsförmedlingen"), required=False
    )
    clearing = forms.CharField(label=_("Clearing number"), max_length=6, required=False)
    account = forms.CharField(label=_("Account number"), max_length=20, required=False)

    def __init__(self, *args: Any, household_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["calculation"]
        field.queryset = SavedCalculation.objects.filter(household_id=household_id)  # type: ignore[attr-defined]
        field.label_from_instance = lambda c: (
            f"{c.month}: {format_kronor(c.amount)} ({c.created_at:%Y-%m-%d %H:%M})"
        )  # type: ignore[attr-defined]


class ReceivedForm(forms.Form):
    received_on = forms.DateField(
        label=_("Received by the applicant on"), widget=forms.DateInput(attrs={"type": "date"})
    )


def conflict_labels(form: CalculationForm) -> dict[str, str]:
    """Names for the rows of an edit conflict that are no single field of the form: the amount,
    and each income by kind and member (`decisions.rules.calculation_input_fields`)."""
    names = member_names(form.members, form.viewer)
    labels = {"amount": str(_("Amount (kronor)"))}
    for kind, label in INCOME_LABELS.items():
        labels[f"income:{kind.value}:"] = f"{label} ({_('The household')})"
        for member, name in names.items():
            labels[f"income:{kind.value}:{member}"] = f"{label} ({name})"
    return labels
