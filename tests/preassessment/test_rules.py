"""Each published check on hand-made facts, the amount comparison's properties, the outcome, the
sample and the rule set's version."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bryggan.preassessment.rules import (
    RULES,
    RULESET_VERSION,
    CheckOutcome,
    Line,
    ProposalOutcome,
    RenewalFacts,
    amount_close,
    is_sampled,
    preassess,
    ruleset_fingerprint,
    run_checks,
)

RENT = Line("cost", "housing", "", 5000, 5000, False)
SALARY = Line("income", "employment", "p1", 3000, 3000, False)
FACTS = RenewalFacts(
    lines=(RENT, SALARY),
    members=frozenset({"p1"}),
    previous_members=frozenset({"p1"}),
    household_change_reported=False,
    proposed_amount=6180,
    last_amount=6180,
    af_required=False,
    af_registered=None,
    visit_required=False,
    visit_held=False,
    plan_required=False,
    plan_signed=False,
    pending_sanctions=0,
    has_children=False,
    children_assessed=False,
    new_concern=False,
    cost_threshold=200,
    amount_threshold=500,
)

# The version and the fingerprint of the rules it names: change a rule, and this fails until the
# version is raised (and this line with it), so every proposal names the rules that made it.
PUBLISHED = {"2026.12-1": ruleset_fingerprint()}


def outcomes(facts: RenewalFacts) -> dict[str, CheckOutcome]:
    return {result.rule: result.outcome for result in run_checks(facts)}


def failing(facts: RenewalFacts) -> set[str]:
    return {rule for rule, outcome in outcomes(facts).items() if outcome is not CheckOutcome.PASSED}


def test_unchanged_facts_pass_every_check() -> None:
    assert failing(FACTS) == set()


def test_the_rule_set_version_names_these_rules() -> None:
    assert PUBLISHED[RULESET_VERSION] == ruleset_fingerprint()
    assert len({rule.id for rule in RULES}) == len(RULES)
    assert all(rule.source_key or rule.source_note for rule in RULES)


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ((RENT, replace(SALARY, amount=3500)), {"incomes_unchanged", "changes_documented"}),
        (
            (RENT, replace(SALARY, amount=3500, documented=True)),
            {"incomes_unchanged"},
        ),
        ((RENT, replace(SALARY, amount=0, documented=True)), {"incomes_unchanged"}),
        (
            (RENT, SALARY, Line("income", "housing_allowance", "", 900, None, True)),
            {"incomes_unchanged"},
        ),
    ],
    ids=["changed", "changed-documented", "ended", "new"],
)
def test_incomes(lines: tuple[Line, ...], expected: set[str]) -> None:
    assert failing(replace(FACTS, lines=lines)) == expected


@pytest.mark.parametrize(
    ("rent", "passes"), [(5200, True), (4800, True), (5201, False), (4799, False)]
)
def test_a_cost_change_up_to_the_threshold_passes(rent: int, passes: bool) -> None:
    lines = (replace(RENT, amount=rent, documented=True), SALARY)
    assert ("costs_within_threshold" not in failing(replace(FACTS, lines=lines))) is passes


def test_a_new_kind_of_cost_fails_however_small() -> None:
    lines = (RENT, SALARY, Line("cost", "home_insurance", "", 50, None, True))
    assert failing(replace(FACTS, lines=lines)) == {"costs_within_threshold"}


def test_a_changed_line_without_a_document_is_named() -> None:
    result = {r.rule: r for r in run_checks(replace(FACTS, lines=(replace(RENT, amount=5100),)))}
    check = result["changes_documented"]
    assert check.outcome is CheckOutcome.FAILED
    assert [(d.type, d.before, d.after) for d in check.details] == [("housing", 5000, 5100)]


@pytest.mark.parametrize(
    ("required", "registered", "expected"),
    [
        (False, None, CheckOutcome.PASSED),
        (True, True, CheckOutcome.PASSED),
        (True, False, CheckOutcome.FAILED),
        (True, None, CheckOutcome.UNKNOWN),
    ],
)
def test_af_registration(required: bool, registered: bool | None, expected: CheckOutcome) -> None:
    facts = replace(FACTS, af_required=required, af_registered=registered)
    assert outcomes(facts)["af_registration"] is expected


@pytest.mark.parametrize(
    ("required", "held", "expected"),
    [
        (False, False, CheckOutcome.PASSED),
        (True, True, CheckOutcome.PASSED),
        (True, False, CheckOutcome.FAILED),
    ],
)
def test_personal_visit(required: bool, held: bool, expected: CheckOutcome) -> None:
    assert (
        outcomes(replace(FACTS, visit_required=required, visit_held=held))["personal_visit"]
        is expected
    )


def test_signed_plan() -> None:
    assert outcomes(replace(FACTS, plan_required=True))["signed_plan"] is CheckOutcome.FAILED
    signed = replace(FACTS, plan_required=True, plan_signed=True)
    assert outcomes(signed)["signed_plan"] is CheckOutcome.PASSED


def test_pending_sanctions() -> None:
    assert failing(replace(FACTS, pending_sanctions=1)) == {"no_pending_sanctions"}


@pytest.mark.parametrize(
    "facts",
    [
        replace(FACTS, household_change_reported=True),
        replace(FACTS, members=frozenset({"p1", "p2"})),
        replace(FACTS, previous_members=None),
    ],
    ids=["reported", "someone-moved-in", "no-last-month"],
)
def test_household_change(facts: RenewalFacts) -> None:
    assert "household_unchanged" in failing(facts)


def test_children_and_concerns_always_need_assessment() -> None:
    assert failing(replace(FACTS, has_children=True)) == {"children_assessed"}
    assert failing(replace(FACTS, has_children=True, children_assessed=True)) == set()
    assert failing(replace(FACTS, new_concern=True)) == {"no_new_concern"}


def test_amount_check_names_both_amounts() -> None:
    result = {r.rule: r for r in run_checks(replace(FACTS, proposed_amount=7000))}
    check = result["amount_close_to_last"]
    assert check.outcome is CheckOutcome.FAILED
    assert (check.details[0].before, check.details[0].after) == (6180, 7000)


kronor = st.integers(min_value=0, max_value=200_000)


@given(kronor, kronor, kronor)
def test_amount_comparison_is_symmetric(a: int, b: int, threshold: int) -> None:
    assert amount_close(a, b, threshold) is amount_close(b, a, threshold)


@given(kronor, kronor, kronor, st.integers(min_value=0, max_value=10_000))
def test_a_larger_threshold_never_fails_what_a_smaller_passed(
    a: int, b: int, threshold: int, more: int
) -> None:
    if amount_close(a, b, threshold) is CheckOutcome.PASSED:
        assert amount_close(a, b, threshold + more) is CheckOutcome.PASSED


@given(kronor, kronor)
def test_an_unchanged_amount_always_passes_and_the_threshold_is_the_edge(
    a: int, threshold: int
) -> None:
    assert amount_close(a, a, 0) is CheckOutcome.PASSED
    assert amount_close(a, a + threshold, threshold) is CheckOutcome.PASSED
    assert amount_close(a, a + threshold + 1, threshold) is CheckOutcome.FAILED


@given(st.one_of(st.none(), kronor), st.one_of(st.none(), kronor), kronor)
def test_without_both_amounts_the_comparison_is_unknown(
    a: int | None, b: int | None, threshold: int
) -> None:
    outcome = amount_close(a, b, threshold)
    assert (outcome is CheckOutcome.UNKNOWN) is (a is None or b is None)


def test_the_sample_draws_only_among_all_passed() -> None:
    assert (
        preassess(FACTS, rng=random.Random(1), sample_share=100).outcome is ProposalOutcome.SAMPLE
    )
    assert (
        preassess(FACTS, rng=random.Random(1), sample_share=0).outcome is ProposalOutcome.ALL_PASSED
    )
    failing_facts = replace(FACTS, new_concern=True)
    assert (
        preassess(failing_facts, rng=random.Random(1), sample_share=100).outcome
        is ProposalOutcome.NEEDS_ASSESSMENT
    )


def test_the_sample_share_is_kept_over_many_draws() -> None:
    rng = random.Random(42)
    drawn = sum(is_sampled(rng, 10) for _ in range(10_000))
    assert 900 < drawn < 1100
