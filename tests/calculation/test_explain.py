"""The Swedish explanation renders the same lines and totals as the JSON."""

from __future__ import annotations

import tomllib
from pathlib import Path

from bryggan.calculation.engine import calculate
from bryggan.calculation.explain import explain, explanation_rows, format_kronor
from bryggan.calculation.jsonio import household_from_json
from bryggan.norms.tables import Norms

CASES_DIR = Path(__file__).parent / "cases"
FAMILY = (
    "2021_childrens_summer_jobs_are_not_counted_up_to_one_prisbasbelopp_and_get_no_jobbstimulans"
)


def _family(norms: Norms) -> str:
    case = tomllib.loads((CASES_DIR / f"{FAMILY}.toml").read_text(encoding="utf-8"))
    return explain(calculate(household_from_json(case["input"]), norms))


def _plain_spaces(text: str) -> str:
    """The text with its no-break spaces as plain ones, to compare words, not typography."""
    return text.replace("\u202f", " ").replace("\u00a0", " ")


def test_kronor_are_grouped_by_thousands_with_a_true_minus_sign() -> None:
    # Narrow no-break spaces between the groups, a no-break space before the unit.
    assert format_kronor(0) == "0\u00a0kr"
    assert format_kronor(47_600) == "47\u202f600\u00a0kr"
    assert format_kronor(-2_250) == "−2\u202f250\u00a0kr"
    assert format_kronor(1_234_567) == "1\u202f234\u202f567\u00a0kr"


def test_the_explanation_has_a_row_per_line_and_the_totals(norms: Norms) -> None:
    text = _plain_spaces(_family(norms))

    assert text.startswith("Försörjningsstöd för juli 2021 (riksnorm 2021)\n")
    for expected in (
        "Vuxen, ensamstående (parent)",
        "Skolungdom 19–20 år (k2)",
        "Gemensamma hushållskostnader, 3 personer",
        "Jobbstimulans, räknas inte (parent) – 25 % av 6 000 kr",
        "−47 600 kr",
        "Summa riksnorm",
        "12 550 kr",
        "Försörjningsstöd",
        "12 650 kr",
        "Källor",
        "4 kap. 1 a § SoL (2001:453); prisbasbelopp 2021",
    ):
        assert expected in text


def test_the_rows_carry_the_same_amounts_as_the_calculation(norms: Norms) -> None:
    case = tomllib.loads((CASES_DIR / f"{FAMILY}.toml").read_text(encoding="utf-8"))
    result = calculate(household_from_json(case["input"]), norms)

    rows = explanation_rows(result)
    itemised = [row for row in rows if row.amount is not None and not row.is_total]

    assert len(itemised) == len(result.lines)
    assert sum(row.amount or 0 for row in itemised if row.source) == (
        result.riksnorm_total + result.reasonable_costs + result.income_counted
    )
    assert rows[-1].label == "Försörjningsstöd"
    assert rows[-1].amount == result.amount
