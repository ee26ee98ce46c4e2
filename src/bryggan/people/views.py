"""Caseload, case and person pages: thin, through the gates in `people.access`."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from bryggan.accounts.decorators import request_unit, requires
from bryggan.accounts.roles import Capability
from bryggan.audit.selectors import access_log_for_case
from bryggan.casefile.selectors_timeline import case_timeline
from bryggan.decisions.selectors import calculations_for_household, decisions_for_household
from bryggan.followup.selectors import household_time_on_assistance
from bryggan.intake.selectors import applications_for_household
from bryggan.payments.selectors import payments_for_household
from bryggan.people.access import Purpose, access_household, access_person
from bryggan.people.selectors import caseworkers_with_load, household_list_for_user

CASE_PAGE_TIMELINE = 15  # the latest entries on the case page; the rest on the timeline page


@requires(Capability.VIEW_CASES)
def caseload(request: HttpRequest) -> HttpResponse:
    only_mine = request.GET.get("visa") != "enheten"
    cases = household_list_for_user(request.user, only_mine=only_mine)  # type: ignore[arg-type]
    return render(request, "people/caseload.html", {"cases": cases, "only_mine": only_mine})


@requires(Capability.VIEW_UNIT)
def unit_caseload(request: HttpRequest) -> HttpResponse:
    unit = request_unit(request)
    rows = caseworkers_with_load(unit)
    return render(
        request, "people/unit_caseload.html", {"unit": unit, "rows": rows, "cap": unit.caseload_cap}
    )


@requires(Capability.VIEW_CASES)
def household_detail(request: HttpRequest, household_id: int) -> HttpResponse:
    household = access_household(
        request.user, household_id, purpose=Purpose.CASEWORK, request=request
    )  # type: ignore[arg-type]
    today = timezone.localdate()
    return render(
        request,
        "people/household_detail.html",
        {
            "household": household,
            "members": household.members.select_related("person").order_by("valid_to", "role"),
            "applications": applications_for_household(household.pk),
            "timeline": case_timeline(household.pk, viewer=request.user)[:CASE_PAGE_TIMELINE],  # type: ignore[arg-type]
            "calculations": calculations_for_household(household.pk)[:12],
            "decisions": decisions_for_household(household.pk)[:24],
            "payments": payments_for_household(household.pk)[:24],
            "time_on_assistance": household_time_on_assistance(household.pk, today=today),
            "today": today,
        },
    )


@requires(Capability.READ_ACCESS_LOG)
def household_access_log(request: HttpRequest, household_id: int) -> HttpResponse:
    household = access_household(request.user, household_id, purpose=Purpose.AUDIT, request=request)  # type: ignore[arg-type]
    return render(
        request,
        "people/household_access_log.html",
        {"household": household, "entries": access_log_for_case(household.pk)[:500]},
    )


@requires(Capability.VIEW_CASES)
def person_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    person = access_person(request.user, person_id, purpose=Purpose.CASEWORK, request=request)  # type: ignore[arg-type]
    memberships = person.memberships.select_related("household").order_by("-valid_from")
    return render(
        request, "people/person_detail.html", {"person": person, "memberships": memberships}
    )
