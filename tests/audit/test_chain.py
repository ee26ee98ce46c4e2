"""The hash chain over the access log and the change history: each write links to the last."""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from django.apps import apps
from django.db import connection, connections, transaction
from django.test import RequestFactory
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from bryggan.accounts.models import Unit, User
from bryggan.audit.chain import ACCESS_LOG, CHANGE_RECORD, GENESIS, canonical, row_hash
from bryggan.audit.models import AccessLogEntry, ChainHead, ChangeRecord
from bryggan.audit.services import (
    access_log_write,
    access_log_write_many,
    chain_appends_deferred,
    change_record_write,
    change_records_write_many,
)
from bryggan.audit.signals import cases_changed
from bryggan.audit.verify import chain_verify, chains_verify

pytestmark = pytest.mark.django_db


def _links(model: type[AccessLogEntry] | type[ChangeRecord]) -> list[tuple[int, str, str]]:
    return list(model.objects.order_by("id").values_list("id", "prev_hash", "hash"))


def _assert_linked(model: type[AccessLogEntry] | type[ChangeRecord]) -> None:
    expected = GENESIS
    for _row_id, prev_hash, digest in _links(model):
        assert prev_hash == expected
        assert len(digest) == 64
        expected = digest


def test_each_access_log_row_links_to_the_one_before_in_id_order(
    persona: Callable[..., User],
) -> None:
    worker = persona("caseworker")
    entries = [
        access_log_write(
            user=worker, object_type="household", object_id=n, case_id=n, purpose="casework"
        )
        for n in range(1, 4)
    ]
    _assert_linked(AccessLogEntry)
    assert entries[1].prev_hash == entries[0].hash
    assert entries[2].prev_hash == entries[1].hash
    head = ChainHead.objects.get(chain=ACCESS_LOG)
    assert (head.last_id, head.last_hash) == (entries[2].pk, entries[2].hash)


def test_the_stored_hash_is_the_hash_of_the_row_as_read_back(persona: Callable[..., User]) -> None:
    worker = persona("caseworker")
    record = change_record_write(
        user=worker,
        case_id=7,
        object_type="decision",
        object_id=3,
        action="signed",
        changes={"b": [1, 2.5, "å"], "a": {"z": None, "y": True}, "c": (1, 2)},
    )
    assert chain_verify(CHANGE_RECORD).intact
    stored = ChangeRecord.objects.get(pk=record.pk)
    assert stored.hash == record.hash


def test_the_hash_covers_the_id_so_a_renumbered_row_does_not_fit() -> None:
    at = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
    values = [1, at, 5, "", "household", "9", 9, "casework", "/arenden/9/", "127.0.0.1"]
    renumbered = [2, *values[1:]]
    assert row_hash(ACCESS_LOG, values, GENESIS) != row_hash(ACCESS_LOG, renumbered, GENESIS)


def test_the_canonical_form_is_sorted_json_with_times_in_utc() -> None:
    at = datetime(2026, 12, 7, 10, 0, tzinfo=UTC).astimezone()
    values = [1, at, None, "e-tjänst", "plan", "4", None, "casework", "", None]
    assert (
        canonical(ACCESS_LOG, values)
        == (
            '{"actor":"e-tjänst","at":"2026-12-07T10:00:00.000000+00:00","case_id":null,'
            '"id":1,"ip_address":null,"object_id":"4","object_type":"plan","path":"",'
            '"purpose":"casework","user_id":null}'
        ).encode()
    )


def test_the_bulk_writers_chain_their_rows_in_id_order(persona: Callable[..., User]) -> None:
    worker = persona("caseworker")
    access_log_write(user=worker, object_type="household", object_id=1, case_id=1, purpose="x")
    access_log_write_many(
        user=worker, object_type="payment", rows=[(n, n) for n in range(50)], purpose="payments"
    )
    change_records_write_many(
        user=worker,
        object_type="payment",
        action="paid",
        rows=[(n, n, {"amount": n * 100}) for n in range(30)],
    )
    _assert_linked(AccessLogEntry)
    _assert_linked(ChangeRecord)
    assert all(report.intact for report in chains_verify())
    assert ChainHead.objects.get(chain=ACCESS_LOG).last_id == AccessLogEntry.objects.latest("id").pk


def test_a_change_rolled_back_with_its_service_leaves_the_chain_intact(
    persona: Callable[..., User],
) -> None:
    worker = persona("caseworker")
    change_record_write(
        user=worker, case_id=1, object_type="x", object_id=1, action="a", changes={}
    )
    head_before = ChainHead.objects.get(chain=CHANGE_RECORD).last_hash

    def failing_service() -> None:
        with transaction.atomic():
            change_record_write(
                user=worker, case_id=1, object_type="x", object_id=2, action="a", changes={}
            )
            raise RuntimeError("the service failed after writing its history row")

    with pytest.raises(RuntimeError):
        failing_service()
    assert ChainHead.objects.get(chain=CHANGE_RECORD).last_hash == head_before
    change_record_write(
        user=worker, case_id=1, object_type="x", object_id=3, action="a", changes={}
    )
    assert chain_verify(CHANGE_RECORD).intact


def test_a_missing_head_row_is_made_on_the_first_write(persona: Callable[..., User]) -> None:
    worker = persona("caseworker")
    AccessLogEntry.objects.all()._raw_delete(using="default")
    ChainHead.objects.filter(chain=ACCESS_LOG).delete()
    entry = access_log_write(user=worker, object_type="p", object_id=1, case_id=None, purpose="x")
    assert entry.prev_hash == GENESIS
    assert chain_verify(ACCESS_LOG).intact


def test_one_read_costs_a_bounded_number_of_queries(
    persona: Callable[..., User], django_assert_max_num_queries: Callable[..., object]
) -> None:
    worker = persona("caseworker")
    access_log_write(user=worker, object_type="p", object_id=1, case_id=None, purpose="x")
    # PostgreSQL: lock the head taking an id, then insert moving the head (one statement each);
    # elsewhere: lock the head, insert, write the hash, move the head
    with django_assert_max_num_queries(2 if connection.vendor == "postgresql" else 4):  # type: ignore[operator]
        access_log_write(user=worker, object_type="p", object_id=2, case_id=None, purpose="x")


def test_the_migration_chains_the_rows_written_before_the_chain(
    persona: Callable[..., User],
) -> None:
    worker = persona("caseworker")
    for n in range(5):
        access_log_write(user=worker, object_type="p", object_id=n, case_id=n, purpose="x")
    before = _links(AccessLogEntry)
    AccessLogEntry.objects.update(prev_hash="", hash="")
    ChainHead.objects.all().delete()
    migration = importlib.import_module("bryggan.audit.migrations.0003_hash_chain")
    migration.chain_existing_rows(apps, None)
    assert _links(AccessLogEntry) == before
    assert all(report.intact for report in chains_verify())


# Random writes always verify -------------------------------------------------------------------

write = st.one_of(
    st.tuples(st.just("read"), st.integers(0, 3)),
    st.tuples(st.just("reads"), st.integers(0, 25)),
    st.tuples(st.just("change"), st.integers(0, 3)),
    st.tuples(st.just("changes"), st.integers(0, 25)),
)
# Text as a form lets it through: Django's form fields refuse the NUL character (and
# PostgreSQL's JSON cannot hold it), so no history row carries one; and only what UTF-8 can
# encode (no lone surrogate, which no request can carry and PostgreSQL's driver refuses).
text = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=8)
payload = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**12), 10**12)
    | st.floats(allow_nan=False, allow_infinity=False) | text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(text, inner),
    max_leaves=6,
)  # fmt: skip


class TestRandomWritesAlwaysVerify(TestCase):
    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.lists(write, min_size=1, max_size=8), payload)
    def test_any_sequence_of_single_and_bulk_writes_verifies(
        self, writes: list[tuple[str, int]], changes: object
    ) -> None:
        user = User.objects.create(username=f"u{User.objects.count()}", role="caseworker")
        for kind, n in writes:
            if kind == "read":
                access_log_write(
                    user=user, object_type="household", object_id=n, case_id=n, purpose="casework"
                )
            elif kind == "reads":
                access_log_write_many(
                    user=user, object_type="payment", rows=[(i, i) for i in range(n)], purpose="p"
                )
            elif kind == "change":
                change_record_write(
                    user=user,
                    case_id=n,
                    object_type="decision",
                    object_id=n,
                    action="signed",
                    changes={"value": changes},
                )
            else:
                change_records_write_many(
                    user=user,
                    object_type="payment",
                    action="paid",
                    rows=[(i, i, {"value": changes}) for i in range(n)],
                )
        reports = chains_verify()
        assert all(report.intact for report in reports), reports


# Concurrent writers on PostgreSQL --------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL's row locks"
)
def test_two_transactions_writing_at_once_do_not_fork_the_chain(
    persona: Callable[..., User],
) -> None:
    worker = persona("caseworker")
    start = threading.Barrier(4)
    errors: list[BaseException] = []

    def reader(offset: int) -> None:
        try:
            start.wait(timeout=30)
            for n in range(40):
                access_log_write(
                    user=worker,
                    object_type="household",
                    object_id=offset + n,
                    case_id=n,
                    purpose="casework",
                )
                if n % 10 == 0:
                    access_log_write_many(
                        user=worker,
                        object_type="payment",
                        rows=[(i, i) for i in range(5)],
                        purpose="payments",
                    )
        except BaseException as error:  # reported by the main thread
            errors.append(error)
        finally:
            connections.close_all()

    def changer(offset: int) -> None:
        try:
            start.wait(timeout=30)
            for n in range(40):
                with transaction.atomic():  # a service's transaction, holding the lock to its end
                    change_record_write(
                        user=worker,
                        case_id=n,
                        object_type="x",
                        object_id=offset + n,
                        action="a",
                        changes={"n": n},
                    )
        except BaseException as error:  # reported by the main thread
            errors.append(error)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=target, args=(offset,))
        for target in (reader, changer)
        for offset in (0, 1000)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors
    assert AccessLogEntry.objects.count() == 2 * (40 + 4 * 5)
    assert ChangeRecord.objects.filter(object_type="x").count() == 80
    reports = chains_verify()
    assert all(report.intact for report in reports), reports
    _assert_linked(AccessLogEntry)
    _assert_linked(ChangeRecord)


@pytest.mark.parametrize("address", ["10.1.2.3", "2001:DB8:0:0::1", "::ffff:10.0.0.1"])
def test_addresses_hash_the_same_as_the_database_gives_them_back(
    address: str, persona: Callable[..., User]
) -> None:
    request = RequestFactory().get("/arenden/1/?visa=allt", REMOTE_ADDR=address)
    access_log_write(
        user=persona("caseworker"),
        object_type="household",
        object_id=1,
        case_id=1,
        purpose="casework",
        request=request,
    )
    assert chain_verify(ACCESS_LOG).intact


def test_rows_written_in_a_deferred_block_are_chained_as_one_at_a_time_would_chain_them(
    persona: Callable[..., User],
) -> None:
    """`chain_appends_deferred` (the demo's bulk load): the rows are hashed when the block ends,
    in id order after the rows before it, the same hashes as writing them one at a time; a row
    whose savepoint rolled back inside the block is not in the chain, and writes after it chain on.
    """
    worker = persona("caseworker")

    def change(n: int) -> ChangeRecord:
        return change_record_write(
            user=worker,
            case_id=n,
            object_type="decision",
            object_id=n,
            action="signed",
            changes={"amount": n * 100, "months": ["2026-01"]},
        )

    def rolled_back() -> None:
        with transaction.atomic():
            change(99)
            raise RuntimeError("rolled back")

    change(1)
    with transaction.atomic(), chain_appends_deferred():
        deferred = [change(2), change(3)]
        assert all(record.hash == "" for record in deferred)  # not chained yet
        with pytest.raises(RuntimeError):
            rolled_back()
        deferred.append(change(4))
        access_log_write(
            user=worker, object_type="household", object_id=4, case_id=4, purpose="casework"
        )
        change_records_write_many(
            user=worker, object_type="decision", action="drafted", rows=[(5, 5, {}), (6, 6, {})]
        )
    change(7)
    assert chain_verify(CHANGE_RECORD).intact
    assert chain_verify(ACCESS_LOG).intact
    _assert_linked(ChangeRecord)
    assert sorted(ChangeRecord.objects.values_list("case_id", flat=True)) == [1, 2, 3, 4, 5, 6, 7]
    # The same hashes as chaining each row when written: recompute from the first row on.
    previous = GENESIS
    for values, stored in zip(
        ChangeRecord.objects.order_by("id").values_list(
            "id", "at", "user_id", "case_id", "object_type", "object_id", "action", "changes"
        ),
        ChangeRecord.objects.order_by("id").values_list("hash", flat=True),
        strict=True,
    ):
        previous = row_hash(CHANGE_RECORD, values, previous)
        assert stored == previous
    head = ChainHead.objects.get(chain=CHANGE_RECORD)
    assert head.last_hash == previous


def test_a_deferred_block_announces_the_cases_it_changed_once_after_the_commit(
    persona: Callable[..., User], django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    """Inside `chain_appends_deferred` the changed cases are told to listeners once, naming all
    of them, when the block's transaction commits; outside it each write announces its own."""
    worker = persona("caseworker")
    heard: list[tuple[frozenset[int], bool]] = []

    def listener(sender: object, *, case_ids: frozenset[int], without_case: bool, **_: Any) -> None:
        heard.append((case_ids, without_case))

    def change(case_id: int | None) -> None:
        change_record_write(
            user=worker,
            case_id=case_id,
            object_type="decision",
            object_id=1,
            action="signed",
            changes={},
        )

    cases_changed.connect(listener, dispatch_uid="test-heard")
    try:
        with (
            django_capture_on_commit_callbacks(execute=True),
            transaction.atomic(),
            chain_appends_deferred(),
        ):
            change(1)
            change(2)
            change_records_write_many(
                user=worker, object_type="decision", action="drafted", rows=[(2, 2, {})]
            )
            change(None)
            assert heard == []  # nothing before the commit
        assert heard == [(frozenset({1, 2}), True)]
        heard.clear()
        with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
            change(3)
            change(4)
        assert heard == [(frozenset({3}), False), (frozenset({4}), False)]
    finally:
        cases_changed.disconnect(dispatch_uid="test-heard")


def test_a_deferred_block_inserts_its_rows_when_it_ends_in_the_order_written(
    persona: Callable[..., User],
) -> None:
    """Inside the block a row is held back (no id, not in the table); when it ends the rows are
    in the table in the order written, the chain intact, and a nested rollback's row left out."""
    worker = persona("caseworker")

    def change(n: int) -> ChangeRecord:
        return change_record_write(
            user=worker, case_id=n, object_type="plan", object_id=n, action="saved", changes={}
        )

    with transaction.atomic(), chain_appends_deferred():
        written = [change(n) for n in (30, 10, 20)]
        assert [row.pk for row in written] == [None, None, None]
        assert not ChangeRecord.objects.exists()
        try:
            with transaction.atomic():
                change(99)
                with transaction.atomic():
                    change(98)
                raise RuntimeError("the outer savepoint rolls back both")
        except RuntimeError:
            pass
        written.append(change(40))
    assert list(ChangeRecord.objects.order_by("pk").values_list("case_id", flat=True)) == [
        30,
        10,
        20,
        40,
    ]
    assert chain_verify(CHANGE_RECORD).intact


@pytest.mark.django_db(transaction=True)
def test_a_deferred_block_outside_a_transaction_inserts_each_row_at_once(
    persona: Callable[..., User],
) -> None:
    """Outside a transaction there is nothing to hold the rows in: each write inserts its row
    (and commits it), and the chain is made when the block ends."""
    worker = persona("caseworker")
    with chain_appends_deferred():
        row = change_record_write(
            user=worker, case_id=5, object_type="plan", object_id=5, action="saved", changes={}
        )
        assert row.pk is not None
        assert ChangeRecord.objects.filter(pk=row.pk, hash="").exists()  # not yet chained
    assert chain_verify(CHANGE_RECORD).intact
    assert ChangeRecord.objects.get(pk=row.pk).hash != ""


def test_a_deferred_block_left_by_an_exception_rolls_back_what_its_rows_record(
    persona: Callable[..., User],
) -> None:
    """Its held rows are never written, so the transaction around it may not keep the changes
    they record, even when the caller catches the exception and goes on."""
    worker = persona("caseworker")
    with transaction.atomic():
        try:
            with chain_appends_deferred():
                unit = Unit.objects.create(name="Enheten som inte blev")  # the change recorded
                change_record_write(
                    user=worker,
                    case_id=None,
                    object_type="unit",
                    object_id=unit.pk,
                    action="created",
                    changes={},
                )
                raise RuntimeError("the load fails")
        except RuntimeError:
            pass
        assert transaction.get_rollback()
    assert not Unit.objects.filter(name="Enheten som inte blev").exists()
    assert not ChangeRecord.objects.filter(object_type="unit").exists()


def test_a_held_row_records_the_changes_as_they_were_when_written(
    persona: Callable[..., User],
) -> None:
    worker = persona("caseworker")
    changes: dict[str, Any] = {"months": ["2026-01"]}
    with transaction.atomic(), chain_appends_deferred():
        change_record_write(
            user=worker, case_id=9, object_type="plan", object_id=9, action="saved", changes=changes
        )
        changes["months"].append("2026-02")  # the caller's dict, changed after the write
    assert ChangeRecord.objects.get(case_id=9).changes == {"months": ["2026-01"]}
