"""The gate to a proposal: the case's gate (unit, access-log row), then the proposal itself."""

from __future__ import annotations

from django.http import HttpRequest

from bryggan.accounts.models import User
from bryggan.core.errors import NotFoundOrForbidden
from bryggan.people.access import CASE_NOT_FOUND, Purpose, access_household
from bryggan.preassessment.models import Proposal
from bryggan.preassessment.selectors import proposal_get


def access_proposal(
    user: User, proposal_id: int, *, request: HttpRequest | None = None
) -> Proposal:
    proposal = proposal_get(proposal_id)
    if proposal is None:
        raise NotFoundOrForbidden(CASE_NOT_FOUND)
    access_household(user, proposal.household_id, purpose=Purpose.CASEWORK, request=request)
    return proposal
