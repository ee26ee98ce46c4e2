"""Template helpers for the analysts' pages: colour names as words, and the charts in the page's
language (numbers with the locale's decimal separator; see `statistics/charts.py`)."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils import formats
from django.utils.translation import gettext as _

from bryggan.statistics.benchmarking import Colour
from bryggan.statistics.charts import LineSeries, ScatterPoint, Svg, line_chart, scatter_plot
from bryggan.statistics.kolada import WHOLE_COUNTRY
from bryggan.statistics.selectors import ExpectedVersusActual, MeasureSeries, municipality_name

register = template.Library()


def localized(value: float | Decimal) -> str:
    """A number as the page's language writes it: a figure with its digits (17,0), a computed
    value without needless zeros (2,5)."""
    text = str(value) if isinstance(value, Decimal) else f"{value:.10g}"
    return formats.number_format(text)


@register.filter
def colour_label(colour: Colour | None) -> str:
    """The colour in words, so that the table never says it by colour alone."""
    labels = {Colour.GREEN: _("green"), Colour.YELLOW: _("yellow"), Colour.RED: _("red")}
    return labels.get(colour, "") if colour else ""


@register.simple_tag
def series_chart(series: MeasureSeries, name: str) -> Svg:
    """The municipality's line and the whole country's for one measure."""
    country = str(municipality_name(WHOLE_COUNTRY))
    own = tuple((f.year, f.value) for f in series.figures)
    whole = tuple((f.year, f.country) for f in series.figures)

    def spoken(points: tuple[tuple[int, Decimal | None], ...]) -> str:
        return ", ".join(
            f"{year}: {localized(value) if value is not None else '–'}" for year, value in points
        )

    return line_chart(
        chart_id=f"chart-{series.measure.key}",
        title=_("%(measure)s, %(municipality)s and %(country)s")
        % {"measure": series.measure.label, "municipality": name, "country": country},
        description=_("Line chart by year. %(municipality)s: %(own)s. %(country)s: %(whole)s.")
        % {"municipality": name, "own": spoken(own), "country": country, "whole": spoken(whole)},
        series=(LineSeries(name, own), LineSeries(country, whole)),
        y_label=str(series.measure.unit),
        number_format=localized,
    )


@register.simple_tag
def expected_chart(comparison: ExpectedVersusActual) -> Svg:
    """Actual against expected, one point per municipality, the chosen one highlighted."""
    points = [
        ScatterPoint(p.code, p.name, p.expected, p.value, p.highlighted)
        for p in comparison.points
        if p.expected is not None
    ]
    highlighted = comparison.highlighted
    description = _(
        "Scatter plot, one point per municipality: across, the value expected from the "
        "background measures; up, the actual value. Points below the diagonal are lower than "
        "expected, which is better."
    )
    if highlighted is not None and highlighted.expected is not None:
        description += " " + _(
            "%(municipality)s is highlighted: %(value)s against %(expected)s."
        ) % {
            "municipality": highlighted.name,
            "value": localized(highlighted.value),
            "expected": localized(highlighted.expected),
        }
    unit = str(comparison.measure.unit)
    return scatter_plot(
        chart_id="chart-expected",
        title=_("%(measure)s %(year)s: actual against expected")
        % {"measure": comparison.measure.label, "year": comparison.year},
        description=description,
        points=points,
        x_label=_("Expected (%(unit)s)") % {"unit": unit},
        y_label=_("Actual (%(unit)s)") % {"unit": unit},
        diagonal_label=_("actual = expected"),
        below_label=_("below the line: better than expected"),
        number_format=localized,
    )
