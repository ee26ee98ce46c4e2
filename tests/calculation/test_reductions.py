"""A reduction decided as a sanction: its own line, capped at the person's own riksnorm part.

Hand-worked with the shipped 2021 riksnorm (SFS 2020:1013): single adult 3 160 kr, sambor together
5 700 kr, common costs 1 020 kr for one person and 1 130 kr for two.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bryggan.calculation.engine import SANCTION, calculate
from bryggan.calculation.explain import explanation_rows
from bryggan.calculation.household import (
    Cost,
    CostType,
    Household,
    Income,
    IncomeType,
    InputError,
    Member,
    Reduction,
)
from bryggan.calculation.jsonio import calculation_to_json, calculation_to_text
from bryggan.calculation.lines import LineKind
from bryggan.core.month import Month
from bryggan.norms.tables import SOCIAL_SERVICES_ACT, default_norms

MARCH_2021 = Month(2021, 3)
ADULT = Member("a", date(1985, 5, 1))
PARTNER = Member("b", date(1987, 6, 1))
CHILD = Member("c", date(2015, 2, 1))
RENT = Cost(CostType.HOUSING, 5000)


def _single(*reductions: Reduction, incomes: tuple[Income, ...] = ()) -> Household:
    return Household(
        month=MARCH_2021,
        members=(ADULT,),
        costs=(RENT,),
        incomes=incomes,
        reductions=reductions,
    )


def test_a_reduction_is_subtracted_as_its_own_line_naming_the_decision() -> None:
    result = calculate(_single(Reduction("a", 1000, "beslut nr 7 den 2021-02-20")), default_norms())

    line = result.lines[-1]
    assert (line.kind, line.code, line.members, line.amount) == (
        LineKind.REDUCTION,
        SANCTION,
        ("a",),
        1000,
    )
    assert line.source == "4 kap. 5 § SoL (2001:453)"
    assert line.note == "beslut nr 7 den 2021-02-20"
    # 3 160 + 1 020 + 5 000 = 9 180 need; less 1 000 reduction.
    assert (result.need, result.reductions, result.amount) == (9180, 1000, 8180)


def test_a_reduction_never_reaches_beyond_the_persons_own_riksnorm_part() -> None:
    result = calculate(_single(Reduction("a", 5000, "beslut nr 8")), default_norms())

    assert result.lines[-1].amount == 3160  # the single adult's personal costs, not rent
    assert "begränsat till personens egen del av riksnormen" in result.lines[-1].note
    assert result.amount == 9180 - 3160


def test_two_reductions_of_one_person_share_the_limit() -> None:
    result = calculate(
        _single(Reduction("a", 2000, "beslut nr 1"), Reduction("a", 2000, "beslut nr 2")),
        default_norms(),
    )

    assert [line.amount for line in result.lines if line.kind is LineKind.REDUCTION] == [
        2000,
        1160,
    ]


def test_a_sambos_own_part_is_half_the_sambors_amount_and_children_are_never_reduced() -> None:
    household = Household(
        month=MARCH_2021,
        members=(ADULT, PARTNER, CHILD),
        cohabiting=True,
        reductions=(Reduction("a", 9999, "beslut nr 3"),),
    )
    result = calculate(household, default_norms())

    assert result.reductions == 5700 // 2
    assert result.amount == result.need - 2850


def test_the_amount_is_never_negative_with_a_reduction() -> None:
    rich = (Income(IncomeType.EMPLOYMENT, 9000, "a"),)
    assert (
        calculate(
            _single(Reduction("a", 1000, "beslut nr 4"), incomes=rich), default_norms()
        ).amount
        == 0
    )


def test_contract_output_has_no_reductions_key_and_the_text_matches_the_json() -> None:
    without = calculate(_single(), default_norms())
    with_reduction = calculate(_single(Reduction("a", 1000, "beslut nr 5")), default_norms())

    assert "reductions" not in calculation_to_json(without)
    assert calculation_to_json(with_reduction)["reductions"] == 1000
    for result in (without, with_reduction):
        assert json.loads(calculation_to_text(result)) == calculation_to_json(result)


def test_the_explanation_shows_the_reduction_as_a_negative_row_before_the_amount() -> None:
    rows = explanation_rows(
        calculate(_single(Reduction("a", 1000, "beslut nr 6")), default_norms())
    )
    labels = [row.label for row in rows]

    reduction = labels.index("Nedsättning enligt beslut (a) – beslut nr 6")
    assert rows[reduction].amount == -1000
    assert labels[reduction - 1] == "Nedsättning enligt beslut"
    assert labels[reduction + 1] == "Försörjningsstöd"
    assert rows[reduction + 1].amount == 8180


def test_without_reductions_the_explanation_has_no_reduction_section() -> None:
    rows = explanation_rows(calculate(_single(), default_norms()))
    assert "Nedsättning enligt beslut" not in [row.label for row in rows]


def test_a_reduction_for_someone_outside_the_household_is_refused_naming_the_field() -> None:
    with pytest.raises(InputError) as refused:
        _single(Reduction("x", 100, "beslut nr 9"))
    assert refused.value.field == "reductions[0].member"


@given(
    reduction=st.integers(min_value=0, max_value=50_000),
    income=st.integers(min_value=0, max_value=20_000),
    rent=st.integers(min_value=0, max_value=15_000),
)
def test_a_reduction_takes_at_most_the_own_part_and_never_makes_the_amount_negative(
    reduction: int, income: int, rent: int
) -> None:
    def household(*reductions: Reduction) -> Household:
        return Household(
            month=MARCH_2021,
            members=(ADULT,),
            costs=(Cost(CostType.HOUSING, rent),),
            incomes=(Income(IncomeType.PENSION, income, "a"),),
            reductions=reductions,
        )

    before = calculate(household(), default_norms()).amount
    after = calculate(household(Reduction("a", reduction, "beslut")), default_norms())

    assert after.amount >= 0
    assert before - after.amount <= min(reduction, 3160)
    assert after.amount == max(0, after.need - after.income_counted - after.reductions)


def test_the_sanction_paragraph_follows_the_law_in_force() -> None:
    references = default_norms().legal_references()
    assert references.cite(SOCIAL_SERVICES_ACT, "sanction", date(2025, 6, 30)) == (
        "4 kap. 5 § SoL (2001:453)"
    )
    assert references.cite(SOCIAL_SERVICES_ACT, "sanction", date(2025, 7, 1)) == (
        "12 kap. 5 § SoL (2025:400)"
    )
