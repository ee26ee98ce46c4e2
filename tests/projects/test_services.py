"""Project services: registering and changing projects, joining and leaving, with history."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from bryggan.accounts.models import Unit, User
from bryggan.audit.models import ChangeRecord
from bryggan.core.errors import DomainError
from bryggan.projects import rules, services
from bryggan.projects.models import Participant
from bryggan.projects.rules import ParticipantOutcome, ProjectRuleError
from tests.activities.factories import make_activity
from tests.projects.factories import join, make_case, make_project

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 23)


def test_a_registered_project_has_its_history_row(unit: Unit, persona: Callable[..., User]) -> None:
    manager = persona("unit_manager")
    activity = make_activity(unit, manager, today=TODAY)
    project = services.project_create(
        unit=unit,
        name="Språnget",
        funder_kind="esf",  # type: ignore[arg-type]
        funder_name="ESF-rådet",
        starts_on=date(2026, 1, 1),
        ends_on=date(2027, 12, 31),
        budget=4_200_000,
        spent=1_000_000,
        target_group="youth",  # type: ignore[arg-type]
        baseline_months=36,
        description="Work first for young adults.",
        activities=[activity],
        by=manager,
    )
    assert list(project.activities.all()) == [activity]
    record = ChangeRecord.objects.get(object_type="project", object_id=str(project.pk))
    assert record.action == "created"
    assert record.changes["budget"] == 4_200_000
    assert record.changes["activities"] == [activity.pk]


def test_an_activity_of_another_unit_cannot_belong_to_the_project(
    unit: Unit, other_unit: Unit, persona: Callable[..., User]
) -> None:
    foreign = make_activity(other_unit, persona("unit_manager", in_unit=other_unit), today=TODAY)
    with pytest.raises(DomainError) as error:
        services.project_create(
            unit=unit, name="X", funder_kind="esf", funder_name="", starts_on=date(2026, 1, 1),
            ends_on=date(2026, 12, 31), budget=0, spent=None, target_group="all",
            baseline_months=None, description="", activities=[foreign], by=persona("unit_manager"),
        )  # fmt: skip
    assert error.value.field == "activities"


def test_a_member_joins_and_leaves_with_an_outcome_and_both_are_in_the_history(
    unit: Unit, persona: Callable[..., User]
) -> None:
    manager, caseworker = persona("unit_manager"), persona("caseworker")
    project = make_project(unit, manager)
    case = make_case(unit, caseworker)
    participant = join(project, case, caseworker, on=date(2026, 2, 1))
    ended = services.participant_end(
        participant=participant,
        left_on=date(2026, 9, 30),
        outcome=ParticipantOutcome.WORK,
        by=caseworker,
        today=TODAY,
    )
    assert (ended.left_on, ended.outcome) == (date(2026, 9, 30), "work")
    actions = list(
        ChangeRecord.objects.filter(object_type="project_participant", case_id=case.pk)
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["joined", "left"]


def test_the_same_person_cannot_be_added_twice_at_overlapping_dates(
    unit: Unit, persona: Callable[..., User]
) -> None:
    caseworker = persona("caseworker")
    project = make_project(unit, persona("unit_manager"))
    case = make_case(unit, caseworker)
    join(project, case, caseworker, on=date(2026, 2, 1))
    with pytest.raises(ProjectRuleError) as error:
        join(project, case, caseworker, on=date(2026, 3, 1))
    assert error.value.template == rules.OVERLAPPING_PARTICIPATION
    assert Participant.objects.count() == 1


def test_a_person_who_has_left_may_join_again_later(
    unit: Unit, persona: Callable[..., User]
) -> None:
    caseworker = persona("caseworker")
    project = make_project(unit, persona("unit_manager"))
    case = make_case(unit, caseworker)
    first = join(project, case, caseworker, on=date(2026, 2, 1))
    services.participant_end(
        participant=first, left_on=date(2026, 3, 1), outcome=ParticipantOutcome.INTERRUPTED,
        by=caseworker, today=TODAY,
    )  # fmt: skip
    join(project, case, caseworker, on=date(2026, 4, 1))
    assert Participant.objects.filter(project=project).count() == 2


def test_joining_outside_the_projects_period_is_refused(
    unit: Unit, persona: Callable[..., User]
) -> None:
    caseworker = persona("caseworker")
    project = make_project(unit, persona("unit_manager"))
    case = make_case(unit, caseworker, opened_on=date(2025, 1, 1))
    with pytest.raises(ProjectRuleError) as error:
        join(project, case, caseworker, on=date(2025, 12, 31))
    assert error.value.template == rules.JOINED_OUTSIDE_PERIOD


def test_a_case_of_another_unit_cannot_join(
    unit: Unit, other_unit: Unit, persona: Callable[..., User]
) -> None:
    project = make_project(unit, persona("unit_manager"))
    foreign = make_case(other_unit, persona("caseworker", in_unit=other_unit))
    with pytest.raises(DomainError) as error:
        join(project, foreign, persona("caseworker"), on=date(2026, 2, 1))
    assert error.value.message == services.OTHER_UNIT


def test_only_a_member_of_the_household_on_the_joining_date_can_join(
    unit: Unit, persona: Callable[..., User]
) -> None:
    caseworker = persona("caseworker")
    project = make_project(unit, persona("unit_manager"))
    case = make_case(unit, caseworker, opened_on=date(2026, 6, 1))
    other = make_case(unit, caseworker)
    with pytest.raises(DomainError) as error:
        join(project, case, caseworker, on=date(2026, 5, 31))  # before the case opened
    assert error.value.message == services.NOT_A_MEMBER
    stranger = other.members.get().person
    with pytest.raises(DomainError):
        services.participant_add(
            project=project, household=case, person=stranger, joined_on=date(2026, 7, 1),
            by=caseworker,
        )  # fmt: skip


def test_leaving_in_the_future_is_refused_and_nothing_changes(
    unit: Unit, persona: Callable[..., User]
) -> None:
    caseworker = persona("caseworker")
    participant = join(
        make_project(unit, persona("unit_manager")),
        make_case(unit, caseworker),
        caseworker,
        on=date(2026, 2, 1),
    )
    with pytest.raises(ProjectRuleError):
        services.participant_end(
            participant=participant, left_on=date(2026, 11, 24), outcome=ParticipantOutcome.WORK,
            by=caseworker, today=TODAY,
        )  # fmt: skip
    participant.refresh_from_db()
    assert (participant.left_on, participant.outcome) == (None, "")


def test_a_project_cannot_shrink_around_its_participants(
    unit: Unit, persona: Callable[..., User]
) -> None:
    manager, caseworker = persona("unit_manager"), persona("caseworker")
    project = make_project(unit, manager)
    join(project, make_case(unit, caseworker), caseworker, on=date(2026, 2, 1))
    arguments = {
        "name": project.name, "funder_kind": "esf", "funder_name": "", "ends_on": project.ends_on,
        "budget": 1, "spent": 2, "target_group": "all", "baseline_months": None,
        "description": "", "by": manager,
    }  # fmt: skip
    with pytest.raises(ProjectRuleError) as error:
        services.project_update(project=project, starts_on=date(2026, 3, 1), **arguments)  # type: ignore[arg-type]
    assert error.value.message == (
        "Participations outside the new period: 1. Change their dates first."
    )
    changed = services.project_update(project=project, starts_on=date(2026, 2, 1), **arguments)  # type: ignore[arg-type]
    assert (changed.starts_on, changed.budget, changed.spent) == (date(2026, 2, 1), 1, 2)
    record = ChangeRecord.objects.get(object_type="project", action="changed")
    assert record.changes["starts_on"] == ["2026-01-01", "2026-02-01"]
