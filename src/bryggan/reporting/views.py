"""Reasons for need on a case, and the unit manager's reporting page: thin, through gates."""

from __future__ import annotations

from collections import defaultdict

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bryggan.accounts.decorators import requires
from bryggan.accounts.roles import Capability
from bryggan.core.errors import DomainError
from bryggan.core.month import Month
from bryggan.intake.selectors import applications_for_household
from bryggan.people.access import Purpose, access_household
from bryggan.people.templatetags.people_tags import shown_name
from bryggan.reporting import selectors
from bryggan.reporting.codes import code_lists
from bryggan.reporting.forms import MonthForm, ReasonsForm, SubmitForm, field_name
from bryggan.reporting.rules import Problem, Rule, due_date
from bryggan.reporting.services import (
    PROBLEM_MESSAGES,
    ReportRefused,
    month_report,
    reason_for_need_record,
    report_submit,
)


def _month(request: HttpRequest, default: Month) -> Month:
    form = MonthForm(request.GET or None)
    return form.cleaned_data["month"] if form.is_valid() else default


@requires(Capability.DECIDE)
def reasons_record_view(request: HttpRequest, household_id: int) -> HttpResponse:
    household = access_household(
        request.user,  # type: ignore[arg-type]
        household_id,
        purpose=Purpose.CASEWORK,
        request=request,
    )
    latest = applications_for_household(household.pk).first()
    month = _month(request, Month.parse(latest.month) if latest else Month.of(timezone.localdate()))
    if request.method == "POST":
        posted = MonthForm({"month": request.POST.get("month", "")})
        month = posted.cleaned_data["month"] if posted.is_valid() else month
    members = selectors.adults_in_month(household, month)
    adults = [(m, shown_name(m.person, request.user)) for m in members]
    recorded = selectors.reasons_for_household(household.pk, str(month))
    reasons = code_lists().reasons_for_need
    initial = {
        field_name(m): recorded[m.person_id].code for m in members if m.person_id in recorded
    }
    form = ReasonsForm(
        request.POST or None,
        adults=adults,
        reasons=reasons,
        initial={"month": str(month), **initial},
    )
    if request.method == "POST" and form.is_valid():
        try:
            for member in members:
                reason_for_need_record(
                    household=household,
                    month=month,
                    person=member.person,
                    code=form.cleaned_data[field_name(member)],
                    by=request.user,  # type: ignore[arg-type]
                    now=timezone.now(),
                )
        except DomainError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("The reasons for need are recorded."))
            return redirect(f"{request.path}?month={month}")
    return render(
        request,
        "reporting/reasons.html",
        {
            "household": household,
            "month": month,
            "month_form": MonthForm(initial={"month": str(month)}),
            "form": form,
            "reasons": reasons,
            "recorded": selectors.reasons_recorded_for_household(household.pk),
        },
    )


REASON_RULES = frozenset(
    {
        Rule.ADULT_WITHOUT_REASON,
        Rule.UNKNOWN_REASON,
        Rule.REASON_WITHOUT_INCOME,
        Rule.REASON_CONTRADICTS_INCOME,
    }
)


def problem_url(problem: Problem) -> str:
    """Where to fix the problem: the month's reasons page, or the case."""
    if not problem.case.household_id:
        return ""
    if problem.rule in REASON_RULES:
        url = reverse("reporting:reasons", kwargs={"household_id": problem.case.household_id})
        return f"{url}?month={problem.month}"
    return reverse("people:household_detail", kwargs={"household_id": problem.case.household_id})


def _by_caseworker(
    problems: list[Problem], unit_id: int | None
) -> list[tuple[str, list[dict[str, str]]]]:
    grouped: dict[str, list[dict[str, str]]] = defaultdict(list)
    for problem in problems:
        if problem.case.unit_id == unit_id:
            grouped[problem.case.caseworker_name or _("No caseworker")].append(
                {
                    "message": str(PROBLEM_MESSAGES[problem.rule]),
                    "case_number": problem.case.case_number,
                    "detail": problem.detail,
                    "month": problem.month,
                    "url": problem_url(problem),
                }
            )
    return sorted(grouped.items())


@requires(Capability.REPORT_STATISTICS)
def status_view(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    month = _month(request, Month.of(today).plus(-1))
    report = month_report(month, today=today)
    unit_id = request.user.unit_id  # type: ignore[union-attr]
    mine = [p for p in report.problems if p.case.unit_id == unit_id]
    return render(
        request,
        "reporting/status.html",
        {
            "month": month,
            "month_form": MonthForm(initial={"month": str(month)}),
            "due": due_date(month),
            "overdue": report.previous is None and today > due_date(month),
            "report": report,
            "errors_by_caseworker": _by_caseworker(report.errors, unit_id),
            "warnings_by_caseworker": _by_caseworker(report.warnings, unit_id),
            "elsewhere": len(report.problems) - len(mine),
            "submit_form": SubmitForm(initial={"month": str(month)}),
            "submissions": selectors.submission_list(),
            "codes": code_lists(),
        },
    )


@require_POST
@requires(Capability.REPORT_STATISTICS)
def submit_view(request: HttpRequest) -> HttpResponse:
    form = SubmitForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the month as YYYY-MM."))
        return redirect("reporting:status")
    month = form.cleaned_data["month"]
    try:
        submission = report_submit(
            month=month,
            by=request.user,  # type: ignore[arg-type]
            accept_warnings=form.cleaned_data["accept_warnings"],
            now=timezone.now(),
            today=timezone.localdate(),
        )
    except ReportRefused as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request,
            _("Version %(version)s of %(month)s is made.")
            % {"version": submission.version, "month": submission.month},
        )
    return redirect(f"{reverse('reporting:status')}?month={month}")


@requires(Capability.REPORT_STATISTICS)
def submission_file_view(request: HttpRequest, submission_id: int) -> HttpResponse:
    submission = selectors.submission_get(submission_id)
    if submission is None:
        raise Http404
    response = HttpResponse(submission.content, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{submission.file_name}"'
    return response
