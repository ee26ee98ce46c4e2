"""The neighbours of each municipality, read from a data file (the distance factor of matching).

The shipped file `data/neighbours.toml` covers the demo region and is marked unverified; the
setting `EMPLOYERS_NEIGHBOURS_FILE` names a municipality's own file instead.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from django.conf import settings

from bryggan.employers.rules import neighbours_symmetric

DEFAULT_FILE = Path(__file__).parent / "data" / "neighbours.toml"


@cache
def _load(path: Path) -> dict[str, frozenset[str]]:
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    return neighbours_symmetric(data.get("neighbours", {}))


def neighbours() -> dict[str, frozenset[str]]:
    """Case-folded municipality name → its neighbours (symmetric)."""
    configured = getattr(settings, "EMPLOYERS_NEIGHBOURS_FILE", None)
    return _load(Path(configured) if configured else DEFAULT_FILE)
