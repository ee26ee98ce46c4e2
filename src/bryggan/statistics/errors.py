"""Invalid input to the statistics commands: one error that names the file, the row and the column.

The commands turn it into exit status 2 and one line on standard error (contracts/indicators.md,
contracts/benchmark.md). Rows are numbered from 1 at the first data row, which is the line after a
CSV file's header.
"""

from __future__ import annotations

from pathlib import Path

from bryggan.core.errors import DomainError


class InvalidInputError(DomainError):
    """An input file breaks its contract; `str()` is the one line the user sees."""

    def __init__(
        self, file: str | Path, message: str, *, row: int | None = None, column: str | None = None
    ) -> None:
        self.file = str(file)
        self.row = row
        self.column = column
        place = []
        if row is not None:
            place.append(f"row {row}")
        if column is not None:
            place.append(f"column {column}")
        where = f"{self.file}: {', '.join(place)}" if place else self.file
        super().__init__(f"{where}: {message}", field=column)

    def __str__(self) -> str:
        return self.message
