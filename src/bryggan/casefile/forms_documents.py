"""The forms of the case's documents: upload (keeps what was typed), filter, registered in error."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bryggan.casefile.models import DocumentKind
from bryggan.core.forms import MonthField
from bryggan.people.models import HouseholdMember
from bryggan.people.rules import may_reveal_identity

MONTHS_OUT_OF_ORDER_FORM = _("The last month cannot come before the first.")


def member_label(member: HouseholdMember, viewer: Any) -> str:
    """The member's name, or only the role for a protected identity the viewer may not see."""
    role = str(member.get_role_display())
    if may_reveal_identity(
        protected=member.person.protected_identity,
        viewer_may_see_protected=bool(getattr(viewer, "sees_protected_identity", False)),
    ):
        return f"{member.person.first_name} {member.person.last_name} ({role})"
    return role


class DocumentUploadForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, JPEG or PNG. The type is read from the file's content."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )
    kind = forms.ChoiceField(label=_("Kind of document"), choices=DocumentKind.choices)
    received_on = forms.DateField(
        label=_("Received on"),
        help_text=_("The day the document came in to the unit."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    sender = forms.CharField(label=_("Sender"), max_length=200, required=False)
    from_month = MonthField(
        label=_("Concerns from month"),
        required=False,
        help_text=_("Empty with an end month: every month up to it."),
    )
    to_month = MonthField(
        label=_("Concerns to month"),
        required=False,
        help_text=_(
            "Empty with a first month: from it until further notice. Both empty: the month "
            "received."
        ),
    )
    member = forms.ChoiceField(label=_("Concerns member"), required=False)

    def __init__(
        self, *args: Any, members: list[HouseholdMember], viewer: Any, **kwargs: Any
    ) -> None:
        kwargs.setdefault("initial", {"received_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.members = {str(m.person_id): m for m in members}
        self.fields["member"].choices = [("", _("The whole household"))] + [  # type: ignore[attr-defined]
            (person_id, member_label(m, viewer)) for person_id, m in self.members.items()
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, last = data.get("from_month"), data.get("to_month")
        if first and last and last < first:
            self.add_error("to_month", MONTHS_OUT_OF_ORDER_FORM)
        return data

    def member_person(self) -> Any:
        chosen = self.cleaned_data.get("member")
        return self.members[chosen].person if chosen else None


class DocumentFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of document"),
        choices=[("", _("All kinds")), *DocumentKind.choices],
        required=False,
    )
    month = MonthField(label=_("Concerns month"), required=False)


class MarkInErrorForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the document was registered in error"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
