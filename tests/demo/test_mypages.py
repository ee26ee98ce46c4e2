"""The demo's applicants on My pages have requests, decisions and payments to see."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bryggan.casefile.models import DocumentRequest, PreliminaryReply
from bryggan.casefile.rules_requests import RequestState
from bryggan.casefile.selectors_requests import document_request_rows
from bryggan.demo.generator import generate
from bryggan.mypages.models import ApplicantAccount
from bryggan.mypages.selectors_pages import own_decisions, own_household_of, payment_rows
from tests.conftest import local

pytestmark = pytest.mark.django_db


def test_the_demo_applicants_have_requests_decisions_and_payments_on_my_pages() -> None:
    now = local(2026, 11, 23, 12)
    generate(households=12, seed=5, now=now)
    accounts = list(ApplicantAccount.objects.select_related("person", "user"))
    assert accounts
    today = timezone.localdate(now)
    states = set()
    for account in accounts:
        household = own_household_of(account.person)
        assert household is not None
        assert own_decisions(household).exists()
        assert payment_rows(household)
        states |= {row.state for row in document_request_rows(household.pk, today=today)}
    assert {RequestState.FULFILLED, RequestState.OPEN, RequestState.OVERDUE} <= states
    assert DocumentRequest.objects.filter(documents__isnull=False).exists()
    assert PreliminaryReply.objects.exists()
    client = Client()
    client.force_login(accounts[0].user)
    assert client.get(reverse("mypages:home")).status_code == 200
