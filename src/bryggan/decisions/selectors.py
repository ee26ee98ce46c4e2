"""Reads of saved calculations and what the calculation form starts from."""

from __future__ import annotations

from django.db.models import QuerySet

from bryggan.calculation.lines import Calculation, Line, LineKind
from bryggan.core.month import Month
from bryggan.decisions.models import SavedCalculation
from bryggan.people.models import Household, HouseholdMember


def calculations_for_household(household_id: int) -> QuerySet[SavedCalculation]:
    return SavedCalculation.objects.filter(household_id=household_id).select_related("created_by")


def current_members(household: Household) -> list[HouseholdMember]:
    return list(
        household.members.filter(valid_to__isnull=True)
        .select_related("person")
        .order_by("role", "person__birth_date")
    )


def months_applied_for(household: Household) -> set[str]:
    return set(household.applications.values_list("month", flat=True))


def saved_calculation_get(household: Household, calculation_id: int) -> SavedCalculation | None:
    return SavedCalculation.objects.filter(household=household, pk=calculation_id).first()


def calculation_from_saved(saved: SavedCalculation) -> Calculation:
    """The calculation exactly as it was saved: its totals are the sums of its stored lines."""
    result = saved.result
    lines = tuple(
        Line(
            kind=LineKind(line["kind"]),
            code=line["code"],
            members=tuple(line["members"]),
            amount=line["amount"],
            source=line["source"],
            note=line.get("note", ""),
        )
        for line in result["lines"]
    )
    return Calculation(
        month=Month.parse(result["month"]), norm_year=result["norm_year"], lines=lines
    )
