from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from bryggan.core.calendar import add_working_days, is_working_day, working_days_between

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))


def test_public_holidays_of_2026_are_not_working_days() -> None:
    for closed in [
        date(2026, 1, 1),  # nyårsdagen
        date(2026, 1, 6),  # trettondedag jul
        date(2026, 4, 3),  # långfredagen
        date(2026, 4, 6),  # annandag påsk
        date(2026, 5, 1),
        date(2026, 5, 14),  # Kristi himmelsfärdsdag
        date(2026, 6, 19),  # midsommarafton, de facto closed
        date(2026, 12, 24),  # julafton, de facto closed
        date(2026, 12, 25),
        date(2026, 12, 31),  # nyårsafton, de facto closed
    ]:
        assert not is_working_day(closed), closed


def test_national_day_on_a_weekday_is_closed_and_an_ordinary_friday_is_open() -> None:
    assert not is_working_day(date(2025, 6, 6))  # a Friday
    assert is_working_day(date(2026, 11, 20))


def test_two_working_days_skip_the_weekend() -> None:
    assert add_working_days(date(2026, 11, 20), 2) == date(2026, 11, 24)


def test_two_working_days_skip_christmas_and_boxing_day() -> None:
    # Wed 23 Dec 2026 → 24, 25, 26 closed, 27 Sunday → Mon 28, Tue 29.
    assert add_working_days(date(2026, 12, 23), 2) == date(2026, 12, 29)


def test_two_working_days_skip_midsummer_eve() -> None:
    # Thu 18 June 2026 → Fri 19 midsommarafton closed → Mon 22, Tue 23.
    assert add_working_days(date(2026, 6, 18), 2) == date(2026, 6, 23)


def test_two_working_days_over_easter() -> None:
    # Thu 2 April 2026 → Good Friday and Easter Monday closed → Tue 7, Wed 8.
    assert add_working_days(date(2026, 4, 2), 2) == date(2026, 4, 8)


@given(day=days, count=st.integers(min_value=1, max_value=30))
def test_adding_working_days_lands_on_a_working_day_that_many_days_on(
    day: date, count: int
) -> None:
    result = add_working_days(day, count)
    assert is_working_day(result)
    assert working_days_between(day, result) == count
    assert result - day >= timedelta(days=count)


@given(day=days)
def test_two_working_days_never_span_more_than_a_week(day: date) -> None:
    # The longest closure is Christmas: from Monday 23 December 2013, Christmas Eve to Boxing Day
    # are closed, Friday is the first working day and the next Monday the second, seven days on.
    assert add_working_days(day, 2) - day <= timedelta(days=7)


def test_two_working_days_from_the_monday_before_a_tuesday_christmas_eve() -> None:
    assert add_working_days(date(2013, 12, 23), 2) == date(2013, 12, 30)
