"""A wall-clock limit on the work done for one document.

trafilatura and spaCy have no time limit of their own. In the main thread of a process the
limit is an interval timer whose signal raises DocumentTimeout inside the running Python code;
a long call inside a C extension is interrupted when it returns to Python. Elsewhere (threads)
the limit cannot be enforced this way and the block runs unlimited.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from newsdesk.errors import DocumentTimeout


@contextmanager
def time_limit(
    seconds: float, what: str = "document", limit: float | None = None
) -> Iterator[None]:
    """Raise DocumentTimeout if the block runs longer than ``seconds`` (0 or less: no limit).

    ``limit`` is the configured limit the message names, when ``seconds`` is what is left of it.
    """
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: FrameType | None) -> None:
        raise DocumentTimeout(
            f"{what} took longer than {limit or seconds:g} s and was abandoned "
            "(setting NEWSDESK_TIMEOUT)"
        )

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
