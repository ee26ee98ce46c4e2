"""Optimistic locking: no lost edits when two people edit the same thing.

A form carries the `version` of the row it was read from (a hidden field). The service saves only
if the row still has that version, with one conditional UPDATE inside its transaction
(`version_claim`), which advances the version. Otherwise someone else saved in between: the service
raises `EditConflict` naming, field by field, what is stored now against what this user typed, and
who saved last and when; the form is shown again with what the user typed and the new version, so
a second save, made after reading, goes through. Rows that are never changed (a saved calculation)
use the same error with a check of their own.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django import forms
from django.db import models
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from bryggan.core.errors import DomainError

EDIT_CONFLICT = _(
    "Someone else saved this while you were editing it, and nothing of yours is saved yet. What "
    "you typed is kept below. Read what is stored now, then save again to keep your values."
)


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field on which what is stored now differs from what this user typed."""

    field: str
    stored: object
    typed: object


@dataclass(frozen=True, slots=True)
class LastChange:
    """Who saved the stored values, and when (from the change history), for the conflict message."""

    by: str
    at: datetime | None


class EditConflict(DomainError):
    """The row was saved by someone else since this user read it."""

    def __init__(
        self,
        *,
        version: int,
        changes: tuple[FieldChange, ...],
        last: LastChange | None = None,
    ) -> None:
        super().__init__(str(EDIT_CONFLICT))
        self.version = version  # the stored version: a form resubmitted with it goes through
        self.changes = changes
        self.last = last

    def as_json(self) -> dict[str, Any]:
        """The conflict for the API's 409 answer."""
        return {
            "message": self.message,
            "version": self.version,
            "changes": [
                {"field": c.field, "stored": _plain(c.stored), "typed": _plain(c.typed)}
                for c in self.changes
            ],
            "saved_by": self.last.by if self.last else None,
            "saved_at": self.last.at.isoformat() if self.last and self.last.at else None,
        }


def _plain(value: object) -> object:
    if value is None or isinstance(value, bool | int | str | list | dict):
        return value
    return str(value)


def field_changes(
    stored: Mapping[str, object], typed: Mapping[str, object]
) -> tuple[FieldChange, ...]:
    """The fields whose stored value is not the typed one, typed fields first, in their order."""
    fields = [*typed, *(field for field in stored if field not in typed)]
    return tuple(
        FieldChange(field, stored.get(field), typed.get(field))
        for field in fields
        if stored.get(field) != typed.get(field)
    )


def version_claim(
    model: type[models.Model],
    *,
    pk: int,
    version: int | None,
    stored: Mapping[str, object],
    typed: Mapping[str, object],
    last_change: Callable[[], LastChange | None] = lambda: None,
) -> int | None:
    """Advance the row's version if it is still `version`, in one conditional UPDATE; call it
    inside the service's transaction, before the write. Returns the new version (None when
    unchecked, below).

    `stored` are the row's values as read in this transaction and `typed` what the user asked for;
    they only make the message of the `EditConflict` raised when the version is another. A caller
    with no form (the demo, a command) passes `version=None`: the version advances unchecked, and
    None is returned (the new version is not read back).
    """
    rows = model._default_manager.filter(pk=pk)
    if version is not None:
        rows = rows.filter(version=version)
    if rows.update(version=F("version") + 1) == 1:
        return version + 1 if version is not None else None
    raise EditConflict(
        version=_version_of(model, pk),
        changes=field_changes(stored, typed),
        last=last_change(),
    )


def _version_of(model: type[models.Model], pk: int) -> int:
    return int(model._default_manager.filter(pk=pk).values_list("version", flat=True).get())


# --- forms and views ------------------------------------------------------------------------------


def version_field() -> forms.IntegerField:
    """The hidden field that carries the version a form was read at."""
    return forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=True)


def conflict_context(
    form: forms.Form, conflict: EditConflict, *, labels: Mapping[str, str] | None = None
) -> dict[str, object]:
    """Keep what the user typed and give the form the stored version, so that a second save made
    after reading goes through; and the message's rows: field, value stored now, value typed.
    A field is named by its form label, else by `labels`, else by its key."""
    data = form.data.copy()
    data["version"] = str(conflict.version)
    form.data = data
    rows = []
    for change in conflict.changes:
        field = form.fields.get(change.field)
        label = field.label if field is not None and field.label else None
        label = label or (labels or {}).get(change.field) or change.field
        rows.append((label, _shown(field, change.stored), _shown(field, change.typed)))
    return {"conflict": conflict, "conflict_rows": rows}


def _shown(field: forms.Field | None, value: object) -> str:
    """A stored or typed value as the form shows it: a choice by its label, a list joined."""
    if value is None or value in ("", []):
        return "—"
    if isinstance(value, list | tuple | frozenset | set):
        return ", ".join(_shown(field, item) for item in value)
    if isinstance(field, forms.ChoiceField):
        labels = {str(key): label for key, label in field.choices}  # type: ignore[misc]
        return str(labels.get(str(value), value))
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
