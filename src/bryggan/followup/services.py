"""Writes of the follow-up: closing a case with its reason, recording the return follow-ups."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from bryggan.accounts.models import User
from bryggan.audit.services import change_record_write, change_records_write_many
from bryggan.core.errors import DomainError
from bryggan.followup import rules, selectors
from bryggan.followup.models import Closure, ClosureReasonChoices, ReturnFollowUp
from bryggan.people.models import Household
from bryggan.people.services import household_close

CLOSURE_REASON_REQUIRED = _("Give the reason the case is closed.")


@transaction.atomic
def case_close(
    *, household: Household, reason: str, closed_on: date, by: User, note: str = ""
) -> Closure:
    """Close an active case and record why (work, studies, other income, moved, other).

    Source: Trelleborg's and Borås's follow-up of closures (seed report *Att bryta mönster*).
    """
    if reason not in ClosureReasonChoices.values:
        raise DomainError(CLOSURE_REASON_REQUIRED, field="reason")
    # The row lock makes two closings at once wait for each other; the second then finds the case
    # closed and is refused by `household_close`.
    locked = Household.objects.select_for_update().get(pk=household.pk)
    household_close(household=locked, closed_on=closed_on, by=by)
    household.status, household.closed_on = locked.status, locked.closed_on
    closure = Closure.objects.create(
        household=locked, closed_on=closed_on, reason=reason, note=note, closed_by=by
    )
    change_record_write(
        user=by,
        case_id=household.pk,
        object_type="closure",
        object_id=closure.pk,
        action="recorded",
        # The note stays out of the history: it may hold details the history's readers need not see.
        changes={"reason": reason, "closed_on": closed_on.isoformat()},
    )
    return closure


@transaction.atomic
def return_follow_ups_record(*, today: date) -> list[ReturnFollowUp]:
    """Record the outcome of every closure to work or studies that is twelve months old.

    Idempotent: a closure with an outcome is never checked again (and the database holds one
    follow-up per closure).
    """
    due = selectors.closures_due_for_follow_up(today=today)
    received = selectors.application_days_by_household({c.household_id for c in due})
    made = []
    for closure in due:
        check = rules.return_outcome(closure.closed_on, received.get(closure.household_id, []))
        made.append(
            ReturnFollowUp(
                closure=closure,
                outcome=check.outcome.value,
                returned_on=check.returned_on,
                checked_on=today,
            )
        )
    ReturnFollowUp.objects.bulk_create(made, batch_size=2000)
    change_records_write_many(
        user=None,
        object_type="return_follow_up",
        action="recorded",
        rows=[(f.closure.household_id, f.closure_id, {"outcome": f.outcome}) for f in made],
    )
    return made
