"""The household edit form: the household's address, each current member's details (corrected,
or moved out on a day) and one person moving in. Parses what the caseworker typed and keeps it on
error; every personnummer is checked by `rules.parse_identity_number`.

Field names follow `selectors.household_edit_values`: `address`, `m<member id>_<field>` per
member, `new_<field>` for the person moving in, so that an edit conflict names the fields as the
form does.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from bryggan.core.errors import DomainError
from bryggan.core.locking import version_field
from bryggan.people.models import HouseholdMember, MemberRole
from bryggan.people.rules import IdentityNumber, parse_identity_number
from bryggan.people.services import MemberAddition, MemberCorrection, PersonInput

NEW_MEMBER_INCOMPLETE = _(
    "To add a member, give the personnummer, first and last name, role and the day of moving in."
)
MEMBER_FIELD = _("%(field)s, %(member)s")
NEW_FIELDS = ("identity_number", "first_name", "last_name", "role", "moved_in_on")


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"})


class HouseholdEditForm(forms.Form):
    version = version_field()
    members = forms.CharField(widget=forms.HiddenInput, required=False)
    address = forms.CharField(
        label=_("Address"),
        max_length=300,
        required=False,
        help_text=_("Where the household lives; saved for every member who lives there."),
    )
    new_identity_number = forms.CharField(label=_("Personnummer"), max_length=20, required=False)
    new_first_name = forms.CharField(label=_("First name"), max_length=100, required=False)
    new_last_name = forms.CharField(label=_("Last name"), max_length=100, required=False)
    new_role = forms.ChoiceField(
        label=_("Role"), choices=[("", "—"), *MemberRole.choices], required=False
    )
    new_moved_in_on = forms.DateField(label=_("Moved in on"), required=False, widget=_date_input())

    def __init__(
        self, *args: Any, members: list[HouseholdMember], today: date, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.household_members = members
        self.fields["members"].initial = ",".join(str(m.pk) for m in members)
        for member in members:
            name = f"{member.person.first_name} {member.person.last_name}"

            def label(text: str, name: str = name) -> str:
                return str(MEMBER_FIELD % {"field": text, "member": name})

            prefix = f"m{member.pk}_"
            self.fields[f"{prefix}first_name"] = forms.CharField(
                label=label(_("First name")), max_length=100
            )
            self.fields[f"{prefix}last_name"] = forms.CharField(
                label=label(_("Last name")), max_length=100
            )
            self.fields[f"{prefix}identity_number"] = forms.CharField(
                label=label(_("Personnummer")),
                max_length=20,
                help_text=_("YYYYMMDD-NNNN; a samordningsnummer also works."),
            )
            self.fields[f"{prefix}role"] = forms.ChoiceField(
                label=label(_("Role")), choices=MemberRole.choices
            )
            self.fields[f"{prefix}moved_out_on"] = forms.DateField(
                label=label(_("Moved out on")),
                required=False,
                widget=_date_input(),
                help_text=_("Only if the person has moved out."),
            )

    def member_rows(self) -> list[tuple[HouseholdMember, list[forms.BoundField]]]:
        """Each member with its bound fields, for the template."""
        names = ("first_name", "last_name", "identity_number", "role", "moved_out_on")
        return [
            (member, [self[f"m{member.pk}_{name}"] for name in names])
            for member in self.household_members
        ]

    def new_member_fields(self) -> list[forms.BoundField]:
        return [self[f"new_{name}"] for name in NEW_FIELDS]

    def _identity(self, field: str) -> IdentityNumber | None:
        text = self.cleaned_data.get(field) or ""
        if not text.strip():
            return None
        try:
            return parse_identity_number(text, today=self.today)
        except DomainError as error:
            self.add_error(field, error.message)
            return None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for member in self.household_members:
            key = f"m{member.pk}_identity_number"
            if key in cleaned:
                cleaned[f"m{member.pk}_identity"] = self._identity(key)
        given = [name for name in NEW_FIELDS if cleaned.get(f"new_{name}")]
        if given and len(given) < len(NEW_FIELDS):
            for name in NEW_FIELDS:
                if not cleaned.get(f"new_{name}") and f"new_{name}" not in self.errors:
                    self.add_error(f"new_{name}", NEW_MEMBER_INCOMPLETE)
        if given:
            cleaned["new_identity"] = self._identity("new_identity_number")
        return cleaned

    def service_arguments(self) -> dict[str, Any]:
        """`household_edit`'s arguments from a valid form."""
        data = self.cleaned_data
        members = [
            MemberCorrection(
                member_id=member.pk,
                identity=data[f"m{member.pk}_identity"],
                first_name=data[f"m{member.pk}_first_name"].strip(),
                last_name=data[f"m{member.pk}_last_name"].strip(),
                role=MemberRole(data[f"m{member.pk}_role"]),
                moved_out_on=data[f"m{member.pk}_moved_out_on"],
            )
            for member in self.household_members
        ]
        added = None
        if data.get("new_identity") is not None:
            added = MemberAddition(
                person=PersonInput(
                    identity=data["new_identity"],
                    first_name=data["new_first_name"].strip(),
                    last_name=data["new_last_name"].strip(),
                ),
                role=MemberRole(data["new_role"]),
                moved_in_on=data["new_moved_in_on"],
            )
        return {
            "address": data["address"].strip(),
            "members": members,
            "added": added,
            "version": data["version"],
        }


def household_edit_initial(
    values: dict[str, object], *, version: int, members: list[HouseholdMember]
) -> dict[str, object]:
    """The form's initial values: what is stored, the version and the members it was read at."""
    return {
        **{key: value for key, value in values.items() if value is not None},
        "version": version,
        "members": ",".join(str(m.pk) for m in members),
    }


def data_after_conflict(
    typed: QueryDict, stored: dict[str, object], *, members: list[HouseholdMember]
) -> QueryDict:
    """The form's data after an edit conflict, over the members there are now: what the user
    typed wherever that field still exists, and what is stored for the rest (a member someone
    else added meanwhile)."""
    data = QueryDict(mutable=True)
    for key, value in stored.items():
        data[key] = "" if value is None else str(value)
    for key in typed:
        if key in stored or key.startswith("new_") or key == "csrfmiddlewaretoken":
            data.setlist(key, typed.getlist(key))
    data["members"] = ",".join(str(m.pk) for m in members)
    return data
