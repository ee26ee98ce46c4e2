"""Sanctions after unexcused absence: proposal → assessment → approval → reduction of the month.

Rules (pure) first, then the services with their refusals, then the calculation of the month.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

import pytest
from django.utils import timezone

from bryggan.accounts.models import Unit, User
from bryggan.activities import rules
from bryggan.activities.models import Attendance, SanctionProposal, SanctionStatus
from bryggan.activities.rules import AttendanceMark
from bryggan.activities.services import (
    NO_NORM_FOR_LIMIT,
    attendance_register_group,
    sanction_assess,
    sanction_decide,
    sanction_propose,
)
from bryggan.audit.models import ChangeRecord
from bryggan.core.errors import DomainError
from bryggan.core.month import Month
from bryggan.decisions.selectors import calculation_from_saved
from bryggan.decisions.services import calculation_save
from bryggan.people.models import Household
from tests.activities.factories import (
    enter_test_norm,
    make_activity,
    make_household,
    make_participant,
)

TODAY = date(2026, 11, 23)  # a Monday
MONDAY, TUESDAY = date(2026, 11, 16), date(2026, 11, 17)
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=timezone.get_current_timezone())
SINGLE_ADULT = 3160  # 2021's amount, entered below as 2026's TEST table


# --- rules ---------------------------------------------------------------------------------------


def test_the_month_to_reduce_is_the_month_after_the_absence() -> None:
    assert rules.month_to_reduce(date(2026, 11, 30)) == Month(2026, 12)
    assert rules.month_to_reduce(date(2026, 12, 1)) == Month(2027, 1)


def test_the_legal_limit_is_the_own_personal_costs_half_the_sambors_amount() -> None:
    assert rules.own_riksnorm_part(single_adult=3160, cohabiting_adults=5700, cohabiting=False) == (
        3160
    )
    assert rules.own_riksnorm_part(single_adult=3160, cohabiting_adults=5701, cohabiting=True) == (
        2850
    )


def test_the_units_rule_takes_a_share_per_absence_up_to_its_cap() -> None:
    assert rules.proposed_reduction(
        limit=3160, percent_per_absence=10, max_percent=25, absences=2
    ) == (632)
    assert rules.proposed_reduction(
        limit=3160, percent_per_absence=10, max_percent=25, absences=5
    ) == (790)


def test_a_proposal_without_an_unexcused_absence_is_refused() -> None:
    with pytest.raises(DomainError) as error:
        rules.check_absences([AttendanceMark.PRESENT], [MONDAY])
    assert error.value.message == rules.NO_UNEXCUSED_ABSENCE
    with pytest.raises(DomainError):
        rules.check_absences([], [])


def test_a_reduction_above_the_limit_is_refused_naming_the_field() -> None:
    with pytest.raises(DomainError) as error:
        rules.check_assessment(
            valid_reason=False, reasons="Uteblev.", amount=3161, limit=3160, month="2026-12"
        )
    assert error.value.field == "amount"
    assert "3160 kr" in error.value.message
    rules.check_assessment(
        valid_reason=False, reasons="Uteblev.", amount=3160, limit=3160, month="2026-12"
    )


def test_an_assessment_needs_reasons_and_a_reduction_needs_an_amount() -> None:
    with pytest.raises(DomainError) as no_reasons:
        rules.check_assessment(valid_reason=True, reasons=" ", amount=None, limit=None, month="")
    assert no_reasons.value.field == "reasons"
    with pytest.raises(DomainError) as no_amount:
        rules.check_assessment(valid_reason=False, reasons="x", amount=None, limit=9, month="")
    assert no_amount.value.field == "amount"


def test_the_assessor_never_approves_their_own_assessment() -> None:
    with pytest.raises(DomainError) as error:
        rules.check_can_approve(state=rules.SanctionState.ASSESSED, assessed_by=5, by=5)
    assert error.value.message == rules.OWN_ASSESSMENT
    with pytest.raises(DomainError):
        rules.check_can_approve(state=rules.SanctionState.PROPOSED, assessed_by=None, by=5)
    rules.check_can_approve(state=rules.SanctionState.ASSESSED, assessed_by=4, by=5)


# --- services ------------------------------------------------------------------------------------


@pytest.fixture
def norm_2026(persona: Callable[..., User]) -> int:
    """2021's amounts entered as 2026's table: TEST DATA, not a real riksnorm."""
    enter_test_norm(2026, persona("administrator"))
    return 2026


def _absent(
    unit: Unit, coach: User, *, days: tuple[date, ...] = (MONDAY,), serial: int = 301
) -> tuple[Household, list[Attendance]]:
    activity = make_activity(unit, coach, today=TODAY)
    household = make_household(unit, coach, serial=serial, first="Bo")
    referral = make_participant(activity, household, coach, started_on=MONDAY)
    for day in days:
        attendance_register_group(
            activity=activity,
            day=day,
            marks={referral.pk: AttendanceMark.UNEXCUSED_ABSENCE},
            by=coach,
            today=TODAY,
        )
    return household, list(Attendance.objects.filter(referral=referral))


@pytest.mark.django_db
def test_an_unexcused_absence_produces_a_proposal_for_the_next_month(
    unit: Unit, persona: Callable[..., User]
) -> None:
    household, absences = _absent(unit, persona("work_coach"))

    proposal = SanctionProposal.objects.get()
    assert (proposal.household_id, proposal.month, proposal.status) == (
        household.pk,
        "2026-12",
        SanctionStatus.PROPOSED,
    )
    assert list(proposal.absences.all()) == absences
    assert proposal.amount is None  # nothing is deducted, nothing is even decided
    assert ChangeRecord.objects.filter(object_type="sanction_proposal", action="proposed").exists()


@pytest.mark.django_db
def test_further_absences_in_the_month_join_the_open_proposal(
    unit: Unit, persona: Callable[..., User]
) -> None:
    _absent(unit, persona("work_coach"), days=(MONDAY, TUESDAY))

    proposal = SanctionProposal.objects.get()
    assert proposal.absences.count() == 2


@pytest.mark.django_db
def test_correcting_the_only_absence_withdraws_the_proposal(
    unit: Unit, persona: Callable[..., User]
) -> None:
    coach = persona("work_coach")
    _, absences = _absent(unit, coach)
    referral = absences[0].referral
    attendance_register_group(
        activity=referral.activity,
        day=MONDAY,
        marks={referral.pk: AttendanceMark.VALID_ABSENCE},
        by=coach,
        today=TODAY,
    )

    proposal = SanctionProposal.objects.get()
    assert proposal.status == SanctionStatus.WITHDRAWN
    assert proposal.absences.count() == 0


@pytest.mark.django_db
def test_a_sanction_without_a_preceding_unexcused_absence_is_refused(
    unit: Unit, persona: Callable[..., User]
) -> None:
    coach = persona("work_coach")
    activity = make_activity(unit, coach, today=TODAY)
    household = make_household(unit, coach, serial=302)
    referral = make_participant(activity, household, coach, started_on=MONDAY)
    attendance_register_group(
        activity=activity,
        day=MONDAY,
        marks={referral.pk: AttendanceMark.PRESENT},
        by=coach,
        today=TODAY,
    )

    with pytest.raises(DomainError) as error:
        sanction_propose(
            household_id=household.pk,
            person_id=referral.person_id,
            absences=list(Attendance.objects.all()),
            by=coach,
        )
    assert error.value.message == rules.NO_UNEXCUSED_ABSENCE
    assert not SanctionProposal.objects.exists()


@pytest.mark.django_db
def test_a_valid_reason_dismisses_the_proposal(unit: Unit, persona: Callable[..., User]) -> None:
    _absent(unit, persona("work_coach"))
    proposal = sanction_assess(
        proposal=SanctionProposal.objects.get(),
        valid_reason=True,
        reasons="Sjukintyg för dagen.",
        amount=None,
        by=persona("caseworker"),
        now=NOW,
    )
    assert (proposal.status, proposal.amount, proposal.valid_reason) == (
        SanctionStatus.DISMISSED,
        None,
        True,
    )


@pytest.mark.django_db
def test_a_reduction_above_the_own_riksnorm_part_is_refused(
    unit: Unit, persona: Callable[..., User], norm_2026: int
) -> None:
    _absent(unit, persona("work_coach"))
    with pytest.raises(DomainError) as error:
        sanction_assess(
            proposal=SanctionProposal.objects.get(),
            valid_reason=False,
            reasons="Uteblev utan att höra av sig.",
            amount=SINGLE_ADULT + 1,
            by=persona("caseworker"),
            now=NOW,
        )
    assert error.value.field == "amount"
    assert SanctionProposal.objects.get().status == SanctionStatus.PROPOSED


@pytest.mark.django_db
def test_without_a_norm_for_the_month_the_limit_cannot_be_computed(
    unit: Unit, persona: Callable[..., User]
) -> None:
    _absent(unit, persona("work_coach"))
    with pytest.raises(DomainError) as error:
        sanction_assess(
            proposal=SanctionProposal.objects.get(),
            valid_reason=False,
            reasons="Uteblev.",
            amount=500,
            by=persona("caseworker"),
            now=NOW,
        )
    assert error.value.message == NO_NORM_FOR_LIMIT.format(year=2026, month="2026-12")


@pytest.mark.django_db
def test_assessing_twice_is_refused(
    unit: Unit, persona: Callable[..., User], norm_2026: int
) -> None:
    _absent(unit, persona("work_coach"))
    arguments = {"valid_reason": False, "reasons": "Uteblev.", "amount": 500, "now": NOW}
    sanction_assess(proposal=SanctionProposal.objects.get(), by=persona("caseworker"), **arguments)  # type: ignore[arg-type]
    with pytest.raises(DomainError) as error:
        sanction_assess(
            proposal=SanctionProposal.objects.get(),
            by=persona("unit_manager"),
            **arguments,  # type: ignore[arg-type]
        )
    assert error.value.message == rules.ALREADY_ASSESSED


@pytest.mark.django_db
def test_a_manager_cannot_approve_their_own_assessment(
    unit: Unit, persona: Callable[..., User], norm_2026: int
) -> None:
    _absent(unit, persona("work_coach"))
    manager = persona("unit_manager")
    proposal = sanction_assess(
        proposal=SanctionProposal.objects.get(),
        valid_reason=False,
        reasons="Uteblev.",
        amount=500,
        by=manager,
        now=NOW,
    )
    with pytest.raises(DomainError) as error:
        sanction_decide(proposal=proposal, approve=True, note="", by=manager, now=NOW)
    assert error.value.message == rules.OWN_ASSESSMENT
    assert SanctionProposal.objects.get().status == SanctionStatus.ASSESSED


@pytest.mark.django_db
def test_rejecting_a_reduction_needs_a_note(
    unit: Unit, persona: Callable[..., User], norm_2026: int
) -> None:
    _absent(unit, persona("work_coach"))
    proposal = sanction_assess(
        proposal=SanctionProposal.objects.get(),
        valid_reason=False,
        reasons="Uteblev.",
        amount=500,
        by=persona("caseworker"),
        now=NOW,
    )
    with pytest.raises(DomainError) as error:
        sanction_decide(
            proposal=proposal, approve=False, note=" ", by=persona("unit_manager"), now=NOW
        )
    assert error.value.field == "note"
    rejected = sanction_decide(
        proposal=proposal,
        approve=False,
        note="Underlaget räcker inte.",
        by=persona("unit_manager"),
        now=NOW,
    )
    assert rejected.status == SanctionStatus.REJECTED


def _contract_document(household: Household, month: str) -> dict[str, object]:
    person = household.members.get(role="applicant").person
    return {
        "month": month,
        "members": [{"id": f"p{person.pk}", "birth_date": person.birth_date.isoformat()}],
        "costs": [{"type": "housing", "amount": 5000}],
    }


@pytest.mark.django_db
def test_only_a_decided_reduction_is_subtracted_when_the_month_is_calculated(
    unit: Unit, persona: Callable[..., User], norm_2026: int
) -> None:
    caseworker, manager = persona("caseworker"), persona("unit_manager")
    household, _ = _absent(unit, persona("work_coach"))
    document = _contract_document(household, "2026-12")
    proposal = sanction_assess(
        proposal=SanctionProposal.objects.get(),
        valid_reason=False,
        reasons="Uteblev två gånger utan att höra av sig.",
        amount=800,
        by=caseworker,
        now=NOW,
    )
    # Assessed but not approved: nothing is deducted.
    assert calculation_save(household=household, document=document, by=caseworker).amount == 9180

    sanction_decide(proposal=proposal, approve=True, note="", by=manager, now=NOW)
    saved = calculation_save(household=household, document=document, by=caseworker)

    # 3 160 + 1 020 + 5 000 = 9 180, less the decided 800.
    assert saved.amount == 8380
    reduction = saved.result["lines"][-1]
    assert (reduction["kind"], reduction["amount"]) == ("reduction", 800)
    assert reduction["note"] == f"beslut nr {proposal.pk} den 2026-11-23"
    assert saved.input == document  # the contract input is kept as typed
    assert calculation_from_saved(saved).amount == 8380


@pytest.mark.django_db
def test_a_decided_reduction_does_not_touch_another_month(
    unit: Unit, persona: Callable[..., User], norm_2026: int
) -> None:
    caseworker = persona("caseworker")
    household, _ = _absent(unit, persona("work_coach"))
    proposal = sanction_assess(
        proposal=SanctionProposal.objects.get(),
        valid_reason=False,
        reasons="Uteblev.",
        amount=800,
        by=caseworker,
        now=NOW,
    )
    sanction_decide(proposal=proposal, approve=True, note="", by=persona("unit_manager"), now=NOW)
    document = _contract_document(household, "2026-11")
    assert calculation_save(household=household, document=document, by=caseworker).amount == 9180
