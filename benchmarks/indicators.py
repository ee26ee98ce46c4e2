"""Benchmark: every Öppna jämförelser indicator for every municipality for one year.

    .venv/bin/python benchmarks/indicators.py [--years 3|10] [--repeat 5] [--pandas-fraction F]

Generates a synthetic national payment register (about 100 000 new households a year in 290
municipalities, spells of 1 to 60 months with gaps, movers between municipalities; about 6.8 million
person-month rows over three years, 25 million over ten) as a Parquet file in a temporary folder,
then measures, each engine in its own subprocess so that its peak resident memory (`ru_maxrss`) is
its own:

- `duckdb`: Bryggan's engine end to end from the file (`register_attach` + `population_load` +
  `indicators_compute`, the register read where it lies), DuckDB with threads = 2, repeated; best
  and median wall time;
- `duckdb-memory`: the same engine computing from data already in memory, the counterpart of
  pandas' compute from a DataFrame. The register is loaded once (timed apart as "load": the file
  read through `register_attach` into a table, and `population_load`), then `indicators_compute`
  alone is repeated. Two ways of holding it: an in-memory table as DuckDB keeps one by default
  (uncompressed), and a compressed in-memory database (the storage format of a DuckDB file:
  dictionary- and FSST-compressed text, compressed when it is checkpointed); run whenever pandas
  is, as it is the compute-only side of that comparison;
- `cli`: the whole `bryggan indicators` command in one process (validation of every row, the
  indicators, the CSV written), repeated;
- `pandas`: the same computation written the way an analyst would in plain pandas (groupby and
  nunique per municipality; a Python loop over each adult's months for the spell rule). Without
  pyarrow, pandas reads the Parquet file through DuckDB; that load (and the population CSV) is
  timed apart, once. With `--pandas-fraction F < 1` it runs on the municipalities holding the first
  F of the rows (in code order) and its time is scaled up by rows; the ten-year run skips pandas
  unless asked (25 million rows of Python strings need more memory than the machine should lend).

Two ratios, each like with like: compute only (pandas' compute from its DataFrame / the engine's
compute from its in-memory table) and end to end from the same Parquet file (pandas' load +
compute / the engine from the file). Every result (the engine from the file, from each in-memory
table, and pandas) must equal the engine's from the file for every municipality, or the run fails.
Record the printed figures, with the date, in benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import asdict
from itertools import pairwise
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from bryggan.commands.indicators import main as indicators_command
from bryggan.statistics.indicators import INDICATORS, indicator_value, indicators_compute
from bryggan.statistics.kolada import municipalities
from bryggan.statistics.register_io import population_load, register_attach

YEAR = 2025
# New households a year, calibrated to about 7 million rows over three years and 25 million over
# ten (a longer register holds more long spells that began before its own start).
HOUSEHOLDS_PER_YEAR = {3: 120_000, 10: 94_000}
SEED = 20261123


# --- the synthetic register ----------------------------------------------------------------------


def generate(folder: Path, years: int) -> tuple[Path, Path, int]:
    """Write register.parquet and population.csv; return their paths and the number of rows."""
    rng = np.random.default_rng(SEED)
    codes = np.array(sorted(municipalities()))
    size = rng.lognormal(mean=0.0, sigma=1.0, size=len(codes))
    population = np.maximum(2_500, size / size.sum() * 10_500_000).astype(np.int64)
    need = population * rng.uniform(0.5, 1.5, len(codes))
    n_households = HOUSEHOLDS_PER_YEAR[years] * years
    first_year = YEAR - years + 1
    n_months = 12 * years
    # Households: municipality, start (up to a year before the period), kind of spell.
    home = rng.choice(len(codes), size=n_households, p=need / need.sum())
    start = rng.integers(-12, n_months, n_households)
    kind = rng.choice(3, size=n_households, p=[0.5, 0.27, 0.23])
    duration = np.select(
        [kind == 0, kind == 1],
        [rng.integers(1, 7, n_households), rng.integers(7, 21, n_households)],
        rng.integers(21, 61, n_households),
    )
    gap_at = rng.integers(0, 60, n_households)
    gap_length = np.where(
        (kind == 2) & (rng.random(n_households) < 0.5), rng.integers(1, 5, n_households), 0
    )
    moves_at = np.where(rng.random(n_households) < 0.02, rng.integers(1, 40, n_households), 10_000)
    moves_to = rng.integers(0, len(codes), n_households)
    # Household months.
    household = np.repeat(np.arange(n_households), duration)
    offset = np.arange(len(household)) - np.repeat(np.cumsum(duration) - duration, duration)
    month = start[household] + offset
    in_gap = (offset >= gap_at[household]) & (offset < gap_at[household] + gap_length[household])
    keep = (month >= 0) & (month < n_months) & ~in_gap
    household, offset, month = household[keep], offset[keep], month[keep]
    place = np.where(offset >= moves_at[household], moves_to[household], home[household])
    # Members: an applicant, a co-applicant for a third, one to three children for two in five.
    co_applicant = rng.random(n_households) < 0.35
    children = np.where(rng.random(n_households) < 0.4, rng.integers(1, 4, n_households), 0)
    members = 1 + co_applicant + children
    applicant_age = np.minimum(70, 18 + rng.exponential(14, n_households).astype(np.int64))
    row_household = np.repeat(household, members[household])
    row_month = np.repeat(month, members[household])
    row_place = np.repeat(place, members[household])
    member = np.arange(len(row_household)) - np.repeat(
        np.cumsum(members[household]) - members[household], members[household]
    )
    role = np.where(member == 0, 0, np.where((member == 1) & co_applicant[row_household], 1, 2))
    child_age = (row_household * 7 + member * 5) % 21  # stable per person: 0–20
    birth_year = np.where(
        role == 2,
        first_year - child_age,
        first_year - applicant_age[row_household] - 2 * (role == 1),
    )
    amount = np.where(role == 0, rng.integers(2_000, 14_000, len(row_household)), 0)
    order = np.argsort(row_month, kind="stable")  # by month, so Parquet row groups cover few months
    frame = pd.DataFrame(
        {
            "place": row_place[order].astype(np.int16),
            "month_number": (row_month[order] + first_year * 12).astype(np.int32),
            "household": row_household[order].astype(np.int32),
            "person": row_household[order].astype(np.int64) * 8 + member[order],
            "birth_year": birth_year[order].astype(np.int32),
            "role": role[order].astype(np.int8),
            "amount": amount[order].astype(np.int64),
        }
    )
    register = folder / "register.parquet"
    con = duckdb.connect()
    con.register("generated", frame)
    # Codes by list position, not a join, so the rows keep their month order without a sort.
    code_list = "[" + ", ".join(f"'{code}'" for code in codes) + "]"
    con.execute(
        f"""COPY (
                SELECT {code_list}[g.place + 1] AS municipality,
                       printf('%04d-%02d', g.month_number // 12, g.month_number % 12 + 1) AS month,
                       'h' || g.household AS household_id,
                       'p' || g.person AS person_id,
                       g.birth_year,
                       ['applicant', 'co_applicant', 'child'][g.role + 1] AS role,
                       g.amount
                FROM generated AS g)
            TO '{register}' (FORMAT parquet)"""  # noqa: S608
    )
    population_file = folder / "population.csv"
    pd.DataFrame(
        {
            "municipality": codes,
            "year": YEAR,
            "population": population,
            "population_18_24": (population * 0.09).astype(np.int64),
        }
    ).to_csv(population_file, index=False)
    return register, population_file, len(frame)


# --- the engines, each run in a subprocess -------------------------------------------------------


def _peak_memory_mib() -> dict[str, float]:
    """This process's peak resident memory: ru_maxrss, and Linux's VmHWM of its own address space.

    On Linux ru_maxrss also keeps the high-water mark of the process that forked this one, which
    is why the register is generated in a child of its own and the parent stays small.
    """
    peak = {"max_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                peak["vm_hwm_mib"] = int(line.split()[1]) / 1024
    return peak


def _as_text(rows: list[dict[str, Any]]) -> list[dict[str, str]]:
    return [{key: str(value) for key, value in row.items()} for row in rows]


def run_duckdb(register: Path, population: Path, repeat: int, results: Path) -> dict[str, Any]:
    seconds = []
    rows = []
    for _ in range(repeat):
        started = time.perf_counter()
        con = duckdb.connect()
        con.execute("SET threads = 2")
        register_attach(con, register)
        population_load(con, population, year=YEAR)
        rows = indicators_compute(con, year=YEAR)
        con.close()
        seconds.append(time.perf_counter() - started)
    results.write_text(json.dumps(_as_text([asdict(row) for row in rows])))
    return {"seconds": seconds, "municipalities": len(rows)}


# How the in-memory register is held: the table it is copied into, and what that takes.
MEMORY_STORAGES = ("table", "compressed")


def _register_load(con: duckdb.DuckDBPyConnection, register: Path, storage: str) -> None:
    """Copy the register into memory and point the relation `register` at the copy.

    `register_attach` makes `register` a view over the file with the contract's columns and types;
    the copy keeps exactly those, and `indicators_compute` reads whatever `register` names.
    """
    register_attach(con, register)
    if storage == "compressed":
        con.execute("ATTACH ':memory:' AS stored (COMPRESS)")
        con.execute("CREATE TABLE stored.register AS FROM temp.register")
        con.execute("CHECKPOINT stored")  # an in-memory database compresses when checkpointed
        copy = "stored.register"
    else:
        con.execute("CREATE TABLE loaded_register AS FROM temp.register")
        copy = "loaded_register"
    con.execute(f"CREATE OR REPLACE TEMPORARY VIEW register AS FROM {copy}")


def run_duckdb_memory(
    register: Path, population: Path, repeat: int, results: Path
) -> dict[str, Any]:
    report: dict[str, Any] = {}
    for storage in MEMORY_STORAGES:
        con = duckdb.connect()
        con.execute("SET threads = 2")
        started = time.perf_counter()
        _register_load(con, register, storage)
        population_load(con, population, year=YEAR)
        load_seconds = time.perf_counter() - started
        seconds = []
        rows = []
        for _ in range(repeat):
            started = time.perf_counter()
            rows = indicators_compute(con, year=YEAR)
            seconds.append(time.perf_counter() - started)
        con.close()
        stored = results.with_name(f"{results.stem}-{storage}.json")
        stored.write_text(json.dumps(_as_text([asdict(row) for row in rows])))
        report[storage] = {
            "load_seconds": load_seconds,
            "seconds": seconds,
            "results": str(stored),
        }
    return report


def run_cli(register: Path, population: Path, repeat: int, results: Path) -> dict[str, Any]:
    seconds = []
    for _ in range(repeat):
        started = time.perf_counter()
        status = indicators_command(
            [
                "--register",
                str(register),
                "--population",
                str(population),
                "--year",
                str(YEAR),
                "--out",
                str(results),
            ]
        )
        seconds.append(time.perf_counter() - started)
        if status != 0:
            raise SystemExit(f"bryggan indicators exited {status}")
    return {"seconds": seconds}


def pandas_indicators(
    frame: pd.DataFrame, population: pd.DataFrame, year: int
) -> list[dict[str, Any]]:
    """The analyst's version: groupby for the counts, a Python loop for the spell rule."""
    frame["year"] = frame["month"].str[:4].astype(int)
    frame["month_number"] = frame["year"] * 12 + frame["month"].str[5:7].astype(int) - 1
    window = frame[(frame["year"] >= year - 2) & (frame["year"] <= year)]
    this_year = window[window["year"] == year]
    by_municipality = this_year.groupby("municipality")
    households = by_municipality["household_id"].nunique()
    recipients = by_municipality["person_id"].nunique()
    cost = by_municipality["amount"].sum()
    adults = this_year[this_year["role"] != "child"][
        ["municipality", "person_id"]
    ].drop_duplicates()
    adult_count = adults.groupby("municipality").size()
    months = this_year.groupby(["municipality", "person_id"])["month"].nunique().rename("months")
    adult_months = adults.merge(months.reset_index(), on=["municipality", "person_id"])
    long_term = adult_months[adult_months["months"] >= 10].groupby("municipality").size()
    birth = window.groupby(["municipality", "person_id"])["birth_year"].min().reset_index()
    people = (
        this_year[["municipality", "person_id"]]
        .drop_duplicates()
        .merge(birth, on=["municipality", "person_id"])
    )
    age = year - people["birth_year"]
    young = people[(age >= 18) & (age <= 24)].groupby("municipality").size()
    household_months = (
        this_year.groupby(["municipality", "household_id"])["month"]
        .nunique()
        .groupby(level=0)
        .sum()
    )
    very_long_term: Counter[str] = Counter()
    adult_window = window.merge(adults, on=["municipality", "person_id"])
    for (municipality, _person), numbers in adult_window.groupby(["municipality", "person_id"])[
        "month_number"
    ]:
        ordered = sorted(set(numbers))
        longest = current = 1
        for previous, number in pairwise(ordered):
            current = current + 1 if number - previous <= 3 else 1
            longest = max(longest, current)
        if longest >= 27:
            very_long_term[municipality] += 1
    inhabitants = population.set_index("municipality")
    parts = {
        "households": lambda m: (households[m], 1),
        "recipients": lambda m: (recipients[m], 1),
        "recipients_pct": lambda m: (recipients[m], inhabitants.at[m, "population"]),
        "adult_recipients": lambda m: (adult_count.get(m, 0), 1),
        "long_term_pct": lambda m: (long_term.get(m, 0), adult_count.get(m, 0)),
        "very_long_term_pct": lambda m: (very_long_term[m], adult_count.get(m, 0)),
        "young_adults_pct": lambda m: (young.get(m, 0), inhabitants.at[m, "population_18_24"]),
        "cost_per_inhabitant": lambda m: (cost[m], inhabitants.at[m, "population"]),
        "mean_months_per_household": lambda m: (household_months[m], households[m]),
    }
    rows = []
    for municipality in sorted(recipients.index):
        row: dict[str, Any] = {"municipality": municipality, "year": year}
        for indicator in INDICATORS:
            numerator, denominator = parts[indicator.id](municipality)
            row[indicator.id] = indicator_value(indicator.unit, int(numerator), int(denominator))
        rows.append(row)
    return rows


def run_pandas(register: Path, population: Path, fraction: float, results: Path) -> dict[str, Any]:
    started = time.perf_counter()
    frame = duckdb.sql(f"SELECT * FROM read_parquet('{register}')").df()  # noqa: S608
    inhabitants = pd.read_csv(population, dtype={"municipality": str})
    load_seconds = time.perf_counter() - started
    total_rows = len(frame)
    if fraction < 1:
        per_municipality = frame["municipality"].value_counts().sort_index().cumsum()
        chosen = per_municipality[per_municipality <= fraction * total_rows].index
        frame = frame[frame["municipality"].isin(chosen)].copy()
    started = time.perf_counter()
    rows = pandas_indicators(frame, inhabitants, YEAR)
    compute_seconds = time.perf_counter() - started
    results.write_text(json.dumps(_as_text(rows)))
    return {
        "load_seconds": load_seconds,
        "compute_seconds": compute_seconds,
        "rows_used": len(frame),
        "rows_total": total_rows,
        "municipalities": len(rows),
    }


def child(arguments: argparse.Namespace) -> None:
    register, population, results = (
        Path(arguments.register),
        Path(arguments.population),
        Path(arguments.results),
    )
    if arguments.child == "generate":
        started = time.perf_counter()
        rows = generate(register.parent, arguments.years)[2]
        report: dict[str, Any] = {"rows": rows, "seconds": time.perf_counter() - started}
    elif arguments.child == "duckdb":
        report = run_duckdb(register, population, arguments.repeat, results)
    elif arguments.child == "duckdb-memory":
        report = run_duckdb_memory(register, population, arguments.repeat, results)
    elif arguments.child == "cli":
        report = run_cli(register, population, arguments.repeat, results)
    else:
        report = run_pandas(register, population, arguments.pandas_fraction, results)
    report.update(_peak_memory_mib())
    print(json.dumps(report))


def spawn(
    engine: str, folder: Path, register: Path, population: Path, arguments: argparse.Namespace
) -> dict[str, Any]:
    results = folder / f"{engine}.json"
    command = [
        sys.executable,
        __file__,
        "--child",
        engine,
        "--register",
        str(register),
        "--population",
        str(population),
        "--results",
        str(results),
        "--repeat",
        str(arguments.repeat),
        "--pandas-fraction",
        str(arguments.pandas_fraction),
        "--years",
        str(arguments.years),
    ]
    print(f"running {engine} …", file=sys.stderr, flush=True)
    completed = subprocess.run(command, check=True, capture_output=True, text=True)  # noqa: S603
    report = json.loads(completed.stdout.strip().splitlines()[-1])
    report["results"] = results
    return report


# --- the comparison and the report ---------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--years", type=int, choices=[3, 10], default=3)
    parser.add_argument("--repeat", type=int, default=5, help="runs of the engine and the command")
    parser.add_argument(
        "--pandas-fraction",
        type=float,
        default=None,
        help="share of the rows pandas computes (default 1 for 3 years, 0 = skip for 10 years)",
    )
    parser.add_argument(
        "--child",
        choices=["generate", "duckdb", "duckdb-memory", "cli", "pandas"],
        help=argparse.SUPPRESS,
    )
    parser.add_argument("--register", help=argparse.SUPPRESS)
    parser.add_argument("--population", help=argparse.SUPPRESS)
    parser.add_argument("--results", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.pandas_fraction is None:
        arguments.pandas_fraction = 1.0 if arguments.years == 3 else 0.0
    if arguments.child:
        child(arguments)
        return
    with tempfile.TemporaryDirectory(prefix="bryggan-bench-") as temporary:
        folder = Path(temporary)
        register, population = folder / "register.parquet", folder / "population.csv"
        generated = spawn("generate", folder, register, population, arguments)
        rows = generated["rows"]
        print(f"generated {rows:,} rows in {generated['seconds']:.1f} s", file=sys.stderr)
        with_pandas = arguments.pandas_fraction > 0
        reports = {"duckdb": spawn("duckdb", folder, register, population, arguments)}
        if with_pandas:  # the in-memory figures are the compute-only side of the comparison
            reports["duckdb-memory"] = spawn(
                "duckdb-memory", folder, register, population, arguments
            )
        reports["cli"] = spawn("cli", folder, register, population, arguments)
        if with_pandas:
            reports["pandas"] = spawn("pandas", folder, register, population, arguments)
        report(arguments, rows, register, reports)


def _memory(report: dict[str, Any]) -> str:
    return f"{report['max_rss_mib']:.0f} / {report.get('vm_hwm_mib', float('nan')):.0f} MiB"


def _best_median(seconds: list[float]) -> str:
    return f"{min(seconds):.2f} s / {statistics.median(seconds):.2f} s"


def report(
    arguments: argparse.Namespace, rows: int, register: Path, reports: dict[str, dict[str, Any]]
) -> None:
    engine = reports["duckdb"]
    command = reports["cli"]
    print(
        f"\nIndicators, one year ({YEAR}), {arguments.years}-year register: "
        f"{rows:,} person-month rows, {register.stat().st_size / 2**20:.0f} MiB Parquet, "
        f"{engine['municipalities']} municipalities"
    )
    print(
        f"machine: {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"DuckDB {duckdb.__version__}, pandas {pd.__version__}"
    )
    runs = len(engine["seconds"])
    print("| engine | wall time | peak memory: ru_maxrss / VmHWM |")
    print("|---|---|---|")
    print(
        f"| DuckDB engine from the file (threads = 2; attach + population + compute), "
        f"best / median of {runs} | {_best_median(engine['seconds'])} | {_memory(engine)} |"
    )
    memory = reports.get("duckdb-memory", {})
    for storage, label in (
        ("table", "in-memory table"),
        ("compressed", "compressed in-memory table"),
    ):
        if storage not in memory:
            continue
        print(
            f"| DuckDB, load once: Parquet → {label} + population | "
            f"{memory[storage]['load_seconds']:.2f} s | |"
        )
        print(
            f"| DuckDB, compute from the {label}, best / median of {runs} | "
            f"{_best_median(memory[storage]['seconds'])} | "
            f"{_memory(memory)} (one process, both tables in turn) |"
        )
    print(
        f"| `bryggan indicators` (validate every row + compute + write CSV), best / median | "
        f"{_best_median(command['seconds'])} | {_memory(command)} |"
    )
    results = [
        engine["results"],
        *(Path(memory[storage]["results"]) for storage in MEMORY_STORAGES if storage in memory),
    ]
    if "pandas" in reports:
        frame = reports["pandas"]
        scale = frame["rows_total"] / frame["rows_used"]
        compute = frame["compute_seconds"] * scale
        scaled = f" (scaled ×{scale:.2f} from {frame['rows_used']:,} rows)" if scale > 1 else ""
        print(
            f"| pandas, load once: Parquet (via DuckDB) → DataFrame + population CSV | "
            f"{frame['load_seconds']:.1f} s | |"
        )
        print(
            f"| pandas, compute from the DataFrame{scaled} | {compute:.1f} s | {_memory(frame)} |"
        )
        end_to_end = compute + frame["load_seconds"]

        def ratios(seconds: list[float], pandas_seconds: float) -> str:
            best, median = min(seconds), statistics.median(seconds)
            return f"{pandas_seconds / best:.0f}× (median {pandas_seconds / median:.0f}×)"

        print("\nratio pandas / DuckDB, against DuckDB's best (and median) run:")
        table = memory["table"]["seconds"]
        print(f"- compute only, from the in-memory table: {ratios(table, compute)}")
        print(
            f"- compute only, from the compressed in-memory table: "
            f"{ratios(memory['compressed']['seconds'], compute)}"
        )
        print(f"- end to end from the Parquet file: {ratios(engine['seconds'], end_to_end)}")
        print(
            f"- (as recorded until 2026-11-23: pandas compute / DuckDB from the file: "
            f"{ratios(engine['seconds'], compute)})"
        )
        results.append(frame["results"])
    check(results)


def check(results: list[Path]) -> None:
    """Every result equals the engine's from the file (the first), for each municipality it has."""
    engine_rows = json.loads(results[0].read_text())
    engine = {row["municipality"]: row for row in engine_rows}
    for other in results[1:]:
        rows = json.loads(other.read_text())
        differing = [row["municipality"] for row in rows if engine.get(row["municipality"]) != row]
        if differing:
            raise SystemExit(
                f"{other.stem} and the engine from the file disagree for {len(differing)} "
                f"municipalities: {differing[:5]}"
            )
        if other.stem.startswith("duckdb") and len(rows) != len(engine_rows):
            raise SystemExit(f"{other.stem}: {len(rows)} municipalities, not {len(engine_rows)}")
        print(
            f"{other.stem} agrees with the engine from the file on all {len(rows)} municipalities"
        )


if __name__ == "__main__":
    main()
