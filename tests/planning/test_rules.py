"""The action plan's pure rules."""

from __future__ import annotations

from datetime import date

import pytest

from bryggan.core.errors import DomainError
from bryggan.planning import rules

TODAY = date(2026, 11, 23)


def test_the_first_version_is_number_one_and_each_new_one_the_next() -> None:
    assert rules.next_version_number(None) == 1
    assert rules.next_version_number(3) == 4


def test_only_the_latest_version_can_be_signed() -> None:
    rules.check_may_sign(number=2, latest=2, signed=False)
    with pytest.raises(DomainError) as refused:
        rules.check_may_sign(number=1, latest=2, signed=False)
    assert refused.value.message == rules.VERSION_NOT_LATEST.format(number=1, latest=2)


def test_a_signed_version_cannot_be_signed_again() -> None:
    with pytest.raises(DomainError) as refused:
        rules.check_may_sign(number=2, latest=2, signed=True)
    assert refused.value.message == rules.VERSION_ALREADY_SIGNED.format(number=2)


@pytest.mark.parametrize(
    ("due_on", "held_on", "missed"),
    [
        (date(2026, 11, 22), None, True),
        (date(2026, 11, 23), None, False),
        (date(2026, 11, 24), None, False),
        (date(2026, 11, 20), date(2026, 11, 20), False),
    ],
)
def test_a_follow_up_is_missed_when_its_date_passes_unheld(
    due_on: date, held_on: date | None, missed: bool
) -> None:
    assert rules.is_missed(due_on=due_on, held_on=held_on, today=TODAY, cancelled=False) is missed


def test_whether_a_follow_up_is_cancelled_is_always_said_never_assumed() -> None:
    # A caller that forgets `cancelled` would count a cancelled follow-up as missed or hold it.
    with pytest.raises(TypeError, match="cancelled"):
        rules.is_missed(due_on=date(2026, 11, 22), held_on=None, today=TODAY)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="cancelled"):
        rules.check_hold(held_on=TODAY, already_held=False, today=TODAY)  # type: ignore[call-arg]


def test_a_young_adult_may_write_their_own_plan_but_an_older_client_not() -> None:
    rules.check_author(rules.Author.CLIENT, birth_date=date(2004, 1, 1), today=TODAY)
    rules.check_author(rules.Author.CASEWORKER, birth_date=date(1970, 1, 1), today=TODAY)
    with pytest.raises(DomainError) as refused:
        rules.check_author(rules.Author.CLIENT, birth_date=date(2001, 11, 23), today=TODAY)
    assert refused.value.message == rules.CLIENT_AUTHOR_NOT_YOUTH


def test_a_follow_up_cannot_be_booked_in_the_past_nor_held_in_the_future() -> None:
    with pytest.raises(DomainError):
        rules.check_booking(date(2026, 11, 22), today=TODAY)
    with pytest.raises(DomainError):
        rules.check_hold(
            held_on=date(2026, 11, 24), already_held=False, today=TODAY, cancelled=False
        )
