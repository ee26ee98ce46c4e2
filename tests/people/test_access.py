"""The case gate: rights by unit, a log row for every read, protected identity hidden."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bryggan.accounts.models import Unit, User
from bryggan.audit.models import AccessLogEntry, AppendOnlyError
from bryggan.core.errors import NotFoundOrForbidden
from bryggan.core.month import Month
from bryggan.intake.models import Application, Channel
from bryggan.intake.services import application_register
from bryggan.people.access import CASE_NOT_FOUND, Purpose, access_household
from tests.people.factories import person_input

pytestmark = pytest.mark.django_db


@pytest.fixture
def application(unit: Unit, persona: Callable[..., User]) -> Application:
    persona("work_coach")
    return application_register(
        unit=unit,
        registered_by=persona("caseworker"),
        received_at=timezone.now(),
        channel=Channel.E_SERVICE,
        month=Month.of(timezone.localdate()),
        applicant=person_input(
            date(1979, 3, 3), first="Hemlig", last="Person", protected_identity=True
        ),
        now=timezone.now(),
    )


def test_every_read_of_a_case_is_logged_with_who_what_and_from_where(
    application: Application, client_as: Callable[..., Client], persona: Callable[..., User]
) -> None:
    client_as("work_coach").get(
        reverse("people:household_detail", args=[application.household_id]), REMOTE_ADDR="10.1.2.3"
    )
    entry = AccessLogEntry.objects.get()
    assert entry.user == persona("work_coach")
    assert (entry.object_type, entry.case_id, entry.purpose) == (
        "household",
        application.household_id,
        "casework",
    )
    assert entry.ip_address == "10.1.2.3"


def test_a_refused_read_writes_no_log_row(
    application: Application, persona: Callable[..., User], other_unit: Unit
) -> None:
    with pytest.raises(NotFoundOrForbidden) as error:
        access_household(
            persona("caseworker", in_unit=other_unit),
            application.household_id,
            purpose=Purpose.CASEWORK,
        )
    assert error.value.message == CASE_NOT_FOUND
    assert not AccessLogEntry.objects.exists()


def test_the_manager_reads_who_has_read_the_case(
    application: Application, client_as: Callable[..., Client]
) -> None:
    client_as("caseworker").get(reverse("people:household_detail", args=[application.household_id]))
    response = client_as("unit_manager").get(
        reverse("people:household_access_log", args=[application.household_id])
    )
    users = {entry.user.username for entry in response.context["entries"]}
    assert users == {
        "caseworker-" + str(application.household.unit_id),
        "unit_manager-" + str(application.household.unit_id),
    }


def test_log_rows_can_be_neither_changed_nor_deleted(
    application: Application, client_as: Callable[..., Client]
) -> None:
    client_as("caseworker").get(reverse("people:household_detail", args=[application.household_id]))
    entry = AccessLogEntry.objects.get()
    entry.purpose = "other"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()


def test_protected_identity_is_hidden_from_users_without_the_right(
    application: Application, client_as: Callable[..., Client]
) -> None:
    url = reverse("people:household_detail", args=[application.household_id])
    hidden = client_as("caseworker").get(url).content.decode()
    assert "Hemlig" not in hidden
    assert "Skyddad identitet" in hidden


def test_protected_identity_is_shown_to_users_with_the_right(
    application: Application, client_as: Callable[..., Client]
) -> None:
    url = reverse("people:household_detail", args=[application.household_id])
    shown = client_as("unit_manager", sees_protected_identity=True).get(url).content.decode()
    assert "Hemlig Person" in shown


def test_caseload_list_shows_only_the_unit_s_cases(
    application: Application, persona: Callable[..., User], other_unit: Unit
) -> None:
    client = Client()
    client.force_login(persona("caseworker", in_unit=other_unit))
    response = client.get(reverse("people:caseload") + "?visa=enheten")
    assert list(response.context["cases"]) == []
