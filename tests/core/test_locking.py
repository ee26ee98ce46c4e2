"""Optimistic locking (core/locking.py): the field-by-field difference, and the conditional UPDATE
that lets exactly one of two saves read at the same version through."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from django import forms
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bryggan.accounts.models import Unit, User
from bryggan.activities.models import Activity
from bryggan.core.locking import (
    EDIT_CONFLICT,
    EditConflict,
    FieldChange,
    LastChange,
    conflict_context,
    field_changes,
    version_claim,
    version_field,
)
from tests.activities.factories import make_activity

TODAY = date(2026, 11, 23)


def test_field_changes_names_the_fields_whose_stored_value_is_another() -> None:
    stored = {"name": "Verkstan", "capacity": 10, "ends_on": date(2027, 1, 22)}
    typed = {"name": "Verkstan", "capacity": 12, "ends_on": date(2027, 1, 22)}
    assert field_changes(stored, typed) == (FieldChange("capacity", 10, 12),)


def test_field_changes_includes_a_field_only_stored() -> None:
    assert field_changes({"step_2": "Söka jobb"}, {}) == (FieldChange("step_2", "Söka jobb", None),)


@given(
    st.dictionaries(st.sampled_from("abcdef"), st.integers(0, 3)),
    st.dictionaries(st.sampled_from("abcdef"), st.integers(0, 3)),
)
def test_field_changes_are_exactly_the_keys_that_differ(
    stored: dict[str, int], typed: dict[str, int]
) -> None:
    changes = field_changes(stored, typed)
    assert {c.field for c in changes} == {
        k for k in stored.keys() | typed.keys() if stored.get(k) != typed.get(k)
    }
    assert all(c.stored == stored.get(c.field) and c.typed == typed.get(c.field) for c in changes)


class _Form(forms.Form):
    capacity = forms.IntegerField(label="Places")
    kind = forms.ChoiceField(label="Kind", choices=[("a", "Work training"), ("b", "Course")])
    version = version_field()


def test_conflict_context_keeps_what_was_typed_with_the_stored_version() -> None:
    form = _Form(QueryDict("capacity=12&kind=a&version=3"))
    assert form.is_valid()
    conflict = EditConflict(
        version=5,
        changes=(FieldChange("capacity", 10, 12), FieldChange("kind", "b", "a")),
        last=LastChange(by="Anna Berg", at=None),
    )
    context = conflict_context(form, conflict)
    assert form["capacity"].value() == "12"
    assert form["version"].value() == "5"
    assert context["conflict_rows"] == [
        ("Places", "10", "12"),
        ("Kind", "Course", "Work training"),
    ]


def test_the_conflict_as_json_names_the_stored_version_and_each_change() -> None:
    conflict = EditConflict(
        version=2,
        changes=(FieldChange("ends_on", date(2027, 1, 22), date(2027, 2, 1)),),
        last=LastChange(by="Anna Berg", at=None),
    )
    assert conflict.as_json() == {
        "message": str(EDIT_CONFLICT),
        "version": 2,
        "changes": [{"field": "ends_on", "stored": "2027-01-22", "typed": "2027-02-01"}],
        "saved_by": "Anna Berg",
        "saved_at": None,
    }


# --- the conditional UPDATE, on a real row --------------------------------------------------------


@pytest.mark.django_db
def test_a_claim_at_the_stored_version_advances_it(
    unit: Unit, persona: Callable[..., User]
) -> None:
    activity = make_activity(unit, persona("work_coach"), today=TODAY)
    assert version_claim(Activity, pk=activity.pk, version=0, stored={}, typed={}) == 1
    activity.refresh_from_db()
    assert activity.version == 1


@pytest.mark.django_db
def test_an_unchecked_claim_advances_the_version_in_one_statement(
    unit: Unit, persona: Callable[..., User]
) -> None:
    """A caller with no form advances the version whatever it is, and reads nothing back."""
    activity = make_activity(unit, persona("work_coach"), today=TODAY)
    version_claim(Activity, pk=activity.pk, version=0, stored={}, typed={})
    with CaptureQueriesContext(connection) as queries:
        assert version_claim(Activity, pk=activity.pk, version=None, stored={}, typed={}) is None
    assert [q["sql"].split()[0] for q in queries.captured_queries] == ["UPDATE"]
    activity.refresh_from_db()
    assert activity.version == 2


@pytest.mark.django_db
def test_a_claim_at_an_old_version_is_refused_and_changes_nothing(
    unit: Unit, persona: Callable[..., User]
) -> None:
    activity = make_activity(unit, persona("work_coach"), today=TODAY)
    version_claim(Activity, pk=activity.pk, version=0, stored={}, typed={})
    with pytest.raises(EditConflict) as caught:
        version_claim(Activity, pk=activity.pk, version=0, stored={"a": 1}, typed={"a": 2})
    assert caught.value.version == 1
    assert caught.value.changes == (FieldChange("a", 1, 2),)
    activity.refresh_from_db()
    assert activity.version == 1


@pytest.mark.django_db
@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(st.integers(0, 4), min_size=1, max_size=8))
def test_only_saves_made_at_the_stored_version_go_through(
    unit: Unit, persona: Callable[..., User], read_at: list[int]
) -> None:
    """Whatever versions a sequence of saves were read at, each goes through exactly when its
    version is the stored one, and the stored version counts the saves that went through."""
    activity = make_activity(unit, persona("work_coach"), today=TODAY)
    stored = 0
    for version in read_at:
        if version == stored:
            assert version_claim(Activity, pk=activity.pk, version=version, stored={}, typed={})
            stored += 1
        else:
            with pytest.raises(EditConflict) as caught:
                version_claim(Activity, pk=activity.pk, version=version, stored={}, typed={})
            assert caught.value.version == stored
    activity.refresh_from_db()
    assert activity.version == stored
