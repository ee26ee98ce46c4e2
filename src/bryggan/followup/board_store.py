"""The måltavla's figures stored per unit and month, counted again only where something changed.

A board read (`board_figures`) takes the stored months that are still current and counts the
rest in the database (`selectors.month_counts`): after an ordinary day's work that is the month
being lived in, not 24 months over five years of cases (issue #7: the board of a unit with 15,000
households a month in under half a second).

Current means: no write since the month was counted could have changed it. Every write that feeds
the board marks its unit in the same transaction (`board_stale_from`, called from `signals.py`
and from the refresh of the months with assistance): the unit's version goes up and `stale_from`
falls to the earliest month the write can change. Every measure of a month depends on that month
and the months before it (a spell's length, the last twelve months, a closure twelve months
earlier), never on later ones, so "this month and every later one" is always enough. A month is
also counted again each day until a day after it has ended, for its returns after twelve months
depend on the day. A read stores what it counted only if the version it read first is still the
unit's version under a row lock, so a write committed while it counted is never lost.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Mapping
from dataclasses import asdict, fields
from datetime import date

from django.db import OperationalError, connection, transaction
from django.db.models import Q

from bryggan.accounts.models import Unit
from bryggan.core.month import Month
from bryggan.followup import board, selectors
from bryggan.followup.models import BoardMonth, BoardState

COUNT_FIELDS = tuple(f.name for f in fields(board.MonthCounts))

# The version of the counting rules (`selectors.month_counts`): raise it with any change to what
# a month's counts mean, and the months stored under the old rules are counted again.
COUNTING = 1

# Every month: a write that can change the whole history (a household moving unit).
ALL_MONTHS = 0

_LOWER = """
ON CONFLICT (unit_id) DO UPDATE SET
    version = followup_boardstate.version + 1,
    stale_from = CASE
        WHEN followup_boardstate.stale_from IS NULL
            OR followup_boardstate.stale_from > excluded.stale_from
        THEN excluded.stale_from ELSE followup_boardstate.stale_from END
"""

# The unit of each household, marked from a month; one row per unit (a statement may not update
# a row twice).
_MARK_HOUSEHOLDS_SQL = (
    """
INSERT INTO followup_boardstate (unit_id, version, stale_from)
SELECT h.unit_id, 1, %s FROM people_household h WHERE h.id IN ({ids}) GROUP BY h.unit_id
"""
    + _LOWER
)

# Units by id, marked from a month.
_MARK_UNITS_SQL = (
    """
INSERT INTO followup_boardstate (unit_id, version, stale_from)
SELECT u.id, 1, %s FROM accounts_unit u WHERE u.id IN ({ids})
"""
    + _LOWER
)

# The units of the payments after a given one, each from the earliest month paid.
_MARK_PAYMENTS_SQL = (
    """
INSERT INTO followup_boardstate (unit_id, version, stale_from)
SELECT h.unit_id, 1, MIN({month})
FROM payments_payment p
JOIN decisions_decision d ON d.id = p.decision_id
JOIN people_household h ON h.id = d.household_id
WHERE p.id > %s
GROUP BY h.unit_id
""".replace("{month}", selectors.MONTH_INDEX_SQL.format("d.month"))
    + _LOWER
)


def board_stale_from(household_ids: Iterable[int], month: int) -> None:
    """Mark the units of these households: their board may have changed from `month` (a
    `Month.index`, or `ALL_MONTHS`) on. Call it in the transaction of the write."""
    ids = sorted(set(household_ids))
    if not ids:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            _MARK_HOUSEHOLDS_SQL.replace("{ids}", ", ".join("%s" for _ in ids)), [month, *ids]
        )


def board_stale_units(unit_ids: Iterable[int], month: int) -> None:
    """Mark these units: their board may have changed from `month` on (a household moved)."""
    ids = sorted(set(unit_ids))
    with connection.cursor() as cursor:
        cursor.execute(
            _MARK_UNITS_SQL.replace("{ids}", ", ".join("%s" for _ in ids)), [month, *ids]
        )


def board_stale_from_payments(after_payment_id: int) -> None:
    """Mark the units paid after this payment, each from the earliest month paid (a payment run,
    read by `services.assistance_months_refresh`)."""
    with connection.cursor() as cursor:
        cursor.execute(_MARK_PAYMENTS_SQL, [after_payment_id])


def board_stale_everywhere() -> None:
    """Every unit's board may have changed in every month (the months with assistance rebuilt)."""
    board_stale_units(Unit.objects.values_list("pk", flat=True), ALL_MONTHS)


def _stored(row: BoardMonth) -> board.MonthCounts:
    return board.MonthCounts(**{name: getattr(row, name) for name in COUNT_FIELDS})


def board_figures(unit: Unit, *, as_of: Month, today: date) -> dict[Month, board.MonthCounts]:
    """The counts behind every measure of the unit's board for the 24 months ending with
    `as_of`: the stored months that are current, the others counted now (and stored). The months
    with assistance must be brought up to date first (`services.assistance_months_refresh`)."""
    months = board.board_months(as_of)
    # The version first, then the data: a write committed after this read makes the store below
    # refuse, whatever the counting saw. The row exists from here on, so every mark reaches it.
    state, _ = BoardState.objects.get_or_create(unit=unit)
    version, stale_from = state.version, state.stale_from
    stored = {
        row.month: row
        for row in BoardMonth.objects.filter(
            unit=unit, month__gte=months[0].index, month__lte=months[-1].index
        )
    }

    def usable(m: Month) -> bool:
        # Counted after the month ended, or today: the returns of a month depend on the day
        # until it has ended.
        row = stored.get(m.index)
        return (
            row is not None
            and row.counting == COUNTING
            and (stale_from is None or m.index < stale_from)
            and (row.counted_on > m.last_day or row.counted_on == today)
        )

    figures = {m: _stored(stored[m.index]) for m in months if usable(m)}
    missing = [m for m in months if m not in figures]
    if missing:
        recount = months[months.index(missing[0]) : months.index(missing[-1]) + 1]
        counted = selectors.month_counts(unit, recount, today=today)
        # SQLite answers "database is locked" at once when another connection is writing; the
        # months are only a store of what can be counted again, so the next read does.
        with contextlib.suppress(OperationalError):
            _store(unit, counted, version=version, today=today)
        figures.update(counted)
    return {m: figures[m] for m in months}


@transaction.atomic
def _store(
    unit: Unit, counted: Mapping[Month, board.MonthCounts], *, version: int, today: date
) -> bool:
    """Store the months just counted, unless a write changed the unit's board since `version`
    was read; clear `stale_from` (its months are counted now or deleted). Returns whether it
    stored."""
    BoardState.objects.get_or_create(unit=unit)
    state = BoardState.objects.select_for_update().get(unit=unit)
    if state.version != version:
        return False
    doomed = Q(month__in=[m.index for m in counted]) | ~Q(counting=COUNTING)
    if state.stale_from is not None:
        doomed |= Q(month__gte=state.stale_from)
    BoardMonth.objects.filter(unit=unit).filter(doomed).delete()
    BoardMonth.objects.bulk_create(
        BoardMonth(unit=unit, month=m.index, counted_on=today, counting=COUNTING, **asdict(counts))
        for m, counts in counted.items()
    )
    if state.stale_from is not None:
        state.stale_from = None
        state.save(update_fields=["stale_from"])
    return True
