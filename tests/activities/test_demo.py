"""The demo's work line: catalogue, referrals and attendance made through the services."""

from __future__ import annotations

import pytest

from bryggan.accounts.models import Unit
from bryggan.activities.models import (
    Activity,
    Attendance,
    ParticipationAbility,
    Referral,
    SanctionProposal,
    SanctionStatus,
)
from bryggan.activities.selectors import passive_list
from bryggan.demo.generator import generate
from tests.conftest import local

NOW = local(2026, 11, 23, 12)


@pytest.mark.django_db
def test_the_demo_fills_the_catalogue_the_attendance_and_the_passive_list() -> None:
    generate(households=60, seed=3, now=NOW)
    assert Activity.objects.count() == 10  # five per unit
    assert Referral.objects.filter(status="started").exists()
    assert Referral.objects.filter(status="ended").exclude(outcome="").exists()
    assert Attendance.objects.filter(status="unexcused_absence").exists()
    assert ParticipationAbility.objects.filter(able_to_participate=False).exists()
    assert any(passive_list(unit, today=NOW.date()) for unit in Unit.objects.all())
    # Unexcused absences produced sanction proposals, carried through to every state the
    # demo's norms allow (a month without a riksnorm keeps its proposals waiting).
    states = set(SanctionProposal.objects.values_list("status", flat=True))
    assert {SanctionStatus.PROPOSED, SanctionStatus.DISMISSED} <= states
