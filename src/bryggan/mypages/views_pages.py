"""The applicant's own pages: requests for documents, decisions with their letters and appeals,
conditions and payments, the plan, activities and absences, one's own data. Every read goes
through `mypages.access` (logged, the applicant's own case only, "not found" otherwise)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bryggan.accounts.decorators import public, requires
from bryggan.accounts.roles import Capability
from bryggan.casefile.selectors_documents import DocumentIntegrityError, document_content
from bryggan.casefile.selectors_requests import document_request_rows
from bryggan.casefile.services_requests import document_request_answer
from bryggan.core.errors import DomainError
from bryggan.core.month import Month
from bryggan.decisions.letters import (
    appeal_instructions,
    decision_letter_file_name,
    decision_letter_render,
)
from bryggan.decisions.services import LETTER_FOR_DECISION
from bryggan.mypages.access import (
    access_own_case,
    access_own_decision,
    access_own_letter,
    access_own_request,
)
from bryggan.mypages.forms_pages import AbsenceForm, AppealForm, ContactForm, RequestUploadForm
from bryggan.mypages.selectors_handled import handling_of_decision
from bryggan.mypages.selectors_pages import (
    appeal_sent_by,
    attendance_of,
    conditions_for_month,
    contact_details_of,
    latest_plan_version,
    own_appeals,
    own_decisions,
    own_referral_get,
    own_referrals,
    payment_rows,
)
from bryggan.mypages.services_pages import (
    absence_report,
    appeal_send,
    contact_details_save,
    plan_sign,
)
from bryggan.people.letters_register_extract import register_extract_pdf
from bryggan.people.register_extract import register_extract_build, register_extract_json_text


def _form_error(form: object, error: DomainError) -> None:
    fields = getattr(form, "fields", {})
    form.add_error(error.field if error.field in fields else None, str(error.message))  # type: ignore[attr-defined]


# --- requests for documents -----------------------------------------------------------------


@requires(Capability.OWN_PAGES)
def requests_view(request: HttpRequest) -> HttpResponse:
    case = access_own_case(request.user, request=request)  # type: ignore[arg-type]
    rows = document_request_rows(case.household.pk, today=timezone.localdate())
    return render(request, "mypages/page_requests.html", {"rows": rows})


@requires(Capability.OWN_PAGES)
def request_upload_view(request: HttpRequest, request_id: int) -> HttpResponse:
    """Send a document against one request: the case's document checks apply."""
    case, document_request = access_own_request(
        request.user,  # type: ignore[arg-type]
        request_id,
        request=request,
    )
    if request.method == "POST":
        form = RequestUploadForm(request.POST, request.FILES)
    else:
        form = RequestUploadForm()
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            document_request_answer(
                request=document_request,
                file=upload,
                name=upload.name,
                by=request.user,  # type: ignore[arg-type]
                now=timezone.now(),
            )
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Thank you. We have received your document."))
            return redirect("mypages:requests")
    row = next(
        row
        for row in document_request_rows(case.household.pk, today=timezone.localdate())
        if row.request.pk == document_request.pk
    )
    return render(request, "mypages/page_request_upload.html", {"row": row, "form": form})


# --- decisions, letters, appeals -------------------------------------------------------------


@requires(Capability.OWN_PAGES)
def decisions_view(request: HttpRequest) -> HttpResponse:
    case = access_own_case(request.user, request=request)  # type: ignore[arg-type]
    return render(
        request,
        "mypages/page_decisions.html",
        {"decisions": own_decisions(case.household), "appeals": own_appeals(case.household)},
    )


@requires(Capability.OWN_PAGES)
def decision_detail_view(request: HttpRequest, decision_id: int) -> HttpResponse:
    case, decision = access_own_decision(
        request.user,  # type: ignore[arg-type]
        decision_id,
        request=request,
    )
    appeals = [
        (appeal, appeal_sent_by(appeal))
        for appeal in own_appeals(case.household).filter(decision=decision)
    ]
    return render(
        request,
        "mypages/page_decision.html",
        {
            "decision": decision,
            "instructions": appeal_instructions(decision, case.household.unit.name),
            "appeals": appeals,
            "form": AppealForm(),
            "handled": handling_of_decision(decision),
        },
    )


@requires(Capability.OWN_PAGES)
def decision_letter_view(request: HttpRequest, decision_id: int) -> HttpResponse:
    """The decision's letter as stored when it was signed, byte for byte."""
    case, decision = access_own_decision(
        request.user,  # type: ignore[arg-type]
        decision_id,
        request=request,
    )
    stored = access_own_letter(
        request.user,  # type: ignore[arg-type]
        case,
        letter_for_type=LETTER_FOR_DECISION,
        letter_for_id=decision.pk,
        request=request,
    )
    try:
        pdf = document_content(stored) if stored is not None else decision_letter_render(decision)
    except DocumentIntegrityError as error:
        raise Http404 from error
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        False, decision_letter_file_name(decision)
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@requires(Capability.OWN_PAGES)
def appeal_send_view(request: HttpRequest, decision_id: int) -> HttpResponse:
    """Send an appeal of the decision; it comes in today and goes to the unit's appeals."""
    case, decision = access_own_decision(
        request.user,  # type: ignore[arg-type]
        decision_id,
        request=request,
    )
    form = AppealForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            appeal_send(
                case=case,
                decision=decision,
                claims=form.cleaned_data["claims"],
                by=request.user,  # type: ignore[arg-type]
                now=timezone.now(),
                today=timezone.localdate(),
            )
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(
                request, _("Your appeal is sent. We will first look at the decision again.")
            )
            return redirect("mypages:decision_detail", decision_id=decision.pk)
    return render(
        request,
        "mypages/page_appeal.html",
        {
            "decision": decision,
            "instructions": appeal_instructions(decision, case.household.unit.name),
            "form": form,
        },
    )


# --- conditions and payments -----------------------------------------------------------------


@requires(Capability.OWN_PAGES)
def payments_view(request: HttpRequest) -> HttpResponse:
    case = access_own_case(request.user, request=request)  # type: ignore[arg-type]
    month = Month.of(timezone.localdate())
    return render(
        request,
        "mypages/page_payments.html",
        {
            "month": month,
            "conditions": [
                c for c in conditions_for_month(case.household, case.person, month) if c.required
            ],
            "payments": payment_rows(case.household),
        },
    )


# --- the plan, activities and absences -------------------------------------------------------


@requires(Capability.OWN_PAGES)
def plan_view(request: HttpRequest) -> HttpResponse:
    case = access_own_case(request.user, request=request)  # type: ignore[arg-type]
    version = latest_plan_version(case.household, case.person)
    return render(request, "mypages/page_plan.html", {"version": version})


@require_POST
@requires(Capability.OWN_PAGES)
def plan_sign_view(request: HttpRequest) -> HttpResponse:
    case = access_own_case(request.user, request=request)  # type: ignore[arg-type]
    try:
        plan_sign(
            case=case,
            version=latest_plan_version(case.household, case.person),
            now=timezone.now(),
        )
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("You have signed the plan."))
    return redirect("mypages:plan")


@requires(Capability.OWN_PAGES)
def activities_view(request: HttpRequest) -> HttpResponse:
    case = access_own_case(request.user, request=request)  # type: ignore[arg-type]
    referrals = [
        (referral, attendance_of(referral)[:10], referral.absence_reports.all()[:10])
        for referral in own_referrals(case.household, case.person)
    ]
    return render(request, "mypages/page_activities.html", {"referrals": referrals})


@requires(Capability.OWN_PAGES)
def absence_report_view(request: HttpRequest, referral_id: int) -> HttpResponse:
    """Report an absence and its reason: it goes to the work coach to judge."""
    case = access_own_case(request.user, request=request)  # type: ignore[arg-type]
    referral = own_referral_get(case.household, case.person, referral_id)
    if referral is None:
        raise Http404
    form = AbsenceForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            absence_report(
                case=case,
                referral=referral,
                day=form.cleaned_data["day"],
                reason=form.cleaned_data["reason"],
                by=request.user,  # type: ignore[arg-type]
                now=timezone.now(),
            )
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(
                request,
                _("Your absence is reported. Your work coach judges the reason and tells you."),
            )
            return redirect("mypages:activities")
    return render(request, "mypages/page_absence.html", {"referral": referral, "form": form})


# --- one's own data and notices --------------------------------------------------------------


@requires(Capability.OWN_PAGES)
def my_data_view(request: HttpRequest) -> HttpResponse:
    case = access_own_case(request.user, request=request)  # type: ignore[arg-type]
    details = contact_details_of(case.person)
    initial = (
        {"email": details.email, "phone": details.phone, "notify_by": details.notify_by}
        if details
        else {"notify_by": "none"}
    )
    form = ContactForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            contact_details_save(
                case=case,
                email=form.cleaned_data["email"],
                phone=form.cleaned_data["phone"],
                notify_by=form.cleaned_data["notify_by"],
                by=request.user,  # type: ignore[arg-type]
            )
        except DomainError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("mypages:my_data")
    return render(request, "mypages/page_my_data.html", {"form": form})


def _own_extract(request: HttpRequest) -> tuple[dict[str, object], str]:
    case = access_own_case(request.user, request=request)  # type: ignore[arg-type]
    # The person's own extract: a person with protected identity sees their own name.
    extract = register_extract_build(case.person, reveal_own=True, now=timezone.now())
    return extract, case.household.unit.name


@requires(Capability.OWN_PAGES)
def my_data_json_view(request: HttpRequest) -> HttpResponse:
    extract, _unit = _own_extract(request)
    response = HttpResponse(
        register_extract_json_text(extract), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="mina-uppgifter.json"'
    return response


@requires(Capability.OWN_PAGES)
def my_data_pdf_view(request: HttpRequest) -> HttpResponse:
    extract, unit_name = _own_extract(request)
    response = HttpResponse(
        register_extract_pdf(extract, unit_name=unit_name), content_type="application/pdf"
    )
    response["Content-Disposition"] = 'attachment; filename="mina-uppgifter.pdf"'
    return response


# --- accessibility statement (public, lag (2018:1937) 16 §) ----------------------------------


@public
def accessibility_view(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "mypages/page_accessibility.html",
        {"municipality": settings.BRYGGAN_MUNICIPALITY["name"]},
    )
