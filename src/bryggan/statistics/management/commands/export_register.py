"""`bryggan export-register --from YYYY-MM --to YYYY-MM [--out FILE]`: the payment register."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from bryggan.core.month import Month
from bryggan.statistics.output import OutputFormat, table_write
from bryggan.statistics.register import register_rows
from bryggan.statistics.register_io import REGISTER_COLUMNS


class Command(BaseCommand):
    help = "Export the municipality's payments as the register `bryggan indicators` reads."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--from", dest="first", required=True, help="first month, YYYY-MM")
        parser.add_argument("--to", dest="last", required=True, help="last month, YYYY-MM")
        parser.add_argument("--out", type=Path, help="file to write (default: standard output)")
        parser.add_argument("--municipality", default=settings.BRYGGAN_MUNICIPALITY["code"])

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            first, last = Month.parse(options["first"]), Month.parse(options["last"])
        except ValueError as error:
            raise CommandError(str(error), returncode=2) from error
        if last < first:
            raise CommandError("--to lies before --from", returncode=2)
        code = options["municipality"]
        if not (len(code) == 4 and code.isdigit()):  # noqa: PLR2004
            raise CommandError(
                f"--municipality: not a four-digit kommunkod: {code!r}", returncode=2
            )
        out = options["out"]
        if out is not None and not out.parent.is_dir():
            raise CommandError(f"--out: no such folder: {out.parent}", returncode=2)
        rows = register_rows(municipality=code, first=first, last=last)
        table_write(rows, REGISTER_COLUMNS, OutputFormat.CSV, out, stdout=self.stdout)
