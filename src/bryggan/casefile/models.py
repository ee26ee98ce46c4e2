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

from bryggan.casefile.rules_assessment import ASSESSMENT_LOCKED
from bryggan.casefile.rules_documents import Kind
from bryggan.core.errors import DomainError
from bryggan.core.models import TimeStampedModel

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


# --- Structured assessment (utredning) and kommunicering ------------------------------------------


class CaseFileSettings(models.Model):
    """The unit's own choices about the case file (a municipality's routine, not law). Without a
    row the defaults apply."""

    unit = models.OneToOneField(
        "accounts.Unit",
        verbose_name=_("unit"),
        on_delete=models.CASCADE,
        related_name="casefile_settings",
    )
    assessment_required_before_first_decision = models.BooleanField(
        _("a signed structured assessment before the first decision"),
        default=True,
        help_text=_(
            "The first decision on försörjningsstöd of a household cannot be signed before a "
            "structured assessment of the household is signed."
        ),
    )

    class Meta:
        verbose_name = _("case file settings")
        verbose_name_plural = _("case file settings")

    def __str__(self) -> str:
        return str(self.unit)


class BenefitStatus(models.TextChoices):
    """Where a benefit that comes before försörjningsstöd stands for the household."""

    NOT_RELEVANT = "not_relevant", _("Not relevant")
    TO_APPLY = "to_apply", _("Not applied for: the client is asked to apply")
    APPLIED = "applied", _("Applied for, not yet decided")
    GRANTED = "granted", _("Granted")
    REFUSED = "refused", _("Refused")


class WorkLineFact(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    NOT_RELEVANT = "not_relevant", _("Not relevant")


class Assessment(TimeStampedModel):
    """One version of a household's structured assessment (*utredning*); locked once signed,
    in the database too (migration 0001_assessment). A change is a new version."""

    household = models.ForeignKey(
        "people.Household",
        verbose_name=_("household"),
        on_delete=models.PROTECT,
        related_name="assessments",
    )
    number = models.PositiveIntegerField(_("version"))
    household_text = models.TextField(_("household and housing"), blank=True)
    income_text = models.TextField(_("income, assets and other benefits"), blank=True)
    housing_allowance = models.CharField(
        _("bostadsbidrag"), max_length=20, choices=BenefitStatus.choices, blank=True
    )
    maintenance_support = models.CharField(
        _("underhållsstöd"), max_length=20, choices=BenefitStatus.choices, blank=True
    )
    unemployment_benefit = models.CharField(
        _("a-kassa"), max_length=20, choices=BenefitStatus.choices, blank=True
    )
    sickness_benefit = models.CharField(
        _("sickness benefit"), max_length=20, choices=BenefitStatus.choices, blank=True
    )
    health_text = models.TextField(_("health and ability to work"), blank=True)
    registered_at_af = models.CharField(
        _("registered at Arbetsförmedlingen"),
        max_length=20,
        choices=WorkLineFact.choices,
        blank=True,
    )
    sfi = models.CharField(
        _("studies Swedish for immigrants (SFI)"),
        max_length=20,
        choices=WorkLineFact.choices,
        blank=True,
    )
    work_line_text = models.TextField(_("the work-line situation"), blank=True)
    children_text = models.TextField(
        _("the children's situation and their best interest"), blank=True
    )
    conclusion = models.TextField(_("the assessment"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    signed_at = models.DateTimeField(_("signed"), null=True, blank=True)

    class Meta:
        verbose_name = _("structured assessment")
        verbose_name_plural = _("structured assessments")
        ordering = ["household", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["household", "number"], name="one_assessment_version_number"
            ),
            models.CheckConstraint(
                condition=models.Q(signed_at__isnull=True, signed_by__isnull=True)
                | models.Q(signed_at__isnull=False, signed_by__isnull=False),
                name="assessment_signed_has_signer",
            ),
        ]

    def __str__(self) -> str:
        return f"{_('Structured assessment')} v{self.number}"

    @property
    def is_locked(self) -> bool:
        return self.signed_at is not None

    def save(self, *args: Any, **kwargs: Any) -> None:
        # The last line of defence; services check first and give the user the reason.
        if self.pk and type(self).objects.filter(pk=self.pk, signed_at__isnull=False).exists():
            raise DomainError(ASSESSMENT_LOCKED)
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        if self.is_locked:
            raise DomainError(ASSESSMENT_LOCKED)
        return super().delete(*args, **kwargs)


class KommuniceringMethod(models.TextChoices):
    LETTER = "letter", _("Letter")
    E_SERVICE = "e_service", _("E-mail or e-service")
    MEETING = "meeting", _("In a meeting")
    PHONE = "phone", _("Phone")


class KommuniceringException(models.TextChoices):
    """The exceptions of förvaltningslagen (2017:900) 25 § second paragraph.

    Restated from authorities' guidance as shared/domain/case-file.md gives them, not quoted from
    the statute: the wording is to be checked against SFS 2017:900 before it is relied on.
    """

    NOT_ADVERSE_OR_UNNECESSARY = (
        "not_adverse_or_unnecessary",
        _("The decision does not go against the party, or it is plainly unnecessary"),
    )
    APPOINTMENT_OR_GRADING = (
        "appointment_or_grading",
        _("An appointment, admission, grading or research grant"),
    )
    HARDER_TO_CARRY_OUT = (
        "harder_to_carry_out",
        _("It would make the decision considerably harder to carry out"),
    )
    URGENT = "urgent", _("An important interest requires a decision at once")


class Kommunicering(TimeStampedModel):
    """The party told of the material before a decision that goes against them, with the chance
    to answer (*kommunicering*), or the exception of förvaltningslagen (2017:900) 25 § that made
    it unneeded. Source: FL 25 §; SoL (2025:400) 14 kap. 8 § (the answer may be oral)."""

    household = models.ForeignKey(
        "people.Household",
        verbose_name=_("household"),
        on_delete=models.PROTECT,
        related_name="kommuniceringar",
    )
    decision = models.ForeignKey(
        "decisions.Decision",
        verbose_name=_("decision"),
        on_delete=models.PROTECT,
        related_name="kommuniceringar",
    )
    material = models.TextField(_("material communicated"), blank=True)
    method = models.CharField(
        _("how"), max_length=20, choices=KommuniceringMethod.choices, blank=True
    )
    sent_on = models.DateField(_("sent or given on"), null=True, blank=True)
    answer_by = models.DateField(_("last day to answer"), null=True, blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    answer = models.TextField(_("the answer"), blank=True)
    exception = models.CharField(
        _("exception of FL 25 §"),
        max_length=40,
        choices=KommuniceringException.choices,
        blank=True,
    )
    exception_reason = models.TextField(_("why the exception applies"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("kommunicering")
        verbose_name_plural = _("kommuniceringar")
        ordering = ["decision", "-created_at", "-id"]
        constraints = [
            # Either communicated (what, how, when, by when) or an exception with its reason.
            models.CheckConstraint(
                condition=models.Q(
                    exception="",
                    sent_on__isnull=False,
                    answer_by__isnull=False,
                )
                & ~models.Q(method="")
                & ~models.Q(material="")
                | ~models.Q(exception="")
                & ~models.Q(exception_reason="")
                & models.Q(method="", sent_on__isnull=True, answered_on__isnull=True),
                name="kommunicering_communicated_or_exception",
            ),
            models.CheckConstraint(
                condition=models.Q(answer_by__isnull=True)
                | models.Q(answer_by__gte=models.F("sent_on")),
                name="kommunicering_answer_by_after_sent",
            ),
            models.CheckConstraint(
                condition=models.Q(answered_on__isnull=True)
                | models.Q(answered_on__gte=models.F("sent_on")),
                name="kommunicering_answered_after_sent",
            ),
        ]

    def __str__(self) -> str:
        return f"{_('Kommunicering')} {self.sent_on or self.get_exception_display()}"

    @property
    def is_exception(self) -> bool:
        return bool(self.exception)


# --- Documents (handlingar) -----------------------------------------------------------------------


class DocumentDirection(models.TextChoices):
    INCOMING = "incoming", _("Incoming")
    OUTGOING = "outgoing", _("Outgoing")


class DocumentKind(models.TextChoices):
    RENT_CONTRACT = Kind.RENT_CONTRACT.value, _("Rent contract")
    PAYSLIP = Kind.PAYSLIP.value, _("Payslip")
    BANK_STATEMENT = Kind.BANK_STATEMENT.value, _("Bank statement")
    MEDICAL_CERTIFICATE = Kind.MEDICAL_CERTIFICATE.value, _("Medical certificate")
    AF_PLAN = Kind.AF_PLAN.value, _("Arbetsförmedlingen's plan")
    INVOICE = Kind.INVOICE.value, _("Invoice")
    DECISION_LETTER = Kind.DECISION_LETTER.value, _("Decision letter")
    OTHER_LETTER = Kind.OTHER_LETTER.value, _("Other letter")
    OTHER = Kind.OTHER.value, _("Other document")


class DocumentChangeError(Exception):
    pass


class Document(models.Model):
    """A document of the case (*handling*): a file received or a letter sent, with its checksum.

    The file is never changed or deleted: a wrong upload is marked registered in error, with the
    reason, and stays (SoL (2025:400) 14 kap. 3 §: the handling of the case is documented). The
    file lives in the documents storage under `stored_name`, a random name; `original_name` is
    only shown. For an outgoing letter `letter_for` names what it was sent about.
    """

    household = models.ForeignKey(
        "people.Household",
        verbose_name=_("household"),
        on_delete=models.PROTECT,
        related_name="documents",
    )
    direction = models.CharField(
        _("direction"),
        max_length=10,
        choices=DocumentDirection.choices,
        default=DocumentDirection.INCOMING,
    )
    kind = models.CharField(_("kind"), max_length=30, choices=DocumentKind.choices)
    received_on = models.DateField(
        _("received"), help_text=_("The day it was received; for a letter sent, the day sent.")
    )
    sender = models.CharField(_("sender"), max_length=200, blank=True)
    from_month = models.CharField(_("concerns from month"), max_length=7, blank=True)
    to_month = models.CharField(_("concerns to month"), max_length=7, blank=True)
    member = models.ForeignKey(
        "people.Person",
        verbose_name=_("concerns member"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    original_name = models.CharField(_("file name"), max_length=255)
    stored_name = models.CharField(_("stored name"), max_length=100, unique=True)
    content_type = models.CharField(_("content type"), max_length=50)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    letter_for_type = models.CharField(_("letter for"), max_length=40, blank=True)
    letter_for_id = models.PositiveBigIntegerField(_("letter for id"), null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded"))
    error_reason = models.TextField(_("reason registered in error"), blank=True)
    error_marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("marked in error by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    error_marked_at = models.DateTimeField(_("marked in error"), null=True, blank=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-received_on", "-id"]
        indexes = [models.Index(fields=["household", "kind"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(from_month="")
                | models.Q(to_month="")
                | models.Q(from_month__lte=models.F("to_month")),
                name="document_months_in_order",
            ),
            models.CheckConstraint(
                condition=models.Q(error_marked_at__isnull=True, error_reason="")
                | (models.Q(error_marked_at__isnull=False) & ~models.Q(error_reason="")),
                name="document_error_has_reason",
            ),
            # One stored letter for each decision sent.
            models.UniqueConstraint(
                fields=["letter_for_type", "letter_for_id"],
                condition=models.Q(letter_for_id__isnull=False),
                name="document_one_letter_per_decision",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.received_on:%Y-%m-%d}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise DocumentChangeError("a document is never changed; mark it registered in error")
        super().save(*args, **kwargs)

    @property
    def in_error(self) -> bool:
        return self.error_marked_at is not None


# --- Requests for documents (*begäran om komplettering*) and preliminary replies ------------------


class DocumentRequest(models.Model):
    """The caseworker asks the applicant for one named document by a last day; the applicant
    uploads against it on My pages. Fulfilled at the first upload; overdue when the last day has
    passed without one; reviewed when the caseworker has gone through what came in
    (`rules_requests.request_state`)."""

    household = models.ForeignKey(
        "people.Household",
        verbose_name=_("household"),
        on_delete=models.PROTECT,
        related_name="document_requests",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=DocumentKind.choices)
    what = models.CharField(_("what is asked for"), max_length=300)
    last_day = models.DateField(_("last day"))
    month = models.CharField(_("concerns month"), max_length=7, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    requested_on = models.DateField(_("asked on"))
    documents = models.ManyToManyField(
        Document, verbose_name=_("documents sent"), blank=True, related_name="requests"
    )
    fulfilled_on = models.DateField(_("fulfilled on"), null=True, blank=True)
    # The caseworker has gone through what came in; cleared when the applicant sends more.
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("request for documents")
        verbose_name_plural = _("requests for documents")
        ordering = ["last_day", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(last_day__gte=models.F("requested_on")),
                name="document_request_last_day_after_asked",
            )
        ]

    def __str__(self) -> str:
        return f"{self.what} {self.last_day:%Y-%m-%d}"


class PreliminaryReply(models.Model):
    """A preliminary reply on an application whose decision is considerably delayed: why, and by
    when a decision is expected (förvaltningslagen (2017:900) 11 §)."""

    household = models.ForeignKey(
        "people.Household",
        verbose_name=_("household"),
        on_delete=models.PROTECT,
        related_name="preliminary_replies",
    )
    application = models.ForeignKey(
        "intake.Application",
        verbose_name=_("application"),
        on_delete=models.PROTECT,
        related_name="preliminary_replies",
    )
    reason = models.TextField(_("why the decision is delayed"))
    decision_by = models.DateField(_("decision expected by"))
    given_on = models.DateField(_("given on"))
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("given by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("preliminary reply")
        verbose_name_plural = _("preliminary replies")
        ordering = ["-given_on", "-id"]

    def __str__(self) -> str:
        return f"{self.given_on:%Y-%m-%d} {self.decision_by:%Y-%m-%d}"
