"""Pure rules of requests for documents and preliminary replies: values in, values out.

Sources: förvaltningslagen (2017:900) 9 § (a case is handled as simply, quickly and cheaply as
possible) and 11 § (a party is told of a considerable delay of a decision, with its reason).
The law sets no number of days for "considerable": the unit's target is a setting
(`BRYGGAN_DECISION_TARGET_DAYS`), not verified against any source.
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum

from django.utils.translation import gettext_lazy as _


class RequestState(StrEnum):
    OPEN = "open"
    FULFILLED = "fulfilled"
    REVIEWED = "reviewed"
    OVERDUE = "overdue"


STATE_LABELS = {
    RequestState.OPEN: _("Waiting for the document"),
    RequestState.FULFILLED: _("Sent in"),
    RequestState.REVIEWED: _("Sent in and reviewed"),
    RequestState.OVERDUE: _("The last day has passed"),
}


def request_state(
    *, last_day: date, fulfilled_on: date | None, today: date, reviewed: bool = False
) -> RequestState:
    """Fulfilled once a document came in against it, reviewed once the caseworker has gone
    through it; overdue the day after the last day with nothing sent."""
    if fulfilled_on is not None:
        return RequestState.REVIEWED if reviewed else RequestState.FULFILLED
    if today > last_day:
        return RequestState.OVERDUE
    return RequestState.OPEN


def reply_due_on(*, received_on: date, target_days: int) -> date:
    """The day a preliminary reply is due when no decision has come: the unit's target after the
    application came in."""
    return received_on + timedelta(days=target_days)


def is_reply_due(
    *,
    received_on: date,
    target_days: int,
    decided: bool,
    replied: bool,
    today: date,
) -> bool:
    """A reply is due on an undecided application older than the target and not yet answered."""
    return (
        not decided
        and not replied
        and today > reply_due_on(received_on=received_on, target_days=target_days)
    )
