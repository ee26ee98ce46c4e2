"""`bryggan indicators` through the console command, as a user or a script runs it."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import duckdb
import pytest

from bryggan import cli
from bryggan.commands.indicators import COLUMNS
from tests.statistics.registers import GOOD_ROW, months, write_csv

REGISTER_HEADER = list(GOOD_ROW)


def register_rows() -> list[list[object]]:
    rows: list[list[object]] = []
    for month in months("2025-01", "2025-10"):
        rows.append(["0136", month, "h1", "anna", 1990, "applicant", 6_000])
        rows.append(["0136", month, "h1", "ali", 2016, "child", 0])
    rows.append(["0126", "2025-04", "h9", "bo", 2004, "applicant", 4_500])
    return rows


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    register = write_csv(tmp_path / "register.csv", REGISTER_HEADER, register_rows())
    population = write_csv(
        tmp_path / "population.csv",
        ["municipality", "year", "population", "population_18_24"],
        [["0136", 2025, 100_000, 9_000], ["0126", 2025, 110_000, 9_500]],
    )
    return {"register": register, "population": population}


def run(
    capsys: pytest.CaptureFixture[str],
    *,
    register: Path,
    population: Path,
    year: str = "2025",
    extra: tuple[str, ...] = (),
) -> tuple[int, str, str]:
    """`bryggan indicators --register R --population P --year Y`, then `extra`."""
    inputs = ["--register", str(register), "--population", str(population), "--year", year]
    status = cli.main(["indicators", *inputs, *extra])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_the_indicators_are_written_as_csv_one_row_per_municipality(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(capsys, register=files["register"], population=files["population"])
    assert (status, err) == (0, "")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == list(COLUMNS)
    assert [row["municipality"] for row in rows] == ["0126", "0136"]
    haninge = rows[1]
    assert haninge == {
        "municipality": "0136",
        "year": "2025",
        "households": "1",
        "recipients": "2",
        "recipients_pct": "0.0",
        "adult_recipients": "1",
        "long_term_pct": "100.0",
        "very_long_term_pct": "0.0",
        "young_adults_pct": "0.0",
        "cost_per_inhabitant": "1",  # 60 000 / 100 000 = 0.6
        "mean_months_per_household": "10.0",
    }
    assert rows[0]["young_adults_pct"] == "0.0"  # born 2004: 21, 1 of 9 500 = 0.01 %


def test_json_output_goes_to_the_out_file(
    files: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_file = tmp_path / "indicators.json"
    status, out, err = run(
        capsys,
        register=files["register"],
        population=files["population"],
        extra=("--format", "json", "--out", str(out_file)),
    )
    assert (status, out, err) == (0, "", "")
    result = json.loads(out_file.read_text())
    assert [row["municipality"] for row in result] == ["0126", "0136"]
    assert result[1]["long_term_pct"] == 100.0
    assert result[1]["households"] == 1
    assert list(result[0]) == list(COLUMNS)
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "indicators.json",
        "population.csv",
        "register.csv",
    ]


def test_a_parquet_register_gives_the_same_result_as_csv(
    files: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    parquet = tmp_path / "register.parquet"
    duckdb.connect().execute(
        f"COPY (SELECT * FROM read_csv('{files['register']}', all_varchar = true)) "  # noqa: S608 (paths the test made)
        f"TO '{parquet}' (FORMAT parquet)"
    )
    _, from_csv, _ = run(capsys, register=files["register"], population=files["population"])
    _, from_parquet, _ = run(capsys, register=parquet, population=files["population"])
    assert from_parquet == from_csv


def test_invalid_input_exits_2_with_one_line_and_leaves_no_file(
    files: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = register_rows()
    rows[6][1] = "2025-13"
    bad = write_csv(tmp_path / "bad.csv", REGISTER_HEADER, rows)
    out_file = tmp_path / "indicators.csv"
    status, out, err = run(
        capsys, register=bad, population=files["population"], extra=("--out", str(out_file))
    )
    assert status == 2
    assert out == ""
    assert err == f"{bad}: row 7, column month: not a month (YYYY-MM): '2025-13'\n"
    assert not out_file.exists()
    assert not list(tmp_path.glob(".indicators.csv.*"))


def test_invalid_input_leaves_an_earlier_output_file_as_it_was(
    files: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_file = tmp_path / "indicators.csv"
    out_file.write_text("last month's table\n")
    rows = register_rows()
    rows[0][6] = -1
    bad = write_csv(tmp_path / "bad.csv", REGISTER_HEADER, rows)
    status, _, err = run(
        capsys, register=bad, population=files["population"], extra=("--out", str(out_file))
    )
    assert status == 2
    assert err.count("\n") == 1
    assert "row 1, column amount: negative amount" in err
    assert out_file.read_text() == "last month's table\n"


def test_a_municipality_missing_from_the_population_file_is_named(
    files: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    population = write_csv(
        tmp_path / "population_0136.csv",
        ["municipality", "year", "population", "population_18_24"],
        [["0136", 2025, 100_000, 9_000]],
    )
    status, _, err = run(capsys, register=files["register"], population=population)
    assert status == 2
    assert err == f"{population}: column municipality: no row for 0126 in 2025\n"


def test_a_population_file_without_the_year_is_named(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run(
        capsys, register=files["register"], population=files["population"], year="2024"
    )
    assert status == 2
    assert err == f"{files['population']}: column year: no row for the year 2024\n"


def test_an_out_folder_that_does_not_exist_exits_2(
    files: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_file = tmp_path / "missing" / "indicators.csv"
    status, _, err = run(
        capsys,
        register=files["register"],
        population=files["population"],
        extra=("--out", str(out_file)),
    )
    assert status == 2
    assert err.startswith(f"{out_file}: cannot be written")


def test_a_missing_argument_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        cli.main(["indicators", "--year", "2025"])
    assert raised.value.code == 2
    assert "--register" in capsys.readouterr().err


def test_progress_goes_to_standard_error_only_in_a_terminal(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    status, out, err = run(capsys, register=files["register"], population=files["population"])
    assert status == 0
    assert out.startswith("municipality,year,")
    assert "reading the register" in err
    assert "computing very_long_term_pct" in err
