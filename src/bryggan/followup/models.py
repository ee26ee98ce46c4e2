"""Closures of cases with their reason (*avslutsorsak*) and the 12-month return follow-up.

A closure is history: reopening the case (the household applies again) leaves it in place, and a
case closed twice has two closures. Source: Trelleborg's follow-up of those who left for work or
studies (seed report *Att bryta mönster*; shared/data/README.md).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bryggan.followup.rules import ClosureReason, ReturnOutcome


class ClosureReasonChoices(models.TextChoices):
    WORK = ClosureReason.WORK.value, _("Work")
    STUDIES = ClosureReason.STUDIES.value, _("Studies")
    OTHER_INCOME = (
        ClosureReason.OTHER_INCOME.value,
        _("Other income (e.g. sickness or activity compensation)"),
    )
    MOVED = ClosureReason.MOVED.value, _("Moved")
    OTHER = ClosureReason.OTHER.value, _("Other")


class ReturnOutcomeChoices(models.TextChoices):
    RETURNED = ReturnOutcome.RETURNED.value, _("Returned")
    STAYED_SELF_SUFFICIENT = ReturnOutcome.STAYED_SELF_SUFFICIENT.value, _("Stayed self-sufficient")


class Closure(models.Model):
    """One closing of a case, with the reason and the date."""

    household = models.ForeignKey(
        "people.Household",
        verbose_name=_("household"),
        on_delete=models.PROTECT,
        related_name="closures",
    )
    closed_on = models.DateField(_("closed"))
    reason = models.CharField(_("reason"), max_length=20, choices=ClosureReasonChoices.choices)
    note = models.TextField(_("note"), blank=True)
    long_term = models.BooleanField(
        _("long-term when closed"),
        default=False,
        help_text=_(
            "Assistance in 10 or more of the 12 months ending with the month of the closure or "
            "the month before it."
        ),
    )  # recorded when closing, from the payments then (`rules.was_long_term_when_closed`)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("closure")
        verbose_name_plural = _("closures")
        ordering = ["-closed_on", "-id"]
        indexes = [models.Index(fields=["reason", "closed_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(reason__in=ClosureReasonChoices.values),
                name="closure_has_a_known_reason",
            )
        ]

    def __str__(self) -> str:
        return f"{self.closed_on} {self.get_reason_display()}"


class ReturnFollowUp(models.Model):
    """Twelve months after a closure to work or studies: did the household apply again?"""

    closure = models.OneToOneField(
        Closure, verbose_name=_("closure"), on_delete=models.PROTECT, related_name="follow_up"
    )
    outcome = models.CharField(_("outcome"), max_length=30, choices=ReturnOutcomeChoices.choices)
    returned_on = models.DateField(_("applied again"), null=True, blank=True)
    checked_on = models.DateField(_("checked"))

    class Meta:
        verbose_name = _("return follow-up")
        verbose_name_plural = _("return follow-ups")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(outcome=ReturnOutcome.RETURNED.value, returned_on__isnull=False)
                | models.Q(
                    outcome=ReturnOutcome.STAYED_SELF_SUFFICIENT.value, returned_on__isnull=True
                ),
                name="return_follow_up_returned_has_a_date",
            )
        ]

    def __str__(self) -> str:
        return f"{self.closure}: {self.get_outcome_display()}"


class AssistanceMonth(models.Model):
    """A month with assistance (a standing payment) of one household, with its place in the spell.

    Derived from the payments and kept in step with them by `services.assistance_months_refresh`
    (new payments) and the signal in `signals.py` (a payment returned, reversed or re-sent), so
    that the måltavla counts a large unit without joining five years of payments and decisions on
    every read (issue #7: under half a second for 15,000 households a month).
    """

    household = models.ForeignKey(
        "people.Household", verbose_name=_("household"), on_delete=models.CASCADE, related_name="+"
    )
    month = models.PositiveIntegerField(_("month"))  # `Month.index`: year * 12 + month - 1
    spell_months = models.PositiveIntegerField(_("months of the spell so far"))
    months_in_last_twelve = models.PositiveSmallIntegerField(_("months with assistance of 12"))

    class Meta:
        verbose_name = _("month with assistance")
        verbose_name_plural = _("months with assistance")
        constraints = [
            models.UniqueConstraint(
                fields=["household", "month"], name="one_assistance_month_per_household"
            )
        ]
        indexes = [models.Index(fields=["month"])]

    def __str__(self) -> str:
        return f"{self.household_id} {self.month}"


class AssistanceMonthsState(models.Model):
    """One row: the last payment the months with assistance were brought up to date with."""

    last_payment_id = models.BigIntegerField(_("last payment read"), default=0)
    refreshed_at = models.DateTimeField(_("refreshed"), auto_now=True)

    class Meta:
        verbose_name = _("state of the months with assistance")
        verbose_name_plural = _("state of the months with assistance")

    def __str__(self) -> str:
        return f"up to payment {self.last_payment_id}"


class BoardState(models.Model):
    """Per unit: whether the måltavla's stored figures (`BoardMonth`) are current.

    Every write that can change a board figure (a payment, an application, a first meeting, a
    referral, a signed plan, a closure, a household moving unit) marks its unit here in the same
    transaction (`board_store.board_stale_from`): the version goes up and `stale_from` falls to
    the earliest month the write can change. A board read that counted with an older version does
    not store what it counted.
    """

    unit = models.OneToOneField(
        "accounts.Unit",
        verbose_name=_("unit"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="+",
    )
    version = models.BigIntegerField(_("version"), default=0)
    stale_from = models.PositiveIntegerField(_("stale from month"), null=True, blank=True)

    class Meta:
        verbose_name = _("state of the stored board")
        verbose_name_plural = _("states of the stored board")

    def __str__(self) -> str:
        return f"{self.unit_id} v{self.version}"


class BoardMonth(models.Model):
    """The måltavla's counts for one unit and month, as `selectors.board_counts` counted them.

    Kept so that a board read counts only the months changed since it was last read (issue #7:
    under half a second for 15,000 households a month). The month being lived in is counted again
    each day (`counted_on`): its returns after twelve months depend on the day.
    """

    unit = models.ForeignKey(
        "accounts.Unit", verbose_name=_("unit"), on_delete=models.CASCADE, related_name="+"
    )
    month = models.PositiveIntegerField(_("month"))  # `Month.index`
    counted_on = models.DateField(_("counted on"))
    # `board_store.COUNTING`: which version of the counting rules the row was counted by; a row
    # counted by another is counted again.
    counting = models.PositiveSmallIntegerField(_("counting rules"), default=1)
    households = models.PositiveIntegerField(default=0)
    long_term = models.PositiveIntegerField(default=0)
    spell_months = models.PositiveIntegerField(default=0)
    with_activity = models.PositiveIntegerField(default=0)
    with_signed_plan = models.PositiveIntegerField(default=0)
    long_term_closed = models.PositiveIntegerField(default=0)
    new_applications = models.PositiveIntegerField(default=0)
    meetings = models.PositiveIntegerField(default=0)
    meetings_in_time = models.PositiveIntegerField(default=0)
    followed_up = models.PositiveIntegerField(default=0)
    returned = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("stored board month")
        verbose_name_plural = _("stored board months")
        constraints = [
            models.UniqueConstraint(fields=["unit", "month"], name="one_board_month_per_unit")
        ]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.month}"
