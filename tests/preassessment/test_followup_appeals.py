"""The follow-up page counts appeals of decisions made from proposals (count and share)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bryggan.accounts.models import User
from bryggan.preassessment.forms import decision_input_from_initial
from bryggan.preassessment.selectors import decision_initial
from bryggan.preassessment.services import proposal_decide
from tests.preassessment.factories import RenewalCase, make_renewal_case, renew

pytestmark = pytest.mark.django_db


def test_the_followup_page_counts_appeals_of_decisions_made_from_proposals(
    case: RenewalCase, persona: Callable[..., User], english: None
) -> None:
    decisions = []
    for renewal in (case, make_renewal_case(case.household.unit, case.caseworker, serial=2)):
        proposal = renew(renewal).proposal
        decisions.append(
            proposal_decide(
                proposal=proposal,
                data=decision_input_from_initial(decision_initial(proposal)),
                by=case.caseworker,
                now=timezone.now(),
            )
        )
    applicant = Client()
    applicant.force_login(case.applicant)
    sent = applicant.post(
        reverse("mypages:appeal_send", args=[decisions[0].pk]),
        {"claims": "Jag vill ha bistånd till tandvård."},
    )
    assert sent.status_code == 302

    manager = Client()
    manager.force_login(persona("unit_manager"))
    page = manager.get(reverse("preassessment:followup")).content.decode()

    appealed = page.split('data-testid="appealed">')[1].split("</dd>")[0]
    assert appealed.startswith("1 (50")
