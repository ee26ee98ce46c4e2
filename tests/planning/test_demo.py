"""The demo's action plans: signed versions, youth authors, held and missed follow-ups."""

from __future__ import annotations

import pytest

from bryggan.demo.generator import generate
from bryggan.planning.models import ActionPlan, FollowUp, PlanVersion
from tests.conftest import local

NOW = local(2026, 11, 23, 12)


@pytest.mark.django_db
def test_the_demo_gives_a_share_of_clients_signed_plans_and_some_missed_follow_ups() -> None:
    generate(households=60, seed=3, now=NOW)
    assert ActionPlan.objects.exists()
    assert PlanVersion.objects.filter(signed_at__isnull=False).exists()
    assert PlanVersion.objects.filter(number=2).exists()
    assert FollowUp.objects.filter(held_on__isnull=False).exists()
    assert FollowUp.objects.filter(held_on__isnull=True, due_on__lt=NOW.date()).exists()
