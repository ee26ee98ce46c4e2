"""In the browser: an applicant renews with one changed income and an uploaded payslip, sees the
preliminary amount and sends the application; the caseworker sees the proposal "needs
assessment: income changed" in the queue, opens it and signs the decision. axe finds nothing on the
applicant's pages."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.utils import translation
from playwright.sync_api import Page, expect

from bryggan.accounts.models import Unit, User
from bryggan.core.money import format_kronor
from bryggan.mypages.models import OnlineApplication
from bryggan.preassessment.models import PreassessmentSettings, Proposal
from bryggan.preassessment.rules import RULES_BY_ID
from tests.browser.conftest import axe_violations
from tests.browser.test_intake_flow import sign_in
from tests.casefile.documents_files import pdf_bytes
from tests.decisions.conftest import current_year_norm, delegation
from tests.preassessment.factories import SALARY, make_renewal_case

__all__ = ["current_year_norm", "delegation"]
pytestmark = pytest.mark.django_db(transaction=True)


def test_an_applicant_renews_and_the_caseworker_signs_from_the_proposal(  # noqa: PLR0917
    page: Page,
    live_server: object,
    unit: Unit,
    persona: Callable[..., User],
    current_year_norm: int,
    delegation: None,
) -> None:
    PreassessmentSettings.objects.create(unit=unit, sample_share_percent=0, plan_required=False)
    persona("work_coach")
    case = make_renewal_case(unit, persona("caseworker"))
    base = str(live_server)

    # The applicant, signed in as the identity provider would leave them (a session of their own).
    applicant = Client()
    applicant.force_login(case.applicant)
    page.context.add_cookies(
        [{"name": "sessionid", "value": applicant.cookies["sessionid"].value, "url": base}]
    )
    page.goto(f"{base}/mina-sidor/")
    my_pages = page.get_by_role("navigation", name="Mina sidor")
    my_pages.locator("a[href='/mina-sidor/ansok/']").click()
    expect(page.locator("#id_line_1_amount")).to_have_value(str(SALARY))
    assert axe_violations(page) == []
    page.locator("#id_month").fill(str(case.month))  # the month with a norm in the test data
    page.locator("#id_line_1_amount").fill(str(SALARY + 1500))
    page.locator("#id_line_1_file").set_input_files(
        files=[{"name": "lonebesked.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}]
    )
    page.locator("button[name=preview]").click()
    preliminary = case.last.amount - 1500
    expect(page.locator("#preliminary")).to_contain_text(format_kronor(preliminary))
    assert axe_violations(page) == []
    page.locator("button[name=send]").click()
    online = OnlineApplication.objects.get()
    page.wait_for_url(f"{base}/mina-sidor/ansok/{online.pk}/kvitto/")
    expect(page.locator("dl.facts")).to_contain_text(format_kronor(preliminary))
    expect(page.locator("main")).to_contain_text("lonebesked.pdf")
    assert axe_violations(page) == []
    page.goto(f"{base}/sa-bedoms-din-ansokan/")
    assert axe_violations(page) == []
    page.context.clear_cookies(name="sessionid")  # signs out; keeps the language

    # The caseworker: the queue, the proposal with the payslip beside it, the signature.
    sign_in(page, base, case.caseworker.username)
    page.goto(f"{base}/fornyelser/")
    proposal = Proposal.objects.get()
    with translation.override("sv"):
        income_changed = str(RULES_BY_ID["incomes_unchanged"].failed)
    expect(page.locator("main table")).to_contain_text(income_changed)
    assert axe_violations(page) == []
    page.locator(f"a[href='/fornyelser/{proposal.pk}/']").click()
    expect(page.locator("main")).to_contain_text("lonebesked.pdf")
    expect(page.locator("#id_amount")).to_have_value(str(preliminary))
    assert axe_violations(page) == []
    page.locator("form.form-grid button[type=submit]").click()
    proposal.refresh_from_db()
    page.wait_for_url(f"{base}/arenden/{case.household.pk}/beslut/{proposal.decision_id}/")
    assert proposal.decision.status == "signed"
    assert proposal.decided_amount == preliminary
