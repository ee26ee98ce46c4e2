"""Append-only records: every read of a case or person, every change to a case.

Rows are written, never updated or deleted through the application (the methods below refuse it);
the case apps are named by type and id, so this app imports none of them.
Why: DESIGN.md, "every read of a case is logged (who, when, what, why) and every change is kept in
history"; the retention (*gallring*) of these rows is a later issue.

Someone with the database can still change rows, so each row is chained to the one before it by a
hash (`audit/chain.py`, issue 14): `bryggan audit-verify` names the first row that was changed,
deleted or inserted out of order. `ChainHead` holds the tail of each chain; its row is locked by
every write, so two transactions never fork a chain.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    pass


class AppendOnlyModel(models.Model):
    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise AppendOnlyError(f"{type(self).__name__} rows are never changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError(f"{type(self).__name__} rows are never deleted")


class AccessLogEntry(AppendOnlyModel):
    """One read of a case or a person by a user."""

    # Set when the row is made (not at insert, as auto_now_add would), so that it can be hashed.
    at = models.DateTimeField(_("time"), default=timezone.now, editable=False, db_index=True)
    # A user of Bryggan, or else an integration named in `actor` (the e-service platform).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    actor = models.CharField(_("integration"), max_length=100, blank=True)
    object_type = models.CharField(_("what"), max_length=50)
    object_id = models.CharField(_("id"), max_length=50)
    case_id = models.BigIntegerField(_("case"), null=True, db_index=True)
    purpose = models.CharField(_("purpose"), max_length=50)
    path = models.CharField(_("page"), max_length=300, blank=True)
    ip_address = models.GenericIPAddressField(_("from"), null=True)
    prev_hash = models.CharField(_("previous hash"), max_length=64, blank=True)
    hash = models.CharField(_("hash"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        ordering = ["-at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(user__isnull=False) | ~models.Q(actor=""),
                name="access_log_names_who_read",
            )
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user_id} {self.object_type} {self.object_id}"


class ChangeRecord(AppendOnlyModel):
    """One change to a case: what was done, by whom, and the values written."""

    # Set when the row is made (not at insert, as auto_now_add would), so that it can be hashed.
    at = models.DateTimeField(_("time"), default=timezone.now, editable=False, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    case_id = models.BigIntegerField(_("case"), null=True, db_index=True)
    object_type = models.CharField(_("what"), max_length=50)
    object_id = models.CharField(_("id"), max_length=50)
    action = models.CharField(_("action"), max_length=50)
    # The values written: an open-ended payload by nature (any model's fields), hence JSON.
    changes = models.JSONField(_("changes"), default=dict)
    prev_hash = models.CharField(_("previous hash"), max_length=64, blank=True)
    hash = models.CharField(_("hash"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("change")
        verbose_name_plural = _("change history")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.object_type} {self.object_id} {self.action}"


class ChainHead(models.Model):
    """The tail of one hash chain: the last row's id and hash. One row per chain, locked by writes.

    Not append-only: it moves forward with every write. It is a convenience and a lock, not the
    proof: `audit-verify` recomputes the chain from the rows and compares the tail with this row
    (a deleted tail shows here) and with an exported copy (`--since`), which is the proof.
    """

    chain = models.CharField(_("chain"), max_length=20, primary_key=True)
    last_id = models.BigIntegerField(_("last row"), null=True)
    last_hash = models.CharField(_("last hash"), max_length=64)

    class Meta:
        verbose_name = _("hash chain head")
        verbose_name_plural = _("hash chain heads")

    def __str__(self) -> str:
        return f"{self.chain} {self.last_id} {self.last_hash[:12]}"
