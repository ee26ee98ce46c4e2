"""What the applicant does on My pages: appeal a decision (it reaches the unit's appeals), sign
the plan, report an absence (a report to judge, never an excused absence), see conditions and
payments."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bryggan.accounts.models import User
from bryggan.activities.models import AbsenceReport, Attendance
from bryggan.decisions.models import Appeal, AppealStatus
from bryggan.mypages.models import AppealFromApplicant
from bryggan.payments.services import payment_run_execute
from bryggan.planning.models import SignedHow
from tests.activities.factories import make_activity, make_participant
from tests.mypages.conftest import Own
from tests.planning.factories import make_version

pytestmark = pytest.mark.django_db


def test_an_appeal_sent_from_the_decision_reaches_the_units_appeals(
    own: Own, client_as: Callable[..., Client]
) -> None:
    sent = own.client.post(
        reverse("mypages:appeal_send", args=[own.decision.pk]),
        {"claims": "Jag vill att hela hyran räknas med."},
    )

    assert sent.status_code == 302
    appeal = Appeal.objects.get(decision=own.decision)
    assert appeal.received_on == timezone.localdate()
    assert appeal.registered_by == own.user
    assert appeal.status == AppealStatus.REGISTERED
    assert AppealFromApplicant.objects.get(appeal=appeal).person == own.person
    staff = client_as("caseworker").get(reverse("decisions:appeal_list", args=[own.household.pk]))
    assert staff.status_code == 200
    assert reverse("decisions:appeal_detail", args=[own.household.pk, appeal.pk]) in (
        staff.content.decode()
    )
    detail = client_as("caseworker").get(
        reverse("decisions:appeal_detail", args=[own.household.pk, appeal.pk])
    )
    assert 'data-testid="sent-on-my-pages"' in detail.content.decode()
    status = own.client.get(reverse("mypages:decision_detail", args=[own.decision.pk]))
    assert 'data-testid="appeal-status"' in status.content.decode()


def test_an_appeal_without_a_reason_is_refused_and_keeps_nothing(own: Own) -> None:
    response = own.client.post(
        reverse("mypages:appeal_send", args=[own.decision.pk]), {"claims": "  "}
    )
    assert response.status_code == 200
    assert not Appeal.objects.filter(decision=own.decision).exists()


def test_the_applicant_signs_the_plan_through_the_e_service_path(
    own: Own, persona: Callable[..., User]
) -> None:
    version = make_version(own.household, persona("caseworker"), today=timezone.localdate())
    page = own.client.get(reverse("mypages:plan")).content.decode()
    assert "Söka fem jobb i veckan" in page

    own.client.post(reverse("mypages:plan_sign"))

    version.refresh_from_db()
    assert version.signed_at is not None
    assert version.signed_how == SignedHow.E_SERVICE
    assert version.signature_recorded_by is None
    assert 'data-testid="plan-signed"' in own.client.get(reverse("mypages:plan")).content.decode()


def test_a_reported_absence_reaches_the_coach_and_is_never_excused_by_itself(
    own: Own, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    today = timezone.localdate()
    coach = persona("work_coach")
    activity = make_activity(own.household.unit, coach, today=today)
    referral = make_participant(activity, own.household, coach, started_on=today)
    day = max(today, activity.starts_on) + timedelta(days=1)

    sent = own.client.post(
        reverse("mypages:absence_report", args=[referral.pk]),
        {"day": day.isoformat(), "reason": "Sjuk, har feber."},
    )

    assert sent.status_code == 302
    report = AbsenceReport.objects.get(referral=referral)
    assert report.day == day
    assert not Attendance.objects.filter(referral=referral).exists()
    coach_page = client_as("work_coach").get(
        reverse("activities:referral_detail", args=[referral.pk])
    )
    assert "Sjuk, har feber." in coach_page.content.decode()


def test_a_reported_absence_needs_a_reason(own: Own, persona: Callable[..., User]) -> None:
    today = timezone.localdate()
    coach = persona("work_coach")
    activity = make_activity(own.household.unit, coach, today=today)
    referral = make_participant(activity, own.household, coach, started_on=today)
    response = own.client.post(
        reverse("mypages:absence_report", args=[referral.pk]),
        {"day": today.isoformat(), "reason": ""},
    )
    assert response.status_code == 200
    assert not AbsenceReport.objects.exists()


def test_payments_show_planned_then_paid_and_the_conditions_of_the_month(
    own: Own, persona: Callable[..., User]
) -> None:
    page = own.client.get(reverse("mypages:payments")).content.decode()
    assert "Planerad" in page
    assert "Ansökan för månaden" in page

    payment_run_execute(
        by=persona("unit_manager"), execution_date=timezone.localdate(), now=timezone.now()
    )

    page = own.client.get(reverse("mypages:payments")).content.decode()
    assert "Utbetald" in page
    assert "Planerad" not in page
