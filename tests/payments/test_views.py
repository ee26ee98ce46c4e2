"""The payment pages name cases and accounts: every case they show is logged as read."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bryggan.accounts.models import User
from bryggan.audit.models import AccessLogEntry
from bryggan.decisions.models import Decision
from bryggan.payments.services import payment_run_execute
from tests.payments.conftest import current_year_norm, delegation, make_decision

__all__ = ["current_year_norm", "delegation", "make_decision"]
pytestmark = pytest.mark.django_db


def test_the_run_page_logs_a_read_of_each_case_it_lists_and_the_file_a_read_of_the_run(
    make_decision: Callable[..., Decision],
    persona: Callable[..., User],
    client_as: Callable[..., Client],
) -> None:
    decisions = [make_decision(n) for n in (1, 2)]
    manager = persona("unit_manager")
    run = payment_run_execute(by=manager, execution_date=date(2026, 11, 25), now=timezone.now())
    client = client_as("unit_manager")
    before = AccessLogEntry.objects.count()

    assert client.get(reverse("payments:run_detail", args=[run.pk])).status_code == 200
    logged = AccessLogEntry.objects.filter(user=manager, object_type="payment")
    assert logged.count() == 2 == AccessLogEntry.objects.count() - before
    assert set(logged.values_list("case_id", flat=True)) == {d.household_id for d in decisions}
    assert {e.purpose for e in logged} == {"payments"}

    assert client.get(reverse("payments:run_file", args=[run.pk])).status_code == 200
    file_read = AccessLogEntry.objects.get(object_type="payment_run_file")
    assert (file_read.user, file_read.object_id, file_read.case_id) == (manager, str(run.pk), None)
