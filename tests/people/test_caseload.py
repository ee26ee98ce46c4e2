"""The caseload: the active cases of the caseworker (or of the unit), one row each."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bryggan.accounts.models import Unit, User
from bryggan.core.month import Month
from bryggan.intake.models import Application, Channel
from bryggan.intake.services import application_register
from bryggan.people.models import Household, HouseholdStatus
from tests.people.factories import person_input

pytestmark = pytest.mark.django_db
URL = reverse("people:caseload")


def register(
    unit: Unit, by: User, birth: date, serial: int, *, children: int = 0, **applicant: Any
) -> Application:
    return application_register(
        unit=unit,
        registered_by=by,
        received_at=timezone.now(),
        channel=Channel.IN_PERSON,
        month=Month.of(timezone.localdate()),
        applicant=person_input(birth, serial, **applicant),
        children=[person_input(date(2015, 1, 1 + n), serial + 1 + n) for n in range(children)],
        now=timezone.now(),
    )


@pytest.fixture
def cases(unit: Unit, persona: Callable[..., User]) -> list[Household]:
    """Three active cases of the caseworker, the second with a protected applicant and two
    children, and one closed case."""
    persona("work_coach")
    caseworker = persona("caseworker")
    made = [
        register(unit, caseworker, date(1980, 1, 1), 100, first="Anna", last="Ek").household,
        register(
            unit,
            caseworker,
            date(1981, 2, 2),
            200,
            children=2,
            first="Hemlig",
            last="Person",
            protected_identity=True,
        ).household,
        register(unit, caseworker, date(1982, 3, 3), 300, first="Bo", last="Al").household,
        register(unit, caseworker, date(1983, 4, 4), 400, first="Stängd", last="Sak").household,
    ]
    Household.objects.filter(pk=made[3].pk).update(
        status=HouseholdStatus.CLOSED, closed_on=timezone.localdate()
    )
    return made


def rows(response: Any) -> list[tuple[object, ...]]:
    return [
        (row.case_number, str(row.applicant), row.members, row.caseworker_name)
        for row in response.context["cases"]
    ]


def test_the_caseload_lists_each_active_case_with_applicant_members_and_caseworker(
    cases: list[Household], client_as: Callable[..., Client]
) -> None:
    response = client_as("caseworker").get(URL)
    newest_first = sorted(cases[:3], key=lambda h: (h.opened_on, h.pk), reverse=True)
    names = {cases[0].pk: "Anna Ek", cases[1].pk: "Hemlig Person", cases[2].pk: "Bo Al"}
    members = {cases[0].pk: 1, cases[1].pk: 3, cases[2].pk: 1}
    assert rows(response) == [
        (h.case_number, names[h.pk], members[h.pk], "Caseworker Persona") for h in newest_first
    ]
    page = response.content.decode()
    assert "Stängd" not in page
    assert f'href="{reverse("people:household_detail", args=[cases[0].pk])}"' in page
    assert "Anna Ek" in page
    assert "3 aktiva ärenden" in page


def test_the_caseload_hides_a_protected_applicant_from_a_user_without_the_right(
    cases: list[Household], client_as: Callable[..., Client]
) -> None:
    hidden = client_as("caseworker").get(URL).content.decode()
    assert "Hemlig" not in hidden
    assert "Skyddad identitet" in hidden
    shown = client_as("unit_manager", sees_protected_identity=True).get(URL + "?visa=enheten")
    assert "Hemlig Person" in shown.content.decode()


def test_a_case_without_a_caseworker_shows_a_dash_in_the_unit_s_caseload(
    cases: list[Household], client_as: Callable[..., Client]
) -> None:
    Household.objects.filter(pk=cases[0].pk).update(caseworker=None)
    response = client_as("caseworker").get(URL + "?visa=enheten")
    row = next(row for row in response.context["cases"] if row.pk == cases[0].pk)
    assert row.caseworker_name == ""
    assert "<td>–</td>" in response.content.decode()
    mine = client_as("caseworker").get(URL)
    assert cases[0].pk not in {row.pk for row in mine.context["cases"]}


def test_the_caseload_reads_its_cases_in_the_same_queries_however_many_there_are(
    cases: list[Household],
    client_as: Callable[..., Client],
    unit: Unit,
    persona: Callable[..., User],
    django_assert_max_num_queries: Callable[..., Any],
) -> None:
    client = client_as("caseworker")
    client.get(URL)  # the session and the menu's counts, as on any page after the first
    with django_assert_max_num_queries(6) as few:
        client.get(URL)
    for n in range(5):
        register(unit, persona("caseworker"), date(1990, 1, 1 + n), 500 + 10 * n, children=1)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(URL)
    assert len(response.context["cases"]) == 8
