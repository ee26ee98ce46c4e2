"""Reading and validating the payment register and the population file (contracts/indicators.md).

The register holds one row per person and month in which the person's household was paid economic
assistance; the population file one row per municipality and year (inhabitants on 31 December, SCB).
A national register runs to tens of millions of rows, so it is never loaded into Python: DuckDB
reads the CSV or Parquet file (chosen by the file ending) where it lies. Validation is one parallel
scan that looks for an invalid row; only when there is one does a second, ordered scan name the
first bad row and column, so a valid file pays for a single pass.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import duckdb

from bryggan.statistics.errors import InvalidInputError

REGISTER_COLUMNS: Final = (
    "municipality",
    "month",
    "household_id",
    "person_id",
    "birth_year",
    "role",
    "amount",
)
POPULATION_COLUMNS: Final = ("municipality", "year", "population", "population_18_24")
ROLES: Final = ("applicant", "co_applicant", "child")

_INTEGER_TYPES: Final = frozenset(
    {"TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT"}
)
# The biggest whole number BIGINT holds has 19 digits; 18 keeps every accepted value castable.
_INTEGER_PATTERN: Final = "-?[0-9]{1,18}"


@dataclass(frozen=True, slots=True)
class _Rule:
    """One check on one column: `invalid` is SQL that is true when the value `{v}` breaks it."""

    column: str
    invalid: str
    message: str


def _sql_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@dataclass(frozen=True, slots=True)
class _Source:
    """A file as DuckDB reads it: the table function, and each column's type."""

    path: Path
    scan: str
    types: dict[str, str]


def _csv_header(path: Path) -> list[str]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as file:
            return next(csv.reader(file), [])
    except (UnicodeDecodeError, csv.Error) as error:
        raise InvalidInputError(path, f"not a UTF-8 CSV file: {error}") from error


def _csv_shape_error(path: Path, header: list[str]) -> InvalidInputError | None:
    """The first data row whose number of fields differs from the header's, if any."""
    with path.open(encoding="utf-8-sig", newline="") as file:
        reader = csv.reader(file)
        next(reader, None)
        for row_number, fields in enumerate(reader, start=1):
            if len(fields) != len(header):
                return InvalidInputError(
                    path,
                    f"{len(fields)} fields where the header has {len(header)}",
                    row=row_number,
                )
    return None


def _source(con: duckdb.DuckDBPyConnection, path: Path) -> _Source:
    """Open `path` for DuckDB by its ending; a missing or unreadable file is invalid input."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".parquet", ".pq"):
        raise InvalidInputError(path, "not a .csv or .parquet file")
    if not path.is_file():
        raise InvalidInputError(path, "no such file")
    literal = _sql_literal(str(path))
    if suffix == ".csv":
        header = _csv_header(path)
        if not header:
            raise InvalidInputError(path, "empty file: no header row")
        # The header as read by Python's csv module fixes the columns, every one as text (so that
        # "0136" keeps its zero and each value is checked here); DuckDB sniffs nothing.
        columns = ", ".join(f"{_sql_literal(name)}: 'VARCHAR'" for name in header)
        scan = (
            f"read_csv({literal}, header = true, auto_detect = false, delim = ',', "
            f"quote = '\"', escape = '\"', columns = {{{columns}}})"
        )
        return _Source(path, scan, dict.fromkeys(header, "VARCHAR"))
    scan = f"read_parquet({literal})"
    try:
        described = con.execute(f"DESCRIBE SELECT * FROM {scan}").fetchall()  # noqa: S608
    except duckdb.Error as error:
        raise InvalidInputError(path, f"cannot be read: {_first_line(error)}") from error
    return _Source(path, scan, {str(name): str(kind) for name, kind, *_ in described})


def _read_error(source: _Source, error: duckdb.Error) -> InvalidInputError:
    """Invalid input for a file DuckDB could not read through, naming the row where possible."""
    if source.path.suffix.lower() == ".csv":
        shape = _csv_shape_error(source.path, list(source.types))
        if shape is not None:
            return shape
    return InvalidInputError(source.path, f"cannot be read: {_first_line(error)}")


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__


def _require_columns(source: _Source, required: tuple[str, ...]) -> None:
    for column in required:
        if column not in source.types:
            raise InvalidInputError(
                source.path,
                f"missing (the header has: {', '.join(source.types) or 'nothing'})",
                column=column,
            )


def _value(column: str) -> str:
    return f'"{column}"'


def _text(column: str) -> str:
    return f"CAST({_value(column)} AS VARCHAR)"


def _integer_rules(column: str, type_name: str) -> list[_Rule]:
    if type_name in _INTEGER_TYPES:
        return [_Rule(column, f"{_value(column)} IS NULL", "not a whole number")]
    if type_name in ("FLOAT", "DOUBLE") or type_name.startswith("DECIMAL"):
        # A Parquet writer may store whole numbers as floats (1980.0): accept those.
        invalid = f"{_value(column)} IS NULL OR {_value(column)} <> trunc({_value(column)})"
        return [_Rule(column, invalid, "not a whole number")]
    return [
        _Rule(
            column,
            f"{_value(column)} IS NULL OR NOT regexp_full_match({_text(column)}, "
            f"'{_INTEGER_PATTERN}')",
            "not a whole number",
        )
    ]


def _whole(column: str) -> str:
    """The column as BIGINT, or NULL where it is not a whole number (already reported)."""
    return f"TRY_CAST({_value(column)} AS BIGINT)"


def _municipality_rule() -> _Rule:
    return _Rule(
        "municipality",
        f"{_value('municipality')} IS NULL "
        f"OR NOT {_text('municipality')} GLOB '[0-9][0-9][0-9][0-9]'",
        "not a four-digit municipality code (kommunkod)",
    )


def _identifier_rule(column: str) -> _Rule:
    return _Rule(column, f"{_value(column)} IS NULL OR {_text(column)} = ''", "empty identifier")


def _register_rules(types: dict[str, str]) -> list[_Rule]:
    roles = ", ".join(_sql_literal(role) for role in ROLES)
    return [
        _municipality_rule(),
        _Rule(
            "month",
            f"{_value('month')} IS NULL "
            f"OR NOT ({_text('month')} GLOB '[0-9][0-9][0-9][0-9]-0[1-9]' "
            f"OR {_text('month')} GLOB '[0-9][0-9][0-9][0-9]-1[0-2]')",
            "not a month (YYYY-MM)",
        ),
        _identifier_rule("household_id"),
        _identifier_rule("person_id"),
        *_integer_rules("birth_year", types["birth_year"]),
        _Rule(
            "role",
            f"{_value('role')} IS NULL OR {_text('role')} NOT IN ({roles})",
            f"not a role ({', '.join(ROLES)})",
        ),
        *_integer_rules("amount", types["amount"]),
        _Rule("amount", f"{_whole('amount')} < 0", "negative amount"),
    ]


def _population_rules(types: dict[str, str]) -> list[_Rule]:
    return [
        _municipality_rule(),
        *_integer_rules("year", types["year"]),
        *_integer_rules("population", types["population"]),
        _Rule("population", f"{_whole('population')} <= 0", "not a positive number of inhabitants"),
        *_integer_rules("population_18_24", types["population_18_24"]),
        _Rule("population_18_24", f"{_whole('population_18_24')} < 0", "negative"),
    ]


def _validate(con: duckdb.DuckDBPyConnection, source: _Source, rules: list[_Rule]) -> None:
    """Raise InvalidInputError for the first row (in file order) that breaks a rule."""
    path, scan = source.path, source.scan
    any_invalid = " OR ".join(f"({rule.invalid})" for rule in rules)
    try:
        invalid_row = con.execute(
            f"SELECT 1 FROM {scan} WHERE {any_invalid} LIMIT 1"  # noqa: S608
        ).fetchone()
    except duckdb.Error as error:
        raise _read_error(source, error) from error
    if invalid_row is None:
        return
    # Only now pay for order: a window function with an empty OVER () keeps the file's row order
    # (DuckDB, "Order preservation"), so the row number is the row in the file.
    which = " ".join(f"WHEN {rule.invalid} THEN {index}" for index, rule in enumerate(rules))
    offending = " ".join(f"WHEN {rule.invalid} THEN {_text(rule.column)}" for rule in rules)
    found = con.execute(
        f"""SELECT row_number, rule, value FROM (
                SELECT row_number() OVER () AS row_number,
                       CASE {which} END AS rule,
                       CASE {offending} END AS value
                FROM {scan})
            WHERE rule IS NOT NULL ORDER BY row_number LIMIT 1"""  # noqa: S608
    ).fetchone()
    if found is None:  # the file changed between the two scans
        raise InvalidInputError(path, "changed while it was being read")
    row, rule_index, value = found
    rule = rules[rule_index]
    shown = "empty" if value is None or value == "" else repr(value)
    raise InvalidInputError(path, f"{rule.message}: {shown}", row=int(row), column=rule.column)


def register_validate(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """Check every row of the payment register against contracts/indicators.md.

    Raises:
        InvalidInputError: naming the file, the first bad row and its column.
    """
    source = _source(con, path)
    _require_columns(source, REGISTER_COLUMNS)
    _validate(con, source, _register_rules(source.types))


def register_attach(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """Make the register file readable as the view `register` with the contract's types.

    The view reads the file on every query, so the indicators read only the columns and (for
    Parquet) the row groups they need.
    """
    source = _source(con, path)
    _require_columns(source, REGISTER_COLUMNS)
    con.execute(
        f"""CREATE OR REPLACE TEMPORARY VIEW register AS
            SELECT CAST(municipality AS VARCHAR) AS municipality,
                   CAST(month AS VARCHAR) AS month,
                   CAST(household_id AS VARCHAR) AS household_id,
                   CAST(person_id AS VARCHAR) AS person_id,
                   CAST(birth_year AS INTEGER) AS birth_year,
                   CAST(role AS VARCHAR) AS role,
                   CAST(amount AS BIGINT) AS amount
            FROM {source.scan}"""  # noqa: S608
    )


def population_load(con: duckdb.DuckDBPyConnection, path: Path, *, year: int) -> None:
    """Validate the population file and load it as the table `population`.

    Raises:
        InvalidInputError: a bad row, a municipality listed twice for a year, or no row for `year`.
    """
    source = _source(con, path)
    _require_columns(source, POPULATION_COLUMNS)
    _validate(con, source, _population_rules(source.types))
    con.execute("DROP TABLE IF EXISTS population")
    con.execute(
        f"""CREATE TEMPORARY TABLE population AS
            SELECT row_number() OVER () AS row_number,
                   CAST(municipality AS VARCHAR) AS municipality,
                   CAST(year AS INTEGER) AS year,
                   CAST(population AS BIGINT) AS population,
                   CAST(population_18_24 AS BIGINT) AS population_18_24
            FROM {source.scan}"""  # noqa: S608
    )
    duplicate = con.execute(
        """SELECT row_number, municipality, year, first_row FROM (
               SELECT row_number, municipality, year,
                      MIN(row_number) OVER (PARTITION BY municipality, year) AS first_row
               FROM population)
           WHERE row_number > first_row ORDER BY row_number LIMIT 1"""
    ).fetchone()
    if duplicate is not None:
        row, municipality, duplicate_year, first_row = duplicate
        raise InvalidInputError(
            path,
            f"{municipality} in {duplicate_year} is already on row {first_row}",
            row=int(row),
            column="municipality",
        )
    (rows_for_year,) = con.execute(
        "SELECT COUNT(*) FROM population WHERE year = ?", [year]
    ).fetchone() or (0,)
    if rows_for_year == 0:
        raise InvalidInputError(path, f"no row for the year {year}", column="year")
