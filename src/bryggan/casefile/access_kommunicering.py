"""The gates to a decision's kommunicering: through the household's gate (which checks the unit
and logs the read of the case), then the decision and the record must belong to that case; the
record's read is logged too (the letter names the material the decision rests on)."""

from __future__ import annotations

from django.http import HttpRequest

from bryggan.accounts.models import User
from bryggan.audit.services import access_log_write
from bryggan.casefile.models import Kommunicering
from bryggan.core.errors import NotFoundOrForbidden
from bryggan.decisions.models import Decision
from bryggan.decisions.selectors import decision_get
from bryggan.people.access import CASE_NOT_FOUND, Purpose, access_household
from bryggan.people.models import Household


def access_case_decision(
    user: User,
    household_id: int,
    decision_id: int,
    *,
    purpose: Purpose,
    request: HttpRequest | None = None,
) -> tuple[Household, Decision]:
    household = access_household(user, household_id, purpose=purpose, request=request)
    decision = decision_get(household, decision_id)
    if decision is None:
        raise NotFoundOrForbidden(CASE_NOT_FOUND)
    return household, decision


def access_kommunicering(
    user: User,
    household_id: int,
    decision_id: int,
    kommunicering_id: int,
    *,
    purpose: Purpose,
    request: HttpRequest | None = None,
) -> Kommunicering:
    household, decision = access_case_decision(
        user, household_id, decision_id, purpose=purpose, request=request
    )
    record = (
        Kommunicering.objects.select_related("decision", "household__unit", "created_by")
        .filter(pk=kommunicering_id, decision=decision, household=household)
        .first()
    )
    if record is None:
        raise NotFoundOrForbidden(CASE_NOT_FOUND)
    access_log_write(
        user=user,
        object_type="kommunicering",
        object_id=record.pk,
        case_id=household.pk,
        purpose=purpose,
        request=request,
    )
    return record
