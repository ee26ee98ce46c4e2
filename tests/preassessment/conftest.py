"""A unit that renews: norms for this year, delegation, and settings without the random sample
or the plan condition unless a test sets them."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bryggan.accounts.models import Unit, User
from bryggan.preassessment.models import PreassessmentSettings
from tests.decisions.conftest import current_year_norm, delegation
from tests.preassessment.factories import RenewalCase, make_renewal_case

__all__ = ["current_year_norm", "delegation"]


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
