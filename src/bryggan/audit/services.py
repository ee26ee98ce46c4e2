"""Writing the access log and the change history; called by gates and services of every app.

Each write appends to its table's hash chain (`audit/chain.py`): it locks the chain's head row
(`select_for_update`, a row lock on PostgreSQL; SQLite has one writer at a time anyway), inserts
the row, hashes it with its id and the previous row's hash, and moves the head. The lock is held
to the end of the transaction, so a second writer waits and chains after the first: the chain
never forks, and chain order is id order (the second writer takes its id after the first commits).
"""

from __future__ import annotations

import copy
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, connection, transaction
from django.db.models.sql import InsertQuery
from django.http import HttpRequest

from bryggan.audit.chain import (
    ACCESS_LOG,
    CHAIN_FIELDS,
    CHANGE_RECORD,
    GENESIS,
    instance_values,
    row_hash,
)
from bryggan.audit.models import AccessLogEntry, ChainHead, ChangeRecord
from bryggan.audit.signals import cases_changed

Row = TypeVar("Row", AccessLogEntry, ChangeRecord)
BULK_BATCH = 2000


@dataclass
class _Deferred:
    """What `chain_appends_deferred()` holds back until its block ends."""

    chains: dict[str, type[Any]] = field(default_factory=dict)  # rows inserted, not yet hashed
    case_ids: set[int | None] = field(default_factory=set)  # changes not yet announced
    # Rows not yet inserted, in the order written, each with the mark of its write (`_Written`);
    # held back only when the block runs inside a transaction, which its writes cannot outlive.
    hold: bool = False
    rows: list[tuple[type[Any], Any, _Written]] = field(default_factory=list)


class _Written:
    """The mark of a write held back: registered with `transaction.on_commit`, which forgets it
    when the savepoint around the write is rolled back (Django discards the callbacks of a
    rolled-back savepoint), so the rows whose mark is still registered are the ones kept. Run
    after the commit, it does nothing. `in_savepoint`: a mark made outside every savepoint can
    only go with the whole transaction, so its absence means Django keeps callbacks otherwise."""

    __slots__ = ("in_savepoint",)

    def __init__(self) -> None:
        self.in_savepoint = bool(connection.savepoint_ids)

    def __call__(self) -> None:
        return None


_deferred: ContextVar[_Deferred | None] = ContextVar("deferred_chain", default=None)


@contextmanager
def chain_appends_deferred() -> Iterator[None]:
    """Insert access-log and change-history rows at once and chain them when the block ends.

    For a single writer loading an empty database in bulk (`bryggan demo`): inside the block each
    write holds its row back; when the block ends, the rows whose write was not rolled back with
    a savepoint are inserted in the order written (one INSERT a table and batch, `_insert_kept`),
    then the rows after the chain's head are read back as `audit-verify` reads them and hashed in
    id order with the same `row_hash`, so the chain is the one writing them one at a time would
    have made. Four statements a row fewer (its insert, the head's lock and move, the hash's
    update). Inside the block a row has no id yet; outside a transaction each write inserts its
    row at once. Not for a running system: a writer outside the block could chain between.
    Nested blocks chain when the outermost ends; after an exception nothing is chained (the
    caller's transaction is expected to roll the rows back).

    The changed cases are announced once too, when the block ends (`cases_changed`, after the
    commit as always): one announcement naming every case changed in the block, not one a row.
    A case whose change a savepoint rolled back may be named with them; a listener only forgets
    a copy it would make again.
    """
    if _deferred.get() is not None:
        yield
        return
    pending = _Deferred(hold=connection.in_atomic_block)
    token = _deferred.set(pending)
    try:
        yield
    except BaseException:
        if pending.hold:
            # The held rows are never inserted, so the changes they record may not be kept
            # either, even if the caller catches the exception: the transaction rolls back.
            transaction.set_rollback(True)
        raise
    finally:
        _deferred.reset(token)
    with transaction.atomic():
        _insert_kept(pending.rows)
        for chain, model in pending.chains.items():
            _chain_inserted(chain, model)
    if pending.case_ids:
        _announce_on_commit(list(pending.case_ids))


def _chain_head_lock(chain: str) -> ChainHead:
    """The chain's head, locked until the calling transaction ends (made on first use)."""
    head = ChainHead.objects.select_for_update().filter(chain=chain).first()
    if head is not None:
        return head
    try:
        with transaction.atomic():
            ChainHead.objects.create(chain=chain, last_id=None, last_hash=GENESIS)
    except IntegrityError:
        pass  # another writer made it first: lock theirs
    return ChainHead.objects.select_for_update().get(chain=chain)


def _chain_append(chain: str, model: type[Row], rows: Sequence[Row]) -> list[Row]:
    """Insert `rows` and chain them in id order after the head. Call inside a transaction."""
    if not rows:
        return []
    pending = _deferred.get()
    if pending is not None:
        if pending.hold:  # inserted when the block ends, as it is now
            written = _Written()
            transaction.on_commit(written)
            for row in rows:
                if isinstance(row, ChangeRecord):
                    row.changes = copy.deepcopy(row.changes)  # the caller's may change later
                pending.rows.append((model, row, written))
        else:
            model.objects.bulk_create(rows, batch_size=BULK_BATCH)
        pending.chains[chain] = model
        return list(rows)
    if connection.vendor == "postgresql":
        # The ids are taken from the sequence under the lock, so each row is hashed before it is
        # written and inserted once: two statements, the lock with the ids and the insert with
        # the head's move (with BEGIN and COMMIT, four a read; six before).
        last_hash, ids = _chain_head_lock_reserving_ids(chain, model, len(rows))
        for row, row_id in zip(rows, ids, strict=True):
            row.pk = row_id
        saved = _hash_in_order(chain, rows, last_hash)
        _insert_moving_head(chain, model, saved)
        return saved
    # Elsewhere (SQLite): insert, then hash with the ids the database gave.
    head = _chain_head_lock(chain)
    if len(rows) == 1:
        rows[0].save(force_insert=True)
    else:
        model.objects.bulk_create(rows, batch_size=BULK_BATCH)
    saved = _hash_in_order(chain, rows, head.last_hash)
    _hashes_write(model, [(row.prev_hash, row.hash, row.pk) for row in saved])
    ChainHead.objects.filter(chain=chain).update(last_id=saved[-1].pk, last_hash=saved[-1].hash)
    return saved


_ON_COMMIT_ENTRY = 3  # (savepoint ids, callback, robust), Django 4.2 on


def _insert_kept(rows: list[tuple[type[Any], Any, _Written]]) -> None:
    """Insert the held-back rows whose write was not rolled back, in the order written: one
    INSERT per table and batch instead of one a row. The ids are in the order inserting each row
    as it was written would have given them, so the chain's order is that order."""
    if not rows:
        return
    # `connection.run_on_commit`: (savepoint ids, callback, robust) of each callback still
    # registered, the list Django's `captureOnCommitCallbacks` reads too. Should a Django release
    # keep it otherwise, this refuses rather than lose rows.
    entries = connection.run_on_commit
    if not all(isinstance(entry, tuple) and len(entry) == _ON_COMMIT_ENTRY for entry in entries):
        raise RuntimeError("Django's on_commit callbacks are not kept as this code reads them")
    registered = {entry[1] for entry in entries if isinstance(entry[1], _Written)}
    by_model: dict[type[Any], list[Any]] = {}
    for model, row, written in rows:
        if written in registered:
            by_model.setdefault(model, []).append(row)
        elif not written.in_savepoint:
            raise RuntimeError("a history row written outside any savepoint lost its mark")
    for model, kept in by_model.items():
        model.objects.bulk_create(kept, batch_size=BULK_BATCH)


def _chain_inserted(chain: str, model: type[Row]) -> None:
    """Hash the rows inserted after the head, in id order, and move the head."""
    head = _chain_head_lock(chain)
    rows = model.objects.order_by("pk").values_list(*CHAIN_FIELDS[chain])
    if head.last_id is not None:
        rows = rows.filter(pk__gt=head.last_id)
    prev_hash, hashes, last_id = head.last_hash, [], None
    for values in rows.iterator(chunk_size=BULK_BATCH):
        row_prev, prev_hash = prev_hash, row_hash(chain, values, prev_hash)
        hashes.append((row_prev, prev_hash, values[0]))
        last_id = values[0]
    if last_id is None:
        return
    _hashes_write(model, hashes)
    ChainHead.objects.filter(chain=chain).update(last_id=last_id, last_hash=prev_hash)


def _hashes_write(model: type[Row], hashes: Sequence[tuple[str, str, int]]) -> None:
    """Write each row's (previous hash, hash) by id: one statement run for every row
    (bulk_update's CASE expressions cost more than the hashing, and grow with the batch)."""
    table, quote = model._meta.db_table, connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {quote(table)} SET prev_hash = %s, hash = %s WHERE id = %s",  # noqa: S608
            hashes,
        )


def _chain_head_lock_reserving_ids(
    chain: str, model: type[Row], count: int
) -> tuple[str, list[int]]:
    """PostgreSQL: lock the chain's head (made on first use) and take `count` new ids from the
    table's sequence, in one statement; the head's hash and the ids, ascending.

    The ids are drawn after the lock is held: the head is read by a materialised CTE whose
    FOR UPDATE must return its row before the outer query can project a row and so call
    `nextval`. A writer waiting for the lock therefore takes its ids after the one before it
    has committed, and chain order stays id order (as the lock, then `nextval`, did in two).
    """
    head_table = connection.ops.quote_name(ChainHead._meta.db_table)
    sql = (
        f"WITH head AS MATERIALIZED (SELECT last_hash FROM {head_table} "  # noqa: S608
        "WHERE chain = %s FOR UPDATE) "
        "SELECT head.last_hash, nextval(pg_get_serial_sequence(%s, 'id')) "
        "FROM head CROSS JOIN generate_series(1, %s)"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [chain, model._meta.db_table, count])
        rows = cursor.fetchall()
        if not rows:  # no head yet: make it (or find another writer's), then lock it
            _chain_head_lock(chain)
            cursor.execute(sql, [chain, model._meta.db_table, count])
            rows = cursor.fetchall()
    return rows[0][0], sorted(row[1] for row in rows)


def _insert_moving_head(chain: str, model: type[Row], rows: Sequence[Row]) -> None:
    """PostgreSQL: insert `rows` (ids and hashes set, in chain order) and move the chain's head
    to the last, in one statement per batch (the insert as a data-modifying CTE of the head's
    update). The values are prepared by Django's insert compiler, as `bulk_create` would."""
    quote = connection.ops.quote_name
    fields = model._meta.concrete_fields
    for start in range(0, len(rows), BULK_BATCH):
        batch = rows[start : start + BULK_BATCH]
        query = InsertQuery(model)
        query.insert_values(fields, batch)
        [(insert_sql, params)] = query.get_compiler(connection=connection).as_sql()
        last = batch[-1]
        # Django's own insert SQL (values as parameters) and the head's quoted table name.
        sql = (
            f"WITH inserted AS ({insert_sql}) UPDATE {quote(ChainHead._meta.db_table)} "  # noqa: S608
            "SET last_id = %s, last_hash = %s WHERE chain = %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, last.pk, last.hash, chain])
        for row in batch:  # as saved: a later save() is refused (append-only), not an insert
            row._state.adding = False
            row._state.db = connection.alias


def _hash_in_order(chain: str, rows: Sequence[Row], prev_hash: str) -> list[Row]:
    saved = sorted(rows, key=_pk)
    for row in saved:
        row.prev_hash = prev_hash
        row.hash = prev_hash = row_hash(chain, instance_values(chain, row), prev_hash)
    return saved


def _pk(row: AccessLogEntry | ChangeRecord) -> int:
    if row.pk is None:
        raise RuntimeError("bulk_create must return the ids (PostgreSQL, SQLite 3.35+)")
    return int(row.pk)


def _where_from(request: HttpRequest | None) -> dict[str, Any]:
    """The access log's path and address of the request that read, or nothing outside one."""
    if request is None:
        return {"path": "", "ip_address": None}
    return {"path": request.get_full_path()[:300], "ip_address": request.META.get("REMOTE_ADDR")}


def access_log_write(
    *,
    user: AbstractBaseUser | None,
    object_type: str,
    object_id: object,
    case_id: int | None,
    purpose: str,
    request: HttpRequest | None = None,
    actor: str = "",
) -> AccessLogEntry:
    """Record one read. Runs outside any service transaction, so it survives a later failure.

    `user` is who read; an integration without a user (the e-service platform) is named in `actor`.
    """
    entry = AccessLogEntry(
        user=user,
        actor=actor,
        object_type=object_type,
        object_id=str(object_id),
        case_id=case_id,
        purpose=purpose,
        **_where_from(request),
    )
    with transaction.atomic(savepoint=False):
        _chain_append(ACCESS_LOG, AccessLogEntry, [entry])
    return entry


def access_log_write_many(
    *,
    user: AbstractBaseUser,
    object_type: str,
    rows: list[tuple[object, int | None]],
    purpose: str,
    request: HttpRequest | None = None,
) -> None:
    """Record the read of many objects at once (a list naming cases), one entry per object."""
    where_from = _where_from(request)
    entries = [
        AccessLogEntry(
            user=user,
            object_type=object_type,
            object_id=str(object_id),
            case_id=case_id,
            purpose=purpose,
            **where_from,
        )
        for object_id, case_id in rows
    ]
    with transaction.atomic(savepoint=False):
        _chain_append(ACCESS_LOG, AccessLogEntry, entries)


def change_record_write(
    *,
    user: AbstractBaseUser | None,
    case_id: int | None,
    object_type: str,
    object_id: object,
    action: str,
    changes: dict[str, Any],
) -> ChangeRecord:
    """Record one change, inside the calling service's transaction."""
    record = ChangeRecord(
        user=user,
        case_id=case_id,
        object_type=object_type,
        object_id=str(object_id),
        action=action,
        changes=changes,
    )
    with transaction.atomic(savepoint=False):
        _chain_append(CHANGE_RECORD, ChangeRecord, [record])
    _announce_on_commit([case_id])
    return record


def change_records_write_many(
    *,
    user: AbstractBaseUser | None,
    object_type: str,
    action: str,
    rows: list[tuple[int | None, object, dict[str, Any]]],
) -> None:
    """Record many changes of one kind at once (case id, object id, values), e.g. a payment run."""
    records = [
        ChangeRecord(
            user=user,
            case_id=case_id,
            object_type=object_type,
            object_id=str(object_id),
            action=action,
            changes=changes,
        )
        for case_id, object_id, changes in rows
    ]
    with transaction.atomic(savepoint=False):
        _chain_append(CHANGE_RECORD, ChangeRecord, records)
    _announce_on_commit([case_id for case_id, _object_id, _changes in rows])


def _announce_on_commit(case_ids: Sequence[int | None]) -> None:
    """Send `cases_changed` once the calling transaction commits (at once outside one): before
    the commit a listener that recounted would count the old state again. Inside
    `chain_appends_deferred()` the ids are kept for its one announcement at the end."""
    pending = _deferred.get()
    if pending is not None:
        pending.case_ids.update(case_ids)
        return
    changed = frozenset(case_id for case_id in case_ids if case_id is not None)
    without_case = any(case_id is None for case_id in case_ids)
    transaction.on_commit(
        lambda: cases_changed.send(sender=ChangeRecord, case_ids=changed, without_case=without_case)
    )
