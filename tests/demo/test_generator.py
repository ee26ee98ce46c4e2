"""The demo municipality: deterministic, made through the services, with every list non-empty."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Q
from django.test import Client
from django.urls import reverse

from bryggan.accounts.models import Unit, User
from bryggan.audit.models import AccessLogEntry, ChangeRecord
from bryggan.audit.verify import chains_verify
from bryggan.core.month import Month
from bryggan.decisions.models import (
    Appeal,
    AppealStatus,
    Decision,
    RecoveryClaim,
    RecoveryPoliceReport,
)
from bryggan.demo.decisions import STAND_IN_REFERENCE
from bryggan.demo.generator import DEMO_PASSWORD, PERSONAS, _Numbers, _plan, generate
from bryggan.followup.board_store import board_figures
from bryggan.followup.models import Closure
from bryggan.followup.services import assistance_months_refresh
from bryggan.intake.models import Application, FirstMeeting
from bryggan.norm_entry.models import EnteredRiksnorm
from bryggan.payments.models import Payment
from bryggan.people.models import Household, HouseholdMember
from tests.conftest import local

NOW = local(2026, 11, 23, 12)


def _fingerprint(seed: int) -> list[tuple[str, list[str]]]:
    rng = random.Random(seed)
    plans = _plan(rng, _Numbers(rng, date(2026, 11, 23)), date(2026, 11, 23), 40)
    return [(p.applicant.identity.number, [str(m) for m in p.months]) for p in plans]


def test_the_same_seed_plans_the_same_municipality() -> None:
    assert _fingerprint(7) == _fingerprint(7)
    assert _fingerprint(7) != _fingerprint(8)


@pytest.mark.django_db
def test_a_small_demo_has_cases_history_youth_and_protected_identities() -> None:
    summary = generate(households=60, seed=3, now=NOW)
    # 60 with history, and each caseworker's new applicant whose first meeting is today (My work).
    new_today = Household.objects.exclude(applications__received_at__date__lt=NOW.date()).count()
    assert new_today > 0
    assert summary.households == Household.objects.count() == 60 + new_today
    # Recovery (återkrav): decided claims with a plan, a repayment and a police report.
    assert RecoveryClaim.objects.filter(plans__isnull=False, repayments__isnull=False).exists()
    assert RecoveryPoliceReport.objects.exists()
    # Appeals in each state.
    assert set(Appeal.objects.values_list("status", flat=True)) == {s.value for s in AppealStatus}
    assert summary.applications == Application.objects.count()
    months = set(Application.objects.values_list("month", flat=True))
    assert len(months) >= 20  # about 24 months of history
    assert Application.objects.filter(track="youth").exists()
    # Every closed case has its closure reason; reopened cases keep theirs as history.
    assert 0 < Household.objects.filter(status="closed").count() <= Closure.objects.count()
    assert FirstMeeting.objects.filter(status="held").exists()
    for meeting in FirstMeeting.objects.all():
        assert meeting.starts_at > meeting.application.received_at
    # The måltavla's returns (Trelleborg's measure): closures to work or studies followed up twelve
    # months on (a tenth of the demo's households come back after a gap of three to eight months).
    assistance_months_refresh()
    today = NOW.date()
    counts = [
        month
        for unit in Unit.objects.all()
        for month in board_figures(unit, as_of=Month.of(today), today=today).values()
    ]
    followed_up, returned = sum(c.followed_up for c in counts), sum(c.returned for c in counts)
    assert followed_up > 0
    assert followed_up >= returned
    # Reads for the access-log review, and both hash chains intact after everything the demo wrote.
    assert AccessLogEntry.objects.filter(object_type="household").count() > 10
    # A grown child moved out of a household this month, through the household edit.
    assert ChangeRecord.objects.filter(object_type="household", action="edited").exists()
    assert HouseholdMember.objects.filter(valid_to__gt=NOW.date() - timedelta(days=21)).exists()
    assert all(report.intact for report in chains_verify())


@pytest.mark.django_db
def test_every_demo_login_signs_in_with_the_printed_password() -> None:
    generate(households=5, seed=1, now=NOW)
    for username, _first, _last in PERSONAS.values():
        client = Client()
        response = client.post(
            reverse("accounts:login"), {"username": username, "password": DEMO_PASSWORD}
        )
        assert response.status_code == 302, username
    assert User.objects.get(username="admin").is_staff


@pytest.mark.django_db
def test_the_command_refuses_a_database_with_data_unless_told_to_skip(
    capsys: pytest.CaptureFixture[str],
) -> None:
    call_command("demo", households=3, seed=1)
    call_command("demo", households=3, seed=1, if_empty=True)
    assert "not loaded again" in capsys.readouterr().out
    with pytest.raises(CommandError):
        call_command("demo", households=3, seed=1)


@pytest.mark.django_db
def test_the_demo_decides_and_pays_every_assessed_month_on_labelled_stand_in_norms() -> None:
    generate(households=30, seed=5, now=NOW)
    # Every application old enough to be assessed has one signed decision; granted ones are paid.
    # (My pages' demo renewal is delayed on purpose: it has a preliminary reply instead.)
    # Waiting on purpose: the renewals sent on My pages (the caseworker's queue) and the new
    # applicants whose first meeting is today (My work).
    waiting = (
        Q(preliminary_replies__isnull=False)
        | Q(online__isnull=False)
        | Q(received_at__date=NOW.date())
    )
    signed = Decision.objects.filter(status="signed")
    for application in Application.objects.exclude(waiting):
        assert signed.filter(household=application.household, month=application.month).exists()
    for decision in signed:
        assert Application.objects.filter(household=decision.household, month=decision.month)
    # Next month's decisions (renewals signed from My pages' proposals) wait for next month's run.
    granted = Decision.objects.filter(outcome="granted", month__lte=str(Month.of(NOW.date())))
    assert granted.exists()
    assert Payment.objects.count() == granted.count()
    assert {p.decision.month for p in Payment.objects.select_related("decision")} == set(
        granted.values_list("month", flat=True)
    )
    # The years without a shipped table are entered as stand-ins that say so, never shipped ones.
    for entered in EnteredRiksnorm.objects.all():
        assert entered.year in (2024, 2025, 2026)
        assert entered.document["source"]["reference"] == STAND_IN_REFERENCE
        assert "not the riksnorm" in entered.document["source"]["title"]
    assert set(EnteredRiksnorm.objects.values_list("year", flat=True)) == {2024, 2025, 2026}
