"""The demo's reasons for need: one per adult and month, consistent with the month's incomes.

Called once at the end of `demo.generator.generate` (after the decisions, payments and activities):
for every month with assistance it records each adult's reason for need through the service, then
requires reasons before signing from the demo's first month on, so that a new decision in the demo
shows the check. The choice is deterministic: a reason the recorded incomes imply, else one of the
common reasons by the person's number. Demo data, not statistics.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from bryggan.accounts.models import Unit, User
from bryggan.core.month import Month
from bryggan.people.models import Household, Person
from bryggan.reporting.models import ReasonForNeed, ReportingSettings
from bryggan.reporting.rules import AdultSnapshot
from bryggan.reporting.selectors import month_snapshot
from bryggan.reporting.services import reason_for_need_record

# A reason each recorded income type implies (the code list's `requires_income`).
BY_INCOME = (
    ("employment", "part_time_insufficient_income"),
    ("unemployment_benefit", "unemployed_insufficient_benefit"),
    ("sickness_benefit", "sick_note_insufficient_sickness_benefit"),
    ("parental_benefit", "parental_benefit_insufficient"),
    ("pension", "pension_insufficient"),
)
# Without such an income: the commonest reasons, roughly in the national order (Socialstyrelsen:
# arbetslöshet first, sociala skäl second, sjukskrivning third); the shares are made up.
COMMON = (
    "unemployed_no_benefit",
    "unemployed_no_benefit",
    "unemployed_no_benefit",
    "unemployed_awaiting_benefit",
    "social_reasons",
    "social_reasons",
    "sick_note_no_sickness_benefit",
    "establishment_allowance_awaiting",
)


def demo_reason_code(person_id: int, incomes: Collection[str]) -> str:
    """A reason the person's incomes imply, else one of the common reasons by the person's id."""
    for income, code in BY_INCOME:
        if income in incomes:
            return code
    return COMMON[person_id % len(COMMON)]


def demo_reason(adult: AdultSnapshot) -> str:
    return demo_reason_code(adult.person_id, adult.incomes)


def record_reasons_for_need(*, first: Month, last: Month, by: User, now: datetime) -> int:
    """Record every adult's reason for need for the months `first`..`last`; returns how many."""
    made = 0
    month = first
    while month <= last:
        snapshot = month_snapshot(month)
        recorded = set(
            ReasonForNeed.objects.filter(month=str(month)).values_list("household_id", "person_id")
        )
        households = Household.objects.in_bulk([h.case.household_id for h in snapshot.households])
        persons = Person.objects.in_bulk(
            [a.person_id for h in snapshot.households for a in h.adults]
        )
        for household in snapshot.households:
            for adult in household.adults:
                if (household.case.household_id, adult.person_id) in recorded:
                    continue
                reason_for_need_record(
                    household=households[household.case.household_id],
                    month=month,
                    person=persons[adult.person_id],
                    code=demo_reason(adult),
                    by=by,
                    now=now,
                )
                made += 1
        month = month.plus(1)
    for unit in Unit.objects.all():
        ReportingSettings.objects.get_or_create(
            unit=unit, defaults={"reasons_required_from": str(first)}
        )
    return made
