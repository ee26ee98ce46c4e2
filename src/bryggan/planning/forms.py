"""Forms of the action plan: parse and validate what was typed; keep it on error."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from bryggan.core.locking import version_field
from bryggan.planning.models import Goal, PlanVersion, Responsible, SignedHow, WrittenBy
from bryggan.planning.services import StepInput

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
STEP_ROWS = 5


class PlanVersionForm(forms.Form):
    goal = forms.ChoiceField(label=_("Goal"), choices=Goal.choices)
    goal_text = forms.CharField(
        label=_("The goal in words"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    consequences = forms.CharField(
        label=_("What happens if the plan is not kept"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    written_by = forms.ChoiceField(label=_("Written by"), choices=WrittenBy.choices)
    version = version_field()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for i in range(1, STEP_ROWS + 1):
            self.fields[f"step_{i}"] = forms.CharField(
                label=_("Step %(n)s: what") % {"n": i}, max_length=300, required=False
            )
            self.fields[f"step_{i}_who"] = forms.ChoiceField(
                label=_("Step %(n)s: who") % {"n": i}, choices=Responsible.choices, required=False
            )
            self.fields[f"step_{i}_due"] = forms.DateField(
                label=_("Step %(n)s: by when") % {"n": i}, widget=DATE_WIDGET, required=False
            )

    def step_rows(self) -> list[tuple[forms.BoundField, forms.BoundField, forms.BoundField]]:
        return [
            (self[f"step_{i}"], self[f"step_{i}_who"], self[f"step_{i}_due"])
            for i in range(1, STEP_ROWS + 1)
        ]

    def steps(self) -> list[StepInput]:
        data = self.cleaned_data
        return [
            StepInput(
                data[f"step_{i}"].strip(),
                Responsible(data[f"step_{i}_who"] or Responsible.CLIENT),
                data[f"step_{i}_due"],
            )
            for i in range(1, STEP_ROWS + 1)
            if data[f"step_{i}"].strip()
        ]


class SignForm(forms.Form):
    number = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    how = forms.ChoiceField(
        label=_("Signed"), choices=[(SignedHow.IN_MEETING, SignedHow.IN_MEETING.label)]
    )


class FollowUpBookForm(forms.Form):
    due_on = forms.DateField(label=_("Follow-up on"), widget=DATE_WIDGET)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class FollowUpHoldForm(forms.Form):
    held_on = forms.DateField(label=_("Held on"), widget=DATE_WIDGET)
    note = forms.CharField(label=_("What came of it"), max_length=300, required=False)


class FollowUpCancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for cancelling"),
        max_length=300,
        help_text=_("Kept in the plan's history with the follow-up."),
    )


def initial_from_version(latest: PlanVersion | None, *, author: WrittenBy) -> dict[str, Any]:
    """The new-version form's starting values: a copy of the latest version, if any, and the
    plan's version (0 before the first), so a version saved meanwhile is not overwritten."""
    if latest is None:
        return {"goal": Goal.WORK, "written_by": author, "version": 0}
    initial: dict[str, Any] = {
        "goal": latest.goal,
        "goal_text": latest.goal_text,
        "consequences": latest.consequences,
        "written_by": author,
        "version": latest.plan.version,
    }
    for i, step in enumerate(latest.steps.all(), start=1):
        initial |= {
            f"step_{i}": step.description,
            f"step_{i}_who": step.responsible,
            f"step_{i}_due": step.due_on,
        }
    return initial
