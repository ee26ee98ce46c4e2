"""Writes of projects: create and change a project, add a participant, end a participation.
Each call is one transaction with its history rows."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from bryggan.accounts.models import Unit, User
from bryggan.activities.models import Activity, TargetGroup
from bryggan.audit.services import change_record_write
from bryggan.core.errors import DomainError
from bryggan.people.models import Household, Person
from bryggan.projects import rules, selectors
from bryggan.projects.models import FunderKind, Participant, Project
from bryggan.projects.rules import ParticipantOutcome, Period

NOT_A_MEMBER = _("The person is not a member of this household on the joining date.")
OTHER_UNIT = _("The project belongs to another unit.")
OTHER_UNIT_ACTIVITY = _("An activity belongs to another unit.")


def _check_activities(unit: Unit, activities: Iterable[Activity]) -> list[Activity]:
    chosen = list(activities)
    if any(activity.unit_id != unit.pk for activity in chosen):
        raise DomainError(OTHER_UNIT_ACTIVITY, field="activities")
    return chosen


def _fields(project: Project) -> dict[str, object]:
    return {
        "name": project.name,
        "funder_kind": project.funder_kind,
        "funder_name": project.funder_name,
        "starts_on": project.starts_on.isoformat(),
        "ends_on": project.ends_on.isoformat(),
        "budget": project.budget,
        "spent": project.spent,
        "target_group": project.target_group,
        "baseline_months": project.baseline_months,
        "description": project.description,
    }


@transaction.atomic
def project_create(
    *,
    unit: Unit,
    name: str,
    funder_kind: FunderKind,
    funder_name: str,
    starts_on: date,
    ends_on: date,
    budget: int,
    spent: int | None,
    target_group: TargetGroup,
    baseline_months: int | None,
    description: str,
    activities: Iterable[Activity] = (),
    by: User,
) -> Project:
    """Register a project of the unit."""
    rules.check_project(
        starts_on=starts_on,
        ends_on=ends_on,
        budget=budget,
        spent=spent,
        baseline_months=baseline_months,
    )
    chosen = _check_activities(unit, activities)
    project = Project.objects.create(
        unit=unit,
        name=name,
        funder_kind=funder_kind,
        funder_name=funder_name,
        starts_on=starts_on,
        ends_on=ends_on,
        budget=budget,
        spent=spent,
        target_group=target_group,
        baseline_months=baseline_months,
        description=description,
        created_by=by,
    )
    project.activities.set(chosen)
    change_record_write(
        user=by,
        case_id=None,
        object_type="project",
        object_id=project.pk,
        action="created",
        changes={**_fields(project), "activities": [a.pk for a in chosen]},
    )
    return project


@transaction.atomic
def project_update(
    *,
    project: Project,
    name: str,
    funder_kind: FunderKind,
    funder_name: str,
    starts_on: date,
    ends_on: date,
    budget: int,
    spent: int | None,
    target_group: TargetGroup,
    baseline_months: int | None,
    description: str,
    activities: Iterable[Activity] = (),
    by: User,
) -> Project:
    """Change a project; its period must still hold every participation."""
    rules.check_project(
        starts_on=starts_on,
        ends_on=ends_on,
        budget=budget,
        spent=spent,
        baseline_months=baseline_months,
    )
    locked = Project.objects.select_for_update().get(pk=project.pk)
    chosen = _check_activities(locked.unit, activities)
    outside = rules.stays_outside(Period(starts_on, ends_on), selectors.stays_of_project(locked))
    if outside:
        raise rules.ProjectRuleError(
            rules.PARTICIPANTS_OUTSIDE_PERIOD, field="starts_on", count=outside
        )
    before = _fields(locked)
    locked.name = name
    locked.funder_kind = funder_kind
    locked.funder_name = funder_name
    locked.starts_on = starts_on
    locked.ends_on = ends_on
    locked.budget = budget
    locked.spent = spent
    locked.target_group = target_group
    locked.baseline_months = baseline_months
    locked.description = description
    locked.save(update_fields=[*before, "updated_at"])
    previous_activities = sorted(locked.activities.values_list("pk", flat=True))
    locked.activities.set(chosen)
    after = _fields(locked)
    changes: dict[str, object] = {
        key: [before[key], value] for key, value in after.items() if before[key] != value
    }
    now_activities = sorted(a.pk for a in chosen)
    if now_activities != previous_activities:
        changes["activities"] = [previous_activities, now_activities]
    change_record_write(
        user=by,
        case_id=None,
        object_type="project",
        object_id=locked.pk,
        action="changed",
        changes=changes,
    )
    return locked


@transaction.atomic
def participant_add(
    *, project: Project, household: Household, person: Person, joined_on: date, by: User
) -> Participant:
    """A member of one of the unit's cases joins the project within its period, and not while
    already taking part."""
    if household.unit_id != project.unit_id:
        raise DomainError(OTHER_UNIT, field="project")
    if selectors.member_on(household, person.pk, joined_on) is None:
        raise DomainError(NOT_A_MEMBER, field="person")
    # Lock the project so that two additions of the same person at once cannot both pass.
    locked = Project.objects.select_for_update().get(pk=project.pk)
    rules.check_joining(
        Period(locked.starts_on, locked.ends_on),
        stay=rules.Stay(joined_on, None),
        others=selectors.stays_of_project(locked, person_id=person.pk),
    )
    participant = Participant.objects.create(
        project=locked, household=household, person=person, joined_on=joined_on, added_by=by
    )
    change_record_write(
        user=by,
        case_id=household.pk,
        object_type="project_participant",
        object_id=participant.pk,
        action="joined",
        changes={
            "project": locked.pk,
            "person": person.pk,
            "joined_on": joined_on.isoformat(),
        },
    )
    return participant


@transaction.atomic
def participant_end(
    *,
    participant: Participant,
    left_on: date,
    outcome: ParticipantOutcome | None,
    by: User,
    today: date,
) -> Participant:
    """The participant leaves the project, with the outcome (work, studies, other income, moved,
    interrupted or other)."""
    locked = (
        Participant.objects.select_for_update().select_related("project").get(pk=participant.pk)
    )
    project = locked.project
    rules.check_leaving(
        Period(project.starts_on, project.ends_on),
        stay=rules.Stay(locked.joined_on, locked.left_on),
        left_on=left_on,
        outcome=outcome,
        today=today,
    )
    locked.left_on = left_on
    locked.outcome = str(outcome)
    locked.save(update_fields=["left_on", "outcome", "updated_at"])
    change_record_write(
        user=by,
        case_id=locked.household_id,
        object_type="project_participant",
        object_id=locked.pk,
        action="left",
        changes={"left_on": left_on.isoformat(), "outcome": str(outcome)},
    )
    return locked
