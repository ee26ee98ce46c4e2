"""Forms of the journal and case discussions: parse and validate what was typed; keep it on
error."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from bryggan.casefile.models import JournalNote, JournalNoteKind, ObjectionHow
from bryggan.people.models import Person
from bryggan.people.templatetags.people_tags import shown_name

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class JournalNoteForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=JournalNoteKind.choices)
    occurred_at = forms.DateTimeField(label=_("Time of the event"), widget=DATETIME_WIDGET)
    member = forms.ChoiceField(label=_("Concerns"), required=False)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 10}))

    def __init__(self, *args: Any, members: list[Person], viewer: object, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.members = {str(p.pk): p for p in members}
        self.fields["member"].choices = [  # type: ignore[attr-defined]
            ("", _("The whole household")),
            *((key, shown_name(p, viewer)) for key, p in self.members.items()),
        ]

    def selected_member(self) -> Person | None:
        return self.members.get(self.cleaned_data["member"] or "")


def initial_from_note(note: JournalNote) -> dict[str, Any]:
    return {
        "kind": note.kind,
        "occurred_at": note.occurred_at,
        "member": str(note.member_id or ""),
        "text": note.text,
    }


class JournalFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All kinds")), *JournalNoteKind.choices], required=False
    )
    q = forms.CharField(label=_("Search in the notes"), required=False, max_length=200)


class ObjectionForm(forms.Form):
    received_on = forms.DateField(label=_("Received on"), widget=DATE_WIDGET)
    how = forms.ChoiceField(label=_("How"), choices=ObjectionHow.choices)
    text = forms.CharField(
        label=_("The client's objection"), widget=forms.Textarea(attrs={"rows": 4})
    )


class CaseDiscussionRequestForm(forms.Form):
    question = forms.CharField(
        label=_("What do you want to discuss?"), widget=forms.Textarea(attrs={"rows": 5})
    )


class CaseDiscussionHoldForm(forms.Form):
    outcome = forms.CharField(
        label=_("Outcome of the case discussion"),
        help_text=_("Saved as a signed journal note of the kind case discussion."),
        widget=forms.Textarea(attrs={"rows": 8}),
    )
