"""Writes of the action plan: versions, signatures, the lock, follow-ups, youth authorship."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from django.utils import timezone

from bryggan.accounts.models import Unit, User
from bryggan.audit.models import ChangeRecord
from bryggan.core.errors import DomainError
from bryggan.people.services import household_open
from bryggan.planning import rules
from bryggan.planning.models import Goal, PlanStep, PlanVersion, SignedHow, WrittenBy
from bryggan.planning.services import followup_hold, plan_version_create, plan_version_sign
from tests.activities.factories import make_household
from tests.people.factories import person_input
from tests.planning.factories import make_followup, make_version

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 23)


def _sign(version: PlanVersion, by: User) -> PlanVersion:
    return plan_version_sign(
        version=version, how=SignedHow.IN_MEETING, at=timezone.now(), recorded_by=by
    )


def test_a_new_version_copies_the_latest_and_gets_the_next_number(
    unit: Unit, persona: Callable[..., User]
) -> None:
    worker = persona("caseworker")
    household = make_household(unit, worker, serial=11)
    first = make_version(household, worker, today=TODAY)
    second = plan_version_create(
        household=household,
        person=first.plan.person,
        goal=Goal.STUDIES,
        written_by=WrittenBy.WORK_COACH,
        by=worker,
        today=TODAY,
    )
    assert (first.number, second.number, second.plan_id) == (1, 2, first.plan_id)
    assert second.goal == Goal.STUDIES
    assert second.consequences == first.consequences
    assert [s.description for s in second.steps.all()] == [s.description for s in first.steps.all()]
    assert ChangeRecord.objects.filter(object_type="plan_version", action="created").count() == 2


def test_signing_an_older_version_is_refused_with_a_clear_message(
    unit: Unit, persona: Callable[..., User]
) -> None:
    worker = persona("caseworker")
    household = make_household(unit, worker, serial=12)
    first = make_version(household, worker, today=TODAY)
    make_version(household, worker, today=TODAY)
    with pytest.raises(DomainError) as refused:
        _sign(first, worker)
    assert refused.value.message == rules.VERSION_NOT_LATEST.format(number=1, latest=2)
    first.refresh_from_db()
    assert first.signed_at is None


def test_a_signed_version_is_locked(unit: Unit, persona: Callable[..., User]) -> None:
    worker = persona("caseworker")
    household = make_household(unit, worker, serial=13)
    version = _sign(make_version(household, worker, today=TODAY), worker)
    assert version.is_locked
    assert (version.signed_how, version.signature_recorded_by) == (SignedHow.IN_MEETING, worker)
    with pytest.raises(DomainError) as again:
        _sign(version, worker)
    assert again.value.message == rules.VERSION_ALREADY_SIGNED.format(number=1)
    version.goal_text = "Ändrat i efterhand"
    with pytest.raises(DomainError) as changed:
        version.save()
    assert changed.value.message == rules.VERSION_LOCKED
    step = version.steps.first()
    assert step is not None
    step.description = "Ändrat"
    with pytest.raises(DomainError):
        step.save()
    with pytest.raises(DomainError):
        PlanStep.objects.create(version=version, position=9, description="Ny", responsible="client")
    version.refresh_from_db()
    assert version.goal_text == "Arbete inom lager"


def test_a_young_adult_is_recorded_as_the_author_of_their_own_plan(
    unit: Unit, persona: Callable[..., User]
) -> None:
    coach = persona("work_coach")
    household = household_open(
        unit=unit,
        applicant=person_input(date(2005, 3, 1), 31, first="Elin"),
        co_applicant=None,
        children=[],
        caseworker=None,
        opened_on=date(2026, 1, 5),
        by=coach,
    )
    version = plan_version_create(
        household=household,
        person=household.members.get().person,
        goal=Goal.STUDIES,
        goal_text="Komvux",
        written_by=WrittenBy.CLIENT,
        by=coach,
        today=TODAY,
    )
    assert (version.written_by, version.created_by) == (WrittenBy.CLIENT, coach)


def test_an_older_client_cannot_be_recorded_as_author(
    unit: Unit, persona: Callable[..., User]
) -> None:
    worker = persona("caseworker")
    household = make_household(unit, worker, serial=14)
    with pytest.raises(DomainError) as refused:
        plan_version_create(
            household=household,
            person=household.members.get().person,
            goal=Goal.WORK,
            written_by=WrittenBy.CLIENT,
            by=worker,
            today=TODAY,
        )
    assert refused.value.message == rules.CLIENT_AUTHOR_NOT_YOUTH
    assert not PlanVersion.objects.exists()


def test_a_follow_up_is_booked_held_once_and_not_before_its_day(
    unit: Unit, persona: Callable[..., User]
) -> None:
    worker = persona("caseworker")
    household = make_household(unit, worker, serial=15)
    version = make_version(household, worker, today=TODAY)
    follow_up = make_followup(version, worker, due_on=TODAY + timedelta(days=7), booked=TODAY)
    with pytest.raises(DomainError):
        followup_hold(
            follow_up=follow_up, held_on=TODAY + timedelta(days=1), note="", by=worker, today=TODAY
        )
    held = followup_hold(follow_up=follow_up, held_on=TODAY, note="Bra", by=worker, today=TODAY)
    assert (held.held_on, held.held_by, held.held_note) == (TODAY, worker, "Bra")
    with pytest.raises(DomainError) as again:
        followup_hold(follow_up=held, held_on=TODAY, note="", by=worker, today=TODAY)
    assert again.value.message == rules.FOLLOW_UP_ALREADY_HELD
