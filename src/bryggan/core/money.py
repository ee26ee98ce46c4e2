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


# --- how people read amounts ---------------------------------------------------------------------
# Swedish writes 11 050 kr: digits grouped by three with a space that never breaks the line (a
# narrow no-break space on screen, Språkrådet's Svenska skrivregler), a minus sign rather than a
# hyphen, and the unit after a no-break space. Machine files (payment file, CSV, JSON) keep plain
# numbers and never call these.
NARROW_NO_BREAK_SPACE = "\u202f"
NO_BREAK_SPACE = "\u00a0"
MINUS_SIGN = "\u2212"
# The letters' PDF font (Helvetica, WinAnsi) has no narrow no-break space: letters group with a
# no-break space, which it has.
PDF_GROUP_SEPARATOR = NO_BREAK_SPACE


def group_digits(amount: int, *, separator: str = NARROW_NO_BREAK_SPACE) -> str:
    """`11 050`, `−2 250`: the amount's digits in groups of three, a true minus sign."""
    grouped = f"{abs(amount):,}".replace(",", separator)
    return f"{MINUS_SIGN if amount < 0 else ''}{grouped}"


def format_kronor(amount: int, *, separator: str = NARROW_NO_BREAK_SPACE) -> str:
    """`11 050 kr`: grouped digits and the unit, joined by a no-break space."""
    return f"{group_digits(amount, separator=separator)}{NO_BREAK_SPACE}kr"
