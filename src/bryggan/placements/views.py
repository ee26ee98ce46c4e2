"""Pages of placements decided together: the unit's selection groups (manager), proposals, votes,
the agreement, start, follow-ups and end (the unit's staff), and the partner's own placements."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bryggan.accounts.decorators import request_unit, requires, signed_in_user
from bryggan.accounts.roles import Capability
from bryggan.cooperation.models import DisclosureChannel
from bryggan.cooperation.rules import InformationKind, OrganisationKind
from bryggan.cooperation.selectors import latest_household_of, partner_case_rows
from bryggan.cooperation.services import disclosure_record
from bryggan.core.errors import DomainError
from bryggan.core.forms import add_domain_error
from bryggan.people.access import Purpose, access_household
from bryggan.people.models import Household
from bryggan.placements import selectors
from bryggan.placements.access import (
    PartnerPlacement,
    access_partner_placement,
    access_partner_placements,
    access_placement,
    partner_organisation,
)
from bryggan.placements.forms import (
    AgreementForm,
    EndForm,
    FollowUpForm,
    GroupForm,
    ProposalForm,
    SignedForm,
    StartForm,
    VoteForm,
)
from bryggan.placements.letters import agreement_pdf
from bryggan.placements.models import Placement, SelectionGroup
from bryggan.placements.services import (
    agreement_register_signed,
    agreement_write,
    follow_up_record,
    placement_end,
    placement_propose,
    placement_start,
    placement_vote,
    selection_group_create,
    selection_group_update,
)

# The detail page holds several forms: their fields' ids must not collide.
FOLLOW_UP_IDS, END_IDS = "followup_%s", "end_%s"


# Selection groups (the unit manager).


def _group_form(request: HttpRequest, **kwargs: object) -> GroupForm:
    organisations = selectors.organisations_active()
    return GroupForm(
        request.POST or None,
        organisations=organisations.exclude(kind=OrganisationKind.UNION.value),
        unions=organisations.filter(kind=OrganisationKind.UNION.value),
        **kwargs,  # type: ignore[arg-type]
    )


@requires(Capability.MANAGE_PARTNERS)
def group_list_view(request: HttpRequest) -> HttpResponse:
    unit = request_unit(request)
    return render(
        request,
        "placements/group_list.html",
        {"groups": selectors.group_list(unit), "unit": unit},
    )


@requires(Capability.MANAGE_PARTNERS)
def group_create_view(request: HttpRequest) -> HttpResponse:
    unit = request_unit(request)
    form = _group_form(request)
    if request.method == "POST" and form.is_valid():
        try:
            selection_group_create(
                unit=unit, by=signed_in_user(request), **form.service_arguments()
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The selection group is created."))
            return redirect("placements:group_list")
    return render(request, "placements/group_form.html", {"form": form, "group": None})


def _group(request: HttpRequest, group_id: int) -> SelectionGroup:
    group = selectors.group_get(request_unit(request), group_id)
    if group is None:
        raise Http404
    return group


@requires(Capability.MANAGE_PARTNERS)
def group_edit_view(request: HttpRequest, group_id: int) -> HttpResponse:
    group = _group(request, group_id)
    form = _group_form(request, initial=GroupForm.initial_from(group))
    if request.method == "POST" and form.is_valid():
        try:
            selection_group_update(
                group=group,
                active=form.cleaned_data["active"],
                by=signed_in_user(request),
                **form.service_arguments(),
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The selection group is changed."))
            return redirect("placements:group_list")
    return render(request, "placements/group_form.html", {"form": form, "group": group})


# The unit's placements.


@requires(Capability.COOPERATION)
def placement_list_view(request: HttpRequest) -> HttpResponse:
    rows = selectors.placement_rows_for_unit(request_unit(request))
    return render(request, "placements/placement_list.html", {"rows": rows})


def _case(request: HttpRequest, household_id: int) -> Household:
    return access_household(
        signed_in_user(request), household_id, purpose=Purpose.CASEWORK, request=request
    )


@requires(Capability.VIEW_CASES)
def case_placements_view(request: HttpRequest, household_id: int) -> HttpResponse:
    household = _case(request, household_id)
    return render(
        request,
        "placements/case_placements.html",
        {"household": household, "rows": selectors.placement_rows_for_household(household)},
    )


@requires(Capability.COOPERATION)
def placement_create_view(request: HttpRequest, household_id: int) -> HttpResponse:
    household = _case(request, household_id)
    today = timezone.localdate()
    form = ProposalForm(
        request.POST or None,
        groups=selectors.group_active_list(household.unit),
        persons=selectors.adults_of(household, today=today),
        offers=selectors.offers_of_unit(household.unit, today=today),
    )
    if request.method == "POST" and form.is_valid():
        try:
            placement = placement_propose(
                household=household,
                proposed_for=None,
                by=signed_in_user(request),
                now=timezone.now(),
                **form.service_arguments(),
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The proposal is sent to the selection group."))
            return redirect("placements:placement_detail", placement_id=placement.pk)
    return render(request, "placements/placement_form.html", {"form": form, "household": household})


def _detail_context(placement: Placement) -> dict[str, object]:
    row = selectors.placement_row(placement)
    agreement = getattr(placement, "agreement", None)
    today = timezone.localdate()
    follow_ups = list(selectors.follow_up_list(placement))
    return {
        "placement": placement,
        "row": row,
        "votes": selectors.vote_list(placement),
        "agreement": agreement,
        "follow_ups": follow_ups,
        "next_follow_up": next((f for f in follow_ups if f.held_on is None), None),
        "vote_form": VoteForm(),
        "agreement_form": AgreementForm(
            initial={
                "goal": agreement.goal,
                "content": agreement.content,
                "consequences": agreement.consequences,
                "follow_up_dates": "\n".join(f.due_on.isoformat() for f in follow_ups),
            }
            if agreement
            else None
        ),
        "signed_form": SignedForm(initial={"signed_on": today}),
        "start_form": StartForm(initial={"started_on": max(today, placement.starts_on)}),
        "follow_up_form": FollowUpForm(initial={"held_on": today}, auto_id=FOLLOW_UP_IDS),
        "end_form": EndForm(initial={"ended_on": today}, auto_id=END_IDS),
    }


@requires(Capability.VIEW_CASES)
def placement_detail_view(request: HttpRequest, placement_id: int) -> HttpResponse:
    placement = access_placement(signed_in_user(request), placement_id, request=request)
    return render(request, "placements/placement_detail.html", _detail_context(placement))


def _render_detail(request: HttpRequest, placement: Placement, **forms: object) -> HttpResponse:
    context = _detail_context(placement) | forms
    return render(request, "placements/placement_detail.html", context, status=400)


@require_POST
@requires(Capability.MANAGE_PARTNERS)
def placement_vote_view(request: HttpRequest, placement_id: int) -> HttpResponse:
    """The own municipality's vote, cast by the unit manager."""
    placement = access_placement(signed_in_user(request), placement_id, request=request)
    form = VoteForm(request.POST)
    if form.is_valid():
        try:
            placement_vote(
                placement=placement,
                organisation=None,
                approve=form.cleaned_data["approve"],
                reason=form.cleaned_data["reason"],
                by=signed_in_user(request),
                now=timezone.now(),
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The vote is recorded."))
            return redirect("placements:placement_detail", placement_id=placement.pk)
    return _render_detail(request, placement, vote_form=form)


@requires(Capability.COOPERATION)
def agreement_edit_view(request: HttpRequest, placement_id: int) -> HttpResponse:
    placement = access_placement(signed_in_user(request), placement_id, request=request)
    if request.method != "POST":
        return redirect("placements:placement_detail", placement_id=placement.pk)
    form = AgreementForm(request.POST)
    if form.is_valid():
        try:
            agreement_write(placement=placement, by=signed_in_user(request), **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The agreement is saved. Print it for the participant."))
            return redirect("placements:placement_detail", placement_id=placement.pk)
    return _render_detail(request, placement, agreement_form=form)


@requires(Capability.COOPERATION)
def agreement_pdf_view(request: HttpRequest, placement_id: int) -> HttpResponse:
    placement = access_placement(signed_in_user(request), placement_id, request=request)
    agreement = getattr(placement, "agreement", None)
    if agreement is None:
        raise Http404
    pdf = agreement_pdf(
        placement=placement, agreement=agreement, unit_name=placement.household.unit.name
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="overenskommelse.pdf"'
    return response


@require_POST
@requires(Capability.COOPERATION)
def agreement_sign_view(request: HttpRequest, placement_id: int) -> HttpResponse:
    placement = access_placement(signed_in_user(request), placement_id, request=request)
    form = SignedForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["signed_form"]
        try:
            agreement_register_signed(
                placement=placement,
                signed_on=form.cleaned_data["signed_on"],
                signed_form=upload,
                signed_form_name=upload.name,
                by=signed_in_user(request),
                now=timezone.now(),
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The agreement is registered as signed."))
            return redirect("placements:placement_detail", placement_id=placement.pk)
    return _render_detail(request, placement, signed_form=form)


@require_POST
@requires(Capability.COOPERATION)
def placement_start_view(request: HttpRequest, placement_id: int) -> HttpResponse:
    placement = access_placement(signed_in_user(request), placement_id, request=request)
    form = StartForm(request.POST)
    if form.is_valid():
        try:
            placement_start(
                placement=placement, on=form.cleaned_data["started_on"], by=signed_in_user(request)
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The placement has started."))
            return redirect("placements:placement_detail", placement_id=placement.pk)
    return _render_detail(request, placement, start_form=form)


@require_POST
@requires(Capability.COOPERATION)
def follow_up_hold_view(request: HttpRequest, placement_id: int, follow_up_id: int) -> HttpResponse:
    placement = access_placement(signed_in_user(request), placement_id, request=request)
    follow_up = selectors.follow_up_get(placement, follow_up_id)
    if follow_up is None:
        raise Http404
    form = FollowUpForm(request.POST, auto_id=FOLLOW_UP_IDS)
    if form.is_valid():
        try:
            follow_up_record(follow_up=follow_up, by=signed_in_user(request), **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The follow-up is recorded."))
            return redirect("placements:placement_detail", placement_id=placement.pk)
    return _render_detail(request, placement, follow_up_form=form)


@require_POST
@requires(Capability.COOPERATION)
def placement_end_view(request: HttpRequest, placement_id: int) -> HttpResponse:
    placement = access_placement(signed_in_user(request), placement_id, request=request)
    form = EndForm(request.POST, auto_id=END_IDS)
    if form.is_valid():
        try:
            placement_end(
                placement=placement,
                ended_on=form.cleaned_data["ended_on"],
                outcome=form.outcome_value(),
                note=form.cleaned_data["note"],
                by=signed_in_user(request),
                today=timezone.localdate(),
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The placement has ended."))
            return redirect("placements:placement_detail", placement_id=placement.pk)
    return _render_detail(request, placement, end_form=form)


# The partner's own pages.


def _disclose(request: HttpRequest, view: PartnerPlacement, kinds: list[InformationKind]) -> None:
    """Record what the partner was shown about the participant, on the consent that allowed it."""
    if kinds:
        disclosure_record(
            person=view.placement.person,
            household=view.placement.household,
            organisation=view.organisation,
            kinds=kinds,
            channel=DisclosureChannel.PARTNER_VIEW,
            recipient=signed_in_user(request),
            recipient_name=signed_in_user(request).get_full_name(),
            by=None,
            now=timezone.now(),
        )


@requires(Capability.PARTNER_CASES)
def partner_list_view(request: HttpRequest) -> HttpResponse:
    views = access_partner_placements(signed_in_user(request), today=timezone.localdate())
    for view in views:
        _disclose(request, view, [InformationKind.IDENTITY] if view.shows_person else [])
    return render(
        request,
        "placements/partner_list.html",
        {"views": views, "organisation": partner_organisation(signed_in_user(request))},
    )


@requires(Capability.PARTNER_CASES)
def partner_detail_view(request: HttpRequest, placement_id: int) -> HttpResponse:
    view = access_partner_placement(
        signed_in_user(request), placement_id, today=timezone.localdate(), request=request
    )
    _disclose(request, view, view.shown_kinds)
    return render(
        request,
        "placements/partner_detail.html",
        {
            "view": view,
            "row": view.row,
            "votes": selectors.vote_list(view.placement),
            "vote_form": VoteForm(),
        },
    )


@require_POST
@requires(Capability.PARTNER_CASES)
def partner_vote_view(request: HttpRequest, placement_id: int) -> HttpResponse:
    """The partner organisation's vote. An organisation that is no party never reaches the
    placement (404); the service refuses a second vote with a message and changes nothing."""
    view = access_partner_placement(
        signed_in_user(request), placement_id, today=timezone.localdate(), request=request
    )
    form = VoteForm(request.POST)
    if form.is_valid():
        try:
            placement_vote(
                placement=view.placement,
                organisation=view.organisation,
                approve=form.cleaned_data["approve"],
                reason=form.cleaned_data["reason"],
                by=signed_in_user(request),
                now=timezone.now(),
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Your organisation's vote is recorded."))
            return redirect("placements:partner_detail", placement_id=view.placement.pk)
    return render(
        request,
        "placements/partner_detail.html",
        {
            "view": view,
            "row": view.row,
            "votes": selectors.vote_list(view.placement),
            "vote_form": form,
        },
        status=400,
    )


@requires(Capability.PARTNER_CASES)
def partner_propose_view(request: HttpRequest) -> HttpResponse:
    """A member organisation proposes a placement for a person whose valid consent names it."""
    organisation = partner_organisation(signed_in_user(request))
    if organisation is None:
        raise PermissionDenied
    today = timezone.localdate()
    # Only persons whose valid consent lets the organisation know who they are and what is planned.
    persons = [
        row.person.pk
        for row in partner_case_rows(organisation, today=today)
        if {InformationKind.IDENTITY, InformationKind.PLAN} <= row.kinds
    ]
    form = ProposalForm(
        request.POST or None,
        groups=selectors.groups_of_organisation(organisation),
        persons=selectors.persons(persons),
        offers=None,
    )
    if request.method == "POST" and form.is_valid():
        arguments = form.service_arguments()
        household = latest_household_of(arguments["person"])
        try:
            if household is None:
                raise DomainError(_("The person has no case."), field="person")
            placement = placement_propose(
                household=household,
                proposed_for=organisation,
                by=signed_in_user(request),
                now=timezone.now(),
                **arguments,
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The proposal is sent to the selection group."))
            return redirect("placements:partner_detail", placement_id=placement.pk)
    return render(
        request, "placements/partner_propose.html", {"form": form, "organisation": organisation}
    )
