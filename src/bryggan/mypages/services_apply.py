"""Applying online: a first application and the monthly renewal, each registered through the
intake's own service (`intake.services.application_register`: the same rules, the same first
meeting within two working days), with the documents kept in the case file through
`casefile.services_documents.document_upload` (type from the bytes, size), a preliminary
calculation from the same engine, and for a renewal the pre-assessment at once.

A submission carries a key made when the form was shown: sent twice, it makes one application.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import IO, Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from bryggan.accounts.models import Unit, User
from bryggan.audit.services import change_record_write
from bryggan.casefile.services_documents import document_upload, stored_files_removed_on_failure
from bryggan.core.errors import DomainError
from bryggan.core.month import Month
from bryggan.decisions.rules import consecutive_months_before
from bryggan.decisions.selectors import months_applied_for
from bryggan.decisions.services import calculation_run
from bryggan.intake.models import Application, Channel
from bryggan.intake.services import application_register
from bryggan.mypages import selectors_apply as selectors
from bryggan.mypages.models import (
    ApplicationLine,
    OnlineApplication,
    OnlineApplicationKind,
)
from bryggan.mypages.rules_apply import (
    ALREADY_APPLIED,
    LineInput,
    calculation_input,
    document_kind_for,
    lines_from_input,
)
from bryggan.people.models import Household, Person
from bryggan.people.rules import parse_identity_number
from bryggan.people.services import PersonInput
from bryggan.preassessment.services import proposals_create

NO_CASE = "no_case"


@dataclass(frozen=True, slots=True)
class Upload:
    """A file the applicant chose for one line (by the line's position)."""

    file: IO[bytes]
    name: str


@dataclass(frozen=True, slots=True)
class RenewalStart:
    """What the renewal form starts from: last month's decision and its lines."""

    household: Household
    previous: Any  # decisions.Decision | None
    lines: list[LineInput]
    names: dict[str, str]


def renewal_start(household: Household, *, month: Month) -> RenewalStart:
    previous = selectors.last_decision(household, before=str(month))
    lines = lines_from_input(previous.calculation.input) if previous else []
    return RenewalStart(household, previous, lines, selectors.member_names(household))


def preliminary_amount(document: Mapping[str, Any], household: Household) -> int | None:
    """The engine's amount for the input, or None when it cannot be calculated yet (no norm)."""
    try:
        return calculation_run(document=document, household=household).amount
    except DomainError:
        return None


def _person_input(person: Person) -> PersonInput:
    identity = parse_identity_number(person.identity_number, today=timezone.localdate())
    return PersonInput(
        identity=identity,
        first_name=person.first_name,
        last_name=person.last_name,
        protected_identity=person.protected_identity,
        address=person.address,
    )


def _register(
    *,
    unit: Unit,
    user: User,
    month: Month,
    applicant: PersonInput,
    co_applicant: PersonInput | None = None,
    children: list[PersonInput] | None = None,
    now: datetime,
) -> Application:
    return application_register(
        unit=unit,
        registered_by=user,
        received_at=now,
        channel=Channel.E_SERVICE,
        month=month,
        applicant=applicant,
        co_applicant=co_applicant,
        children=children,
        # The applicant cannot confirm a caseload warning: the unit's least loaded caseworker
        # takes the case, as intake's confirmation would allow.
        allow_over_cap=True,
        now=now,
    )


def _store_lines(
    *,
    online: OnlineApplication,
    lines: Sequence[LineInput],
    uploads: Mapping[int, Upload],
    person: Person,
    user: User,
    month: Month,
    now: datetime,
) -> None:
    rows = []
    for position, line in enumerate(lines):
        document = None
        upload = uploads.get(position)
        if upload is not None:
            try:
                document = document_upload(
                    household=online.household,
                    file=upload.file,
                    name=upload.name,
                    kind=document_kind_for(line),
                    received_on=timezone.localdate(now),
                    sender=f"{person.first_name} {person.last_name}",
                    from_month=month,
                    to_month=month,
                    member=None,
                    by=user,
                    now=now,
                )
            except DomainError as error:
                raise DomainError(error.message, field=f"line_{position}_file") from error
        if line.amount == 0 and line.previous is None and document is None:
            continue
        rows.append(
            ApplicationLine(
                online_application=online,
                position=position,
                kind=line.kind,
                type=line.type,
                member=line.member,
                amount=line.amount,
                previous_amount=line.previous,
                note=line.note,
                document=document,
            )
        )
    ApplicationLine.objects.bulk_create(rows)


def renewal_submit(
    *,
    person: Person,
    user: User,
    month: Month,
    lines: Sequence[LineInput],
    uploads: Mapping[int, Upload],
    household_change_reported: bool,
    household_change_text: str,
    key: uuid.UUID,
    now: datetime,
    rng: random.Random | None = None,
) -> OnlineApplication:
    """Register the renewal, keep its documents and lines, and pre-assess it, all or nothing.

    Sent again with the same key, the first submission is returned. DomainError names the field
    (`month`, `line_<n>_file`)."""
    existing = selectors.online_application_by_key(key)
    if existing is not None:
        return existing
    household = selectors.active_household(person)
    if household is None:
        raise DomainError(NO_CASE)
    if selectors.has_applied_for(household, str(month)):
        raise DomainError(str(ALREADY_APPLIED) % {"month": month}, field="month")
    start = renewal_start(household, month=month)
    members, cohabiting = selectors.members_for_calculation(household)
    document = calculation_input(
        month=month,
        members=members,
        cohabiting=cohabiting,
        lines=lines,
        consecutive_months=consecutive_months_before(month, months_applied_for(household)),
        previous=start.previous.calculation.input if start.previous else None,
    )
    try:
        with stored_files_removed_on_failure(), transaction.atomic():
            application = _register(
                unit=household.unit,
                user=user,
                month=month,
                applicant=_person_input(person),
                now=now,
            )
            online = OnlineApplication.objects.create(
                application=application,
                household=household,
                kind=OnlineApplicationKind.RENEWAL,
                month=str(month),
                submitted_at=now,
                submitted_by=user,
                idempotency_key=key,
                previous_decision=start.previous,
                household_change_reported=household_change_reported,
                household_change_text=household_change_text.strip(),
                calculation_input=document,
                preliminary_amount=preliminary_amount(document, household),
            )
            _store_lines(
                online=online,
                lines=lines,
                uploads=uploads,
                person=person,
                user=user,
                month=month,
                now=now,
            )
            change_record_write(
                user=user,
                case_id=household.pk,
                object_type="online_application",
                object_id=online.pk,
                action="submitted",
                changes={
                    "kind": online.kind,
                    "month": online.month,
                    "preliminary_amount": online.preliminary_amount,
                },
            )
            proposals_create(online_applications=[online], now=now, rng=rng)
    except IntegrityError as error:
        # The same key sent twice at once: the other request made the application.
        again = selectors.online_application_by_key(key)
        if again is not None:
            return again
        raise DomainError(str(ALREADY_APPLIED) % {"month": month}, field="month") from error
    return online


def first_application_submit(
    *,
    person: Person,
    user: User,
    month: Month,
    co_applicant: PersonInput | None,
    children: list[PersonInput],
    lines: Sequence[LineInput],
    key: uuid.UUID,
    now: datetime,
) -> OnlineApplication:
    """Register a first application as the intake does (the household, a caseworker under the
    cap, the first meeting within two working days) and keep what the applicant told."""
    existing = selectors.online_application_by_key(key)
    if existing is not None:
        return existing
    unit = selectors.unit_for_new_applicant(person)
    if unit is None:
        raise DomainError(NO_CASE)
    try:
        with transaction.atomic():
            application = _register(
                unit=unit,
                user=user,
                month=month,
                applicant=_person_input(person),
                co_applicant=co_applicant,
                children=children,
                now=now,
            )
            household = application.household
            members, cohabiting = selectors.members_for_calculation(household)
            document = calculation_input(
                month=month,
                members=members,
                cohabiting=cohabiting,
                lines=lines,
                consecutive_months=0,
                previous=None,
            )
            online = OnlineApplication.objects.create(
                application=application,
                household=household,
                kind=OnlineApplicationKind.FIRST,
                month=str(month),
                submitted_at=now,
                submitted_by=user,
                idempotency_key=key,
                calculation_input=document,
                preliminary_amount=preliminary_amount(document, household),
            )
            _store_lines(
                online=online,
                lines=lines,
                uploads={},
                person=person,
                user=user,
                month=month,
                now=now,
            )
            change_record_write(
                user=user,
                case_id=household.pk,
                object_type="online_application",
                object_id=online.pk,
                action="submitted",
                changes={"kind": online.kind, "month": online.month},
            )
    except IntegrityError as error:
        again = selectors.online_application_by_key(key)
        if again is not None:
            return again
        raise DomainError(str(ALREADY_APPLIED) % {"month": month}, field="month") from error
    return online
