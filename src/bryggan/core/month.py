"""The calendar month (`YYYY-MM`) as a value.

Applications, calculations and payments are per month.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")
MONTHS_PER_YEAR = 12


@dataclass(frozen=True, slots=True, order=True)
class Month:
    """A calendar month, ordered, with arithmetic in whole months."""

    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= MONTHS_PER_YEAR:
            raise ValueError(f"month out of range: {self.month}")
        if not 1 <= self.year <= 9999:  # noqa: PLR2004
            raise ValueError(f"year out of range: {self.year}")

    @classmethod
    def parse(cls, text: str) -> Month:
        """Parse `YYYY-MM`; raise ValueError on anything else."""
        match = _MONTH_RE.match(text) if isinstance(text, str) else None
        if match is None:
            raise ValueError(f"not a month (YYYY-MM): {text!r}")
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def of(cls, day: date) -> Month:
        return cls(day.year, day.month)

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last_day(self) -> date:
        return self.plus(1).first_day.fromordinal(self.plus(1).first_day.toordinal() - 1)

    @property
    def index(self) -> int:
        """Months since year 0, so that differences are plain subtraction."""
        return self.year * MONTHS_PER_YEAR + self.month - 1

    def plus(self, months: int) -> Month:
        index = self.index + months
        return Month(index // MONTHS_PER_YEAR, index % MONTHS_PER_YEAR + 1)

    def minus(self, other: Month) -> int:
        """Whole months from `other` to this month."""
        return self.index - other.index

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"
