"""Contract JSON ⇄ values (contracts/calculate.md)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from bryggan.calculation.engine import calculate
from bryggan.calculation.household import Cost, CostType, Income, IncomeType, InputError, Member
from bryggan.calculation.jsonio import (
    calculation_to_json,
    calculation_to_text,
    household_from_json,
    household_from_text,
)
from bryggan.core.month import Month
from bryggan.norms.tables import Norms

CONTRACT_EXAMPLE = """
{
  "month": "2026-03",
  "cohabiting": true,
  "shared_household_size": null,
  "members": [
    {"id": "p1", "birth_date": "1988-05-14"},
    {"id": "p2", "birth_date": "1990-02-01"},
    {"id": "c1", "birth_date": "2021-09-30", "lunch_at_home": false},
    {"id": "c2", "birth_date": "2006-11-02", "in_school": true}
  ],
  "costs": [
    {"type": "housing", "amount": 8200},
    {"type": "household_electricity", "amount": 450},
    {"type": "home_insurance", "amount": 150},
    {"type": "work_travel", "amount": 970},
    {"type": "union_fee", "amount": 300},
    {"type": "unemployment_fund_fee", "amount": 150},
    {"type": "other", "amount": 500, "note": "glasögon"}
  ],
  "incomes": [
    {"type": "employment", "member": "p1", "amount": 9000},
    {"type": "child_allowance", "amount": 2500},
    {"type": "housing_allowance", "amount": 1800}
  ],
  "consecutive_months_on_assistance": 8,
  "jobbstimulans_months_used": 0
}
"""
OUTPUT_KEYS = [
    "month",
    "norm_year",
    "riksnorm",
    "reasonable_costs",
    "need",
    "income_counted",
    "income_disregarded",
    "amount",
    "surplus",
    "lines",
]


def test_the_contracts_example_input_reads_into_a_household() -> None:
    household = household_from_text(CONTRACT_EXAMPLE)

    assert household.month == Month(2026, 3)
    assert household.cohabiting
    assert household.shared_household_size is None
    assert household.members[2] == Member("c1", date(2021, 9, 30), lunch_at_home=False)
    assert household.members[3] == Member("c2", date(2006, 11, 2), in_school=True)
    assert household.costs[-1] == Cost(CostType.OTHER, 500, "glasögon")
    assert household.incomes[0] == Income(IncomeType.EMPLOYMENT, 9000, "p1")
    assert household.incomes[1] == Income(IncomeType.CHILD_ALLOWANCE, 2500, None)
    assert household.consecutive_months_on_assistance == 8


def test_optional_fields_take_the_contracts_defaults() -> None:
    household = household_from_json(
        {"month": "2021-01", "members": [{"id": "a", "birth_date": "1980-01-01"}]}
    )

    assert household.members[0] == Member(
        "a", date(1980, 1, 1), lunch_at_home=True, in_school=False
    )
    assert not household.cohabiting
    assert household.costs == ()
    assert household.incomes == ()
    assert household.consecutive_months_on_assistance == 0
    assert household.jobbstimulans_months_used == 0


def test_output_keys_and_line_keys_follow_the_contracts_order(norms: Norms) -> None:
    household = household_from_text(CONTRACT_EXAMPLE.replace("2026-03", "2021-12"))

    output = calculation_to_json(calculate(household, norms))

    assert list(output) == OUTPUT_KEYS
    riksnorm = output["riksnorm"]
    assert isinstance(riksnorm, dict)
    assert list(riksnorm) == ["personal", "common", "total"]
    lines = output["lines"]
    assert isinstance(lines, list)
    assert all(list(line) == ["kind", "code", "members", "amount", "source"] for line in lines)


def test_the_same_input_gives_the_same_bytes(norms: Norms) -> None:
    text = CONTRACT_EXAMPLE.replace("2026-03", "2021-12")

    first = calculation_to_text(calculate(household_from_text(text), norms))
    second = calculation_to_text(calculate(household_from_text(text), norms))

    assert first == second
    assert json.loads(first)["month"] == "2021-12"
    assert "§" in first  # UTF-8 kept, not escaped


def test_the_contracts_error_example_reads_exactly() -> None:
    text = CONTRACT_EXAMPLE.replace('"2021-09-30"', '"2019-13-01"')

    with pytest.raises(InputError) as error:
        household_from_text(text)

    assert str(error.value) == 'members[2].birth_date: not a date: "2019-13-01"'


def test_the_written_text_decodes_to_exactly_the_contracts_object(norms: Norms) -> None:
    household = household_from_text(CONTRACT_EXAMPLE.replace("2026-03", "2021-12"))
    result = calculate(household, norms)

    text = calculation_to_text(result)

    assert json.loads(text) == calculation_to_json(result)
    rows = text.splitlines()
    assert rows[0] == "{"
    assert rows[1] == '  "month": "2021-12",'
    assert rows[-1] == "}"
    line_rows = [row.strip().rstrip(",") for row in rows if row.startswith("    {")]
    lines = calculation_to_json(result)["lines"]
    assert isinstance(lines, list)
    assert line_rows == [json.dumps(line, ensure_ascii=False) for line in lines]


def test_a_member_id_that_needs_escaping_is_written_as_valid_json(norms: Norms) -> None:
    household = household_from_json(
        {"month": "2021-01", "members": [{"id": 'a "quoted"\nid', "birth_date": "1980-01-01"}]}
    )

    text = calculation_to_text(calculate(household, norms))

    assert json.loads(text)["lines"][0]["members"] == ['a "quoted"\nid']
