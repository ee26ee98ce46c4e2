"""A `values()` read that runs on every request with only its ids changing, its SQL built once.

The case page and the timeline run fifteen small reads each time (one per kind of event); most
of what each costs the server is the ORM building its SQL (about half a millisecond of CPU a
read, more than the database spends), not its rows. `reused_sql(selector)` builds the read's
SQL once per database connection and then runs it with the new ids, converting the values as
the ORM would (its own converters) and giving the same rows as the selector's queryset.

It is for a selector whose read depends on its ids alone: anything else it reads (the clock,
a setting, a flag) would be built in once and kept. That the ids enter the SQL as parameters and
nowhere else is checked when the SQL is built: the selector is compiled with two different sets
of stand-in ids, and the two must give the same SQL with parameters differing only where the ids
go. A selector for which that does not hold (an id that changes the SQL's shape, a slice) is
simply run through the ORM each time. The rows are read through Django's cursor, so the query
is logged and counted like any other.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import QuerySet

Rows = list[dict[str, Any]]
Selector = Callable[..., QuerySet[Any, dict[str, Any]]]

# Stand-in ids, within a 32-bit integer column's range (Django answers an out-of-range id with
# an empty result instead of a parameter, which would change the SQL).
_STAND_INS = (2_000_000_011, 2_000_000_311)


@dataclass(frozen=True, slots=True)
class _Built:
    sql: str
    params: tuple[Any, ...]
    slots: tuple[tuple[int, int], ...]  # (parameter's place, argument's place)
    names: tuple[str, ...]
    converters: tuple[tuple[int, tuple[Callable[..., Any], ...], Any], ...]


_built: weakref.WeakKeyDictionary[BaseDatabaseWrapper, dict[Selector, _Built | None]] = (
    weakref.WeakKeyDictionary()
)


def reused_sql(selector: Selector) -> Callable[..., Rows]:
    """`selector(*ids)` (a queryset of `values()`) as a function of the same ids giving its rows,
    the SQL built once per connection (see the module's docstring)."""

    def rows(*ids: int) -> Rows:
        connection = connections[DEFAULT_DB_ALIAS]  # this thread's
        built_here = _built.setdefault(connection, {})
        if selector not in built_here:
            built_here[selector] = _build(selector, len(ids), connection)
        built = built_here[selector]
        if built is None:
            return list(selector(*ids))
        return _run(built, ids, connection)

    return rows


def _build(selector: Selector, arity: int, connection: BaseDatabaseWrapper) -> _Built | None:
    stand_ins = [[base + n for n in range(arity)] for base in _STAND_INS]
    reads = [selector(*ids) for ids in stand_ins]
    query = reads[0].query
    if (
        not query.values_select
        or query.extra_select
        or query.annotation_select
        or query.combinator
        or reads[0]._prefetch_related_lookups
    ):
        return None
    compilers = [read.query.get_compiler(connection=connection) for read in reads]
    (sql, params), (other_sql, other_params) = (compiler.as_sql() for compiler in compilers)
    if sql != other_sql or len(params) != len(other_params):
        return None
    slots = []
    for place, (first, second) in enumerate(zip(params, other_params, strict=True)):
        if first == second:
            continue
        if first not in stand_ins[0] or second != stand_ins[1][stand_ins[0].index(first)]:
            return None
        slots.append((place, stand_ins[0].index(first)))
    compiler = compilers[0]
    names = tuple(query.values_select)
    columns = [column[0] for column in compiler.select[: compiler.col_count]]
    if len(columns) != len(names):
        return None
    converters = tuple(
        (place, tuple(functions), expression)
        for place, (functions, expression) in compiler.get_converters(columns).items()
    )
    return _Built(sql, tuple(params), tuple(slots), names, converters)


def _run(built: _Built, ids: Sequence[int], connection: BaseDatabaseWrapper) -> Rows:
    params = list(built.params)
    for place, argument in built.slots:
        params[place] = ids[argument]
    with connection.cursor() as cursor:
        cursor.execute(built.sql, params)
        fetched = cursor.fetchall()
    rows = []
    for values in fetched:
        row = list(values)
        for place, functions, expression in built.converters:
            value = row[place]
            for convert in functions:
                value = convert(value, expression, connection)
            row[place] = value
        rows.append(dict(zip(built.names, row, strict=False)))
    return rows
