"""Reads of cooperation: partner organisations, a case's consents and disclosures, the consent
that covers a disclosure, and the persons a partner organisation may see."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.utils import timezone

from bryggan.accounts.models import User
from bryggan.activities.models import ParticipationAbility
from bryggan.casefile.models import Document, JournalNote
from bryggan.cooperation.af_status import AfStatus, af_status_source
from bryggan.cooperation.models import (
    Consent,
    Disclosure,
    InformationKindChoices,
    PartnerContact,
    PartnerOrganisation,
    PartnerUser,
)
from bryggan.cooperation.rules import (
    ConsentTerms,
    InformationKind,
    consent_state,
    covered_kinds,
    covering_consent,
)
from bryggan.decisions.models import Decision
from bryggan.decisions.selectors import decisions_for_household
from bryggan.people.models import Household, HouseholdMember, Person
from bryggan.planning.models import PlanVersion
from bryggan.planning.selectors import latest_version_of_person


def partner_list() -> QuerySet[PartnerOrganisation]:
    return PartnerOrganisation.objects.prefetch_related("contacts").order_by("name")


def partner_active_list() -> QuerySet[PartnerOrganisation]:
    return PartnerOrganisation.objects.filter(active=True).order_by("name")


def partner_get(organisation_id: int) -> PartnerOrganisation | None:
    """An organisation of the register (no case data: the register is the municipality's)."""
    return PartnerOrganisation.objects.filter(pk=organisation_id).first()


def partner_contacts(organisation: PartnerOrganisation) -> QuerySet[PartnerContact]:
    return PartnerContact.objects.filter(organisation=organisation).order_by("name")


def organisation_of_partner(user: User) -> PartnerOrganisation | None:
    link = PartnerUser.objects.select_related("organisation").filter(user_id=user.pk).first()
    return link.organisation if link is not None else None


def consent_terms(consent: Consent) -> ConsentTerms:
    """The consent as the pure rule's values (its organisations prefetched or read here)."""
    withdrawn_on = timezone.localtime(consent.withdrawn_at).date() if consent.withdrawn_at else None
    return ConsentTerms(
        consent_id=consent.pk,
        person_id=consent.person_id,
        organisation_ids=frozenset(o.pk for o in consent.organisations.all()),
        kinds=consent.kinds,
        valid_from=consent.valid_from,
        valid_to=consent.valid_to,
        withdrawn_on=withdrawn_on,
    )


def consents_for_person(person_id: int) -> list[Consent]:
    return list(
        Consent.objects.filter(person_id=person_id)
        .prefetch_related("organisations")
        .select_related("document", "journal_note", "registered_by", "withdrawn_by")
        .order_by("-valid_from", "-id")
    )


@dataclass(frozen=True)
class ConsentRow:
    consent: Consent
    state: str


def consents_for_household(household_id: int, *, today: date) -> list[ConsentRow]:
    """Every consent registered on the case, with where it stands today."""
    consents = (
        Consent.objects.filter(household_id=household_id)
        .prefetch_related("organisations")
        .select_related("person", "document", "journal_note", "registered_by", "withdrawn_by")
        .order_by("-valid_from", "-id")
    )
    return [
        ConsentRow(consent=c, state=consent_state(consent_terms(c), on=today)) for c in consents
    ]


def consent_get_of_household(household_id: int, consent_id: int) -> Consent | None:
    return Consent.objects.filter(household_id=household_id, pk=consent_id).first()


def _terms_for(person_id: int, organisation_id: int | None = None) -> list[ConsentTerms]:
    consents = Consent.objects.filter(person_id=person_id)
    if organisation_id is not None:
        consents = consents.filter(organisations=organisation_id)
    return [consent_terms(c) for c in consents.prefetch_related("organisations")]


def consent_valid_for(
    *, person_id: int, organisation_id: int, kind: InformationKind, on: date
) -> Consent | None:
    """The valid consent that covers organisation, kind and person on the day, or None: the one
    question every disclosure, agenda and placement asks."""
    terms = covering_consent(
        _terms_for(person_id, organisation_id),
        person_id=person_id,
        organisation_id=organisation_id,
        kind=kind,
        on=on,
    )
    return Consent.objects.get(pk=terms.consent_id) if terms is not None else None


def consented_kinds(
    *, person_id: int, organisation_id: int, on: date
) -> frozenset[InformationKind]:
    return covered_kinds(
        _terms_for(person_id, organisation_id),
        person_id=person_id,
        organisation_id=organisation_id,
        on=on,
    )


def covering_consents(
    *, person_id: int, organisation_id: int, kinds: Iterable[InformationKind], on: date
) -> dict[InformationKind, int | None]:
    """For each kind, the id of the consent that covers it (None: missing)."""
    terms = _terms_for(person_id, organisation_id)
    found = {}
    for kind in kinds:
        covering = covering_consent(
            terms, person_id=person_id, organisation_id=organisation_id, kind=kind, on=on
        )
        found[kind] = covering.consent_id if covering is not None else None
    return found


@dataclass(frozen=True)
class PartnerCaseRow:
    person: Person
    household: Household
    kinds: frozenset[InformationKind]
    valid_to: date

    @property
    def kind_labels(self) -> list[str]:
        return [
            str(label) for value, label in InformationKindChoices.choices if value in self.kinds
        ]


def partner_case_rows(organisation: PartnerOrganisation, *, today: date) -> list[PartnerCaseRow]:
    """The persons a valid consent names the organisation for today, with the kinds consented.
    The period is narrowed in the database; the pure rule decides."""
    consents = (
        Consent.objects.filter(
            organisations=organisation, valid_from__lte=today, valid_to__gte=today
        )
        .select_related("person", "household")
        .prefetch_related("organisations")
        .order_by("person__last_name", "person__first_name", "pk")
    )
    rows: dict[int, PartnerCaseRow] = {}
    for consent in consents:
        terms = consent_terms(consent)
        kinds = covered_kinds(
            [terms], person_id=consent.person_id, organisation_id=organisation.pk, on=today
        )
        if not kinds:
            continue
        before = rows.get(consent.person_id)
        rows[consent.person_id] = PartnerCaseRow(
            person=consent.person,
            household=before.household if before else consent.household,
            kinds=kinds | (before.kinds if before else frozenset()),
            valid_to=max(consent.valid_to, before.valid_to) if before else consent.valid_to,
        )
    return list(rows.values())


def disclosures_for_household(household_id: int) -> QuerySet[Disclosure]:
    return (
        Disclosure.objects.filter(household_id=household_id)
        .select_related("organisation", "person", "recipient", "disclosed_by")
        .order_by("-at", "-id")
    )


def members_now(household: Household, *, today: date) -> list[Person]:
    """The case's current adult and child members, whom a consent may concern."""
    members = HouseholdMember.objects.filter(household=household, valid_from__lte=today).exclude(
        valid_to__lt=today
    )
    return [m.person for m in members.select_related("person").order_by("role", "person_id")]


def latest_household_of(person: Person) -> Household | None:
    member = (
        HouseholdMember.objects.filter(person=person)
        .select_related("household")
        .order_by("-valid_from", "-id")
        .first()
    )
    return member.household if member is not None else None


@dataclass(frozen=True)
class SharedInformation:
    """What may go to a partner about a person: each part only when its kind is consented to;
    a part not consented to is None (never read)."""

    person: Person
    household: Household
    kinds: frozenset[InformationKind]
    identity: Person | None = None
    plan: PlanVersion | None = None
    af_status: AfStatus | None = None
    decisions: list[Decision] | None = None
    abilities: list[ParticipationAbility] | None = None

    @property
    def shows_plan(self) -> bool:
        return InformationKind.PLAN in self.kinds


def shared_information(
    person: Person, household: Household, kinds: frozenset[InformationKind]
) -> SharedInformation:
    plan = InformationKind.PLAN in kinds
    return SharedInformation(
        person=person,
        household=household,
        kinds=kinds,
        identity=person if InformationKind.IDENTITY in kinds else None,
        plan=latest_version_of_person(person.pk) if plan else None,
        af_status=af_status_source().status_for(person.pk) if plan else None,
        decisions=list(decisions_for_household(household.pk).order_by("-month")[:6])
        if InformationKind.ECONOMY in kinds
        else None,
        abilities=list(
            ParticipationAbility.objects.filter(person=person).order_by("-assessed_on")[:3]
        )
        if InformationKind.HEALTH in kinds
        else None,
    )


def member_persons(household: Household, *, today: date) -> QuerySet[Person]:
    """The case's current members as a queryset (a form's choices)."""
    return Person.objects.filter(pk__in=[p.pk for p in members_now(household, today=today)])


def documents_of_case(household: Household) -> QuerySet[Document]:
    return Document.objects.filter(household=household, error_marked_at__isnull=True).order_by(
        "-received_on", "-id"
    )


def journal_notes_of_case(household: Household) -> QuerySet[JournalNote]:
    return JournalNote.objects.filter(household=household).order_by("-occurred_at", "-id")


def af_status_of_members(
    household: Household, *, today: date
) -> list[tuple[Person, AfStatus | None]]:
    source = af_status_source()
    members = members_now(household, today=today)
    statuses = source.statuses_for([person.pk for person in members])
    return [(person, statuses.get(person.pk)) for person in members]
