"""The måltavla pages: the unit's board, its wall-screen layout and every table as CSV or Excel.

Aggregates only, never an individual: the unit's staff (caseworkers, work coaches, the manager)
read their own unit's board, as Borås shows it in the lunch room; nobody edits anything here.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook  # type: ignore[import-untyped]

from bryggan.accounts.decorators import requires
from bryggan.accounts.models import Unit
from bryggan.accounts.roles import Capability
from bryggan.core.month import Month
from bryggan.followup import board
from bryggan.followup.board_store import board_figures
from bryggan.followup.services import assistance_months_refresh
from bryggan.statistics.charts import LineSeries, Svg, line_chart
from bryggan.statistics.templatetags.statistics_tags import localized

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

TITLES: dict[str, Promise] = {
    "households": gettext_lazy("Households on assistance"),
    "long_term": gettext_lazy("Long-term cases (10 or more of the last 12 months)"),
    "long_term_closed": gettext_lazy("Long-term cases closed"),
    "new_applications": gettext_lazy("New applications"),
    "first_meetings": gettext_lazy("First meetings within 2 working days (%)"),
    "average_time": gettext_lazy("Average time on assistance (months)"),
    "activity": gettext_lazy("Clients with a current activity (%)"),
    "signed_plan": gettext_lazy("Clients with a signed plan (%)"),
    "returns": gettext_lazy("Returned within 12 months of a closure to work or studies (%)"),
}
UNITS: dict[str, Promise] = {
    "count": gettext_lazy("Number"),
    "percent": gettext_lazy("Per cent"),
    "months": gettext_lazy("Months"),
}
EXTRA_TITLES: dict[str, Promise] = {
    "meetings": gettext_lazy("First meetings"),
    "in_time": gettext_lazy("In time"),
    "followed_up": gettext_lazy("Followed up"),
    "returned": gettext_lazy("Returned"),
}


@dataclass(frozen=True, slots=True)
class Table:
    key: str
    title: str
    unit: str
    columns: list[str]  # after the month
    rows: list[tuple[str, list[int | Decimal | None]]]  # month, values
    chart: Svg


def _chart(series: board.Series, months: list[Month], title: str, unit: str) -> Svg:
    points = tuple(enumerate(series.values))
    labels = {i: str(m) for i, m in enumerate(months)}
    spoken = ", ".join(
        f"{m}: {localized(v) if v is not None else '–'}"
        for m, v in zip(months, series.values, strict=True)
    )
    return line_chart(
        chart_id=f"chart-{series.key}",
        title=title,
        description=_("Line chart by month. %(values)s.") % {"values": spoken},
        series=(LineSeries(title, points),),
        y_label=unit,
        number_format=localized,
        x_labels=labels,
        x_tick_every=6,
        width=560,
    )


def board_tables(unit: Unit, *, today: date) -> tuple[Month, list[Table]]:
    """The board's tables (one per measure), 24 months ending with this month, counted in the
    database where they are not stored and current."""
    as_of = Month.of(today)
    months = board.board_months(as_of)
    assistance_months_refresh()  # payments made since the last read (a payment run)
    counts = board_figures(unit, as_of=as_of, today=today)
    tables = []
    for series in board.series_from_counts(counts, months):
        title, unit_label = str(TITLES[series.key]), str(UNITS[series.unit])
        columns = [title, *(str(EXTRA_TITLES[k]) for k in series.extra)]
        rows = [
            (str(m), [series.values[i], *(values[i] for values in series.extra.values())])
            for i, m in enumerate(months)
        ]
        chart = _chart(series, months, title, unit_label)
        tables.append(Table(series.key, title, unit_label, columns, rows, chart))
    return as_of, tables


def _download(table: Table, kind: str, as_of: Month) -> HttpResponse:
    name = f"maltavla-{table.key}-{as_of}"
    header = [_("Month"), *table.columns]
    if kind == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(header)
        for month, values in table.rows:
            writer.writerow([month, *("" if v is None else v for v in values)])
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    else:
        book = Workbook()
        sheet = book.active
        sheet.title = table.key[:31]
        sheet.append(header)
        for month, values in table.rows:
            sheet.append([month, *values])
        out = io.BytesIO()
        book.save(out)
        response = HttpResponse(out.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}.{kind}"'
    return response


def _board(request: HttpRequest, template: str, **extra: object) -> HttpResponse:
    unit: Unit | None = request.user.unit
    if unit is None:
        raise Http404
    as_of, tables = board_tables(unit, today=timezone.localdate())
    kind = request.GET.get("format")
    if kind:
        wanted = [t for t in tables if t.key == request.GET.get("table")]
        if kind not in ("csv", "xlsx") or not wanted:
            raise Http404
        return _download(wanted[0], kind, as_of)
    context = {"unit": unit, "as_of": as_of, "tables": tables, **extra}
    return render(request, template, context)


@requires(Capability.VIEW_CASES)
def board_view(request: HttpRequest) -> HttpResponse:
    """The unit's måltavla: one chart and one table per measure, each table downloadable."""
    return _board(request, "followup/board.html")


@requires(Capability.VIEW_CASES)
def board_wall_view(request: HttpRequest) -> HttpResponse:
    """The måltavla for a wall screen: large type, no menu, reloaded every five minutes.

    The reload is a meta refresh, which a reader can turn off (`?stilla=1`, a link on the page;
    WCAG 2.2 success criterion 2.2.1, timing adjustable: "turn off").
    """
    return _board(request, "followup/board_wall.html", refresh="stilla" not in request.GET)
