"""Backup and restore of a whole Bryggan installation: the database and the uploaded documents.

A backup is a folder:

    manifest.json        format, Bryggan's version, database vendor, time (UTC), the applied
                         migrations, and every other file's relative path, size and SHA-256
    database.dump        PostgreSQL: `pg_dump --format=custom`
    database.sqlite3     SQLite: a copy made through SQLite's online backup API
    documents/…          the tree of `BRYGGAN_DOCUMENTS_DIR` (files under their random names)

Both copies of the database are consistent while the server runs (pg_dump reads one snapshot; the
SQLite backup API copies pages under the database's own locking). Restoring needs a new, empty
database and an empty documents folder; it checks the manifest first, so a damaged backup is refused
before anything is written. Every refusal is a `BackupError` whose message names the problem.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from glob import glob
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

import bryggan

FORMAT = 1
MANIFEST = "manifest.json"
DOCUMENTS = "documents"
DATABASE_FILES = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}

TARGET_NOT_EMPTY = "refusing to back up into {path}: the folder is not empty"
NO_MANIFEST = "{path} is no Bryggan backup: it has no manifest.json"
BROKEN_MANIFEST = "broken manifest in {path}: {problem}"
UNKNOWN_FORMAT = "backup format {found} is not supported (this Bryggan reads format {format})"
FILE_MISSING = "broken backup: {name} is in the manifest but missing"
FILE_EXTRA = "broken backup: {name} is not in the manifest"
FILE_CHANGED = "broken backup: {name} has changed since the backup (size or SHA-256 differs)"
VENDOR_MISMATCH = "the backup is of a {found} database; this Bryggan is configured for {vendor}"
UNSUPPORTED_VENDOR = "backup and restore support PostgreSQL and SQLite, not {vendor}"
DATABASE_NOT_EMPTY = (
    "refusing to restore into a database that is not empty ({found}): "
    "create a new, empty database and point BRYGGAN_DATABASE_URL at it"
)
DOCUMENTS_NOT_EMPTY = "refusing to restore: the documents folder {path} is not empty"
NO_PG_TOOL = (
    "{tool} not found on PATH or under /usr/lib/postgresql/*/bin: install postgresql-client"
)
PG_TOOL_TOO_OLD = (
    "{tool} is version {tool_major}, older than the server's {server_major}: "
    "install postgresql-client-{server_major}"
)
PG_TOOL_FAILED = "{tool} failed: {stderr}"


class BackupError(Exception):
    """Bad input or a refusal: the message names the problem in one line."""


@dataclass(frozen=True)
class BackupSummary:
    path: Path
    vendor: str
    database_bytes: int
    documents: int
    documents_bytes: int


@dataclass(frozen=True)
class RestoreSummary:
    path: Path
    vendor: str
    tables: int
    rows: int
    documents: int
    documents_bytes: int


Progress = Callable[[str, int, int], None]
"""`progress(what, done, total)`: called as files are copied or checked."""


def _no_progress(what: str, done: int, total: int) -> None:
    pass


# Files and checksums


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _files_under(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


def _relative(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


# The database


def _vendor() -> str:
    vendor = connection.vendor
    if vendor not in DATABASE_FILES:
        raise BackupError(UNSUPPORTED_VENDOR.format(vendor=vendor))
    return str(vendor)


def _applied_migrations() -> list[list[str]]:
    if MigrationRecorder.Migration._meta.db_table not in connection.introspection.table_names():
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT app, name FROM {connection.ops.quote_name('django_migrations')} "  # noqa: S608 - a fixed name
            "ORDER BY id"
        )
        return [[app, name] for app, name in cursor.fetchall()]


def _bryggan_tables() -> list[str]:
    """Every table of the installed apps' models (auto-created many-to-many tables included)."""
    tables = {model._meta.db_table for model in apps.get_models(include_auto_created=True)}
    return sorted(tables)


def _count_rows(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
        return int(cursor.fetchone()[0])


def database_contents() -> str | None:
    """What makes the configured database not empty, in words, or None when it is empty."""
    migrations = _applied_migrations()
    if migrations:
        return f"{len(migrations)} applied migrations"
    existing = set(connection.introspection.table_names())
    with_rows = [t for t in _bryggan_tables() if t in existing and _count_rows(t)]
    if with_rows:
        return f"rows in {_some(with_rows)}"
    if existing:
        return f"tables {_some(sorted(existing))}"
    return None


def _some(names: list[str], shown: int = 5) -> str:
    return ", ".join(names[:shown]) + (" …" if len(names) > shown else "")


def _pg_tool(tool: str, server_major: int) -> tuple[str, int]:
    """The newest `tool` available (PATH or Debian's versioned folders) and its major version,
    refused when it is older than the server (pg_dump cannot dump a newer server)."""
    candidates = [found] if (found := shutil.which(tool)) else []
    candidates += sorted(glob(f"/usr/lib/postgresql/*/bin/{tool}"))
    best: tuple[str, int] | None = None
    for candidate in candidates:
        try:
            out = subprocess.run(  # noqa: S603 - a fixed tool name
                [candidate, "--version"], capture_output=True, text=True, check=True
            ).stdout
        except (OSError, subprocess.CalledProcessError):
            continue
        match = re.search(r"(\d+)(?:\.\d+)?", out)
        if match and (best is None or int(match.group(1)) > best[1]):
            best = (candidate, int(match.group(1)))
    if best is None:
        raise BackupError(NO_PG_TOOL.format(tool=tool))
    if best[1] < server_major:
        raise BackupError(
            PG_TOOL_TOO_OLD.format(tool=tool, tool_major=best[1], server_major=server_major)
        )
    return best


def _server_major() -> int:
    return int(connection.pg_version) // 10000


def _pg_environment() -> dict[str, str]:
    """The connection's settings for libpq's tools, the password only in the environment."""
    db = connection.settings_dict
    env = dict(os.environ)
    for key, variable in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
        ("NAME", "PGDATABASE"),
    ):
        value = db.get(key)
        if value:
            env[variable] = str(value)
        else:
            env.pop(variable, None)
    sslmode = db.get("OPTIONS", {}).get("sslmode")
    if sslmode:
        env["PGSSLMODE"] = str(sslmode)
    return env


def _run_pg_tool(arguments: list[str]) -> None:
    finished = subprocess.run(  # noqa: S603 - our own arguments, no shell
        arguments, env=_pg_environment(), capture_output=True, text=True, check=False
    )
    if finished.returncode != 0:
        stderr = " ".join(finished.stderr.split())[:500]
        raise BackupError(PG_TOOL_FAILED.format(tool=Path(arguments[0]).name, stderr=stderr))


def _database_write(vendor: str, target: Path) -> None:
    connection.ensure_connection()
    if vendor == "postgresql":
        pg_dump, _major = _pg_tool("pg_dump", _server_major())
        _run_pg_tool([pg_dump, "--format=custom", f"--file={target}"])
    else:
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)
        copy.close()


def _database_read(vendor: str, source: Path) -> None:
    connection.ensure_connection()
    if vendor == "postgresql":
        pg_restore, _major = _pg_tool("pg_restore", _server_major())
        _run_pg_tool(
            [
                pg_restore,
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
                f"--dbname={connection.settings_dict['NAME']}",
                str(source),
            ]
        )
    else:
        original = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
        try:
            original.backup(connection.connection)
        finally:
            original.close()


# Backup


def backup(path: Path, *, now: datetime, progress: Progress = _no_progress) -> BackupSummary:
    """Write a backup of the database and the documents into the empty or new folder `path`."""
    if path.exists() and (not path.is_dir() or any(path.iterdir())):
        raise BackupError(TARGET_NOT_EMPTY.format(path=path))
    vendor = _vendor()
    path.mkdir(parents=True, exist_ok=True)
    migrations = _applied_migrations()
    database = path / DATABASE_FILES[vendor]
    progress("database", 0, 1)
    _database_write(vendor, database)
    progress("database", 1, 1)

    source = Path(settings.BRYGGAN_DOCUMENTS_DIR)
    documents = _files_under(source) if source.is_dir() else []
    for done, document in enumerate(documents, start=1):
        copied = path / DOCUMENTS / document.relative_to(source)
        copied.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(document, copied)
        progress("documents", done, len(documents))

    files = [
        {"path": _relative(p, path), "size": p.stat().st_size, "sha256": _sha256(p)}
        for p in _files_under(path)
    ]
    manifest = {
        "format": FORMAT,
        "bryggan_version": bryggan.__version__,
        "vendor": vendor,
        "created_at": now.astimezone(UTC).isoformat(),
        "migrations": migrations,
        "files": files,
    }
    (path / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return BackupSummary(
        path=path,
        vendor=vendor,
        database_bytes=database.stat().st_size,
        documents=len(documents),
        documents_bytes=sum(document.stat().st_size for document in documents),
    )


# Restore


def manifest_read(path: Path) -> dict[str, Any]:
    """The manifest of the backup in `path`, checked against the files beside it."""
    manifest_path = path / MANIFEST
    if not manifest_path.is_file():
        raise BackupError(NO_MANIFEST.format(path=path))
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        if manifest.get("format") != FORMAT:
            raise BackupError(UNKNOWN_FORMAT.format(found=manifest.get("format"), format=FORMAT))
        files = {str(f["path"]): (int(f["size"]), str(f["sha256"])) for f in manifest["files"]}
        str(manifest["vendor"])
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise BackupError(BROKEN_MANIFEST.format(path=path, problem=error)) from error
    present = {_relative(p, path) for p in _files_under(path)} - {MANIFEST}
    for name in sorted(files):
        if name not in present:
            raise BackupError(FILE_MISSING.format(name=name))
    for name in sorted(present - set(files)):
        raise BackupError(FILE_EXTRA.format(name=name))
    for name, (size, sha256) in sorted(files.items()):
        file = path / name
        if file.stat().st_size != size or _sha256(file) != sha256:
            raise BackupError(FILE_CHANGED.format(name=name))
    return dict(manifest)


def restore(path: Path, *, progress: Progress = _no_progress) -> RestoreSummary:
    """Restore the backup in `path` into the configured, empty database and documents folder."""
    manifest = manifest_read(path)
    vendor = _vendor()
    if manifest["vendor"] != vendor:
        raise BackupError(VENDOR_MISMATCH.format(found=manifest["vendor"], vendor=vendor))
    found = database_contents()
    if found:
        raise BackupError(DATABASE_NOT_EMPTY.format(found=found))
    target = Path(settings.BRYGGAN_DOCUMENTS_DIR)
    if target.is_dir() and _files_under(target):
        raise BackupError(DOCUMENTS_NOT_EMPTY.format(path=target))
    database_file = DATABASE_FILES[vendor]
    if database_file not in {f["path"] for f in manifest["files"]}:
        raise BackupError(FILE_MISSING.format(name=database_file))

    progress("database", 0, 1)
    _database_read(vendor, path / database_file)
    progress("database", 1, 1)

    documents = [f for f in manifest["files"] if f["path"].startswith(f"{DOCUMENTS}/")]
    for done, entry in enumerate(documents, start=1):
        copied = target / entry["path"].removeprefix(f"{DOCUMENTS}/")
        copied.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        shutil.copy2(path / entry["path"], copied)
        if _sha256(copied) != entry["sha256"]:
            raise BackupError(FILE_CHANGED.format(name=entry["path"]))
        progress("documents", done, len(documents))

    tables = [t for t in _bryggan_tables() if t in set(connection.introspection.table_names())]
    rows = sum(_count_rows(t) for t in tables)
    return RestoreSummary(
        path=path,
        vendor=vendor,
        tables=len(tables),
        rows=rows,
        documents=len(documents),
        documents_bytes=sum(int(f["size"]) for f in documents),
    )
