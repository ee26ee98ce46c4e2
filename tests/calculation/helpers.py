"""Norm data for tests: the shipped tables plus the prisbasbelopp the expected answers assume.

price_base_amount.toml is kept by the research side and lists only years checked against the
ordinance; for a year not there, tests that need a prisbasbelopp use the figure written in the test.
When the shipped file has the year, the figure must agree with it, so a worked example can never
silently rest on another amount than the shipped one.
"""

from __future__ import annotations

import shutil
import tomllib
from collections.abc import Mapping
from pathlib import Path

from bryggan.norms.tables import DATA_DIR, PRICE_BASE_AMOUNT_FILE, Norms

# Prisbasbelopp by year (förordningar om prisbasbelopp; 2021: 47 600 kr).
ASSUMED_PRICE_BASE_AMOUNTS = {2014: 44_400, 2019: 46_500, 2021: 47_600}


class PriceBaseAmountMismatchError(AssertionError):
    """A test assumes another prisbasbelopp than the one shipped for that year."""


def norms_with_price_base_amounts(directory: Path, amounts: Mapping[int, int]) -> Norms:
    """A copy of the shipped norm data in `directory`, with `amounts` added where not shipped."""
    shutil.copytree(DATA_DIR, directory, dirs_exist_ok=True)
    path = directory / PRICE_BASE_AMOUNT_FILE
    tables: dict[str, dict[str, object]] = (
        tomllib.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    )
    for year, amount in amounts.items():
        shipped = tables.get(str(year))
        if shipped is not None and shipped.get("amount") != amount:
            raise PriceBaseAmountMismatchError(
                f"test assumes prisbasbelopp {amount} for {year}, shipped {shipped.get('amount')}"
            )
        tables.setdefault(
            str(year),
            {"amount": amount, "reference": "test", "title": f"prisbasbelopp {year} (test)"},
        )
    lines: list[str] = []
    for year, table in sorted(tables.items()):
        lines.append(f"[{year}]")
        lines.extend(
            f"{key} = {value}" if isinstance(value, int) else f'{key} = "{value}"'
            for key, value in table.items()
        )
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")
    return Norms(directory)
