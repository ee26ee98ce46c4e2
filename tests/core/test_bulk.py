"""`rows_insert` writes what `bulk_create` writes: JSON as Django encodes it, a foreign key by its
id, a null, a time through its field (on SQLite and on PostgreSQL's COPY alike)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from bryggan.accounts.models import User
from bryggan.audit.models import ChangeRecord
from bryggan.core.bulk import rows_insert

pytestmark = pytest.mark.django_db

# Every column a row needs is named (`rows_insert` fills in no defaults).
FIELDS = (
    "at",
    "user",
    "case_id",
    "object_type",
    "object_id",
    "action",
    "changes",
    "hash",
    "prev_hash",
)
COMPARED = ("at", "user_id", *FIELDS[2:])
TEXT = 'Åsa\'s "tab"\there\\ \n ny rad'


def _rows(user: User) -> list[tuple[object, ...]]:
    at = datetime(2026, 12, 7, 17, 30, 5, 123456, tzinfo=UTC)
    return [
        (at, user.pk, 12, "proposal", "1", "preassessed", {"failed": ["incomes"], "n": 3}, "a", ""),
        (at, None, None, "proposal", "2", "preassessed", [], "b", ""),
        (at, user.pk, 2**40, "note", "3", "written", {"text": TEXT}, "c\td", "x"),
        (at, None, 7, "note", "4", "written", {"nested": {"list": [1, None, True, 2.5]}}, "", ""),
    ]


def test_rows_insert_writes_what_bulk_create_writes(persona: Callable[..., User]) -> None:
    rows = _rows(persona("caseworker"))
    assert rows_insert(ChangeRecord, FIELDS, rows) == len(rows)
    inserted = list(ChangeRecord.objects.order_by("id").values_list(*COMPARED))
    ChangeRecord.objects.bulk_create(
        [ChangeRecord(**dict(zip(COMPARED, row, strict=True))) for row in rows]
    )
    created = list(ChangeRecord.objects.order_by("id").values_list(*COMPARED))[len(rows) :]
    assert inserted == created
    assert inserted[0][6] == {"failed": ["incomes"], "n": 3}
    assert inserted[2][6] == {"text": TEXT}


def test_rows_insert_of_nothing_writes_nothing() -> None:
    assert rows_insert(ChangeRecord, FIELDS, []) == 0
    assert not ChangeRecord.objects.exists()
