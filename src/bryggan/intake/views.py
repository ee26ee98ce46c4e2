"""Intake pages: register an application, see its first meeting, mark it, the overdue list."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bryggan.accounts.decorators import request_unit, requires
from bryggan.accounts.roles import Capability
from bryggan.core.errors import DomainError
from bryggan.core.month import Month
from bryggan.intake.access import access_application
from bryggan.intake.forms import ApplicationForm, MeetingMarkForm
from bryggan.intake.models import MeetingStatus
from bryggan.intake.selectors import overdue_first_meetings, recent_applications
from bryggan.intake.services import (
    MEETING_NOT_BOOKED,
    CaseloadCapWarning,
    application_register,
    first_meeting_mark,
)
from bryggan.people.access import Purpose


@requires(Capability.REGISTER_APPLICATION)
def application_create(request: HttpRequest) -> HttpResponse:
    unit = request_unit(request)
    initial = {
        "received_at": timezone.localtime().replace(second=0, microsecond=0),
        "month": str(Month.of(timezone.localdate())),
    }
    form = ApplicationForm(
        request.POST or None, unit=unit, today=timezone.localdate(), initial=initial
    )
    cap_warning = False
    if request.method == "POST" and form.is_valid():
        try:
            application = application_register(
                unit=unit,
                registered_by=request.user,
                now=timezone.now(),
                **form.service_arguments(),  # type: ignore[arg-type]
            )
        except CaseloadCapWarning as warning:
            cap_warning = True
            form.add_error("caseworker", str(warning.message))
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error.message))
        else:
            messages.success(
                request, _("The application is registered and the first meeting booked.")
            )
            return redirect("intake:application_detail", application_id=application.pk)
    return render(
        request,
        "intake/application_form.html",
        {"form": form, "cap_warning": cap_warning, "recent": recent_applications(unit, limit=10)},
    )


@requires(Capability.VIEW_CASES)
def application_detail(request: HttpRequest, application_id: int) -> HttpResponse:
    application = access_application(
        request.user, application_id, purpose=Purpose.INTAKE, request=request
    )  # type: ignore[arg-type]
    return render(request, "intake/application_detail.html", {"application": application})


@require_POST
@requires(Capability.VIEW_CASES)
def meeting_mark(request: HttpRequest, application_id: int) -> HttpResponse:
    application = access_application(
        request.user, application_id, purpose=Purpose.INTAKE, request=request
    )  # type: ignore[arg-type]
    form = MeetingMarkForm(request.POST)
    if not hasattr(application, "first_meeting"):
        messages.error(request, str(MEETING_NOT_BOOKED))
    elif form.is_valid():
        try:
            first_meeting_mark(
                meeting=application.first_meeting,
                status=MeetingStatus(form.cleaned_data["status"]),
                by=request.user,  # type: ignore[arg-type]
                now=timezone.now(),
            )
        except DomainError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("The first meeting is updated."))
    return redirect("intake:application_detail", application_id=application.pk)


@requires(Capability.VIEW_CASES)
def overdue(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    meetings = overdue_first_meetings(request_unit(request), today=today)
    return render(request, "intake/overdue.html", {"meetings": meetings, "today": today})
