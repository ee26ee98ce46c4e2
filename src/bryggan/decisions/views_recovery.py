"""Recovery pages: a case's claims, register an overpayment, a claim with its decisions, plan,
repayments, waivers and police reports, the letters, and the unit's claims whose limit is near."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bryggan.accounts.decorators import request_unit, requires
from bryggan.accounts.roles import Capability
from bryggan.casefile.views_documents import letter_response
from bryggan.core.errors import DomainError
from bryggan.core.month import Month
from bryggan.decisions import selectors_recovery as selectors
from bryggan.decisions.forms_recovery import (
    RecoveryClaimForm,
    RecoveryDecisionForm,
    RecoveryPlanForm,
    RecoveryPoliceReportForm,
    RecoveryReceivedForm,
    RecoveryRepaymentForm,
    RecoveryWaiverForm,
)
from bryggan.decisions.letters_recovery import (
    recovery_legal_ground,
    recovery_letter_file_name,
    recovery_letter_pdf,
)
from bryggan.decisions.models import RecoveryClaim, RecoveryDecision, RecoveryDecisionKind
from bryggan.decisions.rules import RecoveryGround, repayment_instalments
from bryggan.decisions.services_recovery import (
    LETTER_FOR_RECOVERY,
    recovery_claim_register,
    recovery_decision_draft,
    recovery_decision_record_receipt,
    recovery_decision_sign,
    recovery_plan_create,
    recovery_police_report_record,
    recovery_repayment_record,
    recovery_waiver_draft,
)
from bryggan.people.access import Purpose, access_household
from bryggan.people.models import Household

DETAIL = "decisions:recovery_detail"


def _household(request: HttpRequest, household_id: int) -> Household:
    return access_household(request.user, household_id, purpose=Purpose.CASEWORK, request=request)  # type: ignore[arg-type]


def _claim(request: HttpRequest, household_id: int, claim_id: int) -> RecoveryClaim:
    household = _household(request, household_id)
    claim = selectors.recovery_claim_get(household, claim_id)
    if claim is None:
        raise Http404
    return claim


@requires(Capability.VIEW_CASES)
def recovery_list(request: HttpRequest, household_id: int) -> HttpResponse:
    household = _household(request, household_id)
    claims = selectors.recovery_claims_for_household(household.pk)
    return render(
        request, "decisions/recovery_list.html", {"household": household, "claims": claims}
    )


@requires(Capability.DECIDE)
def recovery_register(request: HttpRequest, household_id: int) -> HttpResponse:
    household = _household(request, household_id)
    form = RecoveryClaimForm(
        request.POST or None, payments=selectors.payments_to_claim(household.pk)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            claim = recovery_claim_register(
                household=household,
                payments=list(data["payments"]),
                ground=RecoveryGround(data["ground"]),
                facts=data["facts"],
                amount=data["amount"],
                by=request.user,  # type: ignore[arg-type]
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error.message))
        else:
            messages.success(request, _("The overpayment is registered. Draft the decision."))
            return redirect(DETAIL, household_id=household.pk, claim_id=claim.pk)
    return render(
        request, "decisions/recovery_register.html", {"household": household, "form": form}
    )


def _detail(request: HttpRequest, claim: RecoveryClaim, **bound: forms.Form) -> HttpResponse:
    decisions = list(claim.decisions.all())
    recovery = next((d for d in decisions if d.kind == RecoveryDecisionKind.RECOVERY), None)
    plan = next(iter(claim.plans.all()), None)
    instalments = (
        repayment_instalments(
            total=plan.total, per_month=plan.monthly_amount, first=Month.parse(plan.first_month)
        )
        if plan
        else ()
    )
    initial_reasons = {"reasons": claim.facts}
    forms_ = {
        "decision_form": RecoveryDecisionForm(initial=initial_reasons),
        "waiver_form": RecoveryWaiverForm(),
        "plan_form": RecoveryPlanForm(
            initial={"first_month": str(Month.of(timezone.localdate()).plus(1))}
        ),
        "repayment_form": RecoveryRepaymentForm(initial={"received_on": timezone.localdate()}),
        "police_form": RecoveryPoliceReportForm(initial={"reported_on": timezone.localdate()}),
        "received_form": RecoveryReceivedForm(),
    } | bound
    return render(
        request,
        "decisions/recovery_detail.html",
        {
            "household": claim.household,
            "claim": claim,
            "balance": claim.balance,  # type: ignore[attr-defined]
            "recovery": recovery,
            "waivers": [d for d in decisions if d.kind == RecoveryDecisionKind.WAIVER],
            "plan": plan,
            "instalments": instalments,
            "legal_ground": recovery_legal_ground(claim),
            **forms_,
        },
    )


@requires(Capability.VIEW_CASES)
def recovery_detail(request: HttpRequest, household_id: int, claim_id: int) -> HttpResponse:
    return _detail(request, _claim(request, household_id, claim_id))


def _act(
    request: HttpRequest,
    claim: RecoveryClaim,
    *,
    form: forms.Form,
    name: str,
    action: Callable[[dict[str, Any]], object],
    done: str,
) -> HttpResponse:
    """Run one service with a valid form; on refusal show the claim again with what was typed."""
    if form.is_valid():
        try:
            action(form.cleaned_data)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error.message))
        else:
            messages.success(request, done)
            return redirect(DETAIL, household_id=claim.household_id, claim_id=claim.pk)
    return _detail(request, claim, **{name: form})


@require_POST
@requires(Capability.DECIDE)
def recovery_decision_create(
    request: HttpRequest, household_id: int, claim_id: int
) -> HttpResponse:
    claim = _claim(request, household_id, claim_id)
    return _act(
        request,
        claim,
        form=RecoveryDecisionForm(request.POST),
        name="decision_form",
        action=lambda data: recovery_decision_draft(
            claim=claim,
            reasons=data["reasons"],
            by=request.user,  # type: ignore[arg-type]
        ),
        done=_("The recovery decision is drafted. Check it and sign it."),
    )


@require_POST
@requires(Capability.DECIDE)
def recovery_waiver_create(request: HttpRequest, household_id: int, claim_id: int) -> HttpResponse:
    claim = _claim(request, household_id, claim_id)
    return _act(
        request,
        claim,
        form=RecoveryWaiverForm(request.POST),
        name="waiver_form",
        action=lambda data: recovery_waiver_draft(
            claim=claim,
            amount=data["amount"],
            reasons=data["reasons"],
            by=request.user,  # type: ignore[arg-type]
        ),
        done=_("The waiver is drafted. Check it and sign it."),
    )


def _decision(claim: RecoveryClaim, decision_id: int) -> RecoveryDecision:
    decision = selectors.recovery_decision_get(claim, decision_id)
    if decision is None:
        raise Http404
    return decision


@require_POST
@requires(Capability.DECIDE)
def recovery_decision_sign_view(
    request: HttpRequest, household_id: int, claim_id: int, recovery_decision_id: int
) -> HttpResponse:
    claim = _claim(request, household_id, claim_id)
    decision = _decision(claim, recovery_decision_id)
    try:
        recovery_decision_sign(decision=decision, by=request.user, now=timezone.now())  # type: ignore[arg-type]
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The decision is signed."))
    return redirect(DETAIL, household_id=claim.household_id, claim_id=claim.pk)


@require_POST
@requires(Capability.DECIDE)
def recovery_decision_received(
    request: HttpRequest, household_id: int, claim_id: int, recovery_decision_id: int
) -> HttpResponse:
    claim = _claim(request, household_id, claim_id)
    decision = _decision(claim, recovery_decision_id)
    return _act(
        request,
        claim,
        form=RecoveryReceivedForm(request.POST),
        name="received_form",
        action=lambda data: recovery_decision_record_receipt(
            decision=decision,
            received_on=data["received_on"],
            today=timezone.localdate(),
            by=request.user,  # type: ignore[arg-type]
        ),
        done=_("The day the decision was received is recorded."),
    )


@requires(Capability.VIEW_CASES)
def recovery_letter(
    request: HttpRequest, household_id: int, claim_id: int, recovery_decision_id: int
) -> HttpResponse:
    claim = _claim(request, household_id, claim_id)
    decision = _decision(claim, recovery_decision_id)
    if not decision.is_signed:
        raise Http404
    return letter_response(
        request,
        claim.household,
        letter_for_type=LETTER_FOR_RECOVERY,
        letter_for_id=decision.pk,
        file_name=recovery_letter_file_name(decision),
        render_letter=lambda: recovery_letter_pdf(decision, unit_name=claim.household.unit.name),
    )


@require_POST
@requires(Capability.DECIDE)
def recovery_plan(request: HttpRequest, household_id: int, claim_id: int) -> HttpResponse:
    claim = _claim(request, household_id, claim_id)
    return _act(
        request,
        claim,
        form=RecoveryPlanForm(request.POST),
        name="plan_form",
        action=lambda data: recovery_plan_create(
            claim=claim,
            monthly_amount=data["monthly_amount"],
            first_month=data["first_month"],
            by=request.user,  # type: ignore[arg-type]
        ),
        done=_("The repayment plan is recorded."),
    )


@require_POST
@requires(Capability.DECIDE)
def recovery_repayment(request: HttpRequest, household_id: int, claim_id: int) -> HttpResponse:
    claim = _claim(request, household_id, claim_id)
    return _act(
        request,
        claim,
        form=RecoveryRepaymentForm(request.POST),
        name="repayment_form",
        action=lambda data: recovery_repayment_record(
            claim=claim,
            received_on=data["received_on"],
            amount=data["amount"],
            today=timezone.localdate(),
            by=request.user,  # type: ignore[arg-type]
        ),
        done=_("The repayment is recorded."),
    )


@require_POST
@requires(Capability.DECIDE)
def recovery_police_report(request: HttpRequest, household_id: int, claim_id: int) -> HttpResponse:
    claim = _claim(request, household_id, claim_id)
    return _act(
        request,
        claim,
        form=RecoveryPoliceReportForm(request.POST),
        name="police_form",
        action=lambda data: recovery_police_report_record(
            claim=claim,
            reported_on=data["reported_on"],
            police_reference=data["police_reference"],
            today=timezone.localdate(),
            by=request.user,  # type: ignore[arg-type]
        ),
        done=_("The police report is recorded."),
    )


@requires(Capability.DECIDE)
def recovery_expiring(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    window = settings.BRYGGAN_RECOVERY_LIMIT_WARNING_DAYS
    rows = selectors.recovery_claims_expiring(
        request_unit(request), today=today, window_days=window
    )
    return render(
        request,
        "decisions/recovery_expiring.html",
        {"rows": rows, "today": today, "window": window},
    )
