"""Pages of projects: the unit's list, a project with its participants and its outcomes before
and during, creating and changing a project, a case's projects (joining), leaving."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from bryggan.accounts.decorators import request_unit, requires
from bryggan.accounts.roles import Capability
from bryggan.core.errors import DomainError, NotFoundOrForbidden
from bryggan.people.access import CASE_NOT_FOUND, Purpose, access_household
from bryggan.projects import rules, selectors, tables
from bryggan.projects.access import access_participant, access_project
from bryggan.projects.forms import CaseNumberForm, JoinForm, LeaveForm, ProjectForm
from bryggan.projects.models import Project
from bryggan.projects.rules import ParticipantOutcome, ProjectRuleError
from bryggan.projects.services import (
    participant_add,
    participant_end,
    project_create,
    project_update,
)


def _project(request: HttpRequest, project_id: int, *, shows_participants: bool = False) -> Project:
    """The project through its gate, for casework; its participants' cases are logged as read
    only when the page shows them."""
    return access_project(
        request.user,  # type: ignore[arg-type]
        project_id,
        purpose=Purpose.CASEWORK,
        request=request,
        shows_participants=shows_participants,
    )


def _add_error(form: object, error: DomainError) -> None:
    """The error on its field (or the form), in the page's language."""
    message = error.message
    if isinstance(error, ProjectRuleError):
        params = {k: _(v) if isinstance(v, str) else v for k, v in error.params.items()}
        message = _(error.template).format(**params)
    field = error.field if error.field in form.fields else None  # type: ignore[attr-defined]
    form.add_error(field, str(message))  # type: ignore[attr-defined]


@requires(Capability.VIEW_CASES)
def project_list_view(request: HttpRequest) -> HttpResponse:
    projects = selectors.project_list_for_unit(request_unit(request))
    return render(request, "projects/project_list.html", {"projects": projects})


@requires(Capability.MANAGE_PROJECTS)
def project_create_view(request: HttpRequest) -> HttpResponse:
    unit = request_unit(request)
    form = ProjectForm(request.POST or None, activities=selectors.activity_choices(unit))
    if request.method == "POST" and form.is_valid():
        try:
            project = project_create(unit=unit, by=request.user, **form.service_arguments())  # type: ignore[arg-type]
        except DomainError as error:
            _add_error(form, error)
        else:
            messages.success(request, _("The project is registered."))
            return redirect("projects:project_detail", project_id=project.pk)
    return render(request, "projects/project_form.html", {"form": form, "project": None})


@requires(Capability.MANAGE_PROJECTS)
def project_edit_view(request: HttpRequest, project_id: int) -> HttpResponse:
    project = _project(request, project_id)
    form = ProjectForm(
        request.POST or None,
        activities=selectors.activity_choices(project.unit),
        initial=ProjectForm.initial_from(project),
    )
    if request.method == "POST" and form.is_valid():
        try:
            project_update(project=project, by=request.user, **form.service_arguments())  # type: ignore[arg-type]
        except DomainError as error:
            _add_error(form, error)
        else:
            messages.success(request, _("The project is changed."))
            return redirect("projects:project_detail", project_id=project.pk)
    return render(request, "projects/project_form.html", {"form": form, "project": project})


@requires(Capability.VIEW_CASES)
def project_detail_view(request: HttpRequest, project_id: int) -> HttpResponse:
    project = _project(request, project_id, shows_participants=True)
    today = timezone.localdate()
    comparison = selectors.project_comparison(project, today=today)
    outcomes = rules.outcome_counts(selectors.participation_rows(project), today=today)
    return render(
        request,
        "projects/project_detail.html",
        {
            "project": project,
            "participants": selectors.participant_list_for_project(project),
            "activities": project.activities.all(),
            "comparison": comparison,
            "table": tables.outcome_table(comparison),
            "chart": tables.comparison_chart(comparison),
            "outcomes": tables.outcome_breakdown(outcomes),
            "case_form": CaseNumberForm(),
            "today": today,
        },
    )


@requires(Capability.VIEW_CASES)
def project_outcomes_csv_view(request: HttpRequest, project_id: int) -> HttpResponse:
    """The outcome table as CSV: aggregates only, so no case is read."""
    project = _project(request, project_id)
    table = tables.outcome_table(selectors.project_comparison(project, today=timezone.localdate()))
    response = HttpResponse(tables.outcome_csv(table), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="projekt-{project.pk}-utfall.csv"'
    return response


@requires(Capability.PROJECT_PARTICIPANTS)
def participant_find_view(request: HttpRequest, project_id: int) -> HttpResponse:
    """From the project page: the case number of the person who joins, then the case's page."""
    project = _project(request, project_id)
    form = CaseNumberForm(request.GET or None)
    if form.is_valid():
        year, household_id = form.cleaned_data["case"]
        try:
            household = access_household(
                request.user,  # type: ignore[arg-type]
                household_id,
                purpose=Purpose.CASEWORK,
                request=request,
            )
        except NotFoundOrForbidden:
            household = None
        # A mistyped year names no case: never open another case with the same serial.
        if household is None or household.opened_on.year != year:
            form.add_error("case", CASE_NOT_FOUND)
        else:
            url = reverse("projects:case_projects", kwargs={"household_id": household.pk})
            return redirect(f"{url}?projekt={project.pk}")
    return render(request, "projects/participant_find.html", {"project": project, "form": form})


@requires(Capability.PROJECT_PARTICIPANTS)
def case_projects_view(request: HttpRequest, household_id: int) -> HttpResponse:
    """A case's project participations, and a member joining one of the unit's projects."""
    household = access_household(
        request.user,  # type: ignore[arg-type]
        household_id,
        purpose=Purpose.CASEWORK,
        request=request,
    )
    today = timezone.localdate()
    projects = list(selectors.project_list_open_for_joining(household.unit, today=today))
    members = list(selectors.current_members(household))
    initial = {"joined_on": today, "project": request.GET.get("projekt")}
    form = JoinForm(
        request.POST or None,
        projects=projects,
        members=members,
        viewer=request.user,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            participant_add(
                project=form.projects[form.cleaned_data["project"]],
                household=household,
                person=form.members[form.cleaned_data["person"]],
                joined_on=form.cleaned_data["joined_on"],
                by=request.user,  # type: ignore[arg-type]
            )
        except DomainError as error:
            _add_error(form, error)
        else:
            messages.success(request, _("The participant is added to the project."))
            return redirect("projects:case_projects", household_id=household.pk)
    return render(
        request,
        "projects/case_projects.html",
        {
            "household": household,
            "participations": selectors.participant_list_for_household(household),
            "form": form,
        },
    )


@requires(Capability.PROJECT_PARTICIPANTS)
def participant_end_view(request: HttpRequest, participant_id: int) -> HttpResponse:
    participant = access_participant(
        request.user,  # type: ignore[arg-type]
        participant_id,
        purpose=Purpose.CASEWORK,
        request=request,
    )
    today = timezone.localdate()
    form = LeaveForm(request.POST or None, initial={"left_on": today})
    if request.method == "POST" and form.is_valid():
        try:
            participant_end(
                participant=participant,
                left_on=form.cleaned_data["left_on"],
                outcome=ParticipantOutcome(form.cleaned_data["outcome"]),
                by=request.user,  # type: ignore[arg-type]
                today=today,
            )
        except DomainError as error:
            _add_error(form, error)
        else:
            messages.success(request, _("The participation is ended."))
            return redirect("projects:project_detail", project_id=participant.project_id)
    return render(
        request, "projects/participant_end.html", {"participant": participant, "form": form}
    )
