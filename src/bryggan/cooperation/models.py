"""Cooperation under secrecy: partner organisations and their contacts, consents (*samtycke*) per
person, the log of every disclosure made on a consent, partner users, and Arbetsförmedlingen status.

Sources: OSL (2009:400) 26 kap. 1 § and 12 kap. 2 § (consent, `cooperation.rules`); SoL (2025:400)
15 kap. 11 § (information about individuals from Arbetsförmedlingen); the practice of Hässleholm's
joint case reviews (*ÄGG*) in the seed report *Att bryta mönster*.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from bryggan.cooperation.rules import GivenHow, InformationKind, OrganisationKind


class OrganisationKindChoices(models.TextChoices):
    ARBETSFORMEDLINGEN = OrganisationKind.ARBETSFORMEDLINGEN.value, _("Arbetsförmedlingen")
    FORSAKRINGSKASSAN = OrganisationKind.FORSAKRINGSKASSAN.value, _("Försäkringskassan")
    REGION_PRIMARY_CARE = OrganisationKind.REGION_PRIMARY_CARE.value, _("Region: primary care")
    REGION_PSYCHIATRY = OrganisationKind.REGION_PSYCHIATRY.value, _("Region: psychiatry")
    LABOUR_MARKET_UNIT = OrganisationKind.LABOUR_MARKET_UNIT.value, _("Labour-market unit")
    ADULT_EDUCATION = OrganisationKind.ADULT_EDUCATION.value, _("Adult education and SFI")
    COORDINATION_ASSOCIATION = (
        OrganisationKind.COORDINATION_ASSOCIATION.value,
        _("Coordination association"),
    )
    NEIGHBOURING_MUNICIPALITY = (
        OrganisationKind.NEIGHBOURING_MUNICIPALITY.value,
        _("Neighbouring municipality"),
    )
    UNION = OrganisationKind.UNION.value, _("Union")
    OTHER = OrganisationKind.OTHER.value, _("Other organisation")


class InformationKindChoices(models.TextChoices):
    IDENTITY = InformationKind.IDENTITY.value, _("Identity and contact")
    PLAN = InformationKind.PLAN.value, _("Plan and activities")
    ECONOMY = InformationKind.ECONOMY.value, _("Economic situation")
    HEALTH = InformationKind.HEALTH.value, _("Health and ability to work")


class GivenHowChoices(models.TextChoices):
    SIGNED_FORM = GivenHow.SIGNED_FORM.value, _("Signed form, filed among the case's documents")
    E_SERVICE = GivenHow.E_SERVICE.value, _("Signed in the e-service")
    ORAL = GivenHow.ORAL.value, _("Orally, with a journal note")


class DisclosureChannel(models.TextChoices):
    PRINTOUT = "printout", _("Printout")
    PARTNER_VIEW = "partner_view", _("The partner's view of the case")
    AGENDA = "agenda", _("Agenda")
    MINUTES = "minutes", _("Minutes")


class PartnerOrganisation(models.Model):
    """An authority or organisation the unit cooperates with (the municipality's register)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=OrganisationKindChoices.choices)
    organisation_number = models.CharField(_("organisation number"), max_length=11, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PartnerContact(models.Model):
    """A contact person at a partner organisation."""

    organisation = models.ForeignKey(
        PartnerOrganisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="contacts",
    )
    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("title"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ["organisation", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"


class PartnerUser(models.Model):
    """Ties a user of role partner to the one organisation whose consents open cases to them."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.PROTECT,
        related_name="partner_link",
    )
    organisation = models.ForeignKey(
        PartnerOrganisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="users",
    )

    class Meta:
        verbose_name = _("partner user")
        verbose_name_plural = _("partner users")

    def __str__(self) -> str:
        return f"{self.user} · {self.organisation}"


class Consent(models.Model):
    """A person's consent to share kinds of information with organisations for a period.

    Kept for ever as it was given; a withdrawal only adds who recorded it and when. The signed form
    is a document of the case, an oral consent has its journal note (a check constraint).
    """

    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="consents"
    )
    household = models.ForeignKey(
        "people.Household",
        verbose_name=_("case"),
        on_delete=models.PROTECT,
        related_name="consents",
    )
    organisations = models.ManyToManyField(
        PartnerOrganisation, verbose_name=_("organisations"), related_name="consents"
    )
    covers_identity = models.BooleanField(_("identity and contact"), default=False)
    covers_plan = models.BooleanField(_("plan and activities"), default=False)
    covers_economy = models.BooleanField(_("economic situation"), default=False)
    covers_health = models.BooleanField(_("health and ability to work"), default=False)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"))
    given_how = models.CharField(_("given"), max_length=20, choices=GivenHowChoices.choices)
    document = models.ForeignKey(
        "casefile.Document",
        verbose_name=_("signed form"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    journal_note = models.ForeignKey(
        "casefile.JournalNote",
        verbose_name=_("journal note"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    registered_at = models.DateTimeField(_("registered"))
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawal recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    withdrawal_note = models.CharField(_("how it was withdrawn"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-valid_from", "-id"]
        indexes = [models.Index(fields=["person", "valid_to"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__gte=models.F("valid_from")),
                name="consent_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(covers_identity=True)
                | models.Q(covers_plan=True)
                | models.Q(covers_economy=True)
                | models.Q(covers_health=True),
                name="consent_names_a_kind",
            ),
            models.CheckConstraint(
                condition=~models.Q(given_how=GivenHow.SIGNED_FORM.value)
                | models.Q(document__isnull=False),
                name="consent_signed_form_on_file",
            ),
            models.CheckConstraint(
                condition=~models.Q(given_how=GivenHow.ORAL.value)
                | models.Q(journal_note__isnull=False),
                name="consent_oral_has_journal_note",
            ),
            models.CheckConstraint(
                condition=models.Q(withdrawn_at__isnull=True, withdrawn_by__isnull=True)
                | models.Q(withdrawn_at__isnull=False, withdrawn_by__isnull=False),
                name="consent_withdrawal_has_who_and_when",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.valid_from:%Y-%m-%d}–{self.valid_to:%Y-%m-%d}"

    @property
    def kinds(self) -> frozenset[InformationKind]:
        return frozenset(k for k in InformationKind if getattr(self, f"covers_{k.value}"))

    @property
    def kind_labels(self) -> list[str]:
        return [
            str(label) for value, label in InformationKindChoices.choices if value in self.kinds
        ]


class Disclosure(models.Model):
    """One kind of information about a person that went to an organisation, on which consent:
    who received what about whom, when, and who let it go. Written once, never changed."""

    consent = models.ForeignKey(
        Consent, verbose_name=_("consent"), on_delete=models.PROTECT, related_name="disclosures"
    )
    organisation = models.ForeignKey(
        PartnerOrganisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="disclosures",
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="disclosures",
    )
    household = models.ForeignKey(
        "people.Household",
        verbose_name=_("case"),
        on_delete=models.PROTECT,
        related_name="disclosures",
    )
    kind = models.CharField(_("information"), max_length=20, choices=InformationKindChoices.choices)
    channel = models.CharField(_("how"), max_length=20, choices=DisclosureChannel.choices)
    # The partner user who read it, when a partner opened the case; empty for a printout.
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("received by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    recipient_name = models.CharField(_("received by (name)"), max_length=200, blank=True)
    disclosed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("disclosed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(_("when"))

    class Meta:
        verbose_name = _("disclosure")
        verbose_name_plural = _("disclosures")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["person", "at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.organisation} {self.at:%Y-%m-%d}"


class AfStatusRecord(models.Model):
    """A person's standing at Arbetsförmedlingen as recorded on a day: by hand today, by an
    integration later (`cooperation.af_status`). The latest record is the current status.

    Source: SoL (2025:400) 15 kap. 11 § (the board may obtain information about individuals from
    Arbetsförmedlingen).
    """

    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="af_status_records",
    )
    registered = models.BooleanField(_("registered at Arbetsförmedlingen"))
    registered_since = models.DateField(_("registered since"), null=True, blank=True)
    programme = models.CharField(_("programme"), max_length=200, blank=True)
    contact_name = models.CharField(_("contact at Arbetsförmedlingen"), max_length=200, blank=True)
    contact_phone = models.CharField(_("contact's phone"), max_length=40, blank=True)
    source = models.CharField(_("source"), max_length=40, default="manual")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded"))

    class Meta:
        verbose_name = _("Arbetsförmedlingen status")
        verbose_name_plural = _("Arbetsförmedlingen statuses")
        ordering = ["-recorded_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(registered=True)
                | models.Q(registered_since__isnull=True, programme=""),
                name="af_status_since_only_when_registered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.recorded_at:%Y-%m-%d}"
