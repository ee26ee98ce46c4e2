"""Writing a result table (indicators, comparisons) as CSV or JSON, whole or not at all.

A file named with `--out` is written to a temporary file in the same folder and renamed into place,
so a reader never sees half a table and a failed run leaves no file behind. Decimal values keep
their exact digits in CSV; in JSON they are numbers (up to 15 significant digits print unchanged).
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import json
import os
import sys
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import asdict, is_dataclass
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Any, TextIO


class OutputFormat(StrEnum):
    CSV = "csv"
    JSON = "json"


def _csv_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        return ";".join(str(item) for item in value)
    return str(value)


def _json_value(value: object) -> object:
    if isinstance(value, Decimal):
        # A decimal of at most 15 significant digits prints back as the same digits from a float.
        exponent = value.as_tuple().exponent
        return int(value) if isinstance(exponent, int) and exponent >= 0 else float(value)
    if isinstance(value, tuple):
        return ";".join(str(item) for item in value)
    return value


def _records(rows: Iterable[Any]) -> list[dict[str, object]]:
    return [asdict(row) if is_dataclass(row) else dict(row) for row in rows]


def table_text(rows: Iterable[Any], columns: Sequence[str], output_format: OutputFormat) -> str:
    """The whole table as text: CSV with a header row, or a JSON array of objects."""
    records = _records(rows)
    if output_format is OutputFormat.JSON:
        objects = [
            {column: _json_value(record[column]) for column in columns} for record in records
        ]
        return json.dumps(objects, ensure_ascii=False, indent=1) + "\n"
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for record in records:
        writer.writerow([_csv_cell(record[column]) for column in columns])
    return buffer.getvalue()


def table_write(
    rows: Iterable[Any],
    columns: Sequence[str],
    output_format: OutputFormat,
    out: Path | None,
    stdout: TextIO | None = None,
) -> None:
    """Write the table to `out` atomically (temporary file + rename), or to standard output."""
    text = table_text(rows, columns, output_format)
    if out is None:
        (stdout or sys.stdout).write(text)
        return
    handle, temporary = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as file:
            file.write(text)
        Path(temporary).replace(out)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            Path(temporary).unlink()
        raise


def output_arguments(parser: argparse.ArgumentParser) -> None:
    """The `--out` and `--format` options every table-writing command takes."""
    parser.add_argument("--out", type=Path, help="write here instead of standard output")
    parser.add_argument(
        "--format", choices=[f.value for f in OutputFormat], default=OutputFormat.CSV.value
    )


def table_write_or_report(
    rows: Iterable[Any], columns: Sequence[str], args: argparse.Namespace
) -> int:
    """Write the table as `--out`/`--format` say; exit status 0, or 2 with one line on stderr."""
    try:
        table_write(rows, columns, OutputFormat(args.format), args.out)
    except OSError as error:
        sys.stderr.write(f"{args.out}: cannot be written: {error.strerror or error}\n")
        return 2
    return 0
