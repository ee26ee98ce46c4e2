"""No lost edits on the calculation: a calculation saved for the same month since the page was
opened is not silently superseded; the second saver sees where it differs and keeps what they
typed, and saves after reading."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bryggan.accounts.models import User
from bryggan.audit.models import ChangeRecord
from bryggan.core.locking import EditConflict, FieldChange
from bryggan.decisions.models import SavedCalculation
from bryggan.decisions.rules import calculation_input_fields
from bryggan.decisions.services import calculation_save
from bryggan.intake.models import Application

pytestmark = pytest.mark.django_db


def _document(application: Application, rent: int, month: str = "2021-03") -> dict[str, object]:
    person = application.household.members.get().person
    return {
        "month": month,
        "members": [{"id": f"p{person.pk}", "birth_date": "1980-01-01"}],
        "costs": [{"type": "housing", "amount": rent}],
    }


def test_calculations_are_numbered_within_the_case(
    application: Application, persona: Callable[..., User]
) -> None:
    household, by = application.household, persona("caseworker")
    first = calculation_save(household=household, document=_document(application, 5000), by=by)
    second = calculation_save(
        household=household, document=_document(application, 5200), by=by, version=1
    )
    assert (first.version, second.version) == (1, 2)


def test_a_save_after_one_for_the_same_month_is_refused_and_writes_nothing(
    application: Application, persona: Callable[..., User]
) -> None:
    household = application.household
    caseworker, manager = persona("caseworker"), persona("unit_manager")
    calculation_save(household=household, document=_document(application, 5000), by=caseworker)
    history = ChangeRecord.objects.count()
    with pytest.raises(EditConflict) as caught:
        calculation_save(
            household=household, document=_document(application, 6500), by=manager, version=0
        )
    changes = {c.field: c for c in caught.value.changes}
    assert changes["cost_housing"] == FieldChange("cost_housing", 5000, 6500)
    assert changes["amount"] == FieldChange("amount", 9180, 10680)  # 3 160 + 1 020 + rent
    assert caught.value.version == 1
    assert caught.value.last is not None
    assert caught.value.last.by == caseworker.get_full_name()
    assert SavedCalculation.objects.count() == 1
    assert ChangeRecord.objects.count() == history


def test_a_calculation_saved_for_another_month_meanwhile_is_no_conflict(
    application: Application, persona: Callable[..., User]
) -> None:
    household, by = application.household, persona("caseworker")
    calculation_save(household=household, document=_document(application, 5000), by=by)
    saved = calculation_save(
        household=household,
        document=_document(application, 5000, month="2021-04"),
        by=by,
        version=0,
    )
    assert saved.version == 2


def test_the_input_is_compared_field_by_field() -> None:
    fields = calculation_input_fields(
        {
            "month": "2021-03",
            "costs": [{"type": "other", "amount": 300, "note": "Glasögon"}],
            "incomes": [
                {"type": "employment", "amount": 2000, "member": "p4"},
                {"type": "employment", "amount": 500, "member": "p4"},
                {"type": "child_allowance", "amount": 1250},
            ],
        }
    )
    assert fields["cost_other"] == 300
    assert fields["other_note"] == "Glasögon"
    assert fields["income:employment:p4"] == 2500
    assert fields["income:child_allowance:"] == 1250


def _form(rent: str, version: int) -> dict[str, str]:
    return {
        "month": "2021-03",
        "cost_housing": rent,
        "consecutive_months_on_assistance": "0",
        "jobbstimulans_months_used": "0",
        "version": str(version),
    }


def test_the_second_saver_keeps_what_they_typed_and_saves_after_reading(
    application: Application, client_as: Callable[..., Client], english: None
) -> None:
    url = reverse("decisions:calculation", args=[application.household_id])
    page = client_as("unit_manager").get(url).content.decode()
    assert '<input type="hidden" name="version" value="0"' in page

    first = client_as("caseworker").post(url, _form("5000", 0))
    assert first.status_code == 302
    second = client_as("unit_manager").post(url, _form("6500", 0))
    html = second.content.decode()
    assert second.status_code == 409
    assert "Someone else saved this while you were editing it" in html
    assert 'name="cost_housing" value="6500"' in html
    assert '<th scope="row">Housing (rent)</th><td>5000</td><td>6500</td>' in html
    assert "Caseworker Persona" in html
    assert '<input type="hidden" name="version" value="1"' in html
    assert SavedCalculation.objects.count() == 1

    again = client_as("unit_manager").post(url, _form("6500", 1))
    assert again.status_code == 302
    assert SavedCalculation.objects.order_by("-version").first().input["costs"] == [  # type: ignore[union-attr]
        {"type": "housing", "amount": 6500}
    ]


def test_only_a_save_from_a_form_reads_the_month_s_latest_calculation(
    application: Application, persona: Callable[..., User]
) -> None:
    household, by = application.household, persona("caseworker")
    month_latest = '"decisions_savedcalculation"."month" = '
    with CaptureQueriesContext(connection) as without_form:
        calculation_save(household=household, document=_document(application, 5000), by=by)
    with CaptureQueriesContext(connection) as from_form:
        calculation_save(
            household=household, document=_document(application, 5200), by=by, version=1
        )
    assert not any(month_latest in query["sql"] for query in without_form.captured_queries)
    assert any(month_latest in query["sql"] for query in from_form.captured_queries)
