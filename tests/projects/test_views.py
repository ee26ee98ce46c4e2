"""Project pages driven as the personas: list, create, detail with the comparison, joining from
the case page, ending with an outcome, the CSV, and the gates' 404s."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bryggan.accounts.models import Unit, User
from bryggan.audit.models import AccessLogEntry
from bryggan.desk.registry import desk_counts
from bryggan.people.access import CASE_NOT_FOUND
from bryggan.projects.models import Participant, Project
from tests.projects.factories import join, make_case, make_project

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_the_manager_registers_a_project_and_lands_on_its_page(
    client_as: Callable[..., Client],
) -> None:
    response = client_as("unit_manager").post(
        reverse("projects:project_create"),
        {
            "name": "Språnget",
            "funder_kind": "coordination_association",
            "funder_name": "Samordningsförbundet Västmanland",
            "starts_on": "2026-01-01",
            "ends_on": "2027-12-31",
            "budget": "4200000",
            "spent": "",
            "target_group": "youth",
            "baseline_months": "36",
            "description": "",
        },
    )
    project = Project.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("projects:project_detail", args=[project.pk])
    assert (project.budget, project.spent, project.baseline_months) == (4_200_000, None, 36)


def test_a_project_form_with_errors_keeps_what_was_typed_and_names_the_field(
    client_as: Callable[..., Client],
) -> None:
    response = client_as("unit_manager").post(
        reverse("projects:project_create"),
        {
            "name": "Språnget",
            "funder_kind": "esf",
            "starts_on": "2026-06-01",
            "ends_on": "2026-01-01",
            "budget": "-5",
            "target_group": "all",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "budget" in form.errors
    assert b'value="Spr\xc3\xa5nget"' in response.content
    assert not Project.objects.exists()


def test_a_reversed_period_is_named_on_the_end_field(client_as: Callable[..., Client]) -> None:
    response = client_as("unit_manager").post(
        reverse("projects:project_create"),
        {
            "name": "X", "funder_kind": "esf", "starts_on": "2026-06-01",
            "ends_on": "2026-01-01", "budget": "5", "target_group": "all",
        },
    )  # fmt: skip
    assert response.context["form"].errors["ends_on"] == ["The project ends before it starts."]


def test_the_edit_page_shows_the_project_and_refuses_to_shrink_it_around_a_participant(
    unit: Unit, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    client = client_as("unit_manager")
    project = make_project(unit, persona("unit_manager"))
    join(
        project, make_case(unit, persona("caseworker")), persona("caseworker"), on=date(2026, 2, 1)
    )
    url = reverse("projects:project_edit", args=[project.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert page.context["form"]["starts_on"].value() == date(2026, 1, 1)
    data = {
        "name": "Språnget 2", "funder_kind": "esf", "starts_on": "2026-03-01",
        "ends_on": "2027-12-31", "budget": "4200000", "target_group": "all",
    }  # fmt: skip
    refused = client.post(url, data)
    assert refused.status_code == 200
    assert refused.context["form"].errors["starts_on"] == [
        "Participations outside the new period: 1. Change their dates first."
    ]
    assert 'value="Språnget 2"' in refused.content.decode()
    project.refresh_from_db()
    assert (project.name, project.starts_on) == ("Språnget", date(2026, 1, 1))
    changed = client.post(url, {**data, "starts_on": "2026-02-01"})
    assert changed.status_code == 302
    assert changed["Location"] == reverse("projects:project_detail", args=[project.pk])
    project.refresh_from_db()
    assert (project.name, project.starts_on) == ("Språnget 2", date(2026, 2, 1))


def test_the_detail_page_shows_the_comparison_chart_and_table(
    unit: Unit, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    cw = persona("caseworker")
    today = timezone.localdate()
    project = make_project(
        unit, persona("unit_manager"), starts_on=today - timedelta(days=100), ends_on=today
    )
    participant = join(project, make_case(unit, cw, opened_on=today - timedelta(days=200)), cw,
                       on=today - timedelta(days=90))  # fmt: skip
    client = client_as("caseworker")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.post(
        reverse("projects:participant_end", args=[participant.pk]),
        {"left_on": (today - timedelta(days=1)).isoformat(), "outcome": "work"},
    )
    response = client.get(reverse("projects:project_detail", args=[project.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert 'role="img"' in page
    assert 'class="bar" data-value="1"' in page  # during: one to work
    table = response.context["table"]
    rows = dict(table.rows)
    assert rows["Left for work or studies"][1] == 1
    assert rows["Counted among"][1] == 1
    outcomes = dict(response.context["outcomes"])
    assert (outcomes["Work"], outcomes["Studies"], outcomes["Still taking part"]) == (1, 0, 0)
    # The detail page showed a participant: their case is logged as read.
    assert AccessLogEntry.objects.filter(
        object_type="project", case_id=participant.household_id, user=cw
    ).exists()


def test_the_outcome_table_downloads_as_csv_with_the_same_rows(
    unit: Unit, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    project = make_project(unit, persona("unit_manager"))
    client = client_as("work_coach")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(reverse("projects:project_outcomes_csv", args=[project.pk]))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][0] == "Measure"
    assert [r[0] for r in rows[1:]] == [
        "Period", "Counted among", "Left for work", "Left for studies",
        "Left for work or studies", "Share (%)", "Per year",
    ]  # fmt: skip
    assert rows[1][1] == "2024-01-01 – 2025-12-31"


def test_the_case_number_leads_to_the_cases_project_page(
    unit: Unit, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    project = make_project(unit, persona("unit_manager"))
    case = make_case(unit, persona("caseworker"))
    client = client_as("caseworker")
    url = reverse("projects:participant_find", args=[project.pk])
    response = client.get(url, {"case": case.case_number})
    assert response.status_code == 302
    assert response["Location"] == (
        reverse("projects:case_projects", args=[case.pk]) + f"?projekt={project.pk}"
    )
    bad = client.get(url, {"case": "tolv"})
    assert bad.status_code == 200
    assert "case" in bad.context["form"].errors


def test_a_case_number_with_the_wrong_year_or_of_no_case_is_refused_on_the_field(
    unit: Unit, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    project = make_project(unit, persona("unit_manager"))
    case = make_case(unit, persona("caseworker"))
    client = client_as("caseworker")
    url = reverse("projects:participant_find", args=[project.pk])
    wrong_year = f"{case.opened_on.year - 1}-{case.pk:05d}"
    for number in (wrong_year, f"{case.opened_on.year}-{case.pk + 1000:05d}"):
        response = client.get(url, {"case": number})
        assert response.status_code == 200, number
        assert response.context["form"].errors["case"] == [str(CASE_NOT_FOUND)]
        assert response.context["form"]["case"].value() == number  # what was typed stays


def test_a_coach_adds_a_member_from_the_case_page_and_the_overlap_is_refused_on_the_field(
    unit: Unit, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    today = timezone.localdate()
    project = make_project(unit, persona("unit_manager"), starts_on=today - timedelta(days=30),
                           ends_on=today + timedelta(days=300))  # fmt: skip
    case = make_case(unit, persona("caseworker"), opened_on=today - timedelta(days=60))
    person = case.members.get().person
    client = client_as("work_coach")
    url = reverse("projects:case_projects", args=[case.pk])
    page = client.get(url, {"projekt": project.pk})
    assert page.status_code == 200
    data = {"project": project.pk, "person": person.pk, "joined_on": today.isoformat()}
    assert client.post(url, data).status_code == 302
    again = client.post(url, {**data, "joined_on": (today - timedelta(days=1)).isoformat()})
    assert again.status_code == 200
    assert (
        again.context["form"]
        .errors["joined_on"][0]
        .startswith("The person already takes part in the project from")
    )
    assert Participant.objects.filter(project=project, person=person).count() == 1


def test_ending_without_an_outcome_keeps_the_date_and_names_the_field(
    unit: Unit, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    cw = persona("caseworker")
    today = timezone.localdate()
    project = make_project(unit, persona("unit_manager"), starts_on=today - timedelta(days=30),
                           ends_on=today + timedelta(days=30))  # fmt: skip
    participant = join(project, make_case(unit, cw, opened_on=today - timedelta(days=60)), cw,
                       on=today - timedelta(days=10))  # fmt: skip
    response = client_as("caseworker").post(
        reverse("projects:participant_end", args=[participant.pk]),
        {"left_on": today.isoformat()},
    )
    assert response.status_code == 200
    assert "outcome" in response.context["form"].errors
    assert f'value="{today.isoformat()}"' in response.content.decode()


@pytest.mark.parametrize("role", ["caseworker", "work_coach", "unit_manager"])
def test_staff_of_another_unit_get_404_for_the_project_the_case_and_the_participant(
    role: str, unit: Unit, other_unit: Unit, persona: Callable[..., User]
) -> None:
    cw = persona("caseworker")
    project = make_project(unit, persona("unit_manager"))
    case = make_case(unit, cw)
    participant = join(project, case, cw, on=date(2026, 2, 1))
    client = Client()
    client.force_login(persona(role, in_unit=other_unit))
    for url in (
        reverse("projects:project_detail", args=[project.pk]),
        reverse("projects:project_outcomes_csv", args=[project.pk]),
        reverse("projects:participant_find", args=[project.pk]),
        reverse("projects:case_projects", args=[case.pk]),
        reverse("projects:participant_end", args=[participant.pk]),
    ):
        assert client.get(url).status_code == 404, url
    missing = client.get(reverse("projects:project_detail", args=[999_999]))
    foreign = client.get(reverse("projects:project_detail", args=[project.pk]))
    assert missing.status_code == 404
    assert missing.context["message"] == foreign.context["message"]


def test_another_units_staff_cannot_post_a_participant_into_a_case_they_cannot_see(
    unit: Unit, other_unit: Unit, persona: Callable[..., User]
) -> None:
    project = make_project(unit, persona("unit_manager"))
    case = make_case(unit, persona("caseworker"))
    client = Client()
    client.force_login(persona("caseworker", in_unit=other_unit))
    response = client.post(
        reverse("projects:case_projects", args=[case.pk]),
        {"project": project.pk, "person": case.members.get().person_id, "joined_on": "2026-02-01"},
    )
    assert response.status_code == 404
    assert not Participant.objects.exists()


def test_the_list_and_the_detail_page_take_a_fixed_number_of_queries(
    unit: Unit,
    persona: Callable[..., User],
    client_as: Callable[..., Client],
    django_assert_max_num_queries: Callable[..., Any],
) -> None:
    cw = persona("caseworker")
    project = make_project(unit, persona("unit_manager"))
    for _ in range(5):
        join(project, make_case(unit, cw), cw, on=date(2026, 2, 1))
    client = client_as("caseworker")
    # The menu's counts of waiting items (one COUNT per desk kind, cached 30 s) are measured in
    # tests/desk; made here first so that this counts the page's own statements.
    desk_counts(persona("caseworker"), today=timezone.localdate())
    with django_assert_max_num_queries(8):
        assert client.get(reverse("projects:project_list")).status_code == 200
    # Session, user, gate and one access-log row per participant's case, then the page's reads.
    with django_assert_max_num_queries(30):
        assert client.get(reverse("projects:project_detail", args=[project.pk])).status_code == 200


def test_the_detail_page_reads_as_many_queries_for_twenty_participants_as_for_two(
    unit: Unit, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    cw = persona("caseworker")
    project = make_project(unit, persona("unit_manager"))
    client = client_as("caseworker")
    url = reverse("projects:project_detail", args=[project.pk])
    desk_counts(cw, today=timezone.localdate())  # the menu's cached counts, made first
    counts = []
    for joining in (2, 18):
        for _ in range(joining):
            join(project, make_case(unit, cw), cw, on=date(2026, 2, 1))
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    # One access-log row per participant's case, written at once.
    assert AccessLogEntry.objects.filter(object_type="project", user=cw).count() == 2 + 20
