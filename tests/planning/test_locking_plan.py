"""No lost edits on an action plan: two people write a new version from the same one; the second
is told what the first wrote, keeps what they typed, and saves after reading."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bryggan.accounts.models import Unit, User
from bryggan.audit.models import ChangeRecord
from bryggan.core.locking import EditConflict, FieldChange
from bryggan.people.models import Household
from bryggan.planning.models import ActionPlan, Goal, PlanVersion, Responsible, WrittenBy
from bryggan.planning.services import StepInput, plan_version_create
from tests.activities.factories import make_household
from tests.planning.factories import make_version

pytestmark = pytest.mark.django_db


def _new_version(household: Household, by: User, version: int | None, **given: Any) -> PlanVersion:
    return plan_version_create(
        household=household,
        person=household.members.get(role="applicant").person,
        written_by=WrittenBy.CASEWORKER,
        by=by,
        today=timezone.localdate(),
        version=version,
        **given,
    )


def test_a_version_written_at_the_plans_version_is_saved_and_advances_it(
    unit: Unit, persona: Callable[..., User]
) -> None:
    worker = persona("caseworker")
    household = make_household(unit, worker, serial=71)
    first = _new_version(household, worker, 0, goal=Goal.WORK)
    second = _new_version(household, worker, 1, goal_text="Lager")
    assert (first.number, second.number) == (1, 2)
    assert ActionPlan.objects.get().version == 2


def test_a_version_written_from_an_old_one_is_refused_and_writes_nothing(
    unit: Unit, persona: Callable[..., User]
) -> None:
    worker, coach = persona("caseworker"), persona("work_coach")
    household = make_household(unit, worker, serial=72)
    make_version(household, worker, today=timezone.localdate())  # plan version 1
    _new_version(household, worker, 1, goal_text="Arbete inom vården")  # plan version 2
    history = ChangeRecord.objects.count()
    with pytest.raises(EditConflict) as caught:
        _new_version(
            household,
            coach,
            1,
            goal_text="Arbete inom lager, heltid",
            steps=[StepInput("Söka fem jobb i veckan", Responsible.CLIENT)],
        )
    assert caught.value.version == 2
    changes = {c.field: c for c in caught.value.changes}
    assert changes["goal_text"] == FieldChange(
        "goal_text", "Arbete inom vården", "Arbete inom lager, heltid"
    )
    assert changes["step_2"] == FieldChange("step_2", "Anvisa till Lager och logistik", None)
    assert caught.value.last is not None
    assert caught.value.last.by == worker.get_full_name()
    assert PlanVersion.objects.count() == 2
    assert ActionPlan.objects.get().version == 2
    assert ChangeRecord.objects.count() == history


def test_two_first_versions_at_once_the_second_is_refused(
    unit: Unit, persona: Callable[..., User]
) -> None:
    worker = persona("caseworker")
    household = make_household(unit, worker, serial=73)
    _new_version(household, worker, 0, goal=Goal.WORK)
    with pytest.raises(EditConflict):
        _new_version(household, worker, 0, goal=Goal.STUDIES)
    assert PlanVersion.objects.get().goal == Goal.WORK


def _form(version: int, **extra: str) -> dict[str, str]:
    return {
        "goal": "work",
        "goal_text": "Arbete inom lager",
        "consequences": "",
        "written_by": "caseworker",
        "step_1": "Söka fem jobb i veckan",
        "step_1_who": "client",
        "version": str(version),
    } | extra


def test_the_second_writer_keeps_what_they_typed_and_saves_after_reading(
    unit: Unit, persona: Callable[..., User], client_as: Callable[..., Client], english: None
) -> None:
    worker = persona("caseworker")
    household = make_household(unit, worker, serial=74)
    make_version(household, worker, today=timezone.localdate())
    person = household.members.get(role="applicant").person
    url = reverse("planning:version_create", args=[household.pk, person.pk])
    page = client_as("work_coach").get(url).content.decode()
    assert '<input type="hidden" name="version" value="1"' in page

    first = client_as("caseworker").post(url, _form(1, goal_text="Arbete inom vården"))
    assert first.status_code == 302
    second = client_as("work_coach").post(url, _form(1, goal_text="Truckkort och lager"))
    html = second.content.decode()
    assert second.status_code == 409
    assert "Truckkort och lager" in html
    assert "Arbete inom vården</td><td>Truckkort och lager</td>" in html
    assert "Caseworker Persona" in html
    assert '<input type="hidden" name="version" value="2"' in html
    assert PlanVersion.objects.count() == 2

    again = client_as("work_coach").post(url, _form(2, goal_text="Truckkort och lager"))
    assert again.status_code == 302
    assert PlanVersion.objects.order_by("-number").first().goal_text == "Truckkort och lager"  # type: ignore[union-attr]
