"""Hostile input through every form in the POST matrix: no 500, and never shown unescaped.

Issue 14: script tags, SQL fragments, a very long string, zero-width and right-to-left characters,
a null byte and emoji go into every field of every action that takes POST
(tests/test_permissions_post.py lists them and makes the objects they act on). Each answer is
either a save (the page it leads to shows the value escaped) or the form again with a message;
never a server error. The fields are those of the view's form class and of the inputs on the
action's page, so a new field is covered without a change here. PostgreSQL refuses a null byte in
text, so `.ci/run`'s PostgreSQL pass is the one that proves it never reaches the database.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import re
from collections.abc import Callable
from html.parser import HTMLParser
from typing import Any

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import resolve, reverse

from bryggan.accounts.models import User
from bryggan.decisions.models import Decision
from tests.casefile.documents_files import pdf_bytes
from tests.test_permissions_post import (
    ALLOWED,
    JOURNAL_ALLOWED,
    PROJECT_ALLOWED,
    RECOVERY_ALLOWED,
    action_kwargs,
    current_year_norm,
    delegation,
    journal_kwargs,
    make_decision,
    project_kwargs,
    recovery_kwargs,
)

__all__ = ["current_year_norm", "delegation", "make_decision"]
pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
IMAGE = '"><img src=x onerror=alert(1)>'
HOSTILE = [
    SCRIPT,
    IMAGE,
    "'; DROP TABLE people_person; --",
    "1 OR 1=1",
    "x" * 100_000,
    "a\u200bb\u202ec",
    "före\x00efter",
    "🙂👨‍👩‍👧",
]
# What must never appear in a response body: the markup of the hostile values, unescaped.
UNESCAPED = [SCRIPT, "<img src=x onerror"]
# The role that takes each action: the first of these the table allows.
PREFERRED = ["caseworker", "unit_manager", "work_coach", "administrator"]
# Inputs whose value a person types; the others (dates, numbers, choices) keep the page's value
# and get the hostile values too, but only in the one-field-at-a-time pass.
TEXT_INPUTS = {"text", "search", "textarea", "email", "url", "tel", None}
TABLES = {
    **{name: (roles, "action") for name, roles in ALLOWED.items()},
    **{name: (roles, "project") for name, roles in PROJECT_ALLOWED.items()},
    **{name: (roles, "recovery") for name, roles in RECOVERY_ALLOWED.items()},
    **{name: (roles, "journal") for name, roles in JOURNAL_ALLOWED.items()},
}
# Actions that are a file upload or a sign-out: their text fields are still tried.
NO_FORM_CLASS = re.compile(r"(\w+Form)\(\s*(?:form=)?request\.POST")


class _Inputs(HTMLParser):
    """The named inputs of the page's forms that post, with the value each shows."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: dict[str, tuple[str | None, str]] = {}
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in ("submit", "button", "file"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                self.fields.setdefault(name, (a.get("type"), ""))
                return
            self.fields[name] = (a.get("type"), a.get("value") or "")
        elif tag == "textarea" and name:
            self.fields[name] = ("textarea", "")
            self._textarea = name
        elif tag == "select" and name:
            self.fields[name] = ("select", "")
            self._select = name
        elif tag == "option" and self._select:
            current = self.fields[self._select][1]
            if "selected" in a or not current:
                self.fields[self._select] = ("select", a.get("value") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea:
            kind, value = self.fields[self._textarea]
            self.fields[self._textarea] = (kind, value + data)


def _form_fields(url: str) -> dict[str, tuple[str | None, str]]:
    """The fields of the view's form class (`XForm(request.POST…)` in its source): text fields
    are typed as text, the rest as unknown with no value."""
    view = resolve(url).func
    while hasattr(view, "__wrapped__"):
        view = view.__wrapped__
    fields: dict[str, tuple[str | None, str]] = {}
    for class_name in NO_FORM_CLASS.findall(inspect.getsource(view)):
        form_class = view.__globals__.get(class_name)
        if not (isinstance(form_class, type) and issubclass(form_class, forms.BaseForm)):
            continue
        for field_name, field in form_class.base_fields.items():
            is_text = type(field) in (forms.CharField, forms.RegexField, forms.SlugField)
            fields[field_name] = ("text" if is_text else "other", "")
    return fields


def _fields(client: Client, url: str) -> dict[str, tuple[str | None, str]]:
    fields = _form_fields(url)
    page = client.get(url)
    if page.status_code == 200 and "html" in page.get("Content-Type", ""):
        parser = _Inputs()
        parser.feed(page.content.decode())
        fields.update(parser.fields)
    fields.pop("csrfmiddlewaretoken", None)
    return fields


def _assert_safe(client: Client, url: str, data: dict[str, str], what: str) -> None:
    response = client.post(url, data, follow=True)
    assert response.status_code < 500, f"{what}: {response.status_code}"
    body = response.content.decode(errors="replace")
    for markup in UNESCAPED:
        assert markup not in body, f"{what}: {markup!r} shown unescaped"


def _kwargs(
    name: str, table: str, make_decision: Callable[..., Decision], persona: Callable[..., User]
) -> dict[str, int]:
    if table == "action":
        return action_kwargs(name, make_decision, persona)
    if table == "project":
        return project_kwargs(name, make_decision(5, sign=False).household, persona)
    if table == "recovery":
        return recovery_kwargs(name, make_decision(6).household, persona)
    return journal_kwargs(name, make_decision(5, sign=False).household, persona)


@pytest.mark.parametrize("name", sorted(TABLES))
def test_hostile_input_is_refused_or_shown_escaped(
    name: str,
    make_decision: Callable[..., Decision],
    client_as: Callable[..., Client],
    persona: Callable[..., User],
) -> None:
    roles, table = TABLES[name]
    role = next(r for r in PREFERRED if r in roles)
    url = reverse(name, kwargs=_kwargs(name, table, make_decision, persona))
    client = client_as(role)
    fields = _fields(client, url)
    baseline = {field: value for field, (_, value) in fields.items()}
    texts = [field for field, (kind, _) in fields.items() if kind in TEXT_INPUTS]
    # Every hostile value in every text field at once, the others as the page fills them.
    for value in HOSTILE:
        data = {**baseline, **dict.fromkeys(texts, value)}
        _assert_safe(client, url, data, f"{name} all text fields = {value[:40]!r}")
    # The values that break most in each field alone, so one field's refusal does not hide
    # another's crash: markup, a null byte and length in text; markup, a null byte and a digit
    # `int` refuses in dates, numbers and choices.
    for field, (kind, _) in fields.items():
        for value in (SCRIPT, "före\x00efter", "x" * 100_000 if kind in TEXT_INPUTS else "²"):
            data = {**baseline, field: value}
            _assert_safe(client, url, data, f"{name} {field} = {value[:40]!r}")


# Values a view reads from the address itself (not through a form): the hostile list, and digits
# `str.isdigit` accepts but `int` refuses (superscript two) or reads (Arabic-Indic).
QUERY_VALUES = [*HOSTILE[:4], "x" * 10_000, "a\u200bb\u202ec", "\x00", "²", "١٢", "-1", "9" * 30]


@pytest.mark.parametrize(
    ("name", "parameter"),
    [
        ("decisions:decision_create", "rattar"),
        ("decisions:decision_create", "berakning"),
        ("decisions:calculation", "manad"),
        ("activities:attendance", "datum"),
        ("projects:case_projects", "projekt"),
    ],
)
def test_hostile_query_parameters_are_ignored_or_refused(
    name: str,
    parameter: str,
    make_decision: Callable[..., Decision],
    client_as: Callable[..., Client],
    persona: Callable[..., User],
) -> None:
    roles, table = TABLES[name]
    role = next(r for r in PREFERRED if r in roles)
    url = reverse(name, kwargs=_kwargs(name, table, make_decision, persona))
    client = client_as(role)
    for value in QUERY_VALUES:
        response = client.get(url, {parameter: value})
        assert response.status_code < 500, f"{parameter}={value[:40]!r}"
        assert SCRIPT not in response.content.decode(), f"{parameter}={value[:40]!r}"


def test_sign_in_ignores_a_hostile_next_address(persona: Callable[..., User]) -> None:
    persona("caseworker")
    for value in QUERY_VALUES:
        response = Client().get(reverse("accounts:login"), {"next": value})
        assert response.status_code < 500, value[:40]
        assert SCRIPT not in response.content.decode()


def test_the_second_factor_refuses_hostile_codes(
    settings: Any, client_as: Callable[..., Client]
) -> None:
    settings.BRYGGAN_REQUIRE_OTP = True
    client = client_as("caseworker")
    client.get(reverse("accounts:otp_enrol"))  # the key to confirm, in the session
    for value in [*QUERY_VALUES, "²²²²²²", "١٢٣٤٥٦"]:
        for name in ("accounts:otp_enrol", "accounts:otp_verify"):
            response = client.post(reverse(name), {"token": value, "next": value})
            assert response.status_code < 500, f"{name} {value[:40]!r}"
            assert SCRIPT not in response.content.decode()


def test_the_access_log_review_refuses_hostile_filters(client_as: Callable[..., Client]) -> None:
    client = client_as("unit_manager")
    for value in [*QUERY_VALUES, "²²"]:
        for field in ("person", "user", "date_from", "purpose"):
            response = client.get(reverse("audit:review"), {field: value})
            assert response.status_code < 500, f"{field}={value[:40]!r}"
            assert SCRIPT not in response.content.decode()


# The API's text: the calculation contract and the e-service's personnummer.
CONTRACT = {
    "month": "2026-05",
    "shared_household_size": 1,
    "members": [{"id": "p1", "birth_date": "1980-01-01"}],
}


@pytest.mark.parametrize("value", HOSTILE, ids=range(len(HOSTILE)))
def test_the_api_refuses_hostile_text_without_a_server_error(
    value: str, client_as: Callable[..., Client], settings: Any
) -> None:
    settings.BRYGGAN_ESERVICE_TOKEN_SHA256 = hashlib.sha256(b"token").hexdigest()
    staff = client_as("caseworker")
    platform = Client(headers={"authorization": "Bearer token"})
    bodies = [
        (staff, "/api/calculate", {**CONTRACT, "month": value}),
        (staff, "/api/calculate", {**CONTRACT, "members": [{"id": value, "birth_date": value}]}),
        (staff, "/api/calculate", {**CONTRACT, value: value}),
        (platform, reverse("api:eservice_plan_current"), {"identity_number": value}),
        (
            platform,
            reverse("api:eservice_plan_sign", kwargs={"version_id": 1}),
            {"identity_number": value},
        ),
    ]
    for client, url, body in bodies:
        response = client.post(url, json.dumps(body), content_type="application/json")
        assert response.status_code < 500, f"{url} {str(body)[:60]}"
        assert response["Content-Type"] == "application/json; charset=utf-8"
    raw = staff.post("/api/calculate", value, content_type="application/json")
    assert raw.status_code < 500


@pytest.mark.parametrize("file_name", [f"{SCRIPT}.pdf", "a\x00b.pdf", "x" * 1_000 + ".pdf", IMAGE])
def test_a_document_with_a_hostile_file_name_is_stored_or_refused_and_shown_escaped(
    file_name: str,
    make_decision: Callable[..., Decision],
    client_as: Callable[..., Client],
) -> None:
    household = make_decision(5, sign=False).household
    client = client_as("caseworker")
    url = reverse("casefile:document_upload", kwargs={"household_id": household.pk})
    data = {
        "file": SimpleUploadedFile(file_name, pdf_bytes(), content_type="application/pdf"),
        "kind": "rent_contract",
        "received_on": "2021-03-02",
        "sender": SCRIPT,
        "from_month": "2021-03",
    }
    _assert_safe(client, url, data, file_name[:40])
    listing = client.get(reverse("casefile:documents", kwargs={"household_id": household.pk}))
    assert listing.status_code == 200
    for markup in UNESCAPED:
        assert markup not in listing.content.decode()
