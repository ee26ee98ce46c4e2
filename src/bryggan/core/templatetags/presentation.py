"""How pages show amounts and dates to people: `{{ x|kr }}` → 11 050 kr, `{{ x|thousands }}` →
11 050 (for a sentence whose translation carries the unit), `{{ day|prose_date }}` →
7 december 2026. Loaded as a builtin (settings.TEMPLATES), so every template has them."""

from __future__ import annotations

from datetime import date

from django import template
from django.utils.formats import date_format

from bryggan.core.money import format_kronor, group_digits

register = template.Library()


def _whole(value: object) -> int | None:
    if isinstance(value, bool) or value in (None, ""):
        return None
    try:
        return int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return None


@register.filter
def kr(value: object) -> object:
    """An amount in kronor as Swedish readers write it; anything else unchanged."""
    amount = _whole(value)
    return value if amount is None else format_kronor(amount)


@register.filter
def thousands(value: object) -> object:
    """Digits grouped by three, without the unit."""
    amount = _whole(value)
    return value if amount is None else group_digits(amount)


@register.filter
def prose_date(value: object) -> object:
    """A date in running text: 7 december 2026 (in the page's language)."""
    if not isinstance(value, date):
        return value
    return date_format(value, "j F Y")
