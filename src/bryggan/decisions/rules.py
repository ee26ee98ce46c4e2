"""Pure rules for assessing an application: values in, values out."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from datetime import date, timedelta
from enum import StrEnum

from bryggan.calculation.engine import SANCTION as SANCTION_LINE
from bryggan.casefile.rules_documents import Kind
from bryggan.core.calendar import is_working_day
from bryggan.core.month import Month


def consecutive_months_before(month: Month, months_with_assistance: Collection[str]) -> int:
    """Months with assistance in an unbroken row immediately before `month`.

    This is the `consecutive_months_on_assistance` of the calculation contract, which decides
    *jobbstimulans* (socialtjänstlagen (2001:453) 4 kap. 1 b §; SoL (2025:400) 12 kap. 8 §). Until
    payments are recorded, the months applied for stand in for the months with assistance, and
    the caseworker can correct the figure on the calculation page.
    """
    count = 0
    current = month.plus(-1)
    while str(current) in months_with_assistance:
        count += 1
        current = current.plus(-1)
    return count


# --- decisions ------------------------------------------------------------------------------------

APPEAL_PERIOD = timedelta(weeks=3)


def appeal_deadline(notified_on: date) -> date:
    """The last day to appeal: three weeks from the day the person received the decision.

    A period that ends on a Saturday, Sunday, public holiday, midsommarafton, julafton or nyårsafton
    ends on the next working day instead.

    Source: förvaltningslagen (2017:900) 44 §; lag (1930:173) om beräkning av lagstadgad tid 2 §.
    """
    last = notified_on + APPEAL_PERIOD
    while not is_working_day(last):
        last += timedelta(days=1)
    return last


def is_possible_receipt(*, decided_on: date, received_on: date, today: date) -> bool:
    """Whether `received_on` can be the day the person received (*fick del av*) a decision: not
    before the decision was made and not in the future. The appeal period runs from this day.

    Source: förvaltningslagen (2017:900) 44 §.
    """
    return decided_on <= received_on <= today


class Outcome(StrEnum):
    GRANTED = "granted"
    PARTLY_GRANTED = "partly_granted"
    REFUSED = "refused"


def is_appealable(outcome: Outcome) -> bool:
    """Appeal instructions go with every decision that refuses anything applied for.

    Source: förvaltningslagen (2017:900) 33 § (underrättelse om hur beslutet kan överklagas).
    """
    return outcome in (Outcome.PARTLY_GRANTED, Outcome.REFUSED)


def amount_problem(
    *, outcome: Outcome, amount: int, calculated: int, deviation_reason: str
) -> str | None:
    """Why a decision's amount does not fit its outcome and calculation, or None when it does.

    A granted decision pays the calculated amount; a partly granted one less than it, with a reason;
    a refusal pays nothing. Any amount other than the calculation's needs a stated reason.
    """
    if amount < 0:
        return "negative"
    if outcome is Outcome.REFUSED:
        return None if amount == 0 else "refused_with_amount"
    if amount == 0:
        return "granted_nothing"
    if outcome is Outcome.PARTLY_GRANTED and amount >= calculated:
        return "partly_not_less"
    if outcome is Outcome.GRANTED and amount < calculated:
        return "granted_less"
    if amount != calculated and not deviation_reason.strip():
        return "deviation_without_reason"
    return None


def may_sign(*, role: str, amount: int, limits: dict[str, int | None]) -> bool:
    """Whether a role may sign a decision of `amount` under the unit's delegation.

    `limits` maps each role with delegation for the decision's kind to its highest amount (None for
    no upper limit).

    Source: the social committee's *delegationsordning* (kommunallagen (2017:725) 7 kap. 5 §).
    """
    if role not in limits:
        return False
    ceiling = limits[role]
    return ceiling is None or amount <= ceiling


# --- reductions decided as sanctions, as a saved calculation subtracted them ----------------------

_DECISION_IN_NOTE = re.compile(r"^beslut nr (\d+) den ")
_CAPPED_IN_NOTE = re.compile(r"\(beslutat ([\d\s\u00a0]+) kr")


def sanction_reductions_in_result(result: Mapping[str, object]) -> dict[int, int]:
    """The reduction decision behind each sanction line of a stored result, and the amount decided
    (before the cap at the person's own part), summed per decision.

    Lines saved since the reconsideration review carry `sanction_decision` and `decided_amount`;
    older lines are read from their note ("beslut nr N den …", with " (beslutat X kr, …)" when
    capped), which is how the calculation named them.
    """
    amounts: dict[int, int] = {}
    lines = result.get("lines", [])
    for line in lines if isinstance(lines, list) else []:
        if not isinstance(line, Mapping) or line.get("code") != SANCTION_LINE:
            continue
        decision, decided = line.get("sanction_decision"), line.get("decided_amount")
        if not isinstance(decision, int) or not isinstance(decided, int):
            note = str(line.get("note", ""))
            found = _DECISION_IN_NOTE.match(note)
            if found is None:
                continue
            decision = int(found.group(1))
            capped = _CAPPED_IN_NOTE.search(note)
            shown = capped.group(1) if capped else str(line.get("amount", 0))
            decided = int(re.sub(r"\D", "", shown) or 0)
        amounts[decision] = amounts.get(decision, 0) + decided
    return amounts


def sanction_reductions_differ(saved: Mapping[int, int], in_force: Mapping[int, int]) -> bool:
    """Whether a saved calculation subtracts other reductions than the decisions now in force: a
    revoked one still there, a lowered one at its old amount, or one decided since."""
    return {k: v for k, v in saved.items() if v} != {k: v for k, v in in_force.items() if v}


# --- documents checked ----------------------------------------------------------------------------

# The decision's own checklist (`models.DocumentKind`, ticked by hand) is started from the documents
# on file for the month: the checklist item each kind of document stands for. Practice, not law;
# the caseworker still confirms the list before drafting.
CHECKLIST_ITEM_OF_DOCUMENT: dict[str, str] = {
    Kind.RENT_CONTRACT: "rent_contract",
    Kind.PAYSLIP: "income_statements",
    Kind.BANK_STATEMENT: "bank_statements",
    Kind.AF_PLAN: "af_registration",
}


def checklist_from_documents(kinds: Collection[str]) -> list[str]:
    """The checklist items shown by documents of these kinds, sorted."""
    return sorted({CHECKLIST_ITEM_OF_DOCUMENT[k] for k in kinds if k in CHECKLIST_ITEM_OF_DOCUMENT})
