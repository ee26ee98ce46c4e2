"""Closing a case with its reason, and the unit's follow-up page: thin, through gates."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from bryggan.accounts.decorators import request_unit, requires
from bryggan.accounts.roles import Capability
from bryggan.casefile.selectors_assessment import first_decisions_on_assessment
from bryggan.casefile.selectors_journal import case_discussion_counts
from bryggan.core.errors import DomainError
from bryggan.core.month import Month
from bryggan.decisions.selectors_recovery import recovery_sums_by_year
from bryggan.employers.selectors import network_results
from bryggan.followup.forms import ClosureForm
from bryggan.followup.selectors import unit_follow_up
from bryggan.followup.services import assistance_months_refresh, case_close
from bryggan.people.access import Purpose, access_household
from bryggan.people.models import HouseholdStatus
from bryggan.placements.selectors import outcome_counts

DISCUSSION_MONTHS = 12


@requires(Capability.DECIDE)
def case_close_view(request: HttpRequest, household_id: int) -> HttpResponse:
    household = access_household(
        request.user,  # type: ignore[arg-type]
        household_id,
        purpose=Purpose.CASEWORK,
        request=request,
    )
    form = ClosureForm(request.POST or None, initial={"closed_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            case_close(
                household=household,
                reason=form.cleaned_data["reason"],
                closed_on=form.cleaned_data["closed_on"],
                note=form.cleaned_data["note"],
                by=request.user,  # type: ignore[arg-type]
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error.message))
        else:
            messages.success(request, _("The case is closed."))
            return redirect("people:household_detail", household_id=household.pk)
    return render(
        request,
        "followup/case_close.html",
        {
            "household": household,
            "form": form,
            "closed": household.status == HouseholdStatus.CLOSED,
        },
    )


@requires(Capability.VIEW_UNIT)
def unit_follow_up_view(request: HttpRequest) -> HttpResponse:
    assistance_months_refresh()  # payments made since the last read (a payment run)
    unit, today = request_unit(request), timezone.localdate()
    report = unit_follow_up(unit, today=today)
    recovery = recovery_sums_by_year(unit, today=today)
    # Case discussions per caseworker and month, the last twelve months (casefile's selector).
    since = Month.of(today).plus(-(DISCUSSION_MONTHS - 1)).first_day
    discussions = case_discussion_counts(unit, since=since)
    # The share of first decisions made on a signed structured assessment, per year or month.
    per = "month" if request.GET.get("per") == "month" else "year"
    return render(
        request,
        "followup/unit_follow_up.html",
        {
            "report": report,
            "recovery": recovery,
            "case_discussions": discussions,
            "discussions_since": since,
            "assessment_per": per,
            "assessment_shares": first_decisions_on_assessment(unit, per=per),
            "network": network_results(unit, today=today),
            "group_placements": outcome_counts(unit),
        },
    )
