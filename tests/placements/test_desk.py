"""My work: a proposal waits on the unit manager until the own municipality has voted; a running
placement's follow-up dates wait on the case's caseworker, missed or due within the look-ahead."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.utils import timezone

from bryggan.accounts.models import Unit, User
from bryggan.desk.registry import desk_items
from bryggan.placements.services import follow_up_record, placement_start, placement_vote
from tests.followup.factories import household as make_household
from tests.placements.factories import (
    approve_all,
    consent_all,
    make_group,
    propose,
    sign_agreement,
)

pytestmark = pytest.mark.django_db


def test_a_proposal_waits_on_the_manager_until_the_municipality_has_voted(
    unit: Unit, persona: Callable[..., User]
) -> None:
    manager, today = persona("unit_manager"), timezone.localdate()
    group = make_group(unit, manager)
    household = make_household(unit, by=persona("caseworker"))
    consent_all(household, group, persona("caseworker"))
    placement = propose(group, household, persona("caseworker"))

    def waiting_for(user: User) -> list[int]:
        items = desk_items(user, today=today)
        return [i.household_id for i in items if i.kind == "placement_vote"]

    assert waiting_for(manager) == [household.pk]
    assert waiting_for(persona("caseworker")) == []  # the manager casts the municipality's vote
    placement_vote(
        placement=placement,
        organisation=None,
        approve=True,
        reason="",
        by=manager,
        now=timezone.now(),
    )
    assert waiting_for(manager) == []


def test_a_running_placements_follow_up_waits_on_the_caseworker_until_it_is_held(
    unit: Unit, persona: Callable[..., User], settings: object
) -> None:
    caseworker, manager = persona("caseworker"), persona("unit_manager")
    coach, today = persona("work_coach"), timezone.localdate()
    group = make_group(unit, manager)
    household = make_household(unit, by=caseworker, caseworker=caseworker)
    consent_all(household, group, caseworker)
    placement = propose(group, household, caseworker, starts_on=today - timedelta(days=40))
    approve_all(placement, group, manager)
    sign_agreement(placement, caseworker)  # one follow-up, 30 days after the start: missed
    follow_up = placement.follow_ups.get()

    def waiting(user: User, *, on: object = today) -> list[tuple[int, object, str]]:
        return [
            (i.household_id, i.deadline, i.title)
            for i in desk_items(user, today=on)
            if i.kind == "placement_follow_up"
        ]

    assert waiting(caseworker) == []  # not started yet: nothing to follow up
    placement_start(placement=placement, on=today - timedelta(days=40), by=caseworker)
    missed = [(household.pk, follow_up.due_on, "Uppföljning av placering missad: "
               "Fagersta kommun, parkförvaltningen")]  # fmt: skip
    assert waiting(caseworker) == missed
    assert waiting(coach) == []  # neither the coach's case nor proposed by the coach
    # Before the look-ahead reaches it, nothing waits; from then it is due.
    before = follow_up.due_on - timedelta(days=settings.BRYGGAN_DESK_LOOKAHEAD_DAYS + 1)  # type: ignore[attr-defined]
    assert waiting(caseworker, on=before) == []
    assert [t for *_, t in waiting(caseworker, on=follow_up.due_on)] == [
        "Uppföljning av placering att hålla: Fagersta kommun, parkförvaltningen"
    ]
    follow_up_record(follow_up=follow_up, held_on=today, note="Trivs.", by=caseworker)
    assert waiting(caseworker) == []
