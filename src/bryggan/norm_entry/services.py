"""Entering a year's riksnorm table: validated like a shipped file, one transaction, history."""

from __future__ import annotations

from collections.abc import Mapping

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from bryggan.accounts.models import User
from bryggan.audit.services import change_record_write
from bryggan.core.errors import DomainError
from bryggan.norm_entry.models import EnteredRiksnorm
from bryggan.norm_entry.selectors import application_norms, previous_table
from bryggan.norms.tables import Decrease, TableProblem, validate_riksnorm_table

YEAR_IS_SHIPPED = _("The riksnorm for {year} is shipped with Bryggan from its official source.")
YEAR_IS_ENTERED = _(
    "A table for {year} is already entered. Confirm to replace it; saved calculations keep theirs."
)


class TableInvalid(DomainError):
    def __init__(self, problems: tuple[TableProblem, ...]) -> None:
        super().__init__("; ".join(map(str, problems)))
        self.problems = problems


class DecreasesNeedConfirmation(DomainError):
    def __init__(self, decreases: tuple[Decrease, ...]) -> None:
        super().__init__(", ".join(f"{d.item}: {d.previous} → {d.new}" for d in decreases))
        self.decreases = decreases


@transaction.atomic
def riksnorm_enter(
    *,
    document: Mapping[str, object],
    confirm_decreases: bool,
    by: User,
    confirm_replace: bool = False,
) -> EnteredRiksnorm:
    """Store a year's table after the shipped files' checks; decreases need confirmation."""
    year = document.get("year")
    if isinstance(year, int) and year in application_norms().shipped_years():
        raise DomainError(YEAR_IS_SHIPPED.format(year=year), field="year")
    entered_before = EnteredRiksnorm.objects.filter(year=year).exists()
    if isinstance(year, int) and entered_before and not confirm_replace:
        raise DomainError(YEAR_IS_ENTERED.format(year=year), field="confirm_replace")
    previous = previous_table(year) if isinstance(year, int) else None
    validation = validate_riksnorm_table(document, previous=previous)
    if validation.table is None:
        raise TableInvalid(validation.problems)
    if validation.needs_confirmation and not confirm_decreases:
        raise DecreasesNeedConfirmation(validation.lower_than_previous)
    entered, created = EnteredRiksnorm.objects.update_or_create(
        year=validation.table.year,
        defaults={
            "document": dict(document),
            "decreases_confirmed": validation.needs_confirmation,
            "entered_by": by,
        },
    )
    change_record_write(
        user=by,
        case_id=None,
        object_type="riksnorm",
        object_id=entered.year,
        action="entered" if created else "replaced",
        changes=dict(document),
    )
    return entered
