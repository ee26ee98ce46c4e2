"""The gate to applications and their first meetings: through the household's gate."""

from __future__ import annotations

from django.http import HttpRequest

from bryggan.accounts.models import User
from bryggan.core.errors import NotFoundOrForbidden
from bryggan.intake.models import Application
from bryggan.people.access import CASE_NOT_FOUND, Purpose, access_household


def access_application(
    user: User, application_id: int, *, purpose: Purpose, request: HttpRequest | None = None
) -> Application:
    application = (
        Application.objects.select_related("household", "first_meeting")
        .filter(pk=application_id)
        .first()
    )
    if application is None:
        raise NotFoundOrForbidden(CASE_NOT_FOUND)
    # The household gate checks the right and writes the access-log row.
    access_household(user, application.household_id, purpose=purpose, request=request)
    return application
