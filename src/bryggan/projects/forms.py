"""Forms of projects: parse and validate what was typed; keep it on error."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from bryggan.activities.forms import person_name
from bryggan.activities.models import TargetGroup
from bryggan.people.models import HouseholdMember
from bryggan.projects.models import FunderKind, ParticipantOutcomeChoices, Project

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
CASE_NUMBER = re.compile(r"^\s*(\d{4})-(\d{1,9})\s*$")
NOT_A_CASE_NUMBER = _("Give the case number as it is shown on the case, e.g. 2026-00012.")
MAX_KRONOR = 10**12


class ProjectForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    funder_kind = forms.ChoiceField(label=_("Funded by"), choices=FunderKind.choices)
    funder_name = forms.CharField(
        label=_("Funder"),
        max_length=200,
        required=False,
        help_text=_("E.g. the coordination association's name."),
    )
    starts_on = forms.DateField(label=_("Starts"), widget=DATE_WIDGET)
    ends_on = forms.DateField(label=_("Ends"), widget=DATE_WIDGET)
    budget = forms.IntegerField(label=_("Budget (kr)"), min_value=0, max_value=MAX_KRONOR)
    spent = forms.IntegerField(
        label=_("Spent so far (kr)"), min_value=0, max_value=MAX_KRONOR, required=False
    )
    target_group = forms.ChoiceField(label=_("Target group"), choices=TargetGroup.choices)
    baseline_months = forms.IntegerField(
        label=_("Comparison period before the project (months)"),
        min_value=1,
        max_value=120,
        required=False,
        help_text=_("Empty: as long as the project. Språnget compared with the 36 months before."),
    )
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    activities = forms.ModelMultipleChoiceField(
        label=_("Activities of the project"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, activities: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["activities"].queryset = activities  # type: ignore[attr-defined]

    @classmethod
    def initial_from(cls, project: Project) -> dict[str, Any]:
        return {
            "name": project.name,
            "funder_kind": project.funder_kind,
            "funder_name": project.funder_name,
            "starts_on": project.starts_on,
            "ends_on": project.ends_on,
            "budget": project.budget,
            "spent": project.spent,
            "target_group": project.target_group,
            "baseline_months": project.baseline_months,
            "description": project.description,
            "activities": list(project.activities.all()),
        }

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "funder_kind": FunderKind(data["funder_kind"]),
            "funder_name": data["funder_name"],
            "starts_on": data["starts_on"],
            "ends_on": data["ends_on"],
            "budget": data["budget"],
            "spent": data["spent"],
            "target_group": TargetGroup(data["target_group"]),
            "baseline_months": data["baseline_months"],
            "description": data["description"],
            "activities": list(data["activities"]),
        }


class CaseNumberForm(forms.Form):
    """Find the case whose member joins: by the case number shown on the case page."""

    case = forms.CharField(label=_("Case number"), max_length=20)

    def clean_case(self) -> tuple[int, int]:
        """The case number's year and serial (`Household.case_number`: opening year, id)."""
        match = CASE_NUMBER.match(self.cleaned_data["case"])
        if match is None:
            raise forms.ValidationError(NOT_A_CASE_NUMBER)
        return int(match.group(1)), int(match.group(2))


class JoinForm(forms.Form):
    project = forms.TypedChoiceField(label=_("Project"), coerce=int)
    person = forms.TypedChoiceField(label=_("Participant"), coerce=int)
    joined_on = forms.DateField(label=_("Joined on"), widget=DATE_WIDGET)

    def __init__(
        self,
        *args: Any,
        projects: list[Project],
        members: list[HouseholdMember],
        viewer: Any,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["project"].choices = [  # type: ignore[attr-defined]
            (p.pk, f"{p.name} ({p.starts_on} – {p.ends_on})") for p in projects
        ]
        self.fields["person"].choices = [  # type: ignore[attr-defined]
            (m.person_id, f"{person_name(m.person, viewer)} · {m.get_role_display()}")
            for m in members
        ]
        self.projects = {p.pk: p for p in projects}
        self.members = {m.person_id: m.person for m in members}


class LeaveForm(forms.Form):
    left_on = forms.DateField(label=_("Left on"), widget=DATE_WIDGET)
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=ParticipantOutcomeChoices.choices,
        widget=forms.RadioSelect,
    )
