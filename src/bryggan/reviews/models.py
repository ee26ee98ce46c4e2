"""Joint case reviews (*ärendegenomgångar*, Hässleholm's *ÄGG*) and three-party talks
(*trepartssamtal*, Haparanda): review groups of the unit with their member organisations and
recurring meetings, each meeting's agenda of cases, the minutes per case and the actions agreed.

A case goes on an agenda only with a valid consent for every organisation at the meeting (OSL
(2009:400) 26 kap. 1 §, 12 kap. 2 §; `reviews.rules`); a withdrawn consent takes it off the
agendas of meetings not yet held (`services.agenda_items_remove_on_withdrawal`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bryggan.reviews.rules import ActionParty, GroupTarget, MeetingKind


class GroupTargetChoices(models.TextChoices):
    YOUTH = GroupTarget.YOUTH.value, _("Young people up to 25")
    OVER_25 = GroupTarget.OVER_25.value, _("Persons over 25")
    INTEGRATION = GroupTarget.INTEGRATION.value, _("Integration (with SFI teachers)")
    LONG_SICK_LEAVE = (
        GroupTarget.LONG_SICK_LEAVE.value,
        _("Long sick leave without sickness benefit"),
    )
    OTHER = GroupTarget.OTHER.value, _("Other persons")


class WeekdayChoices(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")


class MeetingKindChoices(models.TextChoices):
    REVIEW = MeetingKind.REVIEW.value, _("Joint case review")
    THREE_PARTY = MeetingKind.THREE_PARTY.value, _("Three-party talk")


class ActionPartyChoices(models.TextChoices):
    CASEWORKER = ActionParty.CASEWORKER.value, _("Caseworker (the municipality)")
    WORK_COACH = ActionParty.WORK_COACH.value, _("Work coach (the municipality)")
    CLIENT = ActionParty.CLIENT.value, _("The client")
    PARTNER = ActionParty.PARTNER.value, _("A partner organisation")


class ReviewGroup(models.Model):
    """A standing group of the unit that reviews cases jointly with its member organisations,
    meeting on a recurring day (e.g. every other Tuesday)."""

    unit = models.ForeignKey(
        "accounts.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("name"), max_length=200)
    target = models.CharField(_("for whom"), max_length=30, choices=GroupTargetChoices.choices)
    description = models.CharField(_("description"), max_length=300, blank=True)
    organisations = models.ManyToManyField(
        "cooperation.PartnerOrganisation",
        verbose_name=_("member organisations"),
        related_name="review_groups",
    )
    weekday = models.PositiveSmallIntegerField(_("meeting day"), choices=WeekdayChoices.choices)
    every_weeks = models.PositiveSmallIntegerField(_("every how many weeks"), default=2)
    meeting_time = models.TimeField(_("time"))
    place = models.CharField(_("place"), max_length=200)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("review group")
        verbose_name_plural = _("review groups")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "name"], name="one_review_group_name_per_unit"),
            models.CheckConstraint(
                condition=models.Q(every_weeks__gte=1, every_weeks__lte=8),
                name="review_group_every_one_to_eight_weeks",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Meeting(models.Model):
    """A meeting of a review group, or a three-party talk (client, municipality and one partner
    organisation, Arbetsförmedlingen) about one client. Held once; from then on its agenda is
    fixed and its minutes are written."""

    unit = models.ForeignKey(
        "accounts.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=MeetingKindChoices.choices)
    group = models.ForeignKey(
        ReviewGroup,
        verbose_name=_("review group"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
    )
    partner = models.ForeignKey(
        "cooperation.PartnerOrganisation",
        verbose_name=_("partner organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    on = models.DateField(_("date"))
    at = models.TimeField(_("time"))
    place = models.CharField(_("place"), max_length=200)
    held_at = models.DateTimeField(_("held"), null=True, blank=True)
    held_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("held by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("booked by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["on", "at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind=MeetingKind.REVIEW.value, group__isnull=False)
                | models.Q(kind=MeetingKind.THREE_PARTY.value, partner__isnull=False),
                name="meeting_review_has_group_talk_has_partner",
            ),
            models.CheckConstraint(
                condition=models.Q(held_at__isnull=True, held_by__isnull=True)
                | models.Q(held_at__isnull=False, held_by__isnull=False),
                name="meeting_held_has_who_and_when",
            ),
        ]

    def __str__(self) -> str:
        name = self.group.name if self.group_id else self.get_kind_display()  # type: ignore[union-attr]
        return f"{name} {self.on:%Y-%m-%d}"

    @property
    def is_held(self) -> bool:
        return self.held_at is not None


class AgendaItem(models.Model):
    """A person's case on a meeting's agenda, and the minutes of what was agreed about it.
    Removed (never deleted) when the consent is withdrawn before the meeting is held."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="items"
    )
    household = models.ForeignKey(
        "people.Household", verbose_name=_("case"), on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="+"
    )
    question = models.CharField(_("question for the meeting"), max_length=300, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    added_at = models.DateTimeField(_("added"))
    removed_at = models.DateTimeField(_("removed"), null=True, blank=True)
    removed_reason = models.CharField(_("why removed"), max_length=300, blank=True)
    agreed = models.TextField(_("what was agreed"), blank=True)
    minutes_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("minutes by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    minutes_at = models.DateTimeField(_("minutes recorded"), null=True, blank=True)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "added_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"],
                condition=models.Q(removed_at__isnull=True),
                name="one_agenda_item_per_person_and_meeting",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting}: {self.person}"

    @property
    def has_minutes(self) -> bool:
        return self.minutes_at is not None


class Action(models.Model):
    """What one party does by when, as agreed in the minutes of an agenda item. A municipal
    action is also written into the client's plan as a step (`plan_version`)."""

    item = models.ForeignKey(
        AgendaItem, verbose_name=_("agenda item"), on_delete=models.PROTECT, related_name="actions"
    )
    party = models.CharField(_("who"), max_length=20, choices=ActionPartyChoices.choices)
    organisation = models.ForeignKey(
        "cooperation.PartnerOrganisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    responsible_name = models.CharField(_("person responsible"), max_length=200, blank=True)
    description = models.CharField(_("what"), max_length=300)
    due_on = models.DateField(_("by when"))
    done_on = models.DateField(_("done"), null=True, blank=True)
    plan_version = models.ForeignKey(
        "planning.PlanVersion",
        verbose_name=_("plan version"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["due_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(party=ActionParty.PARTNER.value)
                | models.Q(organisation__isnull=False),
                name="action_of_partner_names_organisation",
            ),
        ]

    def __str__(self) -> str:
        return self.description
