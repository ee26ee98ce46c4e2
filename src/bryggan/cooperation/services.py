"""Writes of cooperation: the partner register, partner users, consents and their withdrawal, the
disclosure log, Arbetsförmedlingen status. Each call is one transaction with its history row."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import IO

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bryggan.accounts.models import User
from bryggan.accounts.roles import Role
from bryggan.accounts.services import user_create
from bryggan.audit.services import change_record_write
from bryggan.casefile.models import Document, DocumentKind, JournalNote
from bryggan.casefile.services_documents import document_upload, stored_files_removed_on_failure
from bryggan.cooperation import selectors
from bryggan.cooperation.models import (
    AfStatusRecord,
    Consent,
    Disclosure,
    DisclosureChannel,
    InformationKindChoices,
    PartnerContact,
    PartnerOrganisation,
    PartnerUser,
)
from bryggan.cooperation.rules import (
    ENDS_BEFORE_START,
    NO_KIND,
    NO_ORGANISATION,
    ConsentRuleError,
    GivenHow,
    InformationKind,
    OrganisationKind,
    check_consent_terms,
    default_valid_to,
)
from bryggan.cooperation.signals import consent_withdrawn
from bryggan.core.errors import DomainError
from bryggan.people.models import Household, HouseholdMember, Person

RULE_MESSAGES = {
    ENDS_BEFORE_START: _("The consent cannot end before it starts."),
    NO_ORGANISATION: _("Choose at least one organisation."),
    NO_KIND: _("Choose at least one kind of information."),
}
NOT_A_MEMBER = _("The person is not a member of this case.")
FORM_MISSING = _("A consent on a signed form needs the signed form: upload it or choose it.")
FORM_OF_OTHER_CASE = _("The signed form must be a document of this case.")
NOTE_MISSING = _("An oral consent needs the journal note that records it.")
NOTE_OF_OTHER_CASE = _("The journal note must be a note of this case.")
ALREADY_WITHDRAWN = _("The consent is already withdrawn.")
SINCE_NOT_REGISTERED = _("Give a date or programme only for a person who is registered.")
NO_CONSENT = _(
    "Nothing was shown or sent: no valid consent lets %(organisation)s receive %(kinds)s about "
    "this person. Register the person's consent first."
)
PARTNER_NAME_TAKEN = _("There is already an organisation with this name.")


class ConsentMissing(DomainError):
    """No valid consent covers the organisation and these kinds: nothing is disclosed."""

    def __init__(self, organisation: PartnerOrganisation, kinds: Iterable[InformationKind]):
        self.organisation = organisation
        self.kinds = frozenset(kinds)
        labels = dict(InformationKindChoices.choices)
        named = ", ".join(str(labels[k.value]) for k in InformationKind if k in self.kinds)
        super().__init__(
            str(NO_CONSENT) % {"organisation": organisation.name, "kinds": named.lower()}
        )


def _partner_fields(organisation: PartnerOrganisation) -> dict[str, object]:
    return {
        "name": organisation.name,
        "kind": organisation.kind,
        "organisation_number": organisation.organisation_number,
        "address": organisation.address,
        "active": organisation.active,
    }


@transaction.atomic
def partner_organisation_create(
    *,
    name: str,
    kind: OrganisationKind,
    organisation_number: str = "",
    address: str = "",
    by: User | None,
) -> PartnerOrganisation:
    if PartnerOrganisation.objects.filter(name__iexact=name.strip()).exists():
        raise DomainError(PARTNER_NAME_TAKEN, field="name")
    organisation = PartnerOrganisation.objects.create(
        name=name.strip(),
        kind=kind.value,
        organisation_number=organisation_number,
        address=address,
    )
    change_record_write(
        user=by,
        case_id=None,
        object_type="partner_organisation",
        object_id=organisation.pk,
        action="created",
        changes=_partner_fields(organisation),
    )
    return organisation


@transaction.atomic
def partner_organisation_update(
    *,
    organisation: PartnerOrganisation,
    name: str,
    kind: OrganisationKind,
    organisation_number: str,
    address: str,
    active: bool,
    by: User,
) -> PartnerOrganisation:
    if (
        PartnerOrganisation.objects.filter(name__iexact=name.strip())
        .exclude(pk=organisation.pk)
        .exists()
    ):
        raise DomainError(PARTNER_NAME_TAKEN, field="name")
    organisation.name = name.strip()
    organisation.kind = kind.value
    organisation.organisation_number = organisation_number
    organisation.address = address
    organisation.active = active
    organisation.save(update_fields=["name", "kind", "organisation_number", "address", "active"])
    change_record_write(
        user=by,
        case_id=None,
        object_type="partner_organisation",
        object_id=organisation.pk,
        action="changed",
        changes=_partner_fields(organisation),
    )
    return organisation


@transaction.atomic
def partner_contact_create(
    *,
    organisation: PartnerOrganisation,
    name: str,
    title: str = "",
    phone: str = "",
    email: str = "",
    by: User | None,
) -> PartnerContact:
    contact = PartnerContact.objects.create(
        organisation=organisation, name=name, title=title, phone=phone, email=email
    )
    change_record_write(
        user=by,
        case_id=None,
        object_type="partner_contact",
        object_id=contact.pk,
        action="created",
        changes={"organisation": organisation.pk, "name": name, "title": title},
    )
    return contact


@transaction.atomic
def partner_user_create(
    *,
    username: str,
    organisation: PartnerOrganisation,
    first_name: str,
    last_name: str,
    password: str | None = None,
    password_hash: str = "",
    by: User | None,
) -> User:
    """A user of role partner, tied to one organisation (`password_hash` as `user_create`)."""
    user = user_create(
        username=username,
        role=Role.PARTNER,
        unit=None,
        first_name=first_name,
        last_name=last_name,
        password=password,
        password_hash=password_hash,
    )
    link = PartnerUser.objects.create(user=user, organisation=organisation)
    change_record_write(
        user=by,
        case_id=None,
        object_type="partner_user",
        object_id=link.pk,
        action="created",
        changes={"user": user.pk, "organisation": organisation.pk},
    )
    return user


@transaction.atomic
def partner_user_active_set(*, link: PartnerUser, active: bool, by: User) -> bool:
    """Turn a partner officer's sign-in off (they left, or the organisation asks) or on again.

    Off takes effect on their next request: an inactive user's session no longer signs them in
    (Django's ModelBackend) and a new sign-in is refused. Nothing of theirs is removed: what they
    were shown stays recorded as disclosures. False when the sign-in already was so (nothing
    written); else the change is recorded.
    """
    user = User.objects.select_for_update().get(pk=link.user_id)
    if user.is_active == active:
        return False
    user.is_active = active
    user.save(update_fields=["is_active"])
    change_record_write(
        user=by,
        case_id=None,
        object_type="partner_user",
        object_id=link.pk,
        action="reactivated" if active else "deactivated",
        changes={"user": user.pk, "is_active": active},
    )
    return True


def _check_proof(
    *,
    household: Household,
    given_how: GivenHow,
    document: Document | None,
    journal_note: JournalNote | None,
) -> None:
    if given_how is GivenHow.SIGNED_FORM:
        if document is None:
            raise DomainError(FORM_MISSING, field="document")
        if document.household_id != household.pk:
            raise DomainError(FORM_OF_OTHER_CASE, field="document")
    if given_how is GivenHow.ORAL:
        if journal_note is None:
            raise DomainError(NOTE_MISSING, field="journal_note")
        if journal_note.household_id != household.pk:
            raise DomainError(NOTE_OF_OTHER_CASE, field="journal_note")


def consent_register(
    *,
    household: Household,
    person: Person,
    organisations: Iterable[PartnerOrganisation],
    kinds: Iterable[InformationKind],
    valid_from: date,
    valid_to: date | None,
    given_how: GivenHow,
    document: Document | None = None,
    signed_form: IO[bytes] | None = None,
    signed_form_name: str = "",
    journal_note: JournalNote | None = None,
    by: User,
    now: datetime,
) -> Consent:
    """Register a person's consent. Without an end date it lasts the municipality's default
    (`BRYGGAN_CONSENT_DEFAULT_MONTHS`). A signed form may be uploaded here: it is filed among the
    case's documents in the same transaction.

    Source: OSL (2009:400) 12 kap. 2 § (the person may lift secrecy, wholly or in part).
    """
    chosen = list(organisations)
    chosen_kinds = frozenset(kinds)
    end = valid_to or default_valid_to(valid_from, settings.BRYGGAN_CONSENT_DEFAULT_MONTHS)
    try:
        check_consent_terms(
            valid_from=valid_from,
            valid_to=end,
            organisation_count=len(chosen),
            kind_count=len(chosen_kinds),
        )
    except ConsentRuleError as error:
        raise DomainError(RULE_MESSAGES[error.code], field=error.field) from error
    if not HouseholdMember.objects.filter(household=household, person=person).exists():
        raise DomainError(NOT_A_MEMBER, field="person")
    with stored_files_removed_on_failure(), transaction.atomic():
        if given_how is GivenHow.SIGNED_FORM and signed_form is not None:
            document = document_upload(
                household=household,
                file=signed_form,
                name=signed_form_name or "samtycke.pdf",
                kind=DocumentKind.OTHER.value,
                received_on=min(valid_from, timezone.localdate(now)),
                sender=str(person),
                from_month=None,
                to_month=None,
                member=person,
                by=by,
                now=now,
            )
        _check_proof(
            household=household, given_how=given_how, document=document, journal_note=journal_note
        )
        consent = Consent.objects.create(
            person=person,
            household=household,
            valid_from=valid_from,
            valid_to=end,
            given_how=given_how.value,
            document=document if given_how is GivenHow.SIGNED_FORM else None,
            journal_note=journal_note if given_how is GivenHow.ORAL else None,
            registered_by=by,
            registered_at=now,
            **{f"covers_{kind.value}": True for kind in chosen_kinds},
        )
        consent.organisations.set(chosen)
        change_record_write(
            user=by,
            case_id=household.pk,
            object_type="consent",
            object_id=consent.pk,
            action="registered",
            changes={
                "person": person.pk,
                "organisations": sorted(o.pk for o in chosen),
                "kinds": sorted(k.value for k in chosen_kinds),
                "valid_from": valid_from.isoformat(),
                "valid_to": end.isoformat(),
                "given_how": given_how.value,
                "document": consent.document_id,
                "journal_note": consent.journal_note_id,
            },
        )
    return consent


@transaction.atomic
def consent_withdraw(*, consent: Consent, note: str, by: User, now: datetime) -> Consent:
    """The person withdraws the consent: effective at once, nothing more goes out on it."""
    locked = Consent.objects.select_for_update().get(pk=consent.pk)
    if locked.withdrawn_at is not None:
        raise DomainError(ALREADY_WITHDRAWN)
    locked.withdrawn_at = now
    locked.withdrawn_by = by
    locked.withdrawal_note = note
    locked.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_note"])
    change_record_write(
        user=by,
        case_id=locked.household_id,
        object_type="consent",
        object_id=locked.pk,
        action="withdrawn",
        changes={"withdrawn_at": now.isoformat(), "note": note},
    )
    # In this transaction: the case leaves the agendas of review meetings not yet held.
    consent_withdrawn.send(sender=Consent, consent=locked, by=by, now=now)
    return locked


@transaction.atomic
def disclosure_record(
    *,
    person: Person,
    household: Household,
    organisation: PartnerOrganisation,
    kinds: Iterable[InformationKind],
    channel: DisclosureChannel,
    recipient: User | None = None,
    recipient_name: str = "",
    by: User | None,
    now: datetime,
) -> list[Disclosure]:
    """Record that information of `kinds` about the person went to the organisation, each kind on
    the consent that covers it. Raises `ConsentMissing` (and records nothing) when any kind is
    not covered on the day: the caller then shows or sends nothing.

    Source: OSL (2009:400) 26 kap. 1 §, 12 kap. 2 §.
    """
    asked = [k for k in InformationKind if k in frozenset(kinds)]
    covering = selectors.covering_consents(
        person_id=person.pk,
        organisation_id=organisation.pk,
        kinds=asked,
        on=timezone.localdate(now),
    )
    missing = [kind for kind, consent_id in covering.items() if consent_id is None]
    if missing:
        raise ConsentMissing(organisation, missing)
    made = [
        Disclosure.objects.create(
            consent_id=covering[kind],
            organisation=organisation,
            person=person,
            household=household,
            kind=kind.value,
            channel=channel.value,
            recipient=recipient,
            recipient_name=recipient_name,
            disclosed_by=by,
            at=now,
        )
        for kind in asked
    ]
    change_record_write(
        user=by or recipient,
        case_id=household.pk,
        object_type="disclosure",
        object_id=made[0].pk if made else "",
        action="recorded",
        changes={
            "organisation": organisation.pk,
            "person": person.pk,
            "kinds": [k.value for k in asked],
            "channel": channel.value,
            "consents": sorted({covering[k] for k in asked}),  # type: ignore[type-var]
        },
    )
    return made


@transaction.atomic
def af_status_record(
    *,
    person: Person,
    registered: bool,
    registered_since: date | None,
    programme: str,
    contact_name: str,
    contact_phone: str,
    source: str = "manual",
    by: User | None,
    now: datetime,
    case_id: int | None = None,
) -> AfStatusRecord:
    """Record the person's status at Arbetsförmedlingen, by hand or from an integration.

    Source: SoL (2025:400) 15 kap. 11 §.
    """
    if not registered and (registered_since is not None or programme):
        raise DomainError(SINCE_NOT_REGISTERED, field="registered")
    record = AfStatusRecord.objects.create(
        person=person,
        registered=registered,
        registered_since=registered_since,
        programme=programme,
        contact_name=contact_name,
        contact_phone=contact_phone,
        source=source,
        recorded_by=by,
        recorded_at=now,
    )
    change_record_write(
        user=by,
        case_id=case_id,
        object_type="af_status",
        object_id=record.pk,
        action="recorded",
        changes={
            "person": person.pk,
            "registered": registered,
            "registered_since": registered_since.isoformat() if registered_since else None,
            "programme": programme,
            "source": source,
        },
    )
    return record
