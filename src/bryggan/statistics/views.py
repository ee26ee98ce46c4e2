"""The analysts' pages: the indicator table, a municipality against the whole country, and actual
against expected. Aggregates of shipped public figures only; never an individual case.

Figures: Table 1 of SKL's *Att bryta mönster* (2013); rules: `shared/contracts/benchmark.md`
(see `selectors.py`).
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from bryggan.accounts.decorators import requires
from bryggan.accounts.roles import Capability
from bryggan.statistics.forms import ExpectedForm, IndicatorTableForm
from bryggan.statistics.selectors import (
    SEED,
    MeasureSet,
    expected_versus_actual,
    indicator_table,
    municipality_series,
)


@requires(Capability.VIEW_STATISTICS)
def indicator_table_view(request: HttpRequest) -> HttpResponse:
    form = IndicatorTableForm(request.GET or None, dataset=SEED)
    chosen = form.choices()
    table = indicator_table(year=chosen["year"], measure_set=MeasureSet(chosen["measures"]))
    return render(request, "statistics/indicator_table.html", {"form": form, "table": table})


@requires(Capability.VIEW_STATISTICS)
def municipality_series_view(request: HttpRequest, code: str) -> HttpResponse:
    series = municipality_series(code)
    if series is None:
        raise Http404
    return render(request, "statistics/municipality_series.html", {"series": series})


@requires(Capability.VIEW_STATISTICS)
def expected_scatter_view(request: HttpRequest) -> HttpResponse:
    form = ExpectedForm(request.GET or None, dataset=SEED)
    chosen = form.choices()
    comparison = expected_versus_actual(
        measure=chosen["measure"],
        year=chosen["year"],
        highlight=chosen["municipality"] or None,
        background=chosen["background"],
    )
    return render(
        request, "statistics/expected_scatter.html", {"form": form, "comparison": comparison}
    )
