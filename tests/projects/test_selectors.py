"""The outcome comparison read from the database: hand-made cases whose answer is known."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest

from bryggan.accounts.models import Unit, User
from bryggan.activities.models import TargetGroup
from bryggan.followup.services import case_close
from bryggan.projects import selectors
from bryggan.projects.rules import ParticipantOutcome, Period, ReasonCount, TargetGroupCode
from bryggan.projects.services import participant_end
from tests.followup.factories import pay
from tests.projects.factories import join, make_case, make_project

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 23)
BEFORE = Period(date(2024, 1, 1), date(2025, 12, 31))


def closed(unit: Unit, by: User, reason: str, on: date, **case: object) -> None:
    household = make_case(unit, by, opened_on=date(2023, 6, 1), **case)  # type: ignore[arg-type]
    case_close(household=household, reason=reason, closed_on=on, by=by)


def test_closures_by_reason_count_the_units_closures_within_the_period_only(
    unit: Unit, other_unit: Unit, persona: Callable[..., User]
) -> None:
    cw = persona("caseworker")
    for reason, on in [
        ("work", date(2024, 1, 1)),  # the first day counts
        ("work", date(2025, 12, 31)),  # the last day counts
        ("studies", date(2025, 3, 1)),
        ("moved", date(2025, 3, 1)),
        ("work", date(2023, 12, 31)),  # the day before: not counted
        ("work", date(2026, 1, 1)),  # the project's first day: not counted
    ]:
        closed(unit, cw, reason, on)
    closed(other_unit, persona("caseworker", in_unit=other_unit), "work", date(2025, 1, 1))
    assert selectors.closures_by_reason(unit, BEFORE) == [
        ReasonCount("moved", 1),
        ReasonCount("studies", 1),
        ReasonCount("work", 2),
    ]


def test_youth_closures_are_those_of_households_with_an_adult_aged_18_to_24_in_the_period(
    unit: Unit, persona: Callable[..., User]
) -> None:
    cw = persona("caseworker")
    closed(unit, cw, "work", date(2025, 5, 1), born=date(2003, 5, 1))  # 20–22 in the period
    closed(unit, cw, "work", date(2025, 5, 1), born=date(1999, 1, 2))  # 24 on 1 January 2024
    closed(unit, cw, "work", date(2025, 5, 1), born=date(1999, 1, 1))  # 25 on 1 January 2024
    closed(unit, cw, "studies", date(2025, 5, 1), born=date(1980, 1, 1))
    youth = selectors.closures_by_reason(unit, BEFORE, group=TargetGroupCode.YOUTH)
    assert youth == [ReasonCount("work", 2)]


def test_households_on_assistance_are_those_with_a_payment_for_a_month_of_the_period(
    unit: Unit, persona: Callable[..., User]
) -> None:
    cw = persona("caseworker")
    inside = make_case(unit, cw)
    pay(inside, ["2025-12", "2026-01"], by=cw)
    young = make_case(unit, cw, born=date(2004, 1, 1))
    pay(young, ["2024-01"], by=cw)
    after = make_case(unit, cw)
    pay(after, ["2026-01"], by=cw)
    never_paid = make_case(unit, cw)
    unsent = make_case(unit, cw)
    pay(unsent, ["2025-01"], by=cw, status="created")
    assert never_paid.pk
    assert selectors.households_on_assistance(unit, BEFORE, group=TargetGroupCode.ALL) == 2
    assert selectors.households_on_assistance(unit, BEFORE, group=TargetGroupCode.YOUTH) == 1


def test_long_term_counts_households_and_closures_with_ten_of_twelve_months(
    unit: Unit, persona: Callable[..., User]
) -> None:
    cw = persona("caseworker")
    long_term = make_case(unit, cw, opened_on=date(2023, 1, 2))
    pay(long_term, [f"2024-{m:02d}" for m in range(1, 11)], by=cw)  # January–October 2024
    case_close(household=long_term, reason="work", closed_on=date(2024, 11, 4), by=cw)
    short = make_case(unit, cw, opened_on=date(2023, 1, 2))
    pay(short, [f"2024-{m:02d}" for m in range(1, 10)], by=cw)  # nine months
    case_close(household=short, reason="work", closed_on=date(2024, 10, 3), by=cw)
    group = TargetGroupCode.LONG_TERM
    assert selectors.households_on_assistance(unit, BEFORE, group=group) == 1
    assert selectors.closures_by_reason(unit, BEFORE, group=group) == [ReasonCount("work", 1)]


def test_a_long_term_household_counts_only_with_a_payment_within_the_period(
    unit: Unit, persona: Callable[..., User]
) -> None:
    cw = persona("caseworker")
    # February–November 2023: ten of the twelve months ending January 2024, but nothing paid in
    # the period (2024–2025): not among the households on assistance then.
    pay(
        make_case(unit, cw, opened_on=date(2022, 6, 1)),
        [f"2023-{m:02d}" for m in range(2, 12)],
        by=cw,
    )
    # Three months earlier plus January 2024: ten of the twelve ending January 2024, and paid then.
    paid = make_case(unit, cw, opened_on=date(2022, 6, 1))
    pay(paid, [*(f"2023-{m:02d}" for m in range(4, 13)), "2024-01"], by=cw)
    group = TargetGroupCode.LONG_TERM
    assert selectors.households_on_assistance(unit, BEFORE, group=group) == 1


def test_the_comparison_of_a_running_project_reads_participants_and_the_units_closures(
    unit: Unit, persona: Callable[..., User]
) -> None:
    manager, cw = persona("unit_manager"), persona("caseworker")
    project = make_project(unit, manager, starts_on=date(2026, 1, 1), ends_on=date(2027, 12, 31))
    # Before (2024–2025, as long as the project): 1 to work and 1 to studies among 4 paid cases.
    for reason in ("work", "studies", "moved"):
        household = make_case(unit, cw, opened_on=date(2023, 6, 1))
        pay(household, ["2025-01"], by=cw)
        case_close(household=household, reason=reason, closed_on=date(2025, 6, 2), by=cw)
    pay(make_case(unit, cw), ["2025-02"], by=cw)
    # During, so far: three participants, one left for work, one for studies after "today".
    outcomes = [
        (ParticipantOutcome.WORK, date(2026, 6, 30)),
        (ParticipantOutcome.MOVED, date(2026, 7, 31)),
        (None, None),
    ]
    for outcome, left_on in outcomes:
        participant = join(project, make_case(unit, cw), cw, on=date(2026, 2, 2))
        if outcome is not None and left_on is not None:
            participant_end(
                participant=participant, left_on=left_on, outcome=outcome, by=cw, today=TODAY
            )
    comparison = selectors.project_comparison(project, today=TODAY)
    assert comparison.before.period == BEFORE
    assert (comparison.before.population, comparison.before.to_work_or_studies) == (4, 2)
    assert comparison.before.share == Decimal("50.0")
    assert comparison.during is not None
    assert comparison.during.period == Period(date(2026, 1, 1), TODAY)
    assert (comparison.during.population, comparison.during.to_work) == (3, 1)
    assert comparison.unit_during is not None
    assert comparison.unit_during.to_work_or_studies == 0


def test_a_project_not_yet_started_has_no_during_figures(
    unit: Unit, persona: Callable[..., User]
) -> None:
    project = make_project(
        unit,
        persona("unit_manager"),
        starts_on=date(2027, 1, 1),
        ends_on=date(2027, 6, 30),
        target_group=TargetGroup.YOUTH,
        baseline_months=36,
    )
    comparison = selectors.project_comparison(project, today=TODAY)
    assert comparison.during is None
    assert comparison.unit_during is None
    assert comparison.before.period == Period(date(2024, 1, 1), date(2026, 12, 31))


def test_the_project_list_counts_distinct_participants_in_one_query(
    unit: Unit,
    persona: Callable[..., User],
    django_assert_num_queries: Callable[..., object],
) -> None:
    manager, cw = persona("unit_manager"), persona("caseworker")
    project = make_project(unit, manager)
    make_project(unit, manager, name="Jobbspår")
    case = make_case(unit, cw)
    first = join(project, case, cw, on=date(2026, 2, 1))
    participant_end(
        participant=first, left_on=date(2026, 3, 1), outcome=ParticipantOutcome.STUDIES, by=cw,
        today=TODAY,
    )  # fmt: skip
    join(project, case, cw, on=date(2026, 4, 1))
    join(project, make_case(unit, cw), cw, on=date(2026, 4, 1))
    with django_assert_num_queries(1):  # type: ignore[operator]
        rows = {
            p.name: (p.participant_count, p.current_count, p.to_work_or_studies)
            for p in selectors.project_list_for_unit(unit)
        }
    assert rows == {"Språnget": (2, 2, 1), "Jobbspår": (0, 0, 0)}
