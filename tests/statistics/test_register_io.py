"""Reading and validating the register and population files: messages name file, row, column."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import duckdb
import pytest

from bryggan.statistics.errors import InvalidInputError
from bryggan.statistics.register_io import (
    POPULATION_COLUMNS,
    REGISTER_COLUMNS,
    population_load,
    register_attach,
    register_validate,
)
from tests.statistics.registers import GOOD_ROW, write_csv


def register_with(tmp_path: Path, column: str, value: str, *, at_row: int = 3) -> Path:
    """A register of four good rows with `value` in `column` on data row `at_row`."""
    rows = []
    for number in range(1, 5):
        row = dict(GOOD_ROW, person_id=f"p{number}")
        if number == at_row:
            row[column] = value
        rows.append([row[name] for name in REGISTER_COLUMNS])
    return write_csv(tmp_path / "register.csv", REGISTER_COLUMNS, rows)


def to_parquet(csv_path: Path, select: str = "*") -> Path:
    parquet = csv_path.with_suffix(".parquet")
    con = duckdb.connect()
    con.execute(
        f"COPY (SELECT {select} FROM read_csv('{csv_path}', all_varchar = true)) "  # noqa: S608 (paths the test made)
        f"TO '{parquet}' (FORMAT parquet)"
    )
    return parquet


def validation_error(path: Path) -> str:
    with pytest.raises(InvalidInputError) as raised:
        register_validate(duckdb.connect(), path)
    return str(raised.value)


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("municipality", "136", "not a four-digit municipality code (kommunkod): '136'"),
        ("municipality", "01365", "not a four-digit municipality code (kommunkod): '01365'"),
        ("municipality", "", "not a four-digit municipality code (kommunkod): empty"),
        ("month", "2025-13", "not a month (YYYY-MM): '2025-13'"),
        ("month", "2025-1", "not a month (YYYY-MM): '2025-1'"),
        ("month", "202501", "not a month (YYYY-MM): '202501'"),
        ("month", "2025-00", "not a month (YYYY-MM): '2025-00'"),
        ("household_id", "", "empty identifier: empty"),
        ("person_id", "", "empty identifier: empty"),
        ("birth_year", "1980.5", "not a whole number: '1980.5'"),
        ("birth_year", "nineteen", "not a whole number: 'nineteen'"),
        ("role", "adult", "not a role (applicant, co_applicant, child): 'adult'"),
        ("role", "Applicant", "not a role (applicant, co_applicant, child): 'Applicant'"),
        ("amount", "-1", "negative amount: '-1'"),
        ("amount", "12.50", "not a whole number: '12.50'"),
    ],
)
def test_an_invalid_value_is_named_by_file_row_and_column(
    tmp_path: Path, column: str, value: str, message: str
) -> None:
    path = register_with(tmp_path, column, value)
    assert validation_error(path) == f"{path}: row 3, column {column}: {message}"


def test_the_first_invalid_row_in_file_order_is_reported(tmp_path: Path) -> None:
    rows = [[GOOD_ROW[name] for name in REGISTER_COLUMNS] for _ in range(3000)]
    rows[2100][6] = "-7"
    rows[2500][1] = "2025-13"
    path = write_csv(tmp_path / "register.csv", REGISTER_COLUMNS, rows)
    assert validation_error(path) == f"{path}: row 2101, column amount: negative amount: '-7'"


def test_within_a_row_the_first_invalid_column_is_reported(tmp_path: Path) -> None:
    row = dict(GOOD_ROW, month="2025-13", amount="-1")
    path = write_csv(tmp_path / "register.csv", REGISTER_COLUMNS, [list(row.values())])
    assert validation_error(path).startswith(f"{path}: row 1, column month:")


def test_a_missing_column_is_named(tmp_path: Path) -> None:
    header = [name for name in REGISTER_COLUMNS if name != "amount"]
    path = write_csv(tmp_path / "register.csv", header, [[GOOD_ROW[name] for name in header]])
    assert validation_error(path) == (
        f"{path}: column amount: missing (the header has: {', '.join(header)})"
    )


def test_a_row_with_too_many_fields_is_named(tmp_path: Path) -> None:
    rows = [list(GOOD_ROW.values()), [*GOOD_ROW.values(), "extra"]]
    path = write_csv(tmp_path / "register.csv", REGISTER_COLUMNS, rows)
    assert validation_error(path) == f"{path}: row 2: 8 fields where the header has 7"


def test_an_empty_file_a_missing_file_and_an_unknown_ending_are_invalid(tmp_path: Path) -> None:
    empty = tmp_path / "register.csv"
    empty.write_text("")
    assert validation_error(empty) == f"{empty}: empty file: no header row"
    missing = tmp_path / "nowhere.parquet"
    assert validation_error(missing) == f"{missing}: no such file"
    text = tmp_path / "register.txt"
    text.write_text("municipality\n")
    assert validation_error(text) == f"{text}: not a .csv or .parquet file"


def test_extra_columns_are_allowed_and_a_valid_register_passes(tmp_path: Path) -> None:
    header = [*REGISTER_COLUMNS, "note"]
    path = write_csv(tmp_path / "register.csv", header, [[*GOOD_ROW.values(), "x"]])
    register_validate(duckdb.connect(), path)


def test_a_parquet_register_is_validated_with_row_numbers(tmp_path: Path) -> None:
    csv_path = register_with(tmp_path, "amount", "-20", at_row=4)
    typed = (
        "municipality, month, household_id, person_id, CAST(birth_year AS INTEGER) AS birth_year,"
        " role, CAST(amount AS BIGINT) AS amount"
    )
    parquet = to_parquet(csv_path, typed)
    assert validation_error(parquet) == f"{parquet}: row 4, column amount: negative amount: '-20'"


def test_a_parquet_birth_year_stored_as_a_fraction_is_not_a_whole_number(tmp_path: Path) -> None:
    csv_path = register_with(tmp_path, "birth_year", "1980.5", at_row=2)
    select = "* REPLACE (CAST(birth_year AS DOUBLE) AS birth_year)"
    parquet = to_parquet(csv_path, select)
    assert validation_error(parquet) == (
        f"{parquet}: row 2, column birth_year: not a whole number: '1980.5'"
    )


def test_a_parquet_amount_stored_as_a_negative_float_is_a_negative_amount(tmp_path: Path) -> None:
    csv_path = register_with(tmp_path, "amount", "-20", at_row=3)
    parquet = to_parquet(csv_path, "* REPLACE (CAST(amount AS DOUBLE) AS amount)")
    assert validation_error(parquet) == f"{parquet}: row 3, column amount: negative amount: '-20.0'"


def test_a_parquet_municipality_stored_as_a_number_loses_its_zero_and_is_invalid(
    tmp_path: Path,
) -> None:
    csv_path = register_with(tmp_path, "municipality", "0136", at_row=1)
    parquet = to_parquet(csv_path, "* REPLACE (CAST(municipality AS INTEGER) AS municipality)")
    assert validation_error(parquet) == (
        f"{parquet}: row 1, column municipality: "
        "not a four-digit municipality code (kommunkod): '136'"
    )


def test_the_attached_register_has_the_contract_types(tmp_path: Path) -> None:
    path = register_with(tmp_path, "amount", "0")
    con = duckdb.connect()
    register_attach(con, path)
    described = {name: kind for name, kind, *_ in con.execute("DESCRIBE register").fetchall()}
    assert described == {
        "municipality": "VARCHAR",
        "month": "VARCHAR",
        "household_id": "VARCHAR",
        "person_id": "VARCHAR",
        "birth_year": "INTEGER",
        "role": "VARCHAR",
        "amount": "BIGINT",
    }
    assert con.execute("SELECT municipality, amount FROM register LIMIT 1").fetchone() == (
        "0136",
        5400,
    )


# --- population ----------------------------------------------------------------------------------


def population_file(tmp_path: Path, rows: Sequence[Sequence[object]]) -> Path:
    return write_csv(tmp_path / "population.csv", POPULATION_COLUMNS, rows)


def population_error(path: Path, year: int = 2025) -> str:
    with pytest.raises(InvalidInputError) as raised:
        population_load(duckdb.connect(), path, year=year)
    return str(raised.value)


def test_a_population_file_without_the_year_is_invalid(tmp_path: Path) -> None:
    path = population_file(tmp_path, [["0136", 2024, 90_000, 8_000]])
    assert population_error(path) == f"{path}: column year: no row for the year 2025"


def test_a_municipality_listed_twice_for_a_year_is_invalid(tmp_path: Path) -> None:
    path = population_file(
        tmp_path, [["0136", 2025, 90_000, 8_000], ["0126", 2025, 1, 1], ["0136", 2025, 2, 2]]
    )
    assert population_error(path) == (
        f"{path}: row 3, column municipality: 0136 in 2025 is already on row 1"
    )


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("municipality", "136", "not a four-digit municipality code (kommunkod): '136'"),
        ("year", "2025.0", "not a whole number: '2025.0'"),
        ("population", "0", "not a positive number of inhabitants: '0'"),
        ("population", "", "not a whole number: empty"),
        ("population_18_24", "-3", "negative: '-3'"),
    ],
)
def test_an_invalid_population_value_is_named(
    tmp_path: Path, column: str, value: str, message: str
) -> None:
    good = {"municipality": "0136", "year": "2025", "population": "100", "population_18_24": "9"}
    bad = {**good, "municipality": "0126", column: value}
    rows = [list(good.values()), list(bad.values())]
    path = population_file(tmp_path, rows)
    assert population_error(path) == f"{path}: row 2, column {column}: {message}"


def test_a_valid_population_file_is_loaded_for_the_year(tmp_path: Path) -> None:
    path = population_file(tmp_path, [["0136", 2025, 90_000, 8_000], ["0136", 2024, 1, 1]])
    con = duckdb.connect()
    population_load(con, path, year=2025)
    assert con.execute(
        "SELECT population, population_18_24 FROM population WHERE year = 2025"
    ).fetchall() == [(90_000, 8_000)]
