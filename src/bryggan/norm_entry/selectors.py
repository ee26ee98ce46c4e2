"""The norms the application calculates with: shipped files first, then entered tables."""

from __future__ import annotations

from bryggan.core.errors import DomainError
from bryggan.core.steady import steady
from bryggan.norm_entry.models import EnteredRiksnorm
from bryggan.norms.tables import (
    LegalReferences,
    NormDataError,
    Norms,
    PriceBaseAmount,
    RiksnormTable,
    default_norms,
    validate_riksnorm_table,
)


class ApplicationNorms(Norms):
    """The shipped tables, and for a year with no shipped file the administrator's entered one.

    The shipped files are read once per process (`default_norms()`), as they do not change while
    Bryggan runs; the entered tables are read from the database by each new view."""

    def norm_years(self) -> tuple[int, ...]:
        entered = EnteredRiksnorm.objects.values_list("year", flat=True)
        return tuple(sorted(set(super().norm_years()) | set(entered)))

    def riksnorm(self, year: int) -> RiksnormTable:
        table = self._riksnorm.get(year)
        if table is not None:
            return table
        if year in default_norms().norm_years():
            return default_norms().riksnorm(year)
        # A year with no shipped file: the entered table, read alone (the list of years is read
        # only for the message when there is none either).
        document = (
            EnteredRiksnorm.objects.filter(year=year).values_list("document", flat=True).first()
        )
        if document is None:
            return super().riksnorm(year)  # a file shipped meanwhile, or NormMissingError
        validation = validate_riksnorm_table(document, expected_year=year)
        if validation.table is None:
            raise NormDataError(
                f"entered riksnorm {year}: " + "; ".join(map(str, validation.problems))
            )
        self._riksnorm[year] = validation.table
        return validation.table

    def shipped_years(self) -> tuple[int, ...]:
        return super().norm_years()

    def price_base_amount(self, year: int) -> PriceBaseAmount:
        return default_norms().price_base_amount(year)

    def legal_references(self) -> LegalReferences:
        return default_norms().legal_references()


def application_norms() -> ApplicationNorms:
    """A fresh view of the norms (entered tables can change between requests); one view for
    the whole of a `steady_lookups()` block."""
    return steady("application_norms", ApplicationNorms)


def entered_tables() -> list[EnteredRiksnorm]:
    return list(EnteredRiksnorm.objects.select_related("entered_by"))


def previous_table(year: int) -> RiksnormTable | None:
    """Last year's table (shipped or entered), against which decreases are flagged."""
    try:
        return application_norms().riksnorm(year - 1)
    except DomainError:
        return None
