"""The sanction pages, driven as the personas: lists, assessment, approval, the letter."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bryggan.accounts.models import Unit, User
from bryggan.activities import rules
from bryggan.activities.letters import sanction_legal_ground
from bryggan.activities.models import SanctionProposal, SanctionRule, SanctionStatus
from bryggan.core.month import Month
from bryggan.desk.registry import desk_counts
from bryggan.people.models import Household
from tests.activities.factories import enter_test_norm, make_household, make_sanction
from tests.decisions.pdf import pdf_text

pytestmark = pytest.mark.django_db
SINGLE_ADULT = 3160  # the TEST table is 2021's amounts


@pytest.fixture
def household(unit: Unit, persona: Callable[..., User]) -> Household:
    return make_household(unit, persona("work_coach"), serial=401, first="Bo")


@pytest.fixture
def proposal(unit: Unit, household: Household, persona: Callable[..., User]) -> SanctionProposal:
    made = make_sanction(unit, household, coach=persona("work_coach"), today=timezone.localdate())
    enter_test_norm(Month.parse(made.month).year, persona("administrator"))
    return made


def _assess(client: Client, proposal: SanctionProposal, **data: str) -> Any:
    return client.post(reverse("activities:sanction_assess", args=[proposal.pk]), data)


def test_the_caseworker_sees_the_proposal_to_assess_in_the_units_list(
    client_as: Callable[..., Client], proposal: SanctionProposal
) -> None:
    page = client_as("caseworker").get(reverse("activities:sanction_list")).content.decode()
    section = page.split('id="to-assess"')[1].split('id="to-approve"')[0]
    assert reverse("activities:sanction_detail", args=[proposal.pk]) in section


def test_a_caseworker_proposes_a_reduction_within_the_limit(
    client_as: Callable[..., Client], proposal: SanctionProposal
) -> None:
    response = _assess(
        client_as("caseworker"), proposal, valid_reason="no", amount="600", reasons="Uteblev."
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert (proposal.status, proposal.amount, proposal.legal_limit) == (
        SanctionStatus.ASSESSED,
        600,
        SINGLE_ADULT,
    )


def test_a_reduction_above_the_limit_is_refused_on_the_amount_field_keeping_the_input(
    client_as: Callable[..., Client], proposal: SanctionProposal
) -> None:
    response = _assess(
        client_as("caseworker"), proposal, valid_reason="no", amount="4000", reasons="Uteblev."
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_amount_error"' in page
    assert 'value="4000"' in page
    assert "Uteblev." in page
    assert SanctionProposal.objects.get().status == SanctionStatus.PROPOSED


def test_the_units_rule_fills_in_the_proposed_amount(
    unit: Unit, client_as: Callable[..., Client], proposal: SanctionProposal
) -> None:
    SanctionRule.objects.create(
        unit=unit, percent_per_absence=10, max_percent=25, source="TEST: nämndbeslut"
    )
    page = client_as("caseworker").get(reverse("activities:sanction_detail", args=[proposal.pk]))
    assert 'value="316"' in page.content.decode()  # 10 % of 3 160 for one absence


def test_a_work_coach_sees_the_proposal_but_cannot_assess_it(
    client_as: Callable[..., Client], proposal: SanctionProposal
) -> None:
    coach = client_as("work_coach")
    page = coach.get(reverse("activities:sanction_detail", args=[proposal.pk]))
    assert page.status_code == 200
    assert reverse("activities:sanction_assess", args=[proposal.pk]) not in page.content.decode()
    response = _assess(coach, proposal, valid_reason="no", amount="600", reasons="x")
    assert response.status_code == 403


def test_the_manager_approves_and_the_letter_is_a_pdf_with_the_decision(
    client_as: Callable[..., Client], proposal: SanctionProposal
) -> None:
    _assess(client_as("caseworker"), proposal, valid_reason="no", amount="600", reasons="Uteblev.")
    manager = client_as("unit_manager")
    response = manager.post(
        reverse("activities:sanction_decide", args=[proposal.pk]), {"approve": "yes", "note": ""}
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == SanctionStatus.DECIDED
    letter = manager.get(reverse("activities:sanction_letter", args=[proposal.pk]))
    assert letter["Content-Type"] == "application/pdf"
    assert letter.content.startswith(b"%PDF")
    text = pdf_text(letter.content)
    assert f"Ditt försörjningsstöd för {proposal.month} sätts ned med 600 kr." in text
    assert "högst 3 160 kr" in text.replace("\u00a0", " ")  # SINGLE_ADULT, grouped
    assert sanction_legal_ground(proposal.month) in text
    assert "förvaltningsrätten" in text
    assert f"Beslutat {timezone.localdate():%Y-%m-%d} av" in text


def test_a_manager_who_assessed_is_refused_approval_with_a_clear_message(
    client_as: Callable[..., Client], proposal: SanctionProposal
) -> None:
    manager = client_as("unit_manager")
    _assess(manager, proposal, valid_reason="no", amount="600", reasons="Uteblev.")
    response = manager.post(
        reverse("activities:sanction_decide", args=[proposal.pk]), {"approve": "yes", "note": ""}
    )
    assert str(rules.OWN_ASSESSMENT) in response.content.decode()
    assert SanctionProposal.objects.get().status == SanctionStatus.ASSESSED


def test_the_letter_of_an_undecided_proposal_does_not_exist(
    client_as: Callable[..., Client], proposal: SanctionProposal
) -> None:
    response = client_as("caseworker").get(
        reverse("activities:sanction_letter", args=[proposal.pk])
    )
    assert response.status_code == 404


def test_staff_of_another_unit_get_404_on_a_proposal(
    persona: Callable[..., User], other_unit: Unit, proposal: SanctionProposal
) -> None:
    client = Client()
    client.force_login(persona("caseworker", in_unit=other_unit))
    assert client.get(reverse("activities:sanction_detail", args=[proposal.pk])).status_code == 404


def test_the_case_page_lists_the_cases_sanctions(
    client_as: Callable[..., Client], household: Household, proposal: SanctionProposal
) -> None:
    page = client_as("caseworker").get(reverse("activities:case_activities", args=[household.pk]))
    assert reverse("activities:sanction_detail", args=[proposal.pk]) in page.content.decode()


def test_the_units_list_reads_a_fixed_number_of_queries_however_many_proposals(
    unit: Unit,
    persona: Callable[..., User],
    client_as: Callable[..., Client],
    django_assert_max_num_queries: Any,
) -> None:
    coach, today = persona("work_coach"), timezone.localdate()
    for serial in range(410, 416):
        make_sanction(unit, make_household(unit, coach, serial=serial), coach=coach, today=today)
    client = client_as("caseworker")
    # The menu's counts of waiting items (one COUNT per desk kind, cached 30 s) are measured in
    # tests/desk; made here first so that this counts the list's own queries.
    desk_counts(persona("caseworker"), today=today)
    with django_assert_max_num_queries(8):
        page = client.get(reverse("activities:sanction_list"))
    assert page.content.decode().count("/sanktioner/") >= 6
