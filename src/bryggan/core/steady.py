"""Lookups that hold still during a bulk load: a unit's settings and delegation, the norms.

A selector of such a setting reads it through `steady(key, read)`. Outside a `steady_lookups()`
block that reads every time, as a running system must (an administrator may change a setting
between two requests). Inside one the first read is kept and given back for the same key until
the block ends. The block is for a single writer loading data whose settings it wrote before the
block began (`bryggan demo`), never for a running system; the values kept must not be changed by
their callers (give back tuples, frozen dataclasses, or a copy).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

T = TypeVar("T")

_kept: ContextVar[dict[Hashable, Any] | None] = ContextVar("steady_lookups", default=None)


@contextmanager
def steady_lookups() -> Iterator[None]:
    """Keep each steady lookup's first answer until the block ends (nested blocks share it)."""
    if _kept.get() is not None:
        yield
        return
    token = _kept.set({})
    try:
        yield
    finally:
        _kept.reset(token)


def steady(key: Hashable, read: Callable[[], T]) -> T:
    """`read()`, or inside `steady_lookups()` the answer it first gave for `key`."""
    kept = _kept.get()
    if kept is None:
        return read()
    if key not in kept:
        kept[key] = read()
    value: T = kept[key]
    return value
