"""The gates to projects and participations: a project within the user's unit, logging a read of
each case whose participant the page shows; a participation through its household's gate."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from bryggan.accounts.models import User
from bryggan.accounts.roles import may_see_unit_cases
from bryggan.audit.services import access_log_write_many
from bryggan.core.errors import NotFoundOrForbidden
from bryggan.people.access import CASE_NOT_FOUND, Purpose, access_household
from bryggan.projects.models import Participant, Project

PROJECT_NOT_FOUND = _("No such project, or not one you may see.")


def access_project(
    user: User,
    project_id: int,
    *,
    purpose: Purpose,
    request: HttpRequest | None = None,
    shows_participants: bool = True,
) -> Project:
    """A project of the user's unit. When the page shows its participants, each of their cases is
    logged as read (as the activity page does)."""
    project = Project.objects.select_related("unit").filter(pk=project_id).first()
    if project is None or not may_see_unit_cases(
        role=user.role, user_unit_id=user.unit_id, case_unit_id=project.unit_id
    ):
        raise NotFoundOrForbidden(PROJECT_NOT_FOUND)
    if shows_participants:
        households = (
            Participant.objects.filter(project=project)
            .order_by()
            .values_list("household_id", flat=True)
            .distinct()
        )
        access_log_write_many(
            user=user,
            object_type="project",
            rows=[(project.pk, household_id) for household_id in households],
            purpose=purpose,
            request=request,
        )
    return project


def access_participant(
    user: User, participant_id: int, *, purpose: Purpose, request: HttpRequest | None = None
) -> Participant:
    participant = (
        Participant.objects.select_related("project", "project__unit", "person", "household")
        .filter(pk=participant_id)
        .first()
    )
    if participant is None:
        raise NotFoundOrForbidden(CASE_NOT_FOUND)
    # The household gate checks the right (same unit) and writes the access-log row.
    access_household(user, participant.household_id, purpose=purpose, request=request)
    return participant
