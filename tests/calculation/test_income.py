"""Countable income: jobbstimulans and children's work income.

Source: socialtjänstlagen (2001:453) 4 kap. 1 a § and 1 b §; contracts/calculate.md.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from bryggan.calculation.engine import calculate
from bryggan.calculation.household import Household, Income, IncomeType, Member
from bryggan.calculation.income import jobbstimulans_disregard
from bryggan.core.month import Month
from bryggan.norms.tables import DATA_DIR, NormMissingError, Norms

JULY_2021 = Month(2021, 7)
PARENT = Member("parent", date(1980, 1, 1))
TEEN = Member("teen", date(2005, 1, 1))
EMPLOYMENT = IncomeType.EMPLOYMENT


def _household(
    *incomes: Income, months_on: int = 0, used: int = 0, teen: Member = TEEN
) -> Household:
    return Household(
        month=JULY_2021,
        members=(PARENT, teen),
        incomes=incomes,
        consecutive_months_on_assistance=months_on,
        jobbstimulans_months_used=used,
    )


def _disregards(household: Household, norms: Norms) -> list[tuple[str, tuple[str, ...], int]]:
    return [
        (line.code, line.members, line.amount)
        for line in calculate(household, norms).lines
        if line.kind == "disregard"
    ]


@pytest.mark.parametrize(
    ("wage", "disregard"), [(0, 0), (1, 0), (2, 1), (3, 1), (6, 2), (10002, 2501)]
)
def test_jobbstimulans_is_a_quarter_rounded_half_up(wage: int, disregard: int) -> None:
    assert jobbstimulans_disregard(wage) == disregard


@pytest.mark.parametrize(
    ("months_on", "used", "applies"),
    [(5, 0, False), (6, 0, True), (6, 23, True), (6, 24, False), (30, 24, False)],
)
def test_jobbstimulans_needs_six_months_and_less_than_24_used(
    norms: Norms, months_on: int, used: int, applies: bool
) -> None:
    household = _household(Income(EMPLOYMENT, 8000, "parent"), months_on=months_on, used=used)

    expected = [("disregard.jobbstimulans", ("parent",), 2000)] if applies else []
    assert _disregards(household, norms) == expected


def test_jobbstimulans_applies_only_to_employment_income(norms: Norms) -> None:
    household = _household(Income(IncomeType.SICKNESS_BENEFIT, 8000, "parent"), months_on=12)

    assert _disregards(household, norms) == []


def test_employment_income_without_a_member_gets_jobbstimulans_as_an_adults(norms: Norms) -> None:
    household = _household(Income(EMPLOYMENT, 4000), months_on=12)

    assert _disregards(household, norms) == [("disregard.jobbstimulans", (), 1000)]


def test_a_childs_work_income_is_not_counted_up_to_one_prisbasbelopp(norms: Norms) -> None:
    household = _household(Income(EMPLOYMENT, 50_000, "teen"))

    result = calculate(household, norms)

    assert _disregards(household, norms) == [("disregard.child_work_income", ("teen",), 47_600)]
    assert result.income_counted == 2_400


def test_jobbstimulans_never_applies_to_a_childs_work_income(norms: Norms) -> None:
    household = _household(Income(EMPLOYMENT, 50_000, "teen"), months_on=12)

    assert calculate(household, norms).income_counted == 2_400


def test_two_wages_of_one_child_share_one_prisbasbelopp(norms: Norms) -> None:
    household = _household(Income(EMPLOYMENT, 30_000, "teen"), Income(EMPLOYMENT, 30_000, "teen"))

    assert [line[2] for line in _disregards(household, norms)] == [30_000, 17_600]
    assert calculate(household, norms).income_counted == 12_400


def test_what_was_left_uncounted_earlier_in_the_year_reduces_the_cap(norms: Norms) -> None:
    teen = Member("teen", date(2005, 1, 1), work_income_disregarded_earlier=40_000)
    household = _household(Income(EMPLOYMENT, 10_000, "teen"), teen=teen)

    assert _disregards(household, norms) == [("disregard.child_work_income", ("teen",), 7_600)]


def test_a_childs_other_income_counts_in_full(norms: Norms) -> None:
    household = _household(Income(IncomeType.STUDENT_AID, 3_000, "teen"))

    assert calculate(household, norms).income_counted == 3_000


def test_an_eighteen_year_old_not_in_school_is_no_child_and_gets_no_cap(norms: Norms) -> None:
    adult_son = Member("teen", date(2003, 1, 1))
    household = _household(Income(EMPLOYMENT, 10_000, "teen"), teen=adult_son)

    assert calculate(household, norms).income_counted == 10_000


@pytest.fixture
def norms_without_price_base_amount(tmp_path: Path) -> Norms:
    shutil.copytree(DATA_DIR, tmp_path, dirs_exist_ok=True)
    (tmp_path / "price_base_amount.toml").unlink(missing_ok=True)
    return Norms(tmp_path)


def test_a_missing_prisbasbelopp_matters_only_when_a_child_has_work_income(
    norms_without_price_base_amount: Norms,
) -> None:
    adults_only = _household(Income(EMPLOYMENT, 10_000, "parent"))
    with_child_wage = _household(Income(EMPLOYMENT, 10_000, "teen"))

    assert calculate(adults_only, norms_without_price_base_amount).income_counted == 10_000
    with pytest.raises(NormMissingError, match="no prisbasbelopp for 2021") as error:
        calculate(with_child_wage, norms_without_price_base_amount)
    assert error.value.field == "month"
