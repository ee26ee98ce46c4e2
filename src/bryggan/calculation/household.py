"""The household applying for one month: members, reasonable costs, incomes (input values).

Who counts as a child or school youth living at home (*hemmavarande barn och skolungdom*) follows
socialtjänstförordningen (2001:937) 2 kap. 1 § (age bands up to 19–20 years) and socialtjänstlagen
(2001:453) 4 kap. 1 a § (school youth under 21 in upper secondary school or equivalent). The
household's own consistency (unique members, incomes naming a member, two adults for sambor) is
checked when the value is built, and every refusal names the field as the contract's JSON would
(`members[2].birth_date`), with indices counted from 0.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from bryggan.core.errors import DomainError
from bryggan.core.money import Kronor
from bryggan.core.month import Month

ADULT_AGE = 18
SCHOOL_YOUTH_AGE_LIMIT = 21  # school youth count as such while under 21 (SoL 4 kap. 1 a §)
JOBBSTIMULANS_QUALIFYING_MONTHS = 6  # consecutive months with försörjningsstöd (SoL 4 kap. 1 b §)
JOBBSTIMULANS_PERIOD_MONTHS = 24  # the rule then applies for two years (SoL 4 kap. 1 b §)
COHABITING_ADULTS = 2
SMALLEST_SHARED_HOUSEHOLD = 2  # the applicant and at least one other person


class InputError(DomainError):
    """Invalid input for a calculation; `field` is the JSON path of the offending value."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message, field=field)

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class CostType(StrEnum):
    """Reasonable costs beyond the riksnorm (*skäliga kostnader*), in the order lines are shown."""

    HOUSING = "housing"
    HOUSEHOLD_ELECTRICITY = "household_electricity"
    HOME_INSURANCE = "home_insurance"
    WORK_TRAVEL = "work_travel"
    UNION_FEE = "union_fee"
    UNEMPLOYMENT_FUND_FEE = "unemployment_fund_fee"
    OTHER = "other"


class IncomeType(StrEnum):
    """Kinds of income; all count against the need except what the rules exempt."""

    EMPLOYMENT = "employment"
    SICKNESS_BENEFIT = "sickness_benefit"
    ACTIVITY_SUPPORT = "activity_support"
    UNEMPLOYMENT_BENEFIT = "unemployment_benefit"
    PARENTAL_BENEFIT = "parental_benefit"
    PENSION = "pension"
    STUDENT_AID = "student_aid"
    CHILD_ALLOWANCE = "child_allowance"
    HOUSING_ALLOWANCE = "housing_allowance"
    MAINTENANCE_SUPPORT = "maintenance_support"
    OTHER = "other"


def age_on(birth_date: date, day: date) -> int:
    """Age in completed years on `day`; 0 for a child born later than `day`."""
    before_birthday = (day.month, day.day) < (birth_date.month, birth_date.day)
    return max(0, day.year - birth_date.year - before_birthday)


def is_child_at_home_age(age: int, *, in_school: bool) -> bool:
    """Under 18, or 18–20 and in school (SoF 2 kap. 1 §; SoL 4 kap. 1 a §)."""
    return age < ADULT_AGE or (in_school and age < SCHOOL_YOUTH_AGE_LIMIT)


@dataclass(frozen=True, slots=True)
class Member:
    """A person in the household.

    `lunch_at_home` is false for a child who eats lunch at preschool or school five days a week;
    `in_school` marks an 18–20-year-old in upper secondary school. `work_income_disregarded_earlier`
    is the part of this member's work income already left uncounted earlier in the same calendar
    year under the children's rule (the yearly prisbasbelopp is shared by all months of the year);
    the command-line contract has no such field, so there it is 0.
    """

    id: str
    birth_date: date
    lunch_at_home: bool = True
    in_school: bool = False
    work_income_disregarded_earlier: Kronor = 0

    def age(self, month: Month) -> int:
        """Age in completed years on the first day of `month` (contracts/calculate.md)."""
        return age_on(self.birth_date, month.first_day)

    def is_child_at_home(self, month: Month) -> bool:
        """Child or school youth living at home: under 18, or 18–20 and in school.

        Source: SoF (2001:937) 2 kap. 1 § (bands up to 19–20 år); SoL (2001:453) 4 kap. 1 a §.
        """
        return is_child_at_home_age(self.age(month), in_school=self.in_school)


@dataclass(frozen=True, slots=True)
class Cost:
    """A reasonable cost for the month; `note` says what an `other` cost is for."""

    type: CostType
    amount: Kronor
    note: str = ""


@dataclass(frozen=True, slots=True)
class Income:
    """An income for the month; `member` names whose it is (needed for the work-income rules)."""

    type: IncomeType
    amount: Kronor
    member: str | None = None


@dataclass(frozen=True, slots=True)
class Reduction:
    """A reduction of the month's försörjningsstöd decided as a sanction for one adult member.

    `decision` is how the letter and the page name the decision (its number and date). The
    reduction never reaches beyond the member's own personal costs in the riksnorm (see
    `engine.reduction_lines`). Not part of the command-line contract: its input has no reductions.
    """

    member: str
    amount: Kronor
    decision: str


def _quoted(text: str) -> str:
    """A text as JSON shows it, as the contract's error messages quote values."""
    return json.dumps(text, ensure_ascii=False)


def _check_kronor(field: str, value: object) -> None:
    if not isinstance(value, int) or isinstance(value, bool):
        raise InputError(field, f"not whole kronor: {value!r}")
    if value < 0:
        raise InputError(field, f"must not be negative: {value}")


@dataclass(frozen=True, slots=True)
class Household:
    """One household's situation for one month, as the calculation needs it.

    `shared_household_size` is set for an adult applying alone who lives with others without being
    sambo (*hushållsgemenskap*): the number of persons in that household, the applicant included.
    `consecutive_months_on_assistance` and `jobbstimulans_months_used` decide jobbstimulans.
    """

    month: Month
    members: tuple[Member, ...]
    cohabiting: bool = False
    shared_household_size: int | None = None
    costs: tuple[Cost, ...] = ()
    incomes: tuple[Income, ...] = ()
    consecutive_months_on_assistance: int = 0
    jobbstimulans_months_used: int = 0
    reductions: tuple[Reduction, ...] = ()

    def __post_init__(self) -> None:
        self._check_members()
        for index, cost in enumerate(self.costs):
            _check_kronor(f"costs[{index}].amount", cost.amount)
        ids = {member.id for member in self.members}
        for index, income in enumerate(self.incomes):
            _check_kronor(f"incomes[{index}].amount", income.amount)
            if income.member is not None and income.member not in ids:
                raise InputError(
                    f"incomes[{index}].member", f"no member with id {_quoted(income.member)}"
                )
        for index, reduction in enumerate(self.reductions):
            _check_kronor(f"reductions[{index}].amount", reduction.amount)
            if reduction.member not in ids:
                raise InputError(
                    f"reductions[{index}].member", f"no member with id {_quoted(reduction.member)}"
                )
        self._check_counts()
        self._check_adults()

    def _check_members(self) -> None:
        if not self.members:
            raise InputError("members", "at least one member is needed")
        seen: set[str] = set()
        month = (self.month.year, self.month.month)
        for index, member in enumerate(self.members):
            if not member.id:
                raise InputError(f"members[{index}].id", "must not be empty")
            if member.id in seen:
                raise InputError(
                    f"members[{index}].id", f"duplicate member id {_quoted(member.id)}"
                )
            seen.add(member.id)
            if (member.birth_date.year, member.birth_date.month) > month:
                raise InputError(
                    f"members[{index}].birth_date",
                    f"after the month {self.month}: {member.birth_date.isoformat()}",
                )
            _check_kronor(
                f"members[{index}].work_income_disregarded_earlier",
                member.work_income_disregarded_earlier,
            )

    def _check_counts(self) -> None:
        for field in ("consecutive_months_on_assistance", "jobbstimulans_months_used"):
            value = getattr(self, field)
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise InputError(field, f"must be a whole number of months, 0 or more: {value!r}")
        if self.jobbstimulans_months_used > JOBBSTIMULANS_PERIOD_MONTHS:
            raise InputError(
                "jobbstimulans_months_used",
                f"at most {JOBBSTIMULANS_PERIOD_MONTHS} months: {self.jobbstimulans_months_used}",
            )

    def _check_adults(self) -> None:
        size = self.shared_household_size
        if not self.cohabiting and size is None:
            return
        adults = len(self.adults())
        if self.cohabiting and adults != COHABITING_ADULTS:
            raise InputError(
                "cohabiting", f"true needs exactly two adults in the household, found {adults}"
            )
        if size is None:
            return
        if not isinstance(size, int) or isinstance(size, bool) or size < SMALLEST_SHARED_HOUSEHOLD:
            raise InputError(
                "shared_household_size", f"must be a whole number of persons, 2 or more: {size!r}"
            )
        if self.cohabiting:
            raise InputError(
                "shared_household_size",
                "cannot be combined with cohabiting: true (hushållsgemenskap means not sambo)",
            )
        if len(self.members) != 1 or adults != 1:
            # The ordinance's rule is for one adult who is not sambo; a larger applying household
            # in a shared home is not settled by the sources (shared/domain/rules.md: do not guess).
            raise InputError(
                "shared_household_size",
                f"applies to one adult applying alone; the household has {len(self.members)} "
                f"member(s), {adults} adult(s)",
            )

    def adults(self) -> tuple[Member, ...]:
        """Members who are neither children nor school youth living at home."""
        return tuple(m for m in self.members if not m.is_child_at_home(self.month))

    @property
    def jobbstimulans_active(self) -> bool:
        """Whether 25 % of employment income is left uncounted this month.

        Source: SoL (2001:453) 4 kap. 1 b §; contracts/calculate.md: at least six consecutive months
        with försörjningsstöd before the month and fewer than 24 months of the period used.
        """
        return (
            self.consecutive_months_on_assistance >= JOBBSTIMULANS_QUALIFYING_MONTHS
            and self.jobbstimulans_months_used < JOBBSTIMULANS_PERIOD_MONTHS
        )
