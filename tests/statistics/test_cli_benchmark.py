"""`bryggan benchmark` through the console command."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from bryggan import cli
from bryggan.statistics.benchmarking import COMPARISON_COLUMNS
from bryggan.statistics.kolada import SEED_TABLE1

SEED = str(SEED_TABLE1)


def run(arguments: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = cli.main(["benchmark", *arguments])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_the_seed_table_as_values_and_background_gives_a_row_per_municipality_and_measure(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, err = run(["--values", SEED, "--background", SEED, "--year", "2012"], capsys)
    assert (status, err) == (0, "")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == list(COMPARISON_COLUMNS)
    assert len(rows) == 7 * 5  # Riket and six municipalities, five result indicators
    riket = next(r for r in rows if r["municipality"] == "0000" and r["measure"] == "long_term_pct")
    assert (riket["value"], riket["n"], riket["rank"], riket["colour"]) == ("34.3", "6", "", "")
    haparanda = next(
        r for r in rows if r["municipality"] == "2583" and r["measure"] == "long_term_pct"
    )
    assert (haparanda["rank"], haparanda["colour"]) == ("1", "green")
    assert len(haparanda["peers"].split(";")) == 5
    assert haparanda["better_than_expected"] in ("true", "false")
    # 17.0 against 18.55 expected: below, but by less than the residuals' spread.
    assert (haparanda["expected"], haparanda["residual"]) == ("18.55", "-1.55")
    assert haparanda["better_than_expected"] == "false"


def test_json_to_a_file_without_background(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_file = tmp_path / "comparison.json"
    status, out, err = run(
        ["--values", SEED, "--year", "2011", "--format", "json", "--out", str(out_file)], capsys
    )
    assert (status, out, err) == (0, "", "")
    rows = json.loads(out_file.read_text())
    fagersta = next(
        r for r in rows if r["municipality"] == "1982" and r["measure"] == "cost_per_inhabitant"
    )
    assert fagersta["value"] == 663
    assert fagersta["expected"] is None
    assert fagersta["peers"] == ""
    assert [path.name for path in tmp_path.iterdir()] == ["comparison.json"]


def test_a_value_with_a_decimal_comma_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    values = tmp_path / "values.csv"
    values.write_text(
        'municipality,year,measure,value\n0136,2012,long_term_pct,"29,7"\n0000,2012,long_term_pct,"34,3"\n'
    )
    status, out, _ = run(["--values", str(values), "--year", "2012"], capsys)
    assert status == 0
    assert "0136,2012,long_term_pct,29.7,1,1,yellow" in out


def test_an_invalid_value_exits_2_naming_file_row_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    values = tmp_path / "values.csv"
    values.write_text(
        "municipality,year,measure,value\n0136,2012,long_term_pct,29.7\n0126,2012,long_term_pct,31.8%\n"
    )
    out_file = tmp_path / "out.csv"
    status, out, err = run(
        ["--values", str(values), "--year", "2012", "--out", str(out_file)], capsys
    )
    assert (status, out) == (2, "")
    assert err == f"{values}: row 2, column value: not a number (decimal point or comma): '31.8%'\n"
    assert not out_file.exists()


def test_a_year_without_values_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(["--values", SEED, "--year", "2013"], capsys)
    assert status == 2
    assert err == f"{SEED}: column year: no value for the year 2013\n"


def test_a_background_file_without_the_year_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    background = tmp_path / "background.csv"
    background.write_text("municipality,year,measure,value\n0136,2011,low_education_pct,14.9\n")
    status, _, err = run(
        ["--values", SEED, "--year", "2012", "--background", str(background)], capsys
    )
    assert status == 2
    assert err == f"{background}: column year: no value for the year 2012\n"


def test_an_out_folder_that_does_not_exist_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_file = tmp_path / "missing" / "comparison.csv"
    status, out, err = run(["--values", SEED, "--year", "2012", "--out", str(out_file)], capsys)
    assert (status, out) == (2, "")
    assert err.startswith(f"{out_file}: cannot be written")
    assert err.count("\n") == 1
