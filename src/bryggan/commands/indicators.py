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
from pathlib import Path

import duckdb

from bryggan.core.progress import TerminalProgress
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


class _Steps:
    """What the command is doing, and how many of its steps are done, on a terminal only."""

    TOTAL = 4 + len(INDICATORS)  # validate, attach, population, facts; then each indicator

    def __init__(self, progress: TerminalProgress) -> None:
        self.progress, self.done = progress, 0

    def __call__(self, message: str) -> None:
        self.progress.note(message)
        self.progress.step("indicators", self.done, self.TOTAL)
        self.done += 1


def main(argv: list[str]) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not FIRST_YEAR <= args.year <= LAST_YEAR:
        parser.error(f"--year: not a year: {args.year}")
    with TerminalProgress(sys.stderr, transient=True) as terminal:
        return _run(args, _Steps(terminal))


def _run(args: argparse.Namespace, progress: _Steps) -> int:
    con = duckdb.connect()
    try:
        progress(f"validating {args.register}")
        register_validate(con, args.register)
        progress(f"reading {args.register}")
        register_attach(con, args.register)
        progress(f"reading {args.population}")
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
    if status == 0:
        progress.progress.step("indicators", progress.TOTAL, progress.TOTAL)
        progress.progress.note(f"{len(rows)} municipalities")
    return status
