"""The project rules on hand-made rows: periods, joining and leaving, the measures before and
during (with a Språnget-shaped case), the target groups' tests."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bryggan.core.month import Month
from bryggan.projects import rules
from bryggan.projects.rules import (
    Comparison,
    ParticipantOutcome,
    ParticipationRow,
    Period,
    ProjectRuleError,
    ReasonCount,
    Stay,
)

W = ParticipantOutcome.WORK
S = ParticipantOutcome.STUDIES


def row(
    person: int, joined: date, left: date | None = None, outcome: ParticipantOutcome | None = None
) -> ParticipationRow:
    return ParticipationRow(person_id=person, joined_on=joined, left_on=left, outcome=outcome)


# Periods -----------------------------------------------------------------------------------------


def test_the_before_period_is_as_long_as_the_project_and_ends_the_day_before_it() -> None:
    project = Period(date(2011, 1, 1), date(2012, 12, 31))  # 24 months
    assert rules.before_period(project) == Period(date(2009, 1, 1), date(2010, 12, 31))


def test_a_project_of_broken_months_is_matched_day_for_day() -> None:
    project = Period(date(2026, 3, 10), date(2026, 4, 20))  # 42 days
    before = rules.before_period(project)
    assert before == Period(date(2026, 1, 27), date(2026, 3, 9))
    assert before.days == project.days == 42


def test_whole_months_are_counted_from_the_first_day_to_the_day_after_the_last() -> None:
    assert rules.whole_months(Period(date(2026, 1, 10), date(2026, 2, 20))) is None
    assert rules.whole_months(Period(date(2026, 1, 15), date(2026, 2, 14))) == 1
    assert rules.whole_months(Period(date(2026, 1, 1), date(2026, 1, 1))) is None


def test_a_chosen_length_counts_whole_months_back_from_the_start() -> None:
    """Språnget: the three years before the project, 2008–2010."""
    before = rules.before_period(Period(date(2011, 1, 1), date(2012, 12, 31)), months=36)
    assert before == Period(date(2008, 1, 1), date(2010, 12, 31))


def test_months_back_from_the_31st_land_on_the_months_last_day() -> None:
    before = rules.before_period(Period(date(2024, 5, 31), date(2024, 12, 31)), months=3)
    assert before.first == date(2024, 2, 29)


def test_a_comparison_period_of_no_months_is_refused() -> None:
    with pytest.raises(ProjectRuleError) as error:
        rules.before_period(Period(date(2024, 1, 1), date(2024, 12, 31)), months=0)
    assert error.value.message == rules.BASELINE_MONTHS_INVALID
    assert error.value.field == "baseline_months"


def test_the_period_so_far_stops_today_and_is_none_before_the_start() -> None:
    project = Period(date(2026, 1, 1), date(2027, 12, 31))
    assert rules.period_so_far(project, today=date(2025, 12, 31)) is None
    assert rules.period_so_far(project, today=date(2026, 11, 23)) == Period(
        date(2026, 1, 1), date(2026, 11, 23)
    )
    assert rules.period_so_far(project, today=date(2030, 1, 1)) == project


def test_youth_are_those_aged_18_to_24_on_some_day_of_the_period() -> None:
    period = Period(date(2026, 1, 1), date(2026, 12, 31))
    born_after, born_until = rules.youth_birth_dates(period)
    # Turns 25 on the period's first day: 24 on no day of it.
    assert not born_after < date(2001, 1, 1) <= born_until
    # Turns 25 on 2 January: 24 on the first day.
    assert born_after < date(2001, 1, 2) <= born_until
    # Turns 18 on the last day.
    assert born_after < date(2008, 12, 31) <= born_until
    assert not born_after < date(2009, 1, 1) <= born_until


# Projects, joining and leaving -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"ends_on": date(2025, 12, 31)}, "ends_on", rules.PERIOD_REVERSED),
        ({"budget": -1}, "budget", rules.BUDGET_NEGATIVE),
        ({"spent": -1}, "spent", rules.SPENT_NEGATIVE),
        ({"baseline_months": 0}, "baseline_months", rules.BASELINE_MONTHS_INVALID),
    ],
)
def test_a_project_with_impossible_values_is_refused(
    values: dict[str, object], field: str, message: str
) -> None:
    arguments: dict[str, object] = {
        "starts_on": date(2026, 1, 1),
        "ends_on": date(2027, 12, 31),
        "budget": 0,
        "spent": None,
        "baseline_months": None,
        **values,
    }
    with pytest.raises(ProjectRuleError) as error:
        rules.check_project(**arguments)  # type: ignore[arg-type]
    assert (error.value.field, error.value.template) == (field, message)


PROJECT = Period(date(2026, 1, 1), date(2027, 12, 31))


def test_joining_outside_the_projects_period_is_refused_with_the_period_named() -> None:
    with pytest.raises(ProjectRuleError) as error:
        rules.check_joining(PROJECT, stay=Stay(date(2025, 12, 31), None), others=[])
    assert error.value.field == "joined_on"
    assert error.value.message == (
        "The joining date is outside the project's period (2026-01-01 – 2027-12-31)."
    )
    rules.check_joining(PROJECT, stay=Stay(date(2026, 1, 1), None), others=[])
    rules.check_joining(PROJECT, stay=Stay(date(2027, 12, 31), None), others=[])


def test_a_person_cannot_join_while_already_taking_part() -> None:
    with pytest.raises(ProjectRuleError) as error:
        rules.check_joining(
            PROJECT, stay=Stay(date(2026, 6, 1), None), others=[Stay(date(2026, 3, 1), None)]
        )
    assert error.value.message == (
        "The person already takes part in the project from 2026-03-01 to until further notice: "
        "the dates overlap."
    )


def test_a_person_may_join_again_after_leaving_but_not_on_the_day_they_left() -> None:
    earlier = Stay(date(2026, 3, 1), date(2026, 5, 31))
    rules.check_joining(PROJECT, stay=Stay(date(2026, 6, 1), None), others=[earlier])
    with pytest.raises(ProjectRuleError):
        rules.check_joining(PROJECT, stay=Stay(date(2026, 5, 31), None), others=[earlier])


def test_a_person_cannot_join_before_a_later_participation_of_theirs() -> None:
    later = Stay(date(2026, 9, 1), date(2026, 10, 1))
    with pytest.raises(ProjectRuleError):
        rules.check_joining(PROJECT, stay=Stay(date(2026, 6, 1), None), others=[later])


@given(
    a_start=st.integers(0, 60),
    a_len=st.one_of(st.none(), st.integers(0, 30)),
    b_start=st.integers(0, 60),
    b_len=st.one_of(st.none(), st.integers(0, 30)),
)
def test_overlap_is_symmetric_and_means_a_shared_day(
    a_start: int, a_len: int | None, b_start: int, b_len: int | None
) -> None:
    origin = date(2026, 1, 1)

    def stay(start: int, length: int | None) -> Stay:
        first = origin + timedelta(days=start)
        return Stay(first, None if length is None else first + timedelta(days=length))

    a, b = stay(a_start, a_len), stay(b_start, b_len)
    horizon = 200

    def days(s: Stay) -> set[int]:
        last = horizon if s.left_on is None else (s.left_on - origin).days
        return set(range((s.joined_on - origin).days, last + 1))

    assert rules.overlaps(a, b) == rules.overlaps(b, a) == bool(days(a) & days(b))


@pytest.mark.parametrize(
    ("left_on", "outcome", "field", "message"),
    [
        (date(2026, 5, 1), None, "outcome", rules.OUTCOME_REQUIRED),
        (date(2026, 2, 28), W, "left_on", rules.LEFT_BEFORE_JOINED),
        (date(2026, 11, 24), W, "left_on", rules.LEFT_IN_FUTURE),
    ],
)
def test_leaving_needs_an_outcome_and_a_date_between_joining_and_today(
    left_on: date, outcome: ParticipantOutcome | None, field: str, message: str
) -> None:
    with pytest.raises(ProjectRuleError) as error:
        rules.check_leaving(
            PROJECT,
            stay=Stay(date(2026, 3, 1), None),
            left_on=left_on,
            outcome=outcome,
            today=date(2026, 11, 23),
        )
    assert (error.value.field, error.value.template) == (field, message)


def test_leaving_after_the_projects_end_is_refused() -> None:
    with pytest.raises(ProjectRuleError) as error:
        rules.check_leaving(
            Period(date(2026, 1, 1), date(2026, 6, 30)),
            stay=Stay(date(2026, 3, 1), None),
            left_on=date(2026, 7, 1),
            outcome=W,
            today=date(2026, 11, 23),
        )
    assert error.value.message == "The leaving date is after the project's end (2026-06-30)."


def test_a_participation_ends_once() -> None:
    with pytest.raises(ProjectRuleError) as error:
        rules.check_leaving(
            PROJECT,
            stay=Stay(date(2026, 3, 1), date(2026, 4, 1)),
            left_on=date(2026, 5, 1),
            outcome=W,
            today=date(2026, 11, 23),
        )
    assert error.value.template == rules.ALREADY_ENDED


def test_a_changed_period_counts_the_participations_it_would_leave_outside() -> None:
    stays = [
        Stay(date(2026, 1, 10), None),
        Stay(date(2026, 3, 1), date(2026, 8, 1)),
        Stay(date(2026, 5, 1), None),
    ]
    assert rules.stays_outside(Period(date(2026, 2, 1), date(2026, 7, 31)), stays) == 2
    assert rules.stays_outside(PROJECT, stays) == 0


# The measures -----------------------------------------------------------------------------------


def test_outcomes_reuse_the_closure_reasons_and_the_referral_outcome_interrupted() -> None:
    from bryggan.activities.models import Outcome
    from bryggan.followup.rules import ClosureReason

    assert {o.value for o in ClosureReason} <= {o.value for o in ParticipantOutcome}
    assert {o.value for o in Outcome} <= {o.value for o in ParticipantOutcome}
    assert {W, S} == rules.TO_WORK_OR_STUDIES


def test_sprangets_four_before_and_forty_four_during_from_rows() -> None:
    """Fagersta's Språnget: 4 to work or studies in 2008–2010, 44 in the first two years."""
    project = Period(date(2011, 1, 1), date(2012, 12, 31))
    before = rules.before_period(project, months=36)
    closures = [
        ReasonCount("work", 3),
        ReasonCount("studies", 1),
        ReasonCount("moved", 9),
        ReasonCount("other_income", 5),
        ReasonCount("other", 12),
    ]
    participants = [
        *(row(i, date(2011, 2, 1), date(2012, 6, 1), W) for i in range(30)),
        *(row(100 + i, date(2011, 9, 1), date(2012, 11, 30), S) for i in range(14)),
        *(
            row(200 + i, date(2011, 3, 1), date(2011, 10, 1), ParticipantOutcome.INTERRUPTED)
            for i in range(6)
        ),
        *(row(300 + i, date(2012, 1, 15)) for i in range(10)),
    ]
    comparison = Comparison(
        before=rules.closure_measure(closures, households=120, period=before),
        during=rules.during_measure(participants, project),
        unit_before=rules.closure_measure(closures, households=120, period=before),
        unit_during=None,
    )
    assert comparison.before.to_work_or_studies == 4
    assert (comparison.before.to_work, comparison.before.to_studies) == (3, 1)
    assert comparison.before.share == Decimal("3.3")  # 4 of 120
    assert comparison.before.per_year == Decimal("1.3")  # 4 × 365.25 / 1096
    assert comparison.during is not None
    assert comparison.during.to_work_or_studies == 44
    assert comparison.during.population == 60
    assert comparison.during.share == Decimal("73.3")  # 44 of 60
    assert comparison.during.per_year == Decimal("22.0")  # 44 × 365.25 / 731
    assert comparison.change_per_year == Decimal("20.7")


def test_during_counts_each_person_once_and_only_exits_within_the_period_so_far() -> None:
    so_far = Period(date(2026, 1, 1), date(2026, 11, 23))
    rows = [
        row(1, date(2026, 1, 10), date(2026, 3, 1), W),
        row(1, date(2026, 4, 1), date(2026, 6, 1), S),  # joined again, second exit: still one
        row(2, date(2026, 2, 1), date(2026, 12, 1), W),  # leaves after "today": not yet counted
        row(3, date(2026, 2, 1), date(2026, 5, 1), ParticipantOutcome.MOVED),
        row(4, date(2026, 12, 1)),  # joins later: not counted among the participants so far
    ]
    measure = rules.during_measure(rows, so_far)
    assert measure.population == 3
    assert (measure.to_work, measure.to_studies) == (1, 0)


def test_shares_are_none_without_a_population() -> None:
    measure = rules.closure_measure([], households=0, period=PROJECT)
    assert measure.share is None
    assert measure.to_work_or_studies == 0
    assert measure.per_year == Decimal("0.0")


def test_outcome_counts_list_every_outcome_and_those_still_taking_part() -> None:
    rows = [
        row(1, date(2026, 1, 10), date(2026, 3, 1), W),
        row(2, date(2026, 1, 10), date(2026, 3, 1), W),
        row(3, date(2026, 1, 10), date(2026, 4, 1), ParticipantOutcome.INTERRUPTED),
        row(4, date(2026, 1, 10)),
    ]
    counts = {
        c.outcome: c.participations for c in rules.outcome_counts(rows, today=date(2026, 5, 1))
    }
    assert counts == {
        W: 2,
        S: 0,
        ParticipantOutcome.OTHER_INCOME: 0,
        ParticipantOutcome.MOVED: 0,
        ParticipantOutcome.INTERRUPTED: 1,
        ParticipantOutcome.OTHER: 0,
        None: 1,
    }


@given(
    exits=st.lists(
        st.tuples(st.integers(1, 20), st.sampled_from(list(ParticipantOutcome))), max_size=40
    )
)
def test_during_never_counts_more_exits_than_participants(
    exits: list[tuple[int, ParticipantOutcome]],
) -> None:
    rows = [row(person, date(2026, 1, 1), date(2026, 2, 1), outcome) for person, outcome in exits]
    measure = rules.during_measure(rows, PROJECT)
    assert measure.to_work_or_studies <= measure.population == len({p for p, _ in exits})
    assert measure.to_work_or_studies == len({p for p, o in exits if o in (W, S)})


# Long-term recipients --------------------------------------------------------------------------


def index(year: int, month: int) -> Month:
    return Month(year, month)


def test_long_term_needs_ten_of_the_twelve_months_ending_in_the_period() -> None:
    period = Period(date(2026, 1, 1), date(2026, 3, 31))
    ten_ending_jan = [index(2025, m) for m in range(4, 13)] + [index(2026, 1)]
    nine_ending_feb = [index(2025, m) for m in range(6, 13)] + [index(2026, 1), index(2026, 2)]
    ten_ending_after = [index(2026, m) for m in range(3, 13)]
    months = {1: ten_ending_jan, 2: nine_ending_feb, 3: ten_ending_after}
    assert rules.long_term_households(months, period) == {1}


def test_per_year_uses_the_mean_year_of_365_25_days() -> None:
    four_years = Period(date(2021, 1, 1), date(2024, 12, 31))  # 1461 days, one leap day
    assert rules.per_year(1, four_years) == Decimal("0.3")  # 0.25 exactly, rounded half up
    assert rules.per_year(10, Period(date(2026, 1, 1), date(2026, 12, 31))) == Decimal("10.0")


def test_the_rules_import_no_django_and_only_pure_modules() -> None:
    import ast
    from pathlib import Path

    tree = ast.parse(Path(rules.__file__).read_text(encoding="utf-8"))
    nodes = list(ast.walk(tree))
    modules = {n.module for n in nodes if isinstance(n, ast.ImportFrom) and n.module}
    modules |= {a.name for n in nodes if isinstance(n, ast.Import) for a in n.names}
    bryggan = {m for m in modules if m.startswith("bryggan")}
    assert not any(m.startswith("django") for m in modules)
    assert bryggan == {"bryggan.core.errors", "bryggan.core.month", "bryggan.followup.rules"}
