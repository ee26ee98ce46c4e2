"""The placement pages as each persona uses them: the manager sets up the group, the caseworker
proposes, partners see and vote on their groups' proposals (names only under consent), and the
refusals of issue 16 answer with a message and change nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bryggan.accounts.models import Unit, User
from bryggan.audit.models import AccessLogEntry
from bryggan.cooperation.models import Consent, Disclosure
from bryggan.cooperation.rules import OrganisationKind
from bryggan.cooperation.services import consent_withdraw
from bryggan.placements.models import Placement, PlacementVote, SelectionGroup
from tests.cooperation.factories import make_organisation, make_partner_user
from tests.followup.factories import household as make_household
from tests.placements.factories import Group, approve_all, consent_all, make_group, propose

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(unit: Unit, persona: Callable[..., User]) -> Group:
    return make_group(unit, persona("unit_manager"))


def _partner(organisation, username: str = "af-officer") -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(make_partner_user(organisation, username))
    return client


def test_the_manager_sets_up_a_selection_group_and_bad_input_keeps_what_was_typed(
    client_as: Callable[..., Client], english: None
) -> None:
    af = make_organisation()
    make_organisation("Kommunal", OrganisationKind.UNION)
    client = client_as("unit_manager")
    refused = client.post(
        reverse("placements:group_create"),
        {"name": "Kommunbryggan", "members": [af.pk], "union_confirmation": "on"},
    )
    assert refused.status_code == 200
    assert "Choose the union" in refused.content.decode()
    assert 'value="Kommunbryggan"' in refused.content.decode()
    assert not SelectionGroup.objects.exists()
    union = make_organisation("Kommunal Bergslagen", OrganisationKind.UNION)
    made = client.post(
        reverse("placements:group_create"),
        {
            "name": "Kommunbryggan",
            "members": [af.pk],
            "union_confirmation": "on",
            "union": union.pk,
        },
    )
    assert made.status_code == 302
    group = SelectionGroup.objects.get()
    assert list(group.members.all()) == [af]
    assert group.union == union
    assert client_as("caseworker").get(reverse("placements:group_list")).status_code == 403


def test_a_caseworker_proposes_and_a_missing_consent_is_named(
    unit: Unit,
    persona: Callable[..., User],
    client_as: Callable[..., Client],
    group: Group,
    english: None,
) -> None:
    household = make_household(unit, by=persona("caseworker"))
    today = timezone.localdate()
    data = {
        "group": group.group.pk,
        "person": household.members.get().person_id,
        "kind": "subsidised_job",
        "workplace": "Parkförvaltningen",
        "starts_on": today.isoformat(),
        "ends_on": (today + timedelta(days=180)).isoformat(),
        "hours_per_week": "40",
        "content": "Parkskötsel.",
    }
    client = client_as("caseworker")
    url = reverse("placements:placement_create", args=[household.pk])
    refused = client.post(url, data)
    assert "no valid consent lets" in refused.content.decode()
    assert not Placement.objects.exists()
    consent_all(household, group, persona("caseworker"))
    made = client.post(url, data)
    placement = Placement.objects.get()
    assert made["Location"] == reverse("placements:placement_detail", args=[placement.pk])
    page = client.get(made["Location"]).content.decode()
    assert "Waiting for approval" in page
    assert group.af.name in page


def test_a_partner_sees_and_votes_on_its_group_s_proposals_once(
    unit: Unit, persona: Callable[..., User], group: Group, english: None
) -> None:
    household = make_household(unit, by=persona("caseworker"), first="Amina", last="Ali")
    consent_all(household, group, persona("caseworker"))
    placement = propose(group, household, persona("caseworker"))
    partner = _partner(group.af)
    listing = partner.get(reverse("placements:partner_list")).content.decode()
    assert "Amina Ali" in listing
    assert "your vote is awaited" in listing
    url = reverse("placements:partner_vote", args=[placement.pk])
    assert partner.post(url, {"approve": "yes"}).status_code == 302
    again = partner.post(url, {"approve": "no", "reason": "Ändrat oss."})
    assert again.status_code == 400
    assert "has already voted" in again.content.decode()
    assert PlacementVote.objects.get().approve is True
    assert AccessLogEntry.objects.filter(purpose="partner_view", case_id=household.pk).exists()
    assert Disclosure.objects.filter(organisation=group.af, channel="partner_view").exists()
    # The partner cannot reach the unit's pages of the same placement.
    assert (
        partner.get(reverse("placements:placement_detail", args=[placement.pk])).status_code == 403
    )


def test_a_partner_outside_the_group_cannot_see_or_vote(
    unit: Unit, persona: Callable[..., User], group: Group
) -> None:
    household = make_household(unit, by=persona("caseworker"))
    consent_all(household, group, persona("caseworker"))
    placement = propose(group, household, persona("caseworker"))
    outsider = _partner(make_organisation("Försäkringskassan", OrganisationKind.FORSAKRINGSKASSAN))
    assert (
        outsider.get(reverse("placements:partner_detail", args=[placement.pk])).status_code == 404
    )
    voted = outsider.post(
        reverse("placements:partner_vote", args=[placement.pk]), {"approve": "yes"}
    )
    assert voted.status_code == 404
    assert not PlacementVote.objects.exists()
    assert (
        placement.person.last_name
        not in outsider.get(reverse("placements:partner_list")).content.decode()
    )


def test_without_a_valid_consent_the_partner_sees_no_name_and_no_content(
    unit: Unit, persona: Callable[..., User], group: Group, english: None
) -> None:
    household = make_household(unit, by=persona("caseworker"), first="Amina", last="Ali")
    consent_all(household, group, persona("caseworker"))
    placement = propose(group, household, persona("caseworker"))
    for consent in Consent.objects.filter(organisations=group.af):
        consent_withdraw(
            consent=consent, note="Per telefon.", by=persona("caseworker"), now=timezone.now()
        )
    page = _partner(group.af).get(reverse("placements:partner_detail", args=[placement.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Amina" not in text
    assert placement.content not in text
    assert "the name is not shown" in text


def test_the_manager_votes_for_the_own_municipality_and_the_follow_up_page_counts(
    unit: Unit,
    persona: Callable[..., User],
    client_as: Callable[..., Client],
    group: Group,
    english: None,
) -> None:
    household = make_household(unit, by=persona("caseworker"))
    consent_all(household, group, persona("caseworker"))
    placement = propose(group, household, persona("caseworker"))
    url = reverse("placements:vote", args=[placement.pk])
    refused = client_as("unit_manager").post(url, {"approve": "no", "reason": ""})
    assert "Give the reason" in refused.content.decode()
    assert client_as("caseworker").post(url, {"approve": "yes"}).status_code == 403
    assert client_as("unit_manager").post(url, {"approve": "yes"}).status_code == 302
    assert PlacementVote.objects.get().organisation is None
    page = client_as("unit_manager").get(reverse("followup:unit")).content.decode()
    assert 'data-testid="group-placement-outcomes"' in page
    approve_all(placement, group, persona("unit_manager"), skip=0)
    start = client_as("caseworker").post(
        reverse("placements:start", args=[placement.pk]),
        {"started_on": timezone.localdate().isoformat()},
    )
    assert start.status_code == 400
    assert "signed the individual agreement" in start.content.decode()


def test_the_person_s_plan_shows_the_placement_beside_the_referrals(
    unit: Unit,
    persona: Callable[..., User],
    client_as: Callable[..., Client],
    group: Group,
    english: None,
) -> None:
    household = make_household(unit, by=persona("caseworker"))
    consent_all(household, group, persona("caseworker"))
    placement = propose(group, household, persona("caseworker"))
    page = client_as("work_coach").get(
        reverse("planning:plan_detail", args=[household.pk, placement.person_id])
    )
    text = page.content.decode()
    assert 'id="group-placements"' in text
    assert reverse("placements:placement_detail", args=[placement.pk]) in text


def test_the_placement_list_runs_a_fixed_number_of_queries(
    unit: Unit,
    persona: Callable[..., User],
    client_as: Callable[..., Client],
    group: Group,
    django_assert_max_num_queries: Callable[..., object],
) -> None:
    for n in range(4):
        household = make_household(unit, by=persona("caseworker"), first=f"Namn{n}")
        consent_all(household, group, persona("caseworker"))
        approve_all(
            propose(group, household, persona("caseworker")), group, persona("unit_manager")
        )
    client = client_as("work_coach")
    client.get(reverse("placements:placement_list"))  # the menu's cached counts, made once
    # Session, user, then the placements with their parties and votes.
    with django_assert_max_num_queries(8):  # type: ignore[operator]
        page = client.get(reverse("placements:placement_list"))
    assert page.content.decode().count("/placeringar/") >= 4


def test_a_partner_proposes_for_a_person_whose_consent_names_its_organisation(
    unit: Unit, persona: Callable[..., User], group: Group, english: None
) -> None:
    household = make_household(unit, by=persona("caseworker"), first="Amina", last="Ali")
    consent_all(household, group, persona("caseworker"))
    stranger = make_household(unit, by=persona("caseworker"), first="Utan", last="Samtycke")
    partner = _partner(group.af)
    form = partner.get(reverse("placements:partner_propose")).content.decode()
    assert "Amina Ali" in form
    assert "Samtycke" not in form
    today = timezone.localdate()
    data = {
        "group": group.group.pk,
        "kind": "work_practice",
        "workplace": "Återbruket",
        "starts_on": today.isoformat(),
        "ends_on": (today + timedelta(days=90)).isoformat(),
        "hours_per_week": "30",
        "content": "Praktik i butik.",
    }
    refused = partner.post(
        reverse("placements:partner_propose"),
        {**data, "person": stranger.members.get().person_id},
    )
    assert refused.status_code == 200
    assert not Placement.objects.exists()
    made = partner.post(
        reverse("placements:partner_propose"),
        {**data, "person": household.members.get().person_id},
    )
    placement = Placement.objects.get()
    assert made["Location"] == reverse("placements:partner_detail", args=[placement.pk])
    assert placement.proposed_for == group.af
    assert placement.household == household
