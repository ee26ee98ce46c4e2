"""Hypothesis strategies that build valid `Household` values for the shipped norm years."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import strategies as st

from bryggan.calculation.household import Cost, CostType, Household, Income, IncomeType, Member
from bryggan.core.month import Month

NORM_YEARS = (2014, 2019, 2021)
DAYS_PER_YEAR = 366
OLDEST_AGE = 90

months = st.builds(Month, st.sampled_from(NORM_YEARS), st.integers(1, 12))
amounts = st.integers(0, 60_000)


@st.composite
def members_for(
    draw: st.DrawFn,
    month: Month,
    ids: list[str],
    *,
    min_age: int = 0,
    max_age: int = OLDEST_AGE,
) -> list[Member]:
    """Members with the given ids, aged `min_age`–`max_age` on the month's first day (roughly)."""
    latest = min(month.last_day, month.first_day - timedelta(days=DAYS_PER_YEAR * min_age))
    earliest = month.first_day - timedelta(days=DAYS_PER_YEAR * (max_age + 1) - 1)
    return [
        Member(
            id=member_id,
            birth_date=draw(st.dates(earliest, latest)),
            lunch_at_home=draw(st.booleans()),
            in_school=draw(st.booleans()),
            work_income_disregarded_earlier=draw(st.sampled_from((0, 0, 10_000, 60_000))),
        )
        for member_id in ids
    ]


def child(month: Month, member_id: str, birth_date: date) -> Member:
    """A child under 18 on the month's first day."""
    member = Member(id=member_id, birth_date=birth_date)
    assert member.is_child_at_home(month)
    return member


@st.composite
def children_for(draw: st.DrawFn, month: Month, member_id: str) -> Member:
    """One child aged 0–17 in `month`."""
    earliest = date(month.year - 17, month.month, 2)
    birth_date = draw(st.dates(earliest, month.last_day))
    return replace(child(month, member_id, birth_date), lunch_at_home=draw(st.booleans()))


@st.composite
def costs(draw: st.DrawFn) -> Cost:
    return Cost(draw(st.sampled_from(CostType)), draw(amounts), draw(st.sampled_from(("", "x"))))


@st.composite
def incomes_for(draw: st.DrawFn, ids: list[str]) -> Income:
    member = draw(st.one_of(st.none(), st.sampled_from(ids)))
    return Income(draw(st.sampled_from(IncomeType)), draw(amounts), member)


@st.composite
def households(
    draw: st.DrawFn, *, min_members: int = 1, max_members: int = 10, shared: bool = True
) -> Household:
    """A valid household: cohabiting only with exactly two adults, shared only for one adult."""
    month = draw(months)
    count = draw(st.integers(min_members, max_members))
    ids = [f"m{index}" for index in range(count)]
    members = draw(members_for(month, ids))
    adults = [member for member in members if not member.is_child_at_home(month)]
    cohabiting = len(adults) == 2 and draw(st.booleans())
    shared_size = None
    if shared and count == 1 and len(adults) == 1 and draw(st.booleans()):
        shared_size = draw(st.integers(2, 12))
    return Household(
        month=month,
        members=tuple(members),
        cohabiting=cohabiting,
        shared_household_size=shared_size,
        costs=tuple(draw(st.lists(costs(), max_size=6))),
        incomes=tuple(draw(st.lists(incomes_for(ids), max_size=6))),
        consecutive_months_on_assistance=draw(st.integers(0, 30)),
        jobbstimulans_months_used=draw(st.integers(0, 24)),
    )
