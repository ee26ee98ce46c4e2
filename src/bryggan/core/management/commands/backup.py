"""`bryggan backup DIR`: the database and the uploaded documents, with a manifest of checksums.

See `bryggan.core.backup` for what a backup holds. Exits 2 with one line naming the problem on bad
input (a folder that is not empty, pg_dump missing or older than the server).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from bryggan.core.backup import BackupError, backup
from bryggan.core.progress import TerminalProgress


class Command(BaseCommand):
    help = "Back up the database and the uploaded documents into DIR (new or empty)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("dir", type=Path, help="the folder to write: new or empty")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            with TerminalProgress(self.stderr) as progress:
                summary = backup(options["dir"], now=timezone.now(), progress=progress.step)
        except BackupError as error:
            raise CommandError(str(error), returncode=2) from error
        self.stdout.write(
            f"backed up the {summary.vendor} database ({summary.database_bytes} bytes) and "
            f"{summary.documents} documents ({summary.documents_bytes} bytes) into {summary.path}"
        )
