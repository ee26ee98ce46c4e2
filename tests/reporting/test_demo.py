"""The demo municipality's last month makes a clean file once its reasons for need are recorded."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bryggan.accounts.models import User
from bryggan.core.month import Month
from bryggan.demo.generator import HISTORY_MONTHS, generate
from bryggan.demo.reporting import record_reasons_for_need
from bryggan.reporting import fileformat
from bryggan.reporting.codes import code_lists
from bryggan.reporting.models import ReasonForNeed, ReportingSettings
from bryggan.reporting.rules import Severity
from bryggan.reporting.services import month_report

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=ZoneInfo("Europe/Stockholm"))


def test_the_demos_last_month_has_no_errors_and_round_trips() -> None:
    generate(households=40, seed=3, now=NOW)
    last = Month.of(NOW.date()).plus(-1)
    first = Month.of(NOW.date()).plus(-(HISTORY_MONTHS - 1))
    manager = User.objects.filter(role="unit_manager").first()
    assert manager is not None
    # The generator records every adult's reason for need through the service.
    assert ReasonForNeed.objects.filter(month=str(last)).exists()
    report = month_report(last, today=NOW.date())
    assert [p for p in report.problems if p.severity == Severity.ERROR] == []
    assert report.file.households
    assert fileformat.read(report.text, code_lists()) == report.file
    assert ReportingSettings.objects.filter(reasons_required_from=str(first)).exists()
    # Idempotent: a second run records nothing new.
    assert record_reasons_for_need(first=first, last=last, by=manager, now=NOW) == 0
