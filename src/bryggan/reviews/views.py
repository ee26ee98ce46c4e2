"""Pages of joint case reviews: the unit's review groups (the manager sets them up), their
meetings and agendas (the unit's staff), a case's reviews and three-party talks, the minutes and
their actions, overdue actions, the partner users (manager, administrator), and the partner's own
view of its organisation's meetings."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bryggan.accounts.decorators import request_unit, requires, signed_in_user
from bryggan.accounts.roles import Capability
from bryggan.cooperation import selectors as cooperation_selectors
from bryggan.cooperation.models import DisclosureChannel
from bryggan.cooperation.services import disclosure_record, partner_user_active_set
from bryggan.core.errors import DomainError, NotFoundOrForbidden
from bryggan.core.forms import add_domain_error
from bryggan.people.access import Purpose, access_household
from bryggan.people.models import Household
from bryggan.reviews import selectors
from bryggan.reviews.access import (
    MEETING_NOT_FOUND,
    ItemView,
    access_action,
    access_group,
    access_meeting,
    access_meeting_agenda,
    access_partner_meeting,
    access_partner_meetings,
)
from bryggan.reviews.forms import (
    ActionForm,
    AgendaForm,
    GroupForm,
    MeetingForm,
    MinutesForm,
    PartnerUserForm,
    RemoveForm,
    ScheduleForm,
    ThreePartyForm,
)
from bryggan.reviews.services import (
    action_mark_done,
    action_update,
    agenda_item_add,
    agenda_item_remove,
    meeting_create,
    meeting_hold,
    meetings_schedule,
    minutes_record,
    partner_user_add,
    review_group_create,
    review_group_update,
    three_party_talk_create,
)


def _with_information(views: list[ItemView]) -> list[tuple[ItemView, object]]:
    """Each case with only what its consented kinds let the meeting see."""
    return [
        (v, cooperation_selectors.shared_information(v.item.person, v.item.household, v.kinds))
        for v in views
    ]


# Review groups (the unit manager sets them up; the unit's staff use them).


@requires(Capability.COOPERATION)
def group_list_view(request: HttpRequest) -> HttpResponse:
    unit = request_unit(request)
    today = timezone.localdate()
    return render(
        request,
        "reviews/group_list.html",
        {
            "groups": selectors.groups_of_unit(unit.pk),
            "meetings": selectors.upcoming_meetings_of_unit(unit.pk, today=today)[:20],
            "talks": selectors.three_party_talks_of_unit(unit.pk)[:20],
        },
    )


@requires(Capability.MANAGE_REVIEW_GROUPS)
def group_create_view(request: HttpRequest) -> HttpResponse:
    unit = request_unit(request)
    form = GroupForm(
        request.POST or None, organisations=cooperation_selectors.partner_active_list()
    )
    if request.method == "POST" and form.is_valid():
        try:
            group = review_group_create(
                unit=unit, by=signed_in_user(request), **form.service_arguments()
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The review group is set up."))
            return redirect("reviews:group_detail", group_id=group.pk)
    return render(request, "reviews/group_form.html", {"form": form, "group": None})


@requires(Capability.MANAGE_REVIEW_GROUPS)
def group_edit_view(request: HttpRequest, group_id: int) -> HttpResponse:
    group = access_group(signed_in_user(request), group_id)
    form = GroupForm(
        request.POST or None,
        organisations=cooperation_selectors.partner_list(),
        initial=GroupForm.initial_from(group),
    )
    if request.method == "POST" and form.is_valid():
        try:
            review_group_update(
                group=group,
                active=form.cleaned_data["active"],
                by=signed_in_user(request),
                **form.service_arguments(),
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The review group is changed."))
            return redirect("reviews:group_detail", group_id=group.pk)
    return render(request, "reviews/group_form.html", {"form": form, "group": group})


def _group_page(
    request: HttpRequest, group_id: int, *, meeting_form: MeetingForm, schedule_form: ScheduleForm
) -> HttpResponse:
    group = access_group(signed_in_user(request), group_id)
    return render(
        request,
        "reviews/group_detail.html",
        {
            "group": group,
            "meetings": selectors.meetings_of_group(group),
            "meeting_form": meeting_form,
            "schedule_form": schedule_form,
        },
    )


@requires(Capability.COOPERATION)
def group_detail_view(request: HttpRequest, group_id: int) -> HttpResponse:
    today = timezone.localdate()
    return _group_page(
        request,
        group_id,
        meeting_form=MeetingForm(initial={"on": today}),
        schedule_form=ScheduleForm(initial={"first": today, "count": 6}),
    )


@require_POST
@requires(Capability.COOPERATION)
def meeting_create_view(request: HttpRequest, group_id: int) -> HttpResponse:
    group = access_group(signed_in_user(request), group_id)
    form = MeetingForm(request.POST)
    if form.is_valid():
        try:
            meeting = meeting_create(group=group, by=signed_in_user(request), **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The meeting is booked."))
            return redirect("reviews:meeting_detail", meeting_id=meeting.pk)
    schedule = ScheduleForm(initial={"first": timezone.localdate(), "count": 6})
    return _group_page(request, group_id, meeting_form=form, schedule_form=schedule)


@require_POST
@requires(Capability.COOPERATION)
def meetings_schedule_view(request: HttpRequest, group_id: int) -> HttpResponse:
    group = access_group(signed_in_user(request), group_id)
    form = ScheduleForm(request.POST)
    if form.is_valid():
        try:
            made = meetings_schedule(group=group, by=signed_in_user(request), **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("%(n)s meetings are booked.") % {"n": len(made)})
            return redirect("reviews:group_detail", group_id=group.pk)
    meeting_form = MeetingForm(initial={"on": timezone.localdate()})
    return _group_page(request, group_id, meeting_form=meeting_form, schedule_form=form)


# A meeting: its agenda, holding it, the minutes per case and their actions.


@requires(Capability.COOPERATION)
def meeting_detail_view(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting, views = access_meeting_agenda(
        signed_in_user(request), meeting_id, today=timezone.localdate(), request=request
    )
    return render(
        request,
        "reviews/meeting_detail.html",
        {
            "meeting": meeting,
            "organisations": selectors.organisations_of(meeting),
            "rows": _with_information(views),
            "removed": selectors.removed_from(meeting),
            "remove_form": RemoveForm(),
        },
    )


@require_POST
@requires(Capability.COOPERATION)
def meeting_hold_view(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = access_meeting(signed_in_user(request), meeting_id)
    try:
        meeting_hold(meeting=meeting, by=signed_in_user(request), now=timezone.now())
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The meeting is held: write the minutes of each case."))
    return redirect("reviews:meeting_detail", meeting_id=meeting.pk)


@require_POST
@requires(Capability.COOPERATION)
def agenda_remove_view(request: HttpRequest, meeting_id: int, item_id: int) -> HttpResponse:
    meeting = access_meeting(signed_in_user(request), meeting_id)
    item = selectors.item_of_meeting(meeting, item_id)
    if item is None:
        raise NotFoundOrForbidden(MEETING_NOT_FOUND)
    form = RemoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the case leaves the agenda."))
    else:
        try:
            agenda_item_remove(
                item=item,
                reason=form.cleaned_data["reason"],
                by=signed_in_user(request),
                now=timezone.now(),
            )
        except DomainError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("The case is taken off the agenda."))
    return redirect("reviews:meeting_detail", meeting_id=meeting.pk)


@requires(Capability.COOPERATION)
def minutes_view(request: HttpRequest, meeting_id: int, item_id: int) -> HttpResponse:
    meeting = access_meeting(signed_in_user(request), meeting_id)
    item = selectors.item_of_meeting(meeting, item_id)
    if item is None:
        raise NotFoundOrForbidden(MEETING_NOT_FOUND)
    access_household(
        signed_in_user(request), item.household_id, purpose=Purpose.CASEWORK, request=request
    )
    form = MinutesForm(request.POST or None, organisations=selectors.organisations_of(meeting))
    if request.method == "POST" and form.is_valid():
        try:
            minutes_record(
                item=item,
                agreed=form.cleaned_data["agreed"],
                actions=form.actions(),
                by=signed_in_user(request),
                now=timezone.now(),
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The minutes are recorded."))
            return redirect("reviews:meeting_detail", meeting_id=meeting.pk)
    return render(
        request, "reviews/minutes_form.html", {"form": form, "meeting": meeting, "item": item}
    )


@require_POST
@requires(Capability.COOPERATION)
def action_done_view(request: HttpRequest, action_id: int) -> HttpResponse:
    action = access_action(signed_in_user(request), action_id)
    try:
        action_mark_done(action=action, done_on=timezone.localdate(), by=signed_in_user(request))
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The action is marked done."))
    return redirect("reviews:meeting_detail", meeting_id=action.item.meeting_id)


@requires(Capability.COOPERATION)
def action_edit_view(request: HttpRequest, action_id: int) -> HttpResponse:
    action = access_action(signed_in_user(request), action_id)
    form = ActionForm(
        request.POST or None,
        initial={
            "description": action.description,
            "responsible_name": action.responsible_name,
            "due_on": action.due_on,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            action_update(action=action, by=signed_in_user(request), **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The action is changed."))
            return redirect("reviews:meeting_detail", meeting_id=action.item.meeting_id)
    return render(request, "reviews/action_edit.html", {"form": form, "action": action})


@requires(Capability.COOPERATION)
def overdue_actions_view(request: HttpRequest) -> HttpResponse:
    unit = request_unit(request)
    return render(
        request,
        "reviews/overdue_actions.html",
        {"rows": selectors.overdue_actions_of_unit(unit.pk, today=timezone.localdate())},
    )


# A case's joint reviews: put it on a coming agenda, or book a three-party talk.


def _case(request: HttpRequest, household_id: int) -> Household:
    return access_household(
        signed_in_user(request), household_id, purpose=Purpose.CASEWORK, request=request
    )


def _case_page(
    request: HttpRequest,
    household: Household,
    *,
    agenda_form: AgendaForm | None = None,
    talk_form: ThreePartyForm | None = None,
) -> HttpResponse:
    today = timezone.localdate()
    persons = cooperation_selectors.member_persons(household, today=today)
    only = persons.first() if persons.count() == 1 else None
    return render(
        request,
        "reviews/case_reviews.html",
        {
            "household": household,
            "items": selectors.items_of_household(household.pk),
            "agenda_form": agenda_form
            or AgendaForm(
                meetings=selectors.upcoming_meetings_of_unit(household.unit_id, today=today),
                persons=persons,
                initial={"person": only},
            ),
            "talk_form": talk_form
            or ThreePartyForm(
                persons=persons,
                organisations=cooperation_selectors.partner_active_list(),
                initial={"person": only},
            ),
        },
    )


@requires(Capability.COOPERATION)
def case_reviews_view(request: HttpRequest, household_id: int) -> HttpResponse:
    household = _case(request, household_id)
    if request.method != "POST":
        return _case_page(request, household)
    today = timezone.localdate()
    form = AgendaForm(
        request.POST,
        meetings=selectors.upcoming_meetings_of_unit(household.unit_id, today=today),
        persons=cooperation_selectors.member_persons(household, today=today),
    )
    if form.is_valid():
        try:
            agenda_item_add(
                household=household,
                by=signed_in_user(request),
                now=timezone.now(),
                **form.cleaned_data,
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The case is on the agenda."))
            return redirect("reviews:case_reviews", household_id=household.pk)
    return _case_page(request, household, agenda_form=form)


@require_POST
@requires(Capability.COOPERATION)
def three_party_create_view(request: HttpRequest, household_id: int) -> HttpResponse:
    household = _case(request, household_id)
    today = timezone.localdate()
    form = ThreePartyForm(
        request.POST,
        persons=cooperation_selectors.member_persons(household, today=today),
        organisations=cooperation_selectors.partner_active_list(),
    )
    if form.is_valid():
        try:
            meeting = three_party_talk_create(
                household=household,
                by=signed_in_user(request),
                now=timezone.now(),
                **form.cleaned_data,
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The three-party talk is booked."))
            return redirect("reviews:meeting_detail", meeting_id=meeting.pk)
    return _case_page(request, household, talk_form=form)


# Partner users (the unit manager or the administrator).


@requires(Capability.MANAGE_PARTNER_USERS)
def partner_users_view(request: HttpRequest) -> HttpResponse:
    form = PartnerUserForm(
        request.POST or None, organisations=cooperation_selectors.partner_active_list()
    )
    if request.method == "POST" and form.is_valid():
        try:
            partner_user_add(by=signed_in_user(request), **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The partner user is created."))
            return redirect("reviews:partner_users")
    return render(
        request,
        "reviews/partner_users.html",
        {"form": form, "links": selectors.partner_users()},
    )


@require_POST
@requires(Capability.MANAGE_PARTNER_USERS)
def partner_user_active_view(request: HttpRequest, user_id: int) -> HttpResponse:
    """Turn a partner user's sign-in off (`active=0`) or on again (`active=1`)."""
    link = get_object_or_404(selectors.partner_users(), user_id=user_id)
    active = request.POST.get("active") == "1"
    partner_user_active_set(link=link, active=active, by=signed_in_user(request))
    name = link.user.get_full_name() or link.user.get_username()
    if active:
        messages.success(request, _("%(name)s can sign in again.") % {"name": name})
    else:
        messages.success(request, _("%(name)s can no longer sign in.") % {"name": name})
    return redirect("reviews:partner_users")


# The partner's own pages: its organisation's meetings, and on them only consented cases.


@requires(Capability.PARTNER_CASES)
def partner_meetings_view(request: HttpRequest) -> HttpResponse:
    organisation, meetings = access_partner_meetings(signed_in_user(request))
    return render(
        request,
        "reviews/partner_meetings.html",
        {"organisation": organisation, "meetings": meetings},
    )


@requires(Capability.PARTNER_CASES)
def partner_meeting_view(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """A meeting's agenda (and minutes, once held) as the partner may see it; every case shown
    is recorded as a disclosure on the consent that allowed it."""
    now = timezone.now()
    user = signed_in_user(request)
    organisation, meeting, views = access_partner_meeting(
        user, meeting_id, today=timezone.localdate(now), request=request
    )
    for v in views:
        disclosure_record(
            person=v.item.person,
            household=v.item.household,
            organisation=organisation,
            kinds=v.kinds,
            channel=DisclosureChannel.MINUTES if v.item.has_minutes else DisclosureChannel.AGENDA,
            recipient=user,
            recipient_name=user.get_full_name(),
            by=None,
            now=now,
        )
    return render(
        request,
        "reviews/partner_meeting.html",
        {"organisation": organisation, "meeting": meeting, "rows": _with_information(views)},
    )
