"""The demo's applicants on My pages (*Mina sidor*): a few active cases of the first unit whose
applicant has a signed decision get an account, contact details for notices, requests for
documents (one answered with a made-up payslip, one open, one overdue) and, where the month's
application is still undecided, a preliminary reply. Decisions and payments come from the demo's
history. Everything through the services; made-up texts; deterministic for `now`.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from io import BytesIO

from django.utils import timezone

from bryggan.accounts.models import Unit, User
from bryggan.casefile.selectors_requests import application_replies
from bryggan.casefile.services_requests import (
    document_request_answer,
    document_request_create,
    preliminary_reply_give,
)
from bryggan.core.month import Month
from bryggan.decisions.models import DecisionStatus
from bryggan.demo.documents import _pdf
from bryggan.intake.models import Channel
from bryggan.intake.services import application_register
from bryggan.mypages.models import ContactDetails, NoticeChannel
from bryggan.mypages.services import applicant_user_for
from bryggan.people.models import Household, HouseholdStatus, MemberRole, Person
from bryggan.people.rules import parse_identity_number
from bryggan.people.services import PersonInput

APPLICANTS = 3
# (kind, what is asked for, asked how many days ago, last day in days from then, answered)
REQUESTS = (
    ("payslip", "Lönespecifikation för förra månaden", 3, 10, True),
    ("bank_statement", "Kontoutdrag för de tre senaste månaderna", 1, 10, False),
    ("rent_contract", "Hyresavi för den här månaden", 21, 14, False),  # overdue
)
REPLY_REASONS = (
    "Vi väntar på besked från Försäkringskassan om bostadsbidrag.",
    "Vi behöver ett kontoutdrag innan vi kan räkna på din ansökan.",
)


def _renewal(household: Household, person: Person, caseworker: User, *, now: datetime) -> None:
    """Next month's application, received 16 days ago (past the unit's target), not decided."""
    received_at = now - timedelta(days=16)
    month = Month.of(timezone.localdate(now)).plus(1)
    if household.applications.filter(month=str(month)).exists():
        return
    application_register(
        unit=household.unit,
        registered_by=caseworker,
        received_at=received_at,
        channel=Channel.E_SERVICE,
        month=month,
        applicant=PersonInput(
            identity=parse_identity_number(person.identity_number, today=received_at.date()),
            first_name=person.first_name,
            last_name=person.last_name,
            address=person.address,
        ),
        now=now,
    )


def demo_mypages(*, units: list[Unit], now: datetime, rng: random.Random) -> int:
    """My pages for a few applicants of the first unit; returns how many applicants."""
    if not units:
        return 0
    today = timezone.localdate(now)
    cases = list(
        Household.objects.filter(
            unit=units[0],
            status=HouseholdStatus.ACTIVE,
            decisions__status=DecisionStatus.SIGNED,
            members__role=MemberRole.APPLICANT,
            members__valid_to__isnull=True,
            members__person__protected_identity=False,
        )
        .exclude(caseworker=None)
        .select_related("caseworker")
        .distinct()
        .order_by("pk")[:APPLICANTS]
    )
    for n, household in enumerate(cases):
        person = household.members.get(role=MemberRole.APPLICANT, valid_to__isnull=True).person
        user = applicant_user_for(person)
        caseworker = household.caseworker
        assert caseworker is not None  # noqa: S101 (excluded above)
        for kind, what, days_ago, days_to_answer, answered in REQUESTS:
            asked_on = today - timedelta(days=days_ago)
            request = document_request_create(
                household=household,
                kind=kind,
                what=what,
                last_day=asked_on + timedelta(days=days_to_answer + rng.randint(0, 2)),
                month=Month.of(today),
                by=caseworker,
                today=asked_on,
            )
            if answered:  # sent on My pages
                document_request_answer(
                    request=request,
                    file=BytesIO(_pdf([what, "Lagret i Norr AB", "Nettolön 4 850 kr"])),
                    name="lonespecifikation.pdf",
                    by=user,
                    now=now,
                )
        if n == 0:  # next month's renewal came in weeks ago and waits for a document
            _renewal(household, person, caseworker, now=now)
        undecided = next(
            (row for row in application_replies(household.pk, today=today) if not row.decided),
            None,
        )
        if undecided is not None:
            preliminary_reply_give(
                household=household,
                application=undecided.application,
                reason=REPLY_REASONS[n % len(REPLY_REASONS)],
                decision_by=today + timedelta(days=10),
                decided=False,
                by=caseworker,
                today=today,
            )
        # Contact details last, so that making the demo sends no notices.
        ContactDetails.objects.update_or_create(
            person=person,
            defaults={"email": f"sokande{n + 1}@example.org", "notify_by": NoticeChannel.EMAIL},
        )
    return len(cases)
