"""The caseworker's queue of pre-assessed renewals, one proposal with its decision form, signing
several all-passed proposals, the follow-up, and the published rules ("Så bedöms din ansökan")."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from bryggan.accounts.decorators import public, requires
from bryggan.accounts.models import User
from bryggan.accounts.roles import Capability
from bryggan.core.errors import DomainError
from bryggan.core.parsing import parse_id
from bryggan.core.templatetags.presentation import thousands
from bryggan.mypages.forms_apply import line_label
from bryggan.mypages.selectors_apply import member_names
from bryggan.norms.tables import legal_references
from bryggan.people.templatetags.people_tags import shown_name
from bryggan.preassessment import selectors
from bryggan.preassessment.access import access_proposal
from bryggan.preassessment.forms import ProposalDecisionForm, decision_input_from_initial
from bryggan.preassessment.models import Proposal
from bryggan.preassessment.rules import (
    RULES,
    RULES_BY_ID,
    RULESET_VERSION,
    CheckOutcome,
    ProposalOutcome,
    Rule,
)
from bryggan.preassessment.rules_followup import follow_up
from bryggan.preassessment.services import (
    proposal_decide,
    proposal_mark_shown,
    proposals_sign_many,
)

SOCIAL_SERVICES_ACT = "socialtjanstlag"
QUEUE_LIMIT = 500


def _source(rule: Rule) -> str:
    if rule.source_key:
        return legal_references().cite(SOCIAL_SERVICES_ACT, rule.source_key, timezone.localdate())
    return str(rule.source_note or "")


def _failed(rules: Iterable[str]) -> list[str]:
    """What did not pass, in a few words each (a rule of an earlier rule set since removed is
    left out)."""
    return [str(RULES_BY_ID[rule].failed) for rule in rules if rule in RULES_BY_ID]


def _failed_checks(proposal: Proposal) -> list[str]:
    return _failed(c.rule for c in proposal.checks.all() if c.outcome != CheckOutcome.PASSED)


def _summary(proposal: Proposal, failed: list[str]) -> str:
    """The proposal in one line, as its page says it."""
    if proposal.outcome == ProposalOutcome.ALL_PASSED:
        return _("All checks passed — grant %(amount)s kr as calculated") % {
            "amount": thousands(proposal.proposed_amount)
        }
    if proposal.outcome == ProposalOutcome.SAMPLE:
        return _("All checks passed — chosen at random for a full assessment")
    return f"{_('Needs assessment')}: {', '.join(failed)}"


def _detail_url() -> Callable[[int], str]:
    """A proposal's address from its id with one `reverse` for a page of 500, not one a row."""
    marker = "987654321"
    head, _marker, tail = reverse("preassessment:proposal_detail", args=[marker]).rpartition(marker)
    return lambda proposal_id: f"{head}{proposal_id}{tail}"


def _or_dash(amount: int | None) -> str:
    return "–" if amount is None else str(amount)


def _queue_rows(proposals: list[Proposal], viewer: User) -> list[dict[str, object]]:
    """Each row's texts made once here, so that a page of 500 renders quickly: the applicant's
    shown name, the link, the submitted time, the proposal in one line, the amounts."""
    ids = [p.pk for p in proposals]
    applicants = selectors.applicant_names([p.household_id for p in proposals])
    shown = selectors.shown_ids(viewer, ids)
    failed = selectors.failed_rules_of(ids)
    detail_url = _detail_url()
    rows: list[dict[str, object]] = []
    for p in proposals:
        applicant = applicants.get(p.household_id)
        all_passed = p.outcome == ProposalOutcome.ALL_PASSED
        rows.append(
            {
                "pk": p.pk,
                "month": p.month,
                "household_id": p.household_id,
                "name": shown_name(applicant.person, viewer) if applicant else "",
                "url": detail_url(p.pk),
                "submitted": timezone.localtime(p.submitted_at).strftime("%Y-%m-%d %H:%M"),
                "summary": _summary(p, _failed(failed.get(p.pk, ()))),
                "proposed": _or_dash(p.proposed_amount),
                "last": _or_dash(p.last_amount),
                "signable": all_passed and p.pk in shown,
                "open_first": all_passed and p.pk not in shown,
            }
        )
    return rows


@requires(Capability.DECIDE)
def queue(request: HttpRequest) -> HttpResponse:
    """The unit's proposals waiting for a decision, oldest first, each with the checks it did
    not pass."""
    proposals = list(selectors.queue_for_unit(request.user.unit)[:QUEUE_LIMIT])  # type: ignore[attr-defined]
    rows = _queue_rows(proposals, request.user)  # type: ignore[arg-type]
    return render(request, "preassessment/queue.html", {"rows": rows, "limit": QUEUE_LIMIT})


def _check_rows(proposal: Proposal) -> list[dict[str, Any]]:
    names = member_names(proposal.household)
    rows = []
    for check in proposal.checks.all():
        rule = RULES_BY_ID.get(check.rule)
        if rule is None:  # a rule of an earlier rule set, since removed
            continue
        details = [
            {
                "label": _("Amount for the month")
                if d["kind"] == "amount"
                else line_label(d["kind"], d["type"]),
                "whose": names.get(d["member"], ""),
                "before": d["before"],
                "after": d["after"],
            }
            for d in check.details
        ]
        rows.append({"rule": rule, "outcome": check.outcome, "details": details})
    return rows


@requires(Capability.DECIDE)
def proposal_detail(request: HttpRequest, renewal_proposal_id: int) -> HttpResponse:
    """One proposal: its checks, the lines and documents, and the decision form prefilled."""
    proposal = access_proposal(request.user, renewal_proposal_id, request=request)  # type: ignore[arg-type]
    initial = selectors.decision_initial(proposal)
    form = ProposalDecisionForm(
        request.POST or None, household_id=proposal.household_id, initial=initial
    )
    if proposal.decision_id is None and request.method == "GET":
        proposal_mark_shown(proposal=proposal, user=request.user, now=timezone.now())  # type: ignore[arg-type]
    if request.method == "POST" and proposal.decision_id is None and form.is_valid():
        try:
            decision = proposal_decide(
                proposal=proposal,
                data=form.decision_input(),
                by=request.user,  # type: ignore[arg-type]
                now=timezone.now(),
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error.message))
        else:
            messages.success(request, _("The decision is signed."))
            return redirect(
                "decisions:decision_detail",
                household_id=proposal.household_id,
                decision_id=decision.pk,
            )
    names = member_names(proposal.household)
    lines = [
        {
            "label": line_label(line.kind, line.type),
            "whose": names.get(line.member, ""),
            "line": line,
        }
        for line in proposal.online_application.lines.all()
    ]
    return render(
        request,
        "preassessment/proposal_detail.html",
        {
            "proposal": proposal,
            "household": proposal.household,
            "checks": _check_rows(proposal),
            "failed": _failed_checks(proposal),
            "lines": lines,
            "form": form,
        },
    )


@require_POST
@requires(Capability.DECIDE)
def sign_many(request: HttpRequest) -> HttpResponse:
    """Sign the chosen all-passed proposals as proposed, each shown to the signer before."""
    ids = [i for i in (parse_id(text) for text in request.POST.getlist("proposal")) if i]
    proposals = [access_proposal(request.user, i, request=request) for i in ids]  # type: ignore[arg-type]
    try:
        decisions = proposals_sign_many(
            proposals=proposals,
            inputs={
                p.pk: decision_input_from_initial(selectors.decision_initial(p)) for p in proposals
            },
            by=request.user,  # type: ignore[arg-type]
            now=timezone.now(),
        )
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request,
            ngettext("%(count)s decision signed.", "%(count)s decisions signed.", len(decisions))
            % {"count": len(decisions)},
        )
    return redirect("preassessment:queue")


@requires(Capability.VIEW_UNIT)
def followup(request: HttpRequest) -> HttpResponse:
    figures = follow_up(selectors.proposals_for_followup(request.user.unit))  # type: ignore[attr-defined]
    return render(request, "preassessment/followup.html", {"figures": figures})


@public
def rules_page(request: HttpRequest) -> HttpResponse:
    """The published checks, generated from the same list that runs ("Så bedöms din ansökan")."""
    rules = [{"rule": rule, "source": _source(rule)} for rule in RULES]
    return render(request, "preassessment/rules.html", {"rules": rules, "version": RULESET_VERSION})
