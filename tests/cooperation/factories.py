"""Partner organisations, partner users and consents, made through the services."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from bryggan.accounts.models import User
from bryggan.cooperation.models import Consent, PartnerOrganisation
from bryggan.cooperation.rules import GivenHow, InformationKind, OrganisationKind
from bryggan.cooperation.services import (
    consent_register,
    partner_organisation_create,
    partner_user_create,
)
from bryggan.people.models import Household
from tests.conftest import PASSWORD


def make_organisation(
    name: str = "Arbetsförmedlingen Hässleholm",
    kind: OrganisationKind = OrganisationKind.ARBETSFORMEDLINGEN,
) -> PartnerOrganisation:
    return partner_organisation_create(name=name, kind=kind, by=None)


def make_partner_user(organisation: PartnerOrganisation, username: str = "af-officer") -> User:
    return partner_user_create(
        username=username,
        organisation=organisation,
        first_name="Petra",
        last_name="Partner",
        password=PASSWORD,
        by=None,
    )


def make_consent(
    household: Household,
    organisation: PartnerOrganisation,
    by: User,
    *,
    kinds: tuple[InformationKind, ...] = (InformationKind.IDENTITY, InformationKind.PLAN),
    valid_from: date | None = None,
    valid_to: date | None = None,
) -> Consent:
    today = timezone.localdate()
    return consent_register(
        household=household,
        person=household.members.get().person,
        organisations=[organisation],
        kinds=kinds,
        valid_from=valid_from or today - timedelta(days=1),
        valid_to=valid_to,
        given_how=GivenHow.E_SERVICE,
        by=by,
        now=timezone.now(),
    )
