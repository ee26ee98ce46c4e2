"""The demo's cooperation: partners, consents (one withdrawn), statuses and the partner login."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from bryggan.cooperation.models import AfStatusRecord, Consent, Disclosure, PartnerOrganisation
from bryggan.demo.generator import DEMO_PASSWORD, generate
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
    client = Client()
    response = client.post(
        reverse("accounts:login"), {"username": "partner", "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302
