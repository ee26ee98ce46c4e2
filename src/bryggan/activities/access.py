"""The gates to activities and referrals: a referral through its household's gate; an activity
within the user's unit, logging a read of each case whose participant the page shows."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from bryggan.accounts.models import User
from bryggan.accounts.roles import may_see_unit_cases
from bryggan.activities.models import (
    Activity,
    Referral,
    SanctionProposal,
    SanctionReconsideration,
)
from bryggan.audit.services import access_log_write
from bryggan.core.errors import NotFoundOrForbidden
from bryggan.people.access import CASE_NOT_FOUND, Purpose, access_household

ACTIVITY_NOT_FOUND = _("No such activity, or not one you may see.")


def access_referral(
    user: User, referral_id: int, *, purpose: Purpose, request: HttpRequest | None = None
) -> Referral:
    referral = (
        Referral.objects.select_related("activity", "person", "household")
        .filter(pk=referral_id)
        .first()
    )
    if referral is None:
        raise NotFoundOrForbidden(CASE_NOT_FOUND)
    # The household gate checks the right and writes the access-log row.
    access_household(user, referral.household_id, purpose=purpose, request=request)
    return referral


def access_activity(
    user: User, activity_id: int, *, purpose: Purpose, request: HttpRequest | None = None
) -> Activity:
    """An activity of the user's unit; the participants' cases are logged as read."""
    activity = Activity.objects.select_related("unit").filter(pk=activity_id).first()
    if activity is None or not may_see_unit_cases(
        role=user.role, user_unit_id=user.unit_id, case_unit_id=activity.unit_id
    ):
        raise NotFoundOrForbidden(ACTIVITY_NOT_FOUND)
    for household_id in (
        Referral.objects.filter(activity=activity)
        .order_by()
        .values_list("household_id", flat=True)
        .distinct()
    ):
        access_log_write(
            user=user,
            object_type="activity",
            object_id=activity.pk,
            case_id=household_id,
            purpose=purpose,
            request=request,
        )
    return activity


def access_sanction(
    user: User, proposal_id: int, *, purpose: Purpose, request: HttpRequest | None = None
) -> SanctionProposal:
    """A sanction proposal or decision, through its household's gate (logged, 404 if not yours)."""
    proposal = (
        SanctionProposal.objects.select_related(
            "person", "household", "household__unit", "assessed_by", "decided_by", "proposed_by"
        )
        .filter(pk=proposal_id)
        .first()
    )
    if proposal is None:
        raise NotFoundOrForbidden(CASE_NOT_FOUND)
    access_household(user, proposal.household_id, purpose=purpose, request=request)
    return proposal


def access_sanction_reconsideration(
    user: User, reconsideration_id: int, *, purpose: Purpose, request: HttpRequest | None = None
) -> SanctionReconsideration:
    """A reconsideration of a reduction, through its household's gate (logged, 404 if not yours)."""
    reconsideration = (
        SanctionReconsideration.objects.select_related(
            "proposal",
            "proposal__household",
            "proposal__household__unit",
            "proposal__decided_by",
            "decided_by",
        )
        .filter(pk=reconsideration_id)
        .first()
    )
    if reconsideration is None:
        raise NotFoundOrForbidden(CASE_NOT_FOUND)
    access_household(user, reconsideration.proposal.household_id, purpose=purpose, request=request)
    return reconsideration
