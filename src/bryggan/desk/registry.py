"""The desk's registry: every kind of item that can wait on a person, whichever app it lives in.

A kind is a provider function that returns the items waiting in a scope (one user, or a unit for
its manager), each with its deadline, a title, the case and the URL of the page where it is done.
`desk_items` gathers every kind the user's role may act on and orders them by deadline.

How an app adds a kind (docs/architecture.md, "The desk"): in `<app>/desk.py`, which the desk
imports at start-up,

    @register("appeals_to_forward", label=_("Appeals to forward"), capability=Capability.DECIDE,
              menu="decisions:appeal_list")
    def appeals_to_forward(scope: DeskScope) -> list[DeskItem]:
        ...  # one query, filtered by scope.unit_id and, unless scope.whole_unit, by scope.user

A provider makes ONE query (no query per item: tests/desk/test_kinds.py counts them) and never
reads a case outside `scope.unit_id`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.http import HttpRequest
from django.utils import timezone
from django.utils.functional import Promise

from bryggan.accounts.roles import Capability

if TYPE_CHECKING:
    from bryggan.accounts.models import User


@dataclass(frozen=True, slots=True)
class DeskScope:
    """Whose items: `user`'s own, or with `whole_unit` everything waiting in the user's unit."""

    user: User
    unit_id: int
    today: date
    whole_unit: bool


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


Provider = Callable[[DeskScope], list[DeskItem]]


@dataclass(frozen=True, slots=True)
class ItemKind:
    key: str
    label: str | Promise
    provider: Provider
    capability: Capability
    menu: str  # the URL name of the menu entry the count stands beside ("" for none)
    order: int  # ties on the same deadline: the kind registered first comes first


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


def scope_for(user: User, *, today: date) -> DeskScope | None:
    """The user's scope: a manager (who sees the unit's caseload) sees the unit's items."""
    if user.unit_id is None or not user.can(Capability.VIEW_CASES):
        return None
    return DeskScope(
        user=user, unit_id=user.unit_id, today=today, whole_unit=user.can(Capability.VIEW_UNIT)
    )


def desk_items(user: User, *, today: date) -> list[DeskItem]:
    """Every item waiting on `user` (a manager: on the unit), most urgent first."""
    scope = scope_for(user, today=today)
    if scope is None:
        return []
    chosen = kinds_for(user)
    order = {kind.key: kind.order for kind in chosen}
    items = [item for kind in chosen for item in kind.provider(scope)]
    return sorted(items, key=lambda item: (item.deadline, order[item.kind], item.case_number))


def desk_items_of_request(request: HttpRequest) -> list[DeskItem]:
    """The signed-in user's items, gathered once per request: the page and the menu's counts
    share them."""
    cached: list[DeskItem] | None = getattr(request, "_desk_items", None)
    if cached is None:
        user = request.user
        cached = (
            desk_items(user, today=timezone.localdate())  # type: ignore[arg-type]
            if user.is_authenticated
            else []
        )
        request._desk_items = cached  # type: ignore[attr-defined]
    return cached


def count_by_menu(items: list[DeskItem]) -> dict[str, int]:
    """How many items stand beside each menu entry (URL name), and "desk:my_work" for all."""
    menus = {kind.key: kind.menu for kind in kinds()}
    counts: dict[str, int] = {"desk:my_work": len(items)}
    for item in items:
        menu = menus.get(item.kind, "")
        if menu:
            counts[menu] = counts.get(menu, 0) + 1
    return counts
