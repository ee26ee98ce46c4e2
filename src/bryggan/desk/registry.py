"""The desk's registry: every kind of item that can wait on a person, whichever app it lives in.

A kind is a provider function that returns the items waiting in a scope (one user, or a unit for
its manager), each with its deadline, a title, the case and the URL of the page where it is done.
`desk_items` gathers every kind the user's role may act on and orders them by deadline.

How an app adds a kind (docs/architecture.md, "The desk"): in `<app>/desk.py`, which the desk
imports at start-up,

    @register("appeals_to_forward", label=_("Appeals to check and forward"),
              capability=Capability.DECIDE, menu="decisions:appeal_list")
    def appeals_to_forward(scope: DeskScope) -> list[DeskItem]:
        ...  # one query, filtered by scope.unit_id and, unless scope.whole_unit, by scope.user

A provider reads its rows with one query (no query per item: tests/desk/test_kinds.py counts
them) and never reads a case outside `scope.unit_id`. It returns its most urgent `scope.limit`
items and how many there are in all (`Waiting`, made by `waiting()` from a queryset: the rows are
ordered by deadline and cut in SQL, each row carrying the count of all: one query), so a
manager's desk of thousands of items builds only the few hundred it shows. A provider may still
return a plain list of every item (the registry then sorts, counts and cuts it in Python).

The menu's counts (`desk_counts`) ask every provider with `limit=0`: one COUNT per kind, kept in
Django's cache per user for `settings.BRYGGAN_DESK_COUNT_SECONDS` (30 s), under the generation of
the user's unit, which every recorded change to one of the unit's cases renews (`freshness.py`):
acting on an item takes it off the count at once. My work itself always counts afresh.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, QuerySet, Window
from django.db.models.expressions import BaseExpression
from django.http import HttpRequest
from django.utils import timezone
from django.utils.functional import Promise

from bryggan.accounts.roles import Capability
from bryggan.desk.freshness import counts_generation

if TYPE_CHECKING:
    from bryggan.accounts.models import User


@dataclass(frozen=True, slots=True)
class DeskScope:
    """Whose items: `user`'s own, or with `whole_unit` everything waiting in the user's unit.
    `limit`: how many of each kind's most urgent items to build (None: all; 0: only count)."""

    user: User
    unit_id: int
    today: date
    whole_unit: bool
    limit: int | None = None


@dataclass(frozen=True, slots=True)
class DeskItem:
    kind: str
    deadline: date  # the day by which it should be done; for an item with no set day, the day it
    # began waiting
    title: str
    household_id: int
    case_number: str
    url: str
    responsible: str = ""  # who it waits on, shown on the manager's view of the unit


@dataclass(frozen=True, slots=True)
class Waiting:
    """A provider's answer: its most urgent items (at most `scope.limit`), by deadline, and how
    many items of the kind wait in all."""

    items: list[DeskItem]
    count: int


Provider = Callable[[DeskScope], "Waiting | list[DeskItem]"]


def waiting(
    rows: QuerySet[Any],
    scope: DeskScope,
    *,
    order: Sequence[str | BaseExpression],
    fields: Sequence[str],
    item: Callable[[dict[str, Any]], DeskItem],
) -> Waiting:
    """The kind's answer from its rows, filtered to the scope but not ordered: ordered by `order`
    (the deadline, or a value that orders as the deadline does) and cut to `scope.limit` in SQL;
    each row (`.values(*fields)`) made an item by `item`. One query: the rows cut to the limit
    carry the number of all rows (`COUNT(*) OVER ()`, which the database counts before the cut,
    in the same scan that finds the most urgent); only a COUNT when the limit is 0."""
    if scope.limit == 0:
        return Waiting([], rows.count())
    ordered = rows.order_by(*order)
    if scope.limit is None:
        items = [item(row) for row in ordered.values(*fields)]
        return Waiting(items, len(items))
    found = list(
        ordered.annotate(**{_IN_ALL: Window(Count("*"))}).values(*fields, _IN_ALL)[: scope.limit]
    )
    return Waiting([item(row) for row in found], found[0][_IN_ALL] if found else 0)


_IN_ALL = "desk_waiting_in_all"  # the annotation holding the whole count on each row


@dataclass(frozen=True, slots=True)
class ItemKind:
    key: str
    label: str | Promise
    provider: Provider
    capability: Capability
    menu: str  # the URL name of the menu entry the count stands beside ("" for none)
    order: int  # ties on the same deadline: the kind registered first comes first

    def answer(self, scope: DeskScope) -> Waiting:
        """The provider's answer; a provider returning a plain list is sorted, counted and cut
        here."""
        found = self.provider(scope)
        if isinstance(found, Waiting):
            return found
        found = sorted(found, key=lambda i: (i.deadline, i.case_number))
        return Waiting(found if scope.limit is None else found[: scope.limit], len(found))


_KINDS: dict[str, ItemKind] = {}


def register(
    key: str, *, label: str | Promise, capability: Capability, menu: str = ""
) -> Callable[[Provider], Provider]:
    """Add a kind of item to every desk whose user has `capability`."""

    def add(provider: Provider) -> Provider:
        if key in _KINDS and _KINDS[key].provider is not provider:
            raise ValueError(f"a desk item kind named {key!r} is already registered")
        order = _KINDS[key].order if key in _KINDS else len(_KINDS)
        _KINDS[key] = ItemKind(key, label, provider, capability, menu, order)
        return provider

    return add


def kinds() -> list[ItemKind]:
    return sorted(_KINDS.values(), key=lambda kind: kind.order)


def kinds_for(user: User) -> list[ItemKind]:
    return [kind for kind in kinds() if user.can(kind.capability)]


def scope_for(user: User, *, today: date, limit: int | None = None) -> DeskScope | None:
    """The user's scope: a manager (who sees the unit's caseload) sees the unit's items."""
    if user.unit_id is None or not user.can(Capability.VIEW_CASES):
        return None
    return DeskScope(
        user=user,
        unit_id=user.unit_id,
        today=today,
        whole_unit=user.can(Capability.VIEW_UNIT),
        limit=limit,
    )


@dataclass(frozen=True, slots=True)
class Desk:
    """A user's desk: the most urgent items of all kinds, and each kind's whole count."""

    items: list[DeskItem]
    counts: dict[str, int]  # by kind key, every kind the user's role may act on

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def desk(user: User, *, today: date, limit: int | None = None) -> Desk:
    """The `limit` most urgent items waiting on `user` (a manager: on the unit), most urgent
    first, with the whole count of each kind. Each kind builds at most `limit` items."""
    scope = scope_for(user, today=today, limit=limit)
    if scope is None:
        return Desk([], {})
    chosen = kinds_for(user)
    order = {kind.key: kind.order for kind in chosen}
    answers = {kind.key: kind.answer(scope) for kind in chosen}
    items = sorted(
        (item for answer in answers.values() for item in answer.items),
        key=lambda item: (item.deadline, order[item.kind], item.case_number),
    )
    return Desk(
        items if limit is None else items[:limit],
        {key: answer.count for key, answer in answers.items()},
    )


def desk_items(user: User, *, today: date) -> list[DeskItem]:
    """Every item waiting on `user` (a manager: on the unit), most urgent first."""
    return desk(user, today=today).items


def desk_counts(user: User, *, today: date) -> dict[str, int]:
    """How many items of each kind wait on `user`: one COUNT per kind, no item built; kept in
    the cache for `settings.BRYGGAN_DESK_COUNT_SECONDS`."""
    key = _counts_key(user, today)
    counts: dict[str, int] | None = cache.get(key)
    if counts is None:
        scope = scope_for(user, today=today, limit=0)
        counts = {kind.key: kind.answer(scope).count for kind in kinds_for(user)} if scope else {}
        cache.set(key, counts, settings.BRYGGAN_DESK_COUNT_SECONDS)
    return counts


def desk_counts_remember(user: User, *, today: date, counts: dict[str, int]) -> None:
    """Keep counts just made (by My work, which counts every kind anyway) for the menu."""
    cache.set(_counts_key(user, today), counts, settings.BRYGGAN_DESK_COUNT_SECONDS)


def _counts_key(user: User, today: date) -> str:
    generation = counts_generation(user.unit_id)
    return f"desk-counts:{user.pk}:{user.role}:{user.unit_id}:{today.isoformat()}:{generation}"


def desk_counts_of_request(request: HttpRequest) -> dict[str, int]:
    """The signed-in user's counts per kind, once per request (from the cache when fresh)."""
    cached: dict[str, int] | None = getattr(request, "_desk_counts", None)
    if cached is None:
        user = request.user
        cached = (
            desk_counts(user, today=timezone.localdate())  # type: ignore[arg-type]
            if user.is_authenticated
            else {}
        )
        request._desk_counts = cached  # type: ignore[attr-defined]
    return cached


def count_by_menu(counts: dict[str, int]) -> dict[str, int]:
    """How many items stand beside each menu entry (URL name), and "desk:my_work" for all, from
    the counts per kind."""
    menus = {kind.key: kind.menu for kind in kinds()}
    by_menu: dict[str, int] = {"desk:my_work": sum(counts.values())}
    for key, count in counts.items():
        menu = menus.get(key, "")
        if menu and count:
            by_menu[menu] = by_menu.get(menu, 0) + count
    return by_menu
