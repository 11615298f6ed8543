"""A local process pool: worker processes extract and analyze, the parent alone writes the store.

Each worker has one Analyzer (its models loaded once, before it forks: ``newsdesk.run.warm``)
and receives batches of inputs over its own pipe; it sends back analyses, failures, and the
articles it found already stored. SQLite wants one writer, so only the parent writes, each
batch of results in one transaction (``Store.put_many``); the workers open the store read-only
and look each extracted article up by id, so a rerun after an interruption costs an extraction
per stored article, never an analysis.

The parent keeps track of what each worker holds. When a worker dies (killed, out of memory, a
crash in a C extension) or outlives the hard limit of its batch (a call stuck in C code, where
the per-document alarm cannot reach), the parent replaces it and gives each input of its
batches one more try on its own; an input that brings a worker down twice is reported failed.
So a run always ends, and one bad page costs only itself.
"""

from __future__ import annotations

import contextlib
import ctypes
import math
import multiprocessing
import os
import signal
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, cached_property
from itertools import count
from multiprocessing.connection import Connection, wait
from multiprocessing.context import ForkServerContext, SpawnContext
from multiprocessing.process import BaseProcess
from multiprocessing.reduction import ForkingPickler
from pathlib import Path

from newsdesk.analyze import Analyzer
from newsdesk.config import Settings
from newsdesk.errors import NewsdeskError, StoreError
from newsdesk.ingest.files import InputFile, Item, Skipped, UrlInput, describe
from newsdesk.records import Analysis, Article, Origin, RawDocument, input_name
from newsdesk.relate import fingerprint
from newsdesk.run.local import Outcome, analyze_batch, extracted, stored
from newsdesk.store.base import Store
from newsdesk.store.sqlite import SQLiteStore

# What a worker is sent: everything ``discover`` yields but the skipped, which need no work.
Work = InputFile | RawDocument | UrlInput

# forkserver: each worker is forked from a small clean server process that has imported the
# libraries once, so a worker starts in a fraction of a spawn's time; and unlike a plain fork it
# inherits no threads or locks of the parent (spaCy's and the store's).
START_METHOD = "forkserver"
# Batches sent ahead to each worker, so it never waits for the parent between two batches.
DEPTH = 2
# A batch sent ahead must fit in the pipe's buffer: a worker reads it only once it has sent the
# answer to the batch before, which the parent would not read while blocked in sending. Larger
# batches (documents read from an archive) go to idle workers only.
AHEAD_BYTES = 32 * 1024
# Inputs per batch: enough for nlp.pipe to work in batches, few enough that the workers share
# the end of a run evenly.
MAX_CHUNK = 16
# Seconds one step of a batch may run beyond the per-document limit (a busy machine, the
# worker unwinding after its own timer fired) before its worker is stopped as stuck.
GRACE = 10.0
# Workers that die before they can take work, in a row, before the run gives up.
START_FAILURES = 3
# Seconds a worker may take to start (imports, models) before it is taken for stuck.
START_LIMIT = 300.0


@dataclass(frozen=True)
class _Known:
    """An extracted article the store already holds: only its origin is new."""

    input: str
    article_id: str
    title: str | None
    origins: tuple[Origin, ...]


Result = Analysis | Outcome | _Known


@dataclass(frozen=True)
class _Task:
    id: int
    items: tuple[Work, ...]
    retry: bool = False

    @cached_property
    def message(self) -> bytes:
        """The task pickled as ``Connection.recv`` reads it."""
        return bytes(ForkingPickler.dumps((self.id, self.items)))


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    ready: bool = False
    tasks: deque[_Task] = field(default_factory=deque)
    since: float = 0.0  # when the worker began its current step (a document, an analysis)
    born: float = field(default_factory=time.monotonic)

    @property
    def pid(self) -> int | None:
        return self.process.pid


def chunk_size(left: int | None, workers: int, batch_size: int) -> int:
    """Inputs for the next batch, ``left`` inputs (when known) being still to send: at most
    ``MAX_CHUNK``, and fewer as the end nears, so that no worker is left with a long batch
    while the others have finished (a batch is at most an eighth of what is left per worker).

    >>> [chunk_size(left, 2, 32) for left in (3000, 40, 3, None)], chunk_size(None, 2, 8)
    ([16, 5, 1, 16], 8)
    """
    cap = max(1, min(batch_size, MAX_CHUNK))
    if left is None:
        return cap
    return max(1, min(cap, math.ceil(left / (workers * 2 * DEPTH))))


# --- worker side ----------------------------------------------------------------------------


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's ``malloc_trim``, or None where the C library has none (musl, macOS)."""
    try:
        trim: Callable[[int], int] = ctypes.CDLL(None).malloc_trim
    except (AttributeError, OSError):
        return None
    return trim


def give_back_memory() -> None:
    """Return the C heap's free pages to the system. A batch's parse frees hundreds of MB of
    small arrays that glibc would otherwise keep, scattered, as the worker's resident memory
    until its end: the next batch's peak then starts from them (50 to 150 MB higher)."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


def _open_reader(db: str | None) -> SQLiteStore | None:
    if db is None:
        return None
    try:
        return SQLiteStore(db, read_only=True)
    except StoreError:
        return None


def _stored_already(reader: Store, article_id: str) -> bool:
    # A lookup that fails only costs an analysis: the parent's put still stores it once.
    try:
        return reader.has(article_id)
    except StoreError:
        return False


def _process(
    items: Sequence[Work],
    settings: Settings,
    analyzer: Analyzer,
    reader: Store | None,
    on_step: Callable[[], None] | None = None,
) -> list[Result]:
    """Extract, skip what is stored, analyze the rest: the local runner's steps for one batch,
    each analysis with its text's fingerprint ready for the store (``Prepared``). ``on_step``
    is called as each document (or the analysis batch) starts."""
    results: list[Result] = []
    pending: dict[str, Article] = {}
    spent: dict[str, float] = {}
    for item in extracted(items, settings, spent, on_step):
        if isinstance(item, Outcome):
            results.append(item)
        elif reader is not None and _stored_already(reader, item.id):
            results.append(_Known(input_name(item), item.id, item.title, item.origins))
        elif item.id in pending:
            first = pending[item.id]
            pending[item.id] = replace(first, origins=first.origins + item.origins)
        else:
            pending[item.id] = item
    for result in analyze_batch(analyzer, list(pending.values()), settings, spent, on_step):
        # The text's fingerprint is computed here, where the analyses are spread over the
        # workers, not in the parent, which writes every one of them.
        results.append(fingerprint.prepared(result) if isinstance(result, Analysis) else result)
    return results


def _work(conn: Connection, settings: Settings, db: str | None) -> None:
    """A worker's life: take the analyzer with its models loaded, then batches until told to
    stop or orphaned.

    Every configured pipeline is loaded before the worker says it is ready, so loading counts
    against neither the documents' time limits nor the batches' hard limits. A worker forked
    from the fork server finds the analyzer loaded there (``newsdesk.run.warm``) and is ready
    at once; one started otherwise loads its own.
    """
    # Ctrl-C reaches the whole process group; the parent decides what happens to workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from newsdesk.run.warm import warm_analyzer_for  # loaded by the fork server already

    analyzer = warm_analyzer_for(settings)
    reader = _open_reader(db)
    if reader is not None:
        analyzer.know_corpus(reader)
    try:
        conn.send(("ready", os.getpid()))
        while (message := conn.recv()) is not None:
            task_id, items = message

            def step(task_id: int = task_id) -> None:
                # The parent's hard limit runs from the last step: one document's time.
                conn.send(("step", task_id))

            conn.send((task_id, _process(items, settings, analyzer, reader, step)))
            give_back_memory()
    except (EOFError, OSError):
        pass  # the parent is gone: nothing left to do
    finally:
        if reader is not None:
            reader.close()


# --- parent side ----------------------------------------------------------------------------


def _context() -> ForkServerContext | SpawnContext:
    method = START_METHOD if START_METHOD in multiprocessing.get_all_start_methods() else "spawn"
    if method == "forkserver":
        forkserver = multiprocessing.get_context("forkserver")
        forkserver.set_forkserver_preload(["newsdesk.run.pool", "newsdesk.run.warm"])
        return forkserver
    return multiprocessing.get_context("spawn")


def _death(process: BaseProcess) -> str:
    code = process.exitcode
    if code is not None and code < 0:
        try:
            return f"the worker process was killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"the worker process was killed by signal {-code}"
    return f"the worker process exited with status {code}"


class _Pool:
    """The workers and what each holds; the parent's loop in ``ingest_pool`` drives it."""

    def __init__(
        self,
        workers: int,
        settings: Settings,
        db: str | None,
        on_start: Callable[[int], None] | None = None,
        on_ready: Callable[[int, float], None] | None = None,
    ) -> None:
        self.settings = settings
        self.db = db
        self.on_start = on_start
        self.on_ready = on_ready
        self.ctx = _context()
        self.workers: list[_Worker] = []
        self.start_failures = 0
        for _ in range(workers):
            self.start()

    def start(self) -> None:
        parent, child = self.ctx.Pipe(duplex=True)
        process = self.ctx.Process(
            target=_work, args=(child, self.settings, self.db), daemon=True, name="newsdesk-worker"
        )
        process.start()
        child.close()
        self.workers.append(_Worker(process, parent))
        if self.on_start is not None and process.pid is not None:
            self.on_start(process.pid)

    def held(self) -> int:
        return sum(len(w.tasks) for w in self.workers)

    def send(self, worker: _Worker, task: _Task) -> bool:
        """Give ``task`` to ``worker``, unless it is busy and the task too large to send ahead."""
        if worker.tasks and len(task.message) > AHEAD_BYTES:
            return False
        if not worker.tasks:
            worker.since = time.monotonic()
        worker.tasks.append(task)
        worker.conn.send_bytes(task.message)
        return True

    def limit(self) -> float | None:
        """Seconds one step of a batch (a document's extraction, the batch's analysis, an
        article analyzed alone) may run before its worker is taken for stuck (None: no
        limit): the document limit, which the worker's own timer enforces on Python code,
        and a grace; past it the work is blind to the timer (a long call in C code)."""
        timeout = self.settings.timeout
        return timeout + GRACE if timeout > 0 else None

    def deadline(self, worker: _Worker) -> tuple[float, str] | None:
        """When ``worker`` will be taken for stuck, and the reason then given."""
        if not worker.ready:
            return worker.born + START_LIMIT, f"the worker did not start in {START_LIMIT:g} s"
        limit = self.limit() if worker.tasks else None
        if limit is None:
            return None
        return worker.since + limit, (
            f"took longer than {limit:g} s, past the limit of {self.settings.timeout:g} s "
            "(setting NEWSDESK_TIMEOUT), and its worker process was stopped"
        )

    def overdue(self, now: float) -> list[tuple[_Worker, str]]:
        late = []
        for worker in self.workers:
            deadline = self.deadline(worker)
            if deadline is not None and now > deadline[0]:
                late.append((worker, deadline[1]))
        return late

    def next_deadline(self, now: float) -> float | None:
        waits = [d[0] - now for w in self.workers if (d := self.deadline(w)) is not None]
        return max(0.0, min(waits)) if waits else None

    def remove(self, worker: _Worker, *, kill: bool = False) -> None:
        if kill and worker.process.is_alive():
            worker.process.kill()
        worker.process.join(5)
        worker.conn.close()
        self.workers.remove(worker)
        if not worker.ready:
            self.start_failures += 1
            if self.start_failures >= START_FAILURES:
                raise NewsdeskError(
                    f"worker processes cannot start ({_death(worker.process)}); "
                    "run with --workers 1 to see why"
                )

    def close(self) -> None:
        """Stop every worker: those still starting at once, the others after their batch."""
        for worker in self.workers:
            if not worker.ready:
                worker.process.kill()
            with contextlib.suppress(OSError):
                worker.conn.send(None)
        deadline = time.monotonic() + 5
        for worker in self.workers:
            worker.process.join(max(0.0, deadline - time.monotonic()))
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join(1)
            worker.conn.close()
        self.workers.clear()


def _retries(
    tasks: Sequence[_Task], reason: str, ids: Iterator[int]
) -> tuple[list[_Task], list[Outcome]]:
    """Tasks lost with a worker. The batch it was working on: each input once more on its
    own, or failed if it was already its second try. The batches queued behind it, never
    begun: sent again as they were, their inputs charged with nothing."""
    again: list[_Task] = []
    failed: list[Outcome] = []
    for position, task in enumerate(tasks):
        if position > 0:
            again.append(task)
            continue
        for item in task.items:
            if task.retry:
                failed.append(Outcome(describe(item), "failed", reason=reason))
            else:
                again.append(_Task(next(ids), (item,), retry=True))
    return again, failed


def _stored(results: Sequence[Result], store: Store) -> Iterator[Outcome]:
    """Write one batch of a worker's results; the outcomes of its inputs."""
    analyses: list[Analysis] = []
    for result in results:
        if isinstance(result, Outcome):
            yield result
        elif isinstance(result, _Known):
            store.add_origins(result.article_id, result.origins)
            yield Outcome(result.input, "present", result.article_id, result.title)
        else:
            analyses.append(result)
    yield from stored(analyses, store)


def _reader_path(store: Store) -> str | None:
    if isinstance(store, SQLiteStore) and str(store.path) != ":memory:":
        path = Path(store.path)
        return str(path) if path.is_file() else None
    return None


def ingest_pool(
    inputs: Iterable[Item],
    settings: Settings,
    store: Store,
    workers: int = 2,
    *,
    total: int | None = None,
    on_start: Callable[[int], None] | None = None,
    on_ready: Callable[[int, float], None] | None = None,
) -> Iterator[Outcome]:
    """Ingest ``inputs`` into ``store`` with ``workers`` processes; one Outcome per input (and per
    extra origin), in the order batches finish.

    ``total`` (the number of inputs, when known) sizes the batches. ``on_start``, if given, is
    called with the pid of every worker started, replacements included; ``on_ready`` with its
    pid and the seconds it took to be ready for work.

    For example, ``ingest_pool(discover(["examples/"]), Settings(), store, workers=2)``.
    """
    if workers < 1:
        raise NewsdeskError(f"workers: expected 1 or more, got {workers}")
    taken = 0  # inputs drawn from ``inputs``
    ids = count()
    source = iter(inputs)
    exhausted = False
    queue: deque[_Task] = deque()  # batches to try again, before new ones
    skipped: list[Outcome] = []

    def next_task() -> _Task | None:
        nonlocal exhausted, taken
        if queue:
            return queue.popleft()
        items: list[Work] = []
        # An input that yields more items than counted (an archive) leaves the end unknown.
        left = total - taken if total is not None and total > taken else None
        chunk = chunk_size(left, workers, settings.batch_size)
        while not exhausted and len(items) < chunk:
            item = next(source, None)
            taken += 1
            if item is None:
                exhausted = True
            elif isinstance(item, Skipped):
                skipped.append(Outcome(item.input, item.status, reason=item.reason))
            else:
                items.append(item)
        return _Task(next(ids), tuple(items)) if items else None

    # Workers start once there is work for them: a run of skipped inputs needs none.
    first = next_task()
    yield from skipped
    skipped.clear()
    if first is None:
        return
    queue.append(first)
    pool = _Pool(workers, settings, _reader_path(store), on_start, on_ready)
    try:
        while True:
            for worker in pool.workers:
                while worker.ready and len(worker.tasks) < DEPTH:
                    task = next_task()
                    if task is None:
                        break
                    if not pool.send(worker, task):
                        queue.appendleft(task)
                        break
            yield from skipped
            skipped.clear()
            if exhausted and not queue and not pool.held():
                return
            lost: list[tuple[_Worker, str]] = []
            by_conn = {w.conn: w for w in pool.workers}
            by_sentinel = {w.process.sentinel: w for w in pool.workers}
            timeout = pool.next_deadline(time.monotonic())
            for ready in wait([*by_conn, *by_sentinel], timeout):
                if isinstance(ready, Connection):
                    worker = by_conn[ready]
                    try:
                        message = ready.recv()
                    except (EOFError, OSError):
                        lost.append((worker, _death(worker.process)))
                        continue
                    if message[0] == "ready":
                        worker.ready = True
                        pool.start_failures = 0
                        if pool.on_ready is not None and worker.pid is not None:
                            pool.on_ready(worker.pid, time.monotonic() - worker.born)
                        continue
                    if message[0] == "step":
                        worker.since = time.monotonic()
                        continue
                    results = message[1]
                    # A worker answers its batches in the order it received them.
                    worker.tasks.popleft()
                    worker.since = time.monotonic()
                    yield from _stored(results, store)
                elif isinstance(ready, int):
                    worker = by_sentinel[ready]
                    if not worker.conn.poll():  # answers sent before it died come first
                        lost.append((worker, _death(worker.process)))
            lost += pool.overdue(time.monotonic())
            seen: set[int] = set()
            for worker, reason in lost:
                if id(worker) in seen or worker not in pool.workers:
                    continue
                seen.add(id(worker))
                again, failed = _retries(list(worker.tasks), reason, ids)
                pool.remove(worker, kill=True)
                queue.extendleft(reversed(again))
                yield from failed
                pool.start()
    finally:
        pool.close()
