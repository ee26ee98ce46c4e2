"""The måltavla counted in the database equals the pure reference on random cases.

Hypothesis draws a few households with random months paid (some payments returned, some months
with two decisions), applications received at any hour around month ends, first meetings, closures,
referrals and signed plans; the board computed by `selectors.board_counts` (SQL) must equal the
board computed by the pure functions of `board.py` from `selectors.board_inputs`, measure by
measure and month by month. Closures carry the long-term flag `services.case_close` records, by the
same rule; the pure route infers it from the payments. Runs on SQLite and on PostgreSQL (CI runs
both).
"""

from __future__ import annotations

from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from bryggan.accounts.models import Unit
from bryggan.followup import board, rules
from bryggan.followup.selectors import (
    assistance_months_by_household,
    board_counts,
    board_inputs,
    long_term_now,
    year_summaries,
)
from bryggan.followup.services import assistance_months_refresh
from tests.followup.board_cases import AS_OF, STOCKHOLM, TODAY, household_case, make_cases, serial


def _as_table(series: list[board.Series]) -> dict[str, object]:
    return {s.key: (s.unit, s.values, s.extra) for s in series}


class TestBoardInTheDatabase(TestCase):
    @settings(
        max_examples=25,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(st.lists(household_case(), min_size=1, max_size=4))
    def test_the_database_counts_equal_the_pure_measures(
        self, cases: list[dict[str, object]]
    ) -> None:
        unit = Unit.objects.create(name=f"Enhet {next(serial)}")
        make_cases(unit, cases)
        other = Unit.objects.create(name=f"Annan enhet {next(serial)}")
        make_cases(other, cases[:1])  # another unit's cases never count
        assistance_months_refresh()
        with timezone.override(STOCKHOLM):
            pure = board.board_series(board_inputs(unit, as_of=AS_OF), as_of=AS_OF, today=TODAY)
            counted = board.series_from_counts(
                board_counts(unit, as_of=AS_OF, today=TODAY), board.board_months(AS_OF)
            )
        assert _as_table(counted) == _as_table(pure)

    @settings(
        max_examples=25,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(st.lists(household_case(), min_size=1, max_size=4))
    def test_the_follow_up_pages_time_on_assistance_equals_the_pure_rules(
        self, cases: list[dict[str, object]]
    ) -> None:
        unit = Unit.objects.create(name=f"Enhet {next(serial)}")
        make_cases(unit, cases)
        assistance_months_refresh()
        months = assistance_months_by_household(unit, last=AS_OF)
        years = [AS_OF.year - k for k in range(4)]
        assert year_summaries(unit, years, as_of=AS_OF) == [
            rules.year_summary(months, year) for year in years
        ]
        assert long_term_now(unit, as_of=AS_OF) == {
            h: rules.months_in_last_twelve(ms, as_of=AS_OF)
            for h, ms in months.items()
            if rules.is_long_term(ms, as_of=AS_OF)
        }
