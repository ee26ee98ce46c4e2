"""`bryggan restore DIR`: a backup made by `bryggan backup` into a new, empty installation.

Refuses, with exit status 2 and one line naming the problem, a backup whose manifest does not match
its files, a backup of another database vendor, a database that is not empty and a documents folder
that is not empty. Progress (rich) goes to a terminal only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from bryggan.core.backup import BackupError, restore
from bryggan.core.progress import TerminalProgress


class Command(BaseCommand):
    help = "Restore a backup made by `bryggan backup` into an empty database and documents folder."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("dir", type=Path, help="the backup's folder")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            with TerminalProgress(self.stderr) as progress:
                summary = restore(options["dir"], progress=progress.step)
        except BackupError as error:
            raise CommandError(str(error), returncode=2) from error
        self.stdout.write(
            f"restored the {summary.vendor} database ({summary.tables} tables, {summary.rows} "
            f"rows) and {summary.documents} documents ({summary.documents_bytes} bytes) "
            f"from {summary.path}"
        )
