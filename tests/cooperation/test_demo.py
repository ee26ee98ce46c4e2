"""The demo's cooperation: partners, consents (one withdrawn), statuses and the partner login."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse

from bryggan.cooperation.models import AfStatusRecord, Consent, Disclosure, PartnerOrganisation
from bryggan.demo.generator import DEMO_PASSWORD, generate
from bryggan.desk.registry import desk_items
from tests.conftest import local

NOW = local(2026, 11, 23, 12)


@pytest.mark.django_db
def test_the_demo_has_partners_consents_and_a_partner_login_that_sees_cases() -> None:
    summary = generate(households=40, seed=3, now=NOW)
    assert summary.logins["partner"] == "partner"
    assert PartnerOrganisation.objects.count() >= 5
    assert Consent.objects.filter(withdrawn_at__isnull=True).exists()
    assert Consent.objects.filter(withdrawn_at__isnull=False).exists()
    assert AfStatusRecord.objects.exists()
    assert Disclosure.objects.exists()
    # One consent runs out within the week: it waits on its caseworker's My work.
    expiring = Consent.objects.select_related("household__caseworker").get(
        withdrawn_at__isnull=True, valid_to__lte=NOW.date() + timedelta(days=7)
    )
    items = desk_items(expiring.household.caseworker, today=NOW.date())
    assert [i.household_id for i in items if i.kind == "consent_expiring"] == [
        expiring.household_id
    ]
    client = Client()
    response = client.post(
        reverse("accounts:login"), {"username": "partner", "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302
