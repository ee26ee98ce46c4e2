"""Selection groups, proposals, votes, the agreement, start, follow-ups and the end, through the
services: the refusals of issue 16 change nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from io import BytesIO

import pytest
from django.utils import timezone

from bryggan.accounts.models import Unit, User
from bryggan.audit.models import ChangeRecord
from bryggan.casefile.models import Document
from bryggan.cooperation.rules import OrganisationKind
from bryggan.cooperation.services import ConsentMissing
from bryggan.core.errors import DomainError
from bryggan.employers.models import Placement as EmployerPlacement
from bryggan.placements import selectors
from bryggan.placements.models import PlacementFollowUp, PlacementVote
from bryggan.placements.rules import Outcome, PlacementKind, PlacementState
from bryggan.placements.services import (
    AGREEMENT_MISSING,
    UNION_MISSING,
    agreement_register_signed,
    follow_up_record,
    placement_end,
    placement_propose,
    placement_start,
    placement_vote,
    selection_group_create,
)
from tests.casefile.documents_files import pdf_bytes
from tests.cooperation.factories import make_organisation
from tests.employers.factories import make_employer, make_offer
from tests.followup.factories import household as make_household
from tests.placements.factories import (
    Group,
    approve_all,
    consent_all,
    make_group,
    propose,
    sign_agreement,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(unit: Unit, persona: Callable[..., User]) -> Group:
    return make_group(unit, persona("unit_manager"))


@pytest.fixture
def case(unit: Unit, persona: Callable[..., User], group: Group):  # type: ignore[no-untyped-def]
    household = make_household(unit, by=persona("caseworker"))
    consent_all(household, group, persona("caseworker"))
    return household


def _state(placement) -> PlacementState:  # type: ignore[no-untyped-def]
    return selectors.placement_row(selectors.placement_get(placement.pk)).state


def test_a_group_that_asks_for_the_union_must_name_one(unit: Unit) -> None:
    with pytest.raises(DomainError) as raised:
        selection_group_create(
            unit=unit, name="Utan facket", members=[], union_confirmation=True, union=None, by=None
        )
    assert raised.value.message == UNION_MISSING
    assert raised.value.field == "union"


def test_a_proposal_without_consent_names_the_organisation_and_stores_nothing(
    unit: Unit, persona: Callable[..., User], group: Group
) -> None:
    household = make_household(unit, by=persona("caseworker"))
    with pytest.raises(ConsentMissing) as raised:
        propose(group, household, persona("caseworker"))
    assert raised.value.organisation.name in str(raised.value.message)
    assert not selectors.placement_rows_for_household(household)


def test_the_placement_waits_for_the_last_member_and_names_it(
    case,
    persona: Callable[..., User],
    group: Group,  # type: ignore[no-untyped-def]
) -> None:
    placement = propose(group, case, persona("caseworker"))
    approve_all(placement, group, persona("unit_manager"), skip=group.af.pk)
    row = selectors.placement_row(selectors.placement_get(placement.pk))
    assert row.state is PlacementState.WAITING
    assert row.missing_names == [group.af.name]
    placement_vote(
        placement=placement,
        organisation=group.af,
        approve=True,
        reason="",
        by=persona("unit_manager"),
        now=timezone.now(),
    )
    assert _state(placement) is PlacementState.APPROVED


def test_a_vote_from_outside_the_group_or_a_second_vote_is_refused_and_nothing_changes(
    english: None,
    case,
    persona: Callable[..., User],
    group: Group,  # type: ignore[no-untyped-def]
) -> None:
    placement = propose(group, case, persona("caseworker"))
    outsider = make_organisation("Försäkringskassan", OrganisationKind.FORSAKRINGSKASSAN)
    vote = {"approve": True, "reason": "", "by": persona("unit_manager"), "now": timezone.now()}
    with pytest.raises(DomainError) as outside:
        placement_vote(placement=placement, organisation=outsider, **vote)
    assert "Försäkringskassan is not a member" in outside.value.message
    placement_vote(placement=placement, organisation=group.af, **vote)
    with pytest.raises(DomainError) as twice:
        placement_vote(placement=placement, organisation=group.af, **vote)
    assert "has already voted" in twice.value.message
    assert PlacementVote.objects.filter(placement=placement).count() == 1


def test_one_rejection_rejects_the_placement(
    case,
    persona: Callable[..., User],
    group: Group,  # type: ignore[no-untyped-def]
) -> None:
    placement = propose(group, case, persona("caseworker"))
    placement_vote(
        placement=placement,
        organisation=group.neighbours[0],
        approve=False,
        reason="Ingen handledare på arbetsplatsen.",
        by=persona("unit_manager"),
        now=timezone.now(),
    )
    assert _state(placement) is PlacementState.REJECTED


def test_the_union_confirms_when_the_group_asks_for_it(
    unit: Unit, persona: Callable[..., User]
) -> None:
    group = make_group(unit, persona("unit_manager"), union_confirmation=True)
    household = make_household(unit, by=persona("caseworker"))
    consent_all(household, group, persona("caseworker"))
    placement = propose(group, household, persona("caseworker"))
    approve_all(placement, group, persona("unit_manager"), skip=group.union.pk)
    row = selectors.placement_row(selectors.placement_get(placement.pk))
    assert row.missing_names == [group.union.name]


def test_starting_without_a_signed_agreement_is_refused(
    english: None,
    case,
    persona: Callable[..., User],
    group: Group,  # type: ignore[no-untyped-def]
) -> None:
    placement = propose(group, case, persona("caseworker"))
    approve_all(placement, group, persona("unit_manager"))
    with pytest.raises(DomainError) as raised:
        placement_start(placement=placement, on=timezone.localdate(), by=persona("caseworker"))
    assert "signed the individual agreement" in raised.value.message
    with pytest.raises(DomainError) as unwritten:
        agreement_register_signed(
            placement=placement,
            signed_on=timezone.localdate(),
            signed_form=BytesIO(pdf_bytes()),
            signed_form_name="a.pdf",
            by=persona("caseworker"),
            now=timezone.now(),
        )
    assert unwritten.value.message == AGREEMENT_MISSING
    assert not Document.objects.filter(household=case).exists()


def test_a_signed_and_approved_placement_starts_is_followed_up_and_ends_with_its_outcome(
    case,
    persona: Callable[..., User],
    group: Group,  # type: ignore[no-untyped-def]
) -> None:
    coach, today = persona("work_coach"), timezone.localdate()
    placement = propose(group, case, persona("caseworker"))
    approve_all(placement, group, persona("unit_manager"))
    sign_agreement(placement, coach)
    agreement = selectors.placement_get(placement.pk).agreement  # type: ignore[union-attr]
    assert agreement.document.household_id == case.pk
    assert _state(placement) is PlacementState.READY
    placement_start(placement=placement, on=today, by=coach)
    assert _state(placement) is PlacementState.RUNNING
    follow_up = PlacementFollowUp.objects.get(placement=placement)
    follow_up_record(follow_up=follow_up, held_on=today, note="Trivs.", by=coach)
    placement_end(
        placement=placement, ended_on=today, outcome=Outcome.WORK, note="", by=coach, today=today
    )
    assert _state(placement) is PlacementState.ENDED
    counts = selectors.outcome_counts(case.unit)
    assert counts.ended == 1
    assert {value: n for value, _label, n in counts.by_outcome}["work"] == 1
    assert ChangeRecord.objects.filter(object_type="group_placement", action="ended").exists()


def test_a_placement_at_an_employer_s_offer_takes_and_ends_its_place_there(
    case,
    persona: Callable[..., User],
    group: Group,  # type: ignore[no-untyped-def]
) -> None:
    coach, today = persona("work_coach"), timezone.localdate()
    offer = make_offer(make_employer(case.unit, coach), coach)
    placement = placement_propose(
        group=group.group,
        household=case,
        person=case.members.get().person,
        kind=PlacementKind.WORK_PRACTICE,
        offer=offer,
        workplace="",
        starts_on=today,
        ends_on=today + timedelta(days=90),
        hours_per_week=20,
        content="Praktik på lagret.",
        proposed_for=None,
        by=coach,
        now=timezone.now(),
    )
    assert placement.workplace == offer.employer.name
    approve_all(placement, group, persona("unit_manager"))
    sign_agreement(placement, coach)
    placement_start(placement=placement, on=today, by=coach)
    placement_end(
        placement=placement,
        ended_on=today,
        outcome=Outcome.STUDIES,
        note="",
        by=coach,
        today=today,
    )
    linked = EmployerPlacement.objects.get(offer=offer)
    assert (linked.ends_on, linked.outcome) == (today, "studies")


def test_a_partner_may_propose_only_for_a_group_it_belongs_to(
    case,
    persona: Callable[..., User],
    group: Group,  # type: ignore[no-untyped-def]
) -> None:
    outsider = make_organisation("Försäkringskassan", OrganisationKind.FORSAKRINGSKASSAN)
    today = timezone.localdate()
    arguments = {
        "group": group.group,
        "household": case,
        "person": case.members.get().person,
        "kind": PlacementKind.WORK_PRACTICE,
        "offer": None,
        "workplace": "Verkstan",
        "starts_on": today,
        "ends_on": today + timedelta(days=30),
        "hours_per_week": 20,
        "content": "Praktik.",
        "by": persona("unit_manager"),
        "now": timezone.now(),
    }
    with pytest.raises(DomainError):
        placement_propose(proposed_for=outsider, **arguments)
    placement = placement_propose(proposed_for=group.af, **arguments)
    assert placement.proposed_for == group.af
