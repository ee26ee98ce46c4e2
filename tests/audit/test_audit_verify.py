"""`bryggan audit-verify`: names the first changed, deleted or forged row; exports and proves."""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, connections
from django.utils import timezone

from bryggan import cli
from bryggan.accounts.models import User
from bryggan.audit.models import AccessLogEntry, ChangeRecord
from bryggan.audit.services import access_log_write, change_record_write

pytestmark = pytest.mark.django_db

# The raw statements below stand for someone with the database, bypassing Bryggan.
assert AccessLogEntry._meta.db_table == "audit_accesslogentry"


@pytest.fixture
def reads(persona: Callable[..., User]) -> list[AccessLogEntry]:
    worker = persona("caseworker")
    return [
        access_log_write(
            user=worker, object_type="household", object_id=n, case_id=n, purpose="casework"
        )
        for n in range(1, 6)
    ]


def _verify(*args: str) -> tuple[int, str]:
    out = StringIO()
    try:
        call_command("audit_verify", *args, stdout=out)
    except CommandError as error:
        return error.returncode, out.getvalue() + str(error)
    return 0, out.getvalue()


def _sql(statement: str, params: list[object]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def _forge(row_id: int, at: object, user_id: int, purpose: str, links: tuple[str, str]) -> None:
    _sql(
        "INSERT INTO audit_accesslogentry (id, at, user_id, actor, object_type, object_id,"
        " case_id, purpose, path, ip_address, prev_hash, hash)"
        " VALUES (%s, %s, %s, '', 'household', '99', 99, %s, '', NULL, %s, %s)",
        [row_id, at, user_id, purpose, *links],
    )


def test_an_intact_chain_passes_with_a_summary(
    reads: list[AccessLogEntry], persona: Callable[..., User]
) -> None:
    change_record_write(
        user=persona("caseworker"), case_id=1, object_type="x", object_id=1, action="a", changes={}
    )
    code, out = _verify()
    assert code == 0
    rows = AccessLogEntry.objects.count()
    assert f"access_log: intact, {rows} rows checked, latest row {reads[-1].pk}" in out
    assert reads[-1].hash in out
    assert "change_record: intact" in out


def test_a_row_changed_with_raw_sql_is_named(reads: list[AccessLogEntry]) -> None:
    target = reads[2]
    _sql("UPDATE audit_accesslogentry SET purpose = %s WHERE id = %s", ["audit", target.pk])
    code, out = _verify()
    assert code == 1
    assert f"row {target.pk} was changed" in out


def test_a_changed_history_payload_is_named(persona: Callable[..., User]) -> None:
    worker = persona("caseworker")
    records = [
        change_record_write(
            user=worker,
            case_id=1,
            object_type="payment",
            object_id=n,
            action="paid",
            changes={"amount": 100 * n},
        )
        for n in range(3)
    ]
    ChangeRecord.objects.filter(pk=records[1].pk).update(changes={"amount": 1})
    code, out = _verify()
    assert code == 1
    assert "change_record: BROKEN" in out
    assert f"row {records[1].pk} was changed" in out


def test_a_row_changed_and_rehashed_breaks_the_link_of_the_next(
    reads: list[AccessLogEntry],
) -> None:
    _sql("UPDATE audit_accesslogentry SET hash = %s WHERE id = %s", ["a" * 64, reads[1].pk])
    code, out = _verify()
    assert code == 1
    assert f"row {reads[1].pk} was changed" in out


def test_a_deleted_middle_row_is_found_by_the_broken_link_of_the_next(
    reads: list[AccessLogEntry],
) -> None:
    _sql("DELETE FROM audit_accesslogentry WHERE id = %s", [reads[2].pk])
    code, out = _verify()
    assert code == 1
    assert f"row {reads[3].pk} does not link to row {reads[1].pk}" in out
    assert "deleted" in out


def test_deleted_last_rows_are_found_through_the_head(reads: list[AccessLogEntry]) -> None:
    _sql("DELETE FROM audit_accesslogentry WHERE id >= %s", [reads[3].pk])
    code, out = _verify()
    assert code == 1
    assert f"ends at row {reads[2].pk} but its head records row {reads[4].pk}" in out


def test_a_forged_row_with_a_made_up_hash_is_named(
    reads: list[AccessLogEntry], persona: Callable[..., User]
) -> None:
    forged_id = reads[-1].pk + 10
    user_id = persona("caseworker").pk
    _forge(forged_id, timezone.now(), user_id, "casework", (reads[-1].hash, "f" * 64))
    code, out = _verify()
    assert code == 1
    assert f"row {forged_id}" in out


def test_a_row_inserted_out_of_order_is_named(
    reads: list[AccessLogEntry], persona: Callable[..., User]
) -> None:
    """A forger who copies a real row's link and hash into a new row between two real ones."""
    _sql("DELETE FROM audit_accesslogentry WHERE id = %s", [reads[2].pk])  # make room, then fill it
    user_id = persona("caseworker").pk
    _forge(reads[2].pk, reads[2].at, user_id, "audit", (reads[2].prev_hash, reads[2].hash))
    code, out = _verify()
    assert code == 1
    assert f"row {reads[2].pk} was changed" in out


def test_export_and_since_prove_the_past_even_after_a_full_rehash(
    reads: list[AccessLogEntry], persona: Callable[..., User], tmp_path: Path
) -> None:
    exported = tmp_path / "chain.json"
    assert _verify("--export", str(exported))[0] == 0
    point = json.loads(exported.read_text())["chains"]["access_log"]
    assert point["id"] == reads[-1].pk
    assert point["hash"] == reads[-1].hash
    access_log_write(
        user=persona("caseworker"), object_type="p", object_id=1, case_id=1, purpose="x"
    )
    code, out = _verify("--since", str(exported))
    assert code == 0
    assert f"access_log: exported row {reads[-1].pk}" in out

    # Someone with the database and the code changes a row and re-hashes the whole chain.
    AccessLogEntry.objects.filter(pk=reads[1].pk).update(purpose="audit")
    importlib.import_module("bryggan.audit.migrations.0003_hash_chain").chain_existing_rows(
        apps, None
    )
    assert _verify()[0] == 0  # the chain alone cannot tell
    code, out = _verify("--since", str(exported))
    assert code == 1
    assert f"row {reads[-1].pk} has another hash than the exported copy" in out


def test_since_fails_when_the_exported_row_is_gone(
    reads: list[AccessLogEntry], tmp_path: Path
) -> None:
    exported = tmp_path / "chain.json"
    _verify("--export", str(exported))
    _sql("DELETE FROM audit_accesslogentry WHERE id = %s", [reads[-1].pk])
    code, out = _verify("--since", str(exported))
    assert code == 1
    assert str(reads[-1].pk) in out


def test_since_refuses_a_file_that_is_not_an_export(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{}")
    code, out = _verify("--since", str(bad))
    assert code == 2
    assert "bad.json" in out


def test_the_bryggan_command_exits_1_on_a_broken_chain(
    reads: list[AccessLogEntry], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A command run from the console closes its connections; the test's transaction needs its own.
    monkeypatch.setattr(connections, "close_all", lambda: None)
    assert cli.main(["audit-verify"]) == 0
    _sql("UPDATE audit_accesslogentry SET object_id = %s WHERE id = %s", ["77", reads[0].pk])
    with pytest.raises(SystemExit) as exit_:
        cli.main(["audit-verify"])
    assert exit_.value.code == 1
    assert f"row {reads[0].pk} was changed" in capsys.readouterr().out
