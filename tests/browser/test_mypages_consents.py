"""On a phone-sized screen (320 × 640), by the keyboard: the applicant reads the decision made
from a pre-assessment proposal with "how your application was handled", then reads their
consents and withdraws one after the confirmation step. axe-core finds nothing on these pages
and they reflow at 320 px."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.utils import timezone
from playwright.sync_api import Page, expect

from bryggan.accounts.models import Unit, User
from bryggan.cooperation.models import Consent
from bryggan.preassessment.forms import decision_input_from_initial
from bryggan.preassessment.models import PreassessmentSettings
from bryggan.preassessment.selectors import decision_initial
from bryggan.preassessment.services import proposal_decide
from tests.browser.test_mypages import PHONE, _check, _press
from tests.cooperation.factories import make_consent, make_organisation
from tests.decisions.conftest import current_year_norm, delegation
from tests.preassessment.factories import make_renewal_case, renew

__all__ = ["current_year_norm", "delegation"]
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.usefixtures("current_year_norm", "delegation")
def test_the_applicant_reads_how_it_was_handled_and_withdraws_a_consent(
    page: Page, live_server: object, unit: Unit, persona: Callable[..., User]
) -> None:
    PreassessmentSettings.objects.create(unit=unit, sample_share_percent=0, plan_required=False)
    persona("work_coach")
    case = make_renewal_case(unit, persona("caseworker"))
    proposal = renew(case).proposal
    decision = proposal_decide(
        proposal=proposal,
        data=decision_input_from_initial(decision_initial(proposal)),
        by=case.caseworker,
        now=timezone.now(),
    )
    consent = make_consent(case.household, make_organisation(), case.caseworker)
    client = Client()
    client.force_login(case.applicant)
    base = str(live_server)
    page.set_viewport_size(PHONE)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": base}]
    )

    page.goto(f"{base}/mina-sidor/beslut/{decision.pk}/")
    expect(page.get_by_test_id("handled")).to_be_visible()
    _check(page, None, "decision-handled")

    _press(page, "nav.mine-nav a[href='/mina-sidor/samtycken/']")
    expect(page.get_by_test_id(f"consent-{consent.pk}")).to_be_visible()
    _check(page, None, "consents")
    _press(page, f"a[href='/mina-sidor/samtycken/{consent.pk}/aterkalla/']")
    _check(page, None, "consent-withdraw")
    _press(page, "[data-testid=confirm-withdraw]")
    expect(page.locator(f"a[href='/mina-sidor/samtycken/{consent.pk}/aterkalla/']")).to_have_count(
        0
    )
    _check(page, None, "consents-withdrawn")
    assert Consent.objects.get(pk=consent.pk).withdrawn_at is not None
