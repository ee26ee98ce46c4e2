"""Inserting many plain rows of one model fast: for a batch whose rows nobody reads back at once.

Django's `bulk_create` builds a model instance for each row and prepares each value through its
field, which is most of its time on a large batch (a renewal batch's 165,000 check rows: about ten
seconds of a pre-assessment's twenty on PostgreSQL). `rows_insert` writes tuples instead:
PostgreSQL through psycopg's COPY … FROM STDIN, elsewhere (SQLite) one INSERT run for every row
with the driver's `executemany`. A JSON field's value is encoded as Django encodes it
(`json.dumps` with the field's encoder; None as SQL NULL); integers, text, booleans and None go as
they are; any other field's values through the field's own `get_db_prep_save`, as `bulk_create`
would.

What `bulk_create` does and this does not: no ids come back, no `save()`, no signals, no
`pre_save` (so no `auto_now`); defaults are not filled in, so name every column the row needs.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from itertools import islice
from typing import Any

from django.db import connection, models

BATCH = 5000  # rows per executemany call (memory, not correctness)
_AS_THEY_ARE = (
    models.IntegerField,  # with SmallIntegerField, PositiveIntegerField, … and AutoField
    models.CharField,
    models.TextField,
    models.BooleanField,
)


def _preparer(field: models.Field[Any, Any]) -> Callable[[Any], Any] | None:
    if isinstance(field, models.JSONField):
        encoder = field.encoder
        return lambda value: None if value is None else json.dumps(value, cls=encoder)
    if isinstance(field, models.ForeignKey):
        field = field.target_field
    if isinstance(field, _AS_THEY_ARE):
        return None
    return lambda value: field.get_db_prep_save(value, connection)


def rows_insert(
    model: type[models.Model], fields: Sequence[str], rows: Iterable[tuple[Any, ...]]
) -> int:
    """Insert `rows` (one value per name in `fields`, in that order; a foreign key's value is
    the related row's id) into `model`'s table, in the calling transaction. Returns the count."""
    columns = [model._meta.get_field(name) for name in fields]
    preparers = [_preparer(field) for field in columns]
    if any(preparers):
        rows = (
            tuple(
                value if prepare is None else prepare(value)
                for prepare, value in zip(preparers, row, strict=True)
            )
            for row in rows
        )
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(field.column) for field in columns)
    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
            return count
        marks = ", ".join(["%s"] * len(columns))
        sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"  # noqa: S608
        iterator = iter(rows)
        while batch := list(islice(iterator, BATCH)):
            cursor.executemany(sql, batch)
            count += len(batch)
    return count
