"""Reads for retention: the facts of every case file that the rule needs, and the research sample.

`retention_verdicts` gathers, for every household, the days anything was written into its file
(`casefile/rules_retention.py` defines "the last entry") and its members' birth dates and other
files, and asks the pure rule for a verdict. A handful of grouped queries whatever the number of
files.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.db.models import Max
from django.utils import timezone

from bryggan.audit.models import ChangeRecord
from bryggan.casefile.models import Document, JournalNote
from bryggan.casefile.rules_retention import (
    FileFacts,
    ResearchSample,
    RetentionVerdict,
    last_entry_of,
    retention_verdict,
)
from bryggan.people.models import Household, HouseholdMember, HouseholdStatus
from bryggan.retention.models import (
    ResearchBirthDay,
    ResearchSampleArea,
    RetentionProtocol,
    RetentionProtocolRow,
)


@dataclass(frozen=True, slots=True)
class FileVerdict:
    """A verdict with what the list shows of the file: its number and unit."""

    verdict: RetentionVerdict
    case_number: str
    unit_name: str


def municipality_code() -> str:
    return str(settings.BRYGGAN_MUNICIPALITY["code"])


def research_sample(*, municipality: str) -> ResearchSample:
    """The research exception as the administrator set it, for `municipality` (SCB code)."""
    codes = set(ResearchSampleArea.objects.values_list("code", flat=True))
    return ResearchSample(
        birth_days=frozenset(ResearchBirthDay.objects.values_list("day", flat=True)),
        municipality_in_sample=municipality in codes or municipality[:2] in codes,
    )


def _local_day(value: datetime | None) -> date | None:
    return None if value is None else timezone.localdate(value)


def _latest_by_case(rows: list[tuple[int | None, datetime | None]]) -> dict[int, date]:
    return {case_id: day for case_id, at in rows if case_id is not None and (day := _local_day(at))}


def case_file_facts() -> list[tuple[FileFacts, Household]]:
    """Every household's file as the rule sees it, with the household for the list."""
    households = list(Household.objects.select_related("unit").order_by("id"))
    history = _latest_by_case(
        list(
            ChangeRecord.objects.filter(case_id__isnull=False)
            .values("case_id")
            .annotate(last=Max("at"))
            .values_list("case_id", "last")
        )
    )
    notes = _latest_by_case(
        list(
            JournalNote.objects.values("household_id")
            .annotate(last=Max("created_at"))
            .values_list("household_id", "last")
        )
    )
    documents = _latest_by_case(
        list(
            Document.objects.values("household_id")
            .annotate(last=Max("uploaded_at"))
            .values_list("household_id", "last")
        )
    )
    members: dict[int, list[tuple[int, date]]] = defaultdict(list)
    files_of_person: dict[int, set[int]] = defaultdict(set)
    for household_id, person_id, born in HouseholdMember.objects.values_list(
        "household_id", "person_id", "person__birth_date"
    ):
        members[household_id].append((person_id, born))
        files_of_person[person_id].add(household_id)
    last_entry: dict[int, date] = {}
    is_open: dict[int, bool] = {}
    for household in households:
        days = [household.opened_on]
        days += [d for d in (household.closed_on,) if d is not None]
        days += [
            d
            for d in (
                history.get(household.pk),
                notes.get(household.pk),
                documents.get(household.pk),
            )
            if d is not None
        ]
        last_entry[household.pk] = last_entry_of(days)
        is_open[household.pk] = household.status != HouseholdStatus.CLOSED
    facts = []
    for household in households:
        linked = {
            other
            for person_id, _born in members[household.pk]
            for other in files_of_person[person_id]
            if other != household.pk
        }
        facts.append(
            (
                FileFacts(
                    case_id=household.pk,
                    is_open=is_open[household.pk],
                    last_entry=last_entry[household.pk],
                    member_birth_dates=tuple(born for _person, born in members[household.pk]),
                    linked_open=any(is_open[other] for other in linked),
                    linked_last_entry=max((last_entry[o] for o in linked), default=None),
                ),
                household,
            )
        )
    return facts


def retention_verdicts(*, today: date, municipality: str | None = None) -> list[FileVerdict]:
    """The rule's verdict on every case file on `today`, oldest last entry first."""
    sample = research_sample(municipality=municipality or municipality_code())
    verdicts = [
        FileVerdict(
            verdict=retention_verdict(facts, sample=sample, today=today),
            case_number=household.case_number,
            unit_name=household.unit.name,
        )
        for facts, household in case_file_facts()
    ]
    return sorted(verdicts, key=lambda v: (v.verdict.last_entry, v.verdict.case_id))


def retention_due(*, today: date, municipality: str | None = None) -> list[FileVerdict]:
    """The files the rule says must go on `today`."""
    return [v for v in retention_verdicts(today=today, municipality=municipality) if v.verdict.due]


def protocol_rows(protocol: RetentionProtocol) -> list[RetentionProtocolRow]:
    return list(RetentionProtocolRow.objects.filter(protocol=protocol).order_by("id"))
