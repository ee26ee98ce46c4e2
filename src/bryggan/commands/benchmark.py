"""`bryggan benchmark`: open comparisons between municipalities (contracts/benchmark.md).

```
bryggan benchmark --values VALUES --year 2012 [--background BACKGROUND] [--out FILE]
                  [--format csv|json]
```
Reads Kolada long-format files (decimal point or comma) and writes, for every municipality and
measure of VALUES in the year, its rank and quartile colour and, with BACKGROUND, the value its
socio-economic background predicts, the residual and its five nearest peers. A file with a `kind`
column (such as the shipped seed table) can be given as both: VALUES reads its `indicator` rows,
BACKGROUND its `background` rows. Invalid input: exit status 2 and one line naming the file, row
and column.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bryggan.statistics.benchmarking import COMPARISON_COLUMNS, benchmark
from bryggan.statistics.errors import InvalidInputError
from bryggan.statistics.kolada import Kind, MeasureValue, kolada_read
from bryggan.statistics.output import output_arguments, table_write_or_report


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bryggan benchmark",
        description="Quartile colours and expected-versus-actual values between municipalities.",
    )
    parser.add_argument("--values", type=Path, required=True, help="result indicators (Kolada CSV)")
    parser.add_argument("--year", type=int, required=True, help="the year to compare")
    parser.add_argument("--background", type=Path, help="background measures (Kolada CSV)")
    output_arguments(parser)
    return parser


def _read_year(path: Path, kind: Kind, year: int) -> list[MeasureValue]:
    values = kolada_read(path, kind=kind)
    if not any(value.year == year for value in values):
        raise InvalidInputError(path, f"no value for the year {year}", column="year")
    return values


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    try:
        values = _read_year(args.values, Kind.INDICATOR, args.year)
        background = (
            _read_year(args.background, Kind.BACKGROUND, args.year) if args.background else None
        )
    except InvalidInputError as error:
        print(error, file=sys.stderr)
        return 2
    comparisons = benchmark(values, year=args.year, background=background)
    return table_write_or_report(comparisons, COMPARISON_COLUMNS, args)
