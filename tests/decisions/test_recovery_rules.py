"""The pure rules of recovery (återkrav): cap, three-year limit, balance, instalments, law."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bryggan.core.month import Month
from bryggan.decisions.rules import (
    Instalment,
    PaidAmount,
    assistance_law,
    court_action_expiring,
    court_action_last_day,
    recovery_amount_problem,
    recovery_balance,
    repayment_instalments,
    repayment_problem,
)
from bryggan.norms.tables import legal_references

PAID = [PaidAmount(9180, stands=True), PaidAmount(2000, stands=True)]


def test_a_claim_up_to_what_was_paid_on_the_payments_named_is_allowed() -> None:
    assert recovery_amount_problem(amount=3000, paid=PAID) is None
    assert recovery_amount_problem(amount=11_180, paid=PAID) is None


def test_a_claim_larger_than_what_was_paid_is_refused() -> None:
    assert recovery_amount_problem(amount=11_181, paid=PAID) == "over_paid"


def test_a_returned_or_reversed_payment_counts_for_nothing() -> None:
    paid = [PaidAmount(9180, stands=True), PaidAmount(2000, stands=False)]
    assert recovery_amount_problem(amount=9181, paid=paid) == "over_paid"


def test_a_claim_names_a_payment_and_an_amount_above_zero() -> None:
    assert recovery_amount_problem(amount=100, paid=[]) == "no_payments"
    assert recovery_amount_problem(amount=0, paid=PAID) == "not_positive"


def test_the_court_action_limit_is_three_years_from_the_cost() -> None:
    assert court_action_last_day(date(2025, 7, 25)) == date(2028, 7, 25)  # a Tuesday


def test_a_limit_ending_on_a_weekend_moves_to_the_next_working_day() -> None:
    # 2028-11-25 is a Saturday.
    assert court_action_last_day(date(2025, 11, 25)) == date(2028, 11, 27)


def test_a_cost_on_29_february_ends_on_the_last_day_of_february() -> None:
    # No 29 February in 2029; 28 February 2029 is a Wednesday.
    assert court_action_last_day(date(2026, 2, 28)) == date(2029, 2, 28)
    # 2024-02-29 → 28 February 2027 (lag 1930:173 1 §), a Sunday → Monday 1 March.
    assert court_action_last_day(date(2024, 2, 29)) == date(2027, 3, 1)
    # 2028-02-29 → 28 February 2031, a Friday: stays.
    assert court_action_last_day(date(2028, 2, 29)) == date(2031, 2, 28)


def test_a_limit_within_the_window_or_passed_is_expiring() -> None:
    last = date(2028, 7, 25)
    assert court_action_expiring(last_day=last, today=date(2028, 4, 26), window_days=90)
    assert not court_action_expiring(last_day=last, today=date(2028, 4, 25), window_days=90)
    assert court_action_expiring(last_day=last, today=date(2029, 1, 1), window_days=90)


def test_the_hand_worked_balance() -> None:
    # 3 000 kr claimed; 500 and 500 kr repaid; 1 000 kr waived: 1 000 kr outstanding.
    balance = recovery_balance(claimed=3000, repaid=[500, 500], waived=[1000])
    assert (balance.repaid, balance.waived, balance.outstanding) == (1000, 1000, 1000)


def test_repayments_and_waivers_beyond_the_claim_are_refused() -> None:
    assert repayment_problem(amount=1001, outstanding=1000) == "over_balance"
    assert repayment_problem(amount=0, outstanding=1000) == "not_positive"
    with pytest.raises(ValueError, match="exceed"):
        recovery_balance(claimed=100, repaid=[60], waived=[50])


@given(
    claimed=st.integers(min_value=0, max_value=1_000_000),
    attempts=st.lists(
        st.tuples(st.booleans(), st.integers(min_value=-10, max_value=300_000)), max_size=20
    ),
)
def test_the_balance_is_never_negative_and_its_parts_sum_to_the_claim(
    claimed: int, attempts: list[tuple[bool, int]]
) -> None:
    repaid: list[int] = []
    waived: list[int] = []
    for is_waiver, amount in attempts:
        outstanding = recovery_balance(claimed=claimed, repaid=repaid, waived=waived).outstanding
        if repayment_problem(amount=amount, outstanding=outstanding) is None:
            (waived if is_waiver else repaid).append(amount)
    balance = recovery_balance(claimed=claimed, repaid=repaid, waived=waived)
    assert balance.outstanding >= 0
    assert balance.claimed == balance.repaid + balance.waived + balance.outstanding


def test_a_plan_of_500_a_month_on_3000_has_six_instalments() -> None:
    instalments = repayment_instalments(total=3000, per_month=500, first=Month(2026, 11))
    assert instalments[0] == Instalment(Month(2026, 11), 500)
    assert instalments[-1] == Instalment(Month(2027, 4), 500)
    assert len(instalments) == 6


def test_the_last_instalment_is_the_remainder() -> None:
    instalments = repayment_instalments(total=1200, per_month=500, first=Month(2026, 12))
    assert [i.amount for i in instalments] == [500, 500, 200]
    assert str(instalments[-1].month) == "2027-02"


def test_the_law_is_the_one_in_force_when_the_assistance_was_given() -> None:
    references = legal_references()
    assert assistance_law([Month(2025, 6)], references).key == "sol_2001_453"
    assert assistance_law([Month(2025, 7)], references).key == "sol_2025_400"


def test_a_claim_on_assistance_under_both_laws_is_refused() -> None:
    with pytest.raises(ValueError, match="mixed_laws"):
        assistance_law([Month(2025, 6), Month(2025, 7)], legal_references())
