"""The applicant of a case with a signed decision, signed in on My pages, and a second case; and
for applying online, the same renewal-ready unit as the pre-assessment tests (norms for this year,
delegation, no random sample, no plan condition)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.test import Client

from bryggan.accounts.models import Unit, User
from bryggan.decisions.models import Decision
from bryggan.mypages.services import applicant_user_for
from bryggan.people.models import Household, Person
from bryggan.preassessment.models import PreassessmentSettings
from tests.payments.conftest import current_year_norm, delegation, make_decision
from tests.preassessment.factories import RenewalCase, make_renewal_case

__all__ = ["current_year_norm", "delegation", "make_decision"]


@dataclass
class Own:
    household: Household
    person: Person
    decision: Decision
    user: User
    client: Client


@pytest.fixture
def own(make_decision: Callable[..., Decision]) -> Own:
    decision = make_decision(11)
    household = decision.household
    person = household.members.get().person
    user = applicant_user_for(person)
    client = Client()
    client.force_login(user)
    return Own(household=household, person=person, decision=decision, user=user, client=client)


@pytest.fixture
def other(make_decision: Callable[..., Decision]) -> Decision:
    """A signed decision of another person's case in the same unit."""
    return make_decision(12)


@pytest.fixture
def renewal_settings(unit: Unit) -> PreassessmentSettings:
    return PreassessmentSettings.objects.create(
        unit=unit, sample_share_percent=0, plan_required=False
    )


@pytest.fixture
def case(
    unit: Unit,
    persona: Callable[..., User],
    current_year_norm: int,
    delegation: None,
    renewal_settings: PreassessmentSettings,
) -> RenewalCase:
    persona("work_coach")
    return make_renewal_case(unit, persona("caseworker"))
