"""Pure rules for assessing an application: values in, values out."""

from __future__ import annotations

from collections.abc import Collection

from bryggan.core.month import Month


def consecutive_months_before(month: Month, months_with_assistance: Collection[str]) -> int:
    """Months with assistance in an unbroken row immediately before `month`.

    This is the `consecutive_months_on_assistance` of the calculation contract, which decides
    *jobbstimulans* (socialtjänstlagen (2001:453) 4 kap. 1 b §; SoL (2025:400) 12 kap. 8 §). Until
    payments are recorded, the months applied for stand in for the months with assistance, and
    the caseworker can correct the figure on the calculation page.
    """
    count = 0
    current = month.plus(-1)
    while str(current) in months_with_assistance:
        count += 1
        current = current.plus(-1)
    return count
