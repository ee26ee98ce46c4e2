"""Headers and settings a municipality's security officer asks for (issue 14).

`bryggan check --deploy` with debug off passes without a warning; every page carries a
Content-Security-Policy that allows no inline script or style, and no page has one (so the policy
breaks nothing); HSTS, Referrer-Policy, X-Content-Type-Options and X-Frame-Options are sent.
"""

from __future__ import annotations

import base64
import hashlib
import os
import secrets
import subprocess
import sys
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

import bryggan
from bryggan.accounts.models import User
from bryggan.decisions.models import Decision
from tests.payments.conftest import current_year_norm, delegation, make_decision

__all__ = ["current_year_norm", "delegation", "make_decision"]

BRYGGAN = [sys.executable, "-m", "bryggan.cli"]
DATA_BLOCKS = ("application/json", "application/ld+json")


def test_the_deploy_check_with_debug_off_finds_nothing_to_warn_about(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "BRYGGAN_DEBUG": "0",
        "BRYGGAN_SECRET_KEY": secrets.token_urlsafe(50),
        "BRYGGAN_DATA_DIR": str(tmp_path),
        "BRYGGAN_DATABASE_URL": f"sqlite:///{tmp_path / 'check.sqlite3'}",
    }
    # The production defaults, not a developer's shell; and not the browser tests' async switch,
    # which a test process running them sets in its own environment.
    for name in (
        "BRYGGAN_SECURE_COOKIES",
        "BRYGGAN_HSTS_SECONDS",
        "BRYGGAN_REQUIRE_OTP",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
    ):
        env.pop(name, None)
    done = subprocess.run(  # noqa: S603
        [*BRYGGAN, "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert "System check identified no issues (0 silenced)." in output
    assert "WARNING" not in output


# --- the Content-Security-Policy and the pages under it ------------------------------------------


def csp_directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


class InlineCode(HTMLParser):
    """What a policy without 'unsafe-inline' would refuse: a <script> without src, a <style>
    element, a style attribute, an event-handler attribute (onclick…), htmx's hx-on, a
    javascript: link."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        # A data block (json_script's type="application/json") is never run: the policy allows it.
        if tag == "script" and not names.get("src") and names.get("type") not in DATA_BLOCKS:
            self.found.append("<script> without src")
        if tag == "style":
            self.found.append("<style>")
        for name, value in attrs:
            if name == "style":
                self.found.append(f"style attribute on <{tag}>: {value}")
            if name.startswith(("on", "hx-on")):
                self.found.append(f"{name} on <{tag}>")
            if name in ("href", "src", "action") and (value or "").strip().startswith(
                "javascript:"
            ):
                self.found.append(f"javascript: in <{tag} {name}>")


def inline_code(html: str) -> list[str]:
    parser = InlineCode()
    parser.feed(html)
    return parser.found


def test_the_inline_finder_finds_what_the_policy_refuses() -> None:
    html = (
        '<script>alert(1)</script><script src="/s.js"></script><style>p{}</style>'
        '<p style="color:red" onclick="x()"><a href="javascript:x()">a</a>'
        '<svg><rect style="fill:red"/></svg><button hx-on:click="x()">b</button>'
        '<script type="application/json" id="data">{"a": 1}</script>'
    )
    assert len(inline_code(html)) == 7


@pytest.fixture
def pages(
    client_as: Callable[..., Client],
    persona: Callable[..., User],
    make_decision: Callable[..., Decision],
) -> list[tuple[str, Client, str, str]]:
    """(name, client, method, url): the pages of the issue, each as a user who may see it."""
    decision = make_decision(1)
    household = decision.household_id
    caseworker, manager = client_as("caseworker"), client_as("unit_manager")
    analyst, administrator = client_as("analyst"), client_as("administrator")
    return [
        ("sign-in", Client(), "get", reverse("accounts:login")),
        ("caseload", caseworker, "get", reverse("people:caseload")),
        ("case page", caseworker, "get", reverse("people:household_detail", args=[household])),
        ("calculation", caseworker, "get", reverse("decisions:calculation", args=[household])),
        (
            "calculation update (htmx)",
            caseworker,
            "post",
            reverse("decisions:calculation_preview", args=[household]),
        ),
        ("statistics table", analyst, "get", reverse("statistics:table")),
        ("statistics chart", analyst, "get", reverse("statistics:municipality", args=["1982"])),
        ("expected scatter", analyst, "get", reverse("statistics:expected")),
        ("måltavla", manager, "get", reverse("followup:board")),
        ("måltavla wall", manager, "get", reverse("followup:board_wall")),
        ("journal", caseworker, "get", reverse("casefile:journal", args=[household])),
        ("new note", caseworker, "get", reverse("casefile:journal_note_create", args=[household])),
        ("timeline", caseworker, "get", reverse("casefile:timeline", args=[household])),
        ("documents", caseworker, "get", reverse("casefile:documents", args=[household])),
        ("upload", caseworker, "get", reverse("casefile:document_upload", args=[household])),
        ("assessment", caseworker, "get", reverse("casefile:assessment_detail", args=[household])),
        (
            "assessment form",
            caseworker,
            "get",
            reverse("casefile:assessment_edit", args=[household]),
        ),
        (
            "recovery claims",
            caseworker,
            "get",
            reverse("decisions:recovery_list", args=[household]),
        ),
        ("follow-up", manager, "get", reverse("followup:unit")),
        ("access log review", manager, "get", reverse("audit:review")),
        ("authenticator enrolment", caseworker, "get", reverse("accounts:otp_enrol")),
        ("admin", administrator, "get", reverse("admin:index")),
    ]


AXE_HASH = "'sha256-{}'".format(
    base64.b64encode(
        hashlib.sha256(
            next(
                (Path(bryggan.__file__).parent / "static" / "vendor").glob("axe-core-*.js")
            ).read_bytes()
        ).digest()
    ).decode()
)


def test_every_page_has_a_policy_without_inline_code_and_no_inline_code(
    pages: list[tuple[str, Client, str, str]],
) -> None:
    for name, client, method, url in pages:
        if method == "post":
            form = {"month": "2021-03", "rent": "5000"}
            response = client.post(url, form, HTTP_HX_REQUEST="true")
        else:
            response = client.get(url)
        assert response.status_code == 200, (name, response.status_code)
        directives = csp_directives(response["Content-Security-Policy"])
        assert directives["default-src"] == ["'none'"], name
        # Only our own files; with debug on also the vendored axe-core by its hash (settings.py).
        assert directives["script-src"][0] == "'self'", name
        assert set(directives["script-src"][1:]) <= {AXE_HASH}, name
        assert directives["style-src"] == ["'self'"], name
        assert directives["frame-ancestors"] == ["'none'"], name
        assert inline_code(response.content.decode()) == [], name


def test_the_charts_are_drawn_and_checked(client_as: Callable[..., Client]) -> None:
    """The municipality page's SVG charts are in the HTML checked above: their colours are SVG
    presentation attributes (fill, stroke), which the policy allows; a style attribute it would
    not."""
    html = client_as("analyst").get(reverse("statistics:municipality", args=["1982"]))
    content = html.content.decode()
    assert content.count("<svg") >= 1
    assert 'fill="#' in content
    assert inline_code(content) == []


# --- the other headers ----------------------------------------------------------------------------


def test_the_security_headers_are_sent(client_as: Callable[..., Client]) -> None:
    response = client_as("caseworker").get(reverse("people:caseload"))
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_hsts_and_secure_cookies_are_on_with_https_only(settings: object, db: None) -> None:
    settings.SECURE_HSTS_SECONDS = 31536000  # type: ignore[attr-defined]
    settings.SECURE_SSL_REDIRECT = True  # type: ignore[attr-defined]
    response = Client().get(reverse("accounts:login"), secure=True)
    assert response["Strict-Transport-Security"] == ("max-age=31536000; includeSubDomains; preload")
    plain = Client().get(reverse("accounts:login"))
    assert plain.status_code == 301
    assert plain["Location"].startswith("https://")
    assert Client().get(reverse("health")).status_code == 200  # the load balancer's check


def test_https_only_is_the_default_with_debug_off(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "BRYGGAN_DEBUG": "0",
        "BRYGGAN_SECRET_KEY": secrets.token_urlsafe(50),
        "BRYGGAN_DATA_DIR": str(tmp_path),
        "PYTHONPATH": os.pathsep.join(sys.path),
    }
    for name in ("BRYGGAN_SECURE_COOKIES", "BRYGGAN_HSTS_SECONDS", "BRYGGAN_REQUIRE_OTP"):
        env.pop(name, None)
    code = (
        "from bryggan import settings as s; print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE,"
        " s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS >= 31536000, s.BRYGGAN_REQUIRE_OTP)"
    )
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["True"] * 5
