"""Swedish working days: the deadline for the first meeting is counted in them.

A working day is Monday to Friday that is not a public holiday (*allmän helgdag*, lagen (1989:253)
om allmänna helgdagar) nor one of the de facto non-working days midsommarafton, julafton and
nyårsafton. The holiday dates come from the well-kept `holidays` package rather than our own Easter
arithmetic.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

from holidays.countries.sweden import Sweden

SATURDAY = 5
# Days that are not public holidays by law but on which public offices are closed.
_DE_FACTO_CLOSED = {"Midsummer Eve", "Christmas Eve", "New Year's Eve"}


@cache
def _closed_days(year: int) -> frozenset[date]:
    public = Sweden(years=year, include_sundays=False, language="en_US")
    every_category = Sweden(years=year, categories=Sweden.supported_categories, language="en_US")
    de_facto = {day for day, name in every_category.items() if name in _DE_FACTO_CLOSED}
    return frozenset(public.keys()) | frozenset(de_facto)


def is_working_day(day: date) -> bool:
    """True for Monday–Friday that is neither a public holiday nor a de facto closed day."""
    return day.weekday() < SATURDAY and day not in _closed_days(day.year)


def add_working_days(day: date, count: int) -> date:
    """The date `count` working days after `day` (`day` itself is not counted)."""
    if count < 0:
        raise ValueError("count must not be negative")
    current = day
    remaining = count
    while remaining:
        current += timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end` (0 when `end <= start`)."""
    count = 0
    current = start
    while current < end:
        current += timedelta(days=1)
        if is_working_day(current):
            count += 1
    return count
