"""Projects, cases and participants for tests, made through the real services."""

from __future__ import annotations

from datetime import date

from bryggan.accounts.models import Unit, User
from bryggan.activities.models import TargetGroup
from bryggan.people.models import Household
from bryggan.projects.models import FunderKind, Participant, Project
from bryggan.projects.services import participant_add, project_create
from tests.followup.factories import household


def make_project(
    unit: Unit,
    by: User,
    *,
    starts_on: date = date(2026, 1, 1),
    ends_on: date = date(2027, 12, 31),
    target_group: TargetGroup = TargetGroup.ALL,
    baseline_months: int | None = None,
    name: str = "Språnget",
) -> Project:
    return project_create(
        unit=unit,
        name=name,
        funder_kind=FunderKind.ESF,
        funder_name="Europeiska socialfonden",
        starts_on=starts_on,
        ends_on=ends_on,
        budget=4_200_000,
        spent=None,
        target_group=target_group,
        baseline_months=baseline_months,
        description="",
        by=by,
    )


def make_case(
    unit: Unit,
    by: User,
    *,
    opened_on: date = date(2025, 6, 2),
    born: date = date(1985, 3, 1),
    first: str = "Sara",
) -> Household:
    return household(unit, by=by, opened_on=opened_on, born=born, first=first, last="Lind")


def join(project: Project, household: Household, by: User, *, on: date) -> Participant:
    person = household.members.get(role="applicant").person
    return participant_add(project=project, household=household, person=person, joined_on=on, by=by)


__all__ = ["join", "make_case", "make_project"]
