"""The caseworker's queue, a proposal opened and signed, signing several, the follow-up and the
published rules page."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from bryggan.accounts.models import User
from bryggan.core.money import group_digits
from bryggan.people.models import Person
from bryggan.preassessment.models import Proposal, ProposalShown
from bryggan.preassessment.rules import RULES
from tests.casefile.documents_files import pdf_bytes
from tests.preassessment.factories import SALARY, RenewalCase, make_renewal_case, renew

pytestmark = pytest.mark.django_db


@pytest.fixture
def caseworker(case: RenewalCase) -> Client:
    client = Client()
    client.force_login(case.caseworker)
    return client


def test_the_queue_shows_each_proposal_with_its_failed_checks(
    case: RenewalCase, caseworker: Client, english: None
) -> None:
    renew(case, changes={"employment": SALARY + 1500}, documents={"employment": pdf_bytes()})
    page = caseworker.get(reverse("preassessment:queue")).content.decode()
    assert "Needs assessment: income changed" in page
    assert "Sara" in page


def test_the_queue_shows_an_all_passed_proposal_with_its_amount_and_link(
    case: RenewalCase, caseworker: Client, english: None
) -> None:
    proposal = renew(case).proposal
    assert proposal.proposed_amount is not None
    queue = reverse("preassessment:queue")
    page = caseworker.get(queue).content.decode()
    amount = group_digits(proposal.proposed_amount)
    assert f"All checks passed — grant {amount} kr as calculated" in page
    detail = reverse("preassessment:proposal_detail", args=[proposal.pk])
    assert f'<a href="{detail}">Sara' in page
    assert timezone.localtime(proposal.submitted_at).strftime("%Y-%m-%d %H:%M") in page
    assert "Open first" in page
    caseworker.get(detail)
    page = caseworker.get(queue).content.decode()
    assert f'id="sign-{proposal.pk}" aria-label="Sign {proposal.month} Sara' in page


def test_the_queue_hides_a_protected_applicants_name(
    case: RenewalCase, caseworker: Client, english: None
) -> None:
    renew(case)
    Person.objects.filter(pk=case.person.pk).update(protected_identity=True)
    page = caseworker.get(reverse("preassessment:queue")).content.decode()
    assert "Protected identity" in page
    assert "Sara" not in page


def test_the_queue_reads_the_same_number_of_queries_for_two_rows_or_three(
    case: RenewalCase, caseworker: Client
) -> None:
    queue = reverse("preassessment:queue")
    renew(case, changes={"employment": SALARY + 1500})
    caseworker.get(queue)  # the session's and the menu's first reads
    counts = []
    for serial in (4, 5):
        renew(make_renewal_case(case.household.unit, case.caseworker, serial=serial))
        with CaptureQueriesContext(connection) as queries:
            caseworker.get(queue)
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_opening_a_proposal_marks_it_shown_and_prefills_the_decision(
    case: RenewalCase, caseworker: Client, english: None
) -> None:
    proposal = renew(case).proposal
    url = reverse("preassessment:proposal_detail", args=[proposal.pk])
    page = caseworker.get(url).content.decode()
    assert proposal.proposed_amount is not None
    amount = group_digits(proposal.proposed_amount)
    assert f"All checks passed — grant {amount} kr as calculated" in page
    assert f'value="{proposal.proposed_amount}"' in page
    assert ProposalShown.objects.filter(proposal=proposal, user=case.caseworker).exists()


def test_signing_from_the_proposal(case: RenewalCase, caseworker: Client) -> None:
    proposal = renew(case).proposal
    url = reverse("preassessment:proposal_detail", args=[proposal.pk])
    caseworker.get(url)
    response = caseworker.post(
        url,
        {
            "outcome": "granted",
            "amount": str(proposal.proposed_amount),
            "reasons": "Rätt till bistånd.",
            "documents_checked": ["rent_contract"],
            "clearing": proposal.online_application.previous_decision.payee_clearing,
            "account": proposal.online_application.previous_decision.payee_account,
            "carry_over_reasons_for_need": "on",
        },
    )
    proposal.refresh_from_db()
    assert proposal.decision is not None
    assert response.url == reverse(
        "decisions:decision_detail", args=[case.household.pk, proposal.decision.pk]
    )


def test_signing_several_from_the_queue_after_each_was_opened(
    case: RenewalCase, caseworker: Client
) -> None:
    other = make_renewal_case(case.household.unit, case.caseworker, serial=5)
    proposals = [renew(case).proposal, renew(other).proposal]
    data = {"proposal": [str(p.pk) for p in proposals]}
    caseworker.get(reverse("preassessment:proposal_detail", args=[proposals[0].pk]))
    caseworker.post(reverse("preassessment:sign_many"), data)
    assert not Proposal.objects.filter(decision__isnull=False).exists()
    caseworker.get(reverse("preassessment:proposal_detail", args=[proposals[1].pk]))
    caseworker.post(reverse("preassessment:sign_many"), data)
    assert Proposal.objects.filter(decision__isnull=False).count() == 2


def test_staff_of_another_unit_cannot_open_the_proposal(
    case: RenewalCase, persona: Callable[..., User], other_unit: object
) -> None:
    proposal = renew(case).proposal
    client = Client()
    client.force_login(persona("caseworker", in_unit=other_unit))
    url = reverse("preassessment:proposal_detail", args=[proposal.pk])
    assert client.get(url).status_code == 404
    assert "Sara" not in client.get(reverse("preassessment:queue")).content.decode()


def test_the_followup_page(case: RenewalCase, persona: Callable[..., User], english: None) -> None:
    renew(case)
    client = Client()
    client.force_login(persona("unit_manager"))
    page = client.get(reverse("preassessment:followup")).content.decode()
    assert "Passed every check" in page
    assert "100.0 %" in page or "100,0 %" in page


def test_the_rules_page_lists_every_rule_with_its_source(english: None) -> None:
    page = Client().get(reverse("preassessment:rules_page")).content.decode()
    for rule in RULES:
        assert escape(str(rule.title)) in page
    assert "12 kap. 1 § SoL (2025:400)" in page
