"""Browser tests: Playwright drives Debian's Chromium against the live test server."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from playwright.sync_api import Page

import bryggan

# Playwright's sync API runs an event loop in this thread; Django's ORM calls from the test body
# are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
AXE = Path(bryggan.__file__).parent / "static" / "vendor" / "axe-core-4.14.1.min.js"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "locale": "sv-SE", "viewport": {"width": 1280, "height": 900}}


@pytest.fixture(autouse=True)
def _english_when_the_test_browser_is_english(
    request: pytest.FixtureRequest, browser_context_args: dict[str, Any]
) -> None:
    """Bryggan is Swedish whatever the browser says; a test whose browser is English (locale en-*)
    stands for a user who chose English once, which the language cookie keeps."""
    if not str(browser_context_args.get("locale", "")).startswith("en"):
        return
    context = request.getfixturevalue("context")
    server = request.getfixturevalue("live_server")
    context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": server.url}])


def axe_violations(page: Page) -> list[str]:
    """Run axe-core on the page; the rule ids and targets of every violation.

    axe-core is loaded from the site's own static files, as a script with a `src`: the
    Content-Security-Policy refuses an inline script, which `add_script_tag(path=…)` would add."""
    # A click that navigates returns before the new page has loaded: wait for it, or the script
    # tag may be added to a document that is being replaced (no <head> yet).
    page.wait_for_load_state("load")
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(page.url))
    page.add_script_tag(url=f"{origin}/static/vendor/{AXE.name}")
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{violation['id']}: {[node['target'] for node in violation['nodes']]}"
        for violation in result["violations"]
    ]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
