""" "How your application was handled": for a decision made from a pre-assessment proposal, every
check that ran with its result and the sentence that explains it, the rule set's version, whether
the application went to full assessment (and whether by random sample), and the proposed against
the decided amount. The decision itself was read through the applicant's gate.

A rule whose result is not shown to the applicant (`Rule.outcome_shown_to_applicant`) reads
"a caseworker always looks at this" whatever it was, and a full assessment that only such a rule
caused is told without its reason."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from bryggan.decisions.models import Decision
from bryggan.preassessment.models import CheckOutcomeChoices, Proposal, ProposalCheck
from bryggan.preassessment.rules import RULES_BY_ID, ProposalOutcome

# The outcome shown for a rule whose result stays with the caseworker.
WITHHELD = "withheld"


@dataclass(frozen=True, slots=True)
class HandledCheck:
    title: str | Promise
    outcome: str
    outcome_label: str | Promise
    explains: str | Promise


@dataclass(frozen=True, slots=True)
class Handled:
    proposal: Proposal
    checks: tuple[HandledCheck, ...]
    full_assessment: bool
    by_sample: bool
    # Whether a failed check the applicant can see explains the full assessment.
    failure_shown: bool
    proposed_amount: int | None
    decided_amount: int | None


def _check(check: ProposalCheck) -> HandledCheck:
    rule = RULES_BY_ID.get(check.rule)  # None for a rule of an earlier rule set, since removed
    if rule is not None and not rule.outcome_shown_to_applicant:
        return HandledCheck(
            title=rule.title,
            outcome=WITHHELD,
            outcome_label=_("a caseworker always looks at this"),
            explains=rule.explains,
        )
    return HandledCheck(
        title=rule.title if rule else check.rule,
        outcome=check.outcome,
        outcome_label=CheckOutcomeChoices(check.outcome).label
        if check.outcome in CheckOutcomeChoices.values
        else check.outcome,
        explains=rule.explains if rule else "",
    )


def handling_of_decision(decision: Decision) -> Handled | None:
    """How the decision's application was handled, or None when it was not made from a
    proposal (a first application, or a decision made by hand)."""
    proposal = (
        Proposal.objects.filter(decision=decision, household_id=decision.household_id)
        .prefetch_related(Prefetch("checks", queryset=ProposalCheck.objects.order_by("position")))
        .first()
    )
    if proposal is None:
        return None
    checks = tuple(_check(c) for c in proposal.checks.all())
    return Handled(
        proposal=proposal,
        checks=checks,
        full_assessment=proposal.outcome != ProposalOutcome.ALL_PASSED,
        failure_shown=any(c.outcome == CheckOutcomeChoices.FAILED for c in checks),
        by_sample=proposal.outcome == ProposalOutcome.SAMPLE,
        proposed_amount=proposal.proposed_amount,
        decided_amount=proposal.decided_amount
        if proposal.decided_amount is not None
        else decision.amount,
    )
