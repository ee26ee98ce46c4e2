from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from bryggan.core.errors import DomainError
from bryggan.core.month import Month
from bryggan.intake import rules
from tests.conftest import local

TZ = ZoneInfo("Europe/Stockholm")


def test_deadline_is_two_working_days_after_receipt() -> None:
    assert rules.first_meeting_deadline(date(2026, 11, 23)) == date(2026, 11, 25)  # Mon → Wed
    assert rules.first_meeting_deadline(date(2026, 11, 27)) == date(2026, 12, 1)  # Fri → Tue


def test_month_window_allows_twelve_months_either_way_and_not_thirteen() -> None:
    received = date(2026, 11, 23)
    rules.check_month_applied_for(Month(2025, 11), received_on=received)
    rules.check_month_applied_for(Month(2027, 11), received_on=received)
    for month in (Month(2025, 10), Month(2027, 12)):
        with pytest.raises(DomainError) as error:
            rules.check_month_applied_for(month, received_on=received)
        assert error.value.field == "month"


def test_applicants_aged_18_to_24_go_to_the_youth_track() -> None:
    received = date(2026, 11, 23)
    assert rules.track_for(date(2002, 1, 1), received_on=received) == rules.Track.YOUTH
    assert rules.track_for(date(2001, 11, 23), received_on=received) == rules.Track.STANDARD


def test_first_slot_is_the_next_working_morning() -> None:
    slot, coach = rules.choose_meeting(
        local(2026, 11, 20, 15), tz=TZ, caseworker_id=1, coach_ids=[7, 8], busy=set()
    )
    assert slot == datetime(2026, 11, 23, 9, 0, tzinfo=TZ)
    assert coach == 7


def test_busy_caseworker_and_busy_coach_move_the_meeting_on() -> None:
    nine = datetime(2026, 11, 24, 9, 0, tzinfo=TZ)
    half_past_ten = datetime(2026, 11, 24, 10, 30, tzinfo=TZ)
    busy = {(1, nine), (7, half_past_ten), (8, half_past_ten)}
    slot, coach = rules.choose_meeting(
        local(2026, 11, 23, 9), tz=TZ, caseworker_id=1, coach_ids=[7, 8], busy=busy
    )
    assert (slot, coach) == (datetime(2026, 11, 24, 13, 0, tzinfo=TZ), 7)


def test_second_coach_is_taken_when_the_first_is_busy() -> None:
    nine = datetime(2026, 11, 24, 9, 0, tzinfo=TZ)
    slot, coach = rules.choose_meeting(
        local(2026, 11, 23, 9), tz=TZ, caseworker_id=1, coach_ids=[7, 8], busy={(7, nine)}
    )
    assert (slot, coach) == (nine, 8)


def test_late_meeting_is_recognised() -> None:
    assert rules.is_meeting_late(local(2026, 11, 26, 9), date(2026, 11, 25), tz=TZ)
    assert not rules.is_meeting_late(local(2026, 11, 25, 14, 30), date(2026, 11, 25), tz=TZ)


def test_least_loaded_caseworker_under_the_cap_is_picked() -> None:
    assert rules.pick_caseworker({1: 44, 2: 30, 3: 30}, cap=45) == 2
    assert rules.pick_caseworker({1: 45, 2: 46}, cap=45) is None


def test_cap_is_exceeded_only_by_the_case_past_it() -> None:
    assert not rules.would_exceed_cap(44, cap=45)
    assert rules.would_exceed_cap(45, cap=45)


def test_a_continuing_application_starts_no_new_spell() -> None:
    assert rules.starts_new_spell(Month(2026, 11), previous_months=set())
    assert not rules.starts_new_spell(Month(2026, 11), previous_months={"2026-10"})
    assert rules.starts_new_spell(Month(2026, 11), previous_months={"2026-09"})
