"""`decision_sign` refuses while an adult of the household lacks the month's reason for need."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.utils import timezone

from bryggan.accounts.models import Unit, User
from bryggan.core.errors import DomainError
from bryggan.core.month import Month
from bryggan.decisions.models import Decision, DecisionStatus
from bryggan.decisions.services import decision_sign
from bryggan.reporting.models import ReportingSettings
from bryggan.reporting.services import reason_for_need_record
from tests.payments.conftest import current_year_norm, delegation, make_decision

__all__ = ["current_year_norm", "delegation", "make_decision"]
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_a_decision_is_signed_only_after_the_reason_for_need_is_recorded(
    unit: Unit, persona: Callable[..., User], make_decision: Callable[..., Decision]
) -> None:
    caseworker = persona("caseworker")
    decision = make_decision(3, sign=False, reason_for_need=False)
    ReportingSettings.objects.create(unit=unit, reasons_required_from=decision.month)
    with pytest.raises(DomainError, match="reason for need"):
        decision_sign(decision=decision, by=caseworker, now=timezone.now())
    assert Decision.objects.get(pk=decision.pk).status == DecisionStatus.DRAFT
    person = decision.household.members.get().person
    reason_for_need_record(
        household=decision.household,
        month=Month.parse(decision.month),
        person=person,
        code="unemployed_no_benefit",
        by=caseworker,
        now=timezone.now(),
    )
    signed = decision_sign(decision=decision, by=caseworker, now=timezone.now())
    assert signed.status == DecisionStatus.SIGNED
