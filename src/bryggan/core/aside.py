"""Pure work a bulk load hands to another process, its result kept later in the order it was asked.

    with work_aside(pool):                       # a concurrent.futures executor
        then_with(render, args, then=store)      # render(*args) in the pool; store(result) later
    # on leaving the block: every store(result), in the order asked, before anything after it

Outside a `work_aside()` block `then_with` does the work at once: `then(make(*args))`, as a
running system must (a caseworker's signing stores its letter before the request ends). Inside
one, `make(*args)` runs in the executor while the caller goes on, and each `then` runs when the
block ends, in the order asked, in the caller's process and transaction. `make` must be pure: it
gets only its arguments (picklable, for a process pool), reads no database and writes nothing;
the `then` does the writing, through the same service as outside a block. For a single writer
loading data (`bryggan demo`, whose PDF letters are rendered on the second core), never for a
running system.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, NoReturn, TypeVar

import django
from django.apps import apps
from django.db import connection

T = TypeVar("T")


@dataclass
class _Aside:
    executor: Executor
    pending: list[tuple[Future[Any], Callable[[Any], object]]] = field(default_factory=list)


_current: ContextVar[_Aside | None] = ContextVar("work_aside", default=None)


@contextmanager
def work_aside(executor: Executor) -> Iterator[None]:
    """Run `then_with`'s work in `executor`; keep the results in order when the block ends.

    If the block fails, work not yet kept is cancelled and its `then` never runs."""
    if _current.get() is not None:
        raise RuntimeError("work_aside blocks do not nest")
    aside = _Aside(executor)
    token = _current.set(aside)
    try:
        yield
        _current.reset(token)  # a `then` that asks for more work does it at once
        token = None
        for future, then in aside.pending:
            then(future.result())
    finally:
        if token is not None:
            _current.reset(token)
        for future, _ in aside.pending:
            future.cancel()


def then_with(
    make: Callable[..., T], args: tuple[Any, ...], *, then: Callable[[T], object]
) -> None:
    """`then(make(*args))`: at once, or inside `work_aside()` with `make` in its executor and
    `then` when the block ends."""
    aside = _current.get()
    if aside is None:
        then(make(*args))
        return
    aside.pending.append((aside.executor.submit(make, *args), then))


def worker_start() -> None:
    """Start a process of a `work_aside` pool: Django set up when the process started afresh
    (spawned; a forked one has it already), and any use of the database refused, since a forked
    process shares its parent's open connection. Importable before Django is set up."""
    if not apps.ready:
        django.setup()

    def refuse(*args: object) -> NoReturn:
        raise RuntimeError("work done aside reads no database")

    connection.execute_wrappers.append(refuse)  # the connection a forked process shares
    connection.connect = refuse  # a new one
