"""Checking the hash chains: recompute every row's hash in id order and find the first break.

Streams the rows (`values_list` + `iterator`), so memory stays bounded for millions of rows. Ids
are not contiguous (a rolled-back transaction uses up sequence values), so a deleted row is found
by the broken link of the row after it, never by a gap in the ids.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bryggan.audit.chain import ACCESS_LOG, CHAIN_FIELDS, CHANGE_RECORD, GENESIS, row_hash
from bryggan.audit.models import AccessLogEntry, ChainHead, ChangeRecord

CHAIN_MODELS: dict[str, type[AccessLogEntry] | type[ChangeRecord]] = {
    ACCESS_LOG: AccessLogEntry,
    CHANGE_RECORD: ChangeRecord,
}
CHUNK = 5000


@dataclass(frozen=True)
class ChainPoint:
    """A row of a chain as exported: its id, hash and time. An outside copy proves the past."""

    row_id: int
    hash: str
    at: str


@dataclass(frozen=True)
class ChainBreak:
    row_id: int | None
    reason: str


@dataclass(frozen=True)
class ChainReport:
    chain: str
    rows_checked: int
    last: ChainPoint | None
    broken: ChainBreak | None = None

    @property
    def intact(self) -> bool:
        return self.broken is None


def chain_verify(chain: str, *, since: ChainPoint | None = None) -> ChainReport:
    """Recompute `chain` from its first row; stop at the first row that does not fit.

    `since`: a point exported earlier, which the chain must still hold with the same hash.
    """
    model = CHAIN_MODELS[chain]
    fields = CHAIN_FIELDS[chain]
    rows = model.objects.order_by("id").values_list(*fields, "prev_hash", "hash")
    expected_prev, previous_id, count = GENESIS, None, 0
    last: ChainPoint | None = None
    since_seen = since is None
    for values in rows.iterator(chunk_size=CHUNK):
        *content, prev_hash, stored_hash = values
        row_id, at = content[0], content[1]
        if prev_hash != expected_prev:
            after = f"row {previous_id}" if previous_id is not None else "the start of the chain"
            return ChainReport(
                chain,
                count,
                last,
                ChainBreak(
                    row_id,
                    f"row {row_id} does not link to {after}: a row between them was deleted, "
                    f"or row {row_id} was inserted out of order",
                ),
            )
        if row_hash(chain, content, prev_hash) != stored_hash:
            return ChainReport(
                chain,
                count,
                last,
                ChainBreak(
                    row_id, f"row {row_id} was changed: its content does not match its hash"
                ),
            )
        count += 1
        expected_prev, previous_id = stored_hash, row_id
        last = ChainPoint(row_id=row_id, hash=stored_hash, at=_iso(at))
        if since is not None and row_id == since.row_id:
            if stored_hash != since.hash:
                return ChainReport(
                    chain,
                    count,
                    last,
                    ChainBreak(
                        row_id,
                        f"row {row_id} has another hash than the exported copy: "
                        "the chain was rewritten up to it",
                    ),
                )
            since_seen = True
    if not since_seen and since is not None:
        return ChainReport(
            chain,
            count,
            last,
            ChainBreak(since.row_id, f"row {since.row_id} of the exported copy is missing"),
        )
    head = ChainHead.objects.filter(chain=chain).first()
    if (
        head is not None
        and head.last_id is not None
        and (last is None or head.last_id != last.row_id or head.last_hash != last.hash)
    ):
        end = f"row {last.row_id}" if last is not None else "no row"
        return ChainReport(
            chain,
            count,
            last,
            ChainBreak(
                head.last_id,
                f"the chain ends at {end} but its head records row {head.last_id}: "
                "the last rows were deleted",
            ),
        )
    return ChainReport(chain, count, last)


def chains_verify(*, since: dict[str, ChainPoint] | None = None) -> list[ChainReport]:
    points = since or {}
    return [chain_verify(chain, since=points.get(chain)) for chain in CHAIN_MODELS]


def _iso(value: datetime) -> str:
    return value.isoformat()
