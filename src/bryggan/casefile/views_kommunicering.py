"""Pages of kommunicering: record it for a draft decision (or the exception that applies), record
the client's answer, and the letter as a PDF."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bryggan.accounts.decorators import requires
from bryggan.accounts.roles import Capability
from bryggan.casefile.access_kommunicering import access_case_decision, access_kommunicering
from bryggan.casefile.forms_kommunicering import AnswerForm, KommuniceringForm
from bryggan.casefile.letters_kommunicering import kommunicering_letter_pdf
from bryggan.casefile.selectors_kommunicering import kommunicering_state
from bryggan.casefile.services_kommunicering import (
    kommunicering_answer_record,
    kommunicering_record,
)
from bryggan.core.errors import DomainError
from bryggan.people.access import Purpose


@requires(Capability.DECIDE)
def kommunicering_page(request: HttpRequest, household_id: int, decision_id: int) -> HttpResponse:
    household, decision = access_case_decision(
        request.user,  # type: ignore[arg-type]
        household_id,
        decision_id,
        purpose=Purpose.CASEWORK,
        request=request,
    )
    today = timezone.localdate()
    form = KommuniceringForm(request.POST or None, initial={"sent_on": today, "method": "letter"})
    if request.method == "POST" and form.is_valid():
        try:
            kommunicering_record(
                decision=decision,
                given=form.given(),
                by=request.user,  # type: ignore[arg-type]
                today=today,
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error.message))
        else:
            messages.success(request, _("The kommunicering is recorded."))
            return redirect(
                "casefile:kommunicering", household_id=household.pk, decision_id=decision.pk
            )
    return render(
        request,
        "casefile/kommunicering_page.html",
        {
            "household": household,
            "decision": decision,
            "form": form,
            "state": kommunicering_state(decision, today=today),
            "today": today,
        },
    )


@require_POST
@requires(Capability.DECIDE)
def kommunicering_answer(
    request: HttpRequest, household_id: int, decision_id: int, kommunicering_id: int
) -> HttpResponse:
    record = access_kommunicering(
        request.user,  # type: ignore[arg-type]
        household_id,
        decision_id,
        kommunicering_id,
        purpose=Purpose.CASEWORK,
        request=request,
    )
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the day of the answer and what the client answered."))
    else:
        try:
            kommunicering_answer_record(
                kommunicering=record,
                answered_on=form.cleaned_data["answered_on"],
                answer=form.cleaned_data["answer"],
                by=request.user,  # type: ignore[arg-type]
                today=timezone.localdate(),
            )
        except DomainError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("The client's answer is recorded."))
    return redirect("casefile:kommunicering", household_id=household_id, decision_id=decision_id)


@requires(Capability.VIEW_CASES)
def kommunicering_letter(
    request: HttpRequest, household_id: int, decision_id: int, kommunicering_id: int
) -> HttpResponse:
    record = access_kommunicering(
        request.user,  # type: ignore[arg-type]
        household_id,
        decision_id,
        kommunicering_id,
        purpose=Purpose.CASEWORK,
        request=request,
    )
    if record.is_exception:
        raise Http404
    household = record.household
    pdf = kommunicering_letter_pdf(
        record,
        unit_name=household.unit.name,
        caseworker_name=household.caseworker.get_full_name() if household.caseworker else "",
        case_number=household.case_number,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="kommunicering-{household.case_number}-{record.pk}.pdf"'
    )
    return response
