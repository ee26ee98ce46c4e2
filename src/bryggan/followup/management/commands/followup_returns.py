"""`bryggan followup-returns [--today YYYY-MM-DD]`: the 12-month return check (Trelleborg).

For every closure to work or studies at least twelve months old without an outcome, record whether
the household applied again within the twelve months. Safe to run every night: idempotent.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from bryggan.followup.rules import ReturnOutcome
from bryggan.followup.services import return_follow_ups_record


class Command(BaseCommand):
    help = "Record 'returned' or 'stayed self-sufficient' twelve months after closures to work."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", help="the day of the check, YYYY-MM-DD (default: today)")

    def handle(self, *args: Any, **options: Any) -> None:
        text = options["today"]
        try:
            today = date.fromisoformat(text) if text else timezone.localdate()
        except ValueError as error:
            raise CommandError(
                f"--today: not a date (YYYY-MM-DD): {text!r}", returncode=2
            ) from error
        made = return_follow_ups_record(today=today)
        returned = sum(1 for f in made if f.outcome == ReturnOutcome.RETURNED)
        self.stdout.write(
            f"{len(made)} closures followed up: {returned} returned, "
            f"{len(made) - returned} stayed self-sufficient."
        )
