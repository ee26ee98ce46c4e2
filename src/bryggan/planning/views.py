"""Pages of the action plan: a person's plan with versions and follow-ups, a new version, the
client's signature recorded in the meeting, booking, holding and cancelling follow-ups, the
missed list."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bryggan.accounts.decorators import requires
from bryggan.accounts.roles import Capability
from bryggan.cooperation.af_status import af_status_source
from bryggan.core.errors import DomainError
from bryggan.core.locking import EditConflict, conflict_context
from bryggan.people.access import Purpose
from bryggan.people.models import Household, Person
from bryggan.placements.selectors import placement_rows_for_person
from bryggan.planning import rules, selectors
from bryggan.planning.access import access_followup, access_plan_person
from bryggan.planning.forms import (
    FollowUpBookForm,
    FollowUpCancelForm,
    FollowUpHoldForm,
    PlanVersionForm,
    SignForm,
    initial_from_version,
)
from bryggan.planning.models import Goal, SignedHow, WrittenBy
from bryggan.planning.services import (
    followup_book,
    followup_cancel,
    followup_hold,
    plan_version_create,
    plan_version_sign,
)


def _gate(request: HttpRequest, household_id: int, person_id: int) -> tuple[Household, Person]:
    """The case and the person through the gate that checks the unit and logs the read."""
    return access_plan_person(
        request.user,  # type: ignore[arg-type]
        household_id,
        person_id,
        purpose=Purpose.CASEWORK,
        request=request,
    )


def _plan_page(
    request: HttpRequest,
    household: Household,
    person: Person,
    *,
    book_form: FollowUpBookForm | None = None,
) -> HttpResponse:
    plan, versions = selectors.plan_with_versions(household.pk, person.pk)
    today = timezone.localdate()
    follow_ups = list(selectors.followup_list(plan)) if plan else []
    return render(
        request,
        "planning/plan_detail.html",
        {
            "household": household,
            "person": person,
            "plan": plan,
            "latest": versions[0] if versions else None,
            "older": versions[1:],
            "follow_ups": follow_ups,
            "missed": {
                f.pk
                for f in follow_ups
                if rules.is_missed(
                    due_on=f.due_on, held_on=f.held_on, today=today, cancelled=f.is_cancelled
                )
            },
            "referrals": selectors.referrals_current_for(household.pk, person.pk),
            "group_placements": placement_rows_for_person(household.pk, person.pk),
            "af_statuses": [(person, af_status_source().status_for(person.pk))],
            "book_form": book_form or FollowUpBookForm(),
            "today": today,
        },
    )


@requires(Capability.VIEW_CASES)
def plan_detail(request: HttpRequest, household_id: int, person_id: int) -> HttpResponse:
    household, person = _gate(request, household_id, person_id)
    return _plan_page(request, household, person)


@requires(Capability.VIEW_CASES)
def version_create_view(request: HttpRequest, household_id: int, person_id: int) -> HttpResponse:
    household, person = _gate(request, household_id, person_id)
    plan = selectors.plan_for_person(household.pk, person.pk)
    latest = selectors.version_list(plan).first() if plan else None
    author = WrittenBy.WORK_COACH if request.user.role == "work_coach" else WrittenBy.CASEWORKER  # type: ignore[union-attr]
    # A new version starts as a copy of the latest.
    initial = initial_from_version(latest, author=author)
    form = PlanVersionForm(request.POST or None, initial=initial)
    conflict: dict[str, object] = {}
    if request.method == "POST" and form.is_valid():
        try:
            plan_version_create(
                household=household,
                person=person,
                goal=Goal(form.cleaned_data["goal"]),
                goal_text=form.cleaned_data["goal_text"],
                consequences=form.cleaned_data["consequences"],
                steps=form.steps(),
                written_by=WrittenBy(form.cleaned_data["written_by"]),
                by=request.user,  # type: ignore[arg-type]
                today=timezone.localdate(),
                version=form.cleaned_data["version"],
            )
        except EditConflict as error:
            conflict = conflict_context(form, error)
            plan = selectors.plan_for_person(household.pk, person.pk)
            latest = selectors.version_list(plan).first() if plan else None
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error.message))
        else:
            messages.success(request, _("The new version of the plan is saved."))
            return redirect("planning:plan_detail", household_id=household.pk, person_id=person.pk)
    return render(
        request,
        "planning/version_form.html",
        {"household": household, "person": person, "form": form, "latest": latest, **conflict},
        status=409 if conflict else 200,
    )


@require_POST
@requires(Capability.VIEW_CASES)
def version_sign_view(request: HttpRequest, household_id: int, person_id: int) -> HttpResponse:
    household, person = _gate(request, household_id, person_id)
    plan = selectors.plan_for_person(household.pk, person.pk)
    form = SignForm(request.POST)
    version = (
        selectors.version_list(plan).filter(number=form.cleaned_data["number"]).first()
        if plan and form.is_valid()
        else None
    )
    if version is None:
        messages.error(request, _("No such version of the plan."))
    else:
        try:
            plan_version_sign(
                version=version,
                how=SignedHow(form.cleaned_data["how"]),
                at=timezone.now(),
                recorded_by=request.user,  # type: ignore[arg-type]
            )
        except DomainError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(
                request, _("The client's signature is recorded; the version is locked.")
            )
    return redirect("planning:plan_detail", household_id=household.pk, person_id=person.pk)


@require_POST
@requires(Capability.VIEW_CASES)
def followup_book_view(request: HttpRequest, household_id: int, person_id: int) -> HttpResponse:
    household, person = _gate(request, household_id, person_id)
    plan = selectors.plan_for_person(household.pk, person.pk)
    form = FollowUpBookForm(request.POST)
    if plan is None:
        messages.error(request, _("Write the plan before booking a follow-up."))
    elif form.is_valid():
        try:
            followup_book(
                plan=plan,
                due_on=form.cleaned_data["due_on"],
                note=form.cleaned_data["note"],
                by=request.user,  # type: ignore[arg-type]
                today=timezone.localdate(),
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error.message))
        else:
            messages.success(request, _("The follow-up is booked."))
            return redirect("planning:plan_detail", household_id=household.pk, person_id=person.pk)
    return _plan_page(request, household, person, book_form=form)


@require_POST
@requires(Capability.VIEW_CASES)
def followup_hold_view(
    request: HttpRequest, household_id: int, person_id: int, followup_id: int
) -> HttpResponse:
    follow_up = access_followup(
        request.user,  # type: ignore[arg-type]
        household_id,
        person_id,
        followup_id,
        purpose=Purpose.CASEWORK,
        request=request,
    )
    form = FollowUpHoldForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the date the follow-up was held."))
    else:
        try:
            followup_hold(
                follow_up=follow_up,
                held_on=form.cleaned_data["held_on"],
                note=form.cleaned_data["note"],
                by=request.user,  # type: ignore[arg-type]
                today=timezone.localdate(),
            )
        except DomainError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("The follow-up is marked as held."))
    return redirect("planning:plan_detail", household_id=household_id, person_id=person_id)


@requires(Capability.VIEW_CASES)
def followup_cancel_view(
    request: HttpRequest, household_id: int, person_id: int, followup_id: int
) -> HttpResponse:
    """Cancel a booked follow-up that will not happen: who may book one may cancel it."""
    follow_up = access_followup(
        request.user,  # type: ignore[arg-type]
        household_id,
        person_id,
        followup_id,
        purpose=Purpose.CASEWORK,
        request=request,
    )
    form = FollowUpCancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            followup_cancel(
                follow_up=follow_up,
                reason=form.cleaned_data["reason"],
                by=request.user,  # type: ignore[arg-type]
                now=timezone.now(),
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error.message))
        else:
            messages.success(request, _("The follow-up is cancelled."))
            return redirect("planning:plan_detail", household_id=household_id, person_id=person_id)
    return render(
        request,
        "planning/followup_cancel.html",
        {"follow_up": follow_up, "form": form, "person": follow_up.plan.person},
    )


@requires(Capability.VIEW_CASES)
def missed(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    rows = selectors.followup_list_missed(request.user, today=today)  # type: ignore[arg-type]
    return render(request, "planning/missed.html", {"rows": rows, "today": today})
