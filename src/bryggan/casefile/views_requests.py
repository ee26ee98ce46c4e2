"""Staff side of requests for documents and preliminary replies: ask from the case, see each
request's state (open, fulfilled, reviewed, overdue) and mark what came in as reviewed, give a
preliminary reply on a delayed application."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bryggan.accounts.decorators import requires
from bryggan.accounts.roles import Capability
from bryggan.casefile.forms_requests import DocumentRequestForm, PreliminaryReplyForm
from bryggan.casefile.selectors_requests import (
    application_get,
    application_replies,
    document_request_get,
    document_request_rows,
)
from bryggan.casefile.services_requests import (
    document_request_create,
    document_request_review,
    preliminary_reply_give,
)
from bryggan.core.errors import DomainError
from bryggan.people.access import Purpose, access_household
from bryggan.people.models import Household


def _case(request: HttpRequest, household_id: int) -> Household:
    """The case through the gate, read for casework (logged)."""
    return access_household(
        request.user,  # type: ignore[arg-type]
        household_id,
        purpose=Purpose.CASEWORK,
        request=request,
    )


@requires(Capability.VIEW_CASES)
def document_requests_view(request: HttpRequest, household_id: int) -> HttpResponse:
    """The case's requests for documents, and (for a user who manages documents) a new one."""
    household = _case(request, household_id)
    today = timezone.localdate()
    may_ask = request.user.can(Capability.MANAGE_DOCUMENTS)  # type: ignore[union-attr]
    form = DocumentRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not may_ask:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            try:
                document_request_create(
                    household=household,
                    kind=data["kind"],
                    what=data["what"],
                    last_day=data["last_day"],
                    month=data["month"],
                    by=request.user,  # type: ignore[arg-type]
                    today=today,
                )
            except DomainError as error:
                form.add_error(
                    error.field if error.field in form.fields else None, str(error.message)
                )
            else:
                messages.success(request, _("The request is sent to the applicant's My pages."))
                return redirect("casefile:document_requests", household_id=household.pk)
    return render(
        request,
        "casefile/requests_list.html",
        {
            "household": household,
            "rows": document_request_rows(household.pk, today=today),
            "form": form,
            "may_ask": may_ask,
            "applications": application_replies(household.pk, today=today),
        },
    )


@require_POST
@requires(Capability.MANAGE_DOCUMENTS)
def document_request_review_view(
    request: HttpRequest, household_id: int, request_id: int
) -> HttpResponse:
    """Mark what the applicant sent against one request as gone through: it leaves My work."""
    household = _case(request, household_id)
    document_request = document_request_get(household.pk, request_id)
    if document_request is None:
        raise Http404
    try:
        document_request_review(
            request=document_request,
            by=request.user,  # type: ignore[arg-type]
            now=timezone.now(),
        )
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request,
            _("Marked as reviewed: %(what)s.") % {"what": document_request.what},
        )
    return redirect("casefile:document_requests", household_id=household.pk)


@requires(Capability.DECIDE)
def preliminary_reply_view(
    request: HttpRequest, household_id: int, application_id: int
) -> HttpResponse:
    household = _case(request, household_id)
    application = application_get(household.pk, application_id)
    if application is None:
        raise Http404
    today = timezone.localdate()
    row = next(
        row
        for row in application_replies(household.pk, today=today)
        if row.application.pk == application.pk
    )
    form = PreliminaryReplyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            preliminary_reply_give(
                household=household,
                application=application,
                reason=form.cleaned_data["reason"],
                decision_by=form.cleaned_data["decision_by"],
                decided=row.decided,
                by=request.user,  # type: ignore[arg-type]
                today=today,
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error.message))
        else:
            messages.success(request, _("The preliminary reply is on the applicant's My pages."))
            return redirect("casefile:document_requests", household_id=household.pk)
    return render(
        request,
        "casefile/requests_reply.html",
        {"household": household, "row": row, "form": form},
    )
