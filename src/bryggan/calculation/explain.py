"""The calculation as a Swedish itemised table: `bryggan calculate --explain` and decision letters.

Renders the same lines the JSON carries, in the same order, with the totals computed from them
(the explanation cannot show a different amount than the one decided). `explanation_rows` gives the
rows for a letter template; `explain` the plain-text table with numbered sources. Prints nothing.
Source of the layout's terms: socialtjänstförordningen (2001:937) 2 kap. 1 § (riksnormens rubriker)
and Socialstyrelsen's *Ekonomiskt bistånd* handbook vocabulary (skäliga kostnader, överskott).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from bryggan.calculation.engine import SANCTION
from bryggan.calculation.household import CostType, IncomeType
from bryggan.calculation.income import CHILD_WORK_INCOME, JOBBSTIMULANS, income_code
from bryggan.calculation.lines import Calculation, Line, LineKind
from bryggan.calculation.riksnorm import (
    ADULT_COHABITING,
    ADULT_SINGLE,
    FURTHER_PERSONS,
    NO_LUNCH_SUFFIX,
    SHARED_HOUSEHOLD_SHARE,
    household_code,
)
from bryggan.core.money import Kronor, format_kronor
from bryggan.norms.tables import HOUSEHOLD_SIZES, LARGEST_TABULATED_HOUSEHOLD, PersonalBand

MONTH_NAMES = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)

_BAND_LABELS = {
    PersonalBand.CHILD_UNDER_1: "Barn under 1 år",
    PersonalBand.CHILD_1_2: "Barn 1–2 år",
    PersonalBand.CHILD_3: "Barn 3 år",
    PersonalBand.CHILD_4_6: "Barn 4–6 år",
    PersonalBand.CHILD_7_10: "Barn 7–10 år",
    PersonalBand.CHILD_11_14: "Barn 11–14 år",
    PersonalBand.CHILD_15_18: "Barn och skolungdom 15–18 år",
    PersonalBand.YOUTH_19_20: "Skolungdom 19–20 år",
}
_COST_LABELS = {
    CostType.HOUSING: "Boendekostnad",
    CostType.HOUSEHOLD_ELECTRICITY: "Hushållsel",
    CostType.HOME_INSURANCE: "Hemförsäkring",
    CostType.WORK_TRAVEL: "Arbetsresor",
    CostType.UNION_FEE: "Fackföreningsavgift",
    CostType.UNEMPLOYMENT_FUND_FEE: "Avgift till arbetslöshetskassa",
    CostType.OTHER: "Övrig skälig kostnad",
}
_INCOME_LABELS = {
    IncomeType.EMPLOYMENT: "Lön (netto)",
    IncomeType.SICKNESS_BENEFIT: "Sjukpenning",
    IncomeType.ACTIVITY_SUPPORT: "Aktivitetsstöd",
    IncomeType.UNEMPLOYMENT_BENEFIT: "Arbetslöshetsersättning",
    IncomeType.PARENTAL_BENEFIT: "Föräldrapenning",
    IncomeType.PENSION: "Pension",
    IncomeType.STUDENT_AID: "Studiemedel",
    IncomeType.CHILD_ALLOWANCE: "Barnbidrag",
    IncomeType.HOUSING_ALLOWANCE: "Bostadsbidrag",
    IncomeType.MAINTENANCE_SUPPORT: "Underhållsstöd",
    IncomeType.OTHER: "Övrig inkomst",
}


def _labels() -> dict[str, str]:
    labels = {
        ADULT_SINGLE: "Vuxen, ensamstående",
        ADULT_COHABITING: "Vuxna, sambor",
        FURTHER_PERSONS: (
            f"Gemensamma hushållskostnader, personer utöver {LARGEST_TABULATED_HOUSEHOLD}"
        ),
        SHARED_HOUSEHOLD_SHARE: "Andel av gemensamma hushållskostnader i hushållsgemenskap",
        JOBBSTIMULANS: "Jobbstimulans, räknas inte",
        CHILD_WORK_INCOME: "Barns och skolungdoms arbetsinkomst, räknas inte",
        SANCTION: "Nedsättning enligt beslut",
    }
    for band, label in _BAND_LABELS.items():
        labels[f"personal.{band}"] = label
        labels[f"personal.{band}{NO_LUNCH_SUFFIX}"] = f"{label}, ej lunch hemma 5 dagar/vecka"
    for size in HOUSEHOLD_SIZES:
        persons = "person" if size == 1 else "personer"
        labels[household_code(size)] = f"Gemensamma hushållskostnader, {size} {persons}"
    labels.update({f"cost.{cost}": label for cost, label in _COST_LABELS.items()})
    labels.update({income_code(income): label for income, label in _INCOME_LABELS.items()})
    return labels


LABELS = _labels()


@dataclass(frozen=True, slots=True)
class ExplanationRow:
    """One row of the explanation: a section heading, an itemised line, or a total.

    `amount` is signed as the row affects its total (a disregard is negative); None for a heading.
    """

    label: str
    amount: Kronor | None = None
    source: str = ""
    is_total: bool = False


def line_label(line: Line, names: Mapping[str, str] | None = None) -> str:
    """The Swedish label of a line with whose it is and its detail: `Lön (netto) (p1)`.

    `names` maps member ids to what a reader knows them by (first names on a case page).
    """
    parts = [LABELS.get(line.code, line.code)]
    # Common costs concern the whole household; naming every member there says nothing.
    if line.members and not line.code.startswith("common."):
        shown = [names.get(member, member) for member in line.members] if names else line.members
        parts.append(f"({', '.join(shown)})")
    if line.note:
        parts.append(f"– {line.note}")
    return " ".join(parts)


def explanation_rows(
    calculation: Calculation, names: Mapping[str, str] | None = None
) -> tuple[ExplanationRow, ...]:
    """The rows of the explanation, in the order of the calculation's lines, with totals."""
    rows: list[ExplanationRow] = []

    def section(title: str, kinds: tuple[LineKind, ...]) -> None:
        rows.append(ExplanationRow(title))
        for line in calculation.lines:
            if line.kind in kinds:
                negative = line.kind in (LineKind.DISREGARD, LineKind.REDUCTION)
                amount = -line.amount if negative else line.amount
                rows.append(ExplanationRow(line_label(line, names), amount, line.source))

    section("Riksnorm", (LineKind.NORM,))
    rows.append(ExplanationRow("Summa riksnorm", calculation.riksnorm_total, is_total=True))
    section("Skäliga kostnader utöver riksnormen", (LineKind.COST,))
    rows.append(
        ExplanationRow("Summa skäliga kostnader", calculation.reasonable_costs, is_total=True)
    )
    rows.append(
        ExplanationRow("Behov (riksnorm + skäliga kostnader)", calculation.need, is_total=True)
    )
    section("Inkomster", (LineKind.INCOME, LineKind.DISREGARD))
    rows.append(
        ExplanationRow("Summa inkomster som räknas", calculation.income_counted, is_total=True)
    )
    if calculation.reductions:
        section("Nedsättning enligt beslut", (LineKind.REDUCTION,))
    rows.append(ExplanationRow("Försörjningsstöd", calculation.amount, is_total=True))
    if calculation.surplus:
        rows.append(ExplanationRow("Överskott", calculation.surplus, is_total=True))
    return tuple(rows)


def explain(calculation: Calculation) -> str:
    """The itemised table in Swedish, sources numbered below it; ends with a newline."""
    month = calculation.month
    rows = explanation_rows(calculation)
    sources: list[str] = []
    for row in rows:
        if row.source and row.source not in sources:
            sources.append(row.source)
    width = max(len(row.label) for row in rows) + 4
    out = [
        f"Försörjningsstöd för {MONTH_NAMES[month.month - 1]} {month.year} "
        f"(riksnorm {calculation.norm_year})",
        "",
    ]
    for row in rows:
        if row.amount is None:
            out.append(row.label)
            continue
        indent = "" if row.is_total else "  "
        label = f"{indent}{row.label}".ljust(width)
        note = f"  [{sources.index(row.source) + 1}]" if row.source else ""
        out.append(f"{label}{format_kronor(row.amount):>14}{note}")
        if row.is_total:
            out.append("")
    out.append("Källor")
    out.extend(f"  [{number}] {source}" for number, source in enumerate(sources, start=1))
    return "\n".join(out) + "\n"
