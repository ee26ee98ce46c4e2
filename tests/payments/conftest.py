"""Signed decisions ready to pay (fixtures shared with the decisions tests)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from django.utils import timezone

from bryggan.accounts.models import Unit, User
from bryggan.core.month import Month
from bryggan.decisions.models import Decision
from bryggan.decisions.rules import Outcome
from bryggan.decisions.services import calculation_save, decision_draft_create, decision_sign
from bryggan.intake.models import Channel
from bryggan.intake.services import application_register
from bryggan.reporting.services import reason_for_need_record
from tests.decisions.conftest import ACCOUNT, CLEARING, current_year_norm, delegation
from tests.people.factories import person_input

__all__ = ["current_year_norm", "delegation"]


@pytest.fixture
def make_decision(
    unit: Unit, persona: Callable[..., User], current_year_norm: int, delegation: None
) -> Callable[..., Decision]:
    """A signed decision for a new household (serial number `n`), paying the calculated amount.

    The applicant's reason for need for the month is recorded first, as a caseworker does before
    signing, so the decision (signed here or later by the test) signs whether or not the unit
    requires reasons (`reporting.ReportingSettings`); `reason_for_need=False` leaves it out.
    """
    persona("work_coach")
    caseworker = persona("caseworker")

    def make(
        n: int,
        *,
        rent: int = 5000,
        kind: str = "livelihood_support",
        sign: bool = True,
        reason_for_need: bool = True,
    ) -> Decision:
        application = application_register(
            unit=unit,
            registered_by=caseworker,
            received_at=timezone.now(),
            channel=Channel.IN_PERSON,
            month=Month.of(timezone.localdate()),
            applicant=person_input(
                date(1970, 1, 1) + (date(1970, 1, 2) - date(1970, 1, 1)) * n, 100 + n
            ),
            allow_over_cap=True,
            now=timezone.now(),
        )
        calculation = calculation_save(
            household=application.household,
            document={
                "month": application.month,
                "members": [{"id": "p1", "birth_date": "1970-01-01"}],
                "costs": [{"type": "housing", "amount": rent}],
            },
            by=caseworker,
        )
        decision = decision_draft_create(
            household=application.household,
            month=application.month,
            kind=kind,
            outcome=Outcome.GRANTED,
            calculation=calculation,
            amount=calculation.amount,
            deviation_reason="",
            reasons="Rätt till bistånd.",
            documents_checked=["rent_contract"],
            personal_visit_held=True,
            registered_at_af=True,
            clearing=CLEARING,
            account=ACCOUNT,
            by=caseworker,
        )
        if reason_for_need:
            reason_for_need_record(
                household=application.household,
                month=Month.parse(application.month),
                person=application.household.members.get().person,
                code="unemployed_no_benefit",
                by=caseworker,
                now=timezone.now(),
            )
        if not sign:
            return decision
        return decision_sign(decision=decision, by=caseworker, now=timezone.now())

    return make
