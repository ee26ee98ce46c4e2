"""The demo's cooperation: the partner organisations of a municipality like Hässleholm with a
contact each, consents from some of the first unit's clients (one since withdrawn), an
Arbetsförmedlingen status for each of them, a printout disclosed on a consent, and the partner
login `partner`, an officer at Arbetsförmedlingen. All through the services; deterministic for a
given random generator and `today`.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from bryggan.accounts.models import Unit, User
from bryggan.accounts.roles import Role
from bryggan.cooperation.models import DisclosureChannel, PartnerOrganisation
from bryggan.cooperation.rules import GivenHow, InformationKind, OrganisationKind
from bryggan.cooperation.services import (
    af_status_record,
    consent_register,
    consent_withdraw,
    disclosure_record,
    partner_contact_create,
    partner_organisation_create,
    partner_user_create,
)
from bryggan.people.models import Household, MemberRole

PARTNER_USERNAME = "partner"
# Made-up organisations and contacts (demo data).
ORGANISATIONS = (
    ("Arbetsförmedlingen", OrganisationKind.ARBETSFORMEDLINGEN, "Anna Arbetsförmedlare"),
    ("Försäkringskassan", OrganisationKind.FORSAKRINGSKASSAN, "Fredrik Handläggare"),
    ("Vårdcentralen Centrum", OrganisationKind.REGION_PRIMARY_CARE, "Vera Distriktsläkare"),
    ("Arbetsmarknadsenheten", OrganisationKind.LABOUR_MARKET_UNIT, "Amir Arbetskonsulent"),
    ("Vuxenutbildningen och SFI", OrganisationKind.ADULT_EDUCATION, "Sara SFI-lärare"),
    ("Samordningsförbundet", OrganisationKind.COORDINATION_ASSOCIATION, "Sam Samordnare"),
)
PROGRAMMES = ("Jobbgarantin för ungdomar", "Jobb- och utvecklingsgarantin", "Rusta och matcha")
CONSENTS = 12  # clients of the first unit with a consent
SHARE_HEALTH = 0.4  # of consents, those that also cover health (made up)
SHARE_REGISTERED = 0.8  # of clients with a consent, those registered at Arbetsförmedlingen


# The consent (by its place in the sample) that runs out soon, and in how many days.
EXPIRING, EXPIRING_IN_DAYS = 2, 5


def demo_cooperation(
    *, units: list[Unit], today: date, now: datetime, rng: random.Random, password_hash: str
) -> str | None:
    """Partners, consents and the partner login; returns the login's username (None: no unit)."""
    if not units:
        return None
    caseworker = User.objects.filter(unit=units[0], role=Role.CASEWORKER).order_by("pk").first()
    if caseworker is None:
        return None
    organisations: list[PartnerOrganisation] = []
    for name, kind, contact in ORGANISATIONS:
        organisation = partner_organisation_create(name=name, kind=kind, by=None)
        partner_contact_create(
            organisation=organisation,
            name=contact,
            phone=f"010-{rng.randrange(100_000, 999_999)}",
            by=None,
        )
        organisations.append(organisation)
    af, fk = organisations[0], organisations[1]
    partner_user_create(
        username=PARTNER_USERNAME,
        organisation=af,
        first_name="Petra",
        last_name="Arbetsförmedlare",
        password_hash=password_hash,
        by=None,
    )
    households = list(
        Household.objects.filter(unit=units[0], status="active").order_by("pk")[: CONSENTS * 2]
    )
    for index, household in enumerate(rng.sample(households, min(CONSENTS, len(households)))):
        member = household.members.filter(role=MemberRole.APPLICANT).select_related("person")
        applicant = member.first()
        if applicant is None:
            continue
        person = applicant.person
        kinds = [InformationKind.IDENTITY, InformationKind.PLAN]
        if rng.random() < SHARE_HEALTH:
            kinds.append(InformationKind.HEALTH)
        chosen = [af, organisations[3]] + ([fk] if InformationKind.HEALTH in kinds else [])
        consent = consent_register(
            household=household,
            person=person,
            organisations=chosen,
            kinds=kinds,
            valid_from=today - timedelta(days=rng.randrange(5, 200)),
            # One runs out within the week: My work asks the caseworker to renew it.
            valid_to=today + timedelta(days=EXPIRING_IN_DAYS) if index == EXPIRING else None,
            given_how=GivenHow.E_SERVICE,
            by=caseworker,
            now=now,
        )
        registered = rng.random() < SHARE_REGISTERED
        af_status_record(
            person=person,
            registered=registered,
            registered_since=today - timedelta(days=rng.randrange(30, 700)) if registered else None,
            programme=rng.choice(PROGRAMMES) if registered else "",
            contact_name=ORGANISATIONS[0][2],
            contact_phone="",
            by=caseworker,
            now=now,
            case_id=household.pk,
        )
        if index == 0:
            disclosure_record(
                person=person,
                household=household,
                organisation=af,
                kinds=[InformationKind.PLAN],
                channel=DisclosureChannel.PRINTOUT,
                by=caseworker,
                now=now,
            )
        if index == 1:
            consent_withdraw(
                consent=consent, note="Återkallat per telefon.", by=caseworker, now=now
            )
    return PARTNER_USERNAME
