"""Who may perform each action (POST), role by role: the page matrix only GETs them."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from bryggan.accounts.models import User
from bryggan.decisions.models import Decision
from tests.conftest import ROLES
from tests.payments.conftest import current_year_norm, delegation, make_decision

__all__ = ["current_year_norm", "delegation", "make_decision"]
pytestmark = pytest.mark.django_db
DENIED = 403

# The roles allowed to POST each action; every other role must get 403.
ALLOWED = {
    "decisions:decision_sign": {"caseworker", "unit_manager"},
    "decisions:decision_received": {"caseworker", "unit_manager"},
    "decisions:calculation_preview": {"caseworker", "work_coach", "unit_manager"},
    "intake:meeting_mark": {"caseworker", "work_coach", "unit_manager"},
    "payments:run_execute": {"unit_manager"},
    "payments:emergency": {"caseworker", "unit_manager"},
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(ALLOWED))
def test_only_the_allowed_roles_may_post(
    name: str,
    role: str,
    make_decision: Callable[..., Decision],
    client_as: Callable[..., Client],
    persona: Callable[..., User],
) -> None:
    decision = make_decision(5, sign=False)
    kwargs = {
        "decisions:decision_sign": {
            "household_id": decision.household_id,
            "decision_id": decision.pk,
        },
        "decisions:decision_received": {
            "household_id": decision.household_id,
            "decision_id": decision.pk,
        },
        "decisions:calculation_preview": {"household_id": decision.household_id},
        "intake:meeting_mark": {"application_id": decision.household.applications.get().pk},
        "payments:run_execute": {},
        "payments:emergency": {"household_id": decision.household_id, "decision_id": decision.pk},
    }[name]
    response = client_as(role).post(reverse(name, kwargs=kwargs), {})
    if role in ALLOWED[name]:
        assert response.status_code != DENIED
    else:
        assert response.status_code == DENIED
