"""Progress of a long command on a terminal, through rich; nothing at all when no one is watching.

    with TerminalProgress(sys.stderr) as progress:
        progress.step("documents", done, total)   # a bar: how far, elapsed, time left
        progress.note("reading the register")    # one line of what it is doing now

When `stream` is not a terminal (cron, a systemd timer, a pipe, a log file) both calls do
nothing, so a command's output there is only its result.
"""

from __future__ import annotations

from types import TracebackType
from typing import Any, Protocol, TextIO


class _Stream(Protocol):
    def isatty(self) -> bool: ...


class TerminalProgress:
    """Bars and notes on `stream` while it is a terminal."""

    def __init__(self, stream: _Stream | TextIO | Any, *, transient: bool = False) -> None:
        self.active = bool(getattr(stream, "isatty", lambda: False)())
        self._tasks: dict[str, Any] = {}
        self._progress: Any = None
        if self.active:
            from rich.console import Console  # noqa: PLC0415 - only on a terminal
            from rich.progress import (  # noqa: PLC0415
                BarColumn,
                MofNCompleteColumn,
                Progress,
                SpinnerColumn,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            # A Django OutputWrapper wraps the real stream: rich writes to that.
            target = getattr(stream, "_out", stream)
            self._progress = Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                TextColumn("left"),
                TimeRemainingColumn(),
                console=Console(file=target),
                transient=transient,
                redirect_stdout=False,  # a command's result stays on standard output
            )

    def __enter__(self) -> TerminalProgress:
        if self._progress is not None:
            self._progress.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._progress is not None:
            self._progress.stop()

    def step(self, what: str, done: int, total: int) -> None:
        """`done` of `total` of `what` are done."""
        if self._progress is None:
            return
        if what not in self._tasks:
            self._tasks[what] = self._progress.add_task(what, total=total)
        self._progress.update(self._tasks[what], completed=done, total=total)

    def note(self, message: str) -> None:
        """What the command is doing now, as a line above the bars."""
        if self._progress is not None:
            self._progress.console.log(message)
