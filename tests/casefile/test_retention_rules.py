"""The retention rule (SoL 2025:400 16 kap. 1 och 4 §§) on each side of every boundary."""

from __future__ import annotations

from datetime import date

from bryggan.casefile.rules_retention import (
    FileFacts,
    KeepReason,
    ResearchSample,
    duty_arises,
    is_overdue,
    retention_verdict,
    thinning_deadline,
)

SAMPLE = ResearchSample(birth_days=frozenset({5, 15, 25}), municipality_in_sample=False)
TODAY = date(2026, 12, 7)
BORN = (date(1980, 1, 1),)


def facts(last: date, **kw: object) -> FileFacts:
    kw.setdefault("member_birth_dates", BORN)
    return FileFacts(case_id=1, is_open=False, last_entry=last, **kw)  # type: ignore[arg-type]


def test_a_file_is_due_exactly_five_years_after_its_last_entry() -> None:
    assert retention_verdict(facts(date(2021, 12, 7)), sample=SAMPLE, today=TODAY).due


def test_a_file_one_day_short_of_five_years_is_kept() -> None:
    verdict = retention_verdict(facts(date(2021, 12, 8)), sample=SAMPLE, today=TODAY)
    assert not verdict.due
    assert verdict.keep_reason == KeepReason.NOT_YET_DUE
    assert verdict.duty_from == date(2026, 12, 8)


def test_the_thinning_is_finished_by_the_end_of_the_following_calendar_year() -> None:
    assert thinning_deadline(duty_arises(date(2020, 12, 31))) == date(2026, 12, 31)
    assert thinning_deadline(duty_arises(date(2021, 1, 1))) == date(2027, 12, 31)


def test_a_file_past_its_deadline_is_late() -> None:
    late = retention_verdict(facts(date(2020, 12, 31)), sample=SAMPLE, today=date(2027, 1, 1))
    on_time = retention_verdict(facts(date(2020, 12, 31)), sample=SAMPLE, today=date(2026, 12, 31))
    assert is_overdue(late, today=date(2027, 1, 1))
    assert not is_overdue(on_time, today=date(2026, 12, 31))


def test_29_february_counts_to_1_march() -> None:
    assert duty_arises(date(2020, 2, 29)) == date(2025, 3, 1)


def test_persons_born_on_the_sample_days_keep_the_file_and_their_neighbours_do_not() -> None:
    for day in (5, 15, 25):
        kept = facts(date(2015, 1, 1), member_birth_dates=(date(1980, 3, day),))
        verdict = retention_verdict(kept, sample=SAMPLE, today=TODAY)
        assert verdict.keep_reason == KeepReason.RESEARCH_BIRTH_DAY
    for day in (4, 6, 14, 16, 24, 26):
        gone = facts(date(2015, 1, 1), member_birth_dates=(date(1980, 3, day),))
        assert retention_verdict(gone, sample=SAMPLE, today=TODAY).due


def test_a_child_born_on_a_sample_day_keeps_the_household_file() -> None:
    kept = facts(date(2015, 1, 1), member_birth_dates=(date(1980, 3, 1), date(2010, 6, 25)))
    assert not retention_verdict(kept, sample=SAMPLE, today=TODAY).due


def test_a_sample_municipality_keeps_every_file() -> None:
    sample = ResearchSample(birth_days=frozenset({5}), municipality_in_sample=True)
    verdict = retention_verdict(facts(date(2010, 1, 1)), sample=sample, today=TODAY)
    assert verdict.keep_reason == KeepReason.RESEARCH_MUNICIPALITY


def test_the_sample_days_are_data() -> None:
    other = ResearchSample(birth_days=frozenset({7}), municipality_in_sample=False)
    file = facts(date(2015, 1, 1), member_birth_dates=(date(1980, 3, 7),))
    assert not retention_verdict(file, sample=other, today=TODAY).due
    assert retention_verdict(file, sample=SAMPLE, today=TODAY).due


def test_an_open_case_is_never_due() -> None:
    verdict = retention_verdict(
        FileFacts(case_id=1, is_open=True, last_entry=date(2000, 1, 1), member_birth_dates=BORN),
        sample=SAMPLE,
        today=TODAY,
    )
    assert verdict.keep_reason == KeepReason.OPEN


def test_a_member_with_another_file_open_or_recent_keeps_the_old_file() -> None:
    old = date(2015, 1, 1)
    assert (
        retention_verdict(facts(old, linked_open=True), sample=SAMPLE, today=TODAY).keep_reason
        == KeepReason.SAME_PERSON
    )
    recent = retention_verdict(
        facts(old, linked_last_entry=date(2024, 5, 1)), sample=SAMPLE, today=TODAY
    )
    assert recent.keep_reason == KeepReason.SAME_PERSON
    assert recent.duty_from == date(2029, 5, 1)
    both_old = retention_verdict(
        facts(old, linked_last_entry=date(2019, 5, 1)), sample=SAMPLE, today=TODAY
    )
    assert both_old.due
    assert both_old.duty_from == date(2024, 5, 1)
