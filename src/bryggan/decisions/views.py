"""The calculation on a case: a form whose itemised result updates as the caseworker types."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from bryggan.accounts.decorators import requires
from bryggan.accounts.roles import Capability
from bryggan.calculation.explain import explanation_rows
from bryggan.core.errors import DomainError
from bryggan.core.month import Month
from bryggan.decisions import selectors
from bryggan.decisions.forms import CalculationForm
from bryggan.decisions.rules import consecutive_months_before
from bryggan.decisions.services import calculation_run, calculation_save
from bryggan.norms.tables import NormMissingError
from bryggan.people.access import Purpose, access_household
from bryggan.people.models import Household

NO_NORM = gettext_lazy(
    "There is no riksnorm for %(year)s in Bryggan yet: an administrator enters it when the "
    "government has published it."
)


def _form(request: HttpRequest, household: Household) -> CalculationForm:
    month = Month.of(timezone.localdate())
    initial = {
        "month": str(month),
        "consecutive_months_on_assistance": consecutive_months_before(
            month, selectors.months_applied_for(household)
        ),
        "jobbstimulans_months_used": 0,
    }
    data = request.POST if request.method == "POST" else None
    return CalculationForm(data, members=selectors.current_members(household), initial=initial)


def _preview(form: CalculationForm) -> dict[str, object]:
    """The result rows for a valid form, or the engine's refusal."""
    if not form.is_valid():
        return {"error": _("Complete the form to see the amount.")}
    try:
        return {"rows": explanation_rows(calculation_run(document=form.document()))}
    except DomainError as error:
        return {"error": _engine_message(error, form)}


def _engine_message(error: DomainError, form: CalculationForm) -> str:
    if isinstance(error, NormMissingError) and error.field == "month":
        return NO_NORM % {"year": form.cleaned_data["month"].year}
    return str(error.message)


@requires(Capability.VIEW_CASES)
def calculation_page(request: HttpRequest, household_id: int) -> HttpResponse:
    household = access_household(
        request.user, household_id, purpose=Purpose.CASEWORK, request=request
    )  # type: ignore[arg-type]
    form = _form(request, household)
    if request.method == "POST" and form.is_valid():
        try:
            saved = calculation_save(household=household, document=form.document(), by=request.user)  # type: ignore[arg-type]
        except DomainError as error:
            form.add_error(
                "month" if error.field == "month" else None, _engine_message(error, form)
            )
        else:
            messages.success(request, _("The calculation is saved with the case."))
            return redirect(
                "decisions:calculation_detail", household_id=household.pk, calculation_id=saved.pk
            )
    return render(
        request,
        "decisions/calculation.html",
        {
            "household": household,
            "form": form,
            "saved": selectors.calculations_for_household(household.pk)[:12],
            **(_preview(form) if request.method == "POST" else {}),
        },
    )


@require_POST
@requires(Capability.VIEW_CASES)
def calculation_preview(request: HttpRequest, household_id: int) -> HttpResponse:
    household = access_household(
        request.user, household_id, purpose=Purpose.CASEWORK, request=request
    )  # type: ignore[arg-type]
    form = _form(request, household)
    return render(request, "decisions/calculation.html#result", _preview(form))


@requires(Capability.VIEW_CASES)
def calculation_detail(
    request: HttpRequest, household_id: int, calculation_id: int
) -> HttpResponse:
    household = access_household(
        request.user, household_id, purpose=Purpose.CASEWORK, request=request
    )  # type: ignore[arg-type]
    saved = selectors.saved_calculation_get(household, calculation_id)
    if saved is None:
        raise Http404
    rows = explanation_rows(selectors.calculation_from_saved(saved))
    return render(
        request,
        "decisions/calculation_detail.html",
        {"household": household, "saved": saved, "rows": rows},
    )
