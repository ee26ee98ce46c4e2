"""Caseload, case and person pages: thin, through the gates in `people.access`."""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bryggan.accounts.decorators import request_unit, requires
from bryggan.accounts.roles import Capability
from bryggan.audit.selectors import access_log_for_case
from bryggan.audit.services import access_log_write
from bryggan.casefile.selectors_requests import replies_due
from bryggan.casefile.selectors_timeline import case_timeline
from bryggan.cooperation.selectors import af_status_of_members
from bryggan.core.errors import DomainError
from bryggan.core.locking import EditConflict, conflict_context
from bryggan.decisions.selectors import calculations_on_case_page, decisions_on_case_page
from bryggan.followup.selectors import household_time_on_assistance
from bryggan.intake.selectors import applications_on_case_page
from bryggan.payments.selectors import payments_for_household
from bryggan.people.access import PERSON_NOT_FOUND, Purpose, access_household, access_person
from bryggan.people.forms import AccessLogFilterForm
from bryggan.people.forms_household import (
    HouseholdEditForm,
    data_after_conflict,
    household_edit_initial,
)
from bryggan.people.letters_register_extract import register_extract_pdf
from bryggan.people.register_extract import register_extract_build, register_extract_json_text
from bryggan.people.rules import may_reveal_identity
from bryggan.people.selectors import (
    caseload_rows,
    caseworkers_with_load,
    current_members,
    household_edit_values,
    members_read,
)
from bryggan.people.selectors_access_log import (
    REVIEW_EXPORT_ROWS,
    AccessLogFilter,
    Flag,
    ReviewedRead,
    access_log_review,
    person_in_unit_find,
    staff_of_unit,
)
from bryggan.people.services import household_edit

CASE_PAGE_TIMELINE = 15  # the latest entries on the case page; the rest on the timeline page


@requires(Capability.VIEW_CASES)
def caseload(request: HttpRequest) -> HttpResponse:
    only_mine = request.GET.get("visa") != "enheten"
    cases = caseload_rows(request.user, only_mine=only_mine)  # type: ignore[arg-type]
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
    applications = list(applications_on_case_page(household.pk))
    return render(
        request,
        "people/household_detail.html",
        {
            "household": household,
            "members": household.members.select_related("person").order_by("valid_to", "role"),
            "applications": applications,
            "timeline": case_timeline(household.pk, viewer=request.user)[:CASE_PAGE_TIMELINE],  # type: ignore[arg-type]
            "calculations": calculations_on_case_page(household.pk)[:12],
            "decisions": decisions_on_case_page(household.pk)[:24],
            "payments": payments_for_household(household.pk)[:24],
            "time_on_assistance": household_time_on_assistance(household.pk, today=today),
            "af_statuses": af_status_of_members(household, today=today),
            "today": today,
            "replies_due": replies_due(household.pk, today=today, applications=applications),
        },
    )


PROTECTED_MEMBER = _(
    "A member of this household has a protected identity: only a user given that right may "
    "change the household."
)


@requires(Capability.REGISTER_APPLICATION)
def household_edit_view(request: HttpRequest, household_id: int) -> HttpResponse:
    """The household's address and members: correct, add, move out; no lost edits."""
    user = request.user
    household = access_household(user, household_id, purpose=Purpose.CASEWORK, request=request)  # type: ignore[arg-type]
    today = timezone.localdate()
    members = current_members(household.pk)
    if request.method == "POST":  # the members the form was read with (hidden field)
        members = members_read(household.pk, request.POST.get("members", ""), default=members)
    sees_protected = bool(getattr(user, "sees_protected_identity", False))
    if any(
        not may_reveal_identity(
            protected=m.person.protected_identity, viewer_may_see_protected=sees_protected
        )
        for m in members
    ):
        raise PermissionDenied(PROTECTED_MEMBER)
    initial = household_edit_initial(
        household_edit_values(members), version=household.version, members=members
    )
    form = HouseholdEditForm(request.POST or None, initial=initial, members=members, today=today)
    conflict: dict[str, object] = {}
    if request.method == "POST" and form.is_valid():
        try:
            household_edit(household=household, by=user, today=today, **form.service_arguments())  # type: ignore[arg-type]
        except EditConflict as error:
            now = current_members(household.pk)
            labels = {key: str(field.label) for key, field in form.fields.items()}
            data = data_after_conflict(form.data, household_edit_values(now), members=now)  # type: ignore[arg-type]
            form = HouseholdEditForm(data, members=now, today=today)
            conflict = conflict_context(form, error, labels=labels)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error.message))
        else:
            messages.success(request, _("The household is saved."))
            return redirect("people:household_detail", household_id=household.pk)
    return render(
        request,
        "people/household_edit.html",
        {"household": household, "form": form, **conflict},
        status=409 if conflict else 200,
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


def _register_extract(request: HttpRequest, person_id: int) -> dict[str, object]:
    user = request.user
    person = access_person(user, person_id, purpose=Purpose.REGISTER_EXTRACT, request=request)  # type: ignore[arg-type]
    return register_extract_build(
        person,
        reveal_own=may_reveal_identity(
            protected=person.protected_identity,
            viewer_may_see_protected=bool(getattr(user, "sees_protected_identity", False)),
        ),
        now=timezone.now(),
    )


@requires(Capability.VIEW_CASES)
def person_register_extract_json(request: HttpRequest, person_id: int) -> HttpResponse:
    """The register extract (GDPR art. 15) as JSON, to download."""
    extract = _register_extract(request, person_id)
    response = HttpResponse(
        register_extract_json_text(extract), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="registerutdrag.json"'
    return response


@requires(Capability.VIEW_CASES)
def person_register_extract_pdf(request: HttpRequest, person_id: int) -> HttpResponse:
    """The register extract (GDPR art. 15) as a PDF in Swedish, to download."""
    extract = _register_extract(request, person_id)
    pdf = register_extract_pdf(extract, unit_name=request_unit(request).name)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="registerutdrag.pdf"'
    return response


FLAG_LABELS = {
    Flag.PROTECTED: _("Protected identity"),
    Flag.OUTSIDE_CASELOAD: _("Outside own caseload"),
    Flag.MANY_CASES: _("Many cases in a short time"),
    Flag.CLOSED_CASE: _("Closed case"),
}


@requires(Capability.READ_ACCESS_LOG)
def access_log_review_view(request: HttpRequest) -> HttpResponse:
    """The unit's access log for the manager's review (*loggkontroll*), filtered and flagged.

    Lives in `people` because the flags need cases and persons, which `audit` may not import;
    the URL is named `audit:review` (people/urls_audit.py). Every view of it is itself logged.
    """
    unit = request_unit(request)
    form = AccessLogFilterForm(request.GET, staff=staff_of_unit(unit))
    reads: list[ReviewedRead] = []
    if form.is_valid():
        chosen = _chosen_filter(form, unit)
        if chosen is not None:
            access_log_write(
                user=request.user,  # type: ignore[arg-type]
                object_type="access_log",
                object_id=unit.pk,
                case_id=None,
                purpose=Purpose.AUDIT,
                request=request,
            )
            if request.GET.get("format") == "csv":
                return _access_log_csv(access_log_review(unit, chosen, limit=REVIEW_EXPORT_ROWS))
            reads = access_log_review(unit, chosen)
    return render(
        request,
        "people/access_log_review.html",
        {"unit": unit, "form": form, "reads": reads, "flag_labels": FLAG_LABELS},
    )


def _chosen_filter(form: AccessLogFilterForm, unit: object) -> AccessLogFilter | None:
    data = form.cleaned_data
    person = None
    if data["person"] is not None:
        person_id, identity_number = data["person"]
        person = person_in_unit_find(
            unit,  # type: ignore[arg-type]
            person_id=person_id,
            identity_number=identity_number,
        )
        if person is None:
            form.add_error("person", PERSON_NOT_FOUND)
            return None
    return AccessLogFilter(
        person=person,
        user=data["user"],
        date_from=data["date_from"],
        date_to=data["date_to"],
        purpose=data["purpose"],
    )


def _access_log_csv(reads: list[ReviewedRead]) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        [
            _("Time"),
            _("User"),
            _("Integration"),
            _("What"),
            _("Id"),
            _("Case"),
            _("Purpose"),
            _("Page"),
            _("From"),
            _("Flags"),
        ]
    )
    for read in reads:
        entry = read.entry
        writer.writerow(
            [
                timezone.localtime(entry.at).isoformat(timespec="seconds"),
                entry.user.username if entry.user else "",
                entry.actor,
                entry.object_type,
                entry.object_id,
                read.case_number,
                entry.purpose,
                entry.path,
                entry.ip_address or "",
                "; ".join(str(FLAG_LABELS[flag]) for flag in read.flags),
            ]
        )
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="atkomstlogg.csv"'
    return response
