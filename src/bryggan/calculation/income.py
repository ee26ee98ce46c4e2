"""Countable income: every income of the household, less what the law leaves uncounted.

Primary sources: socialtjänstlagen (2001:453) 4 kap. 1 § (a person who can provide for the need, or
have it provided for in another way, has no right to assistance: all income counts), 4 kap. 1 a §
(work income of children and school youth living at home is not counted up to one prisbasbelopp per
calendar year; SFS 2007:1429, SFS 2013:421) and 4 kap. 1 b § (*jobbstimulans*: 25 % of employment
income is not counted after six consecutive months with försörjningsstöd, for two years; the rule
"gäller inte inkomster som anges i 1 a §"); prop. 2012/13:94. From 1 July 2025 the same rules stand
in SoL (2025:400) 12 kap. (paragraphs in norms/data/legal_references.toml).

The yearly cap of the children's rule. The contract carries no year-to-date figure, so the rule is:
each child's work income is left uncounted up to the year's prisbasbelopp less
`Member.work_income_disregarded_earlier` (what was already left uncounted for that member in earlier
months of the same calendar year; 0 when unknown, as from the command line). One month can therefore
never leave more than one prisbasbelopp uncounted for a child, and a caller that keeps the history
(the case apps) keeps the whole year within one prisbasbelopp. A summer job earned in one month is
treated as the law intends; spreading the cap over twelve months would count income the law exempts.
Only `employment` income is work income; a child's other income counts in full, and so does work
income above the cap (jobbstimulans never applies to it, 4 kap. 1 b § last paragraph).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from bryggan.calculation.household import Household, Income, IncomeType, Member
from bryggan.calculation.lines import Line, LineKind
from bryggan.core.money import Kronor, format_kronor, kronor_half_up
from bryggan.norms.tables import PriceBaseAmount

JOBBSTIMULANS = "disregard.jobbstimulans"
CHILD_WORK_INCOME = "disregard.child_work_income"
JOBBSTIMULANS_SHARE = Decimal("0.25")

_INCOME_ORDER = {income_type: index for index, income_type in enumerate(IncomeType)}


@dataclass(frozen=True, slots=True)
class IncomeSources:
    """The paragraph citations for income lines, for the month's law."""

    income: str
    jobbstimulans: str
    children_work_income: str


def income_code(income_type: IncomeType) -> str:
    """`income.employment`: the line code of an income type."""
    return f"income.{income_type}"


def jobbstimulans_disregard(amount: Kronor) -> Kronor:
    """The part of an employment income not counted under jobbstimulans: 25 %, halves rounded up.

    Source: SoL (2001:453) 4 kap. 1 b §; rounding per income: contracts/calculate.md.
    """
    return kronor_half_up(amount * JOBBSTIMULANS_SHARE)


def _sort_key(income: Income, positions: Mapping[str, int]) -> tuple[int, int, int]:
    position = -1 if income.member is None else positions[income.member]
    return (_INCOME_ORDER[income.type], position, -income.amount)


def income_lines(
    household: Household,
    members: tuple[Member, ...],
    children: Mapping[str, int],
    sources: IncomeSources,
    price_base_amount: Callable[[], PriceBaseAmount],
) -> list[Line]:
    """Income lines in a fixed order, each employment income followed by its disregard lines.

    `members` in line order, `children` the age by id of children and school youth living at home;
    `price_base_amount` is called only when a child's work income needs the year's cap, so a month
    without a prisbasbelopp on file calculates as long as no child has work income.

    Source: SoL (2001:453) 4 kap. 1, 1 a och 1 b §§.
    """
    positions = {member.id: index for index, member in enumerate(members)}
    by_id = {member.id: member for member in members}
    remaining_cap: dict[str, Kronor] = {}
    jobbstimulans = household.jobbstimulans_active
    lines: list[Line] = []
    for income in sorted(household.incomes, key=lambda income: _sort_key(income, positions)):
        whose = () if income.member is None else (income.member,)
        lines.append(
            Line(LineKind.INCOME, income_code(income.type), whose, income.amount, sources.income)
        )
        if income.type is not IncomeType.EMPLOYMENT or income.amount == 0:
            continue
        if income.member is not None and income.member in children:
            child = by_id[income.member]
            base = price_base_amount()
            if child.id not in remaining_cap:
                remaining_cap[child.id] = max(
                    0, base.amount - child.work_income_disregarded_earlier
                )
            disregarded = min(income.amount, remaining_cap[child.id])
            remaining_cap[child.id] -= disregarded
            source = f"{sources.children_work_income}; prisbasbelopp {base.year}: {base.reference}"
            note = f"upp till ett prisbasbelopp ({format_kronor(base.amount)}) per kalenderår"
            lines.append(
                Line(LineKind.DISREGARD, CHILD_WORK_INCOME, whose, disregarded, source, note)
            )
        elif jobbstimulans:
            disregarded = jobbstimulans_disregard(income.amount)
            note = f"25 % av {format_kronor(income.amount)}"
            lines.append(
                Line(
                    LineKind.DISREGARD,
                    JOBBSTIMULANS,
                    whose,
                    disregarded,
                    sources.jobbstimulans,
                    note,
                )
            )
    return lines
