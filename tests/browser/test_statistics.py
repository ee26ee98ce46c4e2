"""An analyst opens the indicator table, follows a municipality to its time series and on to actual
against expected; every page passes axe-core."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from bryggan.accounts.models import User
from tests.browser.conftest import axe_violations
from tests.browser.test_intake_flow import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_analyst_goes_from_the_table_to_a_municipality_and_its_scatter(
    page: Page, live_server: object, persona: Callable[..., User]
) -> None:
    sign_in(page, str(live_server), persona("analyst").username)
    page.get_by_role("navigation").get_by_role("link", name="Statistik").click()

    expect(page.get_by_role("heading", name="Öppna jämförelser", level=1)).to_be_visible()
    haparanda = page.locator('tr[data-municipality="2583"] td[data-measure="long_term_pct"]')
    expect(haparanda).to_contain_text("17,0")
    expect(haparanda).to_contain_text("grön")
    assert axe_violations(page) == []

    page.get_by_role("link", name="Fagersta", exact=True).click()
    expect(page.get_by_role("heading", name="Fagersta", level=1)).to_be_visible()
    expect(
        page.get_by_role(
            "img", name="Långvarigt ekonomiskt bistånd, Fagersta och Riket", exact=True
        )
    ).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_role("link", name="Fagersta: faktiskt mot förväntat").click()
    expect(page.get_by_role("heading", name="Faktiskt mot förväntat", level=1)).to_be_visible()
    expect(page.locator("svg circle.highlighted")).to_have_attribute("data-key", "1982")
    expect(page.locator('tr.highlighted[data-municipality="1982"]')).to_contain_text("17,3")
    assert axe_violations(page) == []

    page.get_by_label("Låg utbildningsnivå").uncheck()
    page.get_by_label("Utrikes födda, 0–5 år i Sverige").uncheck()
    page.get_by_label("Utrikes födda, 6–10 år i Sverige").uncheck()
    page.get_by_label("Invånare 18–24 år").uncheck()
    page.get_by_role("button", name="Visa").click()
    expect(page.get_by_test_id("no-fit")).to_be_visible()
    assert axe_violations(page) == []
