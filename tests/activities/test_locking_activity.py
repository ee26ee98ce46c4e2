"""No lost edits on an activity: two people change it from the same version; the second is told
what the first changed, keeps what they typed, and saves after reading."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bryggan.accounts.models import Unit, User
from bryggan.activities.models import Activity, ActivityKind, Provider, TargetGroup
from bryggan.activities.services import activity_change
from bryggan.audit.models import ChangeRecord
from bryggan.core.locking import EditConflict, FieldChange
from tests.activities.factories import make_activity

pytestmark = pytest.mark.django_db


def _as_is(activity: Activity, **changes: Any) -> dict[str, Any]:
    return {
        "name": activity.name,
        "provider": Provider(activity.provider),
        "kind": ActivityKind(activity.kind),
        "target_group": TargetGroup(activity.target_group),
        "capacity": activity.capacity,
        "starts_on": activity.starts_on,
        "ends_on": activity.ends_on,
        "weekdays": activity.weekday_set,
    } | changes


def test_a_change_at_the_stored_version_is_saved_and_advances_it(
    unit: Unit, persona: Callable[..., User]
) -> None:
    activity = make_activity(unit, persona("work_coach"), today=timezone.localdate())
    changed = activity_change(
        activity=activity, by=persona("work_coach"), version=0, **_as_is(activity, capacity=12)
    )
    changed.refresh_from_db()
    assert (changed.capacity, changed.version) == (12, 1)


def test_a_change_from_an_old_version_is_refused_and_writes_nothing(
    unit: Unit, persona: Callable[..., User]
) -> None:
    coach, manager = persona("work_coach"), persona("unit_manager")
    activity = make_activity(unit, coach, today=timezone.localdate())
    activity_change(activity=activity, by=coach, version=0, **_as_is(activity, capacity=12))
    history = ChangeRecord.objects.count()
    with pytest.raises(EditConflict) as caught:
        activity_change(
            activity=activity,
            by=manager,
            version=0,
            **_as_is(activity, name="Verkstan kväll", capacity=8),
        )
    assert caught.value.version == 1
    assert caught.value.changes == (
        FieldChange("name", "Arbetsträning Verkstan", "Verkstan kväll"),
        FieldChange("capacity", 12, 8),
    )
    assert caught.value.last is not None
    assert caught.value.last.by == coach.get_full_name()
    stored = Activity.objects.get(pk=activity.pk)
    assert (stored.name, stored.capacity, stored.version) == ("Arbetsträning Verkstan", 12, 1)
    assert ChangeRecord.objects.count() == history


def _post(activity: Activity, version: int, **changes: str) -> dict[str, Any]:
    return {
        "name": activity.name,
        "provider": activity.provider,
        "kind": activity.kind,
        "target_group": activity.target_group,
        "capacity": str(activity.capacity),
        "starts_on": activity.starts_on.isoformat(),
        "ends_on": activity.ends_on.isoformat(),
        "weekdays": [str(d) for d in sorted(activity.weekday_set)],
        "version": str(version),
    } | changes


def test_the_change_page_carries_the_version(
    unit: Unit, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    activity = make_activity(unit, persona("work_coach"), today=timezone.localdate())
    activity_change(activity=activity, by=persona("work_coach"), version=0, **_as_is(activity))
    Activity.objects.filter(pk=activity.pk).update(version=4)
    page = client_as("unit_manager").get(reverse("activities:activity_change", args=[activity.pk]))
    assert '<input type="hidden" name="version" value="4"' in page.content.decode()


def test_the_second_save_keeps_what_was_typed_and_names_the_change_then_goes_through(
    unit: Unit, persona: Callable[..., User], client_as: Callable[..., Client], english: None
) -> None:
    activity = make_activity(unit, persona("work_coach"), today=timezone.localdate())
    url = reverse("activities:activity_change", args=[activity.pk])
    first = client_as("work_coach").post(url, _post(activity, 0, capacity="12"))
    assert first.status_code == 302

    second = client_as("unit_manager").post(url, _post(activity, 0, name="Verkstan kväll"))
    page = second.content.decode()
    assert second.status_code == 409
    assert "Someone else saved this while you were editing it" in page
    assert 'value="Verkstan kväll"' in page  # what the second person typed is kept
    assert '<th scope="row">Places</th><td>12</td><td>10</td>' in page
    assert "Work Coach Persona" in page  # who saved last
    assert '<input type="hidden" name="version" value="1"' in page
    assert Activity.objects.get(pk=activity.pk).name == "Arbetsträning Verkstan"

    again = client_as("unit_manager").post(
        url, _post(activity, 1, name="Verkstan kväll", capacity="12")
    )
    assert again.status_code == 302
    stored = Activity.objects.get(pk=activity.pk)
    assert (stored.name, stored.capacity, stored.version) == ("Verkstan kväll", 12, 2)
