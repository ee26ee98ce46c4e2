"""Reads of joint case reviews: a unit's groups and meetings, a meeting's agenda, the consents a
person has given as the pure rules' values, a partner organisation's meetings, overdue actions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet

from bryggan.accounts.models import User
from bryggan.accounts.roles import Role
from bryggan.cooperation.models import Consent, PartnerOrganisation, PartnerUser
from bryggan.cooperation.rules import ConsentTerms
from bryggan.cooperation.selectors import consent_terms
from bryggan.reviews.models import Action, AgendaItem, Meeting, ReviewGroup
from bryggan.reviews.rules import MeetingKind


def groups_of_unit(unit_id: int) -> QuerySet[ReviewGroup]:
    return (
        ReviewGroup.objects.filter(unit_id=unit_id)
        .prefetch_related("organisations")
        .order_by("-active", "name")
    )


def group_of_unit(unit_id: int, group_id: int) -> ReviewGroup | None:
    return ReviewGroup.objects.filter(unit_id=unit_id, pk=group_id).first()


def organisations_of(meeting: Meeting) -> list[PartnerOrganisation]:
    """The organisations at the meeting besides the municipality: the group's members, or the
    three-party talk's one partner."""
    if meeting.kind == MeetingKind.THREE_PARTY.value:
        return [meeting.partner] if meeting.partner is not None else []
    if meeting.group is None:
        return []
    return list(meeting.group.organisations.order_by("name"))


def meetings_of_group(group: ReviewGroup) -> QuerySet[Meeting]:
    return Meeting.objects.filter(group=group).order_by("-on", "-at", "-id")


def meeting_of_unit(unit_id: int, meeting_id: int) -> Meeting | None:
    return (
        Meeting.objects.select_related("group", "partner", "held_by")
        .filter(unit_id=unit_id, pk=meeting_id)
        .first()
    )


def meeting_get(meeting_id: int) -> Meeting | None:
    return (
        Meeting.objects.select_related("group", "partner", "held_by").filter(pk=meeting_id).first()
    )


def upcoming_meetings_of_unit(unit_id: int, *, today: date) -> QuerySet[Meeting]:
    """Meetings not yet held, from today on: those a case may still be put on."""
    return (
        Meeting.objects.filter(unit_id=unit_id, held_at__isnull=True, on__gte=today)
        .select_related("group", "partner")
        .order_by("on", "at", "id")
    )


def three_party_talks_of_unit(unit_id: int) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(unit_id=unit_id, kind=MeetingKind.THREE_PARTY.value)
        .select_related("partner")
        .order_by("-on", "-at", "-id")
    )


def agenda_of(meeting: Meeting) -> list[AgendaItem]:
    """The cases on the meeting's agenda (not removed), with their actions."""
    return list(
        AgendaItem.objects.filter(meeting=meeting, removed_at__isnull=True)
        .select_related("person", "household", "minutes_by")
        .prefetch_related("actions__organisation", "actions__plan_version")
        .order_by("added_at", "id")
    )


def removed_from(meeting: Meeting) -> QuerySet[AgendaItem]:
    return AgendaItem.objects.filter(meeting=meeting, removed_at__isnull=False).order_by("id")


def items_of_household(household_id: int) -> QuerySet[AgendaItem]:
    return (
        AgendaItem.objects.filter(household_id=household_id)
        .select_related("meeting__group", "meeting__partner", "person")
        .order_by("-meeting__on", "-id")
    )


def item_of_meeting(meeting: Meeting, item_id: int) -> AgendaItem | None:
    return (
        AgendaItem.objects.select_related("person", "household")
        .filter(meeting=meeting, pk=item_id, removed_at__isnull=True)
        .first()
    )


def consent_terms_of_person(person_id: int) -> list[ConsentTerms]:
    """Every consent the person has given, as the pure rules' values."""
    consents = Consent.objects.filter(person_id=person_id).prefetch_related("organisations")
    return [consent_terms(c) for c in consents]


def open_items_of_person(person_id: int) -> QuerySet[AgendaItem]:
    """The person's agenda items on meetings not yet held."""
    return AgendaItem.objects.filter(
        person_id=person_id, removed_at__isnull=True, meeting__held_at__isnull=True
    ).select_related("meeting__group", "meeting__partner")


def meetings_of_organisation(organisation: PartnerOrganisation) -> QuerySet[Meeting]:
    """The meetings of the organisation's groups and its three-party talks."""
    return (
        Meeting.objects.filter(Q(group__organisations=organisation) | Q(partner=organisation))
        .select_related("group", "partner")
        .distinct()
        .order_by("-on", "-at", "-id")
    )


def meeting_has_organisation(meeting: Meeting, organisation: PartnerOrganisation) -> bool:
    return any(o.pk == organisation.pk for o in organisations_of(meeting))


@dataclass(frozen=True)
class OverdueAction:
    action: Action
    meeting: Meeting
    household_id: int


def overdue_actions_of_unit(
    unit_id: int, *, today: date, user: User | None = None
) -> list[OverdueAction]:
    """Actions agreed in minutes, not done by their last day; with `user`, only the cases of
    which the user is the caseworker."""
    actions = Action.objects.filter(
        item__meeting__unit_id=unit_id,
        item__removed_at__isnull=True,
        done_on__isnull=True,
        due_on__lt=today,
    ).select_related(
        "item__meeting__group", "item__meeting__partner", "item__person", "organisation"
    )
    if user is not None:
        actions = actions.filter(item__household__caseworker=user)
    return [
        OverdueAction(action=a, meeting=a.item.meeting, household_id=a.item.household_id)
        for a in actions.order_by("due_on", "id")
    ]


def action_of_unit(unit_id: int, action_id: int) -> Action | None:
    return (
        Action.objects.select_related("item__meeting")
        .filter(pk=action_id, item__meeting__unit_id=unit_id)
        .first()
    )


def partner_users() -> QuerySet[PartnerUser]:
    return (
        PartnerUser.objects.filter(user__role=Role.PARTNER.value)
        .select_related("user", "organisation")
        .order_by("organisation__name", "user__last_name", "user__first_name")
    )
