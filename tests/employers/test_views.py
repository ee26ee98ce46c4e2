"""The employer network's pages, driven as the personas: bad input kept with its message beside
the field, matching with reasons, reads logged, capacity refused, results on the follow-up page."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bryggan.accounts.models import Unit, User
from bryggan.audit.models import AccessLogEntry
from bryggan.employers.models import Employer, Offer, Placement
from bryggan.employers.rules import Outcome
from bryggan.employers.services import placement_end
from tests.employers.factories import make_employer, make_offer, make_profile, place
from tests.followup.factories import household
from tests.planning.factories import make_version

pytestmark = pytest.mark.django_db


def _employer_post(**changes: str) -> dict[str, str]:
    return {
        "name": "Hamnens Lager AB",
        "organisation_number": "556036-0793",
        "field": "logistics",
        "address": "Hamngatan 1",
        "postcode": "231 42",
        "municipality": "Trelleborg",
        "note": "",
        **changes,
    }


def _offer_post(**changes: str) -> dict[str, str]:
    return {
        "kind": "work_practice",
        "title": "Lagerarbete",
        "field": "logistics",
        "capacity": "2",
        "starts_on": "2026-12-01",
        "ends_on": "2027-06-30",
        "required_languages": ["sv"],
        "location": "Hamnen",
        "municipality": "Trelleborg",
        **changes,
    }


def test_a_coach_adds_an_employer(client_as: Callable[..., Client]) -> None:
    response = client_as("work_coach").post(
        reverse("employers:employer_create"), _employer_post(organisation_number="5560360793")
    )
    employer = Employer.objects.get()
    assert response.status_code == 302
    assert employer.organisation_number == "556036-0793"


def test_an_invalid_organisation_number_is_shown_beside_the_field_and_input_kept(
    client_as: Callable[..., Client],
) -> None:
    response = client_as("work_coach").post(
        reverse("employers:employer_create"), _employer_post(organisation_number="556036-0794")
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="id_organisation_number_error"' in page
    assert 'value="Hamnens Lager AB"' in page
    assert 'value="556036-0794"' in page
    assert not Employer.objects.exists()


def test_a_bad_offer_gets_both_messages_beside_their_fields_and_keeps_the_input(
    unit: Unit, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    employer = make_employer(unit, persona("work_coach"))
    response = client_as("work_coach").post(
        reverse("employers:offer_create", kwargs={"employer_id": employer.pk}),
        _offer_post(ends_on="2026-11-30", capacity="0", title="Truckförare"),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="id_ends_on_error"' in page
    assert 'id="id_capacity_error"' in page
    assert 'value="Truckförare"' in page
    assert 'value="2026-11-30"' in page
    assert not Offer.objects.exists()


def test_a_caseworker_may_view_but_not_add_employers(
    unit: Unit, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    employer = make_employer(unit, persona("work_coach"))
    caseworker = client_as("caseworker")
    assert caseworker.get(reverse("employers:employer_list")).status_code == 200
    detail = reverse("employers:employer_detail", kwargs={"employer_id": employer.pk})
    assert caseworker.get(detail).status_code == 200
    assert (
        caseworker.post(reverse("employers:employer_create"), _employer_post()).status_code == 403
    )


def test_the_list_searches_by_name_and_contact(
    unit: Unit, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    coach = persona("work_coach")
    make_employer(unit, coach, name="Hamnens Lager AB")
    make_employer(unit, coach, name="Solrosens Vård AB")
    page = client_as("caseworker").get(reverse("employers:employer_list"), {"q": "vård"})
    assert "Solrosens Vård AB" in page.content.decode()
    assert "Hamnens Lager AB" not in page.content.decode()


def test_another_units_employer_is_not_found(
    persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    other = make_employer(Unit.objects.create(name="Annan enhet"), persona("work_coach"))
    response = client_as("work_coach").get(
        reverse("employers:employer_detail", kwargs={"employer_id": other.pk})
    )
    assert response.status_code == 404


def test_a_cases_page_ranks_the_offers_with_reasons_and_logs_the_read(
    unit: Unit, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    coach = persona("work_coach")
    case = household(unit, by=coach, first="Amal")
    make_version(case, coach, today=timezone.localdate())
    make_profile(case, coach)
    employer = make_employer(unit, coach)
    make_offer(employer, coach, title="Lagerarbete", ends_on=date(2099, 1, 1))
    make_offer(
        employer,
        coach,
        title="Undersköterska",
        field="care",
        requires_experience=True,
        ends_on=date(2099, 1, 1),
    )
    response = client_as("caseworker").get(
        reverse("employers:case_matches", kwargs={"household_id": case.pk})
    )
    page = response.content.decode()
    assert page.index("Lagerarbete") < page.index("Undersköterska")
    assert "Erfarenhet inom" in page or "Experience in" in page
    assert AccessLogEntry.objects.filter(
        case_id=case.pk, user=persona("caseworker"), object_type="household"
    ).exists()


def test_an_offers_page_shows_the_clients_who_fit_and_logs_each_case(
    unit: Unit, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    coach = persona("work_coach")
    fits = household(unit, by=coach, first="Amal")
    make_profile(fits, coach)
    make_version(fits, coach, today=timezone.localdate())
    lacks = household(unit, by=coach, first="Bertil")
    make_profile(lacks, coach, languages=["en"])
    elsewhere = household(Unit.objects.create(name="Annan enhet"), by=coach, first="Cilla")
    make_profile(elsewhere, coach)
    offer = make_offer(
        make_employer(unit, coach),
        coach,
        required_languages=("sv",),
        ends_on=date(2099, 1, 1),
    )
    response = client_as("work_coach").get(
        reverse("employers:offer_detail", kwargs={"offer_id": offer.pk})
    )
    page = response.content.decode()
    assert "Amal" in page
    assert "Bertil" not in page
    assert "Cilla" not in page
    logged = set(
        AccessLogEntry.objects.filter(object_type="employer_offer").values_list(
            "case_id", flat=True
        )
    )
    assert logged == {fits.pk}


def test_a_placement_beyond_the_places_is_refused_with_a_message(
    unit: Unit, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    coach = persona("work_coach")
    offer = make_offer(make_employer(unit, coach), coach, capacity=1, ends_on=date(2099, 1, 1))
    place(offer, household(unit, by=coach), coach, on=timezone.localdate())
    case = household(unit, by=coach)
    response = client_as("work_coach").post(
        reverse(
            "employers:placement_create", kwargs={"household_id": case.pk, "offer_id": offer.pk}
        ),
        {
            "person": str(case.members.get().person_id),
            "kind": "placement",
            "starts_on": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 200
    assert 'class="error-summary"' in response.content.decode()
    assert Placement.objects.filter(household=case).count() == 0


def test_a_caseworker_records_a_placement_and_its_outcome(
    unit: Unit, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    coach = persona("work_coach")
    case = household(unit, by=coach)
    offer = make_offer(make_employer(unit, coach), coach, ends_on=date(2099, 1, 1))
    client = client_as("caseworker")
    today = timezone.localdate().isoformat()
    client.post(
        reverse(
            "employers:placement_create", kwargs={"household_id": case.pk, "offer_id": offer.pk}
        ),
        {"person": str(case.members.get().person_id), "kind": "placement", "starts_on": today},
    )
    placement = Placement.objects.get()
    response = client.post(
        reverse("employers:placement_end", kwargs={"placement_id": placement.pk}),
        {"ended_on": today, "outcome": "job"},
    )
    assert response.status_code == 302
    placement.refresh_from_db()
    assert placement.outcome == Outcome.JOB


def test_the_profile_form_saves_the_facts(
    unit: Unit, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    case = household(unit, by=persona("work_coach"))
    person_id = case.members.get().person_id
    url = reverse(
        "employers:client_profile", kwargs={"household_id": case.pk, "person_id": person_id}
    )
    response = client_as("caseworker").post(
        url,
        {
            "languages": ["sv", "so"],
            "driving_licence": "on",
            "experience_fields": ["care"],
            "municipality": "Trelleborg",
        },
    )
    assert response.status_code == 302
    from bryggan.employers.selectors import profile_of

    profile = profile_of(person_id)
    assert profile is not None
    assert profile.languages == ["so", "sv"]
    assert profile.driving_licence


def test_the_follow_up_page_shows_the_networks_results(
    unit: Unit, persona: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    coach = persona("work_coach")
    today = timezone.localdate()
    offer = make_offer(make_employer(unit, coach), coach, ends_on=date(2099, 1, 1))
    placement = place(offer, household(unit, by=coach), coach, on=today)
    placement_end(placement=placement, ended_on=today, outcome=Outcome.JOB, by=coach, today=today)
    page = client_as("unit_manager").get(reverse("followup:unit")).content.decode()
    assert 'data-testid="employer-network"' in page
    assert "(100 %)" in page
