"""The demo's assessed months: a saved calculation, a signed decision and a monthly payment run.

Everything goes through the services a caseworker's actions use (`calculation_save`,
`decision_draft_create`, `decisions_sign`, `payment_run_execute`), so the måltavla, the indicators
and the payment pages show figures computed from payments, as they would in a municipality.

The riksnorm for a year without a verified table (shared/domain/rules.md: 2022–2026 are not
shipped) is entered the way an administrator would, as a **stand-in**: the amounts of the latest
shipped year, labelled in the table's source as demo data that is not that year's riksnorm. The
demo's amounts are therefore lower than real ones; no figure here is a claim about any year's norm.
Housing costs, incomes and account numbers are random demo values, not statistics.
"""

from __future__ import annotations

import contextlib
import random
import tomllib
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone

from bryggan.accounts.models import User
from bryggan.activities.selectors import ADULT_ROLES
from bryggan.core.calendar import is_working_day
from bryggan.core.errors import DomainError
from bryggan.core.month import Month
from bryggan.decisions.forms import member_id
from bryggan.decisions.models import Decision
from bryggan.decisions.rules import Outcome, may_sign
from bryggan.decisions.selectors import current_members_of
from bryggan.decisions.services import (
    ToSign,
    calculation_save,
    decision_draft_create,
    decisions_sign,
    delegation_limits,
)
from bryggan.demo.assessment import assessment_before_first_decision, exception_before_refusal
from bryggan.demo.reporting import demo_reason_code
from bryggan.intake.models import Application
from bryggan.norm_entry.selectors import application_norms
from bryggan.norm_entry.services import riksnorm_enter
from bryggan.norms.tables import default_norms
from bryggan.payments.bank_account import BankAccountError, parse_bank_account
from bryggan.payments.services import payment_run_execute
from bryggan.people.models import HouseholdMember, MemberRole
from bryggan.reporting.services import ReasonToRecord, reasons_for_need_record

STAND_IN_REFERENCE = "DEMO"
# Handelsbanken's clearing number; accounts are drawn until one passes the modulus-11 check.
DEMO_CLEARING = "6000"
DOCUMENTS_CHECKED = ["rent_contract", "bank_statements"]
SHARE_WITH_WORK_INCOME = 0.2
UNDECIDED_DAYS = 5  # applications of the last few days are still being assessed


def stand_in_norms(years: range, *, by: User) -> list[int]:
    """Enter the latest shipped table as a labelled stand-in for each year without one."""
    norms = application_norms()
    entered = []
    for year in years:
        if year in norms.norm_years():
            continue
        shipped = max(y for y in norms.shipped_years() if y < year)
        document = _document_of(shipped)
        document["year"] = year
        document["source"] = {
            "reference": STAND_IN_REFERENCE,
            "title": f"Demo stand-in: the {shipped} amounts, not the riksnorm for {year}",
            "kind": "secondary",
            "note": (
                f"Entered by the demo generator because no verified table for {year} is shipped. "
                "Never use in production: enter the year's table from its SFS ordinance."
            ),
        }
        riksnorm_enter(document=document, confirm_decreases=True, by=by)
        entered.append(year)
    return entered


def _document_of(year: int) -> dict[str, object]:
    path = default_norms().data_dir / "riksnorm" / f"{year}.toml"
    return tomllib.loads(path.read_text(encoding="utf-8"))


@dataclass
class Payee:
    clearing: str
    account: str
    housing: int
    work_income: int


def payee(rng: random.Random, size: int) -> Payee:
    while True:
        account = f"{rng.randrange(10**8, 10**9)}"
        try:
            parse_bank_account(DEMO_CLEARING, account)
        except BankAccountError:
            continue
        break
    work = rng.randrange(3000, 12000, 100) if rng.random() < SHARE_WITH_WORK_INCOME else 0
    return Payee(DEMO_CLEARING, account, 4200 + 900 * size + rng.randrange(0, 2500, 50), work)


def _document(
    application: Application, payee_: Payee, current: list[HouseholdMember]
) -> dict[str, object]:
    members = []
    cohabiting = False
    for member in current:
        entry: dict[str, object] = {
            "id": member_id(member),
            "birth_date": member.person.birth_date.isoformat(),
        }
        cohabiting = cohabiting or member.role == MemberRole.CO_APPLICANT
        members.append((member.role, entry))
    applicant = next(e["id"] for role, e in members if role == MemberRole.APPLICANT)
    document: dict[str, object] = {
        "month": application.month,
        "cohabiting": cohabiting,
        "members": [entry for _, entry in members],
        "costs": [
            {"type": "housing", "amount": payee_.housing},
            {"type": "household_electricity", "amount": 250 + 50 * len(members)},
            {"type": "home_insurance", "amount": 120},
        ],
        "incomes": [],
    }
    if payee_.work_income:
        document["incomes"] = [
            {"type": "employment", "member": applicant, "amount": payee_.work_income}
        ]
    return document


@dataclass(frozen=True, slots=True)
class ToDecide:
    """An application the month decides, by its caseworker (or the manager above the
    caseworker's delegation) at `now`; `first`: the household has had no decision before (as
    the generator knows, so that the assessment is looked for only then)."""

    application: Application
    payee: Payee
    caseworker: User
    manager: User
    now: datetime
    first: bool


def decide_month(month: Month, applications: list[ToDecide]) -> None:
    """Calculate, draft and sign the month's decisions: granted, or refused when income suffices.

    Each household's calculation and draft go through the services one at a time; every adult's
    reason for need in the granted ones is then recorded for the whole month at once
    (`reasons_for_need_record`), as a caseworker records them before the month is decided; the
    drafts are signed together (`decisions_sign`: each with the checks `decision_sign` makes)."""
    members = current_members_of(item.application.household_id for item in applications)
    drafts = [_draft(item, members.get(item.application.household_id, [])) for item in applications]
    reasons = [reason for _, granted_reasons in drafts for reason in granted_reasons]
    if reasons:
        reasons_for_need_record(month=month, reasons=reasons)
    signings = [
        _ready_to_sign(item, decision)
        for item, (decision, _) in zip(applications, drafts, strict=True)
    ]
    if signings:
        decisions_sign(signings)


def _draft(item: ToDecide, current: list[HouseholdMember]) -> tuple[Decision, list[ReasonToRecord]]:
    """The calculation and the draft (the household's `current` members: the month's read of
    them serves the document and the reasons); the adults' reasons to record if it grants."""
    application, payee_, caseworker = item.application, item.payee, item.caseworker
    calculation = calculation_save(
        household=application.household,
        document=_document(application, payee_, current),
        by=caseworker,
    )
    granted = calculation.amount > 0
    decision = decision_draft_create(
        household=application.household,
        month=application.month,
        kind="livelihood_support",
        outcome=Outcome.GRANTED if granted else Outcome.REFUSED,
        calculation=calculation,
        amount=calculation.amount,
        deviation_reason="",
        reasons=(
            "Hushållets inkomster räcker inte till skäliga kostnader enligt beräkningen."
            if granted
            else "Hushållets inkomster räcker till skäliga kostnader enligt beräkningen."
        ),
        documents_checked=DOCUMENTS_CHECKED,
        personal_visit_held=True,
        registered_at_af=True,
        clearing=payee_.clearing if granted else "",
        account=payee_.account if granted else "",
        by=caseworker,
    )
    if not granted:  # a refusal reports no reason for need
        return decision, []
    return decision, [
        ReasonToRecord(
            household=application.household,
            person=member.person,
            code=demo_reason_code(
                member.person_id,
                {"employment"}
                if member.role == MemberRole.APPLICANT and payee_.work_income
                else set(),
            ),
            by=caseworker,
            at=item.now,
        )
        for member in current
        if member.role in ADULT_ROLES
    ]


def _ready_to_sign(item: ToDecide, decision: Decision) -> ToSign:
    """What the case file needs before the draft is signed; by whom it is signed."""
    caseworker, now = item.caseworker, item.now
    # The first decision rests on a signed structured assessment (signing refuses it otherwise);
    # a refusal on the household's own figures records why kommunicering was not needed.
    if item.first:
        assessment_before_first_decision(
            decision, by=caseworker, now=now, work_income=bool(item.payee.work_income)
        )
    exception_before_refusal(decision, by=caseworker, today=timezone.localdate(now))
    limits = delegation_limits(item.application.household.unit_id, decision.kind)
    signer = (
        caseworker
        if may_sign(role=caseworker.role, amount=decision.amount, limits=limits)
        else item.manager  # above the caseworker's delegation
    )
    return ToSign(decision, signer, now)


def pay_month(month: Month, *, by: User, now: datetime) -> None:
    """The run that pays what was decided for `month`, dated the bank day of `now` or before."""
    day = now.date()
    while not is_working_day(day):
        day -= timedelta(days=1)
    with contextlib.suppress(DomainError):  # nothing payable yet
        payment_run_execute(by=by, execution_date=day, now=now)
