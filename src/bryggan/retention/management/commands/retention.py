"""`bryggan retention --dry-run | --execute [--today YYYY-MM-DD] [--csv FILE]`: thin case files.

SoL (2025:400) 16 kap.: a case file is thinned five years after its last entry, at the latest by
the end of the following calendar year; files in the research sample (16 kap. 4 §, set in the
admin) are kept. `--dry-run` lists the files that must go, one line each (case, rule, last entry,
duty arose, deadline), and changes nothing; `--execute` thins them, one transaction per file, and
writes the protocol (stored, printed, and as CSV with `--csv`). Run it at least once a year
(docs/operations.md). Progress is shown on a terminal, and nothing but the lines when piped.
Exit 2 on bad input.
"""

from __future__ import annotations

import csv
import sys
from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from rich.progress import Progress

from bryggan.casefile.rules_retention import is_overdue
from bryggan.retention.selectors import FileVerdict, protocol_rows, retention_due
from bryggan.retention.services import retention_execute, rule_citation

CSV_COLUMNS = (
    "case_number",
    "case_id",
    "unit",
    "rule",
    "last_entry",
    "duty_from",
    "deadline",
    "records_removed",
    "documents_removed",
    "statistics_rows_kept",
)


class Command(BaseCommand):
    help = "List (--dry-run) or thin (--execute) the case files past their retention time."

    def add_arguments(self, parser: CommandParser) -> None:
        mode = parser.add_mutually_exclusive_group(required=True)
        mode.add_argument(
            "--dry-run", action="store_true", help="list what must go; change nothing"
        )
        mode.add_argument(
            "--execute", action="store_true", help="thin the files and write a protocol"
        )
        parser.add_argument("--today", help="the day of the run, YYYY-MM-DD (default: today)")
        parser.add_argument("--csv", metavar="FILE", help="also write the list or protocol as CSV")
        parser.add_argument("--run-by", default="", help="who runs it, for the protocol")

    def handle(self, *args: Any, **options: Any) -> None:
        text = options["today"]
        try:
            today = date.fromisoformat(text) if text else timezone.localdate()
        except ValueError as error:
            raise CommandError(
                f"--today: not a date (YYYY-MM-DD): {text!r}", returncode=2
            ) from error
        if options["dry_run"]:
            self._dry_run(today, options["csv"])
        else:
            self._execute(today, options["csv"], options["run_by"] or "bryggan retention")

    def _line(self, verdict: FileVerdict, today: date) -> str:
        v = verdict.verdict
        late = " LATE" if is_overdue(v, today=today) else ""
        return (
            f"{verdict.case_number}\tcase {v.case_id}\t{rule_citation(verdict)}\t"
            f"last entry {v.last_entry}\tdue {v.duty_from}\tby {v.deadline}{late}"
        )

    def _dry_run(self, today: date, csv_path: str | None) -> None:
        due = retention_due(today=today)
        for verdict in due:
            self.stdout.write(self._line(verdict, today))
        self.stdout.write(
            f"{len(due)} case files to thin as of {today} (dry run: nothing changed)."
        )
        if csv_path:
            _write_csv(
                Path(csv_path),
                [
                    {
                        "case_number": v.case_number,
                        "case_id": v.verdict.case_id,
                        "unit": v.unit_name,
                        "rule": rule_citation(v),
                        "last_entry": v.verdict.last_entry,
                        "duty_from": v.verdict.duty_from,
                        "deadline": v.verdict.deadline,
                    }
                    for v in due
                ],
            )

    def _execute(self, today: date, csv_path: str | None, run_by: str) -> None:
        total = len(retention_due(today=today))
        interactive = sys.stdout.isatty() and self.stdout._out is sys.stdout  # type: ignore[attr-defined]
        with Progress(disable=not interactive, transient=True) as progress:
            task = progress.add_task("Gallrar", total=total)
            protocol, _thinned = retention_execute(
                today=today,
                by=None,
                run_by=run_by,
                progress=lambda _verdict: progress.advance(task),
            )
        rows = protocol_rows(protocol)
        for row in rows:
            self.stdout.write(
                f"{row.case_number}\tcase {row.case_id}\t{row.rule}\tlast entry {row.last_entry}\t"
                f"{row.records_removed} records, {row.documents_removed} files removed, "
                f"{row.statistics_rows_kept} statistics rows kept"
            )
        self.stdout.write(
            f"Protocol {protocol.pk}: {protocol.files_thinned} case files thinned as of {today}, "
            f"{protocol.documents_removed} stored files removed."
        )
        if csv_path:
            _write_csv(
                Path(csv_path),
                [
                    {
                        "case_number": r.case_number,
                        "case_id": r.case_id,
                        "unit": r.unit_name,
                        "rule": r.rule,
                        "last_entry": r.last_entry,
                        "duty_from": r.duty_from,
                        "deadline": r.deadline,
                        "records_removed": r.records_removed,
                        "documents_removed": r.documents_removed,
                        "statistics_rows_kept": r.statistics_rows_kept,
                    }
                    for r in rows
                ],
            )


def _write_csv(path: Path, rows: list[dict[str, object]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=CSV_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
