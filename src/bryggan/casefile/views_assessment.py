"""Pages of the structured assessment (*utredning*): the household's assessment with its
versions, writing it (a new version starts from the latest), signing it."""

from __future__ import annotations

from dataclasses import asdict

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bryggan.accounts.decorators import requires
from bryggan.accounts.roles import Capability
from bryggan.casefile import selectors_assessment as selectors
from bryggan.casefile.forms_assessment import AssessmentForm
from bryggan.casefile.services_assessment import (
    AssessmentContent,
    assessment_save,
    assessment_sign,
)
from bryggan.core.errors import DomainError
from bryggan.people.access import Purpose, access_household
from bryggan.people.models import Household


def _gate(request: HttpRequest, household_id: int) -> Household:
    return access_household(
        request.user,  # type: ignore[arg-type]
        household_id,
        purpose=Purpose.CASEWORK,
        request=request,
    )


@requires(Capability.VIEW_CASES)
def assessment_detail(request: HttpRequest, household_id: int) -> HttpResponse:
    household = _gate(request, household_id)
    versions = list(selectors.assessment_versions(household.pk))
    return render(
        request,
        "casefile/assessment_detail.html",
        {
            "household": household,
            "latest": versions[0] if versions else None,
            "older": versions[1:],
            "has_children": selectors.has_children(household),
            "required": selectors.assessment_required_by_unit(household.unit_id),
        },
    )


@requires(Capability.DECIDE)
def assessment_edit(request: HttpRequest, household_id: int) -> HttpResponse:
    household = _gate(request, household_id)
    latest = selectors.assessment_latest(household.pk)
    form = AssessmentForm(request.POST or None, initial=asdict(AssessmentContent.of(latest)))
    if request.method == "POST" and form.is_valid():
        try:
            assessment_save(
                household=household,
                content=form.content(),
                by=request.user,  # type: ignore[arg-type]
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error.message))
        else:
            messages.success(request, _("The assessment is saved."))
            return redirect("casefile:assessment_detail", household_id=household.pk)
    return render(
        request,
        "casefile/assessment_form.html",
        {
            "household": household,
            "form": form,
            "latest": latest,
            "has_children": selectors.has_children(household),
        },
    )


@require_POST
@requires(Capability.DECIDE)
def assessment_sign_view(request: HttpRequest, household_id: int) -> HttpResponse:
    household = _gate(request, household_id)
    latest = selectors.assessment_latest(household.pk)
    if latest is None:
        messages.error(request, _("Write the assessment before signing it."))
    else:
        try:
            assessment_sign(
                assessment=latest,
                by=request.user,  # type: ignore[arg-type]
                now=timezone.now(),
            )
        except DomainError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("The assessment is signed and locked."))
    return redirect("casefile:assessment_detail", household_id=household.pk)
