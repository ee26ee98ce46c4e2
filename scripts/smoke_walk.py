"""A short walk through a running Bryggan over HTTP, as a caseworker would: CI runs it against
`bryggan serve` on PostgreSQL, so the documented production path is the tested path.

.venv/bin/python scripts/smoke_walk.py http://127.0.0.1:8000
Signs in with a demo login, opens the caseload, the first case and its calculation, checks that
static files load and that no page answers with an error. Exits 1 on the first problem.
"""

from __future__ import annotations

import sys
import time
import urllib.request

from playwright.sync_api import Error, sync_playwright

PASSWORD = "bryggan-demo"  # noqa: S105 - the demo's printed password
STARTUP_SECONDS = 60


def _wait_until_healthy(base: str) -> str | None:
    """None once /halsa/ answers 200; else the last answer, after STARTUP_SECONDS."""
    deadline, last = time.monotonic() + STARTUP_SECONDS, "no answer"
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base + "/halsa/", timeout=5) as health:  # noqa: S310
                return None if health.status == 200 else f"/halsa/ answered {health.status}"  # noqa: PLR2004
        except OSError as error:
            last = str(error)
            time.sleep(0.5)
    return last


def main(base: str) -> int:
    base = base.rstrip("/")
    problem = _wait_until_healthy(base)
    if problem:
        return _fail(problem)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
        page = browser.new_page()
        failed: list[str] = []
        page.on(
            "response",
            lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None,  # noqa: PLR2004
        )
        try:
            page.goto(base + "/logga-in/")
            page.fill("input[name=username]", "handlaggare")
            page.fill("input[name=password]", PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_url(lambda url: "logga-in" not in url)
            page.goto(base + "/arenden/")
            first_case = page.locator("main a[href^='/arenden/']").first
            first_case.click()
            page.wait_for_load_state()
            page.locator("a[href$='/berakning/']").first.click()
            page.wait_for_load_state()
            if not page.locator("form").count():
                failed.append(f"no calculation form at {page.url}")
            stylesheet = page.evaluate("document.styleSheets.length")
            if not stylesheet:
                failed.append("no stylesheet loaded")
        except Error as error:
            failed.append(str(error).splitlines()[0])
        browser.close()
    if failed:
        return _fail("; ".join(failed))
    sys.stdout.write(f"smoke walk through {base}: sign-in, caseload, case, calculation: ok\n")
    return 0


def _fail(message: str) -> int:
    sys.stderr.write(f"smoke walk failed: {message}\n")
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"))
