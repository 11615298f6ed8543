"""Runs over many files on Ray Data, written as Parquet (``newsdesk.store.parquet``).

The stages are the ones ``newsdesk ingest`` runs (``run.local``): only the way work is spread
differs. A run has three steps:

1. list (``run.sources``): the sources (local files and directories, ``s3://``… URIs read
   through pyarrow's filesystems, http(s) URLs) become a table of inputs, each with its place
   in the listing (``seq``);
2. read (``run.sources``, in Ray tasks): each input becomes documents, a WARC file one per
   HTML response, a feed one per entry, a URL its page or its feed's entries;
3. extract + analyze (a pool of Ray actors, one CPU each): each actor builds one ``Analyzer``
   when it starts, so models load once per actor, never per document.

A document that fails becomes an error row naming its input and the reason; the job goes on.
A document whose analysis kills its process (a crash in a C extension) or keeps it past the
hard limit (a long call in C code, which ``HardLimit`` ends) is found by ``Ledger`` when Ray
runs the batch again, and becomes an error row too (``run.recovery``).
The driver then writes one row per distinct article (copies of the same text in several files
are one row with every origin, in listing order) and the errors, as ``articles/`` and
``errors/`` under the output directory, and the run's relations; each text's fingerprint for
copy detection is computed in the actors beside its analysis (``Prepared``), not by the driver.

The per-document time limit (``newsdesk.limits.time_limit``) is a SIGALRM timer, which only works in
a process's main thread. By default Ray Data runs an actor's batches in a helper thread, where
the limit would silently do nothing, so the pool is built with ``enable_true_multi_threading``
and one call at a time per actor: the batch then runs in the actor's main thread, as in
``newsdesk ingest``, and a document over the limit is abandoned as soon as its Python code
runs again; a single long call inside a C extension is ended by the hard limit.
"""

from __future__ import annotations

import logging
import os
import shutil
import threading
import time
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any, Literal, cast

import pyarrow as pa

from newsdesk.analyze import Analyzer
from newsdesk.config import Settings
from newsdesk.errors import (
    UsageError,
)
from newsdesk.extract import extract_one
from newsdesk.extract.html import warm_up
from newsdesk.limits import time_limit
from newsdesk.records import Analysis, Article, Origin, Prepared, RawDocument
from newsdesk.relate.fingerprint import prepared
from newsdesk.run.local import Outcome, analyze_batch, failure_reason, warm_analyzer
from newsdesk.run.pool import GRACE
from newsdesk.run.recovery import CRASHED, HardLimit, Ledger, stopped_reason
from newsdesk.run.sources import list_sources, read_documents
from newsdesk.store import parquet, parquet_relations

Engine = Literal["ray", "local"]

# Files per block of the listing: small enough that reading spreads over the tasks.
_FILES_PER_BLOCK = 16

# The analysis step: an article row of the Parquet schema, or an error.
OUTCOMES = pa.schema(
    [
        *parquet.SCHEMA,
        ("seq", pa.int64()),
        ("status", pa.string()),  # "article", "failed" or "skipped"
        ("input", pa.string()),
        ("reason", pa.string()),
        # The text's fingerprint, computed by the actor (``Prepared``), for the relations.
        ("prepared_digest", pa.binary()),
        ("prepared_signature", pa.binary()),
        ("prepared_shingles", pa.int64()),
    ]
)
_PREPARED = ("prepared_digest", "prepared_signature", "prepared_shingles")

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RunSummary:
    """What a run wrote: distinct articles, failed inputs (the ``errors/`` rows), inputs
    skipped (files of other types met in directories, WARC records that are not pages)."""

    articles: int
    failed: int
    skipped: int
    seconds: float


# --- extract + analyze --------------------------------------------------------------------


def _error(seq: int, input: str, reason: str, article_id: str | None = None) -> dict[str, Any]:
    return {"seq": seq, "status": "failed", "input": input, "reason": reason, "id": article_id}


def _input_name(origin: Origin) -> str:
    if origin.path and origin.url:
        return f"{origin.path} ({origin.url})"
    return origin.path or origin.url or "<input>"


class ExtractAnalyze:
    """The extract and analyze stages over a batch of ``DOCUMENTS`` rows (one Ray actor).

    The analyzer is built once per actor, its models loaded before the first batch. Within
    a batch an article met twice is analyzed once. With a ``ledger`` (a ``Ledger`` actor), a
    batch its process died on is run again without the document it died on.
    """

    # Seconds one step (a document's extraction, an analysis batch, an article retried alone)
    # may run past the time limit before the process is ended (``HardLimit``).
    grace = GRACE

    def __init__(self, settings: Settings, ledger: Any = None) -> None:
        self.settings = settings
        self.analyzer = Analyzer(settings)
        self.ledger = ledger
        # Only in Ray actors: ``run_local`` runs the stage in the calling process itself.
        hard = ledger is not None and settings.timeout > 0
        self.hard = HardLimit(settings.timeout + self.grace if hard else None)
        self._warned = False
        # Models, dateparser's locales: loaded once per actor, outside any document's limit.
        for language in settings.models:
            warm_analyzer(self.analyzer, language)
        warm_up()

    def __call__(self, batch: pa.Table) -> pa.Table:
        if threading.current_thread() is not threading.main_thread() and not self._warned:
            # time_limit cannot arm its timer here: documents would run without a limit.
            log.warning("batches run outside the main thread: no per-document time limit")
            self._warned = True
        docs = batch.to_pylist()
        if self.ledger is None or not docs:
            return pa.Table.from_pylist(self.rows(docs), schema=OUTCOMES)
        import ray

        key = docs[0]["seq"]
        made, culprits = ray.get(self.ledger.attempt.remote(key))
        rows = self.rows(docs) if made == 0 else self._one_by_one(key, docs, set(culprits))
        return pa.Table.from_pylist(rows, schema=OUTCOMES)

    def _one_by_one(self, key: int, docs: list[dict[str, Any]], culprits: set[int]) -> list[Any]:
        import ray

        stopped = set(ray.get(self.ledger.stopped.remote(key))) if culprits else set()
        rows: list[dict[str, Any]] = []
        for doc in docs:
            if doc["seq"] in culprits:
                origin = Origin(doc["path"], doc["url"], doc["fetched"])
                limit = self.hard.seconds
                why = stopped_reason(limit) if doc["seq"] in stopped and limit else CRASHED
                rows.append(_error(doc["seq"], _input_name(origin), why))
                continue
            ray.get(self.ledger.begin.remote(key, doc["seq"], self.hard.seconds))
            rows.extend(self.rows([doc]))
        ray.get(self.ledger.begin.remote(key, None))
        return rows

    def rows(self, docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """``OUTCOMES`` rows of ``DOCUMENTS`` rows, each step under the hard limit."""
        try:
            return self._rows(docs)
        finally:
            self.hard.disarm()

    def _rows(self, docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
        settings = self.settings
        rows: list[dict[str, Any]] = []
        extracted: list[tuple[int, Article]] = []
        first: dict[str, Article] = {}
        spent: dict[str, float] = {}
        for doc in docs:
            seq = doc["seq"]
            if doc["status"] != "document":
                rows.append({k: doc[k] for k in ("seq", "status", "input", "reason")})
                continue
            origin = Origin(doc["path"], doc["url"], doc["fetched"])
            raw = RawDocument(doc["data"], origin, doc["kind"], doc["declared_charset"])
            started = time.monotonic()
            self.hard.arm()
            try:
                with time_limit(settings.timeout):
                    article = extract_one(raw, settings)
            except Exception as exc:
                rows.append(_error(seq, _input_name(origin), failure_reason(exc)))
                continue
            extracted.append((seq, article))
            if article.id not in first:
                first[article.id] = article
                spent[article.id] = time.monotonic() - started
        results: dict[str, Analysis | Outcome] = {}
        analyzed = analyze_batch(
            self.analyzer, list(first.values()), settings, spent, on_step=self.hard.arm
        )
        for article, result in zip(first.values(), analyzed, strict=True):
            # The fingerprint is computed here, spread over the actors, once per distinct text.
            results[article.id] = prepared(result) if isinstance(result, Analysis) else result
        for seq, article in extracted:
            result = results[article.id]
            origin = article.origins[0]
            if isinstance(result, Outcome):
                rows.append(_error(seq, _input_name(origin), result.reason or "failed", article.id))
                continue
            # Each row keeps its own origin; the driver merges the origins of copies.
            own = replace(result, article=replace(result.article, origins=article.origins))
            ready = own.prepared
            assert ready is not None  # made by ``prepared`` above
            rows.append(
                {
                    **parquet.analysis_to_row(own),
                    "seq": seq,
                    "status": "article",
                    **dict(
                        zip(_PREPARED, (ready.digest, ready.signature, ready.shingles), strict=True)
                    ),
                }
            )
        return rows


# --- writing ------------------------------------------------------------------------------


# Where a run writes its output before it is complete (inside the output directory).
STAGING = ".incomplete"
# The datasets of an output, moved into place in this order: ``articles`` last, so an output
# with ``articles/`` is complete, and whatever else a killed run left is not.
_PARTS = (parquet_relations.RELATIONS, parquet.ERRORS, parquet.ARTICLES)


def _check_out(out: Path) -> None:
    """Refuse an output directory holding a finished run; clear what a killed one left."""
    if (out / parquet.ARTICLES).exists():
        raise UsageError(
            f"{out / parquet.ARTICLES} already exists: write each run to a new directory "
            "(or remove the old output)"
        )
    for name in (STAGING, *_PARTS):
        if (out / name).is_dir():
            shutil.rmtree(out / name)


def _publish(staging: Path, out: Path) -> None:
    """Move a complete output from ``staging`` into ``out``, ``articles/`` last, and fsync."""
    for name in _PARTS:
        if (staging / name).exists():
            os.replace(staging / name, out / name)
    staging.rmdir()
    descriptor = os.open(out, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def write_outcomes(outcomes: Callable[[], Iterable[pa.Table]], out: Path) -> tuple[int, int, int]:
    """Write tables of ``OUTCOMES`` as a run's Parquet output; (articles, failed, skipped).

    ``outcomes`` is read twice: first to find each article's copies and the fingerprint the
    actors computed for its text (the driver keeps the id, origins and fingerprint of every
    article: under a kilobyte each), then to write the first copy of each with the origins of
    all, in listing order. The relations are then computed over the written articles with
    those fingerprints.
    """
    copies: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    ready: dict[str, Prepared] = {}
    errors: list[pa.Table] = []
    skipped = 0
    for table in outcomes():
        status = table.column("status").to_pylist()
        skipped += status.count("skipped")
        failed = [i for i, s in enumerate(status) if s == "failed"]
        if failed:
            errors.append(table.take(failed).select(parquet.ERROR_SCHEMA.names))
        columns = table.select(["id", "seq", "origins", *_PREPARED]).to_pydict()
        for i, s in enumerate(status):
            if s == "article":
                origin = columns["origins"][i][0]
                copies.setdefault(columns["id"][i], []).append((columns["seq"][i], origin))
                if columns["prepared_signature"][i] is not None:
                    ready[columns["id"][i]] = Prepared(*(columns[name][i] for name in _PREPARED))
    for found in copies.values():
        found.sort(key=lambda pair: pair[0])

    def articles() -> Iterator[pa.Table]:
        for table in outcomes():
            rows = []
            for row in table.to_pylist():
                found = copies.get(row["id"]) if row["status"] == "article" else None
                if found and found[0][0] == row["seq"]:
                    row["origins"] = [origin for _, origin in found]
                    rows.append(row)
            if rows:
                yield pa.Table.from_pylist(rows, schema=OUTCOMES)

    # Written aside and moved into place when complete: a run killed while it writes leaves
    # no output that looks finished, and the next run into ``out`` clears what it left.
    staging = out / STAGING
    staging.mkdir(parents=True, exist_ok=True)
    parquet.write_tables(staging, articles(), errors)
    parquet_relations.write(
        staging,
        (replace(a, prepared=ready.get(a.article.id)) for a in parquet.read(staging)),
    )
    _publish(staging, out)
    failed_count = sum(t.num_rows for t in errors)
    return len(copies), failed_count, skipped


# --- engines ------------------------------------------------------------------------------


def run_local(
    sources: Sequence[str], out: Path, settings: Settings, url_files: Sequence[str] = ()
) -> RunSummary:
    """The same steps in this process, one after the other (no Ray): for small runs and
    for checking a Ray run's output against."""
    started = time.monotonic()
    _check_out(out)
    documents = read_documents(list_sources(sources, url_files), settings)
    stage = ExtractAnalyze(settings)  # a crash here ends the process, and the run with it
    size = max(1, settings.batch_size)
    outcomes = [stage(documents.slice(i, size)) for i in range(0, documents.num_rows, size)]
    counts = write_outcomes(lambda: outcomes, out)
    return RunSummary(*counts, seconds=time.monotonic() - started)


def init_ray(address: str | None = None, num_cpus: int | None = None) -> None:
    """Connect to the Ray cluster at ``address``, or start a local one; reuse a running one.

    Ray's own logs stay in its session directory, not on this process's terminal.
    """
    import ray
    import ray.data

    if not ray.is_initialized():
        ray.init(
            address=address,
            num_cpus=None if address else num_cpus,
            include_dashboard=False,
            log_to_driver=False,
            logging_level=logging.ERROR,
        )
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    context.print_on_execution_start = False
    logging.getLogger("ray.data").setLevel(logging.ERROR)


def readers(actors: int) -> int:
    """Reading tasks at a time for ``actors`` analysis actors: one per four, at least one. A
    reader keeps ahead of several actors: a file is read in milliseconds, analyzed in tens.

    >>> readers(2), readers(16)
    (1, 4)
    """
    return max(1, actors // 4)


def _pipeline(
    files: pa.Table, settings: Settings, actors: int, stage: type[ExtractAnalyze] = ExtractAnalyze
) -> Any:
    """The read and extract + analyze steps on Ray Data, run to the end (a materialized
    dataset of ``OUTCOMES`` blocks, kept in Ray's object store, spilled to disk if large)."""
    import ray
    import ray.data

    ledger = ray.remote(num_cpus=0)(Ledger).remote()

    size = _FILES_PER_BLOCK
    blocks = [files.slice(i, size) for i in range(0, files.num_rows, size)] or [files]
    return (
        ray.data.from_arrow(blocks)
        # Reading waits on disks and networks, not on a CPU the actors need; but each task
        # without a CPU may start a worker process of its own, and a dozen of them starting
        # at once (each importing the libraries) would take the CPUs from the actors: a few
        # reading tasks at a time keep ahead of the actors.
        .map_batches(
            partial(read_documents, settings=settings),
            batch_format="pyarrow",
            batch_size=None,
            num_cpus=0,
            compute=ray.data.TaskPoolStrategy(size=readers(actors)),
        )
        .map_batches(
            stage,
            fn_constructor_kwargs={"settings": settings, "ledger": ledger},
            batch_format="pyarrow",
            batch_size=max(1, settings.batch_size),
            num_cpus=1,
            # One call at a time, in the actor's main thread: where the time limit works.
            compute=ray.data.ActorPoolStrategy(
                size=actors, max_concurrent_calls_per_actor=1, enable_true_multi_threading=True
            ),
        )
        .materialize()
    )


def run_ray(
    sources: Sequence[str],
    out: Path,
    settings: Settings,
    actors: int = 2,
    *,
    address: str | None = None,
    url_files: Sequence[str] = (),
) -> RunSummary:
    """Extract and analyze ``sources`` (and the URLs listed in ``url_files``) on Ray Data with
    ``actors`` analysis actors; write the Parquet output under ``out`` (a directory that holds
    no earlier run).

    Starts a local Ray (``max(actors, 2)`` CPUs) unless Ray is already initialized or an
    ``address`` is given; a Ray this call started stays up for the next call, until the
    process ends. For example ``run_ray(["examples/", "s3://bucket/news/"], Path("runs/1"),
    Settings(), actors=4)``.
    """
    if actors < 1:
        raise UsageError(f"actors: at least one actor is needed, got {actors}")
    started = time.monotonic()
    _check_out(out)
    files = list_sources(sources, url_files)
    init_ray(address, num_cpus=max(actors, 2))
    with warnings.catch_warnings():
        # Ray warns when a run has fewer blocks than actors: small runs are fine as they are.
        warnings.filterwarnings("ignore", message="The minimum number of concurrent actors")
        dataset = _pipeline(files, settings, actors)

    def outcomes() -> Iterator[pa.Table]:
        for table in dataset.iter_batches(batch_format="pyarrow", batch_size=None):
            yield cast(pa.Table, table)

    counts = write_outcomes(outcomes, out)
    return RunSummary(*counts, seconds=time.monotonic() - started)


def run(
    engine: Engine,
    sources: Sequence[str],
    out: Path,
    settings: Settings,
    actors: int = 2,
    address: str | None = None,
    url_files: Sequence[str] = (),
) -> RunSummary:
    """``run_ray`` or ``run_local``, by name."""
    if engine == "local":
        return run_local(sources, out, settings, url_files)
    if engine == "ray":
        return run_ray(sources, out, settings, actors, address=address, url_files=url_files)
    raise UsageError(f"engine: expected ray or local, got {engine!r}")
