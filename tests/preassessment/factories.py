"""A household ready to renew: last month decided and signed (rent 5 000 kr, salary 3 000 kr),
its applicant able to sign in to My pages; and helpers to renew it."""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from io import BytesIO
from typing import Any

from django.utils import timezone

from bryggan.accounts.models import Unit, User
from bryggan.casefile.models import JournalNoteKind
from bryggan.core.month import Month
from bryggan.decisions.models import Decision
from bryggan.decisions.rules import Outcome
from bryggan.decisions.services import calculation_save, decision_draft_create, decision_sign
from bryggan.intake.models import Channel
from bryggan.intake.services import application_register
from bryggan.mypages.models import OnlineApplication
from bryggan.mypages.rules_apply import LineInput
from bryggan.mypages.services import applicant_user_for
from bryggan.mypages.services_apply import Upload, renewal_start, renewal_submit
from bryggan.people.models import Household, Person
from bryggan.reporting.services import reason_for_need_record
from tests.casefile.factories_journal import make_note
from tests.decisions.conftest import ACCOUNT, CLEARING
from tests.people.factories import person_input

RENT, SALARY = 5000, 3000


@dataclass
class RenewalCase:
    household: Household
    person: Person
    applicant: User
    caseworker: User
    last: Decision
    month: Month  # the month to renew: this month
    extra: dict[str, Any] = field(default_factory=dict)


def this_month() -> Month:
    return Month.of(timezone.localdate())


def make_renewal_case(unit: Unit, caseworker: User, *, serial: int = 1) -> RenewalCase:
    """Last month applied for, calculated, decided and signed, with its reason for need."""
    month = this_month()
    last_month = month.plus(-1)
    now = timezone.now()
    application = application_register(
        unit=unit,
        registered_by=caseworker,
        received_at=now,
        channel=Channel.IN_PERSON,
        month=last_month,
        applicant=person_input(date(1985, 3, 1 + serial % 27), 200 + serial, first="Sara"),
        allow_over_cap=True,
        now=now,
    )
    household = application.household
    # As if the case had opened last month (the service opens it on the day of receipt).
    household.members.update(valid_from=last_month.first_day)
    Household.objects.filter(pk=household.pk).update(opened_on=last_month.first_day)
    person = household.members.get().person
    reason_for_need_record(
        household=household,
        month=last_month,
        person=person,
        code="unemployed_no_benefit",
        by=caseworker,
        now=now,
    )
    calculation = calculation_save(
        household=household,
        document={
            "month": str(last_month),
            "members": [{"id": f"p{person.pk}", "birth_date": person.birth_date.isoformat()}],
            "costs": [{"type": "housing", "amount": RENT}],
            "incomes": [{"type": "employment", "member": f"p{person.pk}", "amount": SALARY}],
        },
        by=caseworker,
    )
    decision = decision_draft_create(
        household=household,
        month=str(last_month),
        kind="livelihood_support",
        outcome=Outcome.GRANTED,
        calculation=calculation,
        amount=calculation.amount,
        deviation_reason="",
        reasons="Hushållet har rätt till bistånd för månaden.",
        documents_checked=["rent_contract"],
        personal_visit_held=True,
        registered_at_af=True,
        clearing=CLEARING,
        account=ACCOUNT,
        by=caseworker,
    )
    decision = decision_sign(decision=decision, by=caseworker, now=now)
    return RenewalCase(
        household=household,
        person=person,
        applicant=applicant_user_for(person),
        caseworker=caseworker,
        last=decision,
        month=month,
    )


def renew(
    case: RenewalCase,
    *,
    changes: dict[str, int] | None = None,
    documents: dict[str, bytes] | None = None,
    household_changed: bool = False,
    key: uuid.UUID | None = None,
    now: datetime | None = None,
    rng: random.Random | None = None,
) -> OnlineApplication:
    """Renew with last month's lines, `changes` by line type (e.g. {"employment": 4200}) and a
    document by line type."""
    start = renewal_start(case.household, month=case.month)
    changes = changes or {}
    lines = [
        LineInput(x.kind, x.type, x.member, changes.get(x.type, x.amount), x.previous, x.note)
        for x in start.lines
    ]
    uploads = {
        position: Upload(BytesIO(content), f"{line.type}.pdf")
        for position, line in enumerate(lines)
        for type_, content in (documents or {}).items()
        if line.type == type_
    }
    return renewal_submit(
        person=case.person,
        user=case.applicant,
        month=case.month,
        lines=lines,
        uploads=uploads,
        household_change_reported=household_changed,
        household_change_text="",
        key=key or uuid.uuid4(),
        now=now or timezone.now(),
        rng=rng or random.Random(1),
    )


def concern_noted(case: RenewalCase) -> None:
    """A concern about a child noted in the case's journal after last month's decision."""
    make_note(
        case.household,
        case.caseworker,
        kind=JournalNoteKind.CONCERN_REPORT,
        text="Orosanmälan gjord om barnet.",
        occurred_at=timezone.now() + timedelta(minutes=1),
        now=timezone.now() + timedelta(minutes=2),
    )
