"""Pre-assessing renewals and deciding on proposals.

`proposals_create` runs the published checks on renewals (one or fifteen thousand: the facts are
gathered in one query per kind) and stores each proposal with the rule set's version. Nothing is
decided: `proposal_decide` is the caseworker's signature through the decisions app's own services
(calculation saved, decision drafted, signed under delegation), recording what was proposed and
what was decided. `proposals_sign_many` signs several all-passed proposals at once only when the
signer was shown each one's summary.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from bryggan.accounts.models import User
from bryggan.audit.services import change_record_write, change_records_write_many
from bryggan.casefile.services_documents import stored_files_removed_on_failure
from bryggan.core.bulk import rows_insert
from bryggan.core.errors import DomainError
from bryggan.core.month import Month
from bryggan.decisions.models import Decision
from bryggan.decisions.rules import Outcome
from bryggan.decisions.services import calculation_save, decision_draft_create, decision_sign
from bryggan.mypages.models import OnlineApplication, OnlineApplicationKind
from bryggan.preassessment import selectors
from bryggan.preassessment.models import Proposal, ProposalCheck, ProposalShown
from bryggan.preassessment.rules import (
    RULESET_VERSION,
    ProposalOutcome,
    failed_rules,
    preassess,
    ruleset_fingerprint,
)
from bryggan.reporting.selectors import reasons_for_household
from bryggan.reporting.services import reason_for_need_record

ALREADY_DECIDED = _("This proposal has already been decided.")
NOT_SHOWN = _(
    "Open each proposal and read its summary before signing several at once: %(count)s not yet "
    "shown to you."
)
NOT_ALL_PASSED = _("Only proposals where every check passed can be signed together.")
NOTHING_CHOSEN = _("Choose at least one proposal.")
NOT_A_RENEWAL = _("Only a renewal is pre-assessed.")

_system_random = random.SystemRandom()


def proposals_create(
    *,
    online_applications: Sequence[OnlineApplication],
    now: datetime,
    rng: random.Random | None = None,
) -> list[Proposal]:
    """Pre-assess renewals: each check's result, the outcome, the random sample among the
    all-passed (the unit's share, `rng` injectable for tests), in one transaction."""
    renewals = [o for o in online_applications if o.kind == OnlineApplicationKind.RENEWAL]
    if len(renewals) != len(online_applications):
        raise DomainError(NOT_A_RENEWAL)
    draw = rng or _system_random
    fingerprint = ruleset_fingerprint()
    with transaction.atomic():
        facts = selectors.renewal_facts(renewals, now=now)
        shares = {
            unit_id: selectors.settings_for(unit_id).sample_share_percent
            for unit_id in {o.household.unit_id for o in renewals}
        }
        assessed = [
            preassess(facts[o.pk], rng=draw, sample_share=shares[o.household.unit_id])
            for o in renewals
        ]
        proposals = Proposal.objects.bulk_create(
            [
                Proposal(
                    online_application=online,
                    household_id=online.household_id,
                    month=online.month,
                    outcome=result.outcome.value,
                    proposed_amount=online.preliminary_amount,
                    last_amount=facts[online.pk].last_amount,
                    ruleset_version=RULESET_VERSION,
                    ruleset_fingerprint=fingerprint,
                    submitted_at=online.submitted_at,
                    created_at=now,
                )
                for online, result in zip(renewals, assessed, strict=True)
            ],
            batch_size=500,
        )
        rows_insert(
            ProposalCheck,
            ("proposal", "position", "rule", "outcome", "details"),
            (
                (
                    proposal.pk,
                    position,
                    check.rule,
                    check.outcome.value,
                    [asdict(detail) for detail in check.details],
                )
                for proposal, result in zip(proposals, assessed, strict=True)
                for position, check in enumerate(result.results)
            ),
        )
        change_records_write_many(
            user=None,
            object_type="proposal",
            action="preassessed",
            rows=[
                (
                    proposal.household_id,
                    proposal.pk,
                    {
                        "outcome": proposal.outcome,
                        "proposed_amount": proposal.proposed_amount,
                        "failed": failed_rules(result.results),
                        "ruleset": RULESET_VERSION,
                    },
                )
                for proposal, result in zip(proposals, assessed, strict=True)
            ],
        )
    return proposals


def proposals_create_for_ids(
    *, ids: Sequence[int], now: datetime, rng: random.Random | None = None
) -> list[Proposal]:
    """Pre-assess the renewals with these ids in one batch (the benchmark's path)."""
    return proposals_create(
        online_applications=selectors.online_applications_for_preassessment(ids), now=now, rng=rng
    )


def proposal_mark_shown(*, proposal: Proposal, user: User, now: datetime) -> None:
    """Record that `user` was shown the proposal's summary (once; the first time counts)."""
    ProposalShown.objects.get_or_create(proposal=proposal, user=user, defaults={"shown_at": now})


@dataclass(frozen=True, slots=True)
class DecisionInput:
    """What the caseworker confirms or changes on the proposal's decision form."""

    outcome: Outcome
    amount: int
    deviation_reason: str
    reasons: str
    documents_checked: list[str]
    personal_visit_held: bool
    registered_at_af: bool
    clearing: str
    account: str
    carry_over_reasons_for_need: bool = False


def _carry_over_reasons(proposal: Proposal, by: User, now: datetime) -> None:
    """Record each adult's reason for need for the month as last month's, where none is
    recorded yet: only when the caseworker chose to (the checkbox on the form)."""
    previous = proposal.online_application.previous_decision
    if previous is None:
        return
    recorded = reasons_for_household(proposal.household_id, proposal.month)
    for person_id, reason in reasons_for_household(proposal.household_id, previous.month).items():
        if person_id not in recorded:
            reason_for_need_record(
                household=proposal.household,
                month=Month.parse(proposal.month),
                person=reason.person,
                code=reason.code,
                by=by,
                now=now,
            )


def proposal_decide(
    *, proposal: Proposal, data: DecisionInput, by: User, now: datetime
) -> Decision:
    """Sign the month's decision from the proposal: the renewal's calculation saved, the decision
    drafted and signed under the caseworker's delegation (all the decisions app's checks), and
    the proposed and decided amounts recorded. All or nothing."""
    with stored_files_removed_on_failure(), transaction.atomic():
        locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if locked.decision_id is not None:
            raise DomainError(ALREADY_DECIDED)
        household = proposal.household
        if data.carry_over_reasons_for_need:
            _carry_over_reasons(proposal, by, now)
        calculation = calculation_save(
            household=household, document=proposal.online_application.calculation_input, by=by
        )
        decision = decision_draft_create(
            household=household,
            month=proposal.month,
            kind="livelihood_support",
            outcome=data.outcome,
            calculation=calculation,
            amount=data.amount,
            deviation_reason=data.deviation_reason,
            reasons=data.reasons,
            documents_checked=data.documents_checked,
            personal_visit_held=data.personal_visit_held,
            registered_at_af=data.registered_at_af,
            clearing=data.clearing,
            account=data.account,
            by=by,
        )
        decision = decision_sign(decision=decision, by=by, now=now)
        Proposal.objects.filter(pk=locked.pk).update(
            decision=decision, decided_amount=decision.amount, decided_at=now, decided_by=by
        )
        change_record_write(
            user=by,
            case_id=household.pk,
            object_type="proposal",
            object_id=locked.pk,
            action="decided",
            changes={
                "decision": decision.pk,
                "proposed_amount": locked.proposed_amount,
                "decided_amount": decision.amount,
                "outcome": locked.outcome,
            },
        )
    return decision


def proposals_sign_many(
    *,
    proposals: Sequence[Proposal],
    inputs: dict[int, DecisionInput],
    by: User,
    now: datetime,
) -> list[Decision]:
    """Sign several all-passed proposals as proposed, each with its own decision, only if every
    one's summary was shown to the signer; all or nothing."""
    if not proposals:
        raise DomainError(NOTHING_CHOSEN)
    if any(p.outcome != ProposalOutcome.ALL_PASSED for p in proposals):
        raise DomainError(NOT_ALL_PASSED)
    unseen = {p.pk for p in proposals} - selectors.shown_ids(by, [p.pk for p in proposals])
    if unseen:
        raise DomainError(str(NOT_SHOWN) % {"count": len(unseen)})
    with stored_files_removed_on_failure(), transaction.atomic():
        return [proposal_decide(proposal=p, data=inputs[p.pk], by=by, now=now) for p in proposals]
