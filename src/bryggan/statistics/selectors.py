"""Reads for the analysts' pages: the shipped Kolada-format figures, benchmarked, by year.

Sources: Table 1 of SKL's *Att bryta mönster – om sex kommuners framgångsrika arbete med
ekonomiskt bistånd* (Sveriges Kommuner och Landsting, April 2013), shipped in
`data/seed_table1.csv` and read by `kolada.kolada_read` like any Kolada file (`data/README.md`);
quartile colours and expected-versus-actual values by `benchmarking.benchmark`
(`shared/contracts/benchmark.md`); municipality names from SCB's list (`data/municipalities.csv`).
The headings of the result indicators are those of Socialstyrelsen's *Öppna jämförelser av
ekonomiskt bistånd*, as the indicator registry (`indicators/*.sql`) names them.

Everything here is read from files shipped with Bryggan, never from the database or the network,
and the parsed files and comparisons are kept for the life of the process: they are read-only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Final

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from bryggan.statistics.benchmarking import Colour, Comparison, benchmark
from bryggan.statistics.indicators import INDICATORS
from bryggan.statistics.kolada import (
    SEED_TABLE1,
    WHOLE_COUNTRY,
    Kind,
    MeasureValue,
    kolada_read,
    municipalities,
)


class MeasureSet(StrEnum):
    """Which rows of a file the indicator table shows: results or socio-economic background."""

    RESULTS = "results"
    BACKGROUND = "background"

    @property
    def kind(self) -> Kind:
        return Kind.INDICATOR if self is MeasureSet.RESULTS else Kind.BACKGROUND


MEASURE_SET_LABELS: Final = {
    MeasureSet.RESULTS: _("Result indicators"),
    MeasureSet.BACKGROUND: _("Background measures"),
}


@dataclass(frozen=True, slots=True)
class Measure:
    """A measure of the shipped files: its key, label and unit, and its heading in the source."""

    key: str
    label: str | Promise
    unit: str | Promise
    kind: Kind
    official_title: str  # the Swedish heading in Öppna jämförelser / the seed report


_TITLES: Final = {indicator.id: indicator.title for indicator in INDICATORS}

# In the order of Table 1 of the seed report; headings from data/README.md.
MEASURES: Final[tuple[Measure, ...]] = (
    Measure(
        "long_term_pct",
        _("Long-term assistance"),
        _("per cent of adult recipients"),
        Kind.INDICATOR,
        _TITLES["long_term_pct"],
    ),
    Measure(
        "very_long_term_pct",
        _("Very long-term assistance"),
        _("per cent of adult recipients"),
        Kind.INDICATOR,
        _TITLES["very_long_term_pct"],
    ),
    Measure(
        "recipients_pct",
        _("Recipients in the population"),
        _("per cent of the population"),
        Kind.INDICATOR,
        _TITLES["recipients_pct"],
    ),
    Measure(
        "young_adults_pct",
        _("Young adults with assistance"),
        _("per cent of the population aged 18–24"),
        Kind.INDICATOR,
        _TITLES["young_adults_pct"],
    ),
    Measure(
        "cost_per_inhabitant",
        _("Cost per inhabitant"),
        _("kronor per inhabitant and year"),
        Kind.INDICATOR,
        _TITLES["cost_per_inhabitant"],
    ),
    Measure(
        "low_education_pct",
        _("Low level of education"),
        _("per cent"),
        Kind.BACKGROUND,
        "Låg utbildningsnivå",
    ),
    Measure(
        "foreign_born_0_5_years_pct",
        _("Born abroad, 0–5 years in Sweden"),
        _("per cent of the population"),
        Kind.BACKGROUND,
        "Utrikes födda, vistelse 0–5 år",
    ),
    Measure(
        "foreign_born_6_10_years_pct",
        _("Born abroad, 6–10 years in Sweden"),
        _("per cent of the population"),
        Kind.BACKGROUND,
        "Utrikes födda, vistelse 6–10 år",
    ),
    Measure(
        "aged_18_24_pct",
        _("Inhabitants aged 18–24"),
        _("per cent of the population"),
        Kind.BACKGROUND,
        "Unga vuxna 18–24 år",
    ),
)
MEASURES_BY_KEY: Final = {measure.key: measure for measure in MEASURES}


@dataclass(frozen=True, slots=True)
class Dataset:
    """A shipped Kolada-format file with a `kind` column, and where its figures come from."""

    key: str
    path: Path
    publisher: str
    title: str
    published: str
    part: str | Promise


SEED: Final = Dataset(
    key="seed",
    path=SEED_TABLE1,
    publisher="Sveriges Kommuner och Landsting (SKL)",
    title="Att bryta mönster – om sex kommuners framgångsrika arbete med ekonomiskt bistånd",
    published="2013",
    part=_("Table 1, Öppna jämförelser of economic assistance"),
)


# --- reading and comparing (cached: the files are read-only) -------------------------------------


@cache
def _figures(path: Path, kind: Kind) -> tuple[MeasureValue, ...]:
    return tuple(kolada_read(path, kind=kind))


@cache
def _comparisons(
    path: Path, year: int, kind: Kind, background: tuple[str, ...] | None
) -> dict[tuple[str, str], Comparison]:
    """Comparisons by (municipality, measure); `background` None means every background measure."""
    fit_on = [
        figure
        for figure in _figures(path, Kind.BACKGROUND)
        if background is None or figure.measure in background
    ]
    comparisons = benchmark(_figures(path, kind), year=year, background=fit_on)
    return {(c.municipality, c.measure): c for c in comparisons}


_SWEDISH_ORDER: Final = str.maketrans({"å": "{", "ä": "|", "ö": "}", "Å": "{", "Ä": "|", "Ö": "}"})


def _swedish_key(name: str) -> str:
    """Sort key in Swedish alphabetical order: å, ä and ö after z (as SCB lists names)."""
    return name.lower().translate(_SWEDISH_ORDER)


def municipality_name(code: str) -> str | Promise:
    if code == WHOLE_COUNTRY:
        return _("Sweden (Riket)")
    known = municipalities().get(code)
    return known.name if known else code


def dataset_years(dataset: Dataset = SEED) -> tuple[int, ...]:
    return tuple(sorted({figure.year for figure in _figures(dataset.path, Kind.INDICATOR)}))


def dataset_municipalities(dataset: Dataset = SEED) -> tuple[tuple[str, str], ...]:
    """(code, name) of the municipalities with figures in the data set, in Swedish name order."""
    codes = {f.municipality for f in _figures(dataset.path, Kind.INDICATOR)} - {WHOLE_COUNTRY}
    named = [(code, str(municipality_name(code))) for code in codes]
    return tuple(sorted(named, key=lambda item: _swedish_key(item[1])))


def dataset_measures(kind: Kind, dataset: Dataset = SEED) -> tuple[Measure, ...]:
    """The measures of `kind` that the data set has, in the report's order."""
    present = {figure.measure for figure in _figures(dataset.path, kind)}
    return tuple(m for m in MEASURES if m.kind == kind and m.key in present)


# --- 1. the indicator table ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Cell:
    measure: Measure
    value: Decimal | None
    colour: Colour | None
    rank: int | None
    n: int | None


@dataclass(frozen=True, slots=True)
class TableRow:
    code: str
    name: str | Promise
    is_country: bool
    cells: tuple[Cell, ...]


@dataclass(frozen=True, slots=True)
class IndicatorTable:
    dataset: Dataset
    year: int
    measure_set: MeasureSet
    measures: tuple[Measure, ...]
    rows: tuple[TableRow, ...]

    @property
    def coloured(self) -> bool:
        """Colours rank result indicators only: for background measures lower is not better."""
        return self.measure_set is MeasureSet.RESULTS


def indicator_table(
    *, year: int, measure_set: MeasureSet, dataset: Dataset = SEED
) -> IndicatorTable:
    """Municipalities (the whole country first) × measures of `measure_set` in `year`."""
    measures = dataset_measures(measure_set.kind, dataset)
    comparisons = _comparisons(dataset.path, year, measure_set.kind, ())
    coloured = measure_set is MeasureSet.RESULTS
    codes = [WHOLE_COUNTRY, *(code for code, _name in dataset_municipalities(dataset))]
    rows = []
    for code in codes:
        cells = []
        for measure in measures:
            found = comparisons.get((code, measure.key))
            cells.append(
                Cell(
                    measure=measure,
                    value=found.value if found else None,
                    colour=found.colour if found and coloured else None,
                    rank=found.rank if found and coloured else None,
                    n=found.n if found and coloured else None,
                )
            )
        if any(cell.value is not None for cell in cells):
            rows.append(
                TableRow(code, municipality_name(code), code == WHOLE_COUNTRY, tuple(cells))
            )
    return IndicatorTable(dataset, year, measure_set, measures, tuple(rows))


# --- 2. a municipality's time series against the whole country -----------------------------------


@dataclass(frozen=True, slots=True)
class YearFigure:
    year: int
    value: Decimal | None
    colour: Colour | None
    country: Decimal | None

    @property
    def difference(self) -> Decimal | None:
        """The municipality's value minus the whole country's."""
        if self.value is None or self.country is None:
            return None
        return self.value - self.country


@dataclass(frozen=True, slots=True)
class MeasureSeries:
    measure: Measure
    figures: tuple[YearFigure, ...]


@dataclass(frozen=True, slots=True)
class MunicipalitySeries:
    dataset: Dataset
    code: str
    name: str
    county_name: str
    years: tuple[int, ...]
    results: tuple[MeasureSeries, ...]
    background: tuple[MeasureSeries, ...]


def _series(code: str, kind: Kind, dataset: Dataset) -> tuple[MeasureSeries, ...]:
    years = dataset_years(dataset)
    series = []
    for measure in dataset_measures(kind, dataset):
        figures = []
        for year in years:
            comparisons = _comparisons(dataset.path, year, kind, ())
            own = comparisons.get((code, measure.key))
            country = comparisons.get((WHOLE_COUNTRY, measure.key))
            figures.append(
                YearFigure(
                    year=year,
                    value=own.value if own else None,
                    colour=own.colour if own and kind == Kind.INDICATOR else None,
                    country=country.value if country else None,
                )
            )
        series.append(MeasureSeries(measure, tuple(figures)))
    return tuple(series)


def municipality_series(code: str, dataset: Dataset = SEED) -> MunicipalitySeries | None:
    """The municipality's figures year by year beside the whole country's; None without figures."""
    known = municipalities().get(code)
    if known is None or code not in dict(dataset_municipalities(dataset)):
        return None
    return MunicipalitySeries(
        dataset=dataset,
        code=code,
        name=known.name,
        county_name=known.county_name,
        years=dataset_years(dataset),
        results=_series(code, Kind.INDICATOR, dataset),
        background=_series(code, Kind.BACKGROUND, dataset),
    )


# --- 3. actual versus expected -------------------------------------------------------------------


# A fit with this many residual degrees of freedom or fewer is called nearly saturated on the page.
NEARLY_SATURATED_DF: Final = 2


@dataclass(frozen=True, slots=True)
class ExpectedPoint:
    code: str
    name: str
    value: Decimal
    expected: Decimal | None
    residual: Decimal | None
    better_than_expected: bool | None
    highlighted: bool


@dataclass(frozen=True, slots=True)
class ExpectedVersusActual:
    dataset: Dataset
    measure: Measure
    year: int
    background: tuple[Measure, ...]
    points: tuple[ExpectedPoint, ...]
    country_value: Decimal | None

    @property
    def parameters(self) -> int:
        """The fit's parameters: an intercept and one coefficient per background measure."""
        return len(self.background) + 1

    @property
    def fitted(self) -> int:
        return sum(1 for point in self.points if point.expected is not None)

    @property
    def has_fit(self) -> bool:
        return self.fitted > 0

    @property
    def residual_degrees_of_freedom(self) -> int | None:
        return self.fitted - self.parameters if self.has_fit else None

    @property
    def nearly_saturated(self) -> bool:
        """At most two residual degrees of freedom: the fit can all but pass through every point."""
        df = self.residual_degrees_of_freedom
        return df is not None and df <= NEARLY_SATURATED_DF

    @property
    def highlighted(self) -> ExpectedPoint | None:
        return next((point for point in self.points if point.highlighted), None)


def expected_versus_actual(
    *,
    measure: str,
    year: int,
    highlight: str | None = None,
    background: Sequence[str] | None = None,
    dataset: Dataset = SEED,
) -> ExpectedVersusActual:
    """Each municipality's value of `measure` beside the value its background predicts.

    `background` names the background measures of the fit (None: all of them). The whole country is
    never part of the fit; its value is given apart.
    """
    available = dataset_measures(Kind.BACKGROUND, dataset)
    chosen = tuple(m for m in available if background is None or m.key in background)
    comparisons = _comparisons(dataset.path, year, Kind.INDICATOR, tuple(m.key for m in chosen))
    points = []
    for code, name in dataset_municipalities(dataset):
        found = comparisons.get((code, measure))
        if found is None:
            continue
        points.append(
            ExpectedPoint(
                code=code,
                name=name,
                value=found.value,
                expected=found.expected,
                residual=found.residual,
                better_than_expected=found.better_than_expected,
                highlighted=code == highlight,
            )
        )
    country = comparisons.get((WHOLE_COUNTRY, measure))
    return ExpectedVersusActual(
        dataset=dataset,
        measure=MEASURES_BY_KEY[measure],
        year=year,
        background=chosen,
        points=tuple(points),
        country_value=country.value if country else None,
    )
