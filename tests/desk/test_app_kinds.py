"""The kinds other apps add to My work (`<app>/desk.py`): each lists its item for the right
person, by deadline, and never another unit's."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bryggan.accounts.models import Unit, User
from bryggan.accounts.roles import Role
from bryggan.accounts.services import user_create
from bryggan.activities.models import SanctionStatus
from bryggan.casefile.models import DocumentRequest
from bryggan.cooperation.models import Consent, GivenHowChoices
from bryggan.decisions.models import (
    Appeal,
    AppealStatus,
    Decision,
    DecisionStatus,
    RecoveryClaim,
    RecoveryDecision,
)
from bryggan.desk.registry import DeskItem, desk, desk_counts, desk_items
from bryggan.mypages.models import OnlineApplication
from bryggan.people.models import Household
from bryggan.preassessment.models import Proposal
from tests.desk.factories import at, make_application, make_case, make_decision_row, make_proposal

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

TODAY = date(2026, 12, 7)  # a Monday


@pytest.fixture
def caseworker(persona: Callable[..., User]) -> User:
    return persona("caseworker")


@pytest.fixture
def manager(persona: Callable[..., User]) -> User:
    return persona("unit_manager")


@pytest.fixture
def elsewhere(other_unit: Unit, persona: Callable[..., User]) -> tuple[User, Household]:
    """A caseworker of another unit, with a case: nothing of theirs reaches this unit's desks."""
    colleague = persona("caseworker", in_unit=other_unit)
    return colleague, make_case(other_unit, colleague, serial=90)


def _of(kind: str, user: User) -> list[DeskItem]:
    return [i for i in desk_items(user, today=TODAY) if i.kind == kind]


def _appeal(decision: Decision, by: User, *, received: date, target: date, status: str) -> Appeal:
    return Appeal.objects.create(
        household=decision.household,
        decision=decision,
        received_on=received,
        claims="Mer pengar.",
        registered_by=by,
        forward_target=target,
        status=status,
    )


def test_appeals_to_check_and_forward_wait_by_their_forwarding_target(
    unit: Unit, caseworker: User, manager: User, elsewhere: tuple[User, Household]
) -> None:
    signed = TODAY - timedelta(days=20)
    first = make_decision_row(
        make_case(unit, caseworker, serial=1),
        caseworker,
        month="2026-11",
        signed=signed,
        outcome="refused",
        notified_on=signed,
    )
    second = make_decision_row(
        make_case(unit, caseworker, serial=2),
        caseworker,
        month="2026-11",
        signed=signed,
        outcome="refused",
        notified_on=signed,
    )
    late = _appeal(
        first,
        caseworker,
        received=TODAY - timedelta(days=2),
        target=TODAY + timedelta(days=5),
        status=AppealStatus.REGISTERED,
    )
    soon = _appeal(
        second,
        caseworker,
        received=TODAY - timedelta(days=9),
        target=TODAY - timedelta(days=2),
        status=AppealStatus.RECONSIDERED,
    )
    _appeal(
        second,
        caseworker,
        received=TODAY - timedelta(days=15),
        target=TODAY - timedelta(days=8),
        status=AppealStatus.FORWARDED,
    )
    colleague, theirs = elsewhere
    other = make_decision_row(
        theirs, colleague, month="2026-11", signed=signed, outcome="refused", notified_on=signed
    )
    _appeal(
        other,
        colleague,
        received=TODAY - timedelta(days=9),
        target=TODAY - timedelta(days=2),
        status=AppealStatus.REGISTERED,
    )

    for user in (caseworker, manager):
        items = _of("appeal", user)
        assert [(i.url, i.deadline, i.title) for i in items] == [
            (
                reverse("decisions:appeal_detail", args=[second.household_id, soon.pk]),
                TODAY - timedelta(days=2),
                "Appeal: forward to the court",
            ),
            (
                reverse("decisions:appeal_detail", args=[first.household_id, late.pk]),
                TODAY + timedelta(days=5),
                "Appeal: check the time and reconsider",
            ),
        ]
    assert [i.household_id for i in _of("appeal", colleague)] == [theirs.pk]


def test_a_decided_reduction_without_a_receipt_date_waits_and_a_received_one_does_not(
    unit: Unit, caseworker: User, persona: Callable[..., User], elsewhere: tuple[User, Household]
) -> None:
    coach = persona("work_coach")
    waiting_on = make_proposal(
        make_case(unit, caseworker, serial=1), coach, month="2026-12", status=SanctionStatus.DECIDED
    )
    waiting_on.decided_at = at(TODAY - timedelta(days=2))
    waiting_on.save()
    older = make_proposal(
        make_case(unit, caseworker, serial=2), coach, month="2026-12", status=SanctionStatus.DECIDED
    )
    older.decided_at = at(TODAY - timedelta(days=6))
    older.save()
    received = make_proposal(
        make_case(unit, caseworker, serial=3), coach, month="2026-12", status=SanctionStatus.DECIDED
    )
    received.decided_at = at(TODAY - timedelta(days=6))
    received.notified_on = TODAY - timedelta(days=4)
    received.save()
    colleague, theirs = elsewhere
    make_proposal(theirs, colleague, month="2026-12", status=SanctionStatus.DECIDED)

    items = _of("sanction_without_receipt", caseworker)
    assert [(i.url, i.deadline) for i in items] == [
        (reverse("activities:sanction_detail", args=[older.pk]), TODAY - timedelta(days=6)),
        (reverse("activities:sanction_detail", args=[waiting_on.pk]), TODAY - timedelta(days=2)),
    ]


def _recovery(
    household: Household, by: User, *, signed: date | None, notified: date | None
) -> RecoveryDecision:
    claim = RecoveryClaim.objects.create(
        household=household,
        ground="caused",
        facts="Lön.",
        amount=2000,
        cost_date=date(2026, 10, 25),
        assistance_month="2026-10",
        law="sol_2025_400",
        created_by=by,
    )
    return RecoveryDecision.objects.create(
        claim=claim,
        kind="recovery",
        amount=2000,
        reasons="Skäl.",
        status=DecisionStatus.SIGNED if signed else DecisionStatus.DRAFT,
        created_by=by,
        signed_by=by if signed else None,
        signed_at=at(signed) if signed else None,
        notified_on=notified,
    )


def test_a_signed_recovery_decision_without_a_receipt_date_waits(
    unit: Unit, caseworker: User, manager: User, elsewhere: tuple[User, Household]
) -> None:
    case = make_case(unit, caseworker, serial=1)
    waiting_on = _recovery(case, caseworker, signed=TODAY - timedelta(days=3), notified=None)
    older = _recovery(
        make_case(unit, caseworker, serial=2),
        caseworker,
        signed=TODAY - timedelta(days=9),
        notified=None,
    )
    _recovery(
        make_case(unit, caseworker, serial=3),
        caseworker,
        signed=TODAY - timedelta(days=9),
        notified=TODAY,
    )
    _recovery(make_case(unit, caseworker, serial=4), caseworker, signed=None, notified=None)
    colleague, theirs = elsewhere
    _recovery(theirs, colleague, signed=TODAY - timedelta(days=20), notified=None)

    for user in (caseworker, manager):
        items = _of("recovery_without_receipt", user)
        assert [(i.url, i.deadline) for i in items] == [
            (
                reverse(
                    "decisions:recovery_detail", args=[older.claim.household_id, older.claim_id]
                ),
                TODAY - timedelta(days=9),
            ),
            (
                reverse("decisions:recovery_detail", args=[case.pk, waiting_on.claim_id]),
                TODAY - timedelta(days=3),
            ),
        ]


def _online_proposal(household: Household, by: User, *, month: str) -> Proposal:
    application = make_application(household, by, month=month, received=TODAY)
    online = OnlineApplication.objects.create(
        application=application,
        household=household,
        kind="renewal",
        month=month,
        submitted_at=at(TODAY),
        submitted_by=by,
        idempotency_key=uuid.uuid4(),
        calculation_input={},
    )
    return Proposal.objects.create(
        online_application=online,
        household=household,
        month=month,
        outcome="assess",
        ruleset_version="1",
        ruleset_fingerprint="x",
        submitted_at=at(TODAY),
        created_at=at(TODAY),
    )


def test_renewal_proposals_wait_for_a_decision_by_the_payment_date_of_their_month(
    unit: Unit, caseworker: User, persona: Callable[..., User], elsewhere: tuple[User, Household]
) -> None:
    january = _online_proposal(make_case(unit, caseworker, serial=1), caseworker, month="2027-01")
    december = _online_proposal(make_case(unit, caseworker, serial=2), caseworker, month="2026-12")
    second = user_create(username="andra", role=Role.CASEWORKER, unit=unit, first_name="Nils")
    _online_proposal(make_case(unit, second, serial=3), second, month="2026-12")  # not mine
    colleague, theirs = elsewhere
    _online_proposal(theirs, colleague, month="2026-12")

    items = _of("renewal_proposal", caseworker)
    assert [(i.url, i.deadline) for i in items] == [
        (reverse("preassessment:proposal_detail", args=[december.pk]), date(2026, 12, 23)),
        (reverse("preassessment:proposal_detail", args=[january.pk]), date(2027, 1, 25)),
    ]


def _consent(household: Household, by: User, *, valid_to: date, withdrawn: bool = False) -> Consent:
    return Consent.objects.create(
        person=household.members.get(role="applicant").person,
        household=household,
        covers_plan=True,
        valid_from=date(2026, 1, 1),
        valid_to=valid_to,
        given_how=GivenHowChoices.E_SERVICE,
        registered_by=by,
        registered_at=at(date(2026, 1, 1)),
        withdrawn_at=at(TODAY) if withdrawn else None,
        withdrawn_by=by if withdrawn else None,
    )


def test_consents_expiring_within_the_week_wait_unless_renewed_or_withdrawn(
    unit: Unit, caseworker: User, manager: User, elsewhere: tuple[User, Household]
) -> None:
    soon = make_case(unit, caseworker, serial=1)
    _consent(soon, caseworker, valid_to=TODAY + timedelta(days=6))
    first = make_case(unit, caseworker, serial=2)
    _consent(first, caseworker, valid_to=TODAY)
    renewed = make_case(unit, caseworker, serial=3)
    _consent(renewed, caseworker, valid_to=TODAY + timedelta(days=2))
    _consent(renewed, caseworker, valid_to=TODAY + timedelta(days=365))
    _consent(make_case(unit, caseworker, serial=4), caseworker, valid_to=TODAY + timedelta(days=8))
    _consent(
        make_case(unit, caseworker, serial=5),
        caseworker,
        valid_to=TODAY + timedelta(days=1),
        withdrawn=True,
    )
    _consent(make_case(unit, caseworker, serial=6), caseworker, valid_to=TODAY - timedelta(days=1))
    colleague, theirs = elsewhere
    _consent(theirs, colleague, valid_to=TODAY + timedelta(days=1))

    for user in (caseworker, manager):
        items = _of("consent_expiring", user)
        assert [(i.household_id, i.deadline) for i in items] == [
            (first.pk, TODAY),
            (soon.pk, TODAY + timedelta(days=6)),
        ]
        assert items[0].url == reverse("cooperation:case_consents", args=[first.pk])


def _request(
    household: Household, by: User, *, last_day: date, fulfilled: date | None = None
) -> DocumentRequest:
    return DocumentRequest.objects.create(
        household=household,
        kind="other",
        what="Hyreskontrakt",
        last_day=last_day,
        requested_by=by,
        requested_on=last_day - timedelta(days=14),
        fulfilled_on=fulfilled,
    )


def test_an_overdue_request_for_documents_waits_and_an_open_or_fulfilled_one_does_not(
    unit: Unit, caseworker: User, manager: User, elsewhere: tuple[User, Household]
) -> None:
    recent = make_case(unit, caseworker, serial=1)
    _request(recent, caseworker, last_day=TODAY - timedelta(days=1))
    oldest = make_case(unit, caseworker, serial=2)
    _request(oldest, caseworker, last_day=TODAY - timedelta(days=10))
    _request(make_case(unit, caseworker, serial=3), caseworker, last_day=TODAY)
    _request(
        make_case(unit, caseworker, serial=4),
        caseworker,
        last_day=TODAY - timedelta(days=3),
        fulfilled=TODAY - timedelta(days=4),
    )
    colleague, theirs = elsewhere
    _request(theirs, colleague, last_day=TODAY - timedelta(days=20))

    for user in (caseworker, manager):
        items = _of("document_request_overdue", user)
        assert [(i.household_id, i.deadline) for i in items] == [
            (oldest.pk, TODAY - timedelta(days=10)),
            (recent.pk, TODAY - timedelta(days=1)),
        ]
        assert items[0].url == reverse("casefile:document_requests", args=[oldest.pk])


def test_documents_sent_in_wait_for_review_until_a_caseworker_marks_them(
    unit: Unit, caseworker: User, manager: User, elsewhere: tuple[User, Household]
) -> None:
    later = make_case(unit, caseworker, serial=1)
    _request(later, caseworker, last_day=TODAY, fulfilled=TODAY - timedelta(days=1))
    earlier = make_case(unit, caseworker, serial=2)
    first = _request(earlier, caseworker, last_day=TODAY, fulfilled=TODAY - timedelta(days=5))
    _request(make_case(unit, caseworker, serial=3), caseworker, last_day=TODAY)  # nothing sent
    reviewed = _request(
        make_case(unit, caseworker, serial=4), caseworker, last_day=TODAY, fulfilled=TODAY
    )
    DocumentRequest.objects.filter(pk=reviewed.pk).update(
        reviewed_at=timezone.now(), reviewed_by=caseworker
    )
    colleague, theirs = elsewhere
    _request(theirs, colleague, last_day=TODAY, fulfilled=TODAY)

    for user in (caseworker, manager):
        items = _of("document_request_received", user)
        assert [(i.household_id, i.deadline) for i in items] == [
            (earlier.pk, TODAY - timedelta(days=5)),
            (later.pk, TODAY - timedelta(days=1)),
        ]
        assert "Hyreskontrakt" in str(items[0].title)
        assert items[0].url == reverse("casefile:document_requests", args=[earlier.pk])
    DocumentRequest.objects.filter(pk=first.pk).update(
        reviewed_at=timezone.now(), reviewed_by=caseworker
    )
    assert [i.household_id for i in _of("document_request_received", caseworker)] == [later.pk]


def test_a_limited_desk_builds_the_most_urgent_items_and_counts_them_all(
    unit: Unit, caseworker: User, manager: User
) -> None:
    for serial in range(1, 8):
        _request(
            make_case(unit, caseworker, serial=serial),
            caseworker,
            last_day=TODAY - timedelta(days=serial),
        )
    found = desk(manager, today=TODAY, limit=3)
    assert [i.deadline for i in found.items] == [TODAY - timedelta(days=d) for d in (7, 6, 5)]
    assert found.counts["document_request_overdue"] == 7
    assert found.total == 7


def test_the_menu_counts_are_counted_in_sql_kept_for_a_while_and_refreshed_by_my_work(
    unit: Unit,
    caseworker: User,
    client_as: Callable[..., Client],
    django_assert_max_num_queries: Callable[..., object],
) -> None:
    _request(make_case(unit, caseworker, serial=1), caseworker, last_day=TODAY - timedelta(days=1))
    client = client_as("caseworker")
    assert desk_counts(caseworker, today=timezone.localdate())["document_request_overdue"] == 1
    _request(make_case(unit, caseworker, serial=2), caseworker, last_day=TODAY - timedelta(days=2))
    # Kept: a count made within the last 30 seconds is not made again.
    with django_assert_max_num_queries(0):  # type: ignore[attr-defined]
        counts = desk_counts(caseworker, today=timezone.localdate())
    assert counts["document_request_overdue"] == 1
    client.get(reverse("desk:my_work"))  # My work counts afresh and keeps its counts
    assert desk_counts(caseworker, today=timezone.localdate())["document_request_overdue"] == 2
