"""Each kind of item on My work, their order, the manager's view of the unit, and query counts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bryggan.accounts.models import Unit, User
from bryggan.accounts.roles import Role
from bryggan.accounts.services import user_create
from bryggan.activities.models import SanctionStatus
from bryggan.desk.registry import DeskItem, desk, desk_counts, desk_items, kinds, kinds_for
from bryggan.intake.models import MeetingStatus
from bryggan.reporting.models import ReasonForNeed
from tests.desk.factories import (
    at,
    make_application,
    make_case,
    make_decision_row,
    make_discussion_row,
    make_first_meeting,
    make_follow_up,
    make_plan,
    make_proposal,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

TODAY = date(2026, 12, 7)  # a Monday


def _kinds(items: list[DeskItem]) -> list[str]:
    return [item.kind for item in items]


@pytest.fixture
def caseworker(persona: Callable[..., User]) -> User:
    return persona("caseworker")


@pytest.fixture
def manager(persona: Callable[..., User]) -> User:
    return persona("unit_manager")


def test_a_first_meeting_today_and_an_overdue_one_are_listed_and_a_held_one_is_not(
    unit: Unit, caseworker: User
) -> None:
    today = make_first_meeting(
        make_case(unit, caseworker, serial=1), caseworker, starts=at(TODAY), deadline=TODAY
    )
    overdue = make_first_meeting(
        make_case(unit, caseworker, serial=2),
        caseworker,
        starts=at(TODAY - timedelta(days=6)),
        deadline=TODAY - timedelta(days=5),
    )
    make_first_meeting(
        make_case(unit, caseworker, serial=3),
        caseworker,
        starts=at(TODAY - timedelta(days=6)),
        deadline=TODAY - timedelta(days=5),
        status=MeetingStatus.HELD,
    )
    items = [i for i in desk_items(caseworker, today=TODAY) if i.kind == "first_meeting"]
    assert [i.url for i in items] == [
        reverse("intake:application_detail", args=[overdue.application_id]),
        reverse("intake:application_detail", args=[today.application_id]),
    ]
    assert [i.deadline for i in items] == [TODAY - timedelta(days=5), TODAY]


def test_overdue_items_come_first_then_a_first_meeting_due_today_then_later_items(
    unit: Unit, caseworker: User
) -> None:
    case = make_case(unit, caseworker, serial=1)
    plan = make_plan(case, caseworker, signed=TODAY - timedelta(days=30))
    make_follow_up(plan, caseworker, due_on=TODAY)  # due today, of a kind registered later
    make_follow_up(plan, caseworker, due_on=TODAY + timedelta(days=3))
    make_first_meeting(
        make_case(unit, caseworker, serial=2), caseworker, starts=at(TODAY), deadline=TODAY
    )
    missed_plan = make_plan(make_case(unit, caseworker, serial=3), caseworker, signed=None)
    make_follow_up(missed_plan, caseworker, due_on=TODAY - timedelta(days=2))
    items = desk_items(caseworker, today=TODAY)
    assert _kinds(items)[:4] == ["follow_up", "first_meeting", "follow_up", "follow_up"]
    assert [i.deadline for i in items[:4]] == [
        TODAY - timedelta(days=2),
        TODAY,
        TODAY,
        TODAY + timedelta(days=3),
    ]
    assert items[0].title == "Follow-up missed"
    deadlines = [i.deadline for i in items]
    assert deadlines == sorted(deadlines)


def test_an_application_without_a_decision_is_due_on_the_units_payment_date(
    unit: Unit, caseworker: User, settings: object
) -> None:
    case = make_case(unit, caseworker, serial=1)
    make_application(case, caseworker, month="2026-12", received=TODAY)
    decided = make_case(unit, caseworker, serial=2)
    make_application(decided, caseworker, month="2026-12", received=TODAY)
    make_decision_row(decided, caseworker, month="2026-12", signed=TODAY)
    items = [i for i in desk_items(caseworker, today=TODAY) if i.kind == "application_undecided"]
    # The 25th is Christmas Day and the 24th Christmas Eve: paid on Wednesday the 23rd.
    assert [(i.household_id, i.deadline) for i in items] == [(case.pk, date(2026, 12, 23))]
    assert items[0].url == reverse("decisions:calculation", args=[case.pk])


def test_an_application_without_a_decision_names_the_cases_caseworker_on_the_units_desk(
    unit: Unit, caseworker: User, manager: User
) -> None:
    second = user_create(username="second", role=Role.CASEWORKER, unit=unit, first_name="Nils")
    for serial, worker in ((1, caseworker), (2, second), (3, None)):
        make_application(
            make_case(unit, worker, serial=serial), manager, month="2026-12", received=TODAY
        )
    items = [i for i in desk_items(manager, today=TODAY) if i.kind == "application_undecided"]
    # The name is read apart from the rows (kinds.applications_undecided): a case with no
    # caseworker shows none, as every other kind does.
    assert sorted(i.responsible for i in items) == ["", "Caseworker Persona", "Nils"]


def test_a_drafted_decision_waits_to_be_signed(unit: Unit, caseworker: User) -> None:
    case = make_case(unit, caseworker, serial=1)
    draft = make_decision_row(case, caseworker, month="2027-01")
    items = [i for i in desk_items(caseworker, today=TODAY) if i.kind == "decision_unsigned"]
    assert [(i.url, i.deadline) for i in items] == [
        (reverse("decisions:decision_detail", args=[case.pk, draft.pk]), date(2027, 1, 25))
    ]


def test_a_refusal_without_a_receipt_date_waits_and_a_full_grant_does_not(
    unit: Unit, caseworker: User
) -> None:
    refused = make_case(unit, caseworker, serial=1)
    make_decision_row(
        refused, caseworker, month="2026-12", signed=TODAY - timedelta(days=3), outcome="refused"
    )
    received = make_case(unit, caseworker, serial=2)
    make_decision_row(
        received,
        caseworker,
        month="2026-12",
        signed=TODAY - timedelta(days=3),
        outcome="refused",
        notified_on=TODAY - timedelta(days=1),
    )
    granted = make_case(unit, caseworker, serial=3)
    make_decision_row(granted, caseworker, month="2026-12", signed=TODAY)
    items = [i for i in desk_items(caseworker, today=TODAY) if i.kind == "decision_without_receipt"]
    assert [(i.household_id, i.deadline) for i in items] == [
        (refused.pk, TODAY - timedelta(days=3))
    ]


def test_a_proposal_waits_on_the_caseworker_and_an_assessed_one_on_another_manager(
    unit: Unit, caseworker: User, manager: User, persona: Callable[..., User]
) -> None:
    coach = persona("work_coach")
    proposed = make_proposal(make_case(unit, caseworker, serial=1), coach, month="2027-01")
    assessed = make_proposal(
        make_case(unit, caseworker, serial=2),
        coach,
        month="2027-01",
        status=SanctionStatus.ASSESSED,
        assessed_by=caseworker,
    )
    mine = [i for i in desk_items(caseworker, today=TODAY) if i.kind.startswith("sanction")]
    assert [(i.kind, i.url) for i in mine] == [
        ("sanction_to_assess", reverse("activities:sanction_detail", args=[proposed.pk]))
    ]
    managers = [i for i in desk_items(manager, today=TODAY) if i.kind == "sanction_to_approve"]
    assert [i.url for i in managers] == [reverse("activities:sanction_detail", args=[assessed.pk])]
    # Four eyes: a manager never approves their own assessment.
    make_proposal(
        make_case(unit, caseworker, serial=3),
        coach,
        month="2027-01",
        status=SanctionStatus.ASSESSED,
        assessed_by=manager,
    )
    managers = [i for i in desk_items(manager, today=TODAY) if i.kind == "sanction_to_approve"]
    assert len(managers) == 1


def test_follow_ups_missed_and_due_within_the_week_and_not_held_or_later_ones(
    unit: Unit, caseworker: User
) -> None:
    plan = make_plan(make_case(unit, caseworker, serial=1), caseworker, signed=TODAY)
    make_follow_up(plan, caseworker, due_on=TODAY - timedelta(days=10))
    make_follow_up(plan, caseworker, due_on=TODAY + timedelta(days=7))
    make_follow_up(plan, caseworker, due_on=TODAY + timedelta(days=8))
    held = make_follow_up(plan, caseworker, due_on=TODAY - timedelta(days=1))
    held.held_on = TODAY - timedelta(days=1)
    held.save()
    items = [i for i in desk_items(caseworker, today=TODAY) if i.kind == "follow_up"]
    assert [i.deadline for i in items] == [TODAY - timedelta(days=10), TODAY + timedelta(days=7)]


def test_a_plan_signed_six_months_ago_is_due_for_revision(unit: Unit, caseworker: User) -> None:
    old = make_case(unit, caseworker, serial=1)
    make_plan(old, caseworker, signed=date(2026, 6, 10))
    make_plan(make_case(unit, caseworker, serial=2), caseworker, signed=date(2026, 8, 1))
    make_plan(make_case(unit, caseworker, serial=3), caseworker, signed=None)
    items = [i for i in desk_items(caseworker, today=TODAY) if i.kind == "plan_revision"]
    assert [(i.household_id, i.deadline) for i in items] == [(old.pk, date(2026, 12, 10))]


def test_a_requested_case_discussion_waits_on_the_manager_only(
    unit: Unit, caseworker: User, manager: User
) -> None:
    case = make_case(unit, caseworker, serial=1)
    discussion = make_discussion_row(case, caseworker, requested=TODAY - timedelta(days=2))
    assert "case_discussion" not in _kinds(desk_items(caseworker, today=TODAY))
    items = [i for i in desk_items(manager, today=TODAY) if i.kind == "case_discussion"]
    assert [(i.url, i.responsible) for i in items] == [
        (reverse("casefile:case_discussion_hold", args=[discussion.pk]), "Caseworker Persona")
    ]


def test_an_adult_without_a_reason_for_need_last_month_is_a_reporting_error_due_the_15th(
    unit: Unit, caseworker: User
) -> None:
    missing = make_case(unit, caseworker, serial=1)
    make_decision_row(missing, caseworker, month="2026-11", signed=date(2026, 11, 5))
    recorded = make_case(unit, caseworker, serial=2)
    make_decision_row(recorded, caseworker, month="2026-11", signed=date(2026, 11, 5))
    ReasonForNeed.objects.create(
        household=recorded,
        month="2026-11",
        person=recorded.members.get().person,
        code="unemployed_no_benefit",
        recorded_by=caseworker,
        recorded_at=at(date(2026, 11, 5)),
    )
    refused = make_case(unit, caseworker, serial=3)
    make_decision_row(
        refused,
        caseworker,
        month="2026-11",
        signed=date(2026, 11, 5),
        outcome="refused",
        notified_on=date(2026, 11, 6),
    )
    items = [i for i in desk_items(caseworker, today=TODAY) if i.kind == "reporting_error"]
    assert [(i.household_id, i.deadline) for i in items] == [(missing.pk, date(2026, 12, 15))]
    assert items[0].url == reverse("reporting:reasons", args=[missing.pk]) + "?month=2026-11"


def test_a_caseworker_sees_their_own_cases_and_the_manager_the_whole_unit(
    unit: Unit, caseworker: User, manager: User, other_unit: Unit, persona: Callable[..., User]
) -> None:
    colleague = persona("caseworker", in_unit=other_unit)  # a caseworker of another unit

    second = user_create(username="second", role=Role.CASEWORKER, unit=unit, first_name="Nils")
    mine = make_case(unit, caseworker, serial=1)
    theirs = make_case(unit, second, serial=2)
    elsewhere = make_case(other_unit, colleague, serial=3)
    for case, worker in ((mine, caseworker), (theirs, second), (elsewhere, colleague)):
        make_first_meeting(case, worker, starts=at(TODAY), deadline=TODAY)
    assert {i.household_id for i in desk_items(caseworker, today=TODAY)} == {mine.pk}
    unit_items = [i for i in desk_items(manager, today=TODAY) if i.kind == "first_meeting"]
    assert {i.household_id for i in unit_items} == {mine.pk, theirs.pk}
    assert {i.responsible for i in unit_items} == {"Caseworker Persona", "Nils"}


def test_a_work_coach_sees_the_first_meetings_they_attend(
    unit: Unit, caseworker: User, persona: Callable[..., User]
) -> None:
    coach = persona("work_coach")
    case = make_case(unit, caseworker, serial=1)
    make_first_meeting(case, caseworker, starts=at(TODAY), deadline=TODAY, work_coach=coach)
    make_first_meeting(
        make_case(unit, caseworker, serial=2), caseworker, starts=at(TODAY), deadline=TODAY
    )
    assert [i.household_id for i in desk_items(coach, today=TODAY)] == [case.pk]


def _fill(unit: Unit, caseworker: User, coach: User, *, start: int, count: int) -> None:
    for n in range(start, start + count):
        case = make_case(unit, caseworker, serial=n)
        make_first_meeting(case, caseworker, starts=at(TODAY), deadline=TODAY)
        make_decision_row(case, caseworker, month="2027-01")
        make_decision_row(
            case, caseworker, month="2026-11", signed=date(2026, 11, 5), outcome="refused"
        )
        make_decision_row(case, caseworker, month="2026-10", signed=date(2026, 10, 5))
        make_proposal(case, coach, month="2027-01")
        plan = make_plan(case, caseworker, signed=date(2026, 5, 1))
        make_follow_up(plan, caseworker, due_on=TODAY)
        make_discussion_row(case, caseworker, requested=TODAY)


def test_each_kind_is_one_query_however_many_items(
    unit: Unit,
    caseworker: User,
    manager: User,
    persona: Callable[..., User],
    django_assert_max_num_queries: Callable[..., object],
) -> None:
    _fill(unit, caseworker, persona("work_coach"), start=1, count=12)
    for user in (caseworker, manager):
        with django_assert_max_num_queries(len(kinds())):  # type: ignore[attr-defined]
            items = desk_items(user, today=TODAY)
        assert len(items) >= 12 * 6


def test_the_page_and_its_menu_counts_cost_the_same_queries_for_3_cases_and_for_20(
    unit: Unit,
    caseworker: User,
    persona: Callable[..., User],
    client_as: Callable[..., Client],
    django_assert_max_num_queries: Callable[..., object],
) -> None:
    coach = persona("work_coach")
    _fill(unit, caseworker, coach, start=1, count=3)
    client = client_as("unit_manager")
    client.get(reverse("desk:my_work"))  # the session warmed up

    with CaptureQueriesContext(connection) as few:
        client.get(reverse("desk:my_work"))
    _fill(unit, caseworker, coach, start=10, count=17)
    with django_assert_max_num_queries(len(few.captured_queries)):  # type: ignore[attr-defined]
        response = client.get(reverse("desk:my_work"))
    assert response.status_code == 200
    assert len(few.captured_queries) <= len(kinds()) + 6


def test_a_desk_cut_to_two_items_a_kind_counts_each_kind_as_the_whole_desk_in_one_query(
    unit: Unit,
    caseworker: User,
    manager: User,
    persona: Callable[..., User],
    django_assert_max_num_queries: Callable[..., object],
) -> None:
    _fill(unit, caseworker, persona("work_coach"), start=1, count=4)
    for serial in range(5, 8):
        make_application(
            make_case(unit, caseworker, serial=serial), caseworker, month="2026-12", received=TODAY
        )
    for user in (caseworker, manager):
        whole = desk(user, today=TODAY)
        # Each kind's rows cut to two carry the count of all (COUNT(*) OVER ()): one query a kind.
        with django_assert_max_num_queries(len(kinds_for(user))):  # type: ignore[attr-defined]
            cut = desk(user, today=TODAY, limit=2)
        assert cut.counts == whole.counts
        assert cut.counts == desk_counts(user, today=TODAY)  # one COUNT a kind, no row read
        assert len([k for k, n in whole.counts.items() if n > 2]) >= 6  # the cut was reached
        assert len(cut.items) == 2
