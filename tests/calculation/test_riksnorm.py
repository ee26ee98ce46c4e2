"""The riksnorm rules: age bands on the first day of the month, lunch, sambor, sizes, sharing.

Source: socialtjänstförordningen (2001:937) 2 kap. 1 § (SFS 2020:1013 for 2021's amounts).
"""

from __future__ import annotations

from datetime import date

import pytest

from bryggan.calculation.engine import calculate
from bryggan.calculation.household import Household, InputError, Member
from bryggan.calculation.riksnorm import child_band, shared_household_share
from bryggan.core.month import Month
from bryggan.norms.tables import Norms, PersonalBand

MARCH_2021 = Month(2021, 3)
ADULT = Member("adult", date(1980, 1, 1))


def _codes(household: Household, norms: Norms) -> list[tuple[str, tuple[str, ...], int]]:
    return [
        (line.code, line.members, line.amount)
        for line in calculate(household, norms).lines
        if line.code.startswith("personal.")
    ]


def _single_parent_with(child: Member, month: Month = MARCH_2021) -> Household:
    return Household(month=month, members=(ADULT, child))


@pytest.mark.parametrize(
    ("age", "band"),
    [
        (0, PersonalBand.CHILD_UNDER_1),
        (1, PersonalBand.CHILD_1_2),
        (2, PersonalBand.CHILD_1_2),
        (3, PersonalBand.CHILD_3),
        (4, PersonalBand.CHILD_4_6),
        (6, PersonalBand.CHILD_4_6),
        (7, PersonalBand.CHILD_7_10),
        (10, PersonalBand.CHILD_7_10),
        (11, PersonalBand.CHILD_11_14),
        (14, PersonalBand.CHILD_11_14),
        (15, PersonalBand.CHILD_15_18),
        (18, PersonalBand.CHILD_15_18),
        (19, PersonalBand.YOUTH_19_20),
        (20, PersonalBand.YOUTH_19_20),
    ],
)
def test_each_age_falls_in_the_ordinances_band(age: int, band: PersonalBand) -> None:
    assert child_band(age) is band


def test_a_child_whose_birthday_is_the_first_of_the_month_is_a_year_older_that_month(
    norms: Norms,
) -> None:
    turns_seven = Member("c", date(2014, 3, 1))
    turns_seven_tomorrow = Member("c", date(2014, 3, 2))

    assert _codes(_single_parent_with(turns_seven), norms)[1][0] == "personal.child_7_10"
    assert _codes(_single_parent_with(turns_seven_tomorrow), norms)[1][0] == "personal.child_4_6"


def test_a_child_born_during_the_month_counts_as_under_one(norms: Norms) -> None:
    newborn = Member("c", date(2021, 3, 20))

    assert _codes(_single_parent_with(newborn), norms)[1] == (
        "personal.child_under_1",
        ("c",),
        2180,
    )


def test_a_child_not_eating_lunch_at_home_gets_the_lower_amount_in_the_young_bands(
    norms: Norms,
) -> None:
    at_preschool = Member("c", date(2019, 6, 1), lunch_at_home=False)
    at_home = Member("c", date(2019, 6, 1))

    assert _codes(_single_parent_with(at_preschool), norms)[1] == (
        "personal.child_1_2_no_lunch",
        ("c",),
        2240,
    )
    assert _codes(_single_parent_with(at_home), norms)[1] == ("personal.child_1_2", ("c",), 2440)


def test_lunch_at_school_changes_nothing_from_seven_years(norms: Norms) -> None:
    schoolchild = Member("c", date(2012, 6, 1), lunch_at_home=False)

    assert _codes(_single_parent_with(schoolchild), norms)[1] == (
        "personal.child_7_10",
        ("c",),
        3060,
    )


@pytest.mark.parametrize(
    ("birth_date", "in_school", "code", "amount"),
    [
        (date(2002, 6, 1), True, "personal.child_15_18", 3970),
        (date(2002, 6, 1), False, "personal.adult_single", 3160),
        (date(2000, 6, 1), True, "personal.youth_19_20", 4000),
        (date(2000, 3, 1), True, "personal.adult_single", 3160),
        (date(2000, 6, 1), False, "personal.adult_single", 3160),
    ],
    ids=["18 in school", "18 not in school", "20 in school", "21 in school", "20 not in school"],
)
def test_eighteen_to_twenty_year_olds_are_school_youth_only_while_in_school(
    norms: Norms, birth_date: date, in_school: bool, code: str, amount: int
) -> None:
    youth = Member("y", birth_date, in_school=in_school)

    assert _codes(_single_parent_with(youth), norms)[1] == (code, ("y",), amount)


def test_sambor_get_one_line_with_both_members_and_the_amount_for_two(norms: Norms) -> None:
    couple = Household(
        month=MARCH_2021,
        members=(Member("b", date(1985, 1, 1)), Member("a", date(1984, 1, 1))),
        cohabiting=True,
    )

    assert _codes(couple, norms) == [("personal.adult_cohabiting", ("a", "b"), 5700)]


def test_two_adults_not_sambo_each_get_the_single_amount(norms: Norms) -> None:
    pair = Household(
        month=MARCH_2021, members=(Member("a", date(1984, 1, 1)), Member("b", date(1985, 1, 1)))
    )

    assert _codes(pair, norms) == [
        ("personal.adult_single", ("a",), 3160),
        ("personal.adult_single", ("b",), 3160),
    ]


def test_cohabiting_needs_exactly_two_adults() -> None:
    with pytest.raises(InputError, match="exactly two adults") as error:
        Household(month=MARCH_2021, members=(ADULT, Member("c", date(2015, 1, 1))), cohabiting=True)

    assert error.value.field == "cohabiting"


@pytest.mark.parametrize(
    ("size", "expected"), [(1, 1020), (4, 1610), (7, 2270), (8, 2440), (10, 2780)]
)
def test_common_costs_past_seven_grow_by_seven_minus_six(
    norms: Norms, size: int, expected: int
) -> None:
    assert norms.riksnorm(2021).common(size) == expected


def test_a_share_of_common_costs_rounds_halves_up(norms: Norms) -> None:
    # 2021: 1 610 / 4 = 402.5 → 403 (banker's rounding would give 402).
    assert shared_household_share(norms.riksnorm(2021), 4) == 403
    # 2021: 2 270 / 7 = 324.28… → 324.
    assert shared_household_share(norms.riksnorm(2021), 7) == 324


def test_socialstyrelsens_2014_shared_household_example_comes_out_exactly(norms: Norms) -> None:
    lodger = Household(month=Month(2014, 3), members=(ADULT,), shared_household_size=5)

    assert calculate(lodger, norms).riksnorm_total == 3292


@pytest.mark.parametrize(
    ("members", "size", "cohabiting", "message"),
    [
        ((ADULT,), 1, False, "2 or more"),
        ((ADULT, Member("c", date(2015, 1, 1))), 5, False, "one adult applying alone"),
        ((Member("c", date(2015, 1, 1)),), 5, False, "one adult applying alone"),
    ],
)
def test_a_shared_household_is_for_one_adult_living_with_others(
    members: tuple[Member, ...], size: int, cohabiting: bool, message: str
) -> None:
    with pytest.raises(InputError, match=message) as error:
        Household(
            month=MARCH_2021, members=members, shared_household_size=size, cohabiting=cohabiting
        )

    assert error.value.field == "shared_household_size"
