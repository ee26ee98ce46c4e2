"""The monthly report's rules: what the month holds, what would make the statistics wrong, the diff.

Pure functions over values (no ORM, no clock). The Django side (`selectors.py`) reads a month into a
`MonthSnapshot`; `validate` lists every problem; `report_file` turns the snapshot into the file's
records (`fileformat.py` writes and reads them); `report_diff` compares two versions of a month.

Sources:
- HSLF-FS 2015:30 3 §: ekonomiskt bistånd, försörjningshinder and kommunala
  arbetsmarknadsinsatser are reported for the calendar month the assistance is *for* (not the month
  it was paid), by the 15th of the following month. 4 §: closure reasons, per calendar month by
  the 15th of the following month, and at the latest four months after the month.
- Socialstyrelsen, Frågor och svar för uppgiftslämnare: försörjningshinder is recorded per adult,
  for both adults of a two-adult household, at every application.
- Household type codes: Socialstyrelsen, Variabelförteckning för registret för ekonomiskt bistånd
  (research note, section 5).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from bryggan.core.month import Month
from bryggan.reporting.codes import CodeLists

DUE_DAY = 15  # HSLF-FS 2015:30 3 § and 4 §: "senast den 15:e nästkommande månad"
CLOSURE_LATEST_MONTHS = 4  # HSLF-FS 2015:30 4 §: "senast fyra månader efter den kalendermånad"


def due_date(month: Month) -> date:
    """The day the month's data is due at Socialstyrelsen (HSLF-FS 2015:30 3 §)."""
    return month.plus(1).first_day.replace(day=DUE_DAY)


class Severity(StrEnum):
    ERROR = "error"  # the file is refused while one remains
    WARNING = "warning"  # may be accepted with a comment


class Rule(StrEnum):
    ADULT_WITHOUT_REASON = "adult_without_reason"
    UNKNOWN_REASON = "unknown_reason"
    REASON_WITHOUT_INCOME = "reason_without_income"
    REASON_CONTRADICTS_INCOME = "reason_contradicts_income"
    PAYMENT_WITHOUT_DECISION = "payment_without_decision"
    DECIDED_NOT_PAID = "decided_not_paid"
    ACTIVITY_WITHOUT_ATTENDANCE = "activity_without_attendance"
    CLOSED_WITHOUT_REASON = "closed_without_reason"
    UNKNOWN_CLOSURE_REASON = "unknown_closure_reason"
    CHANGED_SINCE_SENT = "changed_since_sent"


SEVERITY = {
    Rule.ADULT_WITHOUT_REASON: Severity.ERROR,
    Rule.UNKNOWN_REASON: Severity.ERROR,
    Rule.REASON_WITHOUT_INCOME: Severity.ERROR,
    Rule.REASON_CONTRADICTS_INCOME: Severity.WARNING,
    Rule.PAYMENT_WITHOUT_DECISION: Severity.ERROR,
    Rule.DECIDED_NOT_PAID: Severity.WARNING,
    Rule.ACTIVITY_WITHOUT_ATTENDANCE: Severity.WARNING,
    Rule.CLOSED_WITHOUT_REASON: Severity.ERROR,
    Rule.UNKNOWN_CLOSURE_REASON: Severity.ERROR,
    Rule.CHANGED_SINCE_SENT: Severity.WARNING,
}


@dataclass(frozen=True, slots=True)
class CaseRef:
    household_id: int
    case_number: str
    caseworker_id: int | None = None
    caseworker_name: str = ""
    unit_id: int | None = None


@dataclass(frozen=True, slots=True)
class AdultSnapshot:
    person_id: int
    identity_number: str
    name: str
    co_applicant: bool
    reason: str | None
    # Income types the month's calculation gives this person (contract member `p<person id>`).
    incomes: frozenset[str] = frozenset()
    # Activities current in the month: (kind, provider, name, days attended in the month).
    activities: tuple[tuple[str, str, str, int], ...] = ()


@dataclass(frozen=True, slots=True)
class HouseholdSnapshot:
    case: CaseRef
    adults: tuple[AdultSnapshot, ...]
    children: tuple[str, ...]  # identity numbers of the household's children in the month
    decided: int  # kronor granted by the month's standing signed decisions
    paid: int  # kronor of the standing payments of those decisions


@dataclass(frozen=True, slots=True)
class ClosureSnapshot:
    case: CaseRef
    closed_on: date
    reason: str | None  # None: the case was closed without a recorded reason


@dataclass(frozen=True, slots=True)
class PaymentSnapshot:
    """A payment standing for the month whose decision is not a signed decision."""

    case: CaseRef
    reference: str


@dataclass(frozen=True, slots=True)
class MonthSnapshot:
    month: Month
    municipality_code: str
    households: tuple[HouseholdSnapshot, ...]
    closures: tuple[ClosureSnapshot, ...] = ()
    unsigned_payments: tuple[PaymentSnapshot, ...] = ()


@dataclass(frozen=True, slots=True)
class Problem:
    rule: Rule
    case: CaseRef
    detail: str = ""  # the person's name, the code, the activity: what to look at in the case
    month: str = ""

    @property
    def severity(self) -> Severity:
        return SEVERITY[self.rule]


def validate(snapshot: MonthSnapshot, codes: CodeLists) -> list[Problem]:
    """Every problem that would make the month's statistics wrong, case by case."""
    month = str(snapshot.month)
    reasons = codes.reasons_for_need
    problems: list[Problem] = []
    for household in snapshot.households:
        case = household.case
        for adult in household.adults:
            if not adult.reason:
                problems.append(Problem(Rule.ADULT_WITHOUT_REASON, case, adult.name, month))
                continue
            if adult.reason not in reasons:
                problems.append(Problem(Rule.UNKNOWN_REASON, case, adult.reason, month))
                continue
            code = reasons.codes[adult.reason]
            if code.requires_income and code.requires_income not in adult.incomes:
                detail = f"{adult.name}: {code.label}"
                problems.append(Problem(Rule.REASON_WITHOUT_INCOME, case, detail, month))
            if code.excludes_income and code.excludes_income in adult.incomes:
                detail = f"{adult.name}: {code.label}"
                problems.append(Problem(Rule.REASON_CONTRADICTS_INCOME, case, detail, month))
            for _kind, provider, name, days in adult.activities:
                if days == 0 and provider in codes.activities.municipal_providers:
                    detail = f"{adult.name}: {name}"
                    problems.append(Problem(Rule.ACTIVITY_WITHOUT_ATTENDANCE, case, detail, month))
        if household.decided > 0 and household.paid == 0:
            problems.append(Problem(Rule.DECIDED_NOT_PAID, case, str(household.decided), month))
    for payment in snapshot.unsigned_payments:
        problems.append(
            Problem(Rule.PAYMENT_WITHOUT_DECISION, payment.case, payment.reference, month)
        )
    for closure in snapshot.closures:
        if not closure.reason:
            problems.append(
                Problem(
                    Rule.CLOSED_WITHOUT_REASON, closure.case, closure.closed_on.isoformat(), month
                )
            )
        elif closure.reason not in codes.closure_reasons:
            problems.append(
                Problem(Rule.UNKNOWN_CLOSURE_REASON, closure.case, closure.reason, month)
            )
    return problems


def errors(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == Severity.ERROR]


def warnings(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == Severity.WARNING]


# The file's records -------------------------------------------------------------------------------


class HouseholdType(StrEnum):
    """*Hushållstyp* as in Socialstyrelsen's variable list (1, 3–9; there is no 2)."""

    ONLY_CHILDREN = "1"
    SINGLE_MAN = "3"
    SINGLE_MAN_WITH_CHILDREN = "4"
    SINGLE_WOMAN = "5"
    SINGLE_WOMAN_WITH_CHILDREN = "6"
    COUPLE = "7"
    COUPLE_WITH_CHILDREN = "8"
    UNKNOWN = "9"


def sex_from_identity(identity_number: str) -> str:
    """Sex, K or M, from a personnummer or samordningsnummer: second-to-last digit odd for men."""
    digits = [c for c in identity_number if c.isdigit()]
    return "M" if int(digits[-2]) % 2 else "K"


def household_type(adult_sexes: Sequence[str], children: int) -> HouseholdType:
    with_children = children > 0
    if len(adult_sexes) == 0:
        return HouseholdType.ONLY_CHILDREN if with_children else HouseholdType.UNKNOWN
    if len(adult_sexes) >= 2:  # noqa: PLR2004
        return HouseholdType.COUPLE_WITH_CHILDREN if with_children else HouseholdType.COUPLE
    if adult_sexes[0] == "M":
        return HouseholdType.SINGLE_MAN_WITH_CHILDREN if with_children else HouseholdType.SINGLE_MAN
    return HouseholdType.SINGLE_WOMAN_WITH_CHILDREN if with_children else HouseholdType.SINGLE_WOMAN


@dataclass(frozen=True, slots=True)
class PersonRecord:
    identity_number: str
    role: str  # "S" applicant (*sökande*), "M" co-applicant (*medsökande*)
    sex: str
    reason: str  # Bryggan id of the reason for need
    reason_official: str  # the official code, empty while not verified
    municipal_activity: bool  # took part (attended) in a municipal labour-market activity
    activities: tuple[str, ...]  # Bryggan ids of the kinds attended, sorted


@dataclass(frozen=True, slots=True)
class HouseholdRecord:
    case_number: str
    paid: int
    household_type: str
    persons: tuple[PersonRecord, ...]
    children: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ClosureRecord:
    case_number: str
    closed_on: date
    reason: str
    reason_official: str


@dataclass(frozen=True, slots=True)
class ReportFile:
    municipality_code: str
    month: str
    version: int
    created_on: date
    households: tuple[HouseholdRecord, ...]
    closures: tuple[ClosureRecord, ...] = ()

    @property
    def total_paid(self) -> int:
        return sum(h.paid for h in self.households)

    @property
    def person_count(self) -> int:
        return sum(len(h.persons) for h in self.households)

    @property
    def child_count(self) -> int:
        return sum(len(h.children) for h in self.households)


def _person_record(adult: AdultSnapshot, codes: CodeLists) -> PersonRecord:
    reason = adult.reason or ""
    code = codes.reasons_for_need.codes.get(reason)
    attended = sorted(
        {
            kind
            for kind, provider, _name, days in adult.activities
            if days > 0 and provider in codes.activities.municipal_providers
        }
    )
    return PersonRecord(
        identity_number=adult.identity_number,
        role="M" if adult.co_applicant else "S",
        sex=sex_from_identity(adult.identity_number),
        reason=reason,
        reason_official=code.official_code if code else "",
        municipal_activity=bool(attended),
        activities=tuple(attended),
    )


def report_file(
    snapshot: MonthSnapshot, codes: CodeLists, *, version: int, created_on: date
) -> ReportFile:
    """The month's records: the households with assistance for the month, and its closures."""
    households = []
    for household in sorted(snapshot.households, key=lambda h: h.case.case_number):
        persons = tuple(
            _person_record(a, codes) for a in sorted(household.adults, key=lambda a: a.co_applicant)
        )
        households.append(
            HouseholdRecord(
                case_number=household.case.case_number,
                paid=household.paid,
                household_type=household_type(
                    [p.sex for p in persons], len(household.children)
                ).value,
                persons=persons,
                children=tuple(sorted(household.children)),
            )
        )
    closures = tuple(
        ClosureRecord(
            case_number=c.case.case_number,
            closed_on=c.closed_on,
            reason=c.reason or "",
            reason_official=(
                codes.closure_reasons.codes[c.reason].official_code
                if c.reason is not None and c.reason in codes.closure_reasons
                else ""
            ),
        )
        for c in sorted(snapshot.closures, key=lambda c: (c.case.case_number, c.closed_on))
    )
    return ReportFile(
        municipality_code=snapshot.municipality_code,
        month=str(snapshot.month),
        version=version,
        created_on=created_on,
        households=tuple(households),
        closures=closures,
    )


@dataclass(frozen=True, slots=True)
class ReportDiff:
    """What a corrected version changes against the version sent before it, by case number."""

    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    closures_added: tuple[str, ...] = ()
    closures_removed: tuple[str, ...] = ()
    details: dict[str, list[str]] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        return not (
            self.added
            or self.removed
            or self.changed
            or self.closures_added
            or self.closures_removed
        )

    def as_json(self) -> dict[str, object]:
        return {
            "added": list(self.added),
            "removed": list(self.removed),
            "changed": list(self.changed),
            "closures_added": list(self.closures_added),
            "closures_removed": list(self.closures_removed),
            "details": self.details,
        }


def _what_changed(old: HouseholdRecord, new: HouseholdRecord) -> list[str]:
    what = []
    if old.paid != new.paid:
        what.append(f"paid {old.paid} -> {new.paid}")
    if old.household_type != new.household_type:
        what.append(f"household type {old.household_type} -> {new.household_type}")
    if old.children != new.children:
        what.append("children")
    old_persons = {p.identity_number: p for p in old.persons}
    new_persons = {p.identity_number: p for p in new.persons}
    if old_persons.keys() != new_persons.keys():
        what.append("adults")
    for key in sorted(old_persons.keys() & new_persons.keys()):
        before, after = old_persons[key], new_persons[key]
        if before.reason != after.reason:
            what.append(f"reason for need {before.reason or '-'} -> {after.reason or '-'}")
        if before.activities != after.activities:
            what.append("activities")
    return what


def report_diff(old: ReportFile, new: ReportFile) -> ReportDiff:
    before = {h.case_number: h for h in old.households}
    after = {h.case_number: h for h in new.households}
    changed = sorted(k for k in before.keys() & after.keys() if before[k] != after[k])
    old_closures = {(c.case_number, c.closed_on, c.reason) for c in old.closures}
    new_closures = {(c.case_number, c.closed_on, c.reason) for c in new.closures}
    return ReportDiff(
        added=tuple(sorted(after.keys() - before.keys())),
        removed=tuple(sorted(before.keys() - after.keys())),
        changed=tuple(changed),
        closures_added=tuple(sorted({c[0] for c in new_closures - old_closures})),
        closures_removed=tuple(sorted({c[0] for c in old_closures - new_closures})),
        details={k: _what_changed(before[k], after[k]) for k in changed},
    )


def changed_since_sent(
    sent: ReportFile, now: ReportFile, cases: dict[str, CaseRef]
) -> list[Problem]:
    """One warning per case whose records differ from the version already sent for that month."""
    diff = report_diff(sent, now)
    numbers = sorted(
        {*diff.added, *diff.removed, *diff.changed, *diff.closures_added, *diff.closures_removed}
    )
    return [
        Problem(
            Rule.CHANGED_SINCE_SENT,
            cases.get(number, CaseRef(household_id=0, case_number=number)),
            "; ".join(diff.details.get(number, [])) or number,
            sent.month,
        )
        for number in numbers
    ]
