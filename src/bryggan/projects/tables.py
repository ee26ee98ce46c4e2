"""The outcome table of a project, as rows for the page, the chart and the CSV download.

Interface code: it labels and formats what `selectors.project_comparison` computed.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from bryggan.projects.charts import Bar, bar_chart
from bryggan.projects.models import ParticipantOutcomeChoices
from bryggan.projects.rules import Comparison, Measure, OutcomeCount, Period
from bryggan.statistics.charts import Svg
from bryggan.statistics.templatetags.statistics_tags import localized

Cell = int | Decimal | str | None


@dataclass(frozen=True, slots=True)
class OutcomeTable:
    columns: list[str]
    rows: list[tuple[str, list[Cell]]]

    @property
    def shown_rows(self) -> list[tuple[str, list[str]]]:
        """The rows as the page writes them: numbers in its language, a dash for nothing."""
        return [(label, [_shown(v) for v in values]) for label, values in self.rows]


def _shown(value: Cell) -> str:
    if value is None:
        return "–"
    if isinstance(value, str):
        return value
    return localized(value)


def period_text(period: Period | None) -> str:
    return f"{period.first.isoformat()} – {period.last.isoformat()}" if period else "–"


def _column(measure: Measure | None) -> list[Cell]:
    if measure is None:
        return [None] * 7
    return [
        period_text(measure.period),
        measure.population,
        measure.to_work,
        measure.to_studies,
        measure.to_work_or_studies,
        measure.share,
        measure.per_year,
    ]


def outcome_table(comparison: Comparison) -> OutcomeTable:
    """Four columns: the target group before, the participants during, the whole unit before
    and during."""
    labels = [
        _("Period"),
        _("Counted among"),
        _("Left for work"),
        _("Left for studies"),
        _("Left for work or studies"),
        _("Share (%)"),
        _("Per year"),
    ]
    columns = [
        _column(comparison.before),
        _column(comparison.during),
        _column(comparison.unit_before),
        _column(comparison.unit_during),
    ]
    return OutcomeTable(
        columns=[
            _("Before the project: target group (households)"),
            _("During the project: participants (persons)"),
            _("Before the project: the whole unit (households)"),
            _("During the project: the whole unit (households)"),
        ],
        rows=[(label, [column[i] for column in columns]) for i, label in enumerate(labels)],
    )


def comparison_chart(comparison: Comparison) -> Svg:
    before = comparison.before.to_work_or_studies
    during = comparison.during.to_work_or_studies if comparison.during else 0
    return bar_chart(
        chart_id="chart-before-during",
        title=_("Left for work or studies: before and during the project"),
        description=_(
            "Bar chart. Before the project (%(before_period)s): %(before)s; "
            "during the project (%(during_period)s): %(during)s."
        )
        % {
            "before_period": period_text(comparison.before.period),
            "before": before,
            "during_period": period_text(comparison.during.period if comparison.during else None),
            "during": during,
        },
        bars=[Bar(_("Before"), before), Bar(_("During"), during)],
        number_format=localized,
    )


def outcome_csv(table: OutcomeTable) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([_("Measure"), *table.columns])
    for label, values in table.rows:
        writer.writerow([label, *("" if v is None else v for v in values)])
    return buffer.getvalue()


def outcome_breakdown(counts: list[OutcomeCount]) -> list[tuple[str, int]]:
    """Participations per outcome, labelled, with those still taking part last."""
    labels = dict(ParticipantOutcomeChoices.choices)
    return [
        (str(labels[c.outcome.value]) if c.outcome else _("Still taking part"), c.participations)
        for c in counts
    ]
