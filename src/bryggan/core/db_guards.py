"""Rows the database itself refuses to change: a trigger on SQLite and on PostgreSQL, made by a
migration, so that a signed decision, note or assessment, or a filed document, stays as it was
whether it is written through the ORM, a queryset update or plain SQL.

Deleting stays possible: records are removed when the law no longer lets them be kept (*gallring*,
SoL (2025:400) 16 kap.); the models refuse it, the database does not. The first such trigger is
decisions/migrations/0004 (written out in full there); later ones call `refuse_updates`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import migrations


def _condition(locked_when: str, columns: Sequence[str], operator: str) -> str:
    changed = " OR ".join(f"NEW.{column} {operator} OLD.{column}" for column in columns)
    parts = [part for part in (locked_when, f"({changed})" if changed else "") if part]
    return " AND ".join(parts)


def refuse_updates(
    *, name: str, table: str, message: str, locked_when: str = "", columns: Sequence[str] = ()
) -> migrations.RunPython:
    """A migration operation: refuse an UPDATE of `table` while `locked_when` holds of the old
    row (always, when empty) that changes any of `columns` (any change, when none are named)."""

    def create(apps: Any, schema_editor: Any) -> None:
        vendor = schema_editor.connection.vendor
        if vendor == "sqlite":
            when = _condition(locked_when, columns, "IS NOT")
            schema_editor.execute(
                f"CREATE TRIGGER {name} BEFORE UPDATE ON {table} "
                + (f"WHEN {when} " if when else "")
                + f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
            )
        elif vendor == "postgresql":
            when = _condition(locked_when, columns, "IS DISTINCT FROM") or "TRUE"
            schema_editor.execute(
                f"CREATE FUNCTION {name}() RETURNS trigger AS $$ BEGIN "
                f"IF {when} THEN RAISE EXCEPTION '{message}'; END IF; "
                "RETURN NEW; END $$ LANGUAGE plpgsql"
            )
            schema_editor.execute(
                f"CREATE TRIGGER {name} BEFORE UPDATE ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION {name}()"
            )

    def drop(apps: Any, schema_editor: Any) -> None:
        vendor = schema_editor.connection.vendor
        if vendor == "sqlite":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")
        elif vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
            schema_editor.execute(f"DROP FUNCTION IF EXISTS {name}()")

    return migrations.RunPython(create, drop)
