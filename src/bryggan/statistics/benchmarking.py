"""Open comparisons between municipalities: quartile colours and expected-versus-actual values.

Source: Öppna jämförelser (Socialstyrelsen and SKR) colour the quarter of municipalities with the
lowest values green, the middle half yellow and the highest quarter red; SKL's *Att bryta mönster*
(2013) picked its six municipalities by setting each result beside what the municipality's
socio-economic background predicts. The rules are those of `shared/contracts/benchmark.md`; where
the contract leaves a choice open, it is made here and named:

- The fit is ordinary least squares of the measure on an intercept and every background measure of
  the year, across the municipalities (never `0000`) that have the measure and all background
  measures. It needs more such municipalities than parameters and a design of full rank; otherwise
  `expected`, `residual` and `better_than_expected` stay empty. With the seed table's six
  municipalities and four background measures the fit has one residual degree of freedom: it is
  computed, but its expected values say little.
- `better_than_expected` is `residual < -s`, where `s` is the sample standard deviation (ddof = 1)
  of the fitted municipalities' residuals, computed before rounding. (The regression's standard
  error, ddof = parameters, would be wider; the contract asks for the spread of the residuals.)
- `expected` and `residual` are rounded half-up to two decimals, and `residual` is `value` minus the
  printed `expected`, so the columns add up as shown.
- Peers: z-scores of each background measure across the municipalities that have all of them
  (sample standard deviation; a measure without spread is left out), Euclidean distance, the five
  nearest other municipalities, nearest first, equal distances by code. The whole country gets peers
  and an expected value by the same rules (it is never part of the fit or a peer) but no rank and no
  colour.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from decimal import Decimal
from enum import StrEnum
from typing import Final

import numpy as np

from bryggan.core.money import round_half_up
from bryggan.statistics.kolada import WHOLE_COUNTRY, MeasureValue

PEER_COUNT: Final = 5


class Colour(StrEnum):
    GREEN = "green"  # the lowest quarter: lower is better for every indicator
    YELLOW = "yellow"
    RED = "red"


@dataclass(frozen=True, slots=True)
class Comparison:
    """One municipality's value of one measure beside the others' (a row of the contract)."""

    municipality: str
    year: int
    measure: str
    value: Decimal
    n: int
    rank: int | None
    colour: Colour | None
    expected: Decimal | None
    residual: Decimal | None
    better_than_expected: bool | None
    peers: tuple[str, ...]


COMPARISON_COLUMNS: Final = tuple(field.name for field in fields(Comparison))


@dataclass(frozen=True, slots=True)
class Ranking:
    rank: int
    colour: Colour


@dataclass(frozen=True, slots=True)
class Fit:
    """An OLS fit of one measure on the background measures (intercept first)."""

    measures: tuple[str, ...]
    coefficients: tuple[float, ...]
    residual_sd: float
    municipalities: tuple[str, ...]

    def predict(self, background: Mapping[str, Decimal]) -> float:
        terms = [1.0, *(float(background[measure]) for measure in self.measures)]
        return float(np.dot(self.coefficients, terms))


def quartile_colours(values: Mapping[str, Decimal]) -> dict[str, Ranking]:
    """Rank and colour of each municipality's value (contracts/benchmark.md).

    `rank` is 1 for the lowest value, tied values sharing the lowest rank of the tie; green when
    `rank <= floor(n / 4)`, else red when the descending rank `<= floor(n / 4)`, else yellow. When
    every value ties, green wins (the contract's order).
    """
    ordered = sorted(values.values())
    quarter = len(ordered) // 4
    rankings = {}
    for municipality, value in values.items():
        rank = bisect_left(ordered, value) + 1
        descending_rank = len(ordered) - bisect_right(ordered, value) + 1
        if rank <= quarter:
            colour = Colour.GREEN
        elif descending_rank <= quarter:
            colour = Colour.RED
        else:
            colour = Colour.YELLOW
        rankings[municipality] = Ranking(rank, colour)
    return rankings


def _complete(
    background: Mapping[str, Mapping[str, Decimal]], measures: Sequence[str]
) -> list[str]:
    """Municipalities (not the whole country) with every background measure, by code."""
    return sorted(
        municipality
        for municipality, measured in background.items()
        if municipality != WHOLE_COUNTRY and all(measure in measured for measure in measures)
    )


def expected_fit(
    values: Mapping[str, Decimal],
    background: Mapping[str, Mapping[str, Decimal]],
    measures: Sequence[str],
) -> Fit | None:
    """OLS of `values` on the background `measures`; None when it cannot be estimated."""
    municipalities = [m for m in _complete(background, measures) if m in values]
    parameters = len(measures) + 1
    if not measures or len(municipalities) <= parameters:
        return None
    design = np.array(
        [[1.0, *(float(background[m][measure]) for measure in measures)] for m in municipalities]
    )
    observed = np.array([float(values[m]) for m in municipalities])
    coefficients, _, rank, _ = np.linalg.lstsq(design, observed, rcond=None)
    if rank < parameters:
        return None
    residuals = observed - design @ coefficients
    return Fit(
        measures=tuple(measures),
        coefficients=tuple(float(c) for c in coefficients),
        residual_sd=float(np.std(residuals, ddof=1)),
        municipalities=tuple(municipalities),
    )


def peer_groups(
    background: Mapping[str, Mapping[str, Decimal]], measures: Sequence[str]
) -> dict[str, tuple[str, ...]]:
    """The five municipalities nearest each municipality (and `0000`) in standardised background."""
    candidates = _complete(background, measures)
    if len(candidates) < 2:  # noqa: PLR2004 (a spread needs two)
        return {}
    matrix = np.array([[float(background[m][measure]) for measure in measures] for m in candidates])
    mean = matrix.mean(axis=0)
    spread = matrix.std(axis=0, ddof=1)
    varies = spread > 0
    scores = (matrix[:, varies] - mean[varies]) / spread[varies]
    targets = list(candidates)
    whole_country = background.get(WHOLE_COUNTRY, {})
    if all(measure in whole_country for measure in measures):
        targets.append(WHOLE_COUNTRY)
    groups = {}
    for target in targets:
        point = np.array([float(background[target][measure]) for measure in measures])
        target_scores = (point[varies] - mean[varies]) / spread[varies]
        distances = np.sqrt(((scores - target_scores) ** 2).sum(axis=1))
        # Rounded so that distances equal on paper tie in floating point too, then go by code.
        nearest = sorted(
            (round(float(distance), 9), municipality)
            for distance, municipality in zip(distances, candidates, strict=True)
            if municipality != target
        )
        groups[target] = tuple(municipality for _, municipality in nearest[:PEER_COUNT])
    return groups


def _by_measure(values: Sequence[MeasureValue], year: int) -> dict[str, dict[str, Decimal]]:
    table: dict[str, dict[str, Decimal]] = defaultdict(dict)
    for item in values:
        if item.year == year:
            table[item.measure][item.municipality] = item.value
    return table


def _by_municipality(values: Sequence[MeasureValue], year: int) -> dict[str, dict[str, Decimal]]:
    table: dict[str, dict[str, Decimal]] = defaultdict(dict)
    for item in values:
        if item.year == year:
            table[item.municipality][item.measure] = item.value
    return table


def benchmark(
    values: Sequence[MeasureValue],
    *,
    year: int,
    background: Sequence[MeasureValue] | None = None,
) -> list[Comparison]:
    """One comparison per municipality and measure of `values` in `year`, sorted by both."""
    results = _by_measure(values, year)
    municipal_background = _by_municipality(background or [], year)
    background_measures = sorted({b.measure for b in background or [] if b.year == year})
    peers = peer_groups(municipal_background, background_measures)
    comparisons = []
    for measure, by_municipality in results.items():
        ranked = {m: v for m, v in by_municipality.items() if m != WHOLE_COUNTRY}
        rankings = quartile_colours(ranked)
        fit = expected_fit(ranked, municipal_background, background_measures)
        for municipality, value in by_municipality.items():
            ranking = rankings.get(municipality)
            expected = residual = None
            better = None
            measured = municipal_background.get(municipality, {})
            if fit is not None and all(m in measured for m in background_measures):
                predicted = fit.predict(measured)
                expected = round_half_up(Decimal(predicted), 2)
                residual = value - expected
                better = float(value) - predicted < -fit.residual_sd
            comparisons.append(
                Comparison(
                    municipality=municipality,
                    year=year,
                    measure=measure,
                    value=value,
                    n=len(ranked),
                    rank=ranking.rank if ranking else None,
                    colour=ranking.colour if ranking else None,
                    expected=expected,
                    residual=residual,
                    better_than_expected=better,
                    peers=peers.get(municipality, ()),
                )
            )
    return sorted(comparisons, key=lambda c: (c.municipality, c.measure))
