"""The demo's journal and case discussions: a few signed notes on some active cases of each unit
(not all, to keep `make demo` fast), one correction and one objection, a requested and a held
case discussion per unit. All through the services.

Deterministic for a given random generator and `now`.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from bryggan.accounts.models import Unit, User
from bryggan.accounts.roles import Role
from bryggan.casefile.models import JournalNoteKind, ObjectionHow
from bryggan.casefile.services_journal import (
    case_discussion_hold,
    case_discussion_request,
    journal_note_correct,
    journal_note_create,
    journal_note_sign,
    journal_note_update,
    note_objection_record,
)
from bryggan.people.models import Household, HouseholdStatus

CASES_PER_UNIT = 12
NOTES = (
    (JournalNoteKind.VISIT, "Besök på kontoret. Gick igenom ansökan och hyreskontraktet."),
    (JournalNoteKind.PHONE_CALL, "Klienten ringde och frågade när utbetalningen kommer."),
    (JournalNoteKind.MEETING, "Trepartsmöte med arbetslivscoach: planen för praktik diskuterades."),
    (
        JournalNoteKind.LETTER_OR_EMAIL,
        "Begäran om kontoutdrag för de tre senaste månaderna skickad.",
    ),
    (JournalNoteKind.HOME_VISIT, "Hembesök: bostaden motsvarar uppgifterna i ansökan."),
)


def generate_journal(*, units: list[Unit], now: datetime, rng: random.Random) -> int:
    """Notes and case discussions for each unit; returns the number of notes."""
    notes = 0
    for unit in units:
        manager = User.objects.filter(unit=unit, role=Role.UNIT_MANAGER).order_by("pk").first()
        cases = list(
            Household.objects.filter(
                unit=unit, status=HouseholdStatus.ACTIVE, caseworker__isnull=False
            )
            .select_related("caseworker")
            .order_by("pk")[:CASES_PER_UNIT]
        )
        for index, household in enumerate(cases):
            author: User = household.caseworker  # type: ignore[assignment]  # filtered above
            written = []
            for kind, text in rng.sample(NOTES, k=3):
                at = now - timedelta(days=rng.randint(2, 120), hours=rng.randint(0, 6))
                note = journal_note_create(
                    household=household, author=author, kind=kind, occurred_at=at, text=text, now=at
                )
                written.append(journal_note_sign(note=note, by=author, now=at + timedelta(hours=1)))
                notes += 1
            if index == 0:
                first = min(written, key=lambda n: n.occurred_at)
                correction = journal_note_correct(
                    household=household, note=first, by=author, now=now - timedelta(days=1)
                )
                journal_note_update(
                    note=correction,
                    by=author,
                    kind=JournalNoteKind(first.kind),
                    occurred_at=first.occurred_at,
                    text=f"{first.text} Rättelse: besöket gällde även sambon.",
                    member=None,
                    now=now - timedelta(days=1),
                )
                journal_note_sign(note=correction, by=author, now=now - timedelta(days=1))
                note_objection_record(
                    note=first,
                    received_on=(now - timedelta(days=1)).date(),
                    how=ObjectionHow.WRITTEN,
                    text="Jag har aldrig sagt att jag tackat nej till praktiken.",
                    by=author,
                    now=now - timedelta(days=1),
                )
                notes += 1
            if manager is not None and index in (1, 2):
                discussion = case_discussion_request(
                    household=household,
                    by=author,
                    question="Långvarigt bistånd: ska vi pröva en annan insats eller utredning av "
                    "arbetsförmågan?",
                    now=now - timedelta(days=5),
                )
                if index == 1:
                    case_discussion_hold(
                        discussion=discussion,
                        by=manager,
                        outcome="Beslut i ärendedragning: remiss till arbetsförmågebedömning; "
                        "uppföljning om en månad.",
                        now=now - timedelta(days=3),
                    )
                    notes += 1
    return notes
