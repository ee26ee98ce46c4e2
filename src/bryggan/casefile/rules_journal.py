"""Rules of the journal and of case discussions: values in, a refusal with its reason out.

Sources: SoL (2025:400) 14 kap. 3 § (documentation), 6 § (objections recorded beside the note);
the practice of every Swedish case system that a note is signed, then locked, and a mistake is
corrected by a new note that refers to the old one (shared/domain/case-file.md).
"""

from __future__ import annotations

from datetime import date, datetime

from django.utils.translation import gettext_lazy as _

from bryggan.core.errors import DomainError

EVENT_IN_FUTURE = _("The time of the event cannot be in the future.")
TEXT_REQUIRED = _("Write the note's text.")
ALREADY_SIGNED = _("The note is already signed.")
NOT_YOUR_DRAFT = _("Only the author may change, sign or delete a draft.")
CORRECT_ONLY_SIGNED = _("Only a signed note can be corrected; change the draft instead.")
CORRECT_OTHER_CASE = _("The note to correct belongs to another case.")
OBJECTION_ONLY_SIGNED = _("An objection can only be recorded on a signed note.")
OBJECTION_IN_FUTURE = _("The day the objection was received cannot be in the future.")
OBJECTION_BEFORE_NOTE = _("The objection cannot have been received before the note was signed.")
MEMBER_NOT_IN_CASE = _("The person is not a member of this case.")
DISCUSSION_NOT_REQUESTED = _("The case discussion is no longer waiting: it was held or cancelled.")
DISCUSSION_CANCEL_NOT_YOURS = _(
    "Only who asked for the case discussion, or a manager, may cancel it."
)
QUESTION_REQUIRED = _("Write what you want to discuss.")
OUTCOME_REQUIRED = _("Write the outcome of the case discussion.")


def check_event_time(occurred_at: datetime, *, now: datetime) -> None:
    if occurred_at > now:
        raise DomainError(EVENT_IN_FUTURE, field="occurred_at")


def check_text(text: str, *, message: str = TEXT_REQUIRED, field: str = "text") -> None:
    if not text.strip():
        raise DomainError(message, field=field)


def check_may_change_draft(*, signed: bool, author_id: int, user_id: int) -> None:
    """A draft is changed, signed or deleted only by its author; a signed note never."""
    if signed:
        raise DomainError(ALREADY_SIGNED)
    if author_id != user_id:
        raise DomainError(NOT_YOUR_DRAFT)


def check_may_correct(*, signed: bool, note_case_id: int, case_id: int) -> None:
    if note_case_id != case_id:
        raise DomainError(CORRECT_OTHER_CASE)
    if not signed:
        raise DomainError(CORRECT_ONLY_SIGNED)


def check_objection(*, signed_on: date | None, received_on: date, today: date) -> None:
    """Source: SoL (2025:400) 14 kap. 6 § (SoL (2001:453) 11 kap. 6 §)."""
    if signed_on is None:
        raise DomainError(OBJECTION_ONLY_SIGNED)
    if received_on > today:
        raise DomainError(OBJECTION_IN_FUTURE, field="received_on")
    if received_on < signed_on:
        raise DomainError(OBJECTION_BEFORE_NOTE, field="received_on")
