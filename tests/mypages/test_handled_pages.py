""" "How your application was handled" on a decision on My pages: for a decision made from a
pre-assessment proposal, every check with its result and explaining sentence, the rule set's
version, whether it went to full assessment (and if by random sample), and the proposed against
the decided amount; nothing of the kind for a decision made by hand."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bryggan.core.money import format_kronor
from bryggan.decisions.models import Decision
from bryggan.decisions.rules import Outcome
from bryggan.preassessment.forms import decision_input_from_initial
from bryggan.preassessment.models import PreassessmentSettings, Proposal
from bryggan.preassessment.rules import RULES
from bryggan.preassessment.selectors import decision_initial
from bryggan.preassessment.services import DecisionInput, proposal_decide
from tests.casefile.documents_files import pdf_bytes
from tests.preassessment.factories import SALARY, RenewalCase, concern_noted, renew

pytestmark = pytest.mark.django_db


def _decide(case: RenewalCase, proposal: Proposal, *, plus: int = 0) -> Decision:
    initial = decision_input_from_initial(decision_initial(proposal))
    data = DecisionInput(
        outcome=Outcome.GRANTED,
        amount=initial.amount + plus,
        deviation_reason="Tandläkarkostnad beviljad." if plus else "",
        reasons=initial.reasons,
        documents_checked=initial.documents_checked,
        personal_visit_held=initial.personal_visit_held,
        registered_at_af=initial.registered_at_af,
        clearing=initial.clearing,
        account=initial.account,
        carry_over_reasons_for_need=True,
    )
    return proposal_decide(proposal=proposal, data=data, by=case.caseworker, now=timezone.now())


def _page(case: RenewalCase, decision: Decision) -> str:
    client = Client()
    client.force_login(case.applicant)
    response = client.get(reverse("mypages:decision_detail", args=[decision.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_a_decision_from_a_proposal_shows_every_check_the_version_and_both_amounts(
    case: RenewalCase,
) -> None:
    proposal = renew(
        case, changes={"employment": SALARY + 1500}, documents={"employment": pdf_bytes()}
    ).proposal
    decision = _decide(case, proposal, plus=200)
    proposal.refresh_from_db()

    page = _page(case, decision)

    assert 'data-testid="handled"' in page
    assert page.count("<li data-outcome=") == proposal.checks.count() == len(RULES)
    assert 'data-outcome="failed"' in page  # the changed income
    assert proposal.ruleset_version in page
    assert format_kronor(proposal.proposed_amount) in page
    assert format_kronor(proposal.decided_amount) in page
    assert proposal.proposed_amount != proposal.decided_amount
    assert reverse("preassessment:rules_page") in page


def test_a_sampled_proposal_says_it_went_to_full_assessment_by_random_sample(
    case: RenewalCase,
) -> None:
    PreassessmentSettings.objects.filter(unit=case.household.unit).update(sample_share_percent=100)
    proposal = renew(case).proposal
    assert proposal.outcome == "sample"
    decision = _decide(case, proposal)

    page = _page(case, decision)

    assert 'data-outcome="failed"' not in page
    handled_path = page.split('data-testid="handled-path">')[1].split("</p>")[0]
    assert "slump" in handled_path or "random" in handled_path


def test_a_decision_made_by_hand_shows_no_pre_assessment(case: RenewalCase) -> None:
    assert 'data-testid="handled"' not in _page(case, case.last)


def test_a_concern_about_a_child_is_not_told_by_the_handled_view_or_the_receipt(
    case: RenewalCase,
) -> None:
    """A failed "no new concern" check would tell the applicant that someone reported a concern
    about their child: the check is listed, its result reads "a caseworker always looks at this",
    and the full assessment it caused is told without the reason."""
    concern_noted(case)
    online = renew(case)
    proposal = online.proposal
    assert {c.rule for c in proposal.checks.filter(outcome="failed")} == {"no_new_concern"}
    client = Client()
    client.force_login(case.applicant)
    receipt = client.get(reverse("mypages:apply_receipt", args=[online.pk])).content.decode()
    assert "en handläggare tittar på detta" not in receipt  # what a failed check reads
    assert receipt.count("en handläggare går alltid igenom detta") == 1

    page = _page(case, _decide(case, proposal))

    assert 'data-outcome="failed"' not in page
    assert page.count('data-outcome="withheld"') == 1
    assert page.count("<li data-outcome=") == len(RULES)
    handled_path = page.split('data-testid="handled-path">')[1].split("</p>")[0]
    assert handled_path == "En handläggare har bedömt din ansökan i sin helhet."
