"""Running and saving a case's calculation: the pure engine with the application's norms."""

from __future__ import annotations

from collections.abc import Mapping

from django.db import transaction

from bryggan.accounts.models import User
from bryggan.audit.services import change_record_write
from bryggan.calculation.engine import calculate
from bryggan.calculation.jsonio import calculation_to_json, household_from_json
from bryggan.calculation.lines import Calculation
from bryggan.decisions.models import SavedCalculation
from bryggan.norm_entry.selectors import application_norms
from bryggan.people.models import Household


def calculation_run(*, document: object) -> Calculation:
    """Calculate contract input with the shipped and entered norms; DomainError names the field."""
    return calculate(household_from_json(document), application_norms())


def _stored_result(calculation: Calculation) -> dict[str, object]:
    """The contract's output, with each line's explanatory note kept for later display."""
    result = calculation_to_json(calculation)
    for line_json, line in zip(result["lines"], calculation.lines, strict=True):  # type: ignore[call-overload]
        line_json["note"] = line.note
    return result


@transaction.atomic
def calculation_save(
    *, household: Household, document: Mapping[str, object], by: User
) -> SavedCalculation:
    """Calculate and keep input, norm year and result with the case, as computed now."""
    calculation = calculation_run(document=document)
    saved = SavedCalculation.objects.create(
        household=household,
        month=str(calculation.month),
        norm_year=calculation.norm_year,
        amount=calculation.amount,
        input=dict(document),
        result=_stored_result(calculation),
        created_by=by,
    )
    change_record_write(
        user=by,
        case_id=household.pk,
        object_type="calculation",
        object_id=saved.pk,
        action="saved",
        changes={"month": saved.month, "norm_year": saved.norm_year, "amount": saved.amount},
    )
    return saved
