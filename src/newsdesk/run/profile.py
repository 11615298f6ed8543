"""Where the time of ingesting some pages goes, measured on them: ``newsdesk bench``.

``profile_stages`` runs every stage in this process, over the pages in batches as ingest does,
into a throwaway SQLite file, and times each stage (``timing.StageClock``): CPU seconds (what
the stage costs, whatever else the machine runs) and wall seconds. Models, tables and caches
are loaded before the clock starts, as a worker has them loaded before its first page.

``profile_pool`` runs ``ingest_pool`` with some workers over the same pages into another
throwaway file: pages/s over the whole run (worker start included), the CPU seconds per page
of the workers and of the parent (which alone writes the store), each worker's time to be
ready and its peak memory (read from /proc; absent elsewhere): resident (RSS, which counts in
full the model pages a worker shares copy-on-write with the fork server and the other
workers), proportional (PSS, each shared page divided among the processes sharing it: what a
worker really costs) and its own alone (USS, what stopping it would give back).
"""

from __future__ import annotations

import os
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from newsdesk.analyze import Analyzer
from newsdesk.config import Settings
from newsdesk.errors import NewsdeskError
from newsdesk.extract import extract_one
from newsdesk.extract.html import warm_up
from newsdesk.extract.language import detect_language
from newsdesk.ingest.files import Item, Skipped
from newsdesk.records import Article
from newsdesk.run.local import read_input, warm_analyzer
from newsdesk.run.timing import StageClock, timed_stages
from newsdesk.store.sqlite import SQLiteStore

_SAMPLE_EVERY = 0.1


@dataclass
class StageProfile:
    """One process, stage by stage."""

    pages: int = 0
    failed: int = 0
    clock: StageClock = field(default_factory=StageClock)
    wall: float = 0.0
    cpu: float = 0.0


def _batches(items: Sequence[Item], size: int) -> Iterator[list[Item]]:
    stream = iter(items)
    while batch := list(islice(stream, size)):
        yield batch


def warmed_analyzer(settings: Settings) -> Analyzer:
    """An analyzer with every configured pipeline and component loaded, the language
    detector and extraction's tables too: what a worker has before its first page."""
    warm_up()
    analyzer = Analyzer(settings)
    for language in settings.models:
        warm_analyzer(analyzer, language)
    detect_language("Warm the language detector up.", settings.languages)
    return analyzer


def profile_stages(
    items: Sequence[Item], settings: Settings, analyzer: Analyzer | None = None
) -> StageProfile:
    """Every stage over ``items`` in this process, timed; nothing is kept."""
    analyzer = analyzer or warmed_analyzer(settings)
    result = StageProfile()
    clock = result.clock
    untimed, analyzer.stage = analyzer.stage, clock.stage
    cpu0, wall0 = time.process_time(), time.perf_counter()
    try:
        with (
            tempfile.TemporaryDirectory(prefix="newsdesk-bench-") as folder,
            SQLiteStore(Path(folder) / "bench.db") as store,
            timed_stages(clock),
        ):
            for batch in _batches(items, max(1, settings.batch_size)):
                articles: dict[str, Article] = {}
                for item in batch:
                    if isinstance(item, Skipped):
                        continue
                    try:
                        with clock.stage("read"):
                            raw = read_input(item, settings)
                        with clock.stage("extract (rest)"):
                            article = extract_one(raw, settings)
                    except NewsdeskError:
                        result.failed += 1
                        continue
                    articles.setdefault(article.id, article)
                    result.pages += 1
                with clock.stage("analysis (rest)"):
                    analyses = list(analyzer.analyze(articles.values()))
                with clock.stage("store"):
                    store.put_many(analyses)
    finally:
        analyzer.stage = untimed
    result.cpu, result.wall = time.process_time() - cpu0, time.perf_counter() - wall0
    return result


# --- the pool -------------------------------------------------------------------------------


def _proc_figures(pid: int) -> tuple[float, int] | None:
    """CPU seconds (user + system) and peak resident bytes of a process, from /proc."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        status = Path(f"/proc/{pid}/status").read_text()
    except (OSError, IndexError):
        return None
    ticks = os.sysconf("SC_CLK_TCK")
    cpu = (int(stat[11]) + int(stat[12])) / ticks
    peak = next((int(line.split()[1]) * 1024 for line in status.splitlines()
                 if line.startswith("VmHWM:")), 0)  # fmt: skip
    return cpu, peak


def memory_figures(pid: int) -> tuple[int, int, int]:
    """Resident, proportional and unique set sizes of a process now, in bytes, from
    ``/proc/PID/smaps_rollup`` (zeros where it cannot be read)."""
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0, 0, 0
    fields: dict[str, int] = {}
    for line in rollup.splitlines()[1:]:
        name, _, value = line.partition(":")
        parts = value.split()
        if parts and parts[0].isdigit():
            fields[name] = int(parts[0]) * 1024
    private = fields.get("Private_Clean", 0) + fields.get("Private_Dirty", 0)
    return fields.get("Rss", 0), fields.get("Pss", 0), private


class WorkerWatch:
    """The last CPU seconds and the peak memory of each process ``pids`` holds, read every
    0.1 s in a thread (a worker's last tenth of a second may be missed): peak resident memory
    as the kernel keeps it, peak proportional and unique memory as sampled."""

    def __init__(self) -> None:
        self.pids: list[int] = []
        self.cpu: dict[int, float] = {}
        self.peak: dict[int, int] = {}
        self.peak_pss: dict[int, int] = {}
        self.peak_uss: dict[int, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(_SAMPLE_EVERY)

    def sample(self) -> None:
        for pid in list(self.pids):
            if (found := _proc_figures(pid)) is not None:
                self.cpu[pid], self.peak[pid] = found[0], max(self.peak.get(pid, 0), found[1])
                _, pss, uss = memory_figures(pid)
                self.peak_pss[pid] = max(self.peak_pss.get(pid, 0), pss)
                self.peak_uss[pid] = max(self.peak_uss.get(pid, 0), uss)

    def __enter__(self) -> WorkerWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


@dataclass
class PoolProfile:
    """A pool run: whole-run rate and who spent the CPU."""

    workers: int
    pages: int
    seconds: float
    parent_cpu: float
    workers_cpu: float
    ready: list[float]
    peak_mb: float
    forkserver_cpu: float = 0.0  # what loading once, before the workers fork, cost
    peak_pss_mb: float = 0.0
    peak_uss_mb: float = 0.0

    @property
    def rate(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0

    def lines(self) -> list[str]:
        pages = max(self.pages, 1)
        worker_each = self.workers_cpu / pages
        parent_each = self.parent_cpu / pages
        share = parent_each / worker_each if worker_each else 0.0
        ready = ", ".join(f"{s:.2f}" for s in self.ready) or "-"
        return [
            f"{self.workers} worker(s): {self.pages} pages in {self.seconds:.1f} s = "
            f"{self.rate:.1f} pages/s (whole run, worker start included)",
            f"  CPU per page: workers {1000 * worker_each:.1f} ms, parent (the writer) "
            f"{1000 * parent_each:.1f} ms = {share:.3f} of a worker's (limit 0.125)",
            f"  start-up once in the fork server {self.forkserver_cpu:.1f} s CPU; workers ready "
            f"in {ready} s",
            f"  peak memory per worker: resident {self.peak_mb:.0f} MiB, proportional "
            f"{self.peak_pss_mb:.0f} MiB, its own {self.peak_uss_mb:.0f} MiB",
        ]


def profile_pool(items: Sequence[Item], settings: Settings, workers: int) -> PoolProfile:
    """``ingest_pool`` over ``items`` into a throwaway SQLite file, measured."""
    from newsdesk.run.pool import ingest_pool

    ready: list[float] = []
    pages = 0
    with (
        tempfile.TemporaryDirectory(prefix="newsdesk-bench-") as folder,
        SQLiteStore(Path(folder) / "bench.db") as store,
        WorkerWatch() as watch,
    ):
        parent0, start = time.thread_time(), time.perf_counter()
        run = ingest_pool(
            items,
            settings,
            store,
            workers,
            total=len(items),
            on_start=watch.pids.append,
            on_ready=lambda _pid, seconds: ready.append(seconds),
        )
        for outcome in run:
            pages += outcome.status in ("stored", "present")
        seconds = time.perf_counter() - start
        parent = time.thread_time() - parent0
    server = _forkserver_figures()
    return PoolProfile(
        workers=workers,
        pages=pages,
        seconds=seconds,
        parent_cpu=parent,
        workers_cpu=sum(watch.cpu.values()),
        ready=ready,
        peak_mb=max(watch.peak.values(), default=0) / 2**20,
        forkserver_cpu=server[0] if server else 0.0,
        peak_pss_mb=max(watch.peak_pss.values(), default=0) / 2**20,
        peak_uss_mb=max(watch.peak_uss.values(), default=0) / 2**20,
    )


def _forkserver_figures() -> tuple[float, int] | None:
    """CPU seconds and peak memory of this process's fork server, if one runs."""
    from multiprocessing import forkserver

    pid = getattr(getattr(forkserver, "_forkserver", None), "_forkserver_pid", None)
    return _proc_figures(pid) if isinstance(pid, int) else None
