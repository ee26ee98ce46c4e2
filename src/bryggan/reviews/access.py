"""The gates to review meetings. Staff of the unit reach its meetings; a partner user reaches
only the meetings of its own organisation's groups and talks, and on them only the cases a valid
consent names its organisation for today, with the kinds consented. Every case shown is a read
in the access log; what a partner sees is also recorded as a disclosure (in `views`).

Same message for "does not exist" and "not yours" (another unit's meeting, another group's
minutes), so the answer reveals nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from bryggan.accounts.models import User
from bryggan.accounts.roles import Capability, has_capability
from bryggan.audit.services import access_log_write_many
from bryggan.cooperation.models import PartnerOrganisation
from bryggan.cooperation.rules import InformationKind, covered_kinds
from bryggan.cooperation.selectors import organisation_of_partner
from bryggan.core.errors import NotFoundOrForbidden
from bryggan.reviews import rules, selectors
from bryggan.reviews.models import Action, AgendaItem, Meeting, ReviewGroup

MEETING_NOT_FOUND = _("No such meeting, or not one you may see.")
GROUP_NOT_FOUND = _("No such review group, or not one you may see.")
STAFF_PURPOSE = "review_meeting"
PARTNER_PURPOSE = "partner_view"


@dataclass(frozen=True)
class ItemView:
    """A case on the agenda with the kinds of information that may be shown about it."""

    item: AgendaItem
    kinds: frozenset[InformationKind]

    @property
    def shows_identity(self) -> bool:
        return InformationKind.IDENTITY in self.kinds


def _staff(user: User) -> bool:
    return has_capability(user.role, Capability.COOPERATION) and user.unit_id is not None


def access_group(user: User, group_id: int) -> ReviewGroup:
    group = selectors.group_of_unit(user.unit_id, group_id) if _staff(user) else None  # type: ignore[arg-type]
    if group is None:
        raise NotFoundOrForbidden(GROUP_NOT_FOUND)
    return group


def access_meeting(user: User, meeting_id: int) -> Meeting:
    """A meeting of the staff member's unit (nothing logged: no case shown yet)."""
    meeting = selectors.meeting_of_unit(user.unit_id, meeting_id) if _staff(user) else None  # type: ignore[arg-type]
    if meeting is None:
        raise NotFoundOrForbidden(MEETING_NOT_FOUND)
    return meeting


def access_meeting_agenda(
    user: User, meeting_id: int, *, today: date, request: HttpRequest | None = None
) -> tuple[Meeting, list[ItemView]]:
    """The meeting and its agenda for the unit's staff: each case with the kinds a valid consent
    covers for every organisation at the meeting today. Each case's read is logged."""
    meeting = access_meeting(user, meeting_id)
    organisation_ids = [o.pk for o in selectors.organisations_of(meeting)]
    views = [
        ItemView(
            item=item,
            kinds=rules.meeting_kinds(
                selectors.consent_terms_of_person(item.person_id),
                person_id=item.person_id,
                organisation_ids=organisation_ids,
                on=today,
            ),
        )
        for item in selectors.agenda_of(meeting)
    ]
    access_log_write_many(
        user=user,
        object_type="person",
        rows=[(v.item.person_id, v.item.household_id) for v in views],
        purpose=STAFF_PURPOSE,
        request=request,
    )
    return meeting, views


def access_action(user: User, action_id: int) -> Action:
    action = selectors.action_of_unit(user.unit_id, action_id) if _staff(user) else None  # type: ignore[arg-type]
    if action is None:
        raise NotFoundOrForbidden(MEETING_NOT_FOUND)
    return action


def _partner_organisation(user: User) -> PartnerOrganisation | None:
    if not has_capability(user.role, Capability.PARTNER_CASES):
        return None
    return organisation_of_partner(user)


def access_partner_meetings(user: User) -> tuple[PartnerOrganisation | None, list[Meeting]]:
    """The meetings of the partner's organisation (no case named on the list)."""
    organisation = _partner_organisation(user)
    if organisation is None:
        return None, []
    return organisation, list(selectors.meetings_of_organisation(organisation))


def access_partner_meeting(
    user: User, meeting_id: int, *, today: date, request: HttpRequest | None = None
) -> tuple[PartnerOrganisation, Meeting, list[ItemView]]:
    """A meeting of the partner's organisation with only the cases a valid consent names the
    organisation for today, each with the kinds consented to it; each read logged.

    Source: OSL (2009:400) 26 kap. 1 §, 12 kap. 2 §.
    """
    organisation = _partner_organisation(user)
    meeting = selectors.meeting_get(meeting_id) if organisation is not None else None
    if (
        organisation is None
        or meeting is None
        or not selectors.meeting_has_organisation(meeting, organisation)
    ):
        raise NotFoundOrForbidden(MEETING_NOT_FOUND)
    views = []
    for item in selectors.agenda_of(meeting):
        kinds = covered_kinds(
            selectors.consent_terms_of_person(item.person_id),
            person_id=item.person_id,
            organisation_id=organisation.pk,
            on=today,
        )
        if kinds:
            views.append(ItemView(item=item, kinds=kinds))
    access_log_write_many(
        user=user,
        object_type="person",
        rows=[(v.item.person_id, v.item.household_id) for v in views],
        purpose=PARTNER_PURPOSE,
        request=request,
    )
    return organisation, meeting, views
