"""The search box: each identity format, case numbers and names, the unit's cases only, protected
identities masked, every search logged, bad input refused with nothing logged."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from bryggan.accounts.models import Unit, User
from bryggan.audit.models import AccessLogEntry
from bryggan.core.errors import DomainError
from bryggan.desk.rules_search import (
    SEARCH_NOT_UNDERSTOOD,
    SEARCH_TOO_LONG,
    SEARCH_TOO_SHORT,
    QueryKind,
    parse_search,
)
from bryggan.desk.selectors_search import search_cases
from bryggan.people.rules import INVALID_IDENTITY_NUMBER
from tests.desk.factories import make_case
from tests.people.factories import identity_number

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

TODAY = date(2026, 12, 7)
BIRTH = date(1990, 1, 1)
LONG = identity_number(BIRTH, 123)  # 19900101-123x
URL = reverse("desk:search")


@pytest.mark.parametrize(
    "typed",
    [LONG, LONG.replace("-", ""), LONG[2:], LONG[2:].replace("-", ""), f" {LONG[2:8]} {LONG[9:]} "],
)
def test_a_personnummer_with_or_without_century_and_hyphen_is_one_query(typed: str) -> None:
    query = parse_search(typed, today=TODAY)
    assert (query.kind, query.identity_number) == (QueryKind.IDENTITY, LONG)


def test_a_samordningsnummer_is_read_as_one() -> None:
    number = identity_number(BIRTH, 456, coordination=True)
    assert parse_search(number[2:], today=TODAY).identity_number == number


def test_a_case_number_with_or_without_its_year() -> None:
    assert parse_search("2026-00042", today=TODAY).household_id == 42
    assert parse_search("2026-00042", today=TODAY).opened_year == 2026
    assert parse_search("42", today=TODAY).opened_year is None


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("a", SEARCH_TOO_SHORT),
        ("   ", SEARCH_TOO_SHORT),
        ("x" * 10_000, SEARCH_TOO_LONG),
        ("900101-1235", INVALID_IDENTITY_NUMBER),
        ("Lind; DROP TABLE", SEARCH_NOT_UNDERSTOOD),
        ("12345678901234", SEARCH_NOT_UNDERSTOOD),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(typed: str, message: str) -> None:
    with pytest.raises(DomainError) as raised:
        parse_search(typed, today=TODAY)
    assert raised.value.message == message


@pytest.fixture
def caseworker(persona: Callable[..., User]) -> User:
    return persona("caseworker")


def _search(client: Client, typed: str) -> str:
    response = client.get(URL, {"q": typed})
    assert response.status_code == 200
    return response.content.decode()


def test_a_personnummer_without_century_finds_the_case_and_the_search_is_logged(
    unit: Unit, caseworker: User, client_as: Callable[..., Client]
) -> None:
    case = make_case(unit, caseworker, serial=123, birth=BIRTH, first="Sara", last="Lind")
    html = _search(client_as("caseworker"), LONG[2:].replace("-", ""))
    assert reverse("people:household_detail", args=[case.pk]) in html
    assert "Sara Lind" in html
    logged = list(
        AccessLogEntry.objects.filter(user=caseworker).values_list(
            "object_type", "object_id", "case_id", "purpose"
        )
    )
    assert sorted(logged) == [
        ("household", str(case.pk), case.pk, "search"),
        ("search", LONG, None, "search"),
    ]


def test_a_case_number_and_a_name_find_the_case(
    unit: Unit, caseworker: User, client_as: Callable[..., Client]
) -> None:
    case = make_case(unit, caseworker, serial=123, birth=BIRTH, first="Sara", last="Lindqvist")
    make_case(unit, caseworker, serial=124, birth=BIRTH, first="Olle", last="Berg")
    client = client_as("caseworker")
    link = reverse("people:household_detail", args=[case.pk])
    for typed in (case.case_number, f"{case.pk:05d}", "lindq", "sara LIND"):
        html = _search(client, typed)
        assert link in html, typed
        assert "Olle" not in html, typed


def test_a_case_of_another_unit_is_not_found(
    unit: Unit, other_unit: Unit, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    elsewhere = make_case(
        other_unit, persona("caseworker", in_unit=other_unit), serial=123, birth=BIRTH
    )
    client = client_as("caseworker")
    for typed in (LONG, elsewhere.case_number, "Sara"):
        html = _search(client, typed)
        assert reverse("people:household_detail", args=[elsewhere.pk]) not in html
        assert "No case of your unit matches." in html


def test_a_protected_identity_is_found_by_number_masked_and_never_by_name(
    unit: Unit, caseworker: User, client_as: Callable[..., Client]
) -> None:
    case = make_case(
        unit, caseworker, serial=123, birth=BIRTH, first="Hemlig", last="Person", protected=True
    )
    client = client_as("caseworker")
    html = _search(client, LONG[2:])
    assert reverse("people:household_detail", args=[case.pk]) in html
    assert "Hemlig" not in html
    assert "Protected identity" in html
    assert "No case of your unit matches." in _search(client, "Hemlig")


def test_a_user_who_may_see_protected_identities_finds_them_by_name(
    unit: Unit, persona: Callable[..., User]
) -> None:
    worker = persona("caseworker", sees_protected_identity=True)
    make_case(unit, worker, serial=123, birth=BIRTH, first="Hemlig", last="Person", protected=True)
    client = Client()
    client.force_login(worker)
    assert "Hemlig Person" in _search(client, "Hemlig")


@pytest.mark.parametrize("typed", ["a", "x" * 10_000, "900101-1235"])
def test_a_refused_search_shows_the_message_keeps_the_input_and_logs_nothing(
    typed: str, unit: Unit, caseworker: User, client_as: Callable[..., Client]
) -> None:
    make_case(unit, caseworker, serial=123, birth=BIRTH)
    html = _search(client_as("caseworker"), typed)
    assert 'role="alert"' in html
    assert not AccessLogEntry.objects.exists()


def test_the_search_page_without_a_query_logs_nothing(client_as: Callable[..., Client]) -> None:
    response = client_as("caseworker").get(URL)
    assert response.status_code == 200
    assert not AccessLogEntry.objects.exists()


def test_the_search_box_is_in_the_header_of_case_staff_only(
    client_as: Callable[..., Client],
) -> None:
    for role in ("caseworker", "work_coach", "unit_manager"):
        assert f'action="{URL}"' in client_as(role).get(reverse("people:caseload")).content.decode()
    analyst_home = client_as("analyst").get(reverse("home")).content.decode()
    assert f'action="{URL}"' not in analyst_home


def test_a_search_query_costs_one_query_however_many_hits(
    unit: Unit,
    caseworker: User,
    django_assert_max_num_queries: Callable[..., object],
) -> None:
    for n in range(12):
        make_case(unit, caseworker, serial=200 + n, birth=BIRTH, first="Anna", last=f"Ek{n}")
    with django_assert_max_num_queries(1):  # type: ignore[attr-defined]
        hits, more = search_cases(caseworker, parse_search("Anna", today=TODAY))
    assert (len(hits), more) == (12, False)
