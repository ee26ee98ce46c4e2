"""Every URL pattern × every role against the expected outcome.

A pattern missing from the table fails.

Like Zulip's "Some URLs are untested!": a new page cannot ship without a decision on who may see it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from bryggan.accounts.models import Unit, User
from bryggan.core.month import Month
from bryggan.decisions.services import calculation_save
from bryggan.intake.models import Channel
from bryggan.intake.services import application_register
from tests.conftest import ROLES
from tests.people.factories import person_input

pytestmark = pytest.mark.django_db

ANON = "anonymous"
CASE_STAFF = {
    "caseworker": 200,
    "work_coach": 200,
    "unit_manager": 200,
    "analyst": 403,
    "administrator": 403,
    ANON: 302,
}
ONLY_MANAGER = {
    "caseworker": 403,
    "work_coach": 403,
    "unit_manager": 200,
    "analyst": 403,
    "administrator": 403,
    ANON: 302,
}
ONLY_ADMINISTRATOR = {
    **dict.fromkeys(ROLES, 403),
    "administrator": 200,
    ANON: 302,
}
EVERYONE = dict.fromkeys([*ROLES, ANON], 200)
POST_ONLY = {**dict.fromkeys(ROLES, 405), ANON: 302}  # sign-in comes first

EXPECTED: dict[str, dict[str, int]] = {
    "home": {
        "caseworker": 302,
        "work_coach": 302,
        "unit_manager": 302,
        "analyst": 200,
        "administrator": 200,
        ANON: 302,
    },
    "accounts:login": EVERYONE,
    "accounts:logout": POST_ONLY,
    "set_language": dict.fromkeys([*ROLES, ANON], 302),
    "people:caseload": CASE_STAFF,
    "people:household_detail": CASE_STAFF,
    "people:person_detail": CASE_STAFF,
    "people:household_access_log": ONLY_MANAGER,
    "people:unit_caseload": ONLY_MANAGER,
    "intake:application_create": {**CASE_STAFF, "work_coach": 403},
    "intake:application_detail": CASE_STAFF,
    "intake:meeting_mark": POST_ONLY,
    "intake:overdue": CASE_STAFF,
    "decisions:calculation": CASE_STAFF,
    "decisions:calculation_preview": POST_ONLY,
    "decisions:calculation_detail": CASE_STAFF,
    "norm_entry:riksnorm_list": ONLY_ADMINISTRATOR,
    "norm_entry:riksnorm_enter": ONLY_ADMINISTRATOR,
    "norm_entry:riksnorm_import": ONLY_ADMINISTRATOR,
    # The API answers for itself: JSON errors, never a redirect to the sign-in page.
    "api:api-root": dict.fromkeys([*ROLES, ANON], 404),
    "api:calculate": dict.fromkeys([*ROLES, ANON], 405),
    "api:openapi-json": dict.fromkeys([*ROLES, ANON], 200),
}
# The admin site guards itself (is_staff): only the administrator gets in.
ADMIN_INDEX = {
    "caseworker": 302,
    "work_coach": 302,
    "unit_manager": 302,
    "analyst": 302,
    "administrator": 200,
    ANON: 302,
}


def _names(patterns: list[URLPattern | URLResolver], prefix: str = "") -> Iterator[str]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            namespace = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            yield from _names(pattern.url_patterns, namespace)
        elif pattern.name:
            yield f"{prefix}{pattern.name}"


def _project_url_names() -> set[str]:
    return {name for name in _names(get_resolver().url_patterns) if not name.startswith("admin:")}


def test_every_url_pattern_is_in_the_table() -> None:
    missing = _project_url_names() - set(EXPECTED)
    assert not missing, f"Some URLs are untested: {sorted(missing)}"
    stale = set(EXPECTED) - _project_url_names()
    assert not stale, f"The table names URLs that no longer exist: {sorted(stale)}"


@pytest.fixture
def case_in_unit(unit: Unit, persona: Callable[..., User]) -> dict[str, int]:
    persona("work_coach")
    application = application_register(
        unit=unit,
        registered_by=persona("caseworker"),
        received_at=timezone.now(),
        channel=Channel.IN_PERSON,
        month=Month.of(timezone.localdate()),
        applicant=person_input(date(1980, 1, 1)),
        now=timezone.now(),
    )
    person_id = application.household.members.get().person_id
    saved = calculation_save(
        household=application.household,
        document={"month": "2021-03", "members": [{"id": "p1", "birth_date": "1980-01-01"}]},
        by=persona("caseworker"),
    )
    return {
        "household_id": application.household_id,
        "person_id": person_id,
        "application_id": application.pk,
        "calculation_id": saved.pk,
    }


def _url(name: str, ids: dict[str, int]) -> str:
    pattern_kwargs = {
        "people:household_detail": ["household_id"],
        "people:household_access_log": ["household_id"],
        "people:person_detail": ["person_id"],
        "intake:application_detail": ["application_id"],
        "intake:meeting_mark": ["application_id"],
        "decisions:calculation": ["household_id"],
        "decisions:calculation_preview": ["household_id"],
        "decisions:calculation_detail": ["household_id", "calculation_id"],
    }.get(name, [])
    return reverse(name, kwargs={key: ids[key] for key in pattern_kwargs})


@pytest.mark.parametrize("role", [*ROLES, ANON])
def test_each_role_gets_the_expected_answer_on_every_page(
    role: str, case_in_unit: dict[str, int], client_as: Callable[..., Client]
) -> None:
    client = Client() if role == ANON else client_as(role)
    outcomes = {name: client.get(_url(name, case_in_unit)).status_code for name in sorted(EXPECTED)}
    outcomes["admin:index"] = client.get(reverse("admin:index")).status_code
    expected = {name: table[role] for name, table in EXPECTED.items()} | {
        "admin:index": ADMIN_INDEX[role]
    }
    assert outcomes == expected


@pytest.mark.parametrize("role", ["caseworker", "work_coach", "unit_manager"])
def test_staff_of_another_unit_get_the_same_answer_as_for_a_missing_case(
    role: str, case_in_unit: dict[str, int], persona: Callable[..., User], other_unit: Unit
) -> None:
    client = Client()
    client.force_login(persona(role, in_unit=other_unit))
    for name in ("people:household_detail", "people:person_detail", "intake:application_detail"):
        foreign = client.get(_url(name, case_in_unit))
        missing = client.get(_url(name, dict.fromkeys(case_in_unit, 999_999)))
        assert foreign.status_code == missing.status_code == 404
        assert _main(foreign.content) == _main(missing.content)


def _main(page: bytes) -> bytes:
    """The page's main content (the rest holds the request's own path and CSRF token)."""
    match = re.search(rb"<main.*</main>", page, re.DOTALL)
    assert match is not None
    return match.group(0)
