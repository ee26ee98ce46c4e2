"""The gates to journal notes and case discussions: through the case's gate (unit checked, read
logged), then the note or discussion must belong to that case and be one the user may see.

A draft is seen only by its author: to anyone else it answers exactly as a missing note does.
"""

from __future__ import annotations

from django.db.models import Q
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from bryggan.accounts.models import User
from bryggan.accounts.roles import may_see_unit_cases
from bryggan.audit.services import access_log_write
from bryggan.casefile.models import CaseDiscussion, JournalNote, JournalNoteStatus
from bryggan.core.errors import NotFoundOrForbidden
from bryggan.people.access import Purpose, access_household
from bryggan.people.models import Household

NOTE_NOT_FOUND = _("No such note, or not one you may see.")
DISCUSSION_NOT_FOUND = _("No such case discussion, or not one you may see.")


def visible_to(user: User) -> Q:
    """Signed notes, and the user's own drafts."""
    return Q(status=JournalNoteStatus.SIGNED) | Q(author_id=user.pk)


def access_journal_note(
    user: User,
    household_id: int,
    note_id: int,
    *,
    purpose: Purpose,
    request: HttpRequest | None = None,
) -> tuple[Household, JournalNote]:
    household = access_household(user, household_id, purpose=purpose, request=request)
    note = (
        JournalNote.objects.select_related("author", "signed_by", "member", "corrects")
        .filter(visible_to(user), pk=note_id, household=household)
        .first()
    )
    if note is None:
        raise NotFoundOrForbidden(NOTE_NOT_FOUND)
    access_log_write(
        user=user,
        object_type="journal_note",
        object_id=note.pk,
        case_id=household.pk,
        purpose=purpose,
        request=request,
    )
    return household, note


def access_case_discussion(
    user: User, discussion_id: int, *, purpose: Purpose, request: HttpRequest | None = None
) -> CaseDiscussion:
    discussion = (
        CaseDiscussion.objects.select_related(
            "household__unit", "household__caseworker", "requested_by", "held_by", "outcome_note"
        )
        .filter(pk=discussion_id)
        .first()
    )
    if discussion is None or not may_see_unit_cases(
        role=user.role, user_unit_id=user.unit_id, case_unit_id=discussion.household.unit_id
    ):
        raise NotFoundOrForbidden(DISCUSSION_NOT_FOUND)
    access_log_write(
        user=user,
        object_type="case_discussion",
        object_id=discussion.pk,
        case_id=discussion.household_id,
        purpose=purpose,
        request=request,
    )
    return discussion
