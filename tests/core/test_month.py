from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bryggan.core.month import Month


def test_parse_and_print_round_trip() -> None:
    assert str(Month.parse("2026-03")) == "2026-03"


@pytest.mark.parametrize("text", ["2026-13", "2026-00", "26-03", "2026/03", "2026-3", ""])
def test_malformed_months_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="month"):
        Month.parse(text)


def test_arithmetic_crosses_years() -> None:
    assert Month(2026, 11).plus(3) == Month(2027, 2)
    assert Month(2026, 1).plus(-1) == Month(2025, 12)
    assert Month(2027, 2).minus(Month(2026, 11)) == 3


def test_last_day_of_february_in_a_leap_year() -> None:
    assert Month(2028, 2).last_day == date(2028, 2, 29)


@given(st.integers(2000, 2100), st.integers(1, 12), st.integers(-500, 500))
def test_plus_then_minus_is_identity(year: int, month: int, shift: int) -> None:
    start = Month(year, month)
    assert start.plus(shift).minus(start) == shift
