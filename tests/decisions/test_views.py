"""The case's calculation page, its live preview, saving, and the JSON API."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bryggan.accounts.models import Unit, User
from bryggan.audit.models import AccessLogEntry
from bryggan.core.month import Month
from bryggan.decisions.models import SavedCalculation, SavedCalculationChangeError
from bryggan.intake.models import Application, Channel
from bryggan.intake.services import application_register
from tests.people.factories import person_input

pytestmark = pytest.mark.django_db


@pytest.fixture
def application(unit: Unit, persona: Callable[..., User]) -> Application:
    persona("work_coach")
    return application_register(
        unit=unit,
        registered_by=persona("caseworker"),
        received_at=timezone.now(),
        channel=Channel.IN_PERSON,
        month=Month.of(timezone.localdate()),
        applicant=person_input(date(1980, 1, 1)),
        children=[person_input(date(2017, 5, 5), 111)],
        now=timezone.now(),
    )


def form(**extra: str) -> dict[str, str]:
    data = {
        "month": "2021-03",
        "cost_housing": "6000",
        "cost_household_electricity": "300",
        "consecutive_months_on_assistance": "0",
        "jobbstimulans_months_used": "0",
        "income_0_type": "child_allowance",
        "income_0_amount": "1250",
        "version": "0",  # the case's calculations when the form was opened: none
    }
    data.update(extra)
    return data


def test_preview_shows_the_itemised_amount_worked_out_by_hand(
    application: Application, client_as: Callable[..., Client]
) -> None:
    # March 2021: single adult 3 160 + child 3 years (born 2017-05-05) 2 170 + common for two
    # 1 130 = 6 460; costs 6 300; need 12 760; child allowance 1 250 → 11 510 kr.
    child = application.household.members.get(role="child")
    url = reverse("decisions:calculation_preview", args=[application.household_id])
    response = client_as("caseworker").post(url, form(**{f"lunch_{child.pk}": "on"}))
    assert response.status_code == 200
    rows = {row.label: row.amount for row in response.context["rows"]}
    assert rows["Summa riksnorm"] == 6460
    assert rows["Behov (riksnorm + skäliga kostnader)"] == 12760
    assert rows["Försörjningsstöd"] == 11510
    assert "<html" not in response.content.decode()  # a partial for htmx, not a page


def test_preview_with_a_month_without_norm_says_so(
    application: Application, client_as: Callable[..., Client]
) -> None:
    url = reverse("decisions:calculation_preview", args=[application.household_id])
    response = client_as("caseworker").post(url, form(month="2030-01"))
    assert "Det finns ingen riksnorm för 2030" in response.content.decode()


def test_saving_keeps_input_norm_year_and_result_with_the_case(
    application: Application, client_as: Callable[..., Client]
) -> None:
    url = reverse("decisions:calculation", args=[application.household_id])
    response = client_as("caseworker").post(url, form())
    saved = SavedCalculation.objects.get()
    assert response.status_code == 302
    assert (saved.month, saved.norm_year, saved.household_id) == (
        "2021-03",
        2021,
        application.household_id,
    )
    assert saved.amount == saved.result["amount"]
    assert saved.input["costs"][0] == {"type": "housing", "amount": 6000}
    detail = client_as("caseworker").get(response["Location"])
    assert detail.context["rows"][-1].amount == saved.amount


def test_a_saved_calculation_is_never_changed(
    application: Application, client_as: Callable[..., Client]
) -> None:
    client_as("caseworker").post(
        reverse("decisions:calculation", args=[application.household_id]), form()
    )
    saved = SavedCalculation.objects.get()
    saved.amount = 1
    with pytest.raises(SavedCalculationChangeError):
        saved.save()


def test_the_saved_result_is_shown_as_computed_even_if_the_stored_lines_say_otherwise(
    application: Application, client_as: Callable[..., Client]
) -> None:
    client_as("caseworker").post(
        reverse("decisions:calculation", args=[application.household_id]), form()
    )
    saved = SavedCalculation.objects.get()
    # The page shows the stored lines, not a new calculation with today's norms.
    SavedCalculation.objects.filter(pk=saved.pk).update(
        result={**saved.result, "lines": [{**saved.result["lines"][0], "amount": 1}]}
    )
    response = client_as("caseworker").get(
        reverse("decisions:calculation_detail", args=[application.household_id, saved.pk])
    )
    assert response.context["rows"][1].amount == 1


def test_invalid_form_input_is_kept_and_named(
    application: Application, client_as: Callable[..., Client]
) -> None:
    url = reverse("decisions:calculation", args=[application.household_id])
    response = client_as("caseworker").post(
        url, form(cost_housing="-5", income_0_type="employment")
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "cost_housing" in errors
    assert "income_0_member" in errors
    assert 'value="-5"' in response.content.decode()
    assert SavedCalculation.objects.count() == 0


def test_reading_the_calculation_page_is_logged(
    application: Application, client_as: Callable[..., Client]
) -> None:
    client_as("work_coach").get(reverse("decisions:calculation", args=[application.household_id]))
    assert AccessLogEntry.objects.filter(case_id=application.household_id).count() == 1


CONTRACT_INPUT = {
    "month": "2014-05",
    "shared_household_size": 5,
    "members": [{"id": "p1", "birth_date": "1980-01-01"}],
}


def test_api_calculates_socialstyrelsens_shared_household_example(
    client_as: Callable[..., Client],
) -> None:
    # 1 710 ÷ 5 + 2 950 = 3 292 kr (Socialstyrelsen, 2014).
    response = client_as("caseworker").post(
        "/api/calculate", json.dumps(CONTRACT_INPUT), content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json()["riksnorm"]["total"] == 3292


def test_api_names_the_offending_field(client_as: Callable[..., Client]) -> None:
    bad = {**CONTRACT_INPUT, "members": [{"id": "p1", "birth_date": "1980-13-01"}]}
    response = client_as("caseworker").post(
        "/api/calculate", json.dumps(bad), content_type="application/json"
    )
    assert response.status_code == 422
    body = response.json()
    assert set(body) == {"message", "fields"}
    assert list(body["fields"]) == ["members[0].birth_date"]


def test_api_refuses_malformed_json_with_its_position(client_as: Callable[..., Client]) -> None:
    response = client_as("caseworker").post("/api/calculate", "{", content_type="application/json")
    assert response.status_code == 422
    assert response.json()["message"].startswith("body:1:2")


@pytest.mark.parametrize(
    ("language", "message"), [("sv", "Logga in först."), ("en", "Sign in first.")]
)
def test_api_needs_a_signed_in_user(language: str, message: str) -> None:
    response = Client().post(
        "/api/calculate", json.dumps(CONTRACT_INPUT), content_type="application/json",
        HTTP_COOKIE=f"django_language={language}",
    )  # fmt: skip
    assert response.status_code == 401
    assert response.json() == {"message": message, "fields": {}}


def test_the_calculation_page_does_not_name_a_protected_member(
    unit: Unit, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    persona("work_coach")
    application = application_register(
        unit=unit,
        registered_by=persona("caseworker"),
        received_at=timezone.now(),
        channel=Channel.IN_PERSON,
        month=Month.of(timezone.localdate()),
        applicant=person_input(date(1980, 1, 1), first="Hemliga", protected_identity=True),
        now=timezone.now(),
    )
    client = client_as("caseworker")
    page = client.get(reverse("decisions:calculation", args=[application.household_id]))
    preview = client.post(
        reverse("decisions:calculation_preview", args=[application.household_id]), form()
    )
    for content in (page.content.decode(), preview.content.decode()):
        assert "Hemliga" not in content
    assert "Sökande" in preview.content.decode()


def test_api_refuses_a_body_that_is_not_utf8(client_as: Callable[..., Client]) -> None:
    response = client_as("caseworker").post(
        "/api/calculate", b"\xff{", content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["fields"] == {"body": response.json()["fields"]["body"]}


def test_correcting_a_decision_that_does_not_exist_is_not_found(
    application: Application, client_as: Callable[..., Client]
) -> None:
    url = reverse("decisions:decision_create", args=[application.household_id])
    client = client_as("caseworker")
    assert client.get(url + "?rattar=abc").status_code == 404
    assert client.get(url + "?rattar=999999").status_code == 404


def _with_children(unit: Unit, persona: Callable[..., User], births: list[date]) -> Application:
    """This month's application of an adult with children born on `births`."""
    persona("work_coach")
    return application_register(
        unit=unit,
        registered_by=persona("caseworker"),
        received_at=timezone.now(),
        channel=Channel.IN_PERSON,
        month=Month.of(timezone.localdate()),
        applicant=person_input(date(1980, 1, 1)),
        children=[person_input(born, 301 + n) for n, born in enumerate(births)],
        now=timezone.now(),
    )


def test_children_are_asked_only_the_questions_that_matter_for_their_age(
    unit: Unit, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    today = timezone.localdate()
    application = _with_children(
        unit, persona, [date(today.year - 3, 1, 1), date(today.year - 17, 1, 1)]
    )
    form = (
        client_as("caseworker")
        .get(reverse("decisions:calculation", args=[application.household_id]))
        .context["form"]
    )
    asked = {
        m.person.birth_date.year: (lunch is not None, school is not None)
        for _, m, lunch, school in form.child_rows()
    }
    assert asked == {today.year - 3: (True, False), today.year - 17: (False, True)}


def test_a_child_with_no_question_to_answer_has_no_empty_group_on_the_page(
    unit: Unit, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    """A group of fields (fieldset) with nothing in it says nothing and is an empty stop for a
    screen reader: a ten-year-old is asked nothing, a three-year-old about lunch at home."""
    today = timezone.localdate()
    young, middle = date(today.year - 3, 1, 1), date(today.year - 10, 1, 1)
    application = _with_children(unit, persona, [young, middle])
    page = (
        client_as("caseworker")
        .get(reverse("decisions:calculation", args=[application.household_id]))
        .content.decode()
    )
    assert f", {young.isoformat()}</legend>" in page
    assert f", {middle.isoformat()}</legend>" not in page
