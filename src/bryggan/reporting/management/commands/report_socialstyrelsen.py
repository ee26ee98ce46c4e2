"""`bryggan report-socialstyrelsen --month YYYY-MM [--out FILE]`: the file to Socialstyrelsen.

Builds the month's file (HSLF-FS 2015:30 3–4 §§; Bryggan's layout, docs/reporting-file.md), prints
the validation report on standard error (each problem with the case's address), and archives the
file as a new version of the month. While errors remain, or warnings are not accepted with
`--accept-warnings "comment"`, the file is refused: exit status 2 and nothing written. `--check`
only validates. Without `--out` the file goes to standard output.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from bryggan.accounts.models import User
from bryggan.core.month import Month
from bryggan.reporting.rules import Problem, Severity, due_date
from bryggan.reporting.services import (
    PROBLEM_MESSAGES,
    ReportRefused,
    month_report,
    report_submit,
)
from bryggan.reporting.views import problem_url

# In capitals, as a console line begins (the English output is the one tests and scripts read).
SEVERITY_LABELS = {
    Severity.ERROR: gettext_lazy("ERROR"),
    Severity.WARNING: gettext_lazy("WARNING"),
}


class Command(BaseCommand):
    help = "Build, validate and archive the month's statutory file to Socialstyrelsen."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--month", required=True, help="the month the assistance is for, YYYY-MM"
        )
        parser.add_argument("--out", help="write the file here (default: standard output)")
        parser.add_argument(
            "--accept-warnings", default="", help="a comment accepting the month's warnings"
        )
        parser.add_argument("--check", action="store_true", help="only validate; make no file")
        parser.add_argument("--by", default="", help="the user name recorded as making the file")
        parser.add_argument(
            "--base-url",
            default="",
            help="prefix for the case addresses, e.g. https://bryggan.example",
        )

    def _line(self, problem: Problem, base_url: str) -> str:
        where = f"{base_url}{problem_url(problem)}" if problem_url(problem) else ""
        detail = f" · {problem.detail}" if problem.detail else ""
        line = _("%(severity)s: %(message)s: %(month)s case %(case)s") % {
            "severity": SEVERITY_LABELS[problem.severity],
            "message": PROBLEM_MESSAGES[problem.rule],
            "month": problem.month,
            "case": problem.case.case_number,
        }
        return f"{line}{detail} {where}".rstrip()

    def _report(self, problems: list[Problem], base_url: str) -> None:
        for problem in sorted(problems, key=lambda p: (p.severity.value, p.case.case_number)):
            self.stderr.write(self._line(problem, base_url))

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            month = Month.parse(options["month"])
        except ValueError as error:
            raise CommandError(f"--month: {error}", returncode=2) from error
        by = None
        if options["by"]:
            by = User.objects.filter(username=options["by"]).first()
            if by is None:
                raise CommandError(f"--by: no such user: {options['by']!r}", returncode=2)
        base_url = options["base_url"].rstrip("/")
        today = timezone.localdate()
        if options["check"]:
            report = month_report(month, today=today)
            self._report(report.problems, base_url)
            self.stderr.write(
                _(
                    "%(month)s: %(households)d households, %(errors)d errors, "
                    "%(warnings)d warnings; due %(due)s."
                )
                % {
                    "month": month,
                    "households": len(report.file.households),
                    "errors": len(report.errors),
                    "warnings": len(report.warnings),
                    "due": due_date(month),
                }
            )
            if report.errors:
                raise CommandError(_("errors remain"), returncode=2)
            return
        try:
            submission = report_submit(
                month=month,
                by=by,
                accept_warnings=options["accept_warnings"],
                now=timezone.now(),
                today=today,
            )
        except ReportRefused as error:
            self._report(error.problems, base_url)
            raise CommandError(
                _("%(reason)s Nothing was written.") % {"reason": error.message}, returncode=2
            ) from error
        if submission.accepted_warnings:
            n = len(submission.accepted_warnings)
            self.stderr.write(
                ngettext("%(n)d warning accepted.", "%(n)d warnings accepted.", n) % {"n": n}
            )
        if options["out"]:
            Path(options["out"]).write_text(submission.content, encoding="utf-8")
        else:
            self.stdout.write(submission.content, ending="")
        self.stderr.write(
            _(
                "%(month)s version %(version)d: %(households)d households, sha256 %(sha)s; "
                "due %(due)s."
            )
            % {
                "month": month,
                "version": submission.version,
                "households": submission.household_count,
                "sha": submission.sha256,
                "due": due_date(month),
            }
        )
