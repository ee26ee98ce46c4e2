"""Persons and households (*biståndshushåll*), with membership over time."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bryggan.core.models import TimeStampedModel


class IdentityKindChoices(models.TextChoices):
    PERSONNUMMER = "personnummer", _("personnummer")
    SAMORDNINGSNUMMER = "samordningsnummer", _("samordningsnummer")


class Person(TimeStampedModel):
    identity_number = models.CharField(_("personnummer"), max_length=13, unique=True)
    identity_kind = models.CharField(
        _("kind of number"), max_length=20, choices=IdentityKindChoices.choices
    )
    birth_date = models.DateField(_("birth date"))
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    address = models.CharField(_("address"), max_length=300, blank=True)
    protected_identity = models.BooleanField(_("protected identity"), default=False)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"


class HouseholdStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    CLOSED = "closed", _("Closed")


class Household(TimeStampedModel):
    """A case (*ärende*): one household's ongoing matter in one unit."""

    unit = models.ForeignKey(
        "accounts.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="households"
    )
    caseworker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("caseworker"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=HouseholdStatus.choices, default=HouseholdStatus.ACTIVE
    )
    opened_on = models.DateField(_("opened"))
    closed_on = models.DateField(_("closed"), null=True, blank=True)
    # Optimistic locking of the household's details and members (core/locking.py): advanced by
    # every save of the household edit page.
    version = models.PositiveIntegerField(_("version"), default=0)

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")
        indexes = [models.Index(fields=["unit", "status", "caseworker"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closed_on__isnull=True)
                | models.Q(closed_on__gte=models.F("opened_on")),
                name="household_closed_after_opened",
            )
        ]

    def __str__(self) -> str:
        return f"{_('Case')} {self.case_number}"

    @property
    def case_number(self) -> str:
        return case_number(self.opened_on, self.pk)


def case_number(opened_on: date, household_id: int) -> str:
    """The case's number as staff see it: the year it was opened and its id."""
    return f"{opened_on.year}-{household_id:05d}"


class MemberRole(models.TextChoices):
    APPLICANT = "applicant", _("Applicant")
    CO_APPLICANT = "co_applicant", _("Co-applicant (spouse or sambo)")
    CHILD = "child", _("Child")


class HouseholdMember(models.Model):
    """A person's membership of a household from one date to another (open-ended while current)."""

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=MemberRole.choices)
    valid_from = models.DateField(_("from"))
    valid_to = models.DateField(_("to"), null=True, blank=True)

    class Meta:
        verbose_name = _("household member")
        verbose_name_plural = _("household members")
        ordering = ["household", "role", "person__birth_date"]
        constraints = [
            # A person belongs to at most one household at a time.
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(valid_to__isnull=True),
                name="one_current_household",
            ),
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="member_to_after_from",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()})"

    def is_current_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)
