"""The applicant sees only their own case: another person's decision, letter or request is "not
found", the same as a missing one, and every read is in the access log with the applicant."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bryggan.accounts.models import User
from bryggan.audit.models import AccessLogEntry
from bryggan.casefile.services_requests import document_request_create
from bryggan.decisions.models import Decision
from tests.mypages.conftest import Own

pytestmark = pytest.mark.django_db


def test_another_persons_decision_letter_and_request_are_not_found(
    own: Own, other: Decision, persona: Callable[..., User]
) -> None:
    today = timezone.localdate()
    foreign_request = document_request_create(
        household=other.household,
        kind="payslip",
        what="Lönespecifikation",
        last_day=today + timedelta(days=7),
        month=None,
        by=persona("caseworker"),
        today=today,
    )
    for name, kwargs in [
        ("mypages:decision_detail", {"decision_id": other.pk}),
        ("mypages:decision_letter", {"decision_id": other.pk}),
        ("mypages:appeal_send", {"decision_id": other.pk}),
        ("mypages:request_upload", {"request_id": foreign_request.pk}),
    ]:
        foreign = own.client.get(reverse(name, kwargs=kwargs))
        missing = own.client.get(reverse(name, kwargs=dict.fromkeys(kwargs, 999_999)))
        assert foreign.status_code == missing.status_code == 404, name
    assert not AccessLogEntry.objects.filter(case_id=other.household_id).exists()


def test_the_own_decision_and_letter_are_shown_and_each_read_is_logged(own: Own) -> None:
    detail = own.client.get(reverse("mypages:decision_detail", args=[own.decision.pk]))
    letter = own.client.get(reverse("mypages:decision_letter", args=[own.decision.pk]))

    assert detail.status_code == 200
    assert "överklaga" in detail.content.decode()
    assert letter.status_code == 200
    assert letter["Content-Type"] == "application/pdf"
    assert letter.content.startswith(b"%PDF")
    logged = set(AccessLogEntry.objects.filter(user=own.user).values_list("object_type", "purpose"))
    assert {("household", "own_pages"), ("decision", "own_pages")} <= logged
    assert ("document", "own_pages") in logged  # the stored letter itself


def test_every_own_page_logs_the_read_of_the_own_case(own: Own) -> None:
    for name in [
        "mypages:home",
        "mypages:requests",
        "mypages:decisions",
        "mypages:payments",
        "mypages:plan",
        "mypages:activities",
        "mypages:my_data",
    ]:
        before = AccessLogEntry.objects.filter(user=own.user, case_id=own.household.pk).count()
        assert own.client.get(reverse(name)).status_code == 200, name
        after = AccessLogEntry.objects.filter(user=own.user, case_id=own.household.pk).count()
        assert after > before, name


def test_an_applicant_without_a_case_is_told_what_to_do_and_sees_no_case(
    persona: Callable[..., User],
) -> None:
    client = Client()
    client.force_login(persona("applicant"))
    home = client.get(reverse("mypages:home"))

    assert home.status_code == 200
    assert "reception" in home.content.decode() or "receptionen" in home.content.decode()
    assert client.get(reverse("mypages:decisions")).status_code == 404


def test_the_register_extract_is_the_own_persons_only(own: Own, other: Decision) -> None:
    response = own.client.get(reverse("mypages:my_data_json"))

    assert response.status_code == 200
    data = response.json()
    assert data["person"]["identity_number"] == own.person.identity_number
    assert other.household.members.get().person.identity_number not in response.content.decode()
    pdf = own.client.get(reverse("mypages:my_data_pdf"))
    assert pdf.content.startswith(b"%PDF")


def test_the_accessibility_statement_is_public_and_linked_from_every_page(own: Own) -> None:
    statement = Client().get(reverse("mypages:accessibility"))
    home = own.client.get(reverse("mypages:home"))

    assert statement.status_code == 200
    assert "2018:1937" in statement.content.decode()
    assert reverse("mypages:accessibility") in home.content.decode()
