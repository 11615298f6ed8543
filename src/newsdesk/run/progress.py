"""Progress of a long ingest on stderr: rate, counts by status, and time left when it is known.

On a terminal it is a live bar; with ``--progress`` on a pipe or a log file it is one plain line
every few seconds, because cursor movements make a log unreadable. By default it shows only on a
terminal and never under CI, so scripts and pipes stay quiet.
"""

from __future__ import annotations

import os
import sys
import time
from collections import Counter
from collections.abc import Mapping
from types import TracebackType
from typing import Self, TextIO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

STATUSES = ("stored", "present", "skipped", "failed")
# Seconds between two plain lines when stderr is not a terminal.
LINE_EVERY = 2.0


def show_progress(
    wanted: bool | None, stream: TextIO | None = None, environ: Mapping[str, str] | None = None
) -> bool:
    """Whether to show progress: as asked, else only on a terminal outside CI.

    >>> show_progress(True), show_progress(False)
    (True, False)
    """
    if wanted is not None:
        return wanted
    env = os.environ if environ is None else environ
    stream = sys.stderr if stream is None else stream
    return stream.isatty() and not env.get("CI")


def _duration(seconds: float) -> str:
    """``h:mm:ss``.

    >>> _duration(3725.4)
    '1:02:05'
    """
    whole = round(seconds)
    return f"{whole // 3600}:{whole % 3600 // 60:02d}:{whole % 60:02d}"


class IngestProgress:
    """Counts outcomes and shows where a run stands.

    ``total`` is the number of inputs when known (files counted up front); streamed sources
    leave it None and get no time estimate.

    >>> with IngestProgress(2, show=False) as progress:
    ...     progress.advance("stored"); progress.advance("failed")
    >>> progress.line().split(" · ")[0], progress.line().split(" · ")[2:6]
    ('ingest 2/2', ['stored 1', 'present 0', 'skipped 0', 'failed 1'])
    """

    def __init__(self, total: int | None, *, show: bool, console: Console | None = None) -> None:
        self.total = total
        self.show = show
        self.counts: Counter[str] = Counter()
        self.console = console or Console(stderr=True, highlight=False, soft_wrap=True)
        self._started = time.monotonic()
        self._last_line = self._started
        self._live = show and self.console.is_terminal
        self._bar = Progress(
            TextColumn("[bold]ingest"),
            BarColumn(),
            MofNCompleteColumn() if total is not None else TextColumn("{task.completed}"),
            TextColumn("{task.fields[status]}"),
            console=self.console,
            disable=not self._live,
            transient=False,
        )
        self._task = self._bar.add_task("ingest", total=total, status="")

    @property
    def done(self) -> int:
        """Outcomes counted so far."""
        return sum(self.counts.values())

    def rate(self) -> float:
        """Articles (stored or already present) per second since the start."""
        elapsed = time.monotonic() - self._started
        articles = self.counts["stored"] + self.counts["present"]
        return articles / elapsed if elapsed > 0 else 0.0

    def eta(self) -> float | None:
        """Seconds left at the pace so far; None when the total is unknown or nothing is done."""
        if self.total is None or not self.done:
            return None
        elapsed = time.monotonic() - self._started
        return max(0, self.total - self.done) * elapsed / self.done

    def status(self) -> str:
        rate = self.rate()
        parts = [f"{rate:.1f} articles/s" if rate >= 1 else f"{rate:.2f} articles/s"]
        parts += [f"{name} {self.counts[name]}" for name in STATUSES]
        eta = self.eta()
        if eta is not None:
            parts.append(f"ETA {_duration(eta)}")
        return " · ".join(parts)

    def line(self) -> str:
        """The plain progress line."""
        where = f"{self.done}/{self.total}" if self.total is not None else f"{self.done}"
        return f"ingest {where} · {self.status()}"

    def advance(self, status: str) -> None:
        """Count one outcome and refresh the display."""
        self.counts[status] += 1
        if not self.show:
            return
        if self._live:
            self._bar.update(self._task, advance=1, status=self.status())
            return
        now = time.monotonic()
        if now - self._last_line >= LINE_EVERY:
            self._last_line = now
            self.console.print(self.line(), markup=False, highlight=False)

    def note(self, message: str) -> None:
        """Print a line of text (a failure, say) above the bar."""
        self.console.print(message, markup=False, highlight=False)

    def __enter__(self) -> Self:
        if self._live:
            self._bar.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._live:
            self._bar.stop()
        elif self.show and self.done:
            self.console.print(self.line(), markup=False, highlight=False)
