"""The demo's projects, made through the services from the unit's cases.

Built on a small hand-made unit rather than the whole demo, so that the test stays quick and
does not depend on the rest of the generator.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date

import pytest

from bryggan.accounts.models import Unit, User
from bryggan.activities.models import TargetGroup
from bryggan.demo.projects import demo_projects
from bryggan.followup.services import case_close
from bryggan.projects.models import Participant, Project
from bryggan.projects.selectors import project_comparison
from tests.projects.factories import make_case

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 23)


def _unit_with_cases(unit: Unit, persona: Callable[..., User]) -> None:
    persona("unit_manager")
    coach = persona("work_coach")
    for i in range(30):
        case = make_case(unit, coach, opened_on=date(2025, 1, 2), born=date(1980 + i % 25, 5, 1))
        if i % 5 == 0:
            case_close(household=case, reason="work", closed_on=date(2026, 6, 1), by=coach)


def test_the_demo_projects_have_participants_and_outcomes(
    unit: Unit, persona: Callable[..., User]
) -> None:
    _unit_with_cases(unit, persona)
    added = demo_projects(units=[unit], today=TODAY, rng=random.Random(7))
    assert added == Participant.objects.count() > 0
    assert dict(Project.objects.values_list("name", "target_group")) == {
        "Språnget": TargetGroup.ALL,
        "Unga in": TargetGroup.YOUTH,
    }
    # A participant whose case closed to work after joining left the project that day for work.
    closed = Participant.objects.filter(household__closures__reason="work")
    assert closed.exists()
    assert all(
        (p.outcome, p.left_on) == ("work", date(2026, 6, 1))
        for p in closed.filter(joined_on__lte=date(2026, 6, 1))
    )
    comparison = project_comparison(Project.objects.get(name="Språnget"), today=TODAY)
    assert comparison.during is not None
    assert (
        comparison.during.population
        == Participant.objects.filter(project__name="Språnget").values("person").distinct().count()
    )


def test_the_demo_projects_are_the_same_for_the_same_seed(
    unit: Unit, persona: Callable[..., User]
) -> None:
    _unit_with_cases(unit, persona)
    demo_projects(units=[unit], today=TODAY, rng=random.Random(7))
    first = sorted(Participant.objects.values_list("person_id", "joined_on", "left_on", "outcome"))
    Participant.objects.all().delete()
    Project.objects.all().delete()
    demo_projects(units=[unit], today=TODAY, rng=random.Random(7))
    again = sorted(Participant.objects.values_list("person_id", "joined_on", "left_on", "outcome"))
    assert first == again
