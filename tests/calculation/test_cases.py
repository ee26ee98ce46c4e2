"""Worked examples as data: every file in cases/ is one household, its source and the answer.

Adding a case is adding a file named `<year>_<situation as a sentence>.toml` with `name`, `source`,
a contract-shaped `[input]` and the `[expected]` totals and lines (kind, code, members, amount).
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

from bryggan.calculation.engine import calculate
from bryggan.calculation.jsonio import calculation_to_json, household_from_json
from bryggan.norms.tables import Norms, default_norms
from tests.calculation.helpers import norms_with_price_base_amounts

CASES_DIR = Path(__file__).parent / "cases"
CASE_FILES = sorted(CASES_DIR.glob("*.toml"))
TOTALS = (
    "riksnorm",
    "reasonable_costs",
    "need",
    "income_counted",
    "income_disregarded",
    "amount",
    "surplus",
)
LINE_KEYS = ("kind", "code", "members", "amount")


def _load(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def _norms_for(case: dict[str, Any], directory: Path) -> Norms:
    assumed = case.get("assumed", {}).get("price_base_amount")
    if assumed is None:
        return default_norms()
    return norms_with_price_base_amounts(directory, {assumed["year"]: assumed["amount"]})


def test_there_are_at_least_eight_worked_examples() -> None:
    assert len(CASE_FILES) >= 8


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda path: path.stem)
def test_case_file_is_named_by_its_year_and_a_sentence(path: Path) -> None:
    case = _load(path)
    assert re.fullmatch(r"\d{4}_[a-z0-9_]+", path.stem)
    assert case["input"]["month"].startswith(path.stem[:4])
    assert case["name"].endswith(".")
    assert case["source"].strip()
    assert set(case) <= {"name", "source", "input", "expected", "assumed"}


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda path: path.stem)
def test_worked_example(path: Path, tmp_path: Path) -> None:
    case = _load(path)
    expected = case["expected"]

    result = calculation_to_json(
        calculate(household_from_json(case["input"]), _norms_for(case, tmp_path))
    )

    assert {key: result[key] for key in TOTALS} == {key: expected[key] for key in TOTALS}
    lines = result["lines"]
    assert isinstance(lines, list)
    assert [{key: line[key] for key in LINE_KEYS} for line in lines] == expected["lines"]
    assert all(line["source"] for line in lines)
