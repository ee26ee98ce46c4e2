"""Kolada's long format, the municipality list and the shipped seed data (contracts/benchmark.md).

Kolada (RKA's open database of municipal key figures) publishes the Öppna jämförelser figures in
long format: one row per municipality (*kommunkod*, `0000` the whole country), year, measure and
value, often with a Swedish decimal comma. `kolada_read` reads that format; it is also the one path
by which the shipped seed table (Table 1 of SKL's *Att bryta mönster*, 2013, in `data/`) is loaded.
Municipality codes are checked against SCB's list of the 290 municipalities
(`data/municipalities.csv`).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Final

from bryggan.statistics.errors import InvalidInputError

WHOLE_COUNTRY: Final = "0000"  # *Riket* in Kolada and in Öppna jämförelser
KOLADA_COLUMNS: Final = ("municipality", "year", "measure", "value")

_CODE = re.compile(r"[0-9]{4}")
_YEAR = re.compile(r"[0-9]{4}")
_MEASURE = re.compile(r"[A-Za-z0-9_]+")
# A decimal number with a point or a Swedish comma; no thousands separators.
_NUMBER = re.compile(r"-?[0-9]+(?:[.,][0-9]+)?")


class Kind(StrEnum):
    """The optional `kind` column of the seed table: a result indicator or a background measure."""

    INDICATOR = "indicator"
    BACKGROUND = "background"


@dataclass(frozen=True, slots=True)
class MeasureValue:
    """One figure: a measure's value for a municipality (or `0000`) and year."""

    municipality: str
    year: int
    measure: str
    value: Decimal


@dataclass(frozen=True, slots=True)
class Municipality:
    code: str
    name: str
    county: str
    county_name: str


def data_file(name: str) -> Path:
    """A file shipped in `bryggan/statistics/data/` (its sources: data/README.md)."""
    return Path(str(resources.files("bryggan.statistics").joinpath("data", name)))


SEED_TABLE1: Final = data_file("seed_table1.csv")
MUNICIPALITIES_CSV: Final = data_file("municipalities.csv")


@cache
def municipalities() -> dict[str, Municipality]:
    """SCB's 290 municipalities by kommunkod (source: data/README.md)."""
    with MUNICIPALITIES_CSV.open(encoding="utf-8", newline="") as file:
        return {
            row["municipality"]: Municipality(
                row["municipality"], row["name"], row["county"], row["county_name"]
            )
            for row in csv.DictReader(file)
        }


def _rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """Numbered data rows of a CSV file with a `,` or `;` separator (Kolada exports use both)."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as file:
            header = file.readline()
            delimiter = ";" if header.count(";") > header.count(",") else ","
            file.seek(0)
            reader = csv.DictReader(file, delimiter=delimiter)
            columns = reader.fieldnames or []
            for column in KOLADA_COLUMNS:
                if column not in columns:
                    raise InvalidInputError(
                        path,
                        f"missing (the header has: {', '.join(columns) or 'nothing'})",
                        column=column,
                    )
            for row_number, row in enumerate(reader, start=1):
                if None in row:
                    raise InvalidInputError(path, "more fields than the header", row=row_number)
                yield row_number, row
    except OSError as error:
        raise InvalidInputError(path, f"cannot be read: {error.strerror or error}") from error
    except (UnicodeDecodeError, csv.Error) as error:
        raise InvalidInputError(path, f"not a UTF-8 CSV file: {error}") from error


def _field(row: dict[str, str], column: str) -> str:
    value = row.get(column)
    return "" if value is None else value.strip()


def parse_decimal(text: str) -> Decimal:
    """A decimal with a point or a Swedish decimal comma: '12,5' and '12.5' are both 12.5."""
    if not _NUMBER.fullmatch(text):
        raise ValueError(f"not a number: {text!r}")
    return Decimal(text.replace(",", "."))


def kolada_read(path: Path, *, kind: Kind | None = None) -> list[MeasureValue]:
    """Read a Kolada long-format file; an empty value is a missing figure and is left out.

    When the file has a `kind` column (as the shipped seed table does) and `kind` is given, only
    rows of that kind are read, so one file can hold both result indicators and background
    measures.

    Raises:
        InvalidInputError: naming the file, row and column of the first invalid value or of a
            municipality, year and measure given twice.
    """
    known = municipalities()
    values: list[MeasureValue] = []
    seen: dict[tuple[str, int, str], int] = {}
    for row_number, row in _rows(path):
        if kind is not None and "kind" in row and _field(row, "kind") != kind:
            continue
        code = _field(row, "municipality")
        if not _CODE.fullmatch(code):
            raise InvalidInputError(
                path,
                f"not a four-digit municipality code (kommunkod): {code!r}",
                row=row_number,
                column="municipality",
            )
        if code != WHOLE_COUNTRY and code not in known:
            raise InvalidInputError(
                path,
                f"not a Swedish municipality (SCB's list, or 0000 for the whole country): {code!r}",
                row=row_number,
                column="municipality",
            )
        year_text = _field(row, "year")
        if not _YEAR.fullmatch(year_text):
            raise InvalidInputError(
                path, f"not a year: {year_text!r}", row=row_number, column="year"
            )
        measure = _field(row, "measure")
        if not _MEASURE.fullmatch(measure):
            raise InvalidInputError(
                path,
                f"not a measure key (letters, digits, _): {measure!r}",
                row=row_number,
                column="measure",
            )
        value_text = _field(row, "value")
        if value_text == "":
            continue
        try:
            value = parse_decimal(value_text)
        except ValueError:
            raise InvalidInputError(
                path,
                f"not a number (decimal point or comma): {value_text!r}",
                row=row_number,
                column="value",
            ) from None
        key = (code, int(year_text), measure)
        if key in seen:
            raise InvalidInputError(
                path,
                f"{code} {year_text} {measure} is already on row {seen[key]}",
                row=row_number,
                column="measure",
            )
        seen[key] = row_number
        values.append(MeasureValue(code, int(year_text), measure, value))
    return values


def seed_table1(kind: Kind | None = None) -> list[MeasureValue]:
    """Table 1 of *Att bryta mönster* (SKL 2013), read by `kolada_read` (see data/README.md)."""
    return kolada_read(SEED_TABLE1, kind=kind)
