"""A client for Kolada's open API (RKA): Öppna jämförelser figures for all municipalities, one year.

Kolada is the open database of municipal key figures kept by RKA (Rådet för främjande av kommunala
analyser). This module fetches the KPIs mapped in `data/kolada_measures.toml` for one year and turns
them into the long Kolada format (`municipality`, `year`, `measure`, `value`) that
`bryggan benchmark --values/--background` reads (contracts/benchmark.md). It is pure: no Django, and
the network is one injectable function, so tests pass recorded responses and never go online.

The API, version 3 (the version RKA's API page describes since 2025-04-04; version 2 was to stay
about six months after that and now answers 410 Gone):

- Data for one KPI, one year, every municipality:
  `GET https://api.kolada.se/v3/data/kpi/<KPI>/year/<YEAR>`; for named municipalities:
  `…/data/kpi/<KPI>/municipality/<ID,ID,…>/year/<YEAR>`. Ids are comma-separated; we send at most
  25 municipality ids a request, the limit that public v3 clients keep to (RKA documents only that
  the URL length is the limit).
- Each answer is `{"values": [...], "count": <items on this page>, "next_url": <full URL>}`, with
  no `next_url` on the last page; the pages are read by following `next_url` until there is none.
  Version 2 called the same field `next_page`; both are followed. A page holds at most 5000 items.
- A data item is `{"kpi", "municipality", "period", "values": [{"gender", "value", "count",
  "status"}]}`. `gender` is `T` (total), `K` (women) or `M` (men); a KPI not divided by gender has
  only `T`. `value` may be null (no figure). `municipality` is a kommunkod, `0000` for the whole
  country, a region code (`0001`–`0025`) or a municipality group (`G…`).

Only the total (`T`) is kept, null values are left out, and only `0000` and SCB's 290 municipality
codes are kept: regions and groups are not municipalities and the long format has no place for them.

Sources (as text; read 2026-11-23 through stored copies, not live):
- https://www.kolada.se/om-oss/api/ — RKA: the API, its terms ("Källa: Kolada"), version 3 released
  2025-04-04, Swagger UI at https://api.kolada.se/v3/docs.
- https://github.com/Hypergene/kolada (README.rst) — RKA's API reference for version 2: the data
  routes, the `values`/`count`/`next_page` envelope, the data item with `gender` `T`, at most 5000
  items a page, and that the URL length is the only limit on comma-separated ids.
- https://api.kolada.se/v3/openapi.json — the v3 reference; its paging fields `next_url` and
  `previous_url`, and `per_page` default 5000, as quoted by public v3 clients (xemarap/koladapy,
  LCHansson/rKolada with `version = "v3"`); not read directly here.
"""

from __future__ import annotations

import http.client
import json
import re
import tomllib
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Final

from bryggan.statistics.kolada import (
    KOLADA_COLUMNS,
    WHOLE_COUNTRY,
    MeasureValue,
    data_file,
    municipalities,
)
from bryggan.statistics.output import OutputFormat, table_write

BASE_URL: Final = "https://api.kolada.se/v3"
DEFAULT_TIMEOUT: Final = 30.0  # seconds for one request
MAX_IDS_PER_REQUEST: Final = 25
MAX_PAGES: Final = 1000  # 5000 items a page: far beyond any one KPI and year
TOTAL: Final = "T"  # the gender code of the total in a KPI divided by gender

MEASURES_TOML: Final = data_file("kolada_measures.toml")

NO_NETWORK: Final = (
    "Kolada cannot be reached (no network): {reason}; "
    "use a saved file with bryggan benchmark --values FILE"
)

# `fetch(url, timeout)` returns the body of a GET; it raises what urllib raises when offline.
Fetch = Callable[[str, float], bytes]

_KPI_ID = re.compile(r"[A-Z][0-9]{5}")
_MEASURE_KEY = re.compile(r"[a-z][a-z0-9_]*")
_YEAR = re.compile(r"[0-9]{4}")


class KoladaError(Exception):
    """Kolada's figures could not be had; `message` is the one line the user sees."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class KoladaUnavailable(KoladaError):
    """No network, no name resolution, a refused connection or a timeout: Kolada was not reached."""

    def __init__(self, reason: str) -> None:
        super().__init__(NO_NETWORK.format(reason=reason))
        self.reason = reason


class KoladaResponseError(KoladaError):
    """Kolada was reached but answered with an HTTP error or with something not in its format."""


class MeasureCatalogueError(Exception):
    """The shipped `kolada_measures.toml` breaks its own rules: no fault of the user's input."""


@dataclass(frozen=True, slots=True)
class KoladaMeasure:
    """One measure key of the long format and the Kolada KPI that publishes it, with its source."""

    key: str
    kpi: str
    title: str
    source: str


@dataclass(frozen=True, slots=True)
class MeasureCatalogue:
    """The mapped measures, in file order, and the measure keys with no verified KPI id."""

    measures: tuple[KoladaMeasure, ...]
    unverified: tuple[str, ...]

    def get(self, key: str) -> KoladaMeasure | None:
        return next((measure for measure in self.measures if measure.key == key), None)


@dataclass(frozen=True, slots=True)
class KoladaResult:
    """The figures fetched; the codes left out as no municipality; the measures with no figure."""

    values: tuple[MeasureValue, ...]
    skipped_codes: tuple[str, ...]
    measures_without_values: tuple[str, ...]


def measure_catalogue(path: Path = MEASURES_TOML) -> MeasureCatalogue:
    """Load and check `kolada_measures.toml`: KPI ids of the form N00000, a title and a source each.

    Raises:
        MeasureCatalogueError: the file is missing, not TOML, or breaks one of those rules.
    """
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise MeasureCatalogueError(f"{path}: {error}") from error
    table = data.get("measures")
    unverified = data.get("unverified", [])
    if not isinstance(table, dict) or not isinstance(unverified, list):
        raise MeasureCatalogueError(f"{path}: needs a [measures] table and an unverified list")
    measures = []
    for key, entry in table.items():
        if not _MEASURE_KEY.fullmatch(key) or not isinstance(entry, dict):
            raise MeasureCatalogueError(f"{path}: measures.{key}: not a measure table")
        fields = {name: entry.get(name) for name in ("kpi", "title", "source")}
        for name, value in fields.items():
            if not isinstance(value, str) or not value.strip():
                raise MeasureCatalogueError(f"{path}: measures.{key}.{name}: missing")
        if not _KPI_ID.fullmatch(str(fields["kpi"])):
            raise MeasureCatalogueError(f"{path}: measures.{key}.kpi: not a Kolada KPI id")
        measures.append(
            KoladaMeasure(key, str(fields["kpi"]), str(fields["title"]), str(fields["source"]))
        )
    for key in unverified:
        if not isinstance(key, str) or key in table:
            raise MeasureCatalogueError(f"{path}: unverified: {key!r} is mapped or not a key")
    return MeasureCatalogue(tuple(measures), tuple(unverified))


def data_urls(
    kpi: str, year: int, municipality_codes: Sequence[str] | None = None, *, base: str = BASE_URL
) -> list[str]:
    """The request URLs for one KPI and year: one for every municipality, or batches of 25 ids."""
    if not municipality_codes:
        return [f"{base}/data/kpi/{kpi}/year/{year}"]
    codes = list(municipality_codes)
    return [
        f"{base}/data/kpi/{kpi}/municipality/{','.join(codes[i : i + MAX_IDS_PER_REQUEST])}"
        f"/year/{year}"
        for i in range(0, len(codes), MAX_IDS_PER_REQUEST)
    ]


def urlopen_fetch(url: str, timeout: float) -> bytes:
    """GET `url` with the standard library; errors are translated by the caller (`_get_json`)."""
    if not url.startswith(BASE_URL + "/"):
        raise KoladaResponseError(f"not a Kolada API address: {url}")
    request = urllib.request.Request(  # noqa: S310 (the scheme and host are checked above)
        url, headers={"Accept": "application/json", "User-Agent": "bryggan-kolada"}
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
        body: bytes = response.read()
    return body


def _reason(error: BaseException) -> str:
    if isinstance(error, urllib.error.URLError) and not isinstance(error, urllib.error.HTTPError):
        return str(error.reason) or type(error.reason).__name__
    if isinstance(error, TimeoutError):
        return str(error) or "timed out"
    return str(error) or type(error).__name__


def _get_json(url: str, fetch: Fetch, timeout: float) -> object:
    try:
        body = fetch(url, timeout)
    except urllib.error.HTTPError as error:  # reached Kolada: not a network failure
        raise KoladaResponseError(f"{url}: HTTP {error.code} {error.reason}") from error
    except (OSError, http.client.HTTPException) as error:  # URLError, timeout, DNS, refused, reset
        raise KoladaUnavailable(_reason(error)) from error
    try:
        # Decimal keeps the digits Kolada sent; NaN and Infinity are not figures.
        return json.loads(body, parse_float=Decimal, parse_constant=_no_constant)
    except (ValueError, UnicodeDecodeError) as error:
        raise KoladaResponseError(f"{url}: not JSON: {error}") from error


def _no_constant(name: str) -> object:
    raise ValueError(f"{name} is not a number")


def _next_url(page: dict[str, object], url: str) -> str | None:
    """The next page's address: `next_url` (version 3) or `next_page` (version 2)."""
    following = page.get("next_url") or page.get("next_page")
    if following is None:
        return None
    if not isinstance(following, str) or not following.startswith(BASE_URL + "/"):
        raise KoladaResponseError(f"{url}: next page is not a Kolada API address: {following!r}")
    return following


def fetch_pages(
    url: str, *, fetch: Fetch, timeout: float = DEFAULT_TIMEOUT
) -> Iterator[list[object]]:
    """The `values` of every page, following the next-page address from `url` on.

    Raises:
        KoladaUnavailable: Kolada could not be reached.
        KoladaResponseError: an HTTP error, or an answer not in Kolada's format.
    """
    seen: set[str] = set()
    current: str | None = url
    while current is not None:
        if current in seen or len(seen) >= MAX_PAGES:
            raise KoladaResponseError(f"{url}: the pages do not end (again at {current})")
        seen.add(current)
        page = _get_json(current, fetch, timeout)
        if not isinstance(page, dict) or not isinstance(page.get("values"), list):
            raise KoladaResponseError(f"{current}: no list of values in the answer")
        yield page["values"]
        current = _next_url(page, current)


def _plain(value: object) -> Decimal | None:
    """A figure as a plain decimal (no exponent, so the long-format reader takes it), or None."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise ValueError(f"not a number: {value!r}")
    try:
        return Decimal(format(Decimal(value), "f"))
    except InvalidOperation as error:
        raise ValueError(f"not a number: {value!r}") from error


def _total(entries: object) -> object:
    """The value of the total (`T`) entry; None when there is no total."""
    if not isinstance(entries, list):
        raise ValueError("values is not a list")
    for entry in entries:
        if not isinstance(entry, dict):
            raise ValueError("a value entry is not an object")
        if entry.get("gender") == TOTAL:
            return entry.get("value")
    return None


def values_parse(
    items: Sequence[object], *, measure: KoladaMeasure, year: int, where: str = "Kolada"
) -> tuple[list[MeasureValue], list[str]]:
    """Long-format rows from the data items of one page, and the codes left out as no municipality.

    Raises:
        KoladaResponseError: an item not in Kolada's data format, for another KPI or another year.
    """
    known = municipalities()
    rows: list[MeasureValue] = []
    skipped: list[str] = []
    for number, item in enumerate(items):
        try:
            if not isinstance(item, dict):
                raise ValueError("not an object")
            if item.get("kpi") != measure.kpi:
                raise ValueError(f"kpi {item.get('kpi')!r}, asked for {measure.kpi}")
            period = str(item.get("period"))
            if not _YEAR.fullmatch(period) or int(period) != year:
                raise ValueError(f"period {item.get('period')!r}, asked for {year}")
            code = item.get("municipality")
            if not isinstance(code, str):
                raise ValueError(f"municipality {code!r}")
            value = _plain(_total(item.get("values")))
        except ValueError as error:
            raise KoladaResponseError(f"{where}: values[{number}]: {error}") from error
        if code != WHOLE_COUNTRY and code not in known:
            skipped.append(code)
            continue
        if value is not None:
            rows.append(MeasureValue(code, year, measure.key, value))
    return rows, skipped


def kolada_fetch(
    measures: Sequence[KoladaMeasure],
    *,
    year: int,
    municipality_codes: Sequence[str] | None = None,
    fetch: Fetch = urlopen_fetch,
    timeout: float = DEFAULT_TIMEOUT,
) -> KoladaResult:
    """Fetch every measure for `year`, for all municipalities or those named, whole or not at all.

    Raises:
        KoladaUnavailable: Kolada could not be reached (nothing is returned, even if some was read).
        KoladaResponseError: an HTTP error or an answer not in Kolada's format.
    """
    values: dict[tuple[str, int, str], MeasureValue] = {}
    skipped: set[str] = set()
    empty: list[str] = []
    for measure in measures:
        found = 0
        for url in data_urls(measure.kpi, year, municipality_codes):
            for items in fetch_pages(url, fetch=fetch, timeout=timeout):
                rows, left_out = values_parse(items, measure=measure, year=year, where=url)
                skipped.update(left_out)
                for row in rows:
                    key = (row.municipality, row.year, row.measure)
                    if key in values:
                        raise KoladaResponseError(f"{url}: {row.municipality} came twice")
                    values[key] = row
                found += len(rows)
        if not found:
            empty.append(measure.key)
    order = {measure.key: index for index, measure in enumerate(measures)}
    rows = sorted(values.values(), key=lambda row: (order[row.measure], row.municipality))
    return KoladaResult(tuple(rows), tuple(sorted(skipped)), tuple(empty))


def kolada_csv_write(values: Sequence[MeasureValue], out: Path | None) -> None:
    """Write the long Kolada format (header `municipality,year,measure,value`), atomically to `out`.

    Raises:
        OSError: `out` cannot be written; no file is left behind.
    """
    table_write(values, KOLADA_COLUMNS, OutputFormat.CSV, out)
