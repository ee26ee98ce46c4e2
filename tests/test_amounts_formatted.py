"""Every page shows amounts as Swedish readers write them (issue 18): no "11050 kr" anywhere.

Walks every page of the permission matrix that the unit manager opens (the role that sees the
most) on a case with a decision, a payment, a sanction and a recovery claim, and fails on four
or more digits run together before "kr".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import unescape

import pytest
from django.test import Client

from bryggan.decisions.models import Decision
from tests.test_permissions import (
    EXPECTED,
    _url,
    case_in_unit,
    current_year_norm,
    delegation,
    make_decision,
)

pytestmark = pytest.mark.django_db
__all__ = ["case_in_unit", "current_year_norm", "delegation", "make_decision"]

# Four digits or more not grouped, then the unit: "11050 kr", "11050&nbsp;kr", "11050kr".
UNGROUPED = re.compile(r"(?<!\d)\d{4,}[ \u00a0]?kr\b")
TAGS = re.compile(r"<[^>]+>")


def ungrouped_amounts(html: str) -> list[str]:
    text = unescape(TAGS.sub(" ", html))
    return UNGROUPED.findall(text)


def test_the_check_finds_an_ungrouped_amount() -> None:
    assert ungrouped_amounts("<td>11050 kr</td>") == ["11050 kr"]
    assert ungrouped_amounts("<td>11050&nbsp;kr</td>") == ["11050\u00a0kr"]
    assert ungrouped_amounts("<td>11\u202f050\u00a0kr</td>") == []
    assert ungrouped_amounts("<td>950 kr</td>") == []


def test_no_page_shows_an_ungrouped_amount(
    case_in_unit: dict[str, int],
    client_as: Callable[..., Client],
    make_decision: Callable[..., Decision],
) -> None:
    client = client_as("unit_manager")
    found: dict[str, list[str]] = {}
    opened = 0
    for name, table in sorted(EXPECTED.items()):
        if table.get("unit_manager") != 200 or name.startswith("api:"):
            continue
        response = client.get(_url(name, case_in_unit))
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        opened += 1
        bad = ungrouped_amounts(response.content.decode())
        if bad:
            found[name] = bad
    assert opened > 40
    assert not found, f"amounts without thousands separators: {found}"
