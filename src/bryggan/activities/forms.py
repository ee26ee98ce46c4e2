"""Forms of the work line: parse and validate what was typed; keep it on error."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from bryggan.activities.models import (
    AcceptableReason,
    Activity,
    ActivityKind,
    AttendanceStatus,
    Outcome,
    Provider,
    ReconsiderationOccasion,
    ReconsiderationOutcome,
    Referral,
    TargetGroup,
)
from bryggan.activities.rules import (
    ENDS_BEFORE_STARTS,
    RECONSIDERATION_REASONS_REQUIRED,
    WEEKDAY_NAMES,
    AttendanceMark,
)
from bryggan.core.locking import version_field
from bryggan.people.models import HouseholdMember, Person
from bryggan.people.templatetags.people_tags import shown_name

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ActivityForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    provider = forms.ChoiceField(label=_("Provider"), choices=Provider.choices)
    kind = forms.ChoiceField(label=_("Kind"), choices=ActivityKind.choices)
    target_group = forms.ChoiceField(label=_("Target group"), choices=TargetGroup.choices)
    capacity = forms.IntegerField(label=_("Places"), min_value=1, max_value=1000)
    starts_on = forms.DateField(label=_("Starts"), widget=DATE_WIDGET)
    ends_on = forms.DateField(label=_("Ends"), widget=DATE_WIDGET)
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Weekdays"),
        choices=list(enumerate(WEEKDAY_NAMES)),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        initial=[0, 1, 2, 3, 4],
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        # The database refuses it too (activity_ends_after_start); say so on the field first.
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", ENDS_BEFORE_STARTS)
        return data

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "provider": Provider(data["provider"]),
            "kind": ActivityKind(data["kind"]),
            "target_group": TargetGroup(data["target_group"]),
            "capacity": data["capacity"],
            "starts_on": data["starts_on"],
            "ends_on": data["ends_on"],
            "weekdays": frozenset(data["weekdays"]),
        }


def activity_initial(activity: Activity) -> dict[str, Any]:
    """The activity form's starting values when an activity is changed: the activity as it is."""
    return {
        "name": activity.name,
        "provider": activity.provider,
        "kind": activity.kind,
        "target_group": activity.target_group,
        "capacity": activity.capacity,
        "starts_on": activity.starts_on,
        "ends_on": activity.ends_on,
        "weekdays": sorted(activity.weekday_set),
        "version": activity.version,
    }


class ActivityChangeForm(ActivityForm):
    """The activity form when an activity is changed: with the version it was read at."""

    version = version_field()

    def service_arguments(self) -> dict[str, Any]:
        return {**super().service_arguments(), "version": self.cleaned_data["version"]}


class ActivityEndForm(forms.Form):
    """End an activity early: the day, and the outcome of every current referral."""

    on = forms.DateField(label=_("Ends on"), widget=DATE_WIDGET)
    outcome = forms.ChoiceField(
        label=_("Outcome of the referrals"),
        choices=[("", "–"), *Outcome.choices],
        help_text=_("Every current referral ends that day with this outcome."),
    )


def person_name(person: Person, viewer: Any) -> str:
    """The person's name, or "Protected identity" for a viewer without that right (the same
    rule as the templates' `shown_name` filter, which this calls)."""
    return str(shown_name(person, viewer))


def _member_choices(members: list[HouseholdMember], viewer: Any) -> list[tuple[int, str]]:
    return [(m.person_id, person_name(m.person, viewer)) for m in members]


class ReferralForm(forms.Form):
    person = forms.TypedChoiceField(label=_("Client"), coerce=int)
    activity = forms.ModelChoiceField(label=_("Activity"), queryset=Activity.objects.none())
    referred_on = forms.DateField(label=_("Referred on"), widget=DATE_WIDGET)

    def __init__(
        self,
        *args: Any,
        members: list[HouseholdMember],
        viewer: Any,
        activities: Any,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = _member_choices(members, viewer)  # type: ignore[attr-defined]
        self.fields["activity"].queryset = activities  # type: ignore[attr-defined]
        self.fields["activity"].label_from_instance = (  # type: ignore[attr-defined]
            lambda a: f"{a.name} · {a.get_kind_display()} · {a.taken}/{a.capacity}"
        )
        self.members = {m.person_id: m.person for m in members}


class AbilityForm(forms.Form):
    person = forms.TypedChoiceField(label=_("Client"), coerce=int)
    able = forms.TypedChoiceField(
        label=_("Able to take part in activities"),
        choices=[("yes", _("Yes")), ("no", _("No, for an acceptable reason"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        initial="yes",
    )
    reason = forms.ChoiceField(
        label=_("Acceptable reason"),
        choices=[("", "–"), *AcceptableReason.choices],
        required=False,
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(
        self, *args: Any, members: list[HouseholdMember], viewer: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, prefix="ability", **kwargs)
        self.fields["person"].choices = _member_choices(members, viewer)  # type: ignore[attr-defined]
        self.members = {m.person_id: m.person for m in members}


class ReferralStepForm(forms.Form):
    step = forms.ChoiceField(
        label=_("Step"),
        choices=[
            ("accept", _("Accepted by the provider")),
            ("start", _("Started")),
            ("end", _("Ended")),
        ],
    )
    on = forms.DateField(label=_("Date"), widget=DATE_WIDGET)
    outcome = forms.ChoiceField(
        label=_("Outcome (when ended)"), choices=[("", "–"), *Outcome.choices], required=False
    )


class AttendanceForm(forms.Form):
    """One day and one radio group per participant (`referral_<id>`), present by default."""

    day = forms.DateField(label=_("Day"), widget=DATE_WIDGET)

    def __init__(
        self, *args: Any, participants: list[Referral], viewer: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.participants = participants
        for referral in participants:
            self.fields[f"referral_{referral.pk}"] = forms.ChoiceField(
                label=person_name(referral.person, viewer),
                choices=AttendanceStatus.choices,
                widget=forms.RadioSelect,
                initial=getattr(referral, "mark", None) or AttendanceStatus.PRESENT,
            )

    def participant_fields(self) -> list[forms.BoundField]:
        return [self[f"referral_{referral.pk}"] for referral in self.participants]

    def marks(self) -> dict[int, AttendanceMark]:
        return {
            referral.pk: AttendanceMark(self.cleaned_data[f"referral_{referral.pk}"])
            for referral in self.participants
        }


def parse_day(text: str | None, *, default: date) -> date:
    """The day asked for in the address or form (YYYY-MM-DD), else `default`."""
    try:
        return date.fromisoformat(text or "")
    except ValueError:
        return default


class SanctionAssessForm(forms.Form):
    valid_reason = forms.TypedChoiceField(
        label=_("Was there a valid reason for the absence?"),
        choices=[
            ("no", _("No: propose a reduction")),
            ("yes", _("Yes: dismiss the proposal")),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        initial="no",
    )
    amount = forms.IntegerField(
        label=_("Reduction (kronor)"),
        min_value=0,
        max_value=1_000_000,
        required=False,
        help_text=_("At most the person's own part of the riksnorm for the month."),
    )
    reasons = forms.CharField(
        label=_("Reasons"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        help_text=_("Written into the decision letter."),
    )


class SanctionDecideForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("Your decision"),
        choices=[("yes", _("Approve the reduction")), ("no", _("Do not approve"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        initial="yes",
    )
    note = forms.CharField(
        label=_("Note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
        help_text=_("Required when you do not approve."),
    )


class SanctionReceivedForm(forms.Form):
    received_on = forms.DateField(label=_("Received by the client on"), widget=DATE_WIDGET)


class SanctionReconsiderForm(forms.Form):
    """The unit manager's reconsideration of a decided reduction (förvaltningslagen 37–38 §§)."""

    outcome = forms.ChoiceField(
        label=_("New decision"),
        choices=[
            (ReconsiderationOutcome.REVOKED.value, _("Revoke the reduction")),
            (ReconsiderationOutcome.LOWERED.value, _("Lower the reduction")),
        ],
        widget=forms.RadioSelect,
        initial=ReconsiderationOutcome.REVOKED.value,
    )
    occasion = forms.ChoiceField(
        label=_("Why it came up"),
        choices=[("", _("Choose…")), *ReconsiderationOccasion.choices],
        help_text=_(
            "An appealed decision can be changed only until the appeal has been sent on to "
            "the court."
        ),
    )
    amount = forms.IntegerField(
        label=_("New reduction (kronor)"),
        min_value=0,
        max_value=1_000_000,
        required=False,
        help_text=_("Only when lowering: less than the reduction in force. It is never raised."),
    )
    reasons = forms.CharField(
        label=_("Reasons"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        help_text=_("Written into the letter of the new decision."),
        error_messages={"required": RECONSIDERATION_REASONS_REQUIRED},
    )
