"""Reads for pre-assessment: the queue's failed checks, read in SQL, are the ones the proposal's
check rows give."""

from __future__ import annotations

import pytest

from bryggan.preassessment.models import Proposal
from bryggan.preassessment.rules import CheckOutcome
from bryggan.preassessment.selectors import failed_rules_of
from tests.preassessment.factories import SALARY, RenewalCase, make_renewal_case, renew

pytestmark = pytest.mark.django_db


def _failed_in_python(proposal: Proposal) -> list[str]:
    return [
        c.rule for c in proposal.checks.order_by("position") if c.outcome != CheckOutcome.PASSED
    ]


def test_failed_rules_are_those_of_the_check_rows_in_published_order(case: RenewalCase) -> None:
    other = make_renewal_case(case.household.unit, case.caseworker, serial=5)
    changed = renew(case, changes={"employment": SALARY + 1500}, household_changed=True).proposal
    passed = renew(other).proposal
    failed = failed_rules_of([changed.pk, passed.pk])
    assert failed[changed.pk] == _failed_in_python(changed)
    assert failed[changed.pk][:2] == ["incomes_unchanged", "changes_documented"]
    assert "household_unchanged" in failed[changed.pk]
    assert passed.pk not in failed
    assert _failed_in_python(passed) == []
