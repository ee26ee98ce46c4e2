"""Units (*enheter*) and users with one role each."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
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


class UserWithUnitManager(UserManager["User"]):
    """Users read with their unit (one query): what the signed-in user is loaded through on
    every request (`ModelBackend.get_user` reads the default manager), since every page's header
    names the user's unit. `User.objects` stays the plain manager, for locking and partial reads."""

    def get_queryset(self) -> models.QuerySet[User]:
        return super().get_queryset().select_related("unit")


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

    objects = UserManager()
    with_unit = UserWithUnitManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        default_manager_name = "with_unit"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role__in=[r.value for r in Role]) | models.Q(role=""),
                name="user_role_known",
            )
        ]

    def can(self, capability: Capability) -> bool:
        return self.is_active and has_capability(self.role, capability)


# --- OpenID Connect sign-in -----------------------------------------------------------------

# Roles an identity provider's group may give: staff roles only (an applicant is a person, signed
# in through the identity broker, never through a group).
STAFF_ROLE_CHOICES = [choice for choice in RoleChoices.choices if choice[0] != Role.APPLICANT]
ROLES_WITHOUT_UNIT = [Role.ANALYST.value, Role.ADMINISTRATOR.value]


class ClaimMapping(models.Model):
    """What a group (or other claim value) at the municipality's identity provider gives in
    Bryggan: a role, and the unit for the roles that work in one. Set by the administrator."""

    claim_value = models.CharField(
        _("group or claim value"),
        max_length=300,
        unique=True,
        help_text=_("Exactly as the identity provider sends it in the groups claim."),
    )
    role = models.CharField(_("role"), max_length=20, choices=STAFF_ROLE_CHOICES)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="claim_mappings",
    )
    sees_protected_identity = models.BooleanField(_("may see protected identities"), default=False)

    class Meta:
        verbose_name = _("sign-in group mapping")
        verbose_name_plural = _("sign-in group mappings")
        ordering = ["claim_value"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role__in=ROLES_WITHOUT_UNIT) | models.Q(unit__isnull=False),
                name="claim_mapping_case_role_has_unit",
            )
        ]

    def __str__(self) -> str:
        return self.claim_value

    def clean(self) -> None:
        if self.role not in ROLES_WITHOUT_UNIT and self.unit_id is None:
            raise ValidationError({"unit": _("This role works in a unit: choose one.")})


class ExternalIdentity(models.Model):
    """A staff user's identity at the identity provider (issuer and subject), so that the same
    person is the same user at every sign-in whatever their name or groups become."""

    user = models.OneToOneField(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="external_identity"
    )
    issuer = models.CharField(_("issuer"), max_length=300)
    subject = models.CharField(_("subject"), max_length=300)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("external identity")
        verbose_name_plural = _("external identities")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="external_identity_unique")
        ]

    def __str__(self) -> str:
        return f"{self.issuer} {self.subject}"
