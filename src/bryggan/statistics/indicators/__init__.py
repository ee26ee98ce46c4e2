"""The indicator engine: Öppna jämförelser of economic assistance, from the payment register.

Source: Socialstyrelsen, *Öppna jämförelser av ekonomiskt bistånd*, the indicators of Table 1 in
SKL's *Att bryta mönster* (2013); the exact definitions Bryggan implements are those of
`shared/contracts/indicators.md`. Each indicator is one SQL file in this package whose header names
its official definition and returns, per municipality, an integer numerator and denominator. This
module is the registry (id → SQL + unit) and runs the files on DuckDB: `facts.sql` first makes the
one pass over the register that they all read.

Every division and its rounding (halves up) happens here, on the integers SQL returns, with exact
integer arithmetic: a percentage such as 2.25 is never a binary fraction that rounds the wrong way.
No Django: this package runs wherever DuckDB does, and its SQL stays portable (see `facts.sql`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from importlib import resources
from typing import Any, Final, cast

import duckdb

from bryggan.core.errors import DomainError
from bryggan.core.month import MONTHS_PER_YEAR, Month

# The period of very long-term assistance: the three calendar years ending with the indicator year.
WINDOW_MONTHS: Final = 3 * MONTHS_PER_YEAR


class Unit(StrEnum):
    """How an indicator's numerator and denominator become its value (contracts/indicators.md)."""

    COUNT = "count"  # the numerator itself
    PERCENT = "percent"  # numerator / denominator * 100, one decimal, halves up
    KRONOR = "kronor"  # numerator / denominator, whole kronor, halves up
    MONTHS = "months"  # numerator / denominator, one decimal, halves up


@dataclass(frozen=True, slots=True)
class Indicator:
    """One indicator: its output column, Swedish heading, official definition and SQL."""

    id: str
    title: str
    definition: str
    unit: Unit
    sql: str


@dataclass(frozen=True, slots=True)
class MunicipalityIndicators:
    """The indicators of one municipality and year, in the contract's column order.

    A share whose denominator is zero (no adult recipient; no inhabitant aged 18–24) is None.
    """

    municipality: str
    year: int
    households: int
    recipients: int
    recipients_pct: Decimal
    adult_recipients: int
    long_term_pct: Decimal | None
    very_long_term_pct: Decimal | None
    young_adults_pct: Decimal | None
    cost_per_inhabitant: int
    mean_months_per_household: Decimal


class PopulationMissingError(DomainError):
    """A municipality has recipients in the year but no row in the population file."""

    def __init__(self, municipality: str, year: int) -> None:
        super().__init__(f"no row for {municipality} in {year}", field="municipality")
        self.municipality = municipality
        self.year = year


_HEADER_ID = re.compile(r"^-- (?P<id>[a-z0-9_]+): (?P<title>.+)$")
_PARAMETER = re.compile(r"\$([a-z_]+)")


def _sql_text(name: str) -> str:
    return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")


def _header(sql: str) -> list[str]:
    """The leading comment lines up to the first blank comment line: id, title and definition."""
    lines = []
    for line in sql.splitlines():
        if not line.startswith("--") or line.strip() == "--":
            break
        lines.append(line)
    return lines


def _indicator(indicator_id: str, unit: Unit) -> Indicator:
    sql = _sql_text(f"{indicator_id}.sql")
    first, *rest = _header(sql)
    match = _HEADER_ID.match(first)
    if match is None or match["id"] != indicator_id:
        raise ValueError(f"{indicator_id}.sql: the header must start '-- {indicator_id}: <title>'")
    definition = " ".join(line.removeprefix("--").strip() for line in rest)
    return Indicator(indicator_id, match["title"], definition, unit, sql)


INDICATORS: Final[tuple[Indicator, ...]] = tuple(
    _indicator(indicator_id, unit)
    for indicator_id, unit in (
        ("households", Unit.COUNT),
        ("recipients", Unit.COUNT),
        ("recipients_pct", Unit.PERCENT),
        ("adult_recipients", Unit.COUNT),
        ("long_term_pct", Unit.PERCENT),
        ("very_long_term_pct", Unit.PERCENT),
        ("young_adults_pct", Unit.PERCENT),
        ("cost_per_inhabitant", Unit.KRONOR),
        ("mean_months_per_household", Unit.MONTHS),
    )
)
FACTS_SQL: Final = _sql_text("facts.sql")


def ratio_half_up(numerator: int, denominator: int, places: int) -> Decimal:
    """`numerator / denominator` rounded to `places` decimals, halves up, exactly.

    Integer arithmetic throughout: 1/8 = 0.125 → 0.13 and 9/400 * 100 = 2.25 → 2.3, every time.
    """
    if numerator < 0 or denominator <= 0:
        raise ValueError("ratio_half_up takes a non-negative numerator and a positive denominator")
    quotient, remainder = divmod(numerator * 10**places, denominator)
    if 2 * remainder >= denominator:
        quotient += 1
    return Decimal(quotient).scaleb(-places)


def indicator_value(unit: Unit, numerator: int, denominator: int) -> int | Decimal | None:
    """An indicator's value from its numerator and denominator, rounded as the contract says."""
    if unit is Unit.COUNT:
        return numerator
    if denominator == 0:
        return None
    if unit is Unit.PERCENT:
        return ratio_half_up(numerator * 100, denominator, 1)
    if unit is Unit.KRONOR:
        return int(ratio_half_up(numerator, denominator, 0))
    return ratio_half_up(numerator, denominator, 1)


def _statements(sql: str) -> list[str]:
    """The statements of a SQL file, split at each `;` that ends a line."""
    return [part.strip() for part in re.split(r";\s*$", sql, flags=re.MULTILINE) if part.strip()]


def _run(
    con: duckdb.DuckDBPyConnection, sql: str, parameters: Mapping[str, object]
) -> duckdb.DuckDBPyConnection:
    code = re.sub(r"--[^\n]*", "", sql)
    used = {name: parameters[name] for name in set(_PARAMETER.findall(code))}
    return con.execute(sql, used)


def _window_months_create(con: duckdb.DuckDBPyConnection, year: int) -> None:
    """The 36 months of the window, oldest first: text month, its bit, and if it is in `year`."""
    first = Month(year - 2, 1)
    con.execute("DROP TABLE IF EXISTS window_months")
    con.execute(
        "CREATE TEMPORARY TABLE window_months (month VARCHAR, month_bit BIGINT, in_year INTEGER)"
    )
    rows = [
        (str(first.plus(offset)), 1 << offset, int(first.plus(offset).year == year))
        for offset in range(WINDOW_MONTHS)
    ]
    con.execute(
        "INSERT INTO window_months VALUES " + ", ".join(["(?, ?, ?)"] * len(rows)),  # noqa: S608 (placeholders only)
        [value for row in rows for value in row],
    )


def indicators_compute(
    con: duckdb.DuckDBPyConnection,
    *,
    year: int,
    progress: Callable[[str], None] | None = None,
) -> list[MunicipalityIndicators]:
    """Every indicator for every municipality with a recipient in `year`, sorted by municipality.

    Reads the relation `register` (contract columns and types, see `register_io.register_attach`)
    and the table `population` on `con`.

    Raises:
        PopulationMissingError: a municipality with recipients has no population row for `year`.
    """
    report = progress or (lambda _message: None)
    parameters: dict[str, object] = {
        "year": year,
        "first_month": str(Month(year - 2, 1)),
        "year_first_month": str(Month(year, 1)),
        "last_month": str(Month(year, 12)),
    }
    try:
        _window_months_create(con, year)
        report("reading the register")
        for statement in _statements(FACTS_SQL):
            _run(con, statement, parameters)
        missing = con.execute(
            """SELECT MIN(municipality) FROM person_facts
               WHERE municipality NOT IN (SELECT municipality FROM population WHERE year = ?)""",
            [year],
        ).fetchone()
        if missing is not None and missing[0] is not None:
            raise PopulationMissingError(str(missing[0]), year)
        results: dict[str, dict[str, tuple[int, int]]] = {}
        for indicator in INDICATORS:
            report(f"computing {indicator.id}")
            rows = _run(con, indicator.sql, parameters).fetchall()
            results[indicator.id] = {str(m): (int(n), int(d)) for m, n, d in rows}
    finally:
        for table in ("person_facts", "household_facts", "window_months"):
            con.execute(f"DROP TABLE IF EXISTS {table}")
    return [
        MunicipalityIndicators(
            municipality=municipality,
            year=year,
            **cast(
                "dict[str, Any]",
                {
                    indicator.id: indicator_value(
                        indicator.unit, *results[indicator.id].get(municipality, (0, 0))
                    )
                    for indicator in INDICATORS
                },
            ),
        )
        for municipality in sorted(results["recipients"])
    ]
