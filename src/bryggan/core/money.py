"""Money in whole kronor, and the one rounding rule Bryggan uses where a rule divides.

Amounts in economic assistance are whole kronor per month. Where a rule divides (a share of the
common household costs, 25 % of an income) the result is rounded to the nearest krona, halves up
(contracts/calculate.md); this module is the one place that rounding is written.
"""

from decimal import ROUND_HALF_UP, Decimal
from typing import TypeAlias

Kronor: TypeAlias = int


def round_half_up(value: Decimal | int, places: int = 0) -> Decimal:
    """Round a decimal to `places` decimals, halves away from zero (0.5 → 1, 2.25 → 2.3)."""
    quantum = Decimal(1).scaleb(-places)
    return Decimal(value).quantize(quantum, rounding=ROUND_HALF_UP)


def kronor_half_up(value: Decimal | int) -> Kronor:
    """Round a decimal amount to whole kronor, halves up."""
    return int(round_half_up(value, 0))
