"""Appeal pages: a case's appeals, register one, an appeal with its time check, dismissal,
reconsideration, forwarding and judgment, and its two letters (dismissal, forwarding)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bryggan.accounts.decorators import requires
from bryggan.accounts.roles import Capability
from bryggan.casefile.views_documents import letter_response
from bryggan.core.errors import DomainError
from bryggan.decisions import selectors_appeals as selectors
from bryggan.decisions.forms_appeals import (
    AppealDismissForm,
    AppealForwardForm,
    AppealJudgmentForm,
    AppealReconsiderForm,
    AppealRegisterForm,
)
from bryggan.decisions.letters_appeals import (
    dismissal_file_name,
    dismissal_letter_pdf,
    forwarding_file_name,
    forwarding_pdf,
)
from bryggan.decisions.models import (
    Appeal,
    AppealJudgment,
    AppealReconsideration,
    AppealStatus,
)
from bryggan.decisions.services_appeals import (
    LETTER_FOR_DISMISSAL,
    LETTER_FOR_FORWARDING,
    appeal_dismiss,
    appeal_forward,
    appeal_judgment_record,
    appeal_reconsider,
    appeal_register,
)
from bryggan.people.access import Purpose, access_household
from bryggan.people.models import Household

DETAIL = "decisions:appeal_detail"


def _household(request: HttpRequest, household_id: int) -> Household:
    return access_household(request.user, household_id, purpose=Purpose.CASEWORK, request=request)  # type: ignore[arg-type]


def _appeal(request: HttpRequest, household_id: int, appeal_id: int) -> Appeal:
    appeal = selectors.appeal_get(_household(request, household_id), appeal_id)
    if appeal is None:
        raise Http404
    return appeal


@requires(Capability.VIEW_CASES)
def appeal_list(request: HttpRequest, household_id: int) -> HttpResponse:
    household = _household(request, household_id)
    rows = [
        (appeal, selectors.appealed_of(appeal), selectors.time_check_of(appeal))
        for appeal in selectors.appeals_for_household(household.pk)
    ]
    return render(request, "decisions/appeals_list.html", {"household": household, "rows": rows})


@requires(Capability.DECIDE)
def appeal_register_view(request: HttpRequest, household_id: int) -> HttpResponse:
    household = _household(request, household_id)
    appealable = selectors.appealable_decisions(household.pk)
    form = AppealRegisterForm(
        request.POST or None,
        choices=[(a.key, a.label) for a in appealable],
        initial={"received_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        appealed = selectors.appealable_get(household.pk, data["appealed"])
        try:
            if appealed is None:
                raise DomainError(_("Choose a decided decision of this case."), field="appealed")
            appeal = appeal_register(
                household=household,
                appealed=appealed,
                received_on=data["received_on"],
                claims=data["claims"],
                incorrect_instructions=data["incorrect_instructions"],
                reached_court_on=data["reached_court_on"],
                today=timezone.localdate(),
                by=request.user,  # type: ignore[arg-type]
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error.message))
        else:
            messages.success(request, _("The appeal is registered. See the time check."))
            return redirect(DETAIL, household_id=household.pk, appeal_id=appeal.pk)
    return render(
        request, "decisions/appeals_register.html", {"household": household, "form": form}
    )


def _detail(request: HttpRequest, appeal: Appeal, **bound: forms.Form) -> HttpResponse:
    today = timezone.localdate()
    forms_ = {
        "dismiss_form": AppealDismissForm(),
        "reconsider_form": AppealReconsiderForm(new_decisions=selectors.new_decisions_for(appeal)),
        "forward_form": AppealForwardForm(initial={"forwarded_on": today}),
        "judgment_form": AppealJudgmentForm(),
    } | bound
    return render(
        request,
        "decisions/appeals_detail.html",
        {
            "household": appeal.household,
            "appeal": appeal,
            "appealed": selectors.appealed_of(appeal),
            "check": selectors.time_check_of(appeal),
            "today": today,
            "statuses": AppealStatus,
            "judgment_changed": appeal.judgment == AppealJudgment.CHANGED,
            # A refusal of the whole action is shown at the top: its form may be hidden now.
            "refusals": [e for f in bound.values() for e in f.non_field_errors()],
            **forms_,
        },
    )


@requires(Capability.VIEW_CASES)
def appeal_detail(request: HttpRequest, household_id: int, appeal_id: int) -> HttpResponse:
    return _detail(request, _appeal(request, household_id, appeal_id))


def _act(
    request: HttpRequest,
    appeal: Appeal,
    *,
    form: forms.Form,
    name: str,
    action: Callable[[dict[str, Any]], object],
    done: str,
) -> HttpResponse:
    """Run one service with a valid form; on refusal show the appeal again with what was typed."""
    if form.is_valid():
        try:
            action(form.cleaned_data)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error.message))
        else:
            messages.success(request, done)
            return redirect(DETAIL, household_id=appeal.household_id, appeal_id=appeal.pk)
    return _detail(request, appeal, **{name: form})


@require_POST
@requires(Capability.DECIDE)
def appeal_dismiss_view(request: HttpRequest, household_id: int, appeal_id: int) -> HttpResponse:
    appeal = _appeal(request, household_id, appeal_id)
    return _act(
        request,
        appeal,
        form=AppealDismissForm(request.POST),
        name="dismiss_form",
        action=lambda data: appeal_dismiss(
            appeal=appeal,
            reasons=data["reasons"],
            by=request.user,  # type: ignore[arg-type]
            now=timezone.now(),
        ),
        done=_("The appeal is dismissed. The letter is stored with the case."),
    )


@require_POST
@requires(Capability.DECIDE)
def appeal_reconsider_view(request: HttpRequest, household_id: int, appeal_id: int) -> HttpResponse:
    appeal = _appeal(request, household_id, appeal_id)
    return _act(
        request,
        appeal,
        form=AppealReconsiderForm(request.POST, new_decisions=selectors.new_decisions_for(appeal)),
        name="reconsider_form",
        action=lambda data: appeal_reconsider(
            appeal=appeal,
            outcome=AppealReconsideration(data["outcome"]),
            reasons=data["reasons"],
            new_decision=data["new_decision"],
            by=request.user,  # type: ignore[arg-type]
            now=timezone.now(),
        ),
        done=_("The reconsideration is recorded. Forward the appeal to the court."),
    )


@require_POST
@requires(Capability.DECIDE)
def appeal_forward_view(request: HttpRequest, household_id: int, appeal_id: int) -> HttpResponse:
    appeal = _appeal(request, household_id, appeal_id)
    return _act(
        request,
        appeal,
        form=AppealForwardForm(request.POST),
        name="forward_form",
        action=lambda data: appeal_forward(
            appeal=appeal,
            statement=data["statement"],
            forwarded_on=data["forwarded_on"],
            by=request.user,  # type: ignore[arg-type]
            now=timezone.now(),
        ),
        done=_("The appeal is forwarded to the court with the statement."),
    )


@require_POST
@requires(Capability.DECIDE)
def appeal_judgment_view(request: HttpRequest, household_id: int, appeal_id: int) -> HttpResponse:
    appeal = _appeal(request, household_id, appeal_id)
    return _act(
        request,
        appeal,
        form=AppealJudgmentForm(request.POST),
        name="judgment_form",
        action=lambda data: appeal_judgment_record(
            appeal=appeal,
            judgment=AppealJudgment(data["judgment"]),
            judged_on=data["judged_on"],
            court_case_number=data["court_case_number"],
            note=data["note"],
            today=timezone.localdate(),
            by=request.user,  # type: ignore[arg-type]
        ),
        done=_("The judgment is recorded."),
    )


@requires(Capability.VIEW_CASES)
def appeal_dismissal_letter(
    request: HttpRequest, household_id: int, appeal_id: int
) -> HttpResponse:
    appeal = _appeal(request, household_id, appeal_id)
    if appeal.status != AppealStatus.DISMISSED:
        raise Http404
    return letter_response(
        request,
        appeal.household,
        letter_for_type=LETTER_FOR_DISMISSAL,
        letter_for_id=appeal.pk,
        file_name=dismissal_file_name(appeal),
        render_letter=lambda: dismissal_letter_pdf(
            appeal,
            appealed_label=selectors.appealed_of(appeal).label,
            check=selectors.time_check_of(appeal),
            unit_name=appeal.household.unit.name,
        ),
    )


@requires(Capability.VIEW_CASES)
def appeal_forwarding_letter(
    request: HttpRequest, household_id: int, appeal_id: int
) -> HttpResponse:
    appeal = _appeal(request, household_id, appeal_id)
    if appeal.forwarded_on is None:
        raise Http404
    forwarded_on = appeal.forwarded_on
    return letter_response(
        request,
        appeal.household,
        letter_for_type=LETTER_FOR_FORWARDING,
        letter_for_id=appeal.pk,
        file_name=forwarding_file_name(appeal),
        render_letter=lambda: forwarding_pdf(
            appeal,
            appealed_label=selectors.appealed_of(appeal).label,
            check=selectors.time_check_of(appeal),
            documents=[],
            unit_name=appeal.household.unit.name,
            forwarded_on=forwarded_on,
            by_name=appeal.forwarded_by.get_full_name() if appeal.forwarded_by else "",
        ),
    )
