"""Take the README's screenshots from a running demo (`make demo`) with Debian's Chromium.

.venv/bin/python scripts/screenshots.py [http://127.0.0.1:8000] [docs/screenshots]
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

PASSWORD = "bryggan-demo"  # noqa: S105 - the demo's printed password
PAGES = [
    ("handlaggare", "/arenden/", "caseload.png"),
    ("handlaggare", "/mottagning/ny-ansokan/", "new-application.png"),
    ("chef", "/enheten/arendebelastning/", "unit-caseload.png"),
    ("chef", "/mottagning/forsenade/", "overdue.png"),
    ("analytiker", "/", "analyst-start.png"),
    ("analytiker", "/statistik/", "statistics-table.png"),
    ("analytiker", "/statistik/forvantat/?municipality=1982", "statistics-scatter.png"),
]


def main() -> int:
    base = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
    out = Path(sys.argv[2] if len(sys.argv) > 2 else "docs/screenshots")  # noqa: PLR2004
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        for username, path, name in PAGES:
            page = browser.new_page(viewport={"width": 1280, "height": 860}, locale="sv-SE")
            page.goto(f"{base}/logga-in/")
            page.fill("#id_username", username)
            page.fill("#id_password", PASSWORD)
            page.click("button[type=submit]")
            page.goto(f"{base}{path}")
            page.screenshot(path=str(out / name))
            page.close()
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
