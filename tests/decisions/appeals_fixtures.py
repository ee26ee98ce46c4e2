"""A signed decision on assistance with chosen signing and receipt days, to appeal against."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time

import pytest

from bryggan.accounts.models import User
from bryggan.decisions.models import Decision
from bryggan.decisions.services import decision_record_receipt, decision_sign

TODAY = date(2026, 12, 7)


def at_noon(day: date) -> datetime:
    return datetime.combine(day, time(11), tzinfo=UTC)


@pytest.fixture
def decided(
    make_decision: Callable[..., Decision], persona: Callable[..., User]
) -> Callable[..., Decision]:
    """`decided(n, signed_on=…, received_on=…)`: case `n`'s decision, signed on `signed_on` and
    received by the applicant on `received_on` (None: not recorded)."""

    def make(n: int, *, signed_on: date, received_on: date | None) -> Decision:
        caseworker = persona("caseworker")
        decision = decision_sign(
            decision=make_decision(n, sign=False), by=caseworker, now=at_noon(signed_on)
        )
        if received_on is not None:
            decision = decision_record_receipt(
                decision=decision,
                received_on=received_on,
                today=max(TODAY, received_on),
                by=caseworker,
            )
        return decision

    return make
