"""`bryggan demo --households N --seed S`: load the demo municipality into an empty database."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.utils import timezone

from bryggan.accounts.models import Unit
from bryggan.core.progress import TerminalProgress
from bryggan.demo.generator import DEMO_PASSWORD, generate


class Command(BaseCommand):
    help = (
        "Load a deterministic demo municipality (units, staff, households, 24 months of history)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--households", type=int, default=1000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--if-empty", action="store_true", help="do nothing when the database already has data"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["households"] < 1:
            raise CommandError("--households must be at least 1")
        if Unit.objects.exists():
            if options["if_empty"]:
                self.stdout.write("The database already holds data; the demo was not loaded again.")
                self._print_logins()
                return
            raise CommandError("The database already holds data: the demo loads into an empty one.")
        with TerminalProgress(self.stderr) as progress, _bulk_load():
            summary = generate(
                households=options["households"],
                seed=options["seed"],
                now=timezone.now(),
                progress=progress.step,
            )
        self.stdout.write(
            f"Demo loaded: {summary.units} units, {summary.staff} staff, "
            f"{summary.households} households, {summary.applications} applications."
        )
        self._print_logins()

    def _print_logins(self) -> None:
        self.stdout.write(f"Demo logins (password '{DEMO_PASSWORD}'):")
        for username, role in (
            ("handlaggare", "caseworker"),
            ("coach", "work coach"),
            ("chef", "unit manager"),
            ("analytiker", "analyst"),
            ("admin", "administrator"),
            ("partner", "partner user (Arbetsförmedlingen)"),
        ):
            self.stdout.write(f"  {username:<12} {role}")


@contextmanager
def _bulk_load() -> Iterator[None]:
    """Write the demo as a bulk load into a new database: no query log, and on SQLite no flush
    to disk at each commit (the file is the demo's own: if the machine fails during the load,
    the database is thrown away and loaded again). Nothing here changes what is written.
    The demo's applicants are made up, so the e-mail notices of their news go nowhere (with debug
    on, the console backend would print each one among the command's output)."""
    debug, email_backend = settings.DEBUG, settings.EMAIL_BACKEND
    settings.DEBUG = False  # Django keeps every query in memory with debug on
    settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
    synchronous = None
    # SQLite changes the safety level only outside a transaction (not under a test's, say).
    if connection.vendor == "sqlite" and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            synchronous = cursor.execute("PRAGMA synchronous").fetchone()[0]
            cursor.execute("PRAGMA synchronous = OFF")
            cursor.execute("PRAGMA cache_size = -65536")  # 64 MiB, for this connection only
    try:
        yield
    finally:
        settings.DEBUG, settings.EMAIL_BACKEND = debug, email_backend
        if synchronous is not None:
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA synchronous = {int(synchronous)}")
