"""`bryggan report-socialstyrelsen`: refused with exit 2 and nothing written, or archived."""

from __future__ import annotations

from collections.abc import Callable
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from bryggan.accounts.models import Unit, User
from bryggan.cli import DJANGO_ALIASES
from bryggan.reporting import fileformat
from bryggan.reporting.codes import code_lists
from bryggan.reporting.models import ReportSubmission
from tests.reporting.factories import give_reasons, grant, new_case

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_the_command_has_its_documented_name() -> None:
    assert DJANGO_ALIASES["report-socialstyrelsen"] == "report_socialstyrelsen"


def test_errors_refuse_the_file_with_exit_2_and_list_each_case_with_its_address(
    unit: Unit, persona: Callable[..., User], tmp_path: Path
) -> None:
    worker = persona("caseworker")
    case = new_case(unit, by=worker, caseworker=worker)
    grant(case, "2026-10", by=worker)
    out, err = tmp_path / "oktober.txt", StringIO()
    with pytest.raises(CommandError) as refused:
        call_command(
            "report_socialstyrelsen", "--month", "2026-10", "--out", str(out),
            "--base-url", "https://bryggan.example/", stderr=err,
        )  # fmt: skip
    assert refused.value.returncode == 2
    assert not out.exists()
    assert not ReportSubmission.objects.exists()
    assert (
        f"ERROR: An adult has no reason for need for the month: 2026-10 case {case.case_number}"
        in err.getvalue()
    )
    assert f"https://bryggan.example/arenden/{case.pk}/forsorjningshinder/?month=2026-10" in (
        err.getvalue()
    )


def test_in_swedish_every_line_is_swedish(unit: Unit, persona: Callable[..., User]) -> None:
    worker = persona("caseworker")
    case = new_case(unit, by=worker, caseworker=worker)
    grant(case, "2026-10", by=worker)
    err = StringIO()
    with translation.override("sv"), pytest.raises(CommandError) as refused:
        call_command("report_socialstyrelsen", "--month", "2026-10", "--check", stderr=err)
    lines = err.getvalue().splitlines()
    assert lines[0].startswith("FEL: ")
    assert f": 2026-10 ärende {case.case_number}" in lines[0]
    assert lines[-1].startswith("2026-10: 1 hushåll, 1 fel, 0 varningar; ska lämnas senast ")
    assert str(refused.value) == "fel återstår"


def test_a_clean_month_is_written_archived_and_reads_back(
    unit: Unit, persona: Callable[..., User], tmp_path: Path
) -> None:
    worker = persona("unit_manager")
    case = new_case(unit, by=worker, co_applicant=True)
    grant(case, "2026-10", by=worker, amount=7000)
    give_reasons(case, "2026-10", "social_reasons", by=worker)
    out = tmp_path / "oktober.txt"
    call_command(
        "report_socialstyrelsen", "--month", "2026-10", "--out", str(out), "--by", worker.username,
        stderr=StringIO(),
    )  # fmt: skip
    sent = ReportSubmission.objects.get()
    assert out.read_text(encoding="utf-8") == sent.content
    report = fileformat.read(sent.content, code_lists())
    assert (report.month, report.total_paid, len(report.households)) == ("2026-10", 7000, 1)
    assert sent.created_by == worker


def test_check_only_validates(unit: Unit, persona: Callable[..., User]) -> None:
    err = StringIO()
    call_command("report_socialstyrelsen", "--month", "2026-10", "--check", stderr=err)
    assert "0 households, 0 errors, 0 warnings; due 2026-11-15" in err.getvalue()
    assert not ReportSubmission.objects.exists()


def test_a_bad_month_exits_2() -> None:
    with pytest.raises(CommandError) as bad:
        call_command("report_socialstyrelsen", "--month", "2026-13")
    assert bad.value.returncode == 2
