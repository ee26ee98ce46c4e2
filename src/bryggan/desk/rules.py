"""Deadlines of the desk's items: pure, values in, values out, no clock.

The payment date is the unit's own routine, not law: each municipality fixes the day of the month
on which försörjningsstöd is paid (`settings.BRYGGAN_PAYMENT_DAY`, unverified default). The plan's
revision interval is likewise the unit's routine (`settings.BRYGGAN_PLAN_REVISION_MONTHS`).
"""

from __future__ import annotations

from datetime import date, timedelta

from bryggan.core.calendar import is_working_day
from bryggan.core.month import Month


def payment_date(month: Month, *, day: int) -> date:
    """The unit's payment date for assistance for `month`: `day` of that month, or the working
    day before it when it falls on a weekend or holiday (banks pay on working days only)."""
    last = month.last_day.day
    paid = month.first_day.replace(day=min(day, last))
    while not is_working_day(paid):
        paid -= timedelta(days=1)
    return paid


def revision_due(last_signed: date, *, months: int) -> date:
    """The day a plan signed on `last_signed` is due for revision: `months` later (the last day of
    the month when the later month is shorter)."""
    target = Month.of(last_signed).plus(months)
    return target.first_day.replace(day=min(last_signed.day, target.last_day.day))
