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

from bryggan.casefile.rules_documents import Kind

# --- documents (handlingar) -----------------------------------------------------------------------


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
