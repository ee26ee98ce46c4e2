"""Take the README's screenshots from a running demo (`make demo`) with Debian's Chromium.

.venv/bin/python scripts/screenshots.py [http://127.0.0.1:8000] [docs/screenshots] [NAME-PART]

With NAME-PART only the screenshots whose file name contains it are taken (`phone-`: the phone's).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright

PASSWORD = "bryggan-demo"  # noqa: S105 - the demo's printed password
SCREEN = (1280, 860)
FIRST_CASE = "{first_case}"  # in a path: the first case on the user's caseload
# In a path: the unit's oldest active case, which the demo gives journal notes and documents.
OLDEST_CASE = "{oldest_case}"
# (login, path, file, viewport width and height)
PAGES = [
    ("handlaggare", "/arenden/", "caseload.png", SCREEN),
    ("handlaggare", "/mottagning/ny-ansokan/", "new-application.png", SCREEN),
    ("handlaggare", f"/arenden/{FIRST_CASE}/berakning/", "calculation.png", (1280, 1100)),
    ("handlaggare", f"/arenden/{OLDEST_CASE}/", "case.png", (1280, 1100)),
    ("handlaggare", f"/arenden/{OLDEST_CASE}/tidslinje/", "timeline.png", (1280, 1100)),
    ("handlaggare", f"/arenden/{OLDEST_CASE}/journal/", "journal.png", SCREEN),
    ("handlaggare", f"/arenden/{OLDEST_CASE}/handlingar/", "documents.png", SCREEN),
    ("handlaggare", f"/arenden/{OLDEST_CASE}/utredning/", "assessment.png", (1280, 1100)),
    ("chef", "/enheten/arendebelastning/", "unit-caseload.png", SCREEN),
    ("chef", "/arendedragningar/", "case-discussions.png", SCREEN),
    ("chef", "/logg/", "access-log-review.png", SCREEN),
    ("chef", "/mottagning/forsenade/", "overdue.png", SCREEN),
    ("chef", "/uppfoljning/maltavla/", "board.png", (1280, 1400)),
    ("chef", "/uppfoljning/maltavla/vagg/", "board-wall.png", (1920, 1080)),
    ("chef", "/sanktioner/", "sanctions.png", SCREEN),
    ("chef", "/projekt/1/", "project.png", (1280, 1200)),
    ("chef", "/rapportering/", "reporting.png", (1280, 1100)),
    ("analytiker", "/", "analyst-start.png", SCREEN),
    ("analytiker", "/statistik/", "statistics-table.png", SCREEN),
    ("analytiker", "/statistik/forvantat/?municipality=1982", "statistics-scatter.png", SCREEN),
]


# On a phone (390 × 844 CSS px, drawn at scale 2 to keep the files small): the applicant's pages,
# signed in with the demo's test sign-in (the first applicant it offers), and the caseworker's My
# work.
PHONE = (390, 844)
APPLICANT = "applicant"  # not a login: the demo's test sign-in on /mina-sidor/logga-in/
PHONE_PAGES = [
    (APPLICANT, "/mina-sidor/", "phone-mypages-home.png"),
    (APPLICANT, "/mina-sidor/ansok/", "phone-mypages-apply.png"),
    (APPLICANT, "/mina-sidor/beslut/", "phone-mypages-decisions.png"),
    (APPLICANT, "/mina-sidor/utbetalningar/", "phone-mypages-payments.png"),
    ("handlaggare", "/mitt-arbete/", "phone-my-work.png"),
]


# Typed into the calculation page before its screenshot (its month stays the current one, for
# which the demo enters a norm table), so that the itemised amount shows as the caseworker types.
CALCULATION_INPUT = {
    "#id_cost_housing": "6400",
    "#id_cost_household_electricity": "350",
    "#id_cost_home_insurance": "120",
}


def _type_calculation(page: Page) -> None:
    for selector, value in CALCULATION_INPUT.items():
        page.fill(selector, value)
    page.wait_for_selector("#result table")
    page.wait_for_load_state("networkidle")


def _first_case(page: Page, base: str) -> str:
    page.goto(f"{base}/arenden/")
    for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)"):
        found = re.search(r"/arenden/([0-9]+)/$", href)
        if found:
            return found.group(1)
    raise SystemExit("no case on the caseload: load the demo first (make demo)")


def _oldest_case(page: Page, base: str) -> str:
    page.goto(f"{base}/arenden/?visa=enheten")
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
    ids = [int(m.group(1)) for h in hrefs if (m := re.search(r"/arenden/([0-9]+)/$", h))]
    if not ids:
        raise SystemExit("no case in the unit: load the demo first (make demo)")
    return str(min(ids))


def _sign_in(page: Page, base: str, username: str) -> None:
    if username == APPLICANT:
        page.goto(f"{base}/mina-sidor/logga-in/")
        page.click("form[action$='/logga-in/demo/'] button[type=submit]")
        return
    page.goto(f"{base}/logga-in/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")


def _phone_shots(browser: Browser, base: str, out: Path, only: str) -> None:
    for username, path, name in PHONE_PAGES:
        if only not in name:
            continue
        context = browser.new_context(
            viewport={"width": PHONE[0], "height": PHONE[1]},
            device_scale_factor=2,
            is_mobile=True,
            has_touch=True,
            locale="sv-SE",
        )
        page = context.new_page()
        _sign_in(page, base, username)
        page.goto(f"{base}{path}")
        page.wait_for_load_state("networkidle")
        page.screenshot(path=str(out / name))
        context.close()


def main() -> int:
    base = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
    out = Path(sys.argv[2] if len(sys.argv) > 2 else "docs/screenshots")  # noqa: PLR2004
    only = sys.argv[3] if len(sys.argv) > 3 else ""  # noqa: PLR2004
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        for username, path, name, (width, height) in PAGES:
            if only not in name:
                continue
            page = browser.new_page(viewport={"width": width, "height": height}, locale="sv-SE")
            _sign_in(page, base, username)
            target = path
            if FIRST_CASE in target:
                target = target.replace(FIRST_CASE, _first_case(page, base))
            if OLDEST_CASE in target:
                target = target.replace(OLDEST_CASE, _oldest_case(page, base))
            page.goto(f"{base}{target}")
            if name == "calculation.png":
                _type_calculation(page)
            page.screenshot(path=str(out / name))
            page.close()
        _phone_shots(browser, base, out, only)
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
