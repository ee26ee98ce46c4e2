"""Writes of the follow-up: closing a case with its reason, recording the return follow-ups,
keeping the months with assistance the måltavla counts in step with the payments."""

from __future__ import annotations

from datetime import date

from django.db import connection, transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from bryggan.accounts.models import User
from bryggan.audit.services import change_record_write, change_records_write_many
from bryggan.core.errors import DomainError
from bryggan.core.month import Month
from bryggan.followup import rules, selectors
from bryggan.followup.board_store import (
    board_stale_everywhere,
    board_stale_from,
    board_stale_from_payments,
)
from bryggan.followup.models import (
    AssistanceMonth,
    AssistanceMonthsState,
    Closure,
    ClosureReasonChoices,
    ReturnFollowUp,
)
from bryggan.payments.models import Payment, PaymentStatus
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
    paid = selectors.household_assistance_months(
        household.pk, first=Month.of(closed_on).plus(-12), last=Month.of(closed_on)
    )
    closure = Closure.objects.create(
        household=locked,
        closed_on=closed_on,
        reason=reason,
        note=note,
        closed_by=by,
        long_term=rules.was_long_term_when_closed(paid, closed_on=closed_on),
    )
    change_record_write(
        user=by,
        case_id=household.pk,
        object_type="closure",
        object_id=closure.pk,
        action="recorded",
        # The note stays out of the history: it may hold details the history's readers need not see.
        changes={
            "reason": reason,
            "closed_on": closed_on.isoformat(),
            "long_term": closure.long_term,
        },
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


def _assistance_months_rebuild(households_sql: str, params: list[object]) -> None:
    """Rewrite the months with assistance of the households `households_sql` selects (a condition
    on `d.household_id`, the decision's household) from their standing payments."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM followup_assistancemonth WHERE household_id IN "  # noqa: S608 - fixed SQL
            f"(SELECT d.household_id FROM decisions_decision d WHERE {households_sql})",
            params,
        )
        cursor.execute(
            selectors.ASSISTANCE_MONTHS_SQL.replace("{households}", households_sql),
            [PaymentStatus.SENT.value, *params],
        )


# Households with a payment after a given one (payments are only ever added with higher ids).
_PAID_SINCE = (
    "d.household_id IN (SELECT d2.household_id FROM payments_payment p2 "
    "JOIN decisions_decision d2 ON d2.id = p2.decision_id WHERE p2.id > %s)"
)


@transaction.atomic
def assistance_months_refresh() -> int:
    """Bring `AssistanceMonth` up to date with the payments made since it was last refreshed.

    Payments are written in bulk by the payment run (no signal reaches us), so the board calls
    this before it reads: the households paid since the last payment read are rewritten whole (a
    new month can join two spells). A payment returned or reversed later is handled by the signal
    (`signals.py`); a deleted payment (never in normal work) by a full rebuild. Returns the last
    payment id read. One lock row keeps two refreshes from running at once.
    """
    state, _ = AssistanceMonthsState.objects.select_for_update().get_or_create(pk=1)
    last = Payment.objects.aggregate(last=Max("id"))["last"] or 0
    if last == state.last_payment_id:
        return last
    if last < state.last_payment_id:  # payments deleted: read everything again
        AssistanceMonth.objects.all().delete()
        _assistance_months_rebuild("1 = 1", [])
        board_stale_everywhere()
    else:
        _assistance_months_rebuild(_PAID_SINCE, [state.last_payment_id])
        board_stale_from_payments(state.last_payment_id)
    state.last_payment_id = last
    state.save(update_fields=["last_payment_id", "refreshed_at"])
    return last


@transaction.atomic
def assistance_months_refresh_household(*, household_id: int, month: Month) -> None:
    """Rewrite one household's months with assistance (a payment of it for `month` changed
    status); its board may change from that month on."""
    _assistance_months_rebuild("d.household_id = %s", [household_id])
    board_stale_from([household_id], month.index)
