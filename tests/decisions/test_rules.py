from datetime import date

import pytest

from bryggan.core.month import Month
from bryggan.decisions.rules import (
    Outcome,
    amount_problem,
    appeal_deadline,
    consecutive_months_before,
    is_possible_receipt,
    may_sign,
)
from bryggan.payments.rules import conditions_unmet


def test_counts_the_unbroken_run_of_months_just_before() -> None:
    months = {"2026-08", "2026-09", "2026-10", "2026-06"}
    assert consecutive_months_before(Month(2026, 11), months) == 3


def test_a_gap_just_before_means_zero() -> None:
    assert consecutive_months_before(Month(2026, 11), {"2026-09", "2026-08"}) == 0


def test_the_run_crosses_the_new_year() -> None:
    assert consecutive_months_before(Month(2026, 2), {"2026-01", "2025-12", "2025-11"}) == 3


def test_appeal_deadline_is_three_weeks_after_notification() -> None:
    assert appeal_deadline(date(2026, 11, 2)) == date(2026, 11, 23)  # Monday → Monday


def test_appeal_deadline_on_a_sunday_moves_to_monday() -> None:
    assert appeal_deadline(date(2026, 11, 8)) == date(2026, 11, 30)  # Sunday 29th → Monday 30th


def test_appeal_deadline_on_christmas_eve_moves_past_the_holidays() -> None:
    # 3 Dec 2026 + 21 days = Thursday 24 Dec (julafton) → 25, 26 holidays, 27 Sunday → 28 Dec.
    assert appeal_deadline(date(2026, 12, 3)) == date(2026, 12, 28)


@pytest.mark.parametrize(
    ("outcome", "amount", "calculated", "reason", "problem"),
    [
        (Outcome.GRANTED, 9000, 9000, "", None),
        (Outcome.GRANTED, 9500, 9000, "", "deviation_without_reason"),
        (Outcome.GRANTED, 9500, 9000, "Tandvård beviljad", None),
        (Outcome.PARTLY_GRANTED, 9000, 9000, "x", "partly_not_less"),
        (Outcome.GRANTED, 6000, 9000, "Hyran är för hög", "granted_less"),
        (Outcome.PARTLY_GRANTED, 5000, 9000, "", "deviation_without_reason"),
        (Outcome.PARTLY_GRANTED, 5000, 9000, "Hyran är för hög", None),
        (Outcome.REFUSED, 0, 9000, "", None),
        (Outcome.REFUSED, 100, 9000, "x", "refused_with_amount"),
        (Outcome.GRANTED, 0, 0, "", "granted_nothing"),
        (Outcome.GRANTED, -1, 0, "", "negative"),
    ],
)
def test_the_amount_must_fit_the_outcome_and_the_calculation(
    outcome: Outcome, amount: int, calculated: int, reason: str, problem: str | None
) -> None:
    assert (
        amount_problem(
            outcome=outcome, amount=amount, calculated=calculated, deviation_reason=reason
        )
        == problem
    )


def test_signing_needs_delegation_for_the_role_and_amount() -> None:
    limits = {"caseworker": 20000, "unit_manager": None}
    assert may_sign(role="caseworker", amount=20000, limits=limits)
    assert not may_sign(role="caseworker", amount=20001, limits=limits)
    assert may_sign(role="unit_manager", amount=10**6, limits=limits)
    assert not may_sign(role="work_coach", amount=1, limits=limits)


def test_payment_conditions_list_what_is_missing() -> None:
    unmet = conditions_unmet(
        personal_visit_required=True,
        application_required=True,
        af_required=True,
        personal_visit_held=False,
        applied_for_month=True,
        registered_at_af=False,
    )
    assert unmet == ["personal_visit", "af_registration"]
    assert not conditions_unmet(
        personal_visit_required=False,
        application_required=False,
        af_required=False,
        personal_visit_held=False,
        applied_for_month=False,
        registered_at_af=False,
    )


def test_a_decision_is_received_no_earlier_than_it_was_made_and_not_in_the_future() -> None:
    decided, today = date(2026, 11, 2), date(2026, 11, 10)
    assert is_possible_receipt(decided_on=decided, received_on=decided, today=today)
    assert is_possible_receipt(decided_on=decided, received_on=today, today=today)
    assert not is_possible_receipt(decided_on=decided, received_on=date(2026, 11, 1), today=today)
    assert not is_possible_receipt(decided_on=decided, received_on=date(2026, 11, 11), today=today)
