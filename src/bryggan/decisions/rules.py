"""Pure rules for assessing an application: values in, values out."""

from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from bryggan.calculation.engine import SANCTION as SANCTION_LINE
from bryggan.casefile.rules_documents import Kind
from bryggan.core.calendar import is_working_day
from bryggan.core.month import Month
from bryggan.norms.tables import SOCIAL_SERVICES_ACT, Law, LegalReferences


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


# --- recovery of wrongly paid assistance (*återkrav*) --------------------------------------------


class RecoveryGround(StrEnum):
    """Why paid assistance may be recovered; each maps to a paragraph key of the social services
    act in force when the assistance was given (norms/data/legal_references.toml).

    Source: SoL (2025:400) 33 kap. 1–3 §§; SoL (2001:453) 9 kap. 1–2 §§ for assistance given
    before 1 July 2025 (SoL 2025:400, transitional provision 5).
    """

    CAUSED = "caused"  # incorrect information, a failure to report, or otherwise caused
    SHOULD_HAVE_REALISED = "should_have_realised"  # should reasonably have realised it was wrong
    ADVANCE = "advance"  # advance on a benefit, labour conflict, prevented from using income
    ON_CONDITION = "on_condition"  # given on condition of repayment, in a written served decision


RECOVERY_GROUND_PARAGRAPH: dict[RecoveryGround, str] = {
    RecoveryGround.CAUSED: "recovery_caused",
    RecoveryGround.SHOULD_HAVE_REALISED: "recovery_should_have_realised",
    RecoveryGround.ADVANCE: "recovery_advance",
    RecoveryGround.ON_CONDITION: "recovery_on_condition",
}


@dataclass(frozen=True, slots=True)
class PaidAmount:
    """One payment named by a claim: its amount, and whether it still stands (sent, neither
    returned nor reversed: a returned payment reached nobody and cannot be recovered)."""

    amount: int
    stands: bool


def recovery_amount_problem(*, amount: int, paid: Sequence[PaidAmount]) -> str | None:
    """Why `amount` cannot be claimed on the payments `paid`, or None when it can.

    A claim names at least one payment and recovers at most what was paid out on them and not
    returned: what "has been paid out too much" cannot exceed what was paid.

    Source: SoL (2025:400) 33 kap. 1 §; SoL (2001:453) 9 kap. 1 §.
    """
    if not paid:
        return "no_payments"
    if amount <= 0:
        return "not_positive"
    if amount > sum(p.amount for p in paid if p.stands):
        return "over_paid"
    return None


COURT_ACTION_YEARS = 3


def court_action_last_day(cost_date: date) -> date:
    """The last day the board may sue for repayment at the administrative court: three years
    from the cost (the day the assistance was paid out).

    A period in years ends on the day of the last year with the same number; without one (29
    February) it ends on the month's last day (lag (1930:173) om beräkning av lagstadgad tid 1 §);
    a last day on a Saturday, Sunday, public holiday, midsommarafton, julafton or nyårsafton moves
    to the next working day (same law, 2 §).

    Source: SoL (2025:400) 33 kap. 5 §; SoL (2001:453) 9 kap. 3 §.
    """
    year = cost_date.year + COURT_ACTION_YEARS
    day = min(cost_date.day, monthrange(year, cost_date.month)[1])
    last = date(year, cost_date.month, day)
    while not is_working_day(last):
        last += timedelta(days=1)
    return last


def court_action_expiring(*, last_day: date, today: date, window_days: int) -> bool:
    """Whether a claim's court-action limit has passed or falls within `window_days` of today."""
    return last_day <= today + timedelta(days=window_days)


@dataclass(frozen=True, slots=True)
class RecoveryBalance:
    """What is left of a claim: claimed = repaid + waived + outstanding."""

    claimed: int
    repaid: int
    waived: int
    outstanding: int


def recovery_balance(
    *, claimed: int, repaid: Sequence[int], waived: Sequence[int]
) -> RecoveryBalance:
    """The balance of a claim after repayments received and amounts waived.

    Repayments and waivers are never recorded beyond the balance (`repayment_problem`), so the
    outstanding amount is never negative.

    Source: SoL (2025:400) 33 kap. 6 § (waiver, *eftergift*); SoL (2001:453) 9 kap. 4 §.
    """
    paid_back, let_off = sum(repaid), sum(waived)
    if min([claimed, *repaid, *waived]) < 0 or paid_back + let_off > claimed:
        raise ValueError("repayments and waivers exceed the claim")
    return RecoveryBalance(
        claimed=claimed,
        repaid=paid_back,
        waived=let_off,
        outstanding=claimed - paid_back - let_off,
    )


def repayment_problem(*, amount: int, outstanding: int) -> str | None:
    """Why a repayment received or an amount waived cannot be recorded, or None when it can:
    above zero and at most the outstanding balance (any excess is paid back to the person)."""
    if amount <= 0:
        return "not_positive"
    if amount > outstanding:
        return "over_balance"
    return None


@dataclass(frozen=True, slots=True)
class Instalment:
    month: Month
    amount: int


def repayment_instalments(*, total: int, per_month: int, first: Month) -> tuple[Instalment, ...]:
    """The instalments of a repayment plan: `per_month` a month from `first`, the last one the
    remainder. A voluntary agreement (*avbetalningsplan*), not a decision: nothing is offset
    against future assistance (HFD 2013 ref. 18)."""
    if per_month <= 0 or total < 0:
        raise ValueError("an instalment is above zero and the total not negative")
    instalments = []
    left, month = total, first
    while left > 0:
        amount = min(per_month, left)
        instalments.append(Instalment(month=month, amount=amount))
        left -= amount
        month = month.plus(1)
    return tuple(instalments)


MIXED_LAWS = "mixed_laws"


def assistance_law(months: Sequence[Month], references: LegalReferences) -> Law:
    """The social services act a claim on assistance for `months` is decided under: the law in
    force when the assistance was given. A claim covers assistance under one law only.

    Source: SoL (2025:400), transitional provision 5: recovery of assistance granted before
    1 July 2025 follows SoL (2001:453).

    Raises:
        ValueError: the months fall under two laws (`MIXED_LAWS`), or `months` is empty.
    """
    laws = {
        law.key: law for law in (references.law(SOCIAL_SERVICES_ACT, m.first_day) for m in months)
    }
    if len(laws) != 1:
        raise ValueError(MIXED_LAWS)
    return next(iter(laws.values()))


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


# --- no lost edits: a calculation's input, field by field -------------------------------------


def calculation_input_fields(document: Mapping[str, object]) -> dict[str, object]:
    """The calculation contract's input flattened under the calculation form's field names
    (`cost_<type>`, `other_note`, …; incomes as `income:<type>:<member>`), so that an edit conflict
    can name, field by field, where a calculation saved meanwhile differs from the one typed."""
    fields: dict[str, object] = {
        "month": document.get("month"),
        "shared_household_size": document.get("shared_household_size"),
        "consecutive_months_on_assistance": document.get("consecutive_months_on_assistance"),
        "jobbstimulans_months_used": document.get("jobbstimulans_months_used"),
    }
    for cost in _entries(document.get("costs")):
        fields[f"cost_{cost.get('type')}"] = cost.get("amount")
        if cost.get("note"):
            fields["other_note"] = cost["note"]
    for income in _entries(document.get("incomes")):
        key = f"income:{income.get('type')}:{income.get('member') or ''}"
        amount = income.get("amount")
        previous = fields.get(key)
        both = isinstance(previous, int) and isinstance(amount, int)
        fields[key] = previous + amount if both else amount  # type: ignore[operator]
    return fields


def _entries(value: object) -> list[Mapping[str, object]]:
    if not isinstance(value, list):
        return []
    return [entry for entry in value if isinstance(entry, Mapping)]
