"""Units (*enheter*) and users with one role each."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from bryggan.accounts.roles import Capability, Role, has_capability


class Unit(models.Model):
    """A unit for *arbete och försörjning*; cases belong to one unit."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    caseload_cap = models.PositiveIntegerField(
        _("caseload cap"),
        default=settings.DEFAULT_CASELOAD_CAP,
        help_text=_("Active cases per caseworker before a warning (Borås: 40–45)."),
    )

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class RoleChoices(models.TextChoices):
    CASEWORKER = Role.CASEWORKER.value, _("Caseworker")
    WORK_COACH = Role.WORK_COACH.value, _("Work coach")
    UNIT_MANAGER = Role.UNIT_MANAGER.value, _("Unit manager")
    ANALYST = Role.ANALYST.value, _("Analyst")
    ADMINISTRATOR = Role.ADMINISTRATOR.value, _("Administrator")
    APPLICANT = Role.APPLICANT.value, _("Applicant")
    PARTNER = Role.PARTNER.value, _("Partner organisation")


class User(AbstractUser):
    role = models.CharField(_("role"), max_length=20, choices=RoleChoices.choices)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
    )
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("The language the user chose; Swedish until they choose."),
    )
    sees_protected_identity = models.BooleanField(
        _("may see protected identities"),
        default=False,
        help_text=_("Name and address of persons with skyddad identitet are shown only to these."),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role__in=[r.value for r in Role]) | models.Q(role=""),
                name="user_role_known",
            )
        ]

    def can(self, capability: Capability) -> bool:
        return self.is_active and has_capability(self.role, capability)
