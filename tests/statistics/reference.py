"""A deliberately plain Python reading of contracts/indicators.md, to cross-check the DuckDB engine.

Written straight from the contract's words with sets and loops, sharing no code with the engine:
if the two disagree on a random register, one of them misreads the contract.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal

from tests.statistics.registers import Row


def _month_number(month: str) -> int:
    return int(month[:4]) * 12 + int(month[5:7]) - 1


def _half_up(numerator: int, denominator: int, places: int) -> Decimal | None:
    if denominator == 0:
        return None
    return (Decimal(numerator) / Decimal(denominator)).quantize(
        Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP
    )


def _longest_spell(month_numbers: set[int]) -> int:
    """Months with assistance in the longest spell, gaps of at most 2 months joining a spell."""
    longest = current = 0
    previous = None
    for number in sorted(month_numbers):
        if previous is not None and number - previous - 1 <= 2:
            current += 1
        else:
            current = 1
        longest = max(longest, current)
        previous = number
    return longest


def reference_indicators(
    rows: Sequence[Row], population: Mapping[str, tuple[int, int]], year: int
) -> dict[str, dict[str, object]]:
    """The contract's output columns by municipality, for municipalities with a recipient."""
    window = set(range((year - 2) * 12, (year + 1) * 12))
    by_municipality: dict[str, list[Row]] = {}
    for row in rows:
        by_municipality.setdefault(row.municipality, []).append(row)
    result: dict[str, dict[str, object]] = {}
    for municipality, here in sorted(by_municipality.items()):
        in_year = [row for row in here if row.month.startswith(f"{year}-")]
        if not in_year:
            continue
        households = {row.household_id for row in in_year}
        recipients = {row.person_id for row in in_year}
        adults = {row.person_id for row in in_year if row.role in ("applicant", "co_applicant")}
        long_term = very_long_term = 0
        for adult in adults:
            year_months = {row.month for row in in_year if row.person_id == adult}
            if len(year_months) >= 10:
                long_term += 1
            window_months = {
                _month_number(row.month)
                for row in here
                if row.person_id == adult and _month_number(row.month) in window
            }
            if _longest_spell(window_months) >= 27:
                very_long_term += 1
        young = 0
        for recipient in recipients:
            birth_year = min(
                row.birth_year
                for row in here
                if row.person_id == recipient and _month_number(row.month) in window
            )
            if 18 <= year - birth_year <= 24:
                young += 1
        household_months = sum(
            len({row.month for row in in_year if row.household_id == household})
            for household in households
        )
        inhabitants, aged_18_24 = population[municipality]
        result[municipality] = {
            "households": len(households),
            "recipients": len(recipients),
            "recipients_pct": _half_up(len(recipients) * 100, inhabitants, 1),
            "adult_recipients": len(adults),
            "long_term_pct": _half_up(long_term * 100, len(adults), 1),
            "very_long_term_pct": _half_up(very_long_term * 100, len(adults), 1),
            "young_adults_pct": _half_up(young * 100, aged_18_24, 1),
            "cost_per_inhabitant": int(
                _half_up(sum(row.amount for row in in_year), inhabitants, 0) or 0
            ),
            "mean_months_per_household": _half_up(household_months, len(households), 1),
        }
    return result
