"""Appeal pages through the client: register with bad input keeps what was typed and says why;
a judgment on an appeal never forwarded is refused; the pages show the time check; another
unit's staff get 404."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.translation import gettext

from bryggan.accounts.models import Unit, User
from bryggan.casefile.rules_timeline import LABELS
from bryggan.decisions import services_appeals as services
from bryggan.decisions.models import Appeal, AppealStatus, Decision
from bryggan.decisions.selectors_appeals import appealable_get
from tests.decisions.appeals_fixtures import TODAY, decided
from tests.payments.conftest import current_year_norm, delegation, make_decision

__all__ = ["current_year_norm", "decided", "delegation", "make_decision"]
pytestmark = pytest.mark.django_db

SIGNED, RECEIVED = date(2026, 11, 2), date(2026, 11, 4)


def _register_url(decision: Decision) -> str:
    return reverse("decisions:appeal_register", args=[decision.household_id])


def test_an_appeal_dated_before_the_decision_is_shown_again_with_the_reason(
    decided: Callable[..., Decision], client_as: Callable[..., Client]
) -> None:
    decision = decided(1, signed_on=SIGNED, received_on=RECEIVED)
    response = client_as("caseworker").post(
        _register_url(decision),
        {
            "appealed": f"decision:{decision.pk}",
            "received_on": "2026-10-30",
            "claims": "Hela hyran.",
        },
    )
    assert response.status_code == 200
    assert str(services.BEFORE_DECISION) in response.content.decode()
    assert 'value="Hela hyran."' in response.content.decode() or "Hela hyran." in (
        response.content.decode()
    )
    assert not Appeal.objects.exists()


def test_a_registered_appeal_shows_its_time_check_and_a_judgment_before_forwarding_is_refused(
    decided: Callable[..., Decision], client_as: Callable[..., Client]
) -> None:
    decision = decided(2, signed_on=SIGNED, received_on=RECEIVED)
    client = client_as("caseworker")
    response = client.post(
        _register_url(decision),
        {
            "appealed": f"decision:{decision.pk}",
            "received_on": "2026-11-30",
            "claims": "Hela hyran.",
            "incorrect_instructions": "on",
        },
    )
    appeal = Appeal.objects.get()
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert 'data-timeliness="late_not_dismissed"' in page
    assert 'data-may-be-dismissed="no"' in page
    assert "/avvisa/" not in page
    refused = client.post(
        reverse("decisions:appeal_judgment", args=[decision.household_id, appeal.pk]),
        {
            "judgment": "upheld",
            "judged_on": "2026-12-01",
            "court_case_number": "1-26",
            "note": "Avslås.",
        },
    )
    assert refused.status_code == 200
    assert str(services.NOT_FORWARDED) in refused.content.decode()
    assert Appeal.objects.get().status == AppealStatus.REGISTERED
    listed = client.get(reverse("decisions:appeal_list", args=[decision.household_id]))
    assert f"/overklaganden/{appeal.pk}/" in listed.content.decode()
    timeline = client.get(reverse("casefile:timeline", args=[decision.household_id]))
    assert gettext(str(LABELS["appeal", "registered"])) in timeline.content.decode()


def test_staff_of_another_unit_get_404(
    decided: Callable[..., Decision],
    persona: Callable[..., User],
    other_unit: Unit,
) -> None:
    decision = decided(3, signed_on=SIGNED, received_on=RECEIVED)
    appealed = appealable_get(decision.household_id, f"decision:{decision.pk}")
    assert appealed is not None
    appeal = services.appeal_register(
        household=decision.household,
        appealed=appealed,
        received_on=date(2026, 11, 20),
        claims="Hela hyran.",
        incorrect_instructions=False,
        reached_court_on=None,
        today=TODAY,
        by=persona("caseworker"),
    )
    client = Client()
    client.force_login(persona("caseworker", in_unit=other_unit))
    url = reverse("decisions:appeal_detail", args=[decision.household_id, appeal.pk])
    assert client.get(url).status_code == 404
