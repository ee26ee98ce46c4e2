"""When the menu's cached counts are stale: a generation per unit, renewed on every change.

The counts (`registry.desk_counts`) are cached under a key that names the current generation of
the user's unit and the generation of everything. Whenever a service records a change to a case,
the change history announces it after the commit (`audit.signals.cases_changed`), and the
generation of that case's unit is renewed: every count made before is no longer found, so an item
a user has just acted on leaves the menu's count at once instead of lingering for the cache's
30 seconds. A change that names no case, or one touching many cases at once (a payment run),
renews the generation of everything.

A generation is a random token, not a counter: a token lost from the cache comes back as a new
one, so a stale count can never be found again under it.

The cache is Django's: with several server processes it must be one they share (a database or
Redis cache) for a change in one process to reach the counts of another.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from uuid import uuid4

from django.core.cache import cache

from bryggan.people.selectors import units_of_households

EVERYTHING = "desk-generation"
MANY_CASES = 200  # past this many changed cases, renew everything rather than look up units


def _unit_key(unit_id: int | None) -> str:
    return f"desk-generation:unit:{unit_id}"


def counts_generation(unit_id: int | None) -> str:
    """The generation under which counts for the unit's users are cached now."""
    keys = [EVERYTHING, _unit_key(unit_id)]
    found: dict[str, Any] = cache.get_many(keys)
    missing = {key: uuid4().hex for key in keys if key not in found}
    if missing:
        cache.set_many(missing, timeout=None)
        found.update(missing)
    return f"{found[EVERYTHING]}.{found[_unit_key(unit_id)]}"


def generations_renew(*, unit_ids: Iterable[int] = (), everything: bool = False) -> None:
    """Make every count cached so far for these units (or for all) stale."""
    renewed = {_unit_key(unit_id): uuid4().hex for unit_id in unit_ids}
    if everything:
        renewed[EVERYTHING] = uuid4().hex
    if renewed:
        cache.set_many(renewed, timeout=None)


def on_cases_changed(
    sender: object, *, case_ids: frozenset[int], without_case: bool, **kwargs: object
) -> None:
    """The receiver of `audit.signals.cases_changed`."""
    if without_case or len(case_ids) > MANY_CASES:
        generations_renew(everything=True)
    elif case_ids:
        generations_renew(unit_ids=units_of_households(case_ids))
