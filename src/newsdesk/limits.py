"""A wall-clock limit on the work done for one document.

trafilatura and spaCy have no time limit of their own. In the main thread of a process the
limit is an interval timer whose signal raises ``Expired`` inside the running Python code.
``Expired`` is a ``BaseException``, so the broad ``except Exception`` blocks of the libraries
(trafilatura's ``load_html`` among them) cannot swallow it; should some code swallow it anyway,
the timer fires again every ``REFIRE`` seconds, and the block is reported timed out when it
ends whatever happened inside. Leaving the block, ``Expired`` becomes ``DocumentTimeout``, a
``NewsdeskError`` naming the limit.

A long call inside a C extension (libxml2 parsing a tag with 100,000 attributes) only sees the
signal when it returns: that is what the process pool's hard limit is for (``run.pool``), which
kills the worker and replaces it. Elsewhere (threads) the limit cannot be enforced this way and
the block runs unlimited.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from newsdesk.errors import DocumentTimeout

# Seconds between two signals once the limit is passed, for code that swallowed the first.
REFIRE = 0.25


class Expired(BaseException):
    """Raised inside a block whose time is up; becomes DocumentTimeout when the block ends."""


def _timeout(what: str, limit: float) -> DocumentTimeout:
    return DocumentTimeout(
        f"{what} took longer than {limit:g} s and was abandoned (setting NEWSDESK_TIMEOUT)"
    )


@contextmanager
def time_limit(
    seconds: float, what: str = "document", limit: float | None = None
) -> Iterator[None]:
    """Raise DocumentTimeout if the block runs longer than ``seconds`` (0 or less: no limit).

    ``limit`` is the configured limit the message names, when ``seconds`` is what is left of it.

    >>> try:
    ...     with time_limit(0.05):
    ...         try:
    ...             while True:
    ...                 pass
    ...         except Exception:
    ...             pass  # no ordinary handler catches the expiry
    ... except DocumentTimeout as timeout:
    ...     print(timeout)
    document took longer than 0.05 s and was abandoned (setting NEWSDESK_TIMEOUT)
    """
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return
    deadline = time.monotonic() + seconds
    named = limit or seconds

    armed = True

    def expire(signum: int, frame: FrameType | None) -> None:
        if armed:  # not once the block is being left
            raise Expired

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds, REFIRE)
    try:
        yield
    except Expired:
        raise _timeout(what, named) from None
    finally:
        armed = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    if time.monotonic() > deadline:
        # The block ended late: the expiry was swallowed by a handler catching everything.
        raise _timeout(what, named)
