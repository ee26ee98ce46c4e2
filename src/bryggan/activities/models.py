"""The activity catalogue (*arbetsmarknadsinsatser*), referrals (*remisser*), attendance
(*närvaro*), a person's ability to take part (acceptable reasons, *godtagbara skäl*), and sanctions:
the proposal an unexcused absence produces, its assessment, the manager's approval and the
reduction decision that follows (*krav, kontroll, sanktioner*)."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bryggan.activities.rules import (
    CURRENT_STATES,
    AttendanceMark,
    ReconsiderationResult,
    ReferralState,
    SanctionState,
    parse_weekdays,
)
from bryggan.core.models import TimeStampedModel
from bryggan.decisions.rules import appeal_deadline


class Provider(models.TextChoices):
    MUNICIPAL_UNIT = "municipal_unit", _("The municipality's labour-market unit")
    EMPLOYMENT_SERVICE = "employment_service", _("Arbetsförmedlingen")
    COORDINATION_ASSOCIATION = "coordination_association", _("Coordination association")
    PROJECT = "project", _("Project")


class ActivityKind(models.TextChoices):
    COACHING = "coaching", _("Coaching")
    WORK_PRACTICE = "work_practice", _("Work practice")
    SHELTERED_EMPLOYMENT = "sheltered_employment", _("Sheltered employment")
    SUBSIDISED_EMPLOYMENT = "subsidised_employment", _("Subsidised employment")
    SFI = "sfi", _("SFI (Swedish for immigrants)")
    VOCATIONAL_COURSE = "vocational_course", _("Vocational course")
    WORK_TRAINING = "work_training", _("Work training")
    HEALTH = "health", _("Health activity")


class TargetGroup(models.TextChoices):
    ALL = "all", _("All")
    YOUTH = "youth", _("Young adults 18–24")
    NEWLY_ARRIVED = "newly_arrived", _("Newly arrived")
    LONG_TERM = "long_term", _("Long-term recipients")


class Activity(TimeStampedModel):
    """One activity of the catalogue, run by a provider for one unit's clients."""

    unit = models.ForeignKey(
        "accounts.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="activities"
    )
    name = models.CharField(_("name"), max_length=200)
    provider = models.CharField(_("provider"), max_length=30, choices=Provider.choices)
    kind = models.CharField(_("kind"), max_length=30, choices=ActivityKind.choices)
    target_group = models.CharField(
        _("target group"), max_length=20, choices=TargetGroup.choices, default=TargetGroup.ALL
    )
    capacity = models.PositiveIntegerField(_("places"))
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    # Weekday numbers, Monday = 0: "0123" meets Monday to Thursday.
    weekdays = models.CharField(_("weekdays"), max_length=7)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Advanced by every change; a change form carries it (core/locking.py: no lost edits).
    version = models.PositiveIntegerField(_("version"), default=0)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="activity_ends_after_start",
            ),
            models.CheckConstraint(condition=models.Q(capacity__gte=1), name="activity_has_room"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def weekday_set(self) -> frozenset[int]:
        return parse_weekdays(self.weekdays)


class ReferralStatus(models.TextChoices):
    REFERRED = ReferralState.REFERRED.value, _("Referred")
    ACCEPTED = ReferralState.ACCEPTED.value, _("Accepted by the provider")
    STARTED = ReferralState.STARTED.value, _("Started")
    ENDED = ReferralState.ENDED.value, _("Ended")


class Outcome(models.TextChoices):
    WORK = "work", _("Work")
    STUDIES = "studies", _("Studies")
    OTHER_INCOME = "other_income", _("Other income")
    INTERRUPTED = "interrupted", _("Interrupted")


# The statuses that hold a place (rules.CURRENT_STATES), for queries.
CURRENT_STATUSES = [ReferralStatus(state) for state in sorted(CURRENT_STATES)]


class Referral(TimeStampedModel):
    """A client referred (*remitterad*) to an activity, and the referral's steps."""

    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.PROTECT, related_name="referrals"
    )
    household = models.ForeignKey(
        "people.Household",
        verbose_name=_("household"),
        on_delete=models.PROTECT,
        related_name="referrals",
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="referrals",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ReferralStatus.choices, default=ReferralStatus.REFERRED
    )
    referred_on = models.DateField(_("referred"))
    accepted_on = models.DateField(_("accepted"), null=True, blank=True)
    started_on = models.DateField(_("started"), null=True, blank=True)
    ended_on = models.DateField(_("ended"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("referred by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-referred_on", "-id"]
        indexes = [models.Index(fields=["activity", "status"])]
        constraints = [
            # A person holds at most one current place in the same activity.
            models.UniqueConstraint(
                fields=["activity", "person"],
                condition=models.Q(status__in=["referred", "accepted", "started"]),
                name="one_current_referral_per_activity",
            ),
            models.CheckConstraint(
                condition=models.Q(status="ended", ended_on__isnull=False)
                | ~models.Q(status="ended"),
                name="ended_referral_has_end_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} → {self.activity}"

    @property
    def is_current(self) -> bool:
        return self.status in CURRENT_STATUSES


class AttendanceStatus(models.TextChoices):
    PRESENT = AttendanceMark.PRESENT.value, _("Present")
    VALID_ABSENCE = AttendanceMark.VALID_ABSENCE.value, _("Absent with valid reason")
    UNEXCUSED_ABSENCE = AttendanceMark.UNEXCUSED_ABSENCE.value, _("Absent without valid reason")


class Attendance(TimeStampedModel):
    """One participant's attendance on one day of the activity."""

    referral = models.ForeignKey(
        Referral, verbose_name=_("referral"), on_delete=models.PROTECT, related_name="attendance"
    )
    day = models.DateField(_("day"))
    status = models.CharField(_("attendance"), max_length=20, choices=AttendanceStatus.choices)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["day"]
        constraints = [
            models.UniqueConstraint(fields=["referral", "day"], name="one_attendance_per_day")
        ]


class AcceptableReason(models.TextChoices):
    ILLNESS = "illness", _("Illness (sick note)")
    PARENTAL_LEAVE = "parental_leave", _("Care of a small child")
    CARE_OF_RELATIVE = "care_of_relative", _("Care of a relative")
    DISABILITY = "disability", _("Disability")
    TREATMENT = "treatment", _("Treatment or rehabilitation")
    OTHER = "other", _("Other reason (described in the note)")


class ParticipationAbility(TimeStampedModel):
    """Whether a household member can take part in activities; the latest assessment counts."""

    household = models.ForeignKey(
        "people.Household",
        verbose_name=_("household"),
        on_delete=models.PROTECT,
        related_name="participation_abilities",
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="participation_abilities",
    )
    able_to_participate = models.BooleanField(_("able to take part"))
    reason = models.CharField(
        _("acceptable reason"), max_length=20, choices=AcceptableReason.choices, blank=True
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    assessed_on = models.DateField(_("assessed"))
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assessed by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("ability to take part")
        verbose_name_plural = _("abilities to take part")
        ordering = ["-assessed_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(able_to_participate=True, reason="")
                | models.Q(able_to_participate=False) & ~models.Q(reason=""),
                name="reason_only_when_unable",
            )
        ]


class SanctionRule(models.Model):
    """The unit's rule for proposing a reduction, as its committee adopted it (no defaults): the
    municipality's own choice, not law; the law (SoL (2001:453) 4 kap. 5 §) sets no percentages.

    A unit without a rule still gets proposals; the caseworker then enters the amount, which is
    capped by the legal limit either way.
    """

    unit = models.OneToOneField(
        "accounts.Unit",
        verbose_name=_("unit"),
        on_delete=models.CASCADE,
        related_name="sanction_rule",
    )
    percent_per_absence = models.PositiveSmallIntegerField(
        _("reduction per unexcused absence (per cent of the person's own riksnorm part)")
    )
    max_percent = models.PositiveSmallIntegerField(
        _("highest reduction in a month (per cent of the person's own riksnorm part)")
    )
    source = models.CharField(
        _("adopted by"),
        max_length=300,
        help_text=_("The committee's decision that sets the rule, with date and paragraph."),
    )

    class Meta:
        verbose_name = _("sanction rule")
        verbose_name_plural = _("sanction rules")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(percent_per_absence__gte=1, percent_per_absence__lte=100),
                name="sanction_rule_percent_in_range",
            ),
            models.CheckConstraint(
                condition=models.Q(max_percent__gte=1, max_percent__lte=100),
                name="sanction_rule_max_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit}: {self.percent_per_absence} % ≤ {self.max_percent} %"


class SanctionStatus(models.TextChoices):
    PROPOSED = SanctionState.PROPOSED.value, _("Proposed, to be assessed")
    DISMISSED = SanctionState.DISMISSED.value, _("Dismissed: valid reason")
    ASSESSED = SanctionState.ASSESSED.value, _("Reduction proposed, awaiting approval")
    DECIDED = SanctionState.DECIDED.value, _("Decided: reduction")
    REJECTED = SanctionState.REJECTED.value, _("Not approved")
    WITHDRAWN = SanctionState.WITHDRAWN.value, _("Withdrawn: absence corrected")


class SanctionProposal(TimeStampedModel):
    """A proposed reduction of one adult's next month after unexcused absence, through to the
    reduction decision (*beslut om nedsättning*) the unit manager approves.

    The decided amount is subtracted only when the caseworker calculates that month; nothing is
    deducted automatically.
    """

    household = models.ForeignKey(
        "people.Household",
        verbose_name=_("household"),
        on_delete=models.PROTECT,
        related_name="sanction_proposals",
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="sanction_proposals",
    )
    month = models.CharField(_("month to reduce"), max_length=7)
    absences = models.ManyToManyField(
        Attendance, verbose_name=_("unexcused absences"), related_name="sanction_proposals"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=SanctionStatus.choices, default=SanctionStatus.PROPOSED
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    valid_reason = models.BooleanField(_("valid reason found"), null=True, blank=True)
    reasons = models.TextField(_("reasons"), blank=True)
    amount = models.PositiveIntegerField(_("reduction"), null=True, blank=True)
    legal_limit = models.PositiveIntegerField(
        _("legal limit (the person's own riksnorm part)"), null=True, blank=True
    )
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assessed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    assessed_at = models.DateTimeField(_("assessed"), null=True, blank=True)
    manager_note = models.TextField(_("manager's note"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved or rejected by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("approved or rejected"), null=True, blank=True)
    notified_on = models.DateField(_("received by the client"), null=True, blank=True)

    class Meta:
        verbose_name = _("sanction proposal")
        verbose_name_plural = _("sanction proposals")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["household", "month", "status"])]
        constraints = [
            # New absences join the person's open proposal for the month.
            models.UniqueConstraint(
                fields=["household", "person", "month"],
                condition=models.Q(status="proposed"),
                name="one_open_sanction_proposal_per_month",
            ),
            # Four eyes: the manager who approves is never the one who assessed.
            models.CheckConstraint(
                condition=models.Q(decided_by__isnull=True)
                | models.Q(assessed_by__isnull=True)
                | ~models.Q(decided_by=models.F("assessed_by")),
                name="sanction_approver_is_not_assessor",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="decided") | models.Q(amount__gt=0),
                name="sanction_decided_has_amount",
            ),
            models.CheckConstraint(
                condition=models.Q(amount__isnull=True)
                | models.Q(legal_limit__isnull=True)
                | models.Q(amount__lte=models.F("legal_limit")),
                name="sanction_within_legal_limit",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.month} {self.get_status_display()}"

    @property
    def is_decided(self) -> bool:
        return self.status == SanctionStatus.DECIDED

    @property
    def appeal_deadline(self) -> date | None:
        """Three weeks from the day the client received the decision (FL 44 §)."""
        return appeal_deadline(self.notified_on) if self.notified_on else None


# --- reconsideration of a decided reduction (*omprövning*, förvaltningslagen 37–39 §§) ------------


class ReconsiderationOutcome(models.TextChoices):
    REVOKED = ReconsiderationResult.REVOKED.value, _("Revoked: no reduction")
    LOWERED = ReconsiderationResult.LOWERED.value, _("Lowered")


class ReconsiderationOccasion(models.TextChoices):
    """Why the decided reduction came up again."""

    NEW_CIRCUMSTANCES = "new_circumstances", _("New circumstances came to light")
    CLIENT_REQUEST = "client_request", _("The client asked for a reconsideration")
    APPEAL = "appeal", _("The client appealed the decision")
    FOUND_BY_UNIT = "found_by_unit", _("The unit found the decision incorrect")


class SanctionReconsideration(TimeStampedModel):
    """A new decision on a decided reduction: revoked, or lowered (never raised).

    The first decision (`proposal`) is never edited; each reconsideration is its own decision
    with reasons, letter and appeal period, and the latest one sets the reduction in force.
    Source: förvaltningslagen (2017:900) 37–39 §§ (see activities/rules.py for what was verified).
    """

    proposal = models.ForeignKey(
        SanctionProposal,
        verbose_name=_("reduction decision"),
        on_delete=models.PROTECT,
        related_name="reconsiderations",
    )
    outcome = models.CharField(_("outcome"), max_length=10, choices=ReconsiderationOutcome.choices)
    occasion = models.CharField(
        _("why it came up"), max_length=20, choices=ReconsiderationOccasion.choices
    )
    amount_before = models.PositiveIntegerField(_("reduction before"))
    amount = models.PositiveIntegerField(_("new reduction"), null=True, blank=True)
    reasons = models.TextField(_("reasons"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"))
    notified_on = models.DateField(_("received by the client"), null=True, blank=True)

    class Meta:
        verbose_name = _("reconsideration of a reduction")
        verbose_name_plural = _("reconsiderations of reductions")
        ordering = ["decided_at", "id"]
        constraints = [
            # Revoked: no amount. Lowered: above zero and below what was in force (never raised).
            models.CheckConstraint(
                condition=models.Q(outcome="revoked", amount__isnull=True)
                | models.Q(outcome="lowered", amount__gt=0, amount__lt=models.F("amount_before")),
                name="sanction_reconsideration_only_lowers",
            ),
            # A revoked reduction is gone: nothing is reconsidered after it.
            models.UniqueConstraint(
                fields=["proposal"],
                condition=models.Q(outcome="revoked"),
                name="one_revocation_per_sanction",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.proposal_id}: {self.get_outcome_display()}"

    @property
    def is_revoked(self) -> bool:
        return self.outcome == ReconsiderationOutcome.REVOKED

    @property
    def appeal_deadline(self) -> date | None:
        """Three weeks from the day received (FL 44 §); a revocation goes the client's way
        wholly, so it carries no appeal period (as decisions.rules.is_appealable)."""
        if self.is_revoked or self.notified_on is None:
            return None
        return appeal_deadline(self.notified_on)


class AbsenceReport(models.Model):
    """The client reports, on My pages, being absent from an activity on a day, with a reason.

    A report is only what the client says: it reaches the work coach to judge when registering the
    day's attendance, and never makes the absence excused by itself (the coach decides whether
    the reason is valid, SoL (2001:453) 4 kap. 5 §)."""

    referral = models.ForeignKey(
        Referral,
        verbose_name=_("referral"),
        on_delete=models.PROTECT,
        related_name="absence_reports",
    )
    day = models.DateField(_("day absent"))
    reason = models.TextField(_("reason given"))
    reported_at = models.DateTimeField(_("reported"))

    class Meta:
        verbose_name = _("reported absence")
        verbose_name_plural = _("reported absences")
        ordering = ["-day", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["referral", "day"], name="one_absence_report_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.day:%Y-%m-%d}"
