"""`bryggan kolada`: fetch the Öppna jämförelser measures for every municipality from Kolada's API.

```
bryggan kolada --year 2024 [--measures recipients_pct,...] [--out FILE]
               [--municipalities 0180,1280]
```
Fetches, for one year, the measures that `statistics/data/kolada_measures.toml` maps to a Kolada KPI
(all of them unless `--measures` names some) and writes them in the long Kolada format that
`bryggan benchmark --values/--background` reads: to `--out` (whole or not at all) or to standard
output. Only the total (`T`) of a KPI divided by gender is kept, and missing figures are left out.

Exit status: 0 written; 1 Kolada answered with an HTTP error or something not in its format, or the
shipped measure file is broken; 2 bad arguments (one line on standard error, nothing written);
3 Kolada cannot be reached (no network, name resolution, refused connection, timeout), with one line
on standard error saying so and pointing to a saved file. No file is written unless every request
succeeded.

Source of the API: https://www.kolada.se/om-oss/api/ (version 3); see
`bryggan.statistics.kolada_api`.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import NoReturn

from bryggan.statistics.kolada import WHOLE_COUNTRY, municipalities
from bryggan.statistics.kolada_api import (
    DEFAULT_TIMEOUT,
    Fetch,
    KoladaMeasure,
    KoladaResponseError,
    KoladaUnavailable,
    MeasureCatalogue,
    MeasureCatalogueError,
    kolada_csv_write,
    kolada_fetch,
    measure_catalogue,
    urlopen_fetch,
)

EXIT_OK = 0
EXIT_KOLADA_ERROR = 1
EXIT_USAGE = 2
EXIT_NO_NETWORK = 3

_YEAR = re.compile(r"[0-9]{4}")


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _UsageError(message)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="bryggan kolada",
        description="Fetch Öppna jämförelser measures for every municipality from Kolada (RKA).",
    )
    parser.add_argument("--year", required=True, help="the year of the figures, e.g. 2024")
    parser.add_argument(
        "--measures", help="comma-separated measure keys (default: every mapped measure)"
    )
    parser.add_argument("--out", type=Path, help="write here instead of standard output")
    parser.add_argument(
        "--municipalities",
        help="comma-separated kommunkoder, 0000 the whole country (default: all)",
    )
    return parser


def _items(text: str, option: str) -> list[str]:
    items = [item.strip() for item in text.split(",")]
    if not all(items):
        raise _UsageError(f"{option}: an empty item in {text!r}")
    if len(set(items)) != len(items):
        raise _UsageError(f"{option}: an item given twice in {text!r}")
    return items


def _year(text: str) -> int:
    if not _YEAR.fullmatch(text):
        raise _UsageError(f"--year: not a year: {text!r}")
    return int(text)


def _measures(text: str | None, catalogue: MeasureCatalogue) -> list[KoladaMeasure]:
    if text is None:
        return list(catalogue.measures)
    chosen = []
    for key in _items(text, "--measures"):
        measure = catalogue.get(key)
        if measure is None:
            if key in catalogue.unverified:
                raise _UsageError(
                    f"--measures: {key} has no verified Kolada KPI id yet "
                    "(see statistics/data/kolada_measures.toml)"
                )
            known = ", ".join(m.key for m in catalogue.measures)
            raise _UsageError(f"--measures: unknown measure {key!r} (mapped: {known})")
        chosen.append(measure)
    return chosen


def _municipality_codes(text: str | None) -> list[str] | None:
    if text is None:
        return None
    codes = _items(text, "--municipalities")
    known = municipalities()
    for code in codes:
        if code != WHOLE_COUNTRY and code not in known:
            raise _UsageError(
                f"--municipalities: not a Swedish municipality (SCB's list, or 0000): {code!r}"
            )
    return codes


def _out(path: Path | None) -> Path | None:
    # Checked before any request, so a typing error costs no download.
    if path is not None and not path.parent.is_dir():
        raise _UsageError(f"--out: no such folder: {path.parent}")
    return path


def _fail(message: str, status: int) -> int:
    sys.stderr.write(message.replace("\n", " ") + "\n")
    return status


def main(argv: list[str], *, fetch: Fetch = urlopen_fetch) -> int:
    """Run the command; returns the exit status (0 written, 1 Kolada error, 2 usage, 3 offline)."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # --help
        return int(stop.code or 0)
    except _UsageError as error:
        return _fail(f"bryggan kolada: {error}", EXIT_USAGE)
    try:
        catalogue = measure_catalogue()
    except MeasureCatalogueError as error:
        return _fail(f"measure file: {error}", EXIT_KOLADA_ERROR)
    try:
        year = _year(args.year)
        measures = _measures(args.measures, catalogue)
        codes = _municipality_codes(args.municipalities)
        out = _out(args.out)
    except _UsageError as error:
        return _fail(f"bryggan kolada: {error}", EXIT_USAGE)
    if not measures:
        return _fail("measure file: no measure is mapped to a Kolada KPI", EXIT_KOLADA_ERROR)
    try:
        result = kolada_fetch(
            measures, year=year, municipality_codes=codes, fetch=fetch, timeout=DEFAULT_TIMEOUT
        )
    except KoladaUnavailable as error:
        return _fail(error.message, EXIT_NO_NETWORK)
    except KoladaResponseError as error:
        return _fail(f"Kolada answered with an error: {error.message}", EXIT_KOLADA_ERROR)
    try:
        kolada_csv_write(result.values, out)
    except OSError as error:
        return _fail(f"{out}: cannot be written: {error.strerror or error}", EXIT_USAGE)
    for key in result.measures_without_values:
        sys.stderr.write(f"bryggan kolada: no figures for {key} in {year} in Kolada yet\n")
    return EXIT_OK
