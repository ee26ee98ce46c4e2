"""The months with assistance the måltavla counts: kept in step with the payments, and the board's
database route on hand-made cases at the edges of its rules."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time
from decimal import Decimal
from importlib import import_module
from typing import Any

import pytest
from django.utils import timezone

from bryggan.accounts.models import Unit, User
from bryggan.core.month import Month
from bryggan.decisions.models import Decision
from bryggan.followup import board
from bryggan.followup.models import AssistanceMonth, Closure
from bryggan.followup.selectors import board_counts
from bryggan.followup.services import assistance_months_refresh, case_close
from bryggan.payments.models import Payment, PaymentStatus
from bryggan.payments.services import payment_mark, payment_run_execute
from bryggan.planning.models import SignedHow
from bryggan.planning.services import plan_version_sign
from tests.followup.factories import STOCKHOLM, apply, household, pay
from tests.payments.conftest import current_year_norm, delegation, make_decision
from tests.planning.factories import make_version

pytestmark = pytest.mark.django_db
__all__ = ["current_year_norm", "delegation", "make_decision"]

AS_OF = Month(2026, 11)
TODAY = date(2026, 11, 23)
BOARD = board.board_months(AS_OF)


def span(first: str, last: str) -> list[str]:
    start, end = Month.parse(first), Month.parse(last)
    return [str(start.plus(i)) for i in range(end.minus(start) + 1)]


def stored(household_id: int) -> list[tuple[str, int, int]]:
    return [
        (str(Month(i // 12, i % 12 + 1)), spell, twelve)
        for i, spell, twelve in AssistanceMonth.objects.filter(household_id=household_id)
        .order_by("month")
        .values_list("month", "spell_months", "months_in_last_twelve")
    ]


def series(unit: Unit) -> dict[str, board.Series]:
    assistance_months_refresh()
    with timezone.override(STOCKHOLM):
        counts = board_counts(unit, as_of=AS_OF, today=TODAY)
    return {s.key: s for s in board.series_from_counts(counts, BOARD)}


def at(month: str, s: board.Series) -> object:
    return s.values[BOARD.index(Month.parse(month))]


def test_each_month_paid_is_stored_with_its_spell_so_far_and_its_last_twelve(
    unit: Unit, persona: Callable[..., User]
) -> None:
    by = persona("caseworker")
    case = household(unit, by=by)
    pay(case, [*span("2025-01", "2025-03"), "2025-05"], by=by)
    pay(case, ["2025-06"], by=by, status=PaymentStatus.RETURNED)  # not a month with assistance
    assistance_months_refresh()
    assert stored(case.pk) == [
        ("2025-01", 1, 1),
        ("2025-02", 2, 2),
        ("2025-03", 3, 3),
        ("2025-05", 1, 4),  # April unpaid: a new spell
    ]


def test_a_payment_run_is_read_at_the_next_refresh_and_joins_the_spells(
    unit: Unit, persona: Callable[..., User]
) -> None:
    by = persona("caseworker")
    case = household(unit, by=by)
    pay(case, ["2025-01", "2025-03"], by=by)
    assistance_months_refresh()
    pay(case, ["2025-02"], by=by)  # a late decision for February, paid in a later run
    assert stored(case.pk)[-1] == ("2025-03", 1, 2)  # not read yet
    assistance_months_refresh()
    assert stored(case.pk) == [("2025-01", 1, 1), ("2025-02", 2, 2), ("2025-03", 3, 3)]


def test_a_returned_payment_takes_its_month_away_at_once(
    unit: Unit, persona: Callable[..., User]
) -> None:
    by = persona("caseworker")
    case = household(unit, by=by)
    pay(case, span("2025-01", "2025-03"), by=by)
    assistance_months_refresh()
    february = Payment.objects.get(decision__household=case, decision__month="2025-02")
    payment_mark(
        payment=february, status=PaymentStatus.RETURNED, on=date(2025, 2, 10), reason="Konto", by=by
    )
    assert stored(case.pk) == [("2025-01", 1, 1), ("2025-03", 1, 2)]


def test_deleted_payments_rebuild_the_table(unit: Unit, persona: Callable[..., User]) -> None:
    by = persona("caseworker")
    case = household(unit, by=by)
    pay(case, span("2025-01", "2025-02"), by=by)
    assistance_months_refresh()
    Payment.objects.filter(decision__household=case, decision__month="2025-02").delete()
    assistance_months_refresh()
    assert stored(case.pk) == [("2025-01", 1, 1)]


def test_closing_records_whether_the_case_was_long_term_and_the_board_counts_it(
    unit: Unit, persona: Callable[..., User]
) -> None:
    """Long-term when closed: 10 of the 12 months ending with the closure's month or the month
    before, whether or not those months are paid themselves."""
    by = persona("caseworker")
    long_term, short = household(unit, by=by), household(unit, by=by)
    pay(long_term, span("2026-01", "2026-10"), by=by)  # closed in November: 10 of 12
    pay(short, span("2026-08", "2026-10"), by=by)  # 3 of 12: not long-term
    case_close(household=long_term, reason="work", closed_on=date(2026, 11, 2), by=by)
    case_close(household=short, reason="work", closed_on=date(2026, 11, 2), by=by)
    long_term_earlier = household(unit, by=by)
    # Paid January–October 2025, closed in December with November unpaid: still 10 of 12.
    pay(long_term_earlier, span("2025-01", "2025-10"), by=by)
    case_close(household=long_term_earlier, reason="moved", closed_on=date(2025, 12, 1), by=by)
    # Paid November 2025–August 2026 and closed in November 2026: 10 of the 12 months to
    # October, 9 of the 12 to November: long-term by the month before.
    by_the_month_before = household(unit, by=by)
    pay(by_the_month_before, span("2025-11", "2026-08"), by=by)
    case_close(household=by_the_month_before, reason="other", closed_on=date(2026, 11, 20), by=by)
    recorded = dict(Closure.objects.values_list("household_id", "long_term"))
    assert recorded == {
        long_term.pk: True,
        short.pk: False,
        long_term_earlier.pk: True,
        by_the_month_before.pk: True,
    }
    closed = series(unit)["long_term_closed"]
    assert at("2026-11", closed) == 2
    assert at("2025-12", closed) == 1
    assert sum(v for v in closed.values if v) == 3


def test_returns_fall_due_twelve_months_after_even_from_a_leap_day(
    unit: Unit, persona: Callable[..., User]
) -> None:
    by = persona("caseworker")
    leap, late, on_the_day = household(unit, by=by), household(unit, by=by), household(unit, by=by)
    Closure.objects.create(household=leap, closed_on=date(2024, 2, 29), reason="work", closed_by=by)
    apply(leap, date(2025, 2, 28), by=by, at=time(23, 55))  # the due day, late evening: returned
    Closure.objects.create(
        household=late, closed_on=date(2025, 3, 10), reason="studies", closed_by=by
    )
    apply(late, date(2026, 3, 11), by=by, at=time(0, 5))  # a day too late: stayed
    Closure.objects.create(
        household=on_the_day, closed_on=date(2025, 3, 10), reason="work", closed_by=by
    )
    apply(on_the_day, date(2026, 3, 10), by=by, at=time(23, 55))  # on the due day: returned
    returns = series(unit)["returns"]
    assert at("2025-02", returns) == Decimal("100.0")
    assert at("2026-03", returns) == Decimal("50.0")
    assert returns.extra["followed_up"][BOARD.index(Month(2026, 3))] == 2


def test_an_application_received_just_after_midnight_counts_in_the_new_month(
    unit: Unit, persona: Callable[..., User]
) -> None:
    by = persona("caseworker")
    case = household(unit, by=by)
    apply(case, date(2026, 4, 1), by=by, at=time(0, 5))  # 22:05 UTC on 31 March
    new = series(unit)["new_applications"]
    assert (at("2026-03", new), at("2026-04", new)) == (0, 1)
    assert datetime(2026, 4, 1, 0, 5, tzinfo=STOCKHOLM).astimezone(UTC).day == 31


def test_a_plan_signed_late_on_the_months_last_evening_counts_for_that_month(
    unit: Unit, persona: Callable[..., User]
) -> None:
    by = persona("caseworker")
    evening, morning = household(unit, by=by), household(unit, by=by)
    pay(evening, span("2026-03", "2026-04"), by=by)
    pay(morning, span("2026-03", "2026-04"), by=by)
    for case, signed_at in (
        (evening, datetime(2026, 3, 31, 23, 55, tzinfo=STOCKHOLM)),
        (morning, datetime(2026, 4, 1, 0, 5, tzinfo=STOCKHOLM)),
    ):
        version = make_version(case, by, today=signed_at.date())
        plan_version_sign(version=version, how=SignedHow.IN_MEETING, at=signed_at, recorded_by=by)
    signed = series(unit)["signed_plan"]
    assert (at("2026-03", signed), at("2026-04", signed)) == (Decimal("50.0"), Decimal("100.0"))


def test_the_migration_fills_in_the_flag_for_closures_made_before_it(
    unit: Unit, persona: Callable[..., User]
) -> None:
    from django.apps import apps

    record_long_term = import_module(
        "bryggan.followup.migrations.0003_closure_records_whether_long_term"
    ).record_long_term
    by = persona("caseworker")
    long_term, short = household(unit, by=by), household(unit, by=by)
    pay(long_term, span("2026-01", "2026-10"), by=by)
    pay(short, span("2026-09", "2026-10"), by=by)
    for case in (long_term, short):
        Closure.objects.create(
            household=case, closed_on=date(2026, 11, 2), reason="work", closed_by=by
        )
    record_long_term(apps, None)
    assert dict(Closure.objects.values_list("household_id", "long_term")) == {
        long_term.pk: True,
        short.pk: False,
    }


def test_a_committed_payment_run_is_read_into_the_months_at_once(
    make_decision: Callable[..., Decision],
    persona: Callable[..., User],
    django_capture_on_commit_callbacks: Callable[..., Any],
) -> None:
    decision = make_decision(1)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        payment_run_execute(
            by=persona("unit_manager"), execution_date=date(2026, 11, 25), now=timezone.now()
        )
        assert stored(decision.household_id) == []  # read when the run commits, not before
    assert callbacks  # the run's, and the change history's notice to the menu counts
    # No board view in between: the run's own signal filled the table.
    assert stored(decision.household_id) == [(decision.month, 1, 1)]
