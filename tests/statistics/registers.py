"""Hand-made payment registers for the indicator tests: rows, months, and a run of the engine."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import astuple, dataclass
from pathlib import Path

import duckdb
import pandas as pd

from bryggan.core.month import Month
from bryggan.statistics.indicators import MunicipalityIndicators, indicators_compute
from bryggan.statistics.register_io import POPULATION_COLUMNS, REGISTER_COLUMNS

YEAR = 2025
DEFAULT_POPULATION = (10_000, 1_000)
GOOD_ROW = {
    "municipality": "0136",
    "month": "2025-01",
    "household_id": "h1",
    "person_id": "p1",
    "birth_year": "1980",
    "role": "applicant",
    "amount": "5400",
}


def write_csv(path: Path, header: Sequence[str], rows: Sequence[Sequence[object]]) -> Path:
    """A CSV file with `header` and `rows`, as the register and population files are written."""
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(header)
        writer.writerows(rows)
    return path


@dataclass(frozen=True, slots=True)
class Row:
    """One register row (contracts/indicators.md)."""

    municipality: str
    month: str
    household_id: str
    person_id: str
    birth_year: int
    role: str
    amount: int = 0


def months(first: str, last: str) -> list[str]:
    """Every month from `first` to `last`, both included."""
    start, end = Month.parse(first), Month.parse(last)
    return [str(start.plus(i)) for i in range(end.minus(start) + 1)]


def person(
    person_id: str,
    assistance_months: Iterable[str],
    *,
    municipality: str = "0136",
    household_id: str | None = None,
    birth_year: int = 1980,
    role: str = "applicant",
    amount: int = 0,
) -> list[Row]:
    """Rows of one person for the given months, in one household of one municipality."""
    return [
        Row(
            municipality,
            month,
            household_id or f"h-{person_id}",
            person_id,
            birth_year,
            role,
            amount,
        )
        for month in assistance_months
    ]


def load_register(con: duckdb.DuckDBPyConnection, rows: Sequence[Row]) -> None:
    """Create the table `register` with the contract's types and `rows`."""
    frame = pd.DataFrame(
        [astuple(row) for row in rows],
        columns=list(REGISTER_COLUMNS),
    )
    con.register("register_rows", frame)
    con.execute(
        """CREATE OR REPLACE TEMPORARY TABLE register AS
           SELECT CAST(municipality AS VARCHAR) AS municipality, CAST(month AS VARCHAR) AS month,
                  CAST(household_id AS VARCHAR) AS household_id,
                  CAST(person_id AS VARCHAR) AS person_id,
                  CAST(birth_year AS INTEGER) AS birth_year,
                  CAST(role AS VARCHAR) AS role, CAST(amount AS BIGINT) AS amount
           FROM register_rows"""
    )
    con.unregister("register_rows")


def load_population(
    con: duckdb.DuckDBPyConnection, population: Mapping[str, tuple[int, int]], year: int
) -> None:
    con.execute(
        """CREATE OR REPLACE TEMPORARY TABLE population
           (municipality VARCHAR, year INTEGER, population BIGINT, population_18_24 BIGINT)"""
    )
    frame = pd.DataFrame(
        [(code, year, total, young) for code, (total, young) in population.items()],
        columns=list(POPULATION_COLUMNS),
    )
    con.register("population_rows", frame)
    con.execute("INSERT INTO population SELECT * FROM population_rows")
    con.unregister("population_rows")


def compute(
    rows: Sequence[Row],
    *,
    year: int = YEAR,
    population: Mapping[str, tuple[int, int]] | None = None,
) -> dict[str, MunicipalityIndicators]:
    """The engine's indicators for `rows`, by municipality; every municipality has a population
    row (DEFAULT_POPULATION unless `population` says otherwise)."""
    con = duckdb.connect()
    try:
        load_register(con, rows)
        inhabitants = {row.municipality: DEFAULT_POPULATION for row in rows}
        inhabitants.update(population or {})
        load_population(con, inhabitants, year)
        return {result.municipality: result for result in indicators_compute(con, year=year)}
    finally:
        con.close()
