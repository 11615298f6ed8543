"""Where the time of a run goes: CPU and wall seconds per stage, each stage's own time.

A ``StageClock`` accumulates, per stage name, the process CPU time and the wall time spent
inside ``clock.stage(name)``; a stage opened inside another is taken out of the outer one, so
the stages add up to the whole. ``timed_stages`` times the steps of extraction by wrapping the
functions that do them for as long as it is open (nothing is wrapped otherwise).

>>> clock = StageClock()
>>> with clock.stage("outer"):
...     with clock.stage("inner"):
...         pass
>>> sorted(clock.cpu)
['inner', 'outer']
"""

from __future__ import annotations

import functools
import importlib
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

# Steps of extraction: (module, attribute, stage). Each is called once per page.
EXTRACTION_STEPS: tuple[tuple[str, str, str], ...] = (
    ("newsdesk.extract", "decode_html", "decode"),
    ("newsdesk.extract", "decode_text", "decode"),
    ("newsdesk.extract", "clean_text_dump", "text dump"),
    ("newsdesk.extract.html", "parse_html", "html parse"),
    ("newsdesk.extract.html", "read_metadata", "metadata"),
    ("newsdesk.extract.metadata", "_searched_date", "metadata: htmldate search"),
    ("trafilatura", "bare_extraction", "main text (trafilatura)"),
    ("newsdesk.extract", "detect_language", "language"),
)
# The order stages are printed in, those not listed after them.
ORDER = (
    "read",
    "decode",
    "html parse",
    "metadata",
    "metadata: htmldate search",
    "main text (trafilatura)",
    "text dump",
    "language",
    "extract (rest)",
    "spaCy",
    "entities",
    "places",
    "quotes",
    "dates",
    "analysis (rest)",
    "store",
)


@dataclass
class StageClock:
    """CPU and wall seconds per stage, each stage's own (its inner stages taken out)."""

    cpu: dict[str, float] = field(default_factory=dict)
    wall: dict[str, float] = field(default_factory=dict)
    _inner: list[list[float]] = field(default_factory=list)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        cpu0, wall0 = time.process_time(), time.perf_counter()
        self._inner.append([0.0, 0.0])
        try:
            yield
        finally:
            inner_cpu, inner_wall = self._inner.pop()
            cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
            self.cpu[name] = self.cpu.get(name, 0.0) + cpu - inner_cpu
            self.wall[name] = self.wall.get(name, 0.0) + wall - inner_wall
            if self._inner:
                self._inner[-1][0] += cpu
                self._inner[-1][1] += wall

    def merge(self, other: StageClock) -> None:
        for name, seconds in other.cpu.items():
            self.cpu[name] = self.cpu.get(name, 0.0) + seconds
        for name, seconds in other.wall.items():
            self.wall[name] = self.wall.get(name, 0.0) + seconds

    def table(self, pages: int) -> list[str]:
        """Lines: per stage, CPU ms per page, share of the CPU time, pages/s it alone allows."""
        total = sum(self.cpu.values())
        names = [n for n in ORDER if n in self.cpu] + sorted(set(self.cpu) - set(ORDER))
        lines = [f"{'stage':28} {'CPU ms/page':>11} {'share':>6} {'pages/s':>8} {'wall ms':>8}"]
        for name in names:
            ms = 1000 * self.cpu[name] / max(pages, 1)
            rate = f"{1000 / ms:8.1f}" if ms > 0.05 else f"{'-':>8}"
            share = self.cpu[name] / total if total else 0.0
            wall = 1000 * self.wall.get(name, 0.0) / max(pages, 1)
            lines.append(f"{name:28} {ms:11.1f} {share:6.1%} {rate} {wall:8.1f}")
        ms = 1000 * total / max(pages, 1)
        whole = f"{1000 / ms:8.1f}" if ms else f"{'-':>8}"
        wall = 1000 * sum(self.wall.values()) / max(pages, 1)
        lines.append(f"{'whole, one core':28} {ms:11.1f} {1:6.1%} {whole} {wall:8.1f}")
        return lines


def _timed(function: Callable[..., Any], clock: StageClock, name: str) -> Callable[..., Any]:
    @functools.wraps(function)
    def timed(*args: Any, **kwargs: Any) -> Any:
        with clock.stage(name):
            return function(*args, **kwargs)

    return timed


@contextmanager
def timed_stages(clock: StageClock) -> Iterator[StageClock]:
    """Time the steps of extraction (``EXTRACTION_STEPS``) into ``clock`` while open."""
    saved: list[tuple[Any, str, Any]] = []
    try:
        for module_name, attribute, name in EXTRACTION_STEPS:
            module = importlib.import_module(module_name)
            original = getattr(module, attribute)
            saved.append((module, attribute, original))
            setattr(module, attribute, _timed(original, clock, name))
        yield clock
    finally:
        for module, attribute, original in reversed(saved):
            setattr(module, attribute, original)
