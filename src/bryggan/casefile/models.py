"""The case file (*personakt*): journal notes, documents, structured assessment, kommunicering and
case discussion, so that a unit needs no second case system.

Sources: SoL 2025:400 14 kap. 3 § (the handling must be documented), 6 § (the client kept informed,
objections noted), 7 § (kept from anyone unauthorised); förvaltningslagen (2017:900) 25 §
(kommunicering). See shared/domain/case-file.md.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bryggan.core.errors import DomainError

# --- Journal (*journalanteckningar*) and case discussion (*ärendedragning*) -------------------

NOTE_LOCKED = _("A signed note is locked: correct it with a new note.")


class JournalNoteKind(models.TextChoices):
    VISIT = "visit", _("Visit")
    PHONE_CALL = "phone_call", _("Phone call")
    HOME_VISIT = "home_visit", _("Home visit")
    LETTER_OR_EMAIL = "letter_or_email", _("Letter or e-mail")
    MEETING = "meeting", _("Meeting")
    CASE_DISCUSSION = "case_discussion", _("Case discussion")
    # SoL (2025:400) 19 kap. 1 §: staff must report concern that a child is harmed at once.
    CONCERN_REPORT = "concern_report", _("Concern report about a child made")
    OTHER = "other", _("Other")


class JournalNoteStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SIGNED = "signed", _("Signed")


class JournalNote(models.Model):
    """One note in the case's journal: a draft seen only by its author, then signed and locked.

    A mistake in a signed note is corrected by a new note that `corrects` it; both stay.
    Source: SoL (2025:400) 14 kap. 3 § (documentation) and 6 § (objections noted beside it).
    """

    household = models.ForeignKey(
        "people.Household",
        verbose_name=_("case"),
        on_delete=models.PROTECT,
        related_name="journal_notes",
    )
    member = models.ForeignKey(
        "people.Person",
        verbose_name=_("concerns"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=JournalNoteKind.choices)
    occurred_at = models.DateTimeField(_("time of the event"))
    created_at = models.DateTimeField(_("written"))
    updated_at = models.DateTimeField(_("last changed"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    text = models.TextField(_("text"))
    # The text case-folded in Python, so that search ignores case in Swedish on every database
    # (SQLite's LIKE folds ASCII only).
    search_text = models.TextField(editable=False, default="")
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=JournalNoteStatus.choices,
        default=JournalNoteStatus.DRAFT,
    )
    signed_at = models.DateTimeField(_("signed"), null=True, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("corrects"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
    )

    class Meta:
        verbose_name = _("journal note")
        verbose_name_plural = _("journal notes")
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["household", "status", "occurred_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    status=JournalNoteStatus.DRAFT, signed_at__isnull=True, signed_by__isnull=True
                )
                | models.Q(
                    status=JournalNoteStatus.SIGNED,
                    signed_at__isnull=False,
                    signed_by__isnull=False,
                ),
                name="journal_note_signed_has_signer_and_time",
            ),
            models.CheckConstraint(
                condition=~models.Q(corrects=models.F("id")),
                name="journal_note_corrects_another",
            ),
        ]

    def __str__(self) -> str:
        return f"{_('Note')} {self.pk}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # The last line of defence before the database trigger; services check first.
        if (
            self.pk
            and type(self).objects.filter(pk=self.pk, status=JournalNoteStatus.SIGNED).exists()
        ):
            raise DomainError(NOTE_LOCKED)
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        if self.is_signed:
            raise DomainError(NOTE_LOCKED)
        return super().delete(*args, **kwargs)

    @property
    def is_signed(self) -> bool:
        return self.status == JournalNoteStatus.SIGNED


class ObjectionHow(models.TextChoices):
    ORAL = "oral", _("Orally")
    WRITTEN = "written", _("In writing")


class NoteObjection(models.Model):
    """The client's objection to a signed note, recorded beside it; the note never changes.

    Source: SoL (2025:400) 14 kap. 6 § (SoL (2001:453) 11 kap. 6 §).
    """

    note = models.ForeignKey(
        JournalNote, verbose_name=_("note"), on_delete=models.PROTECT, related_name="objections"
    )
    received_on = models.DateField(_("received"))
    how = models.CharField(_("how"), max_length=10, choices=ObjectionHow.choices)
    text = models.TextField(_("the objection"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded"))

    class Meta:
        verbose_name = _("objection to a note")
        verbose_name_plural = _("objections to notes")
        ordering = ["note", "received_on", "id"]

    def __str__(self) -> str:
        return f"{_('Objection')} {self.pk}"


class CaseDiscussionStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class CaseDiscussion(models.Model):
    """A caseworker's request to discuss a case with the unit manager (*ärendedragning*); when
    held, its outcome is a signed journal note of the kind "case discussion"."""

    household = models.ForeignKey(
        "people.Household",
        verbose_name=_("case"),
        on_delete=models.PROTECT,
        related_name="case_discussions",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested"))
    question = models.TextField(_("question"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=CaseDiscussionStatus.choices,
        default=CaseDiscussionStatus.REQUESTED,
    )
    held_at = models.DateTimeField(_("held"), null=True, blank=True)
    held_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("held by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    outcome_note = models.OneToOneField(
        JournalNote,
        verbose_name=_("outcome"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="case_discussion",
    )
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    class Meta:
        verbose_name = _("case discussion")
        verbose_name_plural = _("case discussions")
        ordering = ["requested_at", "id"]
        indexes = [models.Index(fields=["status", "requested_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    status=CaseDiscussionStatus.HELD,
                    held_at__isnull=False,
                    held_by__isnull=False,
                    outcome_note__isnull=False,
                )
                | ~models.Q(status=CaseDiscussionStatus.HELD)
                & models.Q(held_at__isnull=True, outcome_note__isnull=True),
                name="case_discussion_held_has_outcome",
            ),
        ]

    def __str__(self) -> str:
        return f"{_('Case discussion')} {self.pk}"
