"""Long commands show progress on a terminal (rich) and stay quiet when their output is not one."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command

from bryggan import cli
from bryggan.core.progress import TerminalProgress
from tests.statistics.test_cli_indicators import files  # noqa: F401 - the fixture


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_nothing_is_written_when_the_stream_is_not_a_terminal() -> None:
    stream = io.StringIO()
    with TerminalProgress(stream) as progress:
        progress.note("reading the register")
        progress.step("documents", 3, 10)
    assert stream.getvalue() == ""
    assert not progress.active


def test_a_terminal_sees_what_is_done_how_far_and_the_time() -> None:
    stream = _Terminal()
    with TerminalProgress(stream) as progress:
        progress.note("reading the register")
        progress.step("documents", 3, 10)
    shown = stream.getvalue()
    assert "reading the register" in shown
    assert "documents" in shown
    assert "3/10" in shown


@pytest.mark.django_db
def test_the_demo_command_writes_no_progress_into_a_pipe() -> None:
    out, err = io.StringIO(), io.StringIO()
    call_command("demo", households=3, seed=1, stdout=out, stderr=err)
    assert err.getvalue() == ""
    assert out.getvalue().startswith("Demo loaded:")


@pytest.mark.django_db
def test_backup_writes_no_progress_into_a_pipe(tmp_path: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    call_command("backup", str(tmp_path / "backup"), stdout=out, stderr=err)
    assert err.getvalue() == ""
    assert out.getvalue().startswith("backed up")


def test_indicators_write_only_the_table_when_not_on_a_terminal(
    files: dict[str, Path],  # noqa: F811 - the fixture
    capsys: pytest.CaptureFixture[str],
) -> None:
    status = cli.main(
        [
            *("indicators", "--register", str(files["register"])),
            *("--population", str(files["population"]), "--year", "2025"),
        ]
    )
    captured = capsys.readouterr()
    assert (status, captured.err) == (0, "")
    assert captured.out.startswith("municipality,year")
