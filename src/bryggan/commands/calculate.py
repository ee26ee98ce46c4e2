"""`bryggan calculate [--explain] FILE`: försörjningsstöd for one household and month.

The command-line face of the calculation engine (contracts/calculate.md). `FILE` is contract JSON,
or `-` for standard input. Exit 0 with the result as JSON (or, with `--explain`, the Swedish
itemised table) on standard output. Exit 2 with exactly one line on standard error, naming the
offending field (`members[2].birth_date: not a date: "2019-13-01"`), and nothing on standard
output, for invalid input: JSON that does not parse (`FILE:line:column`), an unreadable file, an
unknown field at any level, a wrong type, a negative or fractional amount, a month with no norm
year shipped, and so on (the rules are in `bryggan.calculation.jsonio` and `.household`). Exit 1
when the shipped norm data itself is broken, which is no fault of the input.
"""

from __future__ import annotations

import sys
from pathlib import Path

from bryggan.calculation.engine import calculate
from bryggan.calculation.explain import explain
from bryggan.calculation.jsonio import calculation_to_text, household_from_text
from bryggan.core.errors import DomainError
from bryggan.norms.tables import NormDataError, default_norms

USAGE = "usage: bryggan calculate [--explain] FILE (FILE may be - for standard input)"
EXIT_OK = 0
EXIT_DATA_ERROR = 1
EXIT_INPUT_ERROR = 2


def _one_line(text: str) -> str:
    """Messages quote input through JSON, so only a stray line break needs flattening."""
    return text.replace("\r", " ").replace("\n", " ")


def _fail(message: str, status: int = EXIT_INPUT_ERROR) -> int:
    sys.stderr.write(_one_line(message) + "\n")
    return status


def _read(path: str) -> tuple[str, str]:
    """The input text and the name errors give it; OSError/UnicodeDecodeError pass through."""
    if path == "-":
        return sys.stdin.buffer.read().decode("utf-8-sig"), "stdin"
    return Path(path).read_bytes().decode("utf-8-sig"), path


def main(argv: list[str]) -> int:
    """Run the command; returns the exit status (0 result, 1 broken norm data, 2 bad input)."""
    args = list(argv)
    if args in (["-h"], ["--help"]):
        sys.stdout.write(USAGE + "\n")
        return EXIT_OK
    explain_wanted = "--explain" in args
    files = [arg for arg in args if arg != "--explain"]
    if (
        len(files) != 1
        or args.count("--explain") > 1
        or (files[0].startswith("-") and files[0] != "-")
    ):
        return _fail(USAGE)
    path = files[0]
    try:
        text, name = _read(path)
    except OSError as error:
        return _fail(f"{path}: cannot read: {error.strerror or error}")
    except UnicodeDecodeError:
        return _fail(f"{path}: not UTF-8 text")
    try:
        household = household_from_text(text, name=name)
        calculation = calculate(household, default_norms())
    except NormDataError as error:
        return _fail(f"norm data: {error.message}", EXIT_DATA_ERROR)
    except DomainError as error:
        return _fail(f"{error.field}: {error.message}" if error.field else error.message)
    output = explain(calculation) if explain_wanted else calculation_to_text(calculation)
    sys.stdout.write(output)
    return EXIT_OK
