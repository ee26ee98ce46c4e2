"""`bryggan indicators`: Öppna jämförelser indicators from a payment register.

Contract: shared/contracts/indicators.md.

```
bryggan indicators --register REGISTER --population POPULATION --year 2025 [--out FILE]
                   [--format csv|json]
```
Reads the register and population files (CSV or Parquet, by file ending), validates every row, and
writes one row per municipality with a recipient in the year. Invalid input: exit status 2 and one
line on standard error naming the file, row and column; no output file is left behind.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import duckdb

from bryggan.statistics.errors import InvalidInputError
from bryggan.statistics.indicators import (
    INDICATORS,
    PopulationMissingError,
    indicators_compute,
)
from bryggan.statistics.output import output_arguments, table_write_or_report
from bryggan.statistics.register_io import population_load, register_attach, register_validate

COLUMNS = ("municipality", "year", *(indicator.id for indicator in INDICATORS))
# The 36-month window of very long-term assistance starts two years before the indicator year.
FIRST_YEAR = 3
LAST_YEAR = 9999


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bryggan indicators",
        description="Öppna jämförelser indicators of economic assistance, from a payment register",
    )
    parser.add_argument("--register", type=Path, required=True, help="register (.csv or .parquet)")
    parser.add_argument(
        "--population", type=Path, required=True, help="population (.csv or .parquet)"
    )
    parser.add_argument("--year", type=int, required=True, help="the indicator year, e.g. 2025")
    output_arguments(parser)
    return parser


class _Progress:
    """Progress lines on standard error, only when a person is watching a terminal."""

    def __init__(self) -> None:
        self.started = time.monotonic()

    def __call__(self, message: str) -> None:
        print(f"[{time.monotonic() - self.started:5.1f} s] {message}", file=sys.stderr)


def main(argv: list[str]) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not FIRST_YEAR <= args.year <= LAST_YEAR:
        parser.error(f"--year: not a year: {args.year}")
    progress = _Progress() if sys.stderr.isatty() else None
    con = duckdb.connect()
    try:
        if progress:
            progress(f"validating {args.register}")
        register_validate(con, args.register)
        register_attach(con, args.register)
        population_load(con, args.population, year=args.year)
        rows = indicators_compute(con, year=args.year, progress=progress)
    except InvalidInputError as error:
        print(error, file=sys.stderr)
        return 2
    except PopulationMissingError as error:
        print(
            InvalidInputError(args.population, error.message, column="municipality"),
            file=sys.stderr,
        )
        return 2
    finally:
        con.close()
    status = table_write_or_report(rows, COLUMNS, args)
    if progress and status == 0:
        progress(f"{len(rows)} municipalities")
    return status
