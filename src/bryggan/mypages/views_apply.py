"""The applicant's application pages: the first application, the monthly renewal with its
preliminary calculation, and the receipt. Thin: person → form → service → page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bryggan.accounts.decorators import keeps_post_when_signed_out, requires
from bryggan.accounts.roles import Capability
from bryggan.audit.services import access_log_write
from bryggan.calculation.explain import explanation_rows
from bryggan.core.errors import DomainError
from bryggan.core.month import Month
from bryggan.decisions.rules import consecutive_months_before
from bryggan.decisions.selectors import months_applied_for
from bryggan.decisions.services import calculation_run
from bryggan.mypages import selectors_apply
from bryggan.mypages.forms_apply import FirstApplicationForm, RenewalForm, line_label
from bryggan.mypages.keep_apply import keep_posted_renewal, keep_token, kept_renewal_take
from bryggan.mypages.rules_apply import calculation_input, months_open
from bryggan.mypages.selectors import person_of_applicant
from bryggan.mypages.selectors_handled import WITHHELD
from bryggan.mypages.services_apply import (
    NO_CASE,
    Upload,
    first_application_submit,
    renewal_start,
    renewal_submit,
)
from bryggan.people.models import Household, Person
from bryggan.preassessment.rules import RULES

OWN_PAGES = "own_pages"


def _person(request: HttpRequest) -> Person | None:
    return person_of_applicant(request.user)  # type: ignore[arg-type]


def _no_case(request: HttpRequest) -> HttpResponse:
    return render(request, "mypages/apply_no_case.html", status=200)


def _log(request: HttpRequest, household: Household, object_type: str, object_id: int) -> None:
    access_log_write(
        user=request.user,
        object_type=object_type,
        object_id=object_id,
        case_id=household.pk,
        purpose=OWN_PAGES,
        request=request,
    )


@requires(Capability.OWN_PAGES)
def apply_start(request: HttpRequest) -> HttpResponse:
    """A case that is open renews; anyone else applies for the first time."""
    person = _person(request)
    if person is None or person.protected_identity:
        return _no_case(request)
    if selectors_apply.active_household(person) is not None:
        return redirect("mypages:apply_renewal")
    return redirect("mypages:apply_first")


def _renewal_form(
    request: HttpRequest, person: Person, household: Household, *, kept: QueryDict | None = None
) -> RenewalForm:
    today = timezone.localdate()
    default_month = months_open(today)[-1]
    start = renewal_start(household, month=default_month)
    members, _cohabiting = selectors_apply.members_for_calculation(household)
    names = start.names
    adults = [(m["id"], names.get(m["id"], m["id"])) for m in members]
    data = request.POST if request.method == "POST" else kept
    files = request.FILES if request.method == "POST" else None
    return RenewalForm(
        data,
        files,
        today=today,
        previous=start.lines,
        adults=adults,
        names=names,
        initial={"key": RenewalForm.new_key(), "month": str(default_month)},
    )


def _preliminary(form: RenewalForm, household: Household) -> dict[str, Any]:
    """The engine's calculation of what the form says, in plain Swedish; or why there is none."""
    if not form.is_valid():
        return {"preview_error": _("Correct the fields marked below to see the calculation.")}
    month: Month = form.cleaned_data["month"]
    start = renewal_start(household, month=month)
    members, cohabiting = selectors_apply.members_for_calculation(household)
    document = calculation_input(
        month=month,
        members=members,
        cohabiting=cohabiting,
        lines=form.lines(),
        consecutive_months=consecutive_months_before(month, months_applied_for(household)),
        previous=start.previous.calculation.input if start.previous else None,
    )
    try:
        calculation = calculation_run(document=document, household=household)
    except DomainError:
        return {
            "preview_error": _(
                "The amount for %(month)s cannot be calculated yet: the national norm for the "
                "year is not yet in Bryggan. Your application can still be sent."
            )
            % {"month": month}
        }
    return {
        "preview_rows": explanation_rows(calculation, start.names),
        "preview_amount": calculation.amount,
        "preview_month": str(month),
    }


@keeps_post_when_signed_out(keep_posted_renewal)
@requires(Capability.OWN_PAGES)
def apply_renewal(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    household = selectors_apply.active_household(person) if person else None
    if person is None or household is None or person.protected_identity:
        return _no_case(request)
    _log(request, household, "household", household.pk)
    kept = kept_renewal_take(request, person) if request.method == "GET" else None
    form = _renewal_form(request, person, household, kept=kept[0] if kept else None)
    if kept is not None:
        messages.info(
            request,
            _("You were signed out, but what you had written is kept. Check it and send again.")
            + (" " + _("Files you had chosen must be chosen again.") if kept[1] else ""),
        )
    context: dict[str, Any] = {
        "form": form,
        "household": household,
        "kept_for": keep_token(person),
    }
    if request.method == "POST" and "preview" in request.POST:
        context |= _preliminary(form, household)
    elif request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            online = renewal_submit(
                person=person,
                user=request.user,  # type: ignore[arg-type]
                month=data["month"],
                lines=form.lines(),
                uploads={p: Upload(f, f.name) for p, f in form.uploads().items()},
                household_change_reported=data["household_changed"],
                household_change_text=data["household_change_text"],
                key=data["key"],
                now=timezone.now(),
            )
        except DomainError as error:
            if error.message == NO_CASE:
                return _no_case(request)
            form.add_error(error.field if error.field in form.fields else None, str(error.message))
        else:
            return redirect("mypages:apply_receipt", online_id=online.pk)
    return render(request, "mypages/apply_renewal.html", context)


@require_POST
@keeps_post_when_signed_out(keep_posted_renewal)
@requires(Capability.OWN_PAGES)
def apply_preview(request: HttpRequest) -> HttpResponse:
    """The preliminary calculation alone, for the renewal page to show without a reload."""
    person = _person(request)
    household = selectors_apply.active_household(person) if person else None
    if person is None or household is None or person.protected_identity:
        return _no_case(request)
    form = _renewal_form(request, person, household)
    return render(request, "mypages/apply_renewal.html#preliminary", _preliminary(form, household))


@requires(Capability.OWN_PAGES)
def apply_first(request: HttpRequest) -> HttpResponse:
    person = _person(request)
    if person is None or person.protected_identity:
        return _no_case(request)
    if selectors_apply.active_household(person) is not None:
        return redirect("mypages:apply_renewal")
    today = timezone.localdate()
    form = FirstApplicationForm(
        request.POST or None,
        today=today,
        initial={"key": RenewalForm.new_key(), "month": str(months_open(today)[0])},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            online = first_application_submit(
                person=person,
                user=request.user,  # type: ignore[arg-type]
                month=data["month"],
                co_applicant=form.co_applicant(),
                children=data["children"],
                lines=form.lines(member=f"p{person.pk}"),
                key=data["key"],
                now=timezone.now(),
            )
        except DomainError as error:
            if error.message == NO_CASE:
                return _no_case(request)
            field = error.field if error.field in form.fields else None
            form.add_error(field, str(error.message))
        else:
            return redirect("mypages:apply_receipt", online_id=online.pk)
    return render(request, "mypages/apply_first.html", {"form": form})


@requires(Capability.OWN_PAGES)
def apply_receipt(request: HttpRequest, online_id: int) -> HttpResponse:
    person = _person(request)
    online = selectors_apply.online_application_of(person, online_id) if person else None
    if online is None:
        raise Http404
    _log(request, online.household, "online_application", online.pk)
    names = selectors_apply.member_names(online.household)
    lines = [
        {
            "label": line_label(line.kind, line.type),
            "whose": names.get(line.member, ""),
            "line": line,
        }
        for line in online.lines.all()
    ]
    proposal = getattr(online, "proposal", None)
    return render(
        request,
        "mypages/apply_receipt.html",
        {
            "online": online,
            "lines": lines,
            "meeting": getattr(online.application, "first_meeting", None),
            "proposal": proposal,
            "checks": _checks(proposal),
        },
    )


def _checks(proposal: Any) -> list[dict[str, Any]]:
    if proposal is None:
        return []
    by_rule = {rule.id: rule for rule in RULES}
    # A rule whose result stays with the caseworker reads as looked at whatever it was.
    return [
        {
            "rule": by_rule[check.rule],
            "outcome": check.outcome
            if by_rule[check.rule].outcome_shown_to_applicant
            else WITHHELD,
        }
        for check in proposal.checks.all()
        if check.rule in by_rule
    ]
