"""Rules of applying online: which months may be applied for, how an amount is read, which
document kind a line's upload is, and the calculation input built from the lines. Pure: values in,
values out; "today" is a parameter.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.translation import gettext_lazy as _

from bryggan.calculation.household import CostType, IncomeType
from bryggan.core.errors import DomainError
from bryggan.core.month import Month

# An application concerns this month or the next: the unit's practice of one application a month
# (Haninge's monthly personal application), never a month gone by.
MONTHS_AHEAD = 1

MONTH_PAST = _("That month has already passed. Choose this month or next month.")
MONTH_FAR_AHEAD = _("You can apply for this month or next month, not later.")
MONTH_INVALID = _("Write the month as year and month, for example 2027-01.")
AMOUNT_LETTERS = _("Write the amount in whole kronor with digits only, for example 4500.")
AMOUNT_NEGATIVE = _("An amount cannot be negative. Write 0 if you have none.")
AMOUNT_TOO_LARGE = _("The amount is too large. Write the amount per month in kronor.")
ALREADY_APPLIED = _(
    "You have already applied for %(month)s. You find the application and its receipt on My pages."
)
LARGEST_AMOUNT = 10_000_000

_AMOUNT_RE = re.compile(r"^-?\d+$")


def parse_month(text: str, *, today: date) -> Month:
    """The month applied for: this month or the next (`MONTHS_AHEAD`)."""
    try:
        month = Month.parse(text.strip())
    except ValueError as error:
        raise DomainError(MONTH_INVALID, field="month") from error
    current = Month.of(today)
    if month < current:
        raise DomainError(MONTH_PAST, field="month")
    if month.minus(current) > MONTHS_AHEAD:
        raise DomainError(MONTH_FAR_AHEAD, field="month")
    return month


def months_open(today: date) -> list[Month]:
    current = Month.of(today)
    return [current.plus(i) for i in range(MONTHS_AHEAD + 1)]


def parse_amount(text: str) -> int:
    """Whole kronor as an applicant writes them: "4 500", "4500 kr", "4500,00" are 4500; empty is
    0. Letters and negative amounts are refused with a message for the field."""
    cleaned = text.strip().lower().removesuffix("kr").replace("\u00a0", "").replace(" ", "")
    for decimals in (",00", ".00", ",0", ".0", ":-"):
        cleaned = cleaned.removesuffix(decimals)
    if not cleaned:
        return 0
    if not _AMOUNT_RE.match(cleaned):
        raise DomainError(AMOUNT_LETTERS)
    value = int(cleaned)
    if value < 0:
        raise DomainError(AMOUNT_NEGATIVE)
    if value > LARGEST_AMOUNT:
        raise DomainError(AMOUNT_TOO_LARGE)
    return value


@dataclass(frozen=True, slots=True)
class LineInput:
    """A cost or income as the applicant gives it; `previous` is last month's amount, None for a
    line that is new this month."""

    kind: str
    type: str
    member: str
    amount: int
    previous: int | None = None
    note: str = ""


def document_kind_for(line: LineInput) -> str:
    """The case file's document kind for the document uploaded with a line."""
    if line.kind == "income":
        return "payslip" if line.type == IncomeType.EMPLOYMENT else "other"
    return "rent_contract" if line.type == CostType.HOUSING else "invoice"


def lines_from_input(document: Mapping[str, Any]) -> list[LineInput]:
    """Last month's lines from a calculation input (contract JSON), each with its amount as
    both the amount and last month's, so an unchanged renewal keeps them."""
    lines = [
        LineInput(
            "cost",
            str(cost["type"]),
            "",
            int(cost["amount"]),
            int(cost["amount"]),
            str(cost.get("note", "")),
        )
        for cost in document.get("costs", [])
    ]
    lines += [
        LineInput(
            "income",
            str(income["type"]),
            str(income.get("member", "")),
            int(income["amount"]),
            int(income["amount"]),
        )
        for income in document.get("incomes", [])
    ]
    return lines


def calculation_input(
    *,
    month: Month,
    members: Sequence[Mapping[str, Any]],
    cohabiting: bool,
    lines: Iterable[LineInput],
    consecutive_months: int,
    previous: Mapping[str, Any] | None,
) -> dict[str, Any]:
    """The calculation contract's input for the month: last month's input (so that what the
    caseworker set, such as school youth, stays) with this month's members, costs and incomes.
    A member who was in last month's input keeps that entry; a line of 0 kr is left out."""
    earlier = {str(m["id"]): m for m in (previous or {}).get("members", [])}
    document: dict[str, Any] = dict(previous or {})
    document["month"] = str(month)
    document["members"] = [dict(earlier.get(str(m["id"]), m)) for m in members]
    document["cohabiting"] = cohabiting
    document["costs"] = [
        {"type": x.type, "amount": x.amount, **({"note": x.note} if x.note else {})}
        for x in lines
        if x.kind == "cost" and x.amount > 0
    ]
    document["incomes"] = [
        {"type": x.type, "amount": x.amount, **({"member": x.member} if x.member else {})}
        for x in lines
        if x.kind == "income" and x.amount > 0
    ]
    document["consecutive_months_on_assistance"] = consecutive_months
    document.setdefault("jobbstimulans_months_used", 0)
    return document
