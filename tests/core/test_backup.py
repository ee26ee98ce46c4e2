"""`bryggan backup` and `bryggan restore`: a demo municipality round-trips table by table and file
by file; damaged backups, non-empty databases and the wrong vendor are refused with exit status 2.

The restore runs in a subprocess against a new, empty database (a new SQLite file, or a scratch
PostgreSQL database), so that the test database, which the backup was taken of, stays untouched.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection

from bryggan.core import backup as backup_module
from bryggan.demo.generator import generate
from tests.conftest import local

ROOT = Path(__file__).resolve().parents[2]
BRYGGAN = [sys.executable, "-m", "bryggan.cli"]
NOW = local(2026, 11, 23, 12)


class _Encoder(DjangoJSONEncoder):
    def default(self, o: Any) -> Any:
        if isinstance(o, memoryview | bytes):
            return bytes(o).hex()
        if isinstance(o, datetime | date | Decimal):
            return f"{type(o).__name__}:{super().default(o)}"
        return super().default(o)


def snapshot() -> str:
    """Every model's rows ordered by primary key, and the applied migrations, as JSON text."""
    tables: dict[str, Any] = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed:
            continue
        rows = list(model._base_manager.order_by("pk").values_list())
        tables[model._meta.db_table] = {"count": len(rows), "rows": rows}
    with connection.cursor() as cursor:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY id")
        tables["django_migrations"] = cursor.fetchall()
    return json.dumps(tables, cls=_Encoder, sort_keys=True)


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _environment(database_url: str, data: Path) -> dict[str, str]:
    return os.environ | {
        "BRYGGAN_DATABASE_URL": database_url,
        "BRYGGAN_DATA_DIR": str(data),
        "BRYGGAN_DOCUMENTS_DIR": str(data / "documents"),
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
    }


def _run(arguments: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603
        arguments, env=env, cwd=ROOT, capture_output=True, text=True, check=False
    )


@pytest.fixture
def empty_database_url(tmp_path: Path) -> Iterator[str]:
    """A URL of a new, empty database of the configured vendor, dropped afterwards."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    db = connection.settings_dict
    name = f"bryggan_restore_{uuid.uuid4().hex[:12]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    credentials = quote(db["USER"] or "") + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
    host = db["HOST"] or "localhost"
    yield f"postgres://{credentials}@{host}:{db['PORT'] or 5432}/{name}"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.django_db(transaction=True)
def test_a_demo_municipality_round_trips_every_table_and_every_document(
    settings: Any, tmp_path: Path, empty_database_url: str
) -> None:
    settings.BRYGGAN_DOCUMENTS_DIR = tmp_path / "documents"
    generate(households=8, seed=1, now=NOW)
    original = snapshot()
    documents = _files(tmp_path / "documents")
    assert documents, "the demo stores documents"

    call_command("backup", str(tmp_path / "backup"))
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    assert manifest["vendor"] == connection.vendor
    assert ["people", "0001_initial"] in manifest["migrations"]
    assert {f["path"] for f in manifest["files"]} >= {f"documents/{name}" for name in documents}

    env = _environment(empty_database_url, tmp_path / "restored")
    restored = _run([*BRYGGAN, "restore", str(tmp_path / "backup")], env)
    assert restored.returncode == 0, restored.stderr
    assert f"{len(documents)} documents" in restored.stdout
    assert restored.stderr == ""  # no progress when the output is not a terminal

    read = _run([sys.executable, "-c", "import django; django.setup(); "
                 "from tests.core.test_backup import snapshot; print(snapshot())"],
                env | {"DJANGO_SETTINGS_MODULE": "bryggan.settings"})  # fmt: skip
    assert read.returncode == 0, read.stderr
    assert json.loads(read.stdout) == json.loads(original)
    assert _files(tmp_path / "restored" / "documents") == documents


@pytest.fixture
def small_backup(settings: Any, tmp_path: Path, db: None) -> Path:
    """A backup of the test database with one document."""
    settings.BRYGGAN_DOCUMENTS_DIR = tmp_path / "documents"
    (tmp_path / "documents" / "ab").mkdir(parents=True)
    (tmp_path / "documents" / "ab" / "abcdef.pdf").write_bytes(b"%PDF-1.4 a payslip")
    call_command("backup", str(tmp_path / "backup"))
    settings.BRYGGAN_DOCUMENTS_DIR = tmp_path / "documents-restored"
    return tmp_path / "backup"


def _refused(command: str, path: Path) -> str:
    with pytest.raises(CommandError) as refused:
        call_command(command, str(path))
    assert refused.value.returncode == 2
    return str(refused.value)


@pytest.mark.django_db
def test_backup_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "something.txt").write_text("keep me")
    message = _refused("backup", tmp_path)
    assert message == backup_module.TARGET_NOT_EMPTY.format(path=tmp_path)


def test_restore_refuses_a_changed_file_and_names_it(small_backup: Path) -> None:
    (small_backup / "documents" / "ab" / "abcdef.pdf").write_bytes(b"%PDF-1.4 a forgery!")
    message = _refused("restore", small_backup)
    assert message == backup_module.FILE_CHANGED.format(name="documents/ab/abcdef.pdf")


def test_restore_refuses_a_missing_file_and_names_it(small_backup: Path) -> None:
    (small_backup / "documents" / "ab" / "abcdef.pdf").unlink()
    message = _refused("restore", small_backup)
    assert message == backup_module.FILE_MISSING.format(name="documents/ab/abcdef.pdf")


def test_restore_refuses_a_file_the_manifest_does_not_list(small_backup: Path) -> None:
    (small_backup / "documents" / "planted.pdf").write_bytes(b"%PDF")
    message = _refused("restore", small_backup)
    assert message == backup_module.FILE_EXTRA.format(name="documents/planted.pdf")


def test_restore_refuses_a_database_that_is_not_empty(small_backup: Path) -> None:
    message = _refused("restore", small_backup)
    assert message.startswith("refusing to restore into a database that is not empty (")
    assert "applied migrations" in message


def test_restore_refuses_a_backup_of_another_vendor(small_backup: Path) -> None:
    manifest = json.loads((small_backup / "manifest.json").read_text())
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    manifest["vendor"] = other
    (small_backup / "manifest.json").write_text(json.dumps(manifest))
    message = _refused("restore", small_backup)
    assert message == backup_module.VENDOR_MISMATCH.format(found=other, vendor=connection.vendor)


def test_the_command_exits_2_with_one_line_on_a_folder_that_is_no_backup(tmp_path: Path) -> None:
    env = _environment(f"sqlite:///{tmp_path / 'x.sqlite3'}", tmp_path / "data")
    refused = _run([*BRYGGAN, "restore", str(tmp_path)], env)
    assert refused.returncode == 2
    assert refused.stderr.strip().splitlines() == [
        "CommandError: " + backup_module.NO_MANIFEST.format(path=tmp_path)
    ]


@pytest.mark.django_db(transaction=True)
def test_the_database_of_a_fresh_installation_counts_as_empty(
    tmp_path: Path, empty_database_url: str
) -> None:
    env = _environment(empty_database_url, tmp_path / "data")
    code = "from bryggan.core.backup import database_contents; print(database_contents())"
    checked = _run([*BRYGGAN, "shell", "-c", code], env)
    assert checked.stdout.strip().splitlines()[-1] == "None", checked.stderr


def test_pg_dump_is_refused_when_missing_or_older_than_the_server(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(backup_module.shutil, "which", lambda tool: None)
    monkeypatch.setattr(backup_module, "glob", lambda pattern: [])
    with pytest.raises(backup_module.BackupError) as missing:
        backup_module._pg_tool("pg_dump", 15)
    assert str(missing.value) == backup_module.NO_PG_TOOL.format(tool="pg_dump")

    old = tmp_path / "pg_dump"
    old.write_text("#!/bin/sh\necho 'pg_dump (PostgreSQL) 13.4'\n")
    old.chmod(0o755)
    monkeypatch.setattr(backup_module.shutil, "which", lambda tool: str(old))
    with pytest.raises(backup_module.BackupError, match="older than the server's 15"):
        backup_module._pg_tool("pg_dump", 15)
    assert backup_module._pg_tool("pg_dump", 13) == (str(old), 13)
