"""Writes of the employer network: each checks its rule, changes nothing when refused, and leaves
a history row."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from bryggan.accounts.models import Unit, User
from bryggan.audit.models import ChangeRecord
from bryggan.core.errors import DomainError
from bryggan.employers import rules, selectors
from bryggan.employers.models import Employer, Offer, Placement, PlacementKind
from bryggan.employers.rules import EmployersRuleError, Outcome
from bryggan.employers.services import (
    DUPLICATE_EMPLOYER,
    EmployerInput,
    contact_save,
    employer_create,
    employer_update,
    offer_update,
    placement_end,
)
from tests.employers.factories import (
    make_employer,
    make_offer,
    make_profile,
    offer_input,
    place,
)
from tests.followup.factories import household
from tests.planning.factories import make_version

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 7)


def employer_input(number: str = "556036-0793") -> EmployerInput:
    return EmployerInput(
        name="Hamnens Lager AB",
        organisation_number=number,
        field="logistics",
        address="Hamngatan 1",
        postcode="231 42",
        municipality="Trelleborg",
        note="",
    )


def test_an_employer_is_added_with_its_number_normalised_and_history(
    unit: Unit, persona: Callable[..., User]
) -> None:
    employer = employer_create(
        unit=unit, data=employer_input("5560360793"), by=persona("work_coach")
    )
    assert employer.organisation_number == "556036-0793"
    record = ChangeRecord.objects.get(object_type="employer", object_id=str(employer.pk))
    assert record.action == "created"
    assert record.case_id is None


def test_an_invalid_number_or_a_duplicate_adds_nothing(
    unit: Unit, persona: Callable[..., User]
) -> None:
    coach = persona("work_coach")
    with pytest.raises(EmployersRuleError):
        employer_create(unit=unit, data=employer_input("556036-0794"), by=coach)
    employer_create(unit=unit, data=employer_input(), by=coach)
    with pytest.raises(DomainError) as refused:
        employer_create(unit=unit, data=employer_input("556036 0793"), by=coach)
    assert refused.value.message == DUPLICATE_EMPLOYER
    assert Employer.objects.count() == 1


def test_changing_an_employer_records_only_what_changed(
    unit: Unit, persona: Callable[..., User]
) -> None:
    coach = persona("work_coach")
    employer = make_employer(unit, coach)
    data = EmployerInput(
        name="Nytt namn AB",
        organisation_number=employer.organisation_number,
        field=employer.field,
        address=employer.address,
        postcode=employer.postcode,
        municipality=employer.municipality,
        note=employer.note,
    )
    employer_update(employer=employer, data=data, by=coach)
    record = ChangeRecord.objects.get(object_type="employer", action="changed")
    assert record.changes == {"name": ["Testbolaget AB", "Nytt namn AB"]}


def test_a_contact_person_is_added_and_changed(unit: Unit, persona: Callable[..., User]) -> None:
    coach = persona("work_coach")
    employer = make_employer(unit, coach)
    contact = contact_save(
        employer=employer,
        contact=None,
        name="Lena Berg",
        role="Lagerchef",
        phone="0410-123 45",
        email="lena@example.se",
        by=coach,
    )
    contact_save(
        employer=employer,
        contact=contact,
        name="Lena Berg",
        role="Platschef",
        phone="0410-123 45",
        email="lena@example.se",
        by=coach,
    )
    contact.refresh_from_db()
    assert contact.role == "Platschef"
    assert list(
        ChangeRecord.objects.filter(object_type="employer_contact")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == ["created", "changed"]


def test_an_offer_with_a_bad_period_or_no_places_is_refused(
    unit: Unit, persona: Callable[..., User]
) -> None:
    coach = persona("work_coach")
    employer = make_employer(unit, coach)
    with pytest.raises(EmployersRuleError) as refused:
        make_offer(employer, coach, starts_on=date(2026, 5, 2), ends_on=date(2026, 5, 1))
    assert refused.value.field == "ends_on"
    with pytest.raises(EmployersRuleError) as refused:
        make_offer(employer, coach, capacity=0)
    assert refused.value.field == "capacity"
    assert not Offer.objects.exists()


def test_placements_beyond_the_places_are_refused_until_one_ends(
    unit: Unit, persona: Callable[..., User]
) -> None:
    coach = persona("work_coach")
    offer = make_offer(make_employer(unit, coach), coach, capacity=1)
    first = household(unit, by=coach, first="Amal")
    second = household(unit, by=coach, first="Bo")
    placement = place(offer, first, coach)
    with pytest.raises(EmployersRuleError) as refused:
        place(offer, second, coach)
    assert refused.value.template == rules.OFFER_FULL
    assert Placement.objects.count() == 1
    placement_end(
        placement=placement,
        ended_on=date(2026, 11, 30),
        outcome=Outcome.JOB,
        by=coach,
        today=TODAY,
    )
    place(offer, second, coach)
    assert selectors.occupied_places(offer) == 1


def test_an_offer_cannot_shrink_below_the_places_taken(
    unit: Unit, persona: Callable[..., User]
) -> None:
    coach = persona("work_coach")
    offer = make_offer(make_employer(unit, coach), coach, capacity=2)
    place(offer, household(unit, by=coach), coach)
    place(offer, household(unit, by=coach), coach)
    with pytest.raises(EmployersRuleError) as refused:
        offer_update(offer=offer, data=offer_input(capacity=1), by=coach)
    assert refused.value.field == "capacity"
    offer.refresh_from_db()
    assert offer.capacity == 2


def test_a_placement_is_refused_for_another_units_offer(
    unit: Unit, persona: Callable[..., User]
) -> None:
    coach = persona("work_coach")
    other_unit = Unit.objects.create(name="Annan enhet")
    offer = make_offer(make_employer(other_unit, coach), coach)
    with pytest.raises(DomainError):
        place(offer, household(unit, by=coach), coach)


def test_a_placement_records_history_in_the_case_and_ends_once(
    unit: Unit, persona: Callable[..., User]
) -> None:
    coach = persona("work_coach")
    case = household(unit, by=coach)
    offer = make_offer(make_employer(unit, coach), coach)
    placement = place(offer, case, coach, kind=PlacementKind.CONTACT)
    placement_end(
        placement=placement, ended_on=TODAY, outcome=Outcome.COMPLETED, by=coach, today=TODAY
    )
    with pytest.raises(EmployersRuleError):
        placement_end(
            placement=placement, ended_on=TODAY, outcome=Outcome.JOB, by=coach, today=TODAY
        )
    placement.refresh_from_db()
    assert placement.outcome == Outcome.COMPLETED
    actions = ChangeRecord.objects.filter(object_type="employer_placement", case_id=case.pk)
    assert sorted(actions.values_list("action", flat=True)) == ["created", "ended"]


def test_a_profile_is_saved_once_per_person_and_refuses_unknown_codes(
    unit: Unit, persona: Callable[..., User]
) -> None:
    coach = persona("work_coach")
    case = household(unit, by=coach)
    make_profile(case, coach)
    profile = make_profile(case, coach, languages=["sv"], municipality="Vellinge")
    assert profile.languages == ["sv"]
    with pytest.raises(EmployersRuleError):
        make_profile(case, coach, languages=["xx"])
    profile.refresh_from_db()
    assert profile.municipality == "Vellinge"


def test_the_clients_facts_combine_the_plans_goal_and_the_profile(
    unit: Unit, persona: Callable[..., User]
) -> None:
    coach = persona("work_coach")
    case = household(unit, by=coach)
    make_version(case, coach, today=TODAY)
    make_profile(case, coach)
    person_id = case.members.get().person_id
    facts = selectors.client_facts(person_id)
    assert facts.goal == rules.PlanGoal.WORK
    assert facts.goal_text == "Arbete inom lager"
    assert facts.languages == {"sv", "ar"}
    assert facts.driving_licence


def test_the_network_results_count_per_month_and_the_job_share(
    unit: Unit, persona: Callable[..., User]
) -> None:
    coach = persona("work_coach")
    offer = make_offer(make_employer(unit, coach), coach, capacity=3)
    ended = place(offer, household(unit, by=coach), coach, on=date(2026, 11, 2))
    place(offer, household(unit, by=coach), coach, on=date(2026, 12, 1))
    placement_end(
        placement=ended, ended_on=date(2026, 12, 3), outcome=Outcome.JOB, by=coach, today=TODAY
    )
    results = selectors.network_results(unit, today=TODAY)
    december = results.months[0]
    assert december.month == "2026-12"
    assert (december.placements, december.ended, december.jobs) == (1, 1, 1)
    assert results.months[1].placements == 1
    assert (results.employers, results.ended, results.jobs, results.job_share) == (1, 1, 1, 100)
