"""Consents, withdrawal and the disclosure log, through the services; the bad input of issue 16."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from io import BytesIO
from typing import Any

import pytest
from django.utils import timezone

from bryggan.accounts.models import User
from bryggan.audit.models import ChangeRecord
from bryggan.casefile.models import Document
from bryggan.cooperation.af_status import af_status_source
from bryggan.cooperation.models import Consent, Disclosure, DisclosureChannel
from bryggan.cooperation.rules import GivenHow, InformationKind, OrganisationKind
from bryggan.cooperation.selectors import consent_valid_for, partner_case_rows
from bryggan.cooperation.services import (
    ConsentMissing,
    af_status_record,
    consent_register,
    consent_withdraw,
    disclosure_record,
)
from bryggan.core.errors import DomainError
from bryggan.decisions.models import Decision
from bryggan.people.models import Person
from tests.casefile.documents_files import pdf_bytes
from tests.cooperation.factories import make_consent, make_organisation
from tests.payments.conftest import current_year_norm, delegation, make_decision
from tests.people.factories import identity_number

pytestmark = pytest.mark.django_db
__all__ = ["current_year_norm", "delegation", "make_decision"]


def test_a_consent_that_ends_before_it_starts_is_refused_and_nothing_is_stored(
    make_decision: Callable[..., Decision], persona: Callable[..., User]
) -> None:
    household = make_decision(5, sign=False).household
    today = timezone.localdate()
    with pytest.raises(DomainError) as raised:
        consent_register(
            household=household,
            person=household.members.get().person,
            organisations=[make_organisation()],
            kinds=[InformationKind.PLAN],
            valid_from=today,
            valid_to=today - timedelta(days=1),
            given_how=GivenHow.E_SERVICE,
            by=persona("caseworker"),
            now=timezone.now(),
        )
    assert raised.value.field == "valid_to"
    assert not Consent.objects.exists()


def test_without_an_end_the_consent_lasts_the_municipalitys_default(
    make_decision: Callable[..., Decision], persona: Callable[..., User], settings: object
) -> None:
    settings.BRYGGAN_CONSENT_DEFAULT_MONTHS = 6  # type: ignore[attr-defined]
    household = make_decision(5, sign=False).household
    consent = make_consent(household, make_organisation(), persona("caseworker"))
    assert consent.valid_to == consent.valid_from.replace(
        month=(consent.valid_from.month + 5) % 12 + 1,
        year=consent.valid_from.year + (consent.valid_from.month + 6 > 12),
    ) - timedelta(days=1)


def test_a_signed_form_is_uploaded_into_the_case_documents(
    make_decision: Callable[..., Decision], persona: Callable[..., User]
) -> None:
    household = make_decision(5, sign=False).household
    consent = consent_register(
        household=household,
        person=household.members.get().person,
        organisations=[make_organisation()],
        kinds=[InformationKind.PLAN],
        valid_from=timezone.localdate(),
        valid_to=None,
        given_how=GivenHow.SIGNED_FORM,
        signed_form=BytesIO(pdf_bytes()),
        signed_form_name="samtycke-af.pdf",
        by=persona("caseworker"),
        now=timezone.now(),
    )
    document = Document.objects.get(household=household)
    assert consent.document == document
    assert document.original_name == "samtycke-af.pdf"


@pytest.mark.parametrize("given_how", [GivenHow.SIGNED_FORM, GivenHow.ORAL])
def test_a_consent_without_its_proof_is_refused(
    given_how: GivenHow, make_decision: Callable[..., Decision], persona: Callable[..., User]
) -> None:
    household = make_decision(5, sign=False).household
    with pytest.raises(DomainError) as raised:
        consent_register(
            household=household,
            person=household.members.get().person,
            organisations=[make_organisation()],
            kinds=[InformationKind.PLAN],
            valid_from=timezone.localdate(),
            valid_to=None,
            given_how=given_how,
            by=persona("caseworker"),
            now=timezone.now(),
        )
    assert raised.value.field in ("document", "journal_note")
    assert not Consent.objects.exists()
    assert not Document.objects.exists()


def test_a_disclosure_without_consent_names_the_organisation_and_records_nothing(
    make_decision: Callable[..., Decision], persona: Callable[..., User]
) -> None:
    household = make_decision(5, sign=False).household
    af = make_organisation()
    fk = make_organisation("Försäkringskassan", OrganisationKind.FORSAKRINGSKASSAN)
    make_consent(household, af, persona("caseworker"), kinds=(InformationKind.PLAN,))
    with pytest.raises(ConsentMissing) as raised:
        disclosure_record(
            person=household.members.get().person,
            household=household,
            organisation=fk,
            kinds=[InformationKind.PLAN],
            channel=DisclosureChannel.PRINTOUT,
            by=persona("caseworker"),
            now=timezone.now(),
        )
    assert "Försäkringskassan" in raised.value.message
    assert raised.value.kinds == {InformationKind.PLAN}
    # Of two kinds asked, one missing: neither goes out.
    with pytest.raises(ConsentMissing):
        disclosure_record(
            person=household.members.get().person,
            household=household,
            organisation=af,
            kinds=[InformationKind.PLAN, InformationKind.HEALTH],
            channel=DisclosureChannel.PRINTOUT,
            by=persona("caseworker"),
            now=timezone.now(),
        )
    assert not Disclosure.objects.exists()


def test_a_disclosure_is_recorded_with_the_consent_that_allowed_it(
    make_decision: Callable[..., Decision], persona: Callable[..., User]
) -> None:
    household = make_decision(5, sign=False).household
    af = make_organisation()
    consent = make_consent(household, af, persona("caseworker"))
    made = disclosure_record(
        person=household.members.get().person,
        household=household,
        organisation=af,
        kinds=[InformationKind.IDENTITY, InformationKind.PLAN],
        channel=DisclosureChannel.PRINTOUT,
        by=persona("caseworker"),
        now=timezone.now(),
    )
    assert [(d.kind, d.consent_id) for d in made] == [
        ("identity", consent.pk),
        ("plan", consent.pk),
    ]
    assert ChangeRecord.objects.filter(object_type="disclosure", case_id=household.pk).exists()


def test_withdrawal_is_effective_at_once(
    make_decision: Callable[..., Decision], persona: Callable[..., User]
) -> None:
    household = make_decision(5, sign=False).household
    af = make_organisation()
    consent = make_consent(household, af, persona("caseworker"))
    person = household.members.get().person
    today = timezone.localdate()
    assert (
        consent_valid_for(
            person_id=person.pk, organisation_id=af.pk, kind=InformationKind.PLAN, on=today
        )
        == consent
    )
    assert [row.person for row in partner_case_rows(af, today=today)] == [person]
    consent_withdraw(
        consent=consent, note="Per telefon.", by=persona("caseworker"), now=timezone.now()
    )
    assert (
        consent_valid_for(
            person_id=person.pk, organisation_id=af.pk, kind=InformationKind.PLAN, on=today
        )
        is None
    )
    assert partner_case_rows(af, today=today) == []
    with pytest.raises(ConsentMissing):
        disclosure_record(
            person=person,
            household=household,
            organisation=af,
            kinds=[InformationKind.PLAN],
            channel=DisclosureChannel.PRINTOUT,
            by=persona("caseworker"),
            now=timezone.now(),
        )
    with pytest.raises(DomainError):
        consent_withdraw(consent=consent, note="", by=persona("caseworker"), now=timezone.now())


def test_an_af_status_with_a_programme_but_not_registered_is_refused(
    make_decision: Callable[..., Decision], persona: Callable[..., User]
) -> None:
    person = make_decision(5, sign=False).household.members.get().person
    with pytest.raises(DomainError):
        af_status_record(
            person=person,
            registered=False,
            registered_since=None,
            programme="Jobb- och utvecklingsgarantin",
            contact_name="",
            contact_phone="",
            by=persona("caseworker"),
            now=timezone.now(),
        )


def test_the_statuses_of_several_persons_are_each_ones_latest_read_at_once(
    persona: Callable[..., User], django_assert_num_queries: Callable[..., Any]
) -> None:
    people = [
        Person.objects.create(
            identity_number=identity_number(date(1980 + n, 1, 1)),
            birth_date=date(1980 + n, 1, 1),
            first_name=f"P{n}",
            last_name="Test",
        )
        for n in range(3)
    ]
    now = timezone.now()
    for person, hours_ago, programme in (
        (people[0], 5, "Rustning och matchning"),
        (people[0], 1, "Jobb- och utvecklingsgarantin"),  # the latest: this one counts
        (people[1], 2, ""),
    ):
        af_status_record(
            person=person,
            registered=True,
            registered_since=None,
            programme=programme,
            contact_name="",
            contact_phone="",
            by=persona("caseworker"),
            now=now - timedelta(hours=hours_ago),
        )
    source = af_status_source()
    with django_assert_num_queries(1):
        statuses = source.statuses_for([person.pk for person in people])
    assert statuses == {
        person.pk: status
        for person in people
        if (status := source.status_for(person.pk)) is not None
    }
    assert statuses[people[0].pk].programme == "Jobb- och utvecklingsgarantin"
    assert people[2].pk not in statuses
