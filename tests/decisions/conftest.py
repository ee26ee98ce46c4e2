"""A case with an application, a norm for the current year (test data) and a saved calculation."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from django.utils import timezone

from bryggan.accounts.models import Unit, User
from bryggan.core.month import Month
from bryggan.decisions.models import DelegationRule, SavedCalculation
from bryggan.decisions.services import calculation_save
from bryggan.intake.models import Application, Channel
from bryggan.intake.services import application_register
from bryggan.norm_entry.models import EnteredRiksnorm
from bryggan.norms.tables import default_norms
from bryggan.reporting.services import reason_for_need_record
from tests.people.factories import person_input

# Handelsbanken, clearing 6000, account 123456789: valid by the modulus-11 rule (tests/payments).
CLEARING, ACCOUNT = "6000", "123456789"


@pytest.fixture
def current_year_norm(persona: Callable[..., User]) -> int:
    """2021's amounts entered as this year's table: TEST DATA, not a real riksnorm."""
    year = timezone.localdate().year
    text = (default_norms().data_dir / "riksnorm" / "2021.toml").read_bytes()
    import tomllib

    document = tomllib.loads(text.decode())
    document["year"] = year
    document["source"]["reference"] = "TEST"
    EnteredRiksnorm.objects.create(
        year=year, document=document, entered_by=persona("administrator")
    )
    return year


@pytest.fixture
def delegation(unit: Unit) -> None:
    for role, ceiling in (("caseworker", 20000), ("unit_manager", None)):
        for kind in ("livelihood_support", "emergency", "recovery", "recovery_waiver"):
            DelegationRule.objects.create(unit=unit, role=role, kind=kind, max_amount=ceiling)


@pytest.fixture
def application(unit: Unit, persona: Callable[..., User]) -> Application:
    persona("work_coach")
    caseworker = persona("caseworker")
    application = application_register(
        unit=unit,
        registered_by=caseworker,
        received_at=timezone.now(),
        channel=Channel.IN_PERSON,
        month=Month.of(timezone.localdate()),
        applicant=person_input(date(1980, 1, 1)),
        now=timezone.now(),
    )
    # Assessed as a caseworker does: the applicant's reason for need before any decision is signed.
    reason_for_need_record(
        household=application.household,
        month=Month.parse(application.month),
        person=application.household.members.get().person,
        code="unemployed_no_benefit",
        by=caseworker,
        now=timezone.now(),
    )
    return application


@pytest.fixture
def calculation(
    application: Application, current_year_norm: int, persona: Callable[..., User]
) -> SavedCalculation:
    # Single adult: 3 160 + common costs for one 1 020 + rent 5 000 = 9 180 kr (2021's amounts).
    return calculation_save(
        household=application.household,
        document={
            "month": application.month,
            "members": [{"id": "p1", "birth_date": "1980-01-01"}],
            "costs": [{"type": "housing", "amount": 5000}],
        },
        by=persona("caseworker"),
    )
