"""A person's status at Arbetsförmedlingen behind one interface: entered by hand today, filled by
an integration later.

An integration implements `AfStatusSource` and records what it reads with
`services.af_status_record(..., source="<its name>")`; every page reads the status through
`af_status_source()` and never needs to know where it came from.

Source: SoL (2025:400) 15 kap. 11 § (the board may obtain information about individuals from
Arbetsförmedlingen).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from bryggan.cooperation.models import AfStatusRecord


@dataclass(frozen=True, slots=True)
class AfStatus:
    registered: bool
    registered_since: date | None
    programme: str
    contact_name: str
    contact_phone: str
    source: str
    recorded_at: datetime


class AfStatusSource(Protocol):
    def status_for(self, person_id: int) -> AfStatus | None:
        """The person's current status, or None when nothing is known."""

    def statuses_for(self, person_ids: Collection[int]) -> dict[int, AfStatus]:
        """The current status of each person of whom something is known (a household's
        members at once)."""


class RecordedAfStatus:
    """The status last recorded for the person, by hand or by an integration."""

    def status_for(self, person_id: int) -> AfStatus | None:
        record = (
            AfStatusRecord.objects.filter(person_id=person_id)
            .order_by("-recorded_at", "-id")
            .first()
        )
        return None if record is None else _status(record)

    def statuses_for(self, person_ids: Collection[int]) -> dict[int, AfStatus]:
        """In one query: each person's records, the latest first, of which the first is kept."""
        statuses: dict[int, AfStatus] = {}
        records = AfStatusRecord.objects.filter(person_id__in=list(person_ids)).order_by(
            "person_id", "-recorded_at", "-id"
        )
        for record in records:
            if record.person_id not in statuses:
                statuses[record.person_id] = _status(record)
        return statuses


def _status(record: AfStatusRecord) -> AfStatus:
    return AfStatus(
        registered=record.registered,
        registered_since=record.registered_since,
        programme=record.programme,
        contact_name=record.contact_name,
        contact_phone=record.contact_phone,
        source=record.source,
        recorded_at=record.recorded_at,
    )


def af_status_source() -> AfStatusSource:
    """The one source the pages read; an integration is plugged in here."""
    return RecordedAfStatus()
