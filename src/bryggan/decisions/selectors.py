"""Reads of saved calculations and what the calculation form starts from."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Max, Q, QuerySet

from bryggan.calculation.lines import Calculation, Line, LineKind
from bryggan.casefile.selectors_documents import kinds_on_file
from bryggan.core.month import Month
from bryggan.core.parsing import parse_id
from bryggan.decisions.models import Decision, SavedCalculation
from bryggan.decisions.rules import checklist_from_documents
from bryggan.payments.models import Payment
from bryggan.people.models import Household, HouseholdMember


def calculations_for_household(household_id: int) -> QuerySet[SavedCalculation]:
    return SavedCalculation.objects.filter(household_id=household_id).select_related("created_by")


def calculations_on_case_page(household_id: int) -> QuerySet[SavedCalculation]:
    """The case's saved calculations as the case page lists them (month, amount, norm year): no
    input and result (JSON decoded for every row otherwise) and no saver read with them."""
    return SavedCalculation.objects.filter(household_id=household_id).defer("input", "result")


def calculation_list_for_page(household_id: int) -> QuerySet[SavedCalculation]:
    """The case's saved calculations as the calculation page lists them: the case page's list
    with who saved each."""
    return calculations_on_case_page(household_id).select_related("created_by")


def decisions_on_case_page(household_id: int) -> QuerySet[Decision]:
    """The case's decisions as the case page lists them: the decision rows alone (the list shows
    no signer)."""
    return Decision.objects.filter(household_id=household_id)


def current_members(household: Household) -> list[HouseholdMember]:
    return current_members_of([household.pk]).get(household.pk, [])


def current_members_of(household_ids: Iterable[int]) -> dict[int, list[HouseholdMember]]:
    """`current_members` of several households, by household id: one read for all."""
    found: dict[int, list[HouseholdMember]] = {}
    for member in (
        HouseholdMember.objects.filter(household_id__in=list(household_ids), valid_to__isnull=True)
        .select_related("person")
        .order_by("household_id", "role", "person__birth_date")
    ):
        found.setdefault(member.household_id, []).append(member)
    return found


def all_members(household: Household) -> list[HouseholdMember]:
    """Every member the household has had (a saved calculation may name a member since gone)."""
    return all_members_of([household.pk]).get(household.pk, [])


def all_members_of(household_ids: Iterable[int]) -> dict[int, list[HouseholdMember]]:
    """`all_members` of several households, by household id: one read for all."""
    found: dict[int, list[HouseholdMember]] = {}
    # The model's order (household, role, birth date), as `household.members` gives it.
    for member in HouseholdMember.objects.filter(
        household_id__in=list(household_ids)
    ).select_related("person"):
        found.setdefault(member.household_id, []).append(member)
    return found


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


def decision_get(household: Household, decision_id: int) -> Decision | None:
    return (
        Decision.objects.filter(household=household, pk=decision_id)
        .select_related("calculation", "signed_by", "created_by", "corrects")
        .first()
    )


def decisions_for_household(household_id: int) -> QuerySet[Decision]:
    return Decision.objects.filter(household_id=household_id).select_related("signed_by")


def decision_initial(
    household: Household, *, corrects: Decision | None, calculation_id: str | None
) -> dict[str, object]:
    """What a new decision's form starts from: the corrected decision, or the latest calculation.

    A correction takes an explicitly chosen calculation of the same month (`?berakning`, e.g. the
    month calculated again after a reduction was reconsidered), with its amount when the corrected
    decision granted the calculated amount; otherwise the corrected decision's own calculation
    and amount.
    """
    calculations = SavedCalculation.objects.filter(household=household)
    chosen_id = parse_id(calculation_id)
    chosen = calculations.filter(pk=chosen_id).first() if chosen_id else None
    if corrects is not None:
        if chosen is not None and chosen.month != corrects.month:
            chosen = None
        return {
            "calculation": chosen.pk if chosen else corrects.calculation_id,
            "kind": corrects.kind,
            "outcome": corrects.outcome,
            # Granted pays the calculated amount; partly granted and refused keep theirs to edit.
            "amount": chosen.amount
            if chosen and corrects.outcome == "granted"
            else corrects.amount,
            "reasons": corrects.reasons,
            "documents_checked": corrects.documents_checked,
            "personal_visit_held": corrects.personal_visit_held,
            "registered_at_af": corrects.registered_at_af,
            "clearing": corrects.payee_clearing,
            "account": corrects.payee_account,
        }
    calculation = chosen or calculations.first()
    if calculation is None:
        return {"kind": "livelihood_support", "outcome": "granted"}
    return {
        "calculation": calculation.pk,
        "kind": "livelihood_support",
        "outcome": "granted",
        "amount": calculation.amount,
        # The checklist starts from the documents on file for the month (casefile).
        "documents_checked": checklist_from_documents(
            kinds_on_file(household.pk, Month.parse(calculation.month))
        ),
    }


def payments_of_decision(decision: Decision) -> QuerySet[Payment]:
    return Payment.objects.filter(decision=decision).select_related("run")


def calculation_timeline_rows(household_id: int) -> QuerySet[SavedCalculation, dict[str, Any]]:
    """The case's saved calculations for its timeline (not their JSON), in one query."""
    return SavedCalculation.objects.filter(household_id=household_id).values(
        "id",
        "month",
        "amount",
        "norm_year",
        "created_at",
        "created_by__first_name",
        "created_by__last_name",
    )


def decision_timeline_rows(household_id: int) -> QuerySet[Decision, dict[str, Any]]:
    """The case's decisions for their timeline: drafted, signed, received; in one query."""
    return Decision.objects.filter(household_id=household_id).values(
        "id",
        "month",
        "kind",
        "outcome",
        "amount",
        "corrects_id",
        "created_at",
        "signed_at",
        "notified_on",
        "created_by__first_name",
        "created_by__last_name",
        "signed_by__first_name",
        "signed_by__last_name",
    )


def calculation_version(household_id: int) -> int:
    """The number of the case's latest saved calculation (0 before the first)."""
    latest = (
        SavedCalculation.objects.filter(household_id=household_id)
        .order_by("-version")
        .values_list("version", flat=True)
        .first()
    )
    return latest or 0


def calculation_versions(household_id: int, month: str) -> tuple[int, int]:
    """The numbers of the case's latest saved calculation and of the month's (0 before the
    first), in one query."""
    found = SavedCalculation.objects.filter(household_id=household_id).aggregate(
        case=Max("version"), month=Max("version", filter=Q(month=month))
    )
    return found["case"] or 0, found["month"] or 0


def calculation_latest_for_month(household_id: int, month: str) -> SavedCalculation | None:
    return (
        SavedCalculation.objects.filter(household_id=household_id, month=month)
        .select_related("created_by")
        .order_by("-version")
        .first()
    )
