"""The applicant's main pages at 400 % zoom (WCAG 2.1 1.4.4 resize text and 1.4.10 reflow).

A window 1280 × 1024 CSS pixels wide at 400 % zoom lays a page out in 320 × 256 CSS pixels, each
drawn with 4 × 4 device pixels. Chromium gives exactly that as a 320 × 256 viewport with a device
scale factor of 4 (Playwright has no browser zoom of its own; the scale factor makes the text as
sharp as zoomed text, the viewport makes the layout the zoomed one). On each page: no sideways
scrolling, and every link, button and field of the page's main content and of its menu can be
scrolled to, lies within the width of the screen, and is not covered by anything else (a sticky
header that fills a 256 px high screen would cover them all)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from playwright.sync_api import Browser, Page, expect

from bryggan.accounts.models import Unit, User
from bryggan.preassessment.models import PreassessmentSettings
from tests.browser.conftest import axe_violations
from tests.mypages.conftest import case, renewal_settings
from tests.payments.conftest import current_year_norm, delegation
from tests.preassessment.factories import RenewalCase

__all__ = ["case", "current_year_norm", "delegation", "renewal_settings"]
pytestmark = pytest.mark.django_db(transaction=True)

ZOOM = 4
WINDOW = (1280, 1024)  # CSS pixels at 100 %
CONTROLS = (
    "main a[href], main button, main input:not([type=hidden]), main select, main textarea, "
    "header a[href], header button, header input, nav a[href]"
)

# Every control that cannot be reached, with why; run in the page.
UNREACHABLE = """(selector) => {
  const problems = [];
  const width = document.documentElement.clientWidth;
  for (const el of document.querySelectorAll(selector)) {
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden') continue;
    // A control drawn by its label (a visually hidden file or check input) is reached by the label.
    const target = (el.getBoundingClientRect().width < 2 && el.labels && el.labels[0]) || el;
    target.scrollIntoView({block: 'center', inline: 'nearest'});
    const box = target.getBoundingClientRect();
    const name = (el.outerHTML || '').slice(0, 90);
    if (box.left < -1 || box.right > width + 1) {
      const where = `${Math.round(box.left)}–${Math.round(box.right)} of ${width}`;
      problems.push(`${name}: outside the screen (${where})`);
      continue;
    }
    const x = Math.min(Math.max(box.left + Math.min(box.width, 20) / 2, 0), width - 1);
    const y = Math.min(Math.max(box.top + Math.min(box.height, 20) / 2, 0), innerHeight - 1);
    const hit = document.elementFromPoint(x, y);
    if (!hit || !(hit === target || target.contains(hit) || hit.contains(target)
                  || (el.labels && [...el.labels].some(l => l.contains(hit))))) {
      problems.push(`${name}: covered by ${hit ? hit.outerHTML.slice(0, 60) : 'nothing'}`);
    }
  }
  return problems;
}"""


# The innermost elements that reach past the right edge: what makes a page scroll sideways.
TOO_WIDE = """() => {
  const width = document.documentElement.clientWidth;
  return [...document.querySelectorAll('body *')]
    .filter(el => el.getBoundingClientRect().right > width + 1)
    .filter(el => ![...el.children].some(c => c.getBoundingClientRect().right > width + 1))
    .slice(0, 5).map(el => el.outerHTML.slice(0, 120));
}"""


def _check_zoomed(page: Page) -> None:
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, (page.url, overflow, page.evaluate(TOO_WIDE))
    assert page.evaluate(UNREACHABLE, CONTROLS) == [], page.url
    assert axe_violations(page) == [], page.url


def test_the_applicants_main_pages_work_at_400_percent_zoom(  # noqa: PLR0917
    browser: Browser,
    live_server: object,
    case: RenewalCase,
    persona: Callable[..., User],
    unit: Unit,
    renewal_settings: PreassessmentSettings,
) -> None:
    client = Client()
    client.force_login(case.applicant)
    base = str(live_server)
    context = browser.new_context(
        viewport={"width": WINDOW[0] // ZOOM, "height": WINDOW[1] // ZOOM},
        device_scale_factor=ZOOM,
        locale="sv-SE",
    )
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": base}]
    )
    page = context.new_page()
    try:
        assert page.evaluate("() => [innerWidth, devicePixelRatio]") == [320, ZOOM]
        for path, main_control in [
            ("/mina-sidor/", "a[href='/mina-sidor/ansok/']"),
            ("/mina-sidor/ansok/fornya/", "main form button[type=submit]"),
            ("/mina-sidor/beslut/", f"a[href='/mina-sidor/beslut/{case.last.pk}/']"),
            (f"/mina-sidor/beslut/{case.last.pk}/", f"a[href$='/beslut/{case.last.pk}/brev/']"),
            ("/mina-sidor/utbetalningar/", "nav.mine-nav a[href='/mina-sidor/']"),
        ]:
            page.goto(f"{base}{path}")
            expect(page.locator("h1")).to_be_visible()
            control = page.locator(main_control).first
            control.scroll_into_view_if_needed()
            expect(control).to_be_in_viewport()
            _check_zoomed(page)
    finally:
        context.close()
