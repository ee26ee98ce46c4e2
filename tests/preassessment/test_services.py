"""Pre-assessment through the renewal's submission: each check on a real case, the sample, the
rule set's version, deciding from a proposal and signing several."""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bryggan.accounts.models import User
from bryggan.casefile.models import JournalNoteKind
from bryggan.core.errors import DomainError
from bryggan.decisions.models import DecisionStatus, PaymentConditions
from bryggan.decisions.rules import Outcome
from bryggan.mypages.models import OnlineApplication
from bryggan.people.models import HouseholdMember, MemberRole
from bryggan.preassessment.models import PreassessmentSettings, Proposal
from bryggan.preassessment.rules import RULES, RULESET_VERSION, ruleset_fingerprint
from bryggan.preassessment.selectors import decision_initial
from bryggan.preassessment.services import (
    NOT_ALL_PASSED,
    DecisionInput,
    proposal_decide,
    proposal_mark_shown,
    proposals_create_for_ids,
    proposals_sign_many,
)
from tests.casefile.documents_files import pdf_bytes
from tests.casefile.factories_journal import make_note
from tests.preassessment.factories import (
    SALARY,
    RenewalCase,
    concern_noted,
    make_renewal_case,
    renew,
)

pytestmark = pytest.mark.django_db


def failed(proposal: Proposal) -> set[str]:
    return {c.rule for c in proposal.checks.all() if c.outcome != "passed"}


def test_an_unchanged_renewal_passes_every_check(case: RenewalCase) -> None:
    proposal = renew(case).proposal
    assert proposal.outcome == "all_passed"
    assert failed(proposal) == set()
    assert proposal.proposed_amount == proposal.last_amount == case.last.amount
    assert [c.rule for c in proposal.checks.all()] == [rule.id for rule in RULES]


def test_the_rule_set_version_is_stored_with_the_proposal(case: RenewalCase) -> None:
    proposal = renew(case).proposal
    assert proposal.ruleset_version == RULESET_VERSION
    assert proposal.ruleset_fingerprint == ruleset_fingerprint()


def test_a_changed_income_with_a_payslip_needs_assessment_for_the_income_and_amount(
    case: RenewalCase,
) -> None:
    proposal = renew(
        case, changes={"employment": SALARY + 1500}, documents={"employment": pdf_bytes()}
    ).proposal
    assert proposal.outcome == "needs_assessment"
    assert failed(proposal) == {"incomes_unchanged", "amount_close_to_last"}
    income = proposal.checks.get(rule="incomes_unchanged")
    assert income.details == [
        {
            "kind": "income",
            "type": "employment",
            "member": f"p{case.person.pk}",
            "before": SALARY,
            "after": SALARY + 1500,
        }
    ]
    assert proposal.proposed_amount == case.last.amount - 1500


def test_a_change_without_a_document_fails_the_document_check(case: RenewalCase) -> None:
    proposal = renew(case, changes={"employment": SALARY + 100}).proposal
    assert "changes_documented" in failed(proposal)
    # 100 kr is within the amount threshold: only the income and its document are flagged.
    assert failed(proposal) == {"incomes_unchanged", "changes_documented"}


def test_a_small_rent_change_passes_and_a_large_one_does_not(case: RenewalCase) -> None:
    small = renew(case, changes={"housing": 5150}, documents={"housing": pdf_bytes()}).proposal
    assert "costs_within_threshold" not in failed(small)


def test_a_large_rent_change_fails_the_cost_check(case: RenewalCase) -> None:
    large = renew(case, changes={"housing": 6000}, documents={"housing": pdf_bytes()}).proposal
    assert "costs_within_threshold" in failed(large)


def test_a_reported_household_change_needs_assessment(case: RenewalCase) -> None:
    assert "household_unchanged" in failed(renew(case, household_changed=True).proposal)


def test_unit_conditions_unknown_or_unmet_need_assessment(case: RenewalCase) -> None:
    PaymentConditions.objects.create(
        unit=case.household.unit, personal_visit=True, af_registration=True
    )
    PreassessmentSettings.objects.filter(unit=case.household.unit).update(plan_required=True)
    proposal = renew(case).proposal
    outcomes = {c.rule: c.outcome for c in proposal.checks.all()}
    assert outcomes["af_registration"] == "unknown"  # no status known yet
    assert outcomes["personal_visit"] == "failed"
    assert outcomes["signed_plan"] == "failed"
    assert proposal.outcome == "needs_assessment"


def test_a_visit_this_month_meets_the_visit_condition(case: RenewalCase) -> None:
    PaymentConditions.objects.create(unit=case.household.unit, personal_visit=True)
    make_note(case.household, case.caseworker, kind=JournalNoteKind.VISIT)
    assert "personal_visit" not in failed(renew(case).proposal)


def test_a_new_concern_in_the_journal_always_needs_assessment(case: RenewalCase) -> None:
    concern_noted(case)
    assert failed(renew(case).proposal) == {"no_new_concern"}


def test_children_not_assessed_within_the_period_need_assessment(case: RenewalCase) -> None:
    child = make_renewal_case(case.household.unit, case.caseworker, serial=2).person
    HouseholdMember.objects.filter(person=child).update(valid_to=timezone.localdate())
    HouseholdMember.objects.create(
        household=case.household,
        person=child,
        role=MemberRole.CHILD,
        valid_from=timezone.localdate(),
    )
    proposal = renew(case).proposal
    assert {"children_assessed", "household_unchanged"} <= failed(proposal)


def test_the_sample_takes_all_passed_proposals_at_the_units_share(case: RenewalCase) -> None:
    PreassessmentSettings.objects.filter(unit=case.household.unit).update(sample_share_percent=100)
    assert renew(case).proposal.outcome == "sample"


def test_deciding_a_proposal_signs_the_decision_and_records_both_amounts(
    case: RenewalCase,
) -> None:
    proposal = renew(
        case, changes={"employment": SALARY + 1500}, documents={"employment": pdf_bytes()}
    ).proposal
    initial = decision_initial(proposal)
    decision = proposal_decide(
        proposal=proposal,
        data=DecisionInput(
            outcome=Outcome.GRANTED,
            amount=int(initial["amount"]) + 200,  # type: ignore[call-overload]
            deviation_reason="Tandläkarkostnad beviljad.",
            reasons=str(initial["reasons"]),
            documents_checked=["income_statements"],
            personal_visit_held=True,
            registered_at_af=True,
            clearing=str(initial["clearing"]),
            account=str(initial["account"]),
            carry_over_reasons_for_need=True,
        ),
        by=case.caseworker,
        now=timezone.now(),
    )
    proposal.refresh_from_db()
    assert decision.status == DecisionStatus.SIGNED
    assert decision.month == str(case.month)
    assert proposal.decision == decision
    assert (proposal.proposed_amount, proposal.decided_amount) == (
        case.last.amount - 1500,
        case.last.amount - 1300,
    )
    with pytest.raises(DomainError):
        proposal_decide(
            proposal=proposal,
            data=DecisionInput(Outcome.GRANTED, 1, "x", "x", [], True, True, "", ""),
            by=case.caseworker,
            now=timezone.now(),
        )


def _inputs(proposals: list[Proposal]) -> dict[int, DecisionInput]:
    from bryggan.preassessment.forms import decision_input_from_initial

    return {p.pk: decision_input_from_initial(decision_initial(p)) for p in proposals}


def test_signing_several_needs_each_summary_shown_first(
    case: RenewalCase, persona: Callable[..., User]
) -> None:
    other = make_renewal_case(case.household.unit, case.caseworker, serial=3)
    proposals = [renew(case).proposal, renew(other).proposal]
    proposal_mark_shown(proposal=proposals[0], user=case.caseworker, now=timezone.now())
    with pytest.raises(DomainError) as error:
        proposals_sign_many(
            proposals=proposals, inputs=_inputs(proposals), by=case.caseworker, now=timezone.now()
        )
    assert "1" in str(error.value.message)
    assert not Proposal.objects.filter(decision__isnull=False).exists()
    # Shown to someone else does not count for this caseworker.
    proposal_mark_shown(proposal=proposals[1], user=persona("unit_manager"), now=timezone.now())
    with pytest.raises(DomainError):
        proposals_sign_many(
            proposals=proposals, inputs=_inputs(proposals), by=case.caseworker, now=timezone.now()
        )
    proposal_mark_shown(proposal=proposals[1], user=case.caseworker, now=timezone.now())
    decisions = proposals_sign_many(
        proposals=proposals, inputs=_inputs(proposals), by=case.caseworker, now=timezone.now()
    )
    assert [d.status for d in decisions] == ["signed", "signed"]


def test_only_all_passed_proposals_are_signed_together(case: RenewalCase) -> None:
    proposal = renew(case, household_changed=True).proposal
    proposal_mark_shown(proposal=proposal, user=case.caseworker, now=timezone.now())
    with pytest.raises(DomainError) as error:
        proposals_sign_many(
            proposals=[proposal], inputs=_inputs([proposal]), by=case.caseworker, now=timezone.now()
        )
    assert error.value.message == NOT_ALL_PASSED


def test_the_draw_is_injectable_and_repeatable(case: RenewalCase) -> None:
    PreassessmentSettings.objects.filter(unit=case.household.unit).update(sample_share_percent=50)
    other = make_renewal_case(case.household.unit, case.caseworker, serial=4)
    first = renew(case, rng=random.Random(7)).proposal.outcome
    second = renew(other, rng=random.Random(7)).proposal.outcome
    assert first == second
    assert OnlineApplication.objects.count() == 2


def _checks(proposal: Proposal) -> list[tuple[str, str, object]]:
    return [(c.rule, c.outcome, c.details) for c in proposal.checks.order_by("position")]


def test_a_batch_makes_the_proposals_of_submission_in_queries_that_do_not_grow(
    case: RenewalCase,
) -> None:
    others = [make_renewal_case(case.household.unit, case.caseworker, serial=n) for n in (4, 5)]
    onlines = [
        renew(case, changes={"employment": SALARY + 1500}, household_changed=True),
        renew(others[0]),
        renew(others[1], changes={"housing": 9000}),
    ]
    at_submission = [(o.proposal.outcome, _checks(o.proposal)) for o in onlines]
    now = timezone.now()
    counts = []
    for ids in ([onlines[0].pk], [o.pk for o in onlines]):
        Proposal.objects.all().delete()
        with CaptureQueriesContext(connection) as queries:
            proposals_create_for_ids(ids=ids, now=now, rng=random.Random(1))
        counts.append(len(queries))
    again = [Proposal.objects.get(online_application=o) for o in onlines]
    assert [(p.outcome, _checks(p)) for p in again] == at_submission
    assert counts[0] == counts[1]
