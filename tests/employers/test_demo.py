"""The demo's employer network, made through the services on a small hand-made unit."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date

import pytest
from stdnum.se import orgnr

from bryggan.accounts.models import Unit, User
from bryggan.demo.employers import EMPLOYERS, demo_employers
from bryggan.employers.models import Employer, Offer, Placement
from bryggan.employers.selectors import network_results
from tests.followup.factories import household
from tests.planning.factories import make_version

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 7)


def test_the_demo_network_has_a_dozen_employers_offers_and_placements(
    unit: Unit, persona: Callable[..., User]
) -> None:
    coach = persona("work_coach")
    for i in range(30):
        case = household(unit, by=coach, opened_on=date(2025, 1, 2), first=f"Klient{i}")
        make_version(case, coach, today=TODAY)
    made = demo_employers(units=[unit], today=TODAY, rng=random.Random(7))
    assert Employer.objects.count() == len(EMPLOYERS) == 12
    assert all(orgnr.is_valid(e.organisation_number) for e in Employer.objects.all())
    assert Offer.objects.count() >= 12
    assert made == Placement.objects.count() > 0
    for offer in Offer.objects.all():
        assert offer.placements.filter(ends_on__isnull=True).count() <= offer.capacity
    results = network_results(unit, today=TODAY)
    assert results.employers == 12
    assert Placement.objects.exclude(outcome="").exists()
