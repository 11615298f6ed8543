"""What a Ray run does about documents whose process dies or never ends.

A crash in a C extension kills the actor's process; a long call in C code never returns to
the per-document timer. Ray starts a dead actor again and gives it the same batch; ``Ledger``
(one small Ray actor per run) remembers where each retried batch stood, so the batch runs one
document at a time and the document its process died on becomes an error row instead of
running again. ``HardLimit`` ends a process stuck in one step for longer than the time
limit and a grace, which Ray then treats like a crash.
"""

from __future__ import annotations

import faulthandler
import time

# Why a document has no record when its analysis process died on it.
CRASHED = (
    "the analysis process died on this document (a crash in a C extension, or killed); "
    "the rest of its batch was analyzed again without it"
)


def stopped_reason(limit: float) -> str:
    """Why a document has no record when the hard limit stopped its process, twice."""
    return (
        f"document was still running after {limit:g} s (a long call in C code, out of reach "
        "of the time limit) and its process was stopped, twice; the rest of its batch was "
        "analyzed again without it (setting NEWSDESK_TIMEOUT)"
    )


class HardLimit:
    """Ends this process when one step of a document's work outlives ``seconds``.

    The per-document timer raises inside Python code; a long call in C code (libxml2 on a tag
    with 100,000 attributes) does not see it until it returns. faulthandler's watchdog is a
    thread of its own that needs no interpreter lock: past ``seconds`` it writes where each
    thread was to stderr and ends the process. Ray then starts the actor again and gives it the
    batch again, which ``Ledger`` turns into a run of the documents one at a time, and the
    document running at the second stop into an error row.
    """

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds

    def arm(self) -> None:
        """A step begins: it has ``seconds`` from now."""
        if self.seconds is not None:
            faulthandler.dump_traceback_later(self.seconds, exit=True)

    def disarm(self) -> None:
        if self.seconds is not None:
            faulthandler.cancel_dump_traceback_later()


class Ledger:
    """Where retried batches stood when their actor died (one small Ray actor per run).

    Ray restarts a dead actor and gives it the same batch again, as often as it dies: a
    document that crashes the process every time would stall the run for ever. So an actor
    asks the ledger, before each batch, whether the batch was begun before. The first time it
    runs the batch whole; after a death it runs the documents one at a time, telling the
    ledger which one it begins, so the next attempt knows which document was running when the
    process died and gives it an error row instead of running it again. Each death names one
    document, so a batch ends after at most one attempt per document.
    """

    def __init__(self) -> None:
        self._attempts: dict[int, int] = {}
        # The document running in each batch: its number, when it began, its hard limit.
        self._running: dict[int, tuple[int, float, float | None]] = {}
        self._culprits: dict[int, set[int]] = {}
        self._stopped: dict[int, set[int]] = {}

    def attempt(self, batch: int) -> tuple[int, list[int]]:
        """The attempts made at ``batch`` before this one, and the documents it died on."""
        made = self._attempts.get(batch, 0)
        self._attempts[batch] = made + 1
        running = self._running.pop(batch, None)
        if running is not None:
            seq, began, limit = running
            self._culprits.setdefault(batch, set()).add(seq)
            if limit is not None and time.monotonic() - began >= limit:
                self._stopped.setdefault(batch, set()).add(seq)
        return made, sorted(self._culprits.get(batch, ()))

    def stopped(self, batch: int) -> list[int]:
        """The documents of ``batch`` its process died on once they had run past their hard
        limit: stopped by it (``HardLimit``), not crashed."""
        return sorted(self._stopped.get(batch, ()))

    def begin(self, batch: int, seq: int | None, limit: float | None = None) -> None:
        """Document ``seq`` of ``batch`` begins, to be stopped after ``limit`` seconds (None:
        the batch is done)."""
        if seq is None:
            self._running.pop(batch, None)
        else:
            self._running[batch] = (seq, time.monotonic(), limit)
