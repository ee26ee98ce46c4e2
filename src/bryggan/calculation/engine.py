"""Försörjningsstöd for one household and month, itemised line by line with sources.

Primary sources: socialtjänstlagen (2001:453) 4 kap. 1 § (right to assistance; income counts) and
3 § (försörjningsstöd = the riksnorm + reasonable costs), from 1 July 2025 SoL (2025:400) 12 kap.;
socialtjänstförordningen (2001:937) 2 kap. 1 § (the riksnorm's amounts); the outside face is
contracts/calculate.md. Pure: no Django, no clock, no files except the norm tables behind `Norms`.

Line scheme. Every line has a `kind`, a stable `code`, the `members` it concerns (ids, oldest
member first), a whole-kronor `amount >= 0` and a `source` (the paragraph of the law in force on the
first day of the month, from norms/data/legal_references.toml; for norm lines also the year's norm
source). Kinds and codes:

- `norm` `personal.adult_single`: one per adult who is not sambo (also in hushållsgemenskap).
- `norm` `personal.adult_cohabiting`: one for the two sambor together, with the amount for both.
- `norm` `personal.child_under_1`, `child_1_2`, `child_3`, `child_4_6`, `child_7_10`, `child_11_14`,
  `child_15_18`, `personal.youth_19_20`: one per child or school youth living at home; the four
  youngest bands end in `_no_lunch` (`personal.child_1_2_no_lunch`) for a child who does not eat
  lunch at home five days a week.
- `norm` `common.household_N` (N = 1…7): the household's common costs (members: everyone).
- `norm` `common.further_persons`: past seven, (N − 7) × (amount for 7 − amount for 6).
- `norm` `common.shared_household_share`: in hushållsgemenskap, common(size) / size.
- `cost` `cost.<CostType>` (`cost.housing`, …, `cost.other`): one per cost in the input.
- `income` `income.<IncomeType>` (`income.employment`, …): one per income, gross.
- `disregard` `disregard.jobbstimulans`: 25 % of an adult's employment income, while it applies.
- `disregard` `disregard.child_work_income`: a child's or school youth's work income, up to the
  yearly prisbasbelopp.
- `reduction` `reduction.sanction`: a reduction decided as a sanction (SoL (2001:453) 4 kap. 5 §),
  one per decision, for the adult it concerns, never more than that adult's own personal costs in
  the riksnorm (children's parts, common costs and reasonable costs are never reduced). Only the
  case's calculation page passes reductions; the command-line contract has none, so its output
  never holds such a line.

Totals are sums of lines and nothing else (see `lines.Calculation`):
riksnorm.personal = Σ `personal.*`; riksnorm.common = Σ `common.*`; riksnorm.total = Σ `norm`;
reasonable_costs = Σ `cost`; income_counted = Σ `income` − Σ `disregard`;
income_disregarded = Σ `disregard`; reductions = Σ `reduction`; need = riksnorm.total +
reasonable_costs; amount = max(0, need − income_counted − reductions);
surplus = max(0, income_counted − need).

Line order is fixed whatever the order of the input: norm lines (adults, then children oldest first,
then common costs), costs in the order of `CostType`, incomes in the order of `IncomeType` and then
by member, each employment income followed by its disregard; reductions last, in input order.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from bryggan.calculation.household import CostType, Household
from bryggan.calculation.income import IncomeSources, income_lines
from bryggan.calculation.lines import PERSONAL_PREFIX, Calculation, Line, LineKind
from bryggan.calculation.riksnorm import children_at_home, riksnorm_lines, sorted_members
from bryggan.core.money import format_kronor
from bryggan.core.month import Month
from bryggan.norms.tables import SOCIAL_SERVICES_ACT, SOCIAL_SERVICES_ORDINANCE, Norms

__all__ = ["Calculation", "Line", "LineKind", "calculate"]

_COST_ORDER = {cost_type: index for index, cost_type in enumerate(CostType)}


@dataclass(frozen=True, slots=True)
class _Sources:
    norm: str
    cost: str
    other_cost: str
    income: IncomeSources


@lru_cache(maxsize=256)
def _sources(norms: Norms, month: Month) -> _Sources:
    """The source texts for a month: the law in force on its first day and the year's norm."""
    references = norms.legal_references()
    day = month.first_day
    table = norms.riksnorm_for(month)

    def cite(paragraph: str) -> str:
        return references.cite(SOCIAL_SERVICES_ACT, paragraph, day)

    amounts = references.cite(SOCIAL_SERVICES_ORDINANCE, "riksnorm_amounts", day)
    return _Sources(
        norm=f"{cite('riksnorm')}; {amounts}; riksnorm {table.year}: {table.source.reference}",
        cost=cite("reasonable_costs"),
        other_cost=cite("other_living_needs"),
        income=IncomeSources(
            income=cite("right_to_assistance"),
            jobbstimulans=cite("jobbstimulans"),
            children_work_income=cite("children_work_income"),
        ),
    )


def cost_lines(household: Household, cost_source: str, other_source: str) -> list[Line]:
    """One line per reasonable cost, in the order of `CostType` (then larger amounts first).

    Source: SoL (2001:453) 4 kap. 3 § första stycket 2 (housing, household electricity, work
    travel, home insurance, union and unemployment-fund fees); `other`: 4 kap. 1 § (livsföring i
    övrigt, granted on its own merits).
    """
    ordered = sorted(
        household.costs, key=lambda cost: (_COST_ORDER[cost.type], -cost.amount, cost.note)
    )
    return [
        Line(
            LineKind.COST,
            f"cost.{cost.type}",
            (),
            cost.amount,
            other_source if cost.type is CostType.OTHER else cost_source,
            cost.note,
        )
        for cost in ordered
    ]


SANCTION = "reduction.sanction"


def own_personal_costs(norm_lines: list[Line], member: str) -> int:
    """The member's own part of the riksnorm's personal costs: their line, or their half of the
    sambor's joint line. Common costs are the household's, not the member's own."""
    for line in norm_lines:
        if line.code.startswith(PERSONAL_PREFIX) and member in line.members:
            return line.amount // len(line.members)
    return 0


def reduction_lines(household: Household, norm_lines: list[Line], source: str) -> list[Line]:
    """One line per decided reduction, each capped at what is left of the member's own part.

    Source: SoL (2001:453) 4 kap. 5 § (further försörjningsstöd may be refused or reduced); the
    reduction may only touch the person's own personal costs in the riksnorm, never the children's
    parts, the common household costs or reasonable costs such as housing (issue #5; no primary
    or handbook text for this limit was found when it was written, so it is the practice as the
    issue states it, to be checked against Socialstyrelsen's handbook *Ekonomiskt bistånd*).
    """
    left: dict[str, int] = {}
    lines = []
    for reduction in household.reductions:
        room = left.setdefault(reduction.member, own_personal_costs(norm_lines, reduction.member))
        applied = min(reduction.amount, room)
        left[reduction.member] = room - applied
        note = reduction.decision
        if applied < reduction.amount:
            note += (
                f" (beslutat {format_kronor(reduction.amount)}, begränsat till personens egen "
                "del av riksnormen)"
            )
        lines.append(Line(LineKind.REDUCTION, SANCTION, (reduction.member,), applied, source, note))
    return lines


def calculate(household: Household, norms: Norms) -> Calculation:
    """Försörjningsstöd for `household` in its month: the riksnorm, costs and income, as lines.

    Raises `NormMissingError` (field `month`) when no riksnorm is shipped for the month's year, or
    when a child's work income needs a prisbasbelopp that is not on file.

    Source: SoL (2001:453) 4 kap. 1 och 3 §§; SoF (2001:937) 2 kap. 1 §; contracts/calculate.md.
    """
    month = household.month
    table = norms.riksnorm_for(month)
    sources = _sources(norms, month)
    members = sorted_members(household)
    children = children_at_home(household, members)
    norm_lines = riksnorm_lines(household, members, children, table, sources.norm)
    lines = [
        *norm_lines,
        *cost_lines(household, sources.cost, sources.other_cost),
        *income_lines(
            household,
            members,
            children,
            sources.income,
            lambda: norms.price_base_amount(month.year),
        ),
    ]
    if household.reductions:
        sanction = norms.legal_references().cite(SOCIAL_SERVICES_ACT, "sanction", month.first_day)
        lines += reduction_lines(household, norm_lines, sanction)
    return Calculation(month=month, norm_year=table.year, lines=tuple(lines))
