"""A hand-made municipality month with every planted problem, read from the database end to end."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from bryggan.accounts.models import Unit, User
from bryggan.activities.models import ActivityKind, Provider
from bryggan.activities.services import (
    activity_create,
    referral_accept,
    referral_create,
    referral_start,
)
from bryggan.audit.models import ChangeRecord
from bryggan.core.errors import DomainError
from bryggan.core.month import Month
from bryggan.followup.services import case_close
from bryggan.people.services import household_close
from bryggan.reporting import fileformat, selectors
from bryggan.reporting.codes import code_lists
from bryggan.reporting.models import ReasonForNeed, ReportingSettings
from bryggan.reporting.rules import Rule
from bryggan.reporting.services import (
    ReasonToRecord,
    ReportRefused,
    month_report,
    reason_for_need_record,
    reason_for_need_sign_checks,
    reasons_for_need_record,
    report_submit,
)
from tests.reporting.factories import adults, give_reasons, grant, new_case

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
OCTOBER = Month(2026, 10)
REASON_FIELDS = ("household_id", "person_id", "month", "code", "recorded_by", "recorded_at")
TODAY = date(2026, 11, 5)


@pytest.fixture
def worker(persona: Callable[..., User]) -> User:
    return persona("caseworker")


def test_a_clean_month_has_no_problem_and_its_file_reads_back(unit: Unit, worker: User) -> None:
    couple = new_case(unit, by=worker, caseworker=worker, co_applicant=True, children=2)
    grant(couple, "2026-10", by=worker, amount=9800)
    give_reasons(couple, "2026-10", "unemployed_no_benefit", by=worker)
    report = month_report(OCTOBER, today=TODAY)
    assert report.problems == []
    read = fileformat.read(report.text, code_lists())
    assert read == report.file
    (household,) = read.households
    assert (household.paid, household.household_type, len(household.children)) == (9800, "8", 2)
    assert [p.role for p in household.persons] == ["S", "M"]


def test_every_planted_problem_is_listed_with_its_case(
    unit: Unit, worker: User, persona: Callable[..., User]
) -> None:
    coach = persona("work_coach")
    no_reason = new_case(unit, by=worker, caseworker=worker)
    grant(no_reason, "2026-10", by=worker)

    working = new_case(unit, by=worker, caseworker=worker)
    grant(working, "2026-10", by=worker)  # no employment income in the calculation
    give_reasons(working, "2026-10", "full_time_insufficient_income", by=worker)

    unsigned = new_case(unit, by=worker, caseworker=worker)
    grant(unsigned, "2026-10", by=worker, signed=False)  # paid, but the decision is a draft

    idle = new_case(unit, by=worker, caseworker=worker)
    grant(idle, "2026-10", by=worker)
    give_reasons(idle, "2026-10", "social_reasons", by=worker)
    activity = activity_create(
        unit=unit, name="Verkstan", provider=Provider.MUNICIPAL_UNIT,
        kind=ActivityKind.WORK_TRAINING, target_group="all", capacity=5,
        starts_on=date(2026, 9, 1), ends_on=date(2026, 12, 31), weekdays=frozenset({0, 2}),
        by=coach,
    )  # fmt: skip
    (person,) = adults(idle)
    referral = referral_create(
        activity=activity, household=idle, person=person, referred_on=date(2026, 9, 20), by=coach
    )
    referral = referral_accept(referral=referral, on=date(2026, 9, 21), by=coach)
    referral_start(referral=referral, on=date(2026, 9, 22), by=coach)  # no attendance in October

    closed = new_case(unit, by=worker, caseworker=worker)
    household_close(household=closed, closed_on=date(2026, 10, 20), by=worker)  # no reason
    left_for_work = new_case(unit, by=worker, caseworker=worker)
    case_close(household=left_for_work, reason="work", closed_on=date(2026, 10, 21), by=worker)

    problems = {(p.rule, p.case.household_id) for p in month_report(OCTOBER, today=TODAY).problems}
    assert problems == {
        (Rule.ADULT_WITHOUT_REASON, no_reason.pk),
        (Rule.REASON_WITHOUT_INCOME, working.pk),
        (Rule.PAYMENT_WITHOUT_DECISION, unsigned.pk),
        (Rule.ACTIVITY_WITHOUT_ATTENDANCE, idle.pk),
        (Rule.CLOSED_WITHOUT_REASON, closed.pk),
    }
    with pytest.raises(ReportRefused) as refused:
        report_submit(
            month=OCTOBER, by=worker, accept_warnings="ok", now=timezone.now(), today=TODAY
        )
    assert len(refused.value.problems) == 5
    assert not month_report(OCTOBER, today=TODAY).previous  # nothing archived


def test_employment_income_of_the_person_satisfies_the_full_time_code(
    unit: Unit, worker: User
) -> None:
    case = new_case(unit, by=worker)
    (person,) = adults(case)
    incomes = [{"type": "employment", "member": f"p{person.pk}", "amount": 9000}]
    grant(case, "2026-10", by=worker, incomes=incomes)
    give_reasons(case, "2026-10", "full_time_insufficient_income", by=worker)
    assert month_report(OCTOBER, today=TODAY).problems == []


def test_a_corrected_decision_no_longer_stands(unit: Unit, worker: User) -> None:
    case = new_case(unit, by=worker)
    first = grant(case, "2026-10", by=worker, amount=5000)
    grant(case, "2026-10", by=worker, amount=4000, paid=False, corrects=first)
    give_reasons(case, "2026-10", "social_reasons", by=worker)
    report = month_report(OCTOBER, today=TODAY)
    assert [h.paid for h in report.file.households] == [5000]  # what was paid for the month
    assert report.problems == []


def test_warnings_need_a_comment_and_are_archived_with_it(unit: Unit, worker: User) -> None:
    case = new_case(unit, by=worker)
    grant(case, "2026-10", by=worker, paid=False)  # decided, not yet paid: a warning
    give_reasons(case, "2026-10", "social_reasons", by=worker)
    with pytest.raises(ReportRefused, match="warnings"):
        report_submit(
            month=OCTOBER, by=worker, accept_warnings=" ", now=timezone.now(), today=TODAY
        )
    sent = report_submit(
        month=OCTOBER,
        by=worker,
        accept_warnings="Paid on 2026-11-02.",
        now=timezone.now(),
        today=TODAY,
    )
    assert (sent.version, sent.warnings_comment) == (1, "Paid on 2026-11-02.")
    assert [w["rule"] for w in sent.accepted_warnings] == ["decided_not_paid"]
    assert len(sent.sha256) == 64
    assert sent.diff is None


def test_a_corrected_month_is_a_new_version_with_the_difference(unit: Unit, worker: User) -> None:
    case = new_case(unit, by=worker)
    grant(case, "2026-10", by=worker)
    give_reasons(case, "2026-10", "unemployed_no_benefit", by=worker)
    first = report_submit(
        month=OCTOBER, by=worker, accept_warnings="", now=timezone.now(), today=TODAY
    )
    (person,) = adults(case)
    reason_for_need_record(
        household=case, month=OCTOBER, person=person, code="social_reasons", by=worker,
        now=timezone.now(),
    )  # fmt: skip
    changed = month_report(OCTOBER, today=TODAY)
    assert [(p.rule, p.case.household_id) for p in changed.problems] == [
        (Rule.CHANGED_SINCE_SENT, case.pk)
    ]
    assert "unemployed_no_benefit -> social_reasons" in changed.problems[0].detail
    second = report_submit(
        month=OCTOBER,
        by=worker,
        accept_warnings="Corrected reason.",
        now=timezone.now(),
        today=TODAY,
    )
    assert second.version == first.version + 1
    assert second.diff is not None
    assert second.diff["changed"] == [case.case_number]
    assert second.sha256 != first.sha256


def test_a_later_month_warns_of_an_earlier_sent_month_that_changed(
    unit: Unit, worker: User
) -> None:
    case = new_case(unit, by=worker)
    grant(case, "2026-09", by=worker)
    give_reasons(case, "2026-09", "unemployed_no_benefit", by=worker)
    report_submit(
        month=Month(2026, 9), by=worker, accept_warnings="", now=timezone.now(), today=TODAY
    )
    grant(case, "2026-10", by=worker)
    give_reasons(case, "2026-10", "unemployed_no_benefit", by=worker)
    give_reasons(case, "2026-09", "social_reasons", by=worker)
    assert [(p.rule, p.month) for p in month_report(OCTOBER, today=TODAY).problems] == [
        (Rule.CHANGED_SINCE_SENT, "2026-09")
    ]


def test_a_reason_outside_the_list_or_for_a_non_member_is_refused(unit: Unit, worker: User) -> None:
    case, other = new_case(unit, by=worker), new_case(unit, by=worker)
    (person,) = adults(case)
    with pytest.raises(DomainError, match="from the list"):
        reason_for_need_record(
            household=case,
            month=OCTOBER,
            person=person,
            code="arbetslos",
            by=worker,
            now=timezone.now(),
        )
    with pytest.raises(DomainError, match="not an adult"):
        reason_for_need_record(
            household=other, month=OCTOBER, person=person, code="social_reasons", by=worker,
            now=timezone.now(),
        )  # fmt: skip
    assert not ReasonForNeed.objects.exists()


def test_signing_needs_every_adults_reason_from_the_units_first_month(
    unit: Unit, worker: User
) -> None:
    case = new_case(unit, by=worker, co_applicant=True)
    with pytest.raises(DomainError, match="Eva"):  # required for every month by default
        reason_for_need_sign_checks([(case, "2026-10", True)])
    ReportingSettings.objects.create(unit=unit, reasons_required_from="2026-10")
    reason_for_need_sign_checks([(case, "2026-09", True)])  # before the start
    reason_for_need_sign_checks([(case, "2026-10", False)])  # a refusal
    applicant, partner = adults(case)
    reason_for_need_record(
        household=case, month=OCTOBER, person=applicant, code="social_reasons", by=worker,
        now=timezone.now(),
    )  # fmt: skip
    with pytest.raises(DomainError, match="Eva"):
        reason_for_need_sign_checks([(case, "2026-10", True)])
    reason_for_need_record(
        household=case, month=OCTOBER, person=partner, code="no_obstacle", by=worker,
        now=timezone.now() + timedelta(seconds=1),
    )  # fmt: skip
    reason_for_need_sign_checks([(case, "2026-10", True)])


def _history(*, object_type: str = "reason_for_need") -> list[tuple[object, ...]]:
    return list(
        ChangeRecord.objects.filter(object_type=object_type)
        .order_by("pk")
        .values_list("user_id", "case_id", "action", "changes")
    )


def test_many_reasons_at_once_make_the_rows_and_history_one_at_a_time_makes(
    unit: Unit, worker: User, persona: Callable[..., User]
) -> None:
    manager = persona("unit_manager")
    couple = new_case(unit, by=worker, co_applicant=True)
    single = new_case(unit, by=worker)
    applicant, partner = adults(couple)
    (alone,) = adults(single)
    at = timezone.now()
    reason_for_need_record(
        household=couple, month=OCTOBER, person=partner, code="social_reasons", by=worker, now=at
    )
    given = [
        (couple, applicant, "unemployed_no_benefit", worker),
        (couple, partner, "no_obstacle", manager),  # a change of the reason recorded above
        (single, alone, "social_reasons", manager),
    ]
    for household, person, code, by in given:
        reason_for_need_record(
            household=household, month=OCTOBER, person=person, code=code, by=by, now=at
        )
    one_at_a_time = (
        list(ReasonForNeed.objects.order_by("pk").values_list(*REASON_FIELDS)),
        _history(),
    )
    ReasonForNeed.objects.all().delete()
    ChangeRecord.objects.filter(object_type="reason_for_need").delete()
    reason_for_need_record(
        household=couple, month=OCTOBER, person=partner, code="social_reasons", by=worker, now=at
    )

    rows = reasons_for_need_record(
        month=OCTOBER,
        reasons=[
            ReasonToRecord(household=household, person=person, code=code, by=by, at=at)
            for household, person, code, by in given
        ],
    )

    assert [row.code for row in rows] == ["unemployed_no_benefit", "no_obstacle", "social_reasons"]
    assert (
        list(ReasonForNeed.objects.order_by("pk").values_list(*REASON_FIELDS)),
        _history(),
    ) == one_at_a_time


def test_many_reasons_are_checked_as_one_and_read_in_a_fixed_number_of_queries(
    unit: Unit, worker: User, django_assert_max_num_queries: Callable[..., Any]
) -> None:
    cases = [new_case(unit, by=worker, co_applicant=True) for _ in range(4)]
    at = timezone.now()
    with pytest.raises(DomainError, match="from the list"):
        reasons_for_need_record(
            month=OCTOBER,
            reasons=[ReasonToRecord(cases[0], adults(cases[0])[0], "arbetslos", worker, at)],
        )
    with pytest.raises(DomainError, match="not an adult"):
        reasons_for_need_record(
            month=OCTOBER,
            reasons=[ReasonToRecord(cases[1], adults(cases[0])[0], "social_reasons", worker, at)],
        )
    assert not ReasonForNeed.objects.exists()
    reasons = [
        ReasonToRecord(case, person, "social_reasons", worker, at)
        for case in cases
        for person in adults(case)
    ]
    # adults, recorded reasons, the insert, the history (savepoints and the chain's statements)
    with django_assert_max_num_queries(12):
        reasons_for_need_record(month=OCTOBER, reasons=reasons)
    assert ReasonForNeed.objects.filter(month=str(OCTOBER)).count() == 8
    reason_for_need_sign_checks([(cases[3], str(OCTOBER), True)])


def test_the_adults_without_a_reason_read_in_sql_are_those_built_from_the_two_reads(
    unit: Unit, worker: User, django_assert_num_queries: Callable[..., Any]
) -> None:
    case = new_case(unit, by=worker, co_applicant=True, children=1)
    applicant, partner = adults(case)
    september = Month(2026, 9)
    give_reasons(case, "2026-09", "social_reasons", by=worker)  # another month's reasons
    reason_for_need_record(
        household=case, month=OCTOBER, person=partner, code="no_obstacle", by=worker,
        now=timezone.now(),
    )  # fmt: skip
    for month in (september, OCTOBER, Month(2026, 11)):
        recorded = selectors.reasons_for_household(case.pk, str(month))
        built = [m for m in selectors.adults_in_month(case, month) if m.person_id not in recorded]
        with django_assert_num_queries(1):
            in_sql = selectors.adults_without_reason(case, month)
        assert [m.pk for m in in_sql] == [m.pk for m in built]
    assert [m.person for m in selectors.adults_without_reason(case, OCTOBER)] == [applicant]
