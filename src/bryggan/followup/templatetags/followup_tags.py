"""`{% caseload_rebalancing rows cap %}`: suggested moves under the unit's caseload table."""

from __future__ import annotations

from typing import Any

from django import template

from bryggan.accounts.models import User
from bryggan.followup.rules import caseload_rebalance

register = template.Library()


@register.inclusion_tag("followup/caseload_rebalancing.html")
def caseload_rebalancing(rows: list[tuple[User, int]], cap: int) -> dict[str, Any]:
    """Rows are `people.selectors.caseworkers_with_load`: no further query."""
    people = {user.pk: user for user, _ in rows}
    suggestion = caseload_rebalance([(user.pk, load) for user, load in rows], cap=cap)
    return {
        "moves": [(people[m.from_id], people[m.to_id], m.cases) for m in suggestion.moves],
        "unplaced": suggestion.unplaced,
        "over": any(load > cap for _, load in rows),
        "cap": cap,
    }
