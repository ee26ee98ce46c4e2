"""Which role and unit a staff member's groups at the identity provider give: pure, no ORM.

The mapping is the municipality's own (the administrator's `ClaimMapping` rows): no law says which
group is which role. A sign-in whose groups match no row, or rows that disagree, is refused: an
account is never given a role nobody chose for it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class StaffRefusal(StrEnum):
    UNKNOWN_GROUP = "unknown_group"  # no group of the user's is mapped
    CONFLICTING_GROUPS = "conflicting_groups"  # mapped groups give different roles or units
    NO_SUBJECT = "no_subject"  # the provider sent no subject: nobody to sign in
    ACCOUNT_OFF = "account_off"  # the user linked to this identity is switched off


@dataclass(frozen=True, slots=True)
class Grant:
    """A role, its unit (None for roles outside a unit) and the right to see protected
    identities."""

    role: str
    unit_id: int | None
    sees_protected_identity: bool


@dataclass(frozen=True, slots=True)
class MappingRow:
    claim_value: str
    grant: Grant


def claim_values(raw: object) -> frozenset[str]:
    """A claim as a set of strings: providers send groups as a list, some a single string."""
    if isinstance(raw, str):
        return frozenset({raw}) if raw else frozenset()
    if isinstance(raw, list | tuple | set | frozenset):
        return frozenset(str(item) for item in raw if isinstance(item, str | int) and item != "")
    return frozenset()


def staff_grant(values: frozenset[str], mappings: Iterable[MappingRow]) -> Grant | StaffRefusal:
    """The one grant the user's claim values give, or why there is none. Several matching rows
    are fine when they agree (a group for the role and one for all staff of the same unit)."""
    grants = {row.grant for row in mappings if row.claim_value in values}
    if not grants:
        return StaffRefusal.UNKNOWN_GROUP
    if len(grants) > 1:
        return StaffRefusal.CONFLICTING_GROUPS
    return grants.pop()
