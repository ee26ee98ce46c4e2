"""Pages of the work line: the catalogue, an activity and its group attendance, a case's
referrals and ability to take part, one referral with its steps, the passive list, and sanctions:
the unit's proposals, one proposal with its assessment, approval and decision letter."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bryggan.accounts.decorators import request_unit, requires
from bryggan.accounts.roles import Capability
from bryggan.activities import rules, selectors
from bryggan.activities.access import (
    access_activity,
    access_referral,
    access_sanction,
    access_sanction_reconsideration,
)
from bryggan.activities.forms import (
    AbilityForm,
    ActivityChangeForm,
    ActivityEndForm,
    ActivityForm,
    AttendanceForm,
    ReferralForm,
    ReferralStepForm,
    SanctionAssessForm,
    SanctionDecideForm,
    SanctionReceivedForm,
    SanctionReconsiderForm,
    activity_initial,
    parse_day,
)
from bryggan.activities.letters import (
    sanction_legal_ground,
    sanction_letter_file_name,
    sanction_letter_pdf,
    sanction_reconsideration_letter_file_name,
    sanction_reconsideration_letter_pdf,
)
from bryggan.activities.models import (
    Outcome,
    ReconsiderationOccasion,
    ReconsiderationOutcome,
    SanctionProposal,
    SanctionStatus,
)
from bryggan.activities.services import (
    LETTER_FOR_RECONSIDERATION,
    LETTER_FOR_SANCTION,
    activity_change,
    activity_create,
    activity_end_early,
    attendance_register_group,
    participation_assess,
    referral_accept,
    referral_create,
    referral_end,
    referral_start,
    sanction_assess,
    sanction_decide,
    sanction_legal_limit,
    sanction_reconsider,
    sanction_reconsideration_record_receipt,
    sanction_record_receipt,
)
from bryggan.casefile.views_documents import letter_response
from bryggan.core.errors import DomainError
from bryggan.core.locking import EditConflict, conflict_context
from bryggan.people.access import Purpose, access_household
from bryggan.people.models import Household


def _field(error: DomainError, form: object) -> str | None:
    return error.field if error.field in form.fields else None  # type: ignore[attr-defined]


@requires(Capability.VIEW_CASES)
def activity_list(request: HttpRequest) -> HttpResponse:
    activities = selectors.activity_list_for_unit(request_unit(request))
    return render(request, "activities/activity_list.html", {"activities": activities})


@requires(Capability.MANAGE_ACTIVITIES)
def activity_create_view(request: HttpRequest) -> HttpResponse:
    unit = request_unit(request)
    form = ActivityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            activity = activity_create(unit=unit, by=request.user, **form.service_arguments())  # type: ignore[arg-type]
        except DomainError as error:
            form.add_error(_field(error, form), str(error.message))
        else:
            messages.success(request, _("The activity is added to the catalogue."))
            return redirect("activities:activity_detail", activity_id=activity.pk)
    return render(request, "activities/activity_form.html", {"form": form})


@requires(Capability.VIEW_CASES)
def activity_detail(request: HttpRequest, activity_id: int) -> HttpResponse:
    activity = access_activity(request.user, activity_id, purpose=Purpose.CASEWORK, request=request)  # type: ignore[arg-type]
    return render(
        request,
        "activities/activity_detail.html",
        {
            "activity": activity,
            "referrals": selectors.referral_list_for_activity(activity),
            "today": timezone.localdate(),
        },
    )


@requires(Capability.MANAGE_ACTIVITIES)
def attendance(request: HttpRequest, activity_id: int) -> HttpResponse:
    activity = access_activity(request.user, activity_id, purpose=Purpose.CASEWORK, request=request)  # type: ignore[arg-type]
    today = timezone.localdate()
    day = parse_day(request.POST.get("day") or request.GET.get("datum"), default=today)
    participants = selectors.referral_list_attending(activity, day=day)
    form = AttendanceForm(
        request.POST or None, participants=participants, viewer=request.user, initial={"day": day}
    )
    if request.method == "POST" and form.is_valid():
        try:
            attendance_register_group(
                activity=activity,
                day=day,
                marks=form.marks(),
                by=request.user,
                today=today,  # type: ignore[arg-type]
            )
        except DomainError as error:
            form.add_error(_field(error, form), str(error.message))
        else:
            messages.success(request, _("Attendance is registered for %(day)s.") % {"day": day})
            url = reverse("activities:attendance", kwargs={"activity_id": activity.pk})
            return redirect(f"{url}?datum={day.isoformat()}")
    return render(
        request,
        "activities/attendance_form.html",
        {"activity": activity, "form": form, "day": day},
    )


def _case_page(
    request: HttpRequest,
    household: Household,
    *,
    referral_form: ReferralForm | None = None,
    ability_form: AbilityForm | None = None,
) -> HttpResponse:
    members = list(selectors.adult_members(household))
    activities = selectors.activity_list_open_for_referral(
        household.unit, today=timezone.localdate()
    )
    return render(
        request,
        "activities/case_activities.html",
        {
            "household": household,
            "referrals": selectors.referral_list_for_household(household.pk),
            "sanctions": selectors.sanction_list_for_household(household.pk),
            "abilities": selectors.ability_latest_by_person(household.pk).values(),
            "referral_form": referral_form
            or ReferralForm(
                members=members,
                viewer=request.user,
                activities=activities,
                initial={"referred_on": timezone.localdate()},
            ),
            "ability_form": ability_form or AbilityForm(members=members, viewer=request.user),
        },
    )


@requires(Capability.VIEW_CASES)
def case_activities(request: HttpRequest, household_id: int) -> HttpResponse:
    household = access_household(
        request.user, household_id, purpose=Purpose.CASEWORK, request=request
    )  # type: ignore[arg-type]
    if request.method != "POST":
        return _case_page(request, household)
    form = ReferralForm(
        request.POST,
        members=list(selectors.adult_members(household)),
        viewer=request.user,
        activities=selectors.activity_list_open_for_referral(
            household.unit, today=timezone.localdate()
        ),
    )
    if form.is_valid():
        try:
            referral_create(
                activity=form.cleaned_data["activity"],
                household=household,
                person=form.members[form.cleaned_data["person"]],
                referred_on=form.cleaned_data["referred_on"],
                by=request.user,  # type: ignore[arg-type]
            )
        except DomainError as error:
            form.add_error(_field(error, form), str(error.message))
        else:
            messages.success(request, _("The referral is sent."))
            return redirect("activities:case_activities", household_id=household.pk)
    return _case_page(request, household, referral_form=form)


@require_POST
@requires(Capability.VIEW_CASES)
def ability(request: HttpRequest, household_id: int) -> HttpResponse:
    household = access_household(
        request.user, household_id, purpose=Purpose.CASEWORK, request=request
    )  # type: ignore[arg-type]
    form = AbilityForm(
        request.POST, members=list(selectors.adult_members(household)), viewer=request.user
    )
    if form.is_valid():
        try:
            participation_assess(
                household=household,
                person=form.members[form.cleaned_data["person"]],
                able=form.cleaned_data["able"],
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
                on=timezone.localdate(),
                by=request.user,  # type: ignore[arg-type]
            )
        except DomainError as error:
            form.add_error(_field(error, form), str(error.message))
        else:
            messages.success(request, _("The ability to take part is recorded."))
            return redirect("activities:case_activities", household_id=household.pk)
    return _case_page(request, household, ability_form=form)


@requires(Capability.VIEW_CASES)
def referral_detail(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral = access_referral(request.user, referral_id, purpose=Purpose.CASEWORK, request=request)  # type: ignore[arg-type]
    return render(
        request,
        "activities/referral_detail.html",
        {
            "referral": referral,
            "attendance": selectors.attendance_for_referral(referral),
            "absence_reports": selectors.absence_reports_for_referral(referral),
            "form": ReferralStepForm(initial={"on": timezone.localdate()}),
        },
    )


@require_POST
@requires(Capability.MANAGE_ACTIVITIES)
def referral_step(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral = access_referral(request.user, referral_id, purpose=Purpose.CASEWORK, request=request)  # type: ignore[arg-type]
    form = ReferralStepForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a step and a date."))
        return redirect("activities:referral_detail", referral_id=referral.pk)
    step, on = form.cleaned_data["step"], form.cleaned_data["on"]
    try:
        if step == "accept":
            referral_accept(referral=referral, on=on, by=request.user)  # type: ignore[arg-type]
        elif step == "start":
            referral_start(referral=referral, on=on, by=request.user)  # type: ignore[arg-type]
        else:
            outcome = form.cleaned_data["outcome"]
            referral_end(
                referral=referral,
                on=on,
                outcome=Outcome(outcome) if outcome else "",  # type: ignore[arg-type]
                by=request.user,  # type: ignore[arg-type]
            )
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The referral is updated."))
    return redirect("activities:referral_detail", referral_id=referral.pk)


@requires(Capability.VIEW_CASES)
def passive(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    rows = selectors.passive_list(request_unit(request), today=today)
    return render(request, "activities/passive.html", {"rows": rows, "today": today})


# --- changing and ending an activity -------------------------------------------------------------


@requires(Capability.MANAGE_ACTIVITIES)
def activity_change_view(request: HttpRequest, activity_id: int) -> HttpResponse:
    activity = access_activity(request.user, activity_id, purpose=Purpose.CASEWORK, request=request)  # type: ignore[arg-type]
    form = ActivityChangeForm(request.POST or None, initial=activity_initial(activity))
    conflict: dict[str, object] = {}
    if request.method == "POST" and form.is_valid():
        try:
            activity_change(activity=activity, by=request.user, **form.service_arguments())  # type: ignore[arg-type]
        except EditConflict as error:
            conflict = conflict_context(form, error)
        except DomainError as error:
            form.add_error(_field(error, form), str(error.message))
        else:
            messages.success(request, _("The activity is changed."))
            return redirect("activities:activity_detail", activity_id=activity.pk)
    return render(
        request,
        "activities/activity_form.html",
        {"form": form, "activity": activity, **conflict},
        status=409 if conflict else 200,
    )


@requires(Capability.MANAGE_ACTIVITIES)
def activity_end_view(request: HttpRequest, activity_id: int) -> HttpResponse:
    activity = access_activity(request.user, activity_id, purpose=Purpose.CASEWORK, request=request)  # type: ignore[arg-type]
    today = timezone.localdate()
    # Today, but within the activity's period (the service refuses a day after today).
    default = max(activity.starts_on, min(today, activity.ends_on))
    form = ActivityEndForm(request.POST or None, initial={"on": default})
    if request.method == "POST" and form.is_valid():
        try:
            activity_end_early(
                activity=activity,
                on=form.cleaned_data["on"],
                outcome=Outcome(form.cleaned_data["outcome"]),
                by=request.user,  # type: ignore[arg-type]
                today=today,
            )
        except DomainError as error:
            form.add_error(_field(error, form), str(error.message))
        else:
            messages.success(
                request, _("The activity is ended, and its current referrals with it.")
            )
            return redirect("activities:activity_detail", activity_id=activity.pk)
    current = [r for r in selectors.referral_list_for_activity(activity) if r.is_current]
    record = selectors.activity_record(activity)
    return render(
        request,
        "activities/activity_end.html",
        {
            "activity": activity,
            "form": form,
            "referrals": current,
            "record": record,
            "earliest": rules.earliest_early_end(starts_on=activity.starts_on, record=record),
            "today": today,
        },
    )


# --- sanctions ------------------------------------------------------------------------------------


@requires(Capability.VIEW_CASES)
def sanction_list(request: HttpRequest) -> HttpResponse:
    proposals = list(selectors.sanction_list_for_unit(request_unit(request)))
    return render(
        request,
        "activities/sanction_list.html",
        {
            "to_assess": [p for p in proposals if p.status == SanctionStatus.PROPOSED],
            "to_approve": [p for p in proposals if p.status == SanctionStatus.ASSESSED],
            "closed": [
                p
                for p in proposals
                if p.status not in (SanctionStatus.PROPOSED, SanctionStatus.ASSESSED)
            ][:50],
        },
    )


def _sanction_page(
    request: HttpRequest,
    proposal: SanctionProposal,
    *,
    assess_form: SanctionAssessForm | None = None,
    decide_form: SanctionDecideForm | None = None,
    reconsider_form: SanctionReconsiderForm | None = None,
) -> HttpResponse:
    limit, limit_error = None, ""
    if proposal.status == SanctionStatus.PROPOSED:
        try:
            limit = sanction_legal_limit(proposal)
        except DomainError as error:
            limit_error = str(error.message)
    absences = list(selectors.sanction_absences(proposal))
    rule = selectors.sanction_rule_for_unit(proposal.household.unit_id)
    suggestion = (
        rules.proposed_reduction(
            limit=limit,
            percent_per_absence=rule.percent_per_absence,
            max_percent=rule.max_percent,
            absences=len(absences),
        )
        if rule is not None and limit is not None
        else None
    )
    return render(
        request,
        "activities/sanction_detail.html",
        {
            "proposal": proposal,
            "absences": absences,
            "limit": limit,
            "limit_error": limit_error,
            "rule": rule,
            "legal_ground": sanction_legal_ground(proposal.month),
            "assess_form": assess_form or SanctionAssessForm(initial={"amount": suggestion}),
            "decide_form": decide_form or SanctionDecideForm(),
            "received_form": SanctionReceivedForm(initial={"received_on": timezone.localdate()}),
            "own_assessment": proposal.assessed_by_id == request.user.pk,
            **_reconsideration_context(proposal, reconsider_form),
        },
    )


@requires(Capability.VIEW_CASES)
def sanction_detail(request: HttpRequest, proposal_id: int) -> HttpResponse:
    proposal = access_sanction(request.user, proposal_id, purpose=Purpose.CASEWORK, request=request)  # type: ignore[arg-type]
    return _sanction_page(request, proposal)


@require_POST
@requires(Capability.ASSESS_SANCTION)
def sanction_assess_view(request: HttpRequest, proposal_id: int) -> HttpResponse:
    proposal = access_sanction(request.user, proposal_id, purpose=Purpose.CASEWORK, request=request)  # type: ignore[arg-type]
    form = SanctionAssessForm(request.POST)
    if form.is_valid():
        try:
            sanction_assess(
                proposal=proposal,
                valid_reason=form.cleaned_data["valid_reason"],
                reasons=form.cleaned_data["reasons"],
                amount=form.cleaned_data["amount"],
                by=request.user,  # type: ignore[arg-type]
                now=timezone.now(),
            )
        except DomainError as error:
            form.add_error(_field(error, form), str(error.message))
        else:
            messages.success(request, _("The assessment is recorded."))
            return redirect("activities:sanction_detail", proposal_id=proposal.pk)
    return _sanction_page(request, proposal, assess_form=form)


@require_POST
@requires(Capability.APPROVE_SANCTION)
def sanction_decide_view(request: HttpRequest, proposal_id: int) -> HttpResponse:
    proposal = access_sanction(request.user, proposal_id, purpose=Purpose.CASEWORK, request=request)  # type: ignore[arg-type]
    form = SanctionDecideForm(request.POST)
    if form.is_valid():
        try:
            decided = sanction_decide(
                proposal=proposal,
                approve=form.cleaned_data["approve"],
                note=form.cleaned_data["note"],
                by=request.user,  # type: ignore[arg-type]
                now=timezone.now(),
            )
        except DomainError as error:
            form.add_error(_field(error, form), str(error.message))
        else:
            messages.success(
                request,
                _("The reduction is decided.")
                if decided.is_decided
                else _("The reduction is not approved."),
            )
            return redirect("activities:sanction_detail", proposal_id=proposal.pk)
    return _sanction_page(request, proposal, decide_form=form)


def _receipt_posted(
    request: HttpRequest, record: Callable[..., object], *, proposal_id: int
) -> HttpResponse:
    """The day the client received a letter, posted from the sanction page: recorded through
    `record` (a receipt service with its decision bound), or the reason it was not."""
    form = SanctionReceivedForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the day the client received the decision."))
    else:
        try:
            record(
                received_on=form.cleaned_data["received_on"],
                today=timezone.localdate(),
                by=request.user,
            )
        except DomainError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("The day the decision was received is recorded."))
    return redirect("activities:sanction_detail", proposal_id=proposal_id)


@require_POST
@requires(Capability.ASSESS_SANCTION)
def sanction_received(request: HttpRequest, proposal_id: int) -> HttpResponse:
    proposal = access_sanction(request.user, proposal_id, purpose=Purpose.CASEWORK, request=request)  # type: ignore[arg-type]
    return _receipt_posted(
        request, partial(sanction_record_receipt, proposal=proposal), proposal_id=proposal.pk
    )


@requires(Capability.VIEW_CASES)
def sanction_letter(request: HttpRequest, proposal_id: int) -> HttpResponse:
    proposal = access_sanction(request.user, proposal_id, purpose=Purpose.CASEWORK, request=request)  # type: ignore[arg-type]
    if not proposal.is_decided:
        raise Http404
    return letter_response(
        request,
        proposal.household,
        letter_for_type=LETTER_FOR_SANCTION,
        letter_for_id=proposal.pk,
        file_name=sanction_letter_file_name(proposal),
        render_letter=lambda: sanction_letter_pdf(
            proposal, selectors.sanction_absences(proposal), unit_name=proposal.household.unit.name
        ),
    )


# --- reconsideration of a decided reduction (*omprövning*) ---------------------------------------


def _reconsideration_context(
    proposal: SanctionProposal, form: SanctionReconsiderForm | None
) -> dict[str, object]:
    if not proposal.is_decided:
        return {}
    history = selectors.sanction_reconsiderations(proposal)
    return {
        "reconsiderations": history,
        "in_force": selectors.sanction_reduction_in_force(proposal),
        "revoked": any(r.is_revoked for r in history),
        "signed_with_old": (
            selectors.sanction_signed_decisions_with_old_reduction(proposal) if history else []
        ),
        "reconsider_form": form or SanctionReconsiderForm(),
    }


@require_POST
@requires(Capability.APPROVE_SANCTION)
def sanction_reconsider_view(request: HttpRequest, proposal_id: int) -> HttpResponse:
    proposal = access_sanction(request.user, proposal_id, purpose=Purpose.CASEWORK, request=request)  # type: ignore[arg-type]
    form = SanctionReconsiderForm(request.POST)
    if form.is_valid():
        try:
            sanction_reconsider(
                proposal=proposal,
                outcome=ReconsiderationOutcome(form.cleaned_data["outcome"]),
                occasion=ReconsiderationOccasion(form.cleaned_data["occasion"]),
                amount=form.cleaned_data["amount"],
                reasons=form.cleaned_data["reasons"],
                by=request.user,  # type: ignore[arg-type]
                now=timezone.now(),
            )
        except DomainError as error:
            if _field(error, form) is None:
                # Not decided yet or already revoked: the page offers no form to keep input in.
                messages.error(request, str(error.message))
                return redirect("activities:sanction_detail", proposal_id=proposal.pk)
            form.add_error(_field(error, form), str(error.message))
        else:
            messages.success(request, _("The reconsideration is decided."))
            return redirect("activities:sanction_detail", proposal_id=proposal.pk)
    return _sanction_page(request, proposal, reconsider_form=form)


@require_POST
@requires(Capability.ASSESS_SANCTION)
def sanction_reconsideration_received(
    request: HttpRequest, reconsideration_id: int
) -> HttpResponse:
    reconsideration = access_sanction_reconsideration(
        request.user,  # type: ignore[arg-type]
        reconsideration_id,
        purpose=Purpose.CASEWORK,
        request=request,
    )
    return _receipt_posted(
        request,
        partial(sanction_reconsideration_record_receipt, reconsideration=reconsideration),
        proposal_id=reconsideration.proposal_id,
    )


@requires(Capability.VIEW_CASES)
def sanction_reconsideration_letter(request: HttpRequest, reconsideration_id: int) -> HttpResponse:
    reconsideration = access_sanction_reconsideration(
        request.user,  # type: ignore[arg-type]
        reconsideration_id,
        purpose=Purpose.CASEWORK,
        request=request,
    )
    proposal = reconsideration.proposal
    return letter_response(
        request,
        proposal.household,
        letter_for_type=LETTER_FOR_RECONSIDERATION,
        letter_for_id=reconsideration.pk,
        file_name=sanction_reconsideration_letter_file_name(reconsideration),
        render_letter=lambda: sanction_reconsideration_letter_pdf(
            reconsideration, unit_name=proposal.household.unit.name
        ),
    )
