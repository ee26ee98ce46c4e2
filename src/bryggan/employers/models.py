"""The employer network (*Ge en timme*): employers of the unit's network, their contact persons and
offers, each client's facts for matching, and the contacts and placements made.

Source: Trelleborg's "Ge en timme" in the seed report (issue 16, "Employer network").
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bryggan.core.models import TimeStampedModel
from bryggan.employers.rules import OfferKind, Outcome


class OfferKindChoices(models.TextChoices):
    HOUR = OfferKind.HOUR.value, _("An hour's conversation (Ge en timme)")
    STUDY_VISIT = OfferKind.STUDY_VISIT.value, _("Study visit")
    WORK_PRACTICE = OfferKind.WORK_PRACTICE.value, _("Work practice")
    JOB = OfferKind.JOB.value, _("Job")
    STUDY_AND_PRACTICE = OfferKind.STUDY_AND_PRACTICE.value, _("Study combined with practice")


class FieldChoices(models.TextChoices):
    """Fields of experience; the same codes as `rules.FIELD_WORDS`."""

    CARE = "care", _("Health and social care")
    CLEANING = "cleaning", _("Cleaning and property services")
    RESTAURANT = "restaurant", _("Restaurant and food")
    RETAIL = "retail", _("Retail and sales")
    LOGISTICS = "logistics", _("Warehouse and logistics")
    CONSTRUCTION = "construction", _("Construction")
    TRANSPORT = "transport", _("Transport and driving")
    MANUFACTURING = "manufacturing", _("Manufacturing")
    OFFICE = "office", _("Office and administration")
    IT = "it", _("IT")
    CHILDCARE = "childcare", _("Childcare and school")
    GREEN = "green", _("Gardening, farming and forestry")


class LanguageChoices(models.TextChoices):
    """Languages asked for or spoken; the same codes as `rules.LANGUAGES`."""

    SV = "sv", _("Swedish")
    EN = "en", _("English")
    AR = "ar", _("Arabic")
    SO = "so", _("Somali")
    TI = "ti", _("Tigrinya")
    FA = "fa", _("Persian")
    PRS = "prs", _("Dari")
    KU = "ku", _("Kurdish")
    TR = "tr", _("Turkish")
    PL = "pl", _("Polish")
    BS = "bs", _("Bosnian/Croatian/Serbian")
    RU = "ru", _("Russian")
    UK = "uk", _("Ukrainian")
    ES = "es", _("Spanish")
    FR = "fr", _("French")
    DE = "de", _("German")
    FI = "fi", _("Finnish")
    TH = "th", _("Thai")


class OutcomeChoices(models.TextChoices):
    NO_SHOW = Outcome.NO_SHOW.value, _("Did not show up")
    COMPLETED = Outcome.COMPLETED.value, _("Completed")
    JOB = Outcome.JOB.value, _("Led to a job")
    STUDIES = Outcome.STUDIES.value, _("Led to studies")
    ENDED_EARLY = Outcome.ENDED_EARLY.value, _("Ended early")


class PlacementKind(models.TextChoices):
    CONTACT = "contact", _("Put in touch")
    PLACEMENT = "placement", _("Placed")


class Employer(TimeStampedModel):
    """An employer in the unit's network."""

    unit = models.ForeignKey(
        "accounts.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="employers"
    )
    name = models.CharField(_("name"), max_length=200)
    # Normalised NNNNNN-NNNN with a valid check digit (`rules.organisation_number_clean`).
    organisation_number = models.CharField(_("organisation number"), max_length=11)
    field = models.CharField(_("industry"), max_length=20, choices=FieldChoices.choices)
    address = models.CharField(_("address"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=6, blank=True)
    municipality = models.CharField(_("municipality"), max_length=100)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("employer")
        verbose_name_plural = _("employers")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "organisation_number"], name="one_employer_per_orgnr_in_unit"
            )
        ]

    def __str__(self) -> str:
        return self.name


class EmployerContact(TimeStampedModel):
    """A contact person at an employer."""

    employer = models.ForeignKey(
        Employer, verbose_name=_("employer"), on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Offer(TimeStampedModel):
    """What an employer offers: an hour, a study visit, practice, a job, studies with practice."""

    employer = models.ForeignKey(
        Employer, verbose_name=_("employer"), on_delete=models.PROTECT, related_name="offers"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=OfferKindChoices.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    field = models.CharField(_("field"), max_length=20, choices=FieldChoices.choices)
    capacity = models.PositiveSmallIntegerField(_("places"))
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    # Codes of `LanguageChoices` (a small closed list; validated by `rules.check_codes`).
    required_languages = models.JSONField(_("languages required"), default=list, blank=True)
    requires_driving_licence = models.BooleanField(_("driving licence required"), default=False)
    requires_experience = models.BooleanField(_("experience in the field required"), default=False)
    location = models.CharField(_("place"), max_length=200, blank=True)
    municipality = models.CharField(_("municipality"), max_length=100)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        ordering = ["-starts_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="offer_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(capacity__gte=1), name="offer_at_least_one_place"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.employer})"


class ClientProfile(TimeStampedModel):
    """A client's facts for matching: languages, driving licence, fields of experience and home
    municipality. One per person, recorded in the case (household) the person belongs to."""

    person = models.OneToOneField(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="employer_profile",
    )
    household = models.ForeignKey(
        "people.Household",
        verbose_name=_("household"),
        on_delete=models.PROTECT,
        related_name="employer_profiles",
    )
    # Codes of `LanguageChoices` and `FieldChoices` (validated by `rules.check_codes`).
    languages = models.JSONField(_("languages"), default=list, blank=True)
    driving_licence = models.BooleanField(_("driving licence"), default=False)
    experience_fields = models.JSONField(_("fields of experience"), default=list, blank=True)
    municipality = models.CharField(_("home municipality"), max_length=100, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("client profile for matching")
        verbose_name_plural = _("client profiles for matching")

    def __str__(self) -> str:
        return str(self.person)


class Placement(TimeStampedModel):
    """A client put in touch with, or placed at, an offer, with its outcome once ended."""

    offer = models.ForeignKey(
        Offer, verbose_name=_("offer"), on_delete=models.PROTECT, related_name="placements"
    )
    household = models.ForeignKey(
        "people.Household",
        verbose_name=_("household"),
        on_delete=models.PROTECT,
        related_name="employer_placements",
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="employer_placements",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=PlacementKind.choices)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("ended"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=OutcomeChoices.choices, blank=True
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("contact or placement")
        verbose_name_plural = _("contacts and placements")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="placement_ends_after_start",
            ),
            # An outcome exactly when the contact or placement has ended.
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True, outcome="")
                | models.Q(ends_on__isnull=False, outcome__in=OutcomeChoices.values),
                name="placement_outcome_when_ended",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.offer}"

    @property
    def is_current(self) -> bool:
        return self.ends_on is None
