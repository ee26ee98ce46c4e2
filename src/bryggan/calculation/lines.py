"""The result of a calculation: itemised lines, and totals that are only ever sums of lines.

PolicyEngine's `adds`, in our domain: every figure of the result (riksnorm, reasonable costs, income
counted, the amount of försörjningsstöd) is a property computed from the lines, so the explanation a
decision letter shows and the amount paid cannot diverge. The line scheme is documented in
`engine.py`. Primary source of the arithmetic: contracts/calculate.md ("need = riksnorm.total +
reasonable_costs; amount = max(0, need - income_counted)"), after socialtjänstlagen (2001:453)
4 kap. 1 och 3 §§.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from bryggan.core.money import Kronor
from bryggan.core.month import Month


class LineKind(StrEnum):
    """What a line adds to: the riksnorm, reasonable costs, income, an income disregard, or a
    reduction decided as a sanction (never in the command-line contract's output)."""

    NORM = "norm"
    COST = "cost"
    INCOME = "income"
    DISREGARD = "disregard"
    REDUCTION = "reduction"


PERSONAL_PREFIX = "personal."
COMMON_PREFIX = "common."
_PREFIXES = {
    LineKind.NORM: (PERSONAL_PREFIX, COMMON_PREFIX),
    LineKind.COST: ("cost.",),
    LineKind.INCOME: ("income.",),
    LineKind.DISREGARD: ("disregard.",),
    LineKind.REDUCTION: ("reduction.",),
}


@dataclass(frozen=True, slots=True)
class Line:
    """One itemised amount: its stable code, whose it is, kronor, and the legal or official source.

    `note` is a short human detail for the Swedish explanation (the arithmetic of a share, what an
    `other` cost is for); it is not part of the contract's JSON.
    """

    kind: LineKind
    code: str
    members: tuple[str, ...]
    amount: Kronor
    source: str
    note: str = ""

    def __post_init__(self) -> None:
        # One cheap test on the common path: every calculation builds a dozen lines.
        if self.amount < 0 or not self.source or not self.code.startswith(_PREFIXES[self.kind]):
            raise ValueError(
                f"invalid line: kind {self.kind}, code {self.code!r}, amount {self.amount} "
                f"(never negative), source {self.source!r} (never empty)"
            )


def _sums(lines: tuple[Line, ...]) -> tuple[Kronor, Kronor, Kronor, Kronor, Kronor, Kronor]:
    """(personal, common, costs, income, disregarded, reductions), in one pass over the lines."""
    personal = common = costs = income = disregarded = reductions = 0
    norm, cost, income_kind = LineKind.NORM, LineKind.COST, LineKind.INCOME
    reduction = LineKind.REDUCTION
    for line in lines:
        kind = line.kind
        if kind is norm:
            if line.code.startswith(PERSONAL_PREFIX):
                personal += line.amount
            else:
                common += line.amount
        elif kind is cost:
            costs += line.amount
        elif kind is income_kind:
            income += line.amount
        elif kind is reduction:
            reductions += line.amount
        else:
            disregarded += line.amount
    return personal, common, costs, income, disregarded, reductions


@dataclass(frozen=True, slots=True)
class Calculation:
    """Försörjningsstöd for one household and month: the lines, and totals declared as their sums.

    Only `month`, `norm_year` and `lines` can be given; every total is computed from the lines when
    the value is made (and the value is frozen), so no total can disagree with the lines.

    Source: contracts/calculate.md (output); socialtjänstlagen (2001:453) 4 kap. 1 och 3 §§.
    """

    month: Month
    norm_year: int
    lines: tuple[Line, ...]
    riksnorm_personal: Kronor = field(init=False)
    riksnorm_common: Kronor = field(init=False)
    reasonable_costs: Kronor = field(init=False)
    income_total: Kronor = field(init=False)
    """All income before disregards."""
    income_disregarded: Kronor = field(init=False)
    reductions: Kronor = field(init=False)
    """Reductions decided as sanctions for the month (0 for every command-line input)."""

    def __post_init__(self) -> None:
        personal, common, costs, income, disregarded, reductions = _sums(self.lines)
        object.__setattr__(self, "riksnorm_personal", personal)
        object.__setattr__(self, "riksnorm_common", common)
        object.__setattr__(self, "reasonable_costs", costs)
        object.__setattr__(self, "income_total", income)
        object.__setattr__(self, "income_disregarded", disregarded)
        object.__setattr__(self, "reductions", reductions)

    @property
    def riksnorm_total(self) -> Kronor:
        return self.riksnorm_personal + self.riksnorm_common

    @property
    def need(self) -> Kronor:
        return self.riksnorm_total + self.reasonable_costs

    @property
    def income_counted(self) -> Kronor:
        return self.income_total - self.income_disregarded

    @property
    def amount(self) -> Kronor:
        """The försörjningsstöd granted: the need less counted income and any reduction decided
        as a sanction, never below zero."""
        return max(0, self.need - self.income_counted - self.reductions)

    @property
    def surplus(self) -> Kronor:
        """Counted income beyond the need (*överskott*)."""
        return max(0, self.income_counted - self.need)
