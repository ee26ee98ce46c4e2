"""Hand-made months against every validation rule, the household type, the due date and the diff."""

from __future__ import annotations

from datetime import date

import pytest

from bryggan.core.month import Month
from bryggan.reporting.codes import code_lists
from bryggan.reporting.rules import (
    AdultSnapshot,
    CaseRef,
    ClosureSnapshot,
    HouseholdSnapshot,
    MonthSnapshot,
    PaymentSnapshot,
    Rule,
    Severity,
    changed_since_sent,
    due_date,
    household_type,
    report_diff,
    report_file,
    sex_from_identity,
    validate,
)

OCTOBER = Month(2026, 10)
CASE = CaseRef(household_id=1, case_number="2026-00001", caseworker_id=7, caseworker_name="K")
MAN, WOMAN = "19800101-1231", "19820202-1240"


def adult(**kw: object) -> AdultSnapshot:
    values: dict[str, object] = {
        "person_id": 1,
        "identity_number": MAN,
        "name": "Adam",
        "co_applicant": False,
        "reason": "unemployed_no_benefit",
    }
    return AdultSnapshot(**(values | kw))  # type: ignore[arg-type]


def month(*households: HouseholdSnapshot, **kw: object) -> MonthSnapshot:
    return MonthSnapshot(OCTOBER, "9999", tuple(households), **kw)  # type: ignore[arg-type]


def household(
    *adults: AdultSnapshot, paid: int = 4000, children: tuple[str, ...] = ()
) -> HouseholdSnapshot:
    return HouseholdSnapshot(CASE, adults, children, decided=4000, paid=paid)


def rules_of(snapshot: MonthSnapshot) -> list[Rule]:
    return [p.rule for p in validate(snapshot, code_lists())]


def test_a_clean_month_has_no_problem() -> None:
    assert rules_of(month(household(adult()))) == []


def test_an_adult_without_a_reason_is_an_error_naming_the_adult() -> None:
    problems = validate(
        month(household(adult(), adult(person_id=2, name="Eva", reason=None, co_applicant=True))),
        code_lists(),
    )
    assert [(p.rule, p.severity, p.detail, p.case) for p in problems] == [
        (Rule.ADULT_WITHOUT_REASON, Severity.ERROR, "Eva", CASE)
    ]


def test_a_code_outside_the_shipped_list_is_an_error() -> None:
    assert rules_of(month(household(adult(reason="arbetslos")))) == [Rule.UNKNOWN_REASON]


def test_full_time_work_without_employment_income_is_an_error() -> None:
    working = adult(reason="full_time_insufficient_income")
    assert rules_of(month(household(working))) == [Rule.REASON_WITHOUT_INCOME]
    paid_work = adult(reason="full_time_insufficient_income", incomes=frozenset({"employment"}))
    assert rules_of(month(household(paid_work))) == []


def test_waiting_for_the_first_pay_needs_no_employment_income() -> None:
    assert rules_of(month(household(adult(reason="full_time_awaiting_income")))) == []


def test_unemployed_without_benefit_but_with_unemployment_benefit_is_a_warning() -> None:
    contradicted = adult(incomes=frozenset({"unemployment_benefit"}))
    problems = validate(month(household(contradicted)), code_lists())
    assert [(p.rule, p.severity) for p in problems] == [
        (Rule.REASON_CONTRADICTS_INCOME, Severity.WARNING)
    ]


def test_the_two_adults_of_example_1_get_one_code_each_and_pass() -> None:
    """Socialstyrelsen's Q&A example 1: full-time caretaker, partner unemployed without benefit."""
    man = adult(reason="full_time_insufficient_income", incomes=frozenset({"employment"}))
    woman = adult(person_id=2, identity_number=WOMAN, name="Eva", co_applicant=True)
    assert rules_of(month(household(man, woman))) == []


def test_a_payment_without_a_signed_decision_is_an_error() -> None:
    snapshot = month(unsigned_payments=(PaymentSnapshot(CASE, "E2E-1"),))
    assert rules_of(snapshot) == [Rule.PAYMENT_WITHOUT_DECISION]


def test_a_municipal_activity_without_attendance_is_a_warning_and_not_reported() -> None:
    idle = adult(activities=(("work_training", "municipal_unit", "Verkstan", 0),))
    assert rules_of(month(household(idle))) == [Rule.ACTIVITY_WITHOUT_ATTENDANCE]
    record = report_file(
        month(household(idle)), code_lists(), version=1, created_on=date(2026, 11, 5)
    )
    assert record.households[0].persons[0].municipal_activity is False


def test_an_activity_of_arbetsformedlingen_is_neither_checked_nor_reported_as_municipal() -> None:
    state = adult(activities=(("coaching", "employment_service", "Rusta och matcha", 4),))
    assert rules_of(month(household(state))) == []
    record = report_file(
        month(household(state)), code_lists(), version=1, created_on=date(2026, 11, 5)
    )
    assert record.households[0].persons[0].activities == ()


def test_attended_municipal_activities_are_reported_by_kind() -> None:
    active = adult(
        activities=(
            ("work_training", "municipal_unit", "Verkstan", 3),
            ("sfi", "project", "Sfi+", 2),
        )
    )
    record = report_file(
        month(household(active)), code_lists(), version=1, created_on=date(2026, 11, 5)
    )
    person = record.households[0].persons[0]
    assert (person.municipal_activity, person.activities) == (True, ("sfi", "work_training"))


def test_a_closed_case_without_a_closure_reason_is_an_error() -> None:
    closed = ClosureSnapshot(CASE, date(2026, 10, 20), None)
    assert rules_of(month(closures=(closed,))) == [Rule.CLOSED_WITHOUT_REASON]
    assert rules_of(month(closures=(ClosureSnapshot(CASE, date(2026, 10, 20), "work"),))) == []
    assert rules_of(month(closures=(ClosureSnapshot(CASE, date(2026, 10, 20), "lottery"),))) == [
        Rule.UNKNOWN_CLOSURE_REASON
    ]


def test_assistance_decided_but_not_paid_is_a_warning() -> None:
    assert rules_of(month(household(adult(), paid=0))) == [Rule.DECIDED_NOT_PAID]


def test_the_month_is_due_on_the_15th_of_the_next_month() -> None:
    assert due_date(OCTOBER) == date(2026, 11, 15)
    assert due_date(Month(2026, 12)) == date(2027, 1, 15)


@pytest.mark.parametrize(
    ("sexes", "children", "code"),
    [((), 2, "1"), (("M",), 0, "3"), (("M",), 1, "4"), (("K",), 0, "5"), (("K",), 3, "6"),
     (("M", "K"), 0, "7"), (("M", "K"), 1, "8")],
)  # fmt: skip
def test_household_type_follows_the_register_variable_list(
    sexes: tuple[str, ...], children: int, code: str
) -> None:
    assert household_type(sexes, children).value == code


def test_sex_is_read_from_the_second_to_last_digit() -> None:
    assert (sex_from_identity(MAN), sex_from_identity(WOMAN)) == ("M", "K")


def test_the_diff_names_each_changed_case_and_what_changed() -> None:
    codes = code_lists()
    other = CaseRef(household_id=2, case_number="2026-00002")
    before = report_file(month(household(adult())), codes, version=1, created_on=date(2026, 11, 5))
    after_snapshot = month(
        household(adult(reason="social_reasons"), paid=3000),
        HouseholdSnapshot(other, (adult(person_id=3, identity_number=WOMAN),), (), 100, 100),
    )
    after = report_file(after_snapshot, codes, version=2, created_on=date(2026, 11, 20))
    diff = report_diff(before, after)
    assert (diff.added, diff.removed, diff.changed) == (("2026-00002",), (), ("2026-00001",))
    assert diff.details["2026-00001"] == [
        "paid 4000 -> 3000",
        "reason for need unemployed_no_benefit -> social_reasons",
    ]
    warned = changed_since_sent(before, after, {"2026-00001": CASE, "2026-00002": other})
    assert [(p.rule, p.case.case_number, p.month) for p in warned] == [
        (Rule.CHANGED_SINCE_SENT, "2026-00001", "2026-10"),
        (Rule.CHANGED_SINCE_SENT, "2026-00002", "2026-10"),
    ]
    assert report_diff(after, after).is_empty
