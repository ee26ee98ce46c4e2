"""`{% if user|can:"manage_projects" %}`: templates ask for a capability, never a role's name.

A link or button is shown by the capability that the view it leads to declares with
`@requires` (`accounts/decorators.py`), so the page and its links follow the one table of
`accounts/roles.py` and cannot drift apart: no link that answers 403, no page without its link.
"""

from __future__ import annotations

from django import template

from bryggan.accounts.roles import Capability

register = template.Library()


def capability_named(name: object) -> Capability:
    """The capability whose value is `name`; an unknown name is a mistake in the template.

    It raises rather than answering False: a misspelt name would otherwise hide a button from
    everybody without a sound. Note that `{% if %}` swallows errors inside `and`/`or`/`not`
    (Django's smart-if turns them into False), so write `{% if user|can:"x" %}` on its own and
    nest it; tests/accounts/test_nav_capabilities.py also checks every name used in a template.
    """
    try:
        return Capability(str(name))
    except ValueError:
        known = ", ".join(sorted(c.value for c in Capability))
        raise template.TemplateSyntaxError(
            f"unknown capability {name!r} in the 'can' filter; known: {known}"
        ) from None


@register.filter
def can(user: object, capability: object) -> bool:
    """True when the signed-in user's role has `capability` (the Capability value, e.g.
    "manage_projects"); False for an anonymous visitor or an inactive user."""
    wanted = capability_named(capability)
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.can(wanted))  # type: ignore[attr-defined]


@register.filter
def minutes(value: object) -> int:
    """A `timedelta` in whole minutes (the sign-in lockout's cool-off time)."""
    total = getattr(value, "total_seconds", None)
    return int(total() // 60) if total else 0
