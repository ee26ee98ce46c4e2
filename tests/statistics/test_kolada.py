"""Kolada's long format, the shipped seed table and the municipality list."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest

from bryggan.statistics.errors import InvalidInputError
from bryggan.statistics.kolada import (
    SEED_TABLE1,
    Kind,
    MeasureValue,
    kolada_read,
    municipalities,
    parse_decimal,
    seed_table1,
)


def write(tmp_path: Path, text: str, name: str = "values.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def error_of(path: Path) -> str:
    with pytest.raises(InvalidInputError) as raised:
        kolada_read(path)
    return str(raised.value)


def test_every_value_of_the_seed_table_arrives_intact() -> None:
    with SEED_TABLE1.open(encoding="utf-8", newline="") as file:
        expected = [
            MeasureValue(
                row["municipality"], int(row["year"]), row["measure"], Decimal(row["value"])
            )
            for row in csv.DictReader(file)
        ]
    loaded = seed_table1()
    assert loaded == expected
    assert len(loaded) == 126
    assert len(seed_table1(Kind.INDICATOR)) == 7 * 2 * 5
    assert len(seed_table1(Kind.BACKGROUND)) == 7 * 2 * 4
    # Spot checks against the report's Table 1 (SKL 2013).
    by_key = {(v.municipality, v.year, v.measure): v.value for v in loaded}
    assert by_key[("0000", 2012, "long_term_pct")] == Decimal("34.3")
    assert by_key[("0000", 2011, "cost_per_inhabitant")] == Decimal("1074")
    assert by_key[("2583", 2011, "very_long_term_pct")] == Decimal("2.7")
    assert by_key[("1293", 2012, "aged_18_24_pct")] == Decimal("16.5")


def test_the_municipality_list_has_the_290_municipalities_in_their_counties() -> None:
    listed = municipalities()
    assert len(listed) == 290
    assert len({m.county for m in listed.values()}) == 21
    assert all(code.startswith(m.county) and len(code) == 4 for code, m in listed.items())
    assert listed["1982"].name == "Fagersta"
    assert "0000" not in listed


def test_a_decimal_comma_and_a_decimal_point_are_both_read(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        'municipality,year,measure,value\n0136,2012,long_term_pct,"29,7"\n0126,2012,long_term_pct,31.8\n',
    )
    assert [v.value for v in kolada_read(path)] == [Decimal("29.7"), Decimal("31.8")]


def test_a_semicolon_separated_export_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = tmp_path / "kolada.csv"
    path.write_bytes(
        "municipality;year;measure;value\n0000;2012;cost_per_inhabitant;1089,5\n".encode(
            "utf-8-sig"
        )
    )
    assert kolada_read(path) == [
        MeasureValue("0000", 2012, "cost_per_inhabitant", Decimal("1089.5"))
    ]


def test_an_empty_value_is_a_missing_figure(tmp_path: Path) -> None:
    path = write(tmp_path, "municipality,year,measure,value\n0136,2012,long_term_pct,\n")
    assert kolada_read(path) == []


@pytest.mark.parametrize(
    ("line", "column", "message"),
    [
        ("136,2012,m,1", "municipality", "not a four-digit municipality code (kommunkod): '136'"),
        (
            "9999,2012,m,1",
            "municipality",
            "not a Swedish municipality (SCB's list, or 0000 for the whole country): '9999'",
        ),
        ("0136,12,m,1", "year", "not a year: '12'"),
        ("0136,2012,,1", "measure", "not a measure key (letters, digits, _): ''"),
        ('0136,2012,m,"1 074"', "value", "not a number (decimal point or comma): '1 074'"),
        ("0136,2012,m,12.", "value", "not a number (decimal point or comma): '12.'"),
    ],
)
def test_an_invalid_value_is_named_by_row_and_column(
    tmp_path: Path, line: str, column: str, message: str
) -> None:
    path = write(tmp_path, f"municipality,year,measure,value\n0000,2012,m,1\n{line}\n")
    assert error_of(path) == f"{path}: row 2, column {column}: {message}"


def test_a_figure_given_twice_is_invalid(tmp_path: Path) -> None:
    path = write(
        tmp_path, "municipality,year,measure,value\n0136,2012,m,1\n0126,2012,m,2\n0136,2012,m,3\n"
    )
    assert error_of(path) == f"{path}: row 3, column measure: 0136 2012 m is already on row 1"


def test_a_missing_column_is_named(tmp_path: Path) -> None:
    path = write(tmp_path, "municipality,year,value\n0136,2012,1\n")
    assert (
        error_of(path)
        == f"{path}: column measure: missing (the header has: municipality, year, value)"
    )


def test_a_missing_file_is_invalid_input(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.csv"
    assert error_of(path).startswith(f"{path}: cannot be read")


def test_the_kind_column_selects_indicators_or_background(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "municipality,year,measure,kind,value\n0136,2012,long_term_pct,indicator,29.7\n"
        "0136,2012,low_education_pct,background,14.6\n",
    )
    assert [v.measure for v in kolada_read(path, kind=Kind.INDICATOR)] == ["long_term_pct"]
    assert [v.measure for v in kolada_read(path, kind=Kind.BACKGROUND)] == ["low_education_pct"]
    assert len(kolada_read(path)) == 2


def test_parse_decimal_accepts_only_plain_numbers() -> None:
    assert parse_decimal("-0,5") == Decimal("-0.5")
    with pytest.raises(ValueError, match="not a number"):
        parse_decimal("1e3")
