"""`{% menu_count "planning:missed" %}`: how many of the user's desk items stand beside a menu
entry, from the counts per kind made once per request and kept in the cache for a short time
(`registry.desk_counts_of_request`): counted in SQL, no item built."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from bryggan.desk.registry import count_by_menu, desk_counts_of_request

register = template.Library()


@register.simple_tag(takes_context=True)
def menu_count(context: dict[str, Any], menu: str) -> SafeString | str:
    request = context.get("request")
    if request is None:
        return ""
    counts = getattr(request, "_desk_menu_counts", None)
    if counts is None:
        counts = count_by_menu(desk_counts_of_request(request))
        request._desk_menu_counts = counts
    count = counts.get(menu, 0)
    if not count:
        return ""
    return format_html(
        ' <span class="count"><span class="visually-hidden">{}</span>{}</span>',
        _("waiting:"),
        count,
    )
