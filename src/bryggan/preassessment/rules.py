"""The published checks of a renewal (*förhandsbedömning*): pure rules, each with its source and a
sentence that explains it. Values in, values out; no ORM, no clock.

The result is a proposal, never a decision: "all checks passed — grant X kr as calculated" or
"needs assessment" with the checks that did not pass. A caseworker signs every decision.

The page "Så bedöms din ansökan" (`preassessment:rules_page`) is generated from `RULES`, so what
the applicant reads is what runs. A change of any rule is a new `RULESET_VERSION`, stored with
each proposal (tests/preassessment/test_rules.py fails on a changed rule with the same version).

Practice sources: Haninge and Haparanda meet everyone at each renewal, Klippan moved routine
renewals from assistants to get closer to clients; Trelleborg's robot decided renewals and was
criticised because nobody could see why (issue 17). Bryggan prepares, a person decides.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

RULESET_VERSION = "2026.12-1"

COST = "cost"
INCOME = "income"


class CheckOutcome(StrEnum):
    PASSED = "passed"
    FAILED = "failed"
    UNKNOWN = "unknown"  # the facts are not at hand: a person assesses


class ProposalOutcome(StrEnum):
    ALL_PASSED = "all_passed"
    NEEDS_ASSESSMENT = "needs_assessment"
    SAMPLE = "sample"  # every check passed, chosen at random for a full assessment anyway


@dataclass(frozen=True, slots=True)
class Line:
    """One cost or income of the application: `member` is the calculation's member id ("p12"),
    empty for the household; `previous` is last month's amount, None for a new line."""

    kind: str
    type: str
    member: str
    amount: int
    previous: int | None
    documented: bool = False

    @property
    def changed(self) -> bool:
        return self.previous is None or self.previous != self.amount


@dataclass(frozen=True, slots=True)
class RenewalFacts:
    """What the checks look at, gathered by `selectors.renewal_facts` for one renewal."""

    lines: tuple[Line, ...]
    members: frozenset[str]
    previous_members: frozenset[str] | None
    household_change_reported: bool
    proposed_amount: int | None
    last_amount: int | None
    af_required: bool
    af_registered: bool | None  # None: no status known yet
    visit_required: bool
    visit_held: bool
    plan_required: bool
    plan_signed: bool
    pending_sanctions: int
    has_children: bool
    children_assessed: bool
    new_concern: bool
    cost_threshold: int
    amount_threshold: int


@dataclass(frozen=True, slots=True)
class Detail:
    """A line behind a check's result: what it is, whose, and the amounts before and after."""

    kind: str
    type: str
    member: str
    before: int | None
    after: int | None


@dataclass(frozen=True, slots=True)
class CheckResult:
    rule: str
    outcome: CheckOutcome
    details: tuple[Detail, ...] = ()


@dataclass(frozen=True, slots=True)
class Rule:
    """A published check: `title` names it, `failed` says in a few words what did not pass,
    `explains` is the sentence the applicant reads; `source_key` a paragraph key of
    norms/data/legal_references.toml, or `source_note` where the rule is the unit's own.

    `outcome_shown_to_applicant` False: the rule is published, but its result on one application
    is not shown on My pages (the applicant reads "a caseworker always looks at this" whatever it
    was)."""

    id: str
    title: Promise
    failed: Promise
    explains: Promise
    check: Callable[[RenewalFacts], CheckResult]
    source_key: str = ""
    source_note: Promise | None = None
    outcome_shown_to_applicant: bool = True


def _detail(line: Line) -> Detail:
    return Detail(line.kind, line.type, line.member, line.previous, line.amount)


def _result(rule: str, passed: bool, details: Iterable[Detail] = ()) -> CheckResult:
    return CheckResult(rule, CheckOutcome.PASSED if passed else CheckOutcome.FAILED, tuple(details))


def _condition(rule: str, required: bool, met: bool | None) -> CheckResult:
    if not required:
        return CheckResult(rule, CheckOutcome.PASSED)
    if met is None:
        return CheckResult(rule, CheckOutcome.UNKNOWN)
    return _result(rule, met)


def incomes_unchanged(facts: RenewalFacts) -> CheckResult:
    """Every income is what it was last month: none changed, none new, none ended."""
    changed = [_detail(x) for x in facts.lines if x.kind == INCOME and x.changed]
    return _result("incomes_unchanged", not changed, changed)


def costs_within_threshold(facts: RenewalFacts) -> CheckResult:
    """No cost moved more than the unit's threshold from last month, and no new kind of cost."""
    changed = [
        _detail(x)
        for x in facts.lines
        if x.kind == COST
        and (x.previous is None or abs(x.amount - x.previous) > facts.cost_threshold)
    ]
    return _result("costs_within_threshold", not changed, changed)


def changes_documented(facts: RenewalFacts) -> CheckResult:
    """Every changed or new line (an income ended counts) comes with a document."""
    missing = [_detail(x) for x in facts.lines if x.changed and not x.documented]
    return _result("changes_documented", not missing, missing)


def af_registration(facts: RenewalFacts) -> CheckResult:
    """Registered at Arbetsförmedlingen, where the unit requires it; unknown if no status yet."""
    return _condition("af_registration", facts.af_required, facts.af_registered)


def personal_visit(facts: RenewalFacts) -> CheckResult:
    """A personal visit this month, where the unit requires it."""
    return _condition("personal_visit", facts.visit_required, facts.visit_held)


def signed_plan(facts: RenewalFacts) -> CheckResult:
    """Every adult has a current signed plan, where the unit requires it."""
    return _condition("signed_plan", facts.plan_required, facts.plan_signed)


def no_pending_sanctions(facts: RenewalFacts) -> CheckResult:
    """No unexcused absence waits as a sanction proposal not yet decided."""
    return _result("no_pending_sanctions", facts.pending_sanctions == 0)


def household_unchanged(facts: RenewalFacts) -> CheckResult:
    """The same persons as last month, and the applicant reported no change."""
    same = facts.previous_members is not None and facts.members == facts.previous_members
    return _result("household_unchanged", same and not facts.household_change_reported)


def amount_close(proposed: int | None, last: int | None, threshold: int) -> CheckOutcome:
    """Whether the calculated amount lies within `threshold` kronor of last month's decided
    amount, either way; unknown without both amounts."""
    if proposed is None or last is None:
        return CheckOutcome.UNKNOWN
    return CheckOutcome.PASSED if abs(proposed - last) <= threshold else CheckOutcome.FAILED


def amount_close_to_last(facts: RenewalFacts) -> CheckResult:
    """The calculated amount against last month's decided amount."""
    outcome = amount_close(facts.proposed_amount, facts.last_amount, facts.amount_threshold)
    details = ()
    if outcome is CheckOutcome.FAILED:
        details = (Detail("amount", "amount", "", facts.last_amount, facts.proposed_amount),)
    return CheckResult("amount_close_to_last", outcome, details)


def children_assessed(facts: RenewalFacts) -> CheckResult:
    """A household with children had its situation assessed within the unit's period."""
    return _result("children_assessed", not facts.has_children or facts.children_assessed)


def no_new_concern(facts: RenewalFacts) -> CheckResult:
    """No concern about a child noted in the journal since last month's decision."""
    return _result("no_new_concern", not facts.new_concern)


UNIT_CONDITION = _("The unit's conditions for payment, decided by the social welfare board.")
UNIT_ROUTINE = _("The unit's routine for renewals, decided by the social welfare board.")

RULES: tuple[Rule, ...] = (
    Rule(
        "incomes_unchanged",
        _("Incomes since last month"),
        _("income changed"),
        _(
            "Every income of the household counts against the need. If an income is new, has "
            "changed or has ended since last month, a caseworker looks at it."
        ),
        incomes_unchanged,
        source_key="right_to_assistance",
    ),
    Rule(
        "costs_within_threshold",
        _("Costs since last month"),
        _("cost changed"),
        _(
            "Housing and other costs are paid as far as they are reasonable. If a cost has "
            "changed by more than the unit's threshold, or a new kind of cost is asked for, a "
            "caseworker looks at it."
        ),
        costs_within_threshold,
        source_key="reasonable_costs",
    ),
    Rule(
        "changes_documented",
        _("Documents for what changed"),
        _("a change without a document"),
        _(
            "Each new or changed amount needs a document that shows it, such as a payslip, a "
            "rent notice or an invoice."
        ),
        changes_documented,
        source_key="right_to_assistance",
    ),
    Rule(
        "af_registration",
        _("Registered at Arbetsförmedlingen"),
        _("registration at Arbetsförmedlingen not confirmed"),
        _(
            "If the unit requires it, you are registered as a job seeker at Arbetsförmedlingen. "
            "If Bryggan has no information about it yet, a caseworker checks."
        ),
        af_registration,
        source_note=UNIT_CONDITION,
    ),
    Rule(
        "personal_visit",
        _("Personal visit this month"),
        _("no personal visit this month"),
        _("If the unit requires it, you have met your caseworker or coach this month."),
        personal_visit,
        source_note=UNIT_CONDITION,
    ),
    Rule(
        "signed_plan",
        _("A signed plan"),
        _("no current signed plan"),
        _("If the unit requires it, each adult has a current plan that they have signed."),
        signed_plan,
        source_note=UNIT_ROUTINE,
    ),
    Rule(
        "no_pending_sanctions",
        _("Absences not yet judged"),
        _("an absence waits to be judged"),
        _(
            "If you have been absent from an activity without a reason given, and it has not "
            "yet been judged, a caseworker looks at it before anything is decided."
        ),
        no_pending_sanctions,
        source_key="sanction",
    ),
    Rule(
        "household_unchanged",
        _("The household"),
        _("the household changed"),
        _(
            "If someone has moved in or out since last month, or you tell us the household has "
            "changed, a caseworker looks at it."
        ),
        household_unchanged,
        source_key="right_to_assistance",
    ),
    Rule(
        "amount_close_to_last",
        _("The amount against last month's"),
        _("the amount differs from last month's"),
        _(
            "If the calculated amount differs from last month's decided amount by more than the "
            "unit's threshold, a caseworker looks at why."
        ),
        amount_close_to_last,
        source_note=UNIT_ROUTINE,
    ),
    Rule(
        "children_assessed",
        _("Children's situation assessed"),
        _("the children's situation not assessed recently"),
        _(
            "In a household with children, a caseworker assesses the children's situation "
            "regularly. If that was longer ago than the unit's period, the application always "
            "gets a full assessment."
        ),
        children_assessed,
        source_key="best_interest_of_child",
    ),
    Rule(
        "no_new_concern",
        _("No new concern"),
        _("a new concern in the journal"),
        _(
            "If a concern about a child has been noted since last month, the application always "
            "gets a full assessment."
        ),
        no_new_concern,
        source_key="best_interest_of_child",
        # A failed check would tell the applicant that someone reported a concern about their
        # child. Information about the child's circumstances is secret unless it is clear that
        # disclosing it harms no one (OSL 2009:400 26 kap. 1 §); whether and how a guardian is told
        # is for the child-protection work to weigh, not for an automatic page.
        outcome_shown_to_applicant=False,
    ),
)
RULES_BY_ID = {rule.id: rule for rule in RULES}


def ruleset_fingerprint() -> str:
    """A digest of the rule list's ids, sources and English texts: a changed rule changes it."""
    text = "\n".join(
        "|".join(
            (
                rule.id,
                rule.source_key,
                str(rule.source_note or ""),
                str(rule.title),
                str(rule.explains),
                rule.check.__name__,
            )
        )
        for rule in RULES
    )
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def run_checks(facts: RenewalFacts) -> tuple[CheckResult, ...]:
    """Every published check, in the published order."""
    return tuple(rule.check(facts) for rule in RULES)


def is_sampled(rng: random.Random, share_percent: int) -> bool:
    """Whether an all-passed proposal goes to full assessment anyway (the unit's random share)."""
    return rng.random() * 100 < share_percent


def proposal_outcome(results: Iterable[CheckResult], *, sampled: bool) -> ProposalOutcome:
    if any(result.outcome is not CheckOutcome.PASSED for result in results):
        return ProposalOutcome.NEEDS_ASSESSMENT
    return ProposalOutcome.SAMPLE if sampled else ProposalOutcome.ALL_PASSED


@dataclass(frozen=True, slots=True)
class Assessed:
    outcome: ProposalOutcome
    results: tuple[CheckResult, ...] = field(default_factory=tuple)


def preassess(facts: RenewalFacts, *, rng: random.Random, sample_share: int) -> Assessed:
    """The checks and the proposal's outcome; the random draw only for all-passed proposals."""
    results = run_checks(facts)
    all_passed = all(result.outcome is CheckOutcome.PASSED for result in results)
    sampled = all_passed and is_sampled(rng, sample_share)
    return Assessed(proposal_outcome(results, sampled=sampled), results)


def failed_rules(results: Iterable[CheckResult]) -> list[str]:
    return [result.rule for result in results if result.outcome is not CheckOutcome.PASSED]
