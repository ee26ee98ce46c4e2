"""Cancelling a booked follow-up: the rule, the service's refusals, the missed list, the database's
own guard and the page."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bryggan.accounts.models import Unit, User
from bryggan.audit.models import ChangeRecord
from bryggan.core.errors import DomainError
from bryggan.planning import rules
from bryggan.planning.models import FollowUp
from bryggan.planning.selectors import followup_list_missed
from bryggan.planning.services import followup_cancel, followup_hold
from tests.activities.factories import make_household
from tests.conftest import local
from tests.planning.factories import make_followup, make_version

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 23)
NOW = local(2026, 11, 23, 14, 5)


def _booked(unit: Unit, by: User, *, due_on: date, serial: int = 61) -> FollowUp:
    household = make_household(unit, by, serial=serial)
    version = make_version(household, by, today=due_on)
    return make_followup(version, by, due_on=due_on, booked=due_on)


def _refuse(follow_up: FollowUp, *, reason: str, by: User) -> DomainError:
    with pytest.raises(DomainError) as caught:
        followup_cancel(follow_up=follow_up, reason=reason, by=by, now=NOW)
    return caught.value


# --- the rule -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("held_on", "cancelled", "missed"),
    [
        (None, False, True),
        (None, True, False),
        (date(2026, 11, 10), False, False),
    ],
)
def test_a_cancelled_follow_up_is_never_missed(
    held_on: date | None, cancelled: bool, missed: bool
) -> None:
    due = date(2026, 11, 10)
    assert rules.is_missed(due_on=due, held_on=held_on, today=TODAY, cancelled=cancelled) is missed


@pytest.mark.parametrize(
    ("held", "cancelled", "reason", "message", "field"),
    [
        (True, False, "Flyttat", rules.HELD_CANNOT_BE_CANCELLED, None),
        (False, True, "Flyttat", rules.FOLLOW_UP_CANCELLED, None),
        (False, False, "   ", rules.CANCEL_REASON_REQUIRED, "reason"),
    ],
)
def test_check_cancel_refuses_held_cancelled_and_reasonless(
    held: bool, cancelled: bool, reason: str, message: str, field: str | None
) -> None:
    with pytest.raises(DomainError) as caught:
        rules.check_cancel(held=held, cancelled=cancelled, reason=reason)
    assert (caught.value.message, caught.value.field) == (message, field)


# --- the service ----------------------------------------------------------------------------------


def test_cancelling_records_reason_who_and_when_and_a_history_row(
    unit: Unit, persona: Callable[..., User]
) -> None:
    coach, caseworker = persona("work_coach"), persona("caseworker")
    follow_up = _booked(unit, coach, due_on=TODAY)
    cancelled = followup_cancel(
        follow_up=follow_up, reason="  Klienten har fått arbete.  ", by=caseworker, now=NOW
    )
    stored = FollowUp.objects.get(pk=follow_up.pk)
    assert (stored.cancelled_at, stored.cancelled_by, stored.cancel_reason) == (
        NOW,
        caseworker,
        "Klienten har fått arbete.",
    )
    assert stored.is_cancelled
    assert cancelled.is_cancelled
    assert stored.held_on is None
    record = ChangeRecord.objects.get(object_type="follow_up", action="cancelled")
    assert record.object_id == str(follow_up.pk)
    assert record.case_id == follow_up.plan.household_id
    assert record.user == caseworker
    assert record.changes == {"due_on": "2026-11-23", "reason": "Klienten har fått arbete."}


def test_a_reason_is_required(unit: Unit, persona: Callable[..., User]) -> None:
    coach = persona("work_coach")
    follow_up = _booked(unit, coach, due_on=TODAY)
    error = _refuse(follow_up, reason=" ", by=coach)
    assert (error.message, error.field) == (rules.CANCEL_REASON_REQUIRED, "reason")
    assert not FollowUp.objects.get(pk=follow_up.pk).is_cancelled


def test_a_held_follow_up_cannot_be_cancelled(unit: Unit, persona: Callable[..., User]) -> None:
    coach = persona("work_coach")
    follow_up = _booked(unit, coach, due_on=TODAY)
    followup_hold(follow_up=follow_up, held_on=TODAY, note="", by=coach, today=TODAY)
    error = _refuse(follow_up, reason="Fel bokning", by=coach)
    assert error.message == rules.HELD_CANNOT_BE_CANCELLED
    assert not FollowUp.objects.get(pk=follow_up.pk).is_cancelled


def test_a_follow_up_is_cancelled_only_once(unit: Unit, persona: Callable[..., User]) -> None:
    coach = persona("work_coach")
    follow_up = _booked(unit, coach, due_on=TODAY)
    followup_cancel(follow_up=follow_up, reason="Flyttat", by=coach, now=NOW)
    error = _refuse(follow_up, reason="Igen", by=persona("unit_manager"))
    assert error.message == rules.FOLLOW_UP_CANCELLED
    stored = FollowUp.objects.get(pk=follow_up.pk)
    assert (stored.cancel_reason, stored.cancelled_by) == ("Flyttat", coach)


def test_a_cancelled_follow_up_cannot_be_marked_held(
    unit: Unit, persona: Callable[..., User]
) -> None:
    coach = persona("work_coach")
    follow_up = _booked(unit, coach, due_on=TODAY)
    followup_cancel(follow_up=follow_up, reason="Flyttat", by=coach, now=NOW)
    with pytest.raises(DomainError) as caught:
        followup_hold(follow_up=follow_up, held_on=TODAY, note="", by=coach, today=TODAY)
    assert caught.value.message == rules.FOLLOW_UP_CANCELLED
    assert FollowUp.objects.get(pk=follow_up.pk).held_on is None


def test_a_cancelled_follow_up_leaves_the_missed_list(
    unit: Unit, persona: Callable[..., User]
) -> None:
    manager = persona("unit_manager")
    today = timezone.localdate()
    past = today - timedelta(days=10)
    kept = _booked(unit, manager, due_on=past, serial=62)
    dropped = _booked(unit, manager, due_on=past, serial=63)
    assert {row.follow_up.pk for row in followup_list_missed(manager, today=today)} == {
        kept.pk,
        dropped.pk,
    }
    followup_cancel(follow_up=dropped, reason="Klienten flyttade", by=manager, now=timezone.now())
    assert [row.follow_up.pk for row in followup_list_missed(manager, today=today)] == [kept.pk]


# --- the database's guard -------------------------------------------------------------------------


def test_the_database_refuses_a_follow_up_both_held_and_cancelled(
    unit: Unit, persona: Callable[..., User]
) -> None:
    coach = persona("work_coach")
    follow_up = _booked(unit, coach, due_on=TODAY)
    followup_cancel(follow_up=follow_up, reason="Flyttat", by=coach, now=NOW)
    with pytest.raises(IntegrityError), transaction.atomic():
        FollowUp.objects.filter(pk=follow_up.pk).update(held_on=TODAY, held_by=coach)


def test_the_database_refuses_a_cancellation_without_reason_or_canceller(
    unit: Unit, persona: Callable[..., User]
) -> None:
    coach = persona("work_coach")
    follow_up = _booked(unit, coach, due_on=TODAY)
    rows = FollowUp.objects.filter(pk=follow_up.pk)
    with pytest.raises(IntegrityError), transaction.atomic():
        rows.update(cancelled_at=NOW, cancelled_by=coach)
    with pytest.raises(IntegrityError), transaction.atomic():
        rows.update(cancelled_at=NOW, cancel_reason="Flyttat")
    with pytest.raises(IntegrityError), transaction.atomic():
        rows.update(cancel_reason="Flyttat")


# --- the page -------------------------------------------------------------------------------------


def _state(page: str, follow_up: FollowUp) -> str:
    """The text of the follow-up's held-or-cancelled cell on the plan page."""
    cell = re.search(rf'data-testid="followup-state-{follow_up.pk}">(.*?)</td>', page, re.DOTALL)
    assert cell is not None
    return " ".join(re.sub(r"<[^>]+>", "", cell.group(1)).split())


def _urls(follow_up: FollowUp) -> tuple[str, str]:
    plan = follow_up.plan
    return (
        reverse("planning:followup_cancel", args=[plan.household_id, plan.person_id, follow_up.pk]),
        reverse("planning:plan_detail", args=[plan.household_id, plan.person_id]),
    )


def test_a_caseworker_cancels_a_follow_up_and_the_plan_shows_it_cancelled(
    unit: Unit, persona: Callable[..., User], client_as: Callable[..., Client], english: None
) -> None:
    today = timezone.localdate()
    follow_up = _booked(unit, persona("work_coach"), due_on=today - timedelta(days=3))
    cancel_url, plan_url = _urls(follow_up)
    client = client_as("caseworker")
    plan_page = client.get(plan_url).content.decode()
    assert cancel_url in plan_page
    assert _state(plan_page, follow_up) == "Missed"
    response = client.post(cancel_url, {"reason": "Klienten har fått arbete"})
    assert response.status_code == 302
    assert response["Location"] == plan_url
    page = client.get(plan_url).content.decode()
    assert _state(page, follow_up) == (
        f"Cancelled {today.isoformat()} · Caseworker Persona · Klienten har fått arbete"
    )
    assert cancel_url not in page
    assert (
        reverse(
            "planning:followup_hold",
            args=[follow_up.plan.household_id, follow_up.plan.person_id, follow_up.pk],
        )
        not in page
    )


def test_a_cancel_without_reason_marks_the_reason_field(
    unit: Unit, persona: Callable[..., User], client_as: Callable[..., Client], english: None
) -> None:
    follow_up = _booked(unit, persona("work_coach"), due_on=timezone.localdate())
    cancel_url, _plan_url = _urls(follow_up)
    response = client_as("work_coach").post(cancel_url, {"reason": ""})
    assert response.status_code == 200
    assert 'id="id_reason_error"' in response.content.decode()
    assert not FollowUp.objects.get(pk=follow_up.pk).is_cancelled


def test_a_held_follow_up_shows_why_it_cannot_be_cancelled(
    unit: Unit, persona: Callable[..., User], client_as: Callable[..., Client], english: None
) -> None:
    coach, today = persona("work_coach"), timezone.localdate()
    follow_up = _booked(unit, coach, due_on=today)
    followup_hold(follow_up=follow_up, held_on=today, note="", by=coach, today=today)
    cancel_url, _plan_url = _urls(follow_up)
    client = client_as("work_coach")
    assert str(rules.HELD_CANNOT_BE_CANCELLED) in client.get(cancel_url).content.decode()
    response = client.post(cancel_url, {"reason": "Fel"})
    assert response.status_code == 200
    assert str(rules.HELD_CANNOT_BE_CANCELLED) in response.content.decode()
    assert not FollowUp.objects.get(pk=follow_up.pk).is_cancelled


def test_staff_of_another_unit_cannot_cancel(
    unit: Unit,
    other_unit: Unit,
    persona: Callable[..., User],
    client_as: Callable[..., Client],
) -> None:
    follow_up = _booked(unit, persona("work_coach"), due_on=timezone.localdate())
    cancel_url, _plan_url = _urls(follow_up)
    client = Client()
    client.force_login(persona("caseworker", in_unit=other_unit))
    assert client.get(cancel_url).status_code == 404
    assert client.post(cancel_url, {"reason": "Fel"}).status_code == 404
    assert not FollowUp.objects.get(pk=follow_up.pk).is_cancelled
