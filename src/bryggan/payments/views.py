"""Payment runs: what is payable, running the month, the file, returned payments, emergencies."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bryggan.accounts.decorators import requires
from bryggan.accounts.roles import Capability
from bryggan.audit.services import access_log_write, access_log_write_many
from bryggan.core.calendar import add_working_days, is_working_day
from bryggan.core.errors import DomainError
from bryggan.decisions.selectors import decision_get
from bryggan.payments import selectors
from bryggan.payments.forms import MarkForm, RunForm
from bryggan.payments.models import PaymentStatus
from bryggan.payments.services import payment_emergency, payment_mark, payment_run_execute
from bryggan.people.access import Purpose, access_household

PAYMENTS_PURPOSE = "payments"


@requires(Capability.RUN_PAYMENTS)
def run_list(request: HttpRequest) -> HttpResponse:
    payable = selectors.payable_decisions()
    today = timezone.localdate()
    first_bank_day = today if is_working_day(today) else add_working_days(today, 1)
    form = RunForm(initial={"execution_date": first_bank_day})
    return render(
        request,
        "payments/run_list.html",
        {
            "runs": selectors.payment_runs()[:50],
            "payable_count": len(payable),
            "payable_total": sum(p.amount for p in payable),
            "form": form,
        },
    )


@require_POST
@requires(Capability.RUN_PAYMENTS)
def run_execute(request: HttpRequest) -> HttpResponse:
    form = RunForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["execution_date"]))
        return redirect("payments:run_list")
    try:
        run = payment_run_execute(
            by=request.user,  # type: ignore[arg-type]
            execution_date=form.cleaned_data["execution_date"],
            now=timezone.now(),
        )
    except DomainError as error:
        messages.error(request, str(error.message))
        return redirect("payments:run_list")
    messages.success(
        request,
        _("%(count)s payments made, %(total)s kr.")
        % {"count": run.payment_count, "total": run.total},
    )
    return redirect("payments:run_detail", run_id=run.pk)


@requires(Capability.RUN_PAYMENTS)
def run_detail(request: HttpRequest, run_id: int) -> HttpResponse:
    run = selectors.payment_run_get(run_id)
    if run is None:
        raise Http404
    payments = list(selectors.payments_of_run(run, unit_id=request.user.unit_id))
    # The page names each paid case and its account: every case shown is a read of that case.
    access_log_write_many(
        user=request.user,
        object_type="payment",
        rows=[(p.pk, p.decision.household_id) for p in payments],
        purpose=PAYMENTS_PURPOSE,
        request=request,
    )
    return render(
        request,
        "payments/run_detail.html",
        {
            "run": run,
            "payments": payments,
            "mark_form": MarkForm(initial={"on": timezone.localdate()}),
        },
    )


@requires(Capability.RUN_PAYMENTS)
def run_file(request: HttpRequest, run_id: int) -> HttpResponse:
    run = selectors.payment_run_get(run_id)
    if run is None:
        raise Http404
    # The bank file holds every paid case's account: its download is logged as a read of the run.
    access_log_write(
        user=request.user,
        object_type="payment_run_file",
        object_id=run.pk,
        case_id=None,
        purpose=PAYMENTS_PURPOSE,
        request=request,
    )
    response = HttpResponse(bytes(run.file), content_type="application/xml")
    response["Content-Disposition"] = f'attachment; filename="{run.message_id}.xml"'
    return response


@require_POST
@requires(Capability.RUN_PAYMENTS)
def mark(request: HttpRequest, payment_id: int) -> HttpResponse:
    payment = selectors.payment_get(payment_id)
    # A manager records returns for the own unit's payments only.
    if payment is None or payment.decision.household.unit_id != request.user.unit_id:  # type: ignore[union-attr]
        raise Http404
    form = MarkForm(request.POST)
    if form.is_valid():
        try:
            payment_mark(
                payment=payment,
                status=PaymentStatus(form.cleaned_data["status"]),
                on=form.cleaned_data["on"],
                reason=form.cleaned_data["reason"],
                by=request.user,  # type: ignore[arg-type]
            )
        except DomainError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(
                request,
                _("The payment is recorded as %(status)s.")
                % {"status": payment.get_status_display()},
            )
    else:
        messages.error(request, _("Give what happened, the date and the reason."))
    return redirect("payments:run_detail", run_id=payment.run_id)


@require_POST
@requires(Capability.DECIDE)
def emergency(request: HttpRequest, household_id: int, decision_id: int) -> HttpResponse:
    household = access_household(
        request.user, household_id, purpose=Purpose.CASEWORK, request=request
    )  # type: ignore[arg-type]
    decision = decision_get(household, decision_id)
    if decision is None:
        raise Http404
    try:
        payment_emergency(decision=decision, by=request.user, now=timezone.now())  # type: ignore[arg-type]
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The emergency payment is made."))
    return redirect("decisions:decision_detail", household_id=household.pk, decision_id=decision.pk)
