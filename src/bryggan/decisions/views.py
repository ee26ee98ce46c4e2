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
from bryggan.casefile.selectors_assessment import assessment_need
from bryggan.casefile.selectors_documents import documentation_rows
from bryggan.casefile.selectors_kommunicering import kommunicering_state
from bryggan.casefile.views_documents import letter_response
from bryggan.core.errors import DomainError
from bryggan.core.locking import EditConflict, conflict_context
from bryggan.core.month import Month
from bryggan.core.parsing import parse_id
from bryggan.decisions import selectors
from bryggan.decisions.forms import (
    CalculationForm,
    DecisionForm,
    ReceivedForm,
    conflict_labels,
    member_names,
)
from bryggan.decisions.letters import (
    appeal_instructions,
    decision_letter_file_name,
    decision_letter_render,
)
from bryggan.decisions.models import Decision
from bryggan.decisions.rules import Outcome, consecutive_months_before
from bryggan.decisions.services import (
    LETTER_FOR_DECISION,
    calculation_run,
    calculation_save,
    decision_draft_create,
    decision_record_receipt,
    decision_sign,
)
from bryggan.norms.tables import NormMissingError
from bryggan.people.access import Purpose, access_household
from bryggan.people.models import Household

NO_NORM = gettext_lazy(
    "There is no riksnorm for %(year)s in Bryggan yet: an administrator enters it when the "
    "government has published it."
)


def _initial_month(request: HttpRequest) -> Month:
    """This month, or the month a link asks for (`?manad=YYYY-MM`, e.g. from a reconsidered
    reduction); anything else is ignored and this month is shown."""
    try:
        return Month.parse(request.GET.get("manad", ""))
    except ValueError:
        return Month.of(timezone.localdate())


def _form(request: HttpRequest, household: Household) -> CalculationForm:
    members = selectors.current_members(household)
    if request.method == "POST":
        # A bound form shows and checks what was posted, never its initial values: on each
        # keystroke's preview and on the save, the two reads they come from are left out.
        return CalculationForm(request.POST, members=members, viewer=request.user)
    month = _initial_month(request)
    initial = {
        "month": str(month),
        "consecutive_months_on_assistance": consecutive_months_before(
            month, selectors.months_applied_for(household)
        ),
        "jobbstimulans_months_used": 0,
        "version": selectors.calculation_version(household.pk),
    }
    return CalculationForm(None, members=members, viewer=request.user, initial=initial)


def _names(request: HttpRequest, household: Household) -> dict[str, str]:
    return member_names(selectors.all_members(household), request.user)


def _preview(form: CalculationForm, household: Household) -> dict[str, object]:
    """The result rows for a valid form, or the engine's refusal."""
    if not form.is_valid():
        return {"error": _("Complete the form to see the amount.")}
    try:
        calculation = calculation_run(document=form.document(), household=household)
        names = member_names(form.members, form.viewer)
        return {
            "rows": explanation_rows(calculation, names),
            # Whether a document for the month shows each cost and income (casefile).
            "documentation": documentation_rows(
                household.pk, calculation.month, calculation.lines, names
            ),
            "documentation_month": str(calculation.month),
        }
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
    conflict: dict[str, object] = {}
    if request.method == "POST" and form.is_valid():
        try:
            saved = calculation_save(
                household=household,
                document=form.document(),
                by=request.user,  # type: ignore[arg-type]
                version=form.cleaned_data["version"],
            )
        except EditConflict as error:
            conflict = conflict_context(form, error, labels=conflict_labels(form))
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
            "saved": selectors.calculation_list_for_page(household.pk)[:12],
            **(_preview(form, household) if request.method == "POST" else {}),
            **conflict,
        },
        status=409 if conflict else 200,
    )


@require_POST
@requires(Capability.VIEW_CASES)
def calculation_preview(request: HttpRequest, household_id: int) -> HttpResponse:
    household = access_household(
        request.user, household_id, purpose=Purpose.CASEWORK, request=request
    )  # type: ignore[arg-type]
    form = _form(request, household)
    return render(request, "decisions/calculation.html#result", _preview(form, household))


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
    calculation = selectors.calculation_from_saved(saved)
    names = _names(request, household)
    return render(
        request,
        "decisions/calculation_detail.html",
        {
            "household": household,
            "saved": saved,
            "rows": explanation_rows(calculation, names),
            "documentation": documentation_rows(
                household.pk, calculation.month, calculation.lines, names
            ),
            "documentation_month": saved.month,
        },
    )


# --- decisions ------------------------------------------------------------------------------------


@requires(Capability.DECIDE)
def decision_create(request: HttpRequest, household_id: int) -> HttpResponse:
    household = access_household(
        request.user, household_id, purpose=Purpose.CASEWORK, request=request
    )  # type: ignore[arg-type]
    corrects = None
    if "rattar" in request.GET:
        text = request.GET["rattar"]
        decision_id = parse_id(text)
        corrects = selectors.decision_get(household, decision_id) if decision_id else None
        if corrects is None:
            raise Http404
    initial = selectors.decision_initial(
        household, corrects=corrects, calculation_id=request.GET.get("berakning")
    )
    form = DecisionForm(request.POST or None, household_id=household.pk, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            decision = decision_draft_create(
                household=household,
                month=data["calculation"].month,
                kind=data["kind"],
                outcome=Outcome(data["outcome"]),
                calculation=data["calculation"],
                amount=data["amount"],
                deviation_reason=data["deviation_reason"],
                reasons=data["reasons"],
                documents_checked=data["documents_checked"],
                personal_visit_held=data["personal_visit_held"],
                registered_at_af=data["registered_at_af"],
                clearing=data["clearing"],
                account=data["account"],
                by=request.user,  # type: ignore[arg-type]
                corrects=corrects,
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error.message))
        else:
            messages.success(request, _("The decision is drafted. Check it and sign it."))
            return redirect(
                "decisions:decision_detail", household_id=household.pk, decision_id=decision.pk
            )
    return render(
        request,
        "decisions/decision_form.html",
        {
            "household": household,
            "form": form,
            "corrects": corrects,
            **_undocumented(request, household, form["calculation"].value()),
        },
    )


def _undocumented(
    request: HttpRequest, household: Household, calculation_id: object
) -> dict[str, object]:
    """The cost and income lines of the chosen calculation with no document on file for its
    month, for the decision draft (casefile's documents checked)."""
    chosen_id = parse_id(calculation_id)
    saved = selectors.saved_calculation_get(household, chosen_id) if chosen_id else None
    if saved is None:
        return {}
    rows = documentation_rows(
        household.pk,
        Month.parse(saved.month),
        selectors.calculation_from_saved(saved).lines,
        _names(request, household),
    )
    return {
        "undocumented": [row for row in rows if not row.documented],
        "documentation_checked": True,
        "documentation_month": saved.month,
    }


def _decision(
    request: HttpRequest, household_id: int, decision_id: int
) -> tuple[Household, Decision]:
    household = access_household(
        request.user, household_id, purpose=Purpose.CASEWORK, request=request
    )  # type: ignore[arg-type]
    decision = selectors.decision_get(household, decision_id)
    if decision is None:
        raise Http404
    return household, decision


@requires(Capability.VIEW_CASES)
def decision_detail(request: HttpRequest, household_id: int, decision_id: int) -> HttpResponse:
    household, decision = _decision(request, household_id, decision_id)
    rows = explanation_rows(
        selectors.calculation_from_saved(decision.calculation), _names(request, household)
    )
    now = timezone.now()
    return render(
        request,
        "decisions/decision_detail.html",
        {
            "household": household,
            "decision": decision,
            "rows": rows,
            "payments": selectors.payments_of_decision(decision),
            "appeal_text": appeal_instructions(decision, household.unit.name),
            # What signing waits for (casefile): a signed assessment before the first decision,
            # kommunicering before one that goes against the client.
            "assessment": None if decision.is_signed else assessment_need(decision, at=now),
            "kommunicering": kommunicering_state(decision, today=timezone.localdate(now)),
            # A draft lists the lines still without a document on file for the month.
            **(
                {}
                if decision.is_signed
                else _undocumented(request, household, decision.calculation_id)
            ),
        },
    )


@require_POST
@requires(Capability.DECIDE)
def decision_sign_view(request: HttpRequest, household_id: int, decision_id: int) -> HttpResponse:
    household, decision = _decision(request, household_id, decision_id)
    try:
        decision_sign(decision=decision, by=request.user, now=timezone.now())  # type: ignore[arg-type]
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The decision is signed."))
    return redirect("decisions:decision_detail", household_id=household.pk, decision_id=decision.pk)


@requires(Capability.VIEW_CASES)
def decision_letter(request: HttpRequest, household_id: int, decision_id: int) -> HttpResponse:
    household, decision = _decision(request, household_id, decision_id)
    if not decision.is_signed:
        raise Http404
    return letter_response(
        request,
        household,
        letter_for_type=LETTER_FOR_DECISION,
        letter_for_id=decision.pk,
        file_name=decision_letter_file_name(decision),
        render_letter=lambda: decision_letter_render(decision),
    )


@require_POST
@requires(Capability.DECIDE)
def decision_received(request: HttpRequest, household_id: int, decision_id: int) -> HttpResponse:
    household, decision = _decision(request, household_id, decision_id)
    form = ReceivedForm(request.POST)
    if form.is_valid():
        try:
            decision_record_receipt(
                decision=decision,
                received_on=form.cleaned_data["received_on"],
                today=timezone.localdate(),
                by=request.user,  # type: ignore[arg-type]
            )
        except DomainError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("The day the decision was received is recorded."))
    else:
        messages.error(request, _("Give the day the applicant received the decision."))
    return redirect("decisions:decision_detail", household_id=household.pk, decision_id=decision.pk)
