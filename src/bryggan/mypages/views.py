"""The applicant's own pages under /mina-sidor/: the start page (the rest in views_pages.py)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from bryggan.accounts.decorators import requires
from bryggan.accounts.roles import Capability
from bryggan.casefile.selectors_requests import document_request_rows
from bryggan.core.month import Month
from bryggan.mypages.access import access_own_case, own_person
from bryggan.mypages.selectors_pages import (
    application_status,
    booked_meetings,
    news,
    own_household_of,
    own_replies,
)


@requires(Capability.OWN_PAGES)
def home_view(request: HttpRequest) -> HttpResponse:
    """This month's application and its status, booked meetings, open requests, what is new."""
    person = own_person(request.user)  # type: ignore[arg-type]
    if person is None or own_household_of(person) is None:
        return render(request, "mypages/page_no_case.html", {"person": person})
    case = access_own_case(request.user, request=request)  # type: ignore[arg-type]
    today = timezone.localdate()
    month = Month.of(today)
    requests = [
        row
        for row in document_request_rows(case.household.pk, today=today)
        if row.state != "fulfilled"
    ]
    return render(
        request,
        "mypages/page_home.html",
        {
            "person": case.person,
            "month": month,
            "status": application_status(case.household, month),
            "meetings": booked_meetings(case.household, case.person, today=today),
            "requests": requests,
            "replies": own_replies(case.household)[:3],
            "news": news(case.household, today=today),
        },
    )
