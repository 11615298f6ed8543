"""The stages run one after the other in this process: ingest, extract, analyze, store.

Every document gets an Outcome; one bad document never stops the batch. Analysis runs in
batches (``nlp.pipe``); a document already in the store is not analyzed again, only its new
origin is recorded, so a rerun after an interruption finishes what is missing.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from newsdesk.analyze import Analyzer
from newsdesk.config import Settings
from newsdesk.errors import NewsdeskError, StoreError
from newsdesk.extract import extract_one
from newsdesk.extract.html import warm_up
from newsdesk.ingest.files import InputFile, Item, Skipped, UrlInput, describe, discover, read
from newsdesk.limits import time_limit
from newsdesk.records import (
    Analysis,
    Article,
    Failure,
    RawDocument,
    input_name,
    origin_name,
)
from newsdesk.store.base import PutResult, Store

Status = Literal["stored", "present", "skipped", "failed"]
# What is analyzed once per language before the first article in it: names, a place, a date
# and a quotation, so that every component has loaded what it needs (pipelines load lazily,
# and loading one must not count against the first batch's time limit).
WARM_UP_TEXT = (
    "Paris, 5 avril 2022. « Nous restons unis », a déclaré mardi Jens Stoltenberg à Bruxelles. "
    '"We stand together," John Smith said in London on Tuesday.'
)


@dataclass(frozen=True)
class Outcome:
    """What became of one input."""

    input: str
    status: Status
    article_id: str | None = None
    title: str | None = None
    reason: str | None = None


def warm_analyzer(analyzer: Analyzer, language: str | None) -> None:
    """Load the pipeline of ``language`` and whatever the components load on first use."""
    sample = Article(
        id=f"warm-up-{language}",
        text=WARM_UP_TEXT,
        title=None,
        published="2022-04-05T16:43:00",
        language=language,
    )
    # On failure, each article in that language fails with the reason.
    with contextlib.suppress(Exception):
        analyzer.analyze_one(sample)


def failure_reason(exc: BaseException) -> str:
    if isinstance(exc, NewsdeskError):
        return exc.reason
    # A bug of ours or of a library on one odd page: report it and go on with the batch.
    return f"internal error ({type(exc).__name__}: {exc})"


def read_input(item: InputFile | RawDocument | UrlInput, settings: Settings) -> RawDocument:
    """The raw document of one item of ``discover``: a file read, a page fetched, or a
    document already read from an archive or a feed. Items are picklable, so a worker process
    can be handed any of them. Raises a NewsdeskError naming the input."""
    if isinstance(item, RawDocument):
        return item
    if isinstance(item, UrlInput):
        from newsdesk.ingest.fetch import fetch_page

        return fetch_page(item.url, settings)
    return read(item, settings.max_bytes)


def article_or_outcome(
    item: Item, settings: Settings, spent: dict[str, float] | None = None
) -> Article | Outcome:
    """One item read and extracted within the document time limit, or the Outcome saying
    why not; ``spent`` receives the seconds the extraction took."""
    if isinstance(item, Skipped):
        return Outcome(item.input, item.status, reason=item.reason)
    started = time.monotonic()
    try:
        with time_limit(settings.timeout):
            article = extract_one(read_input(item, settings), settings)
    except Exception as exc:
        return Outcome(describe(item), "failed", reason=failure_reason(exc))
    if spent is not None:
        spent[article.id] = time.monotonic() - started
    return article


def extracted(
    inputs: Iterable[Item],
    settings: Settings,
    spent: dict[str, float] | None = None,
    on_step: Callable[[], None] | None = None,
) -> Iterator[Article | Outcome]:
    """Extracted articles; ``spent`` receives the seconds each article's extraction took,
    ``on_step`` is called as each one starts (a worker telling the pool it moves on)."""
    for item in inputs:
        if on_step is not None:
            on_step()
        yield article_or_outcome(item, settings, spent)


def analyze_batch(
    analyzer: Analyzer,
    batch: list[Article],
    settings: Settings,
    spent: dict[str, float],
    on_step: Callable[[], None] | None = None,
) -> Iterator[Analysis | Outcome]:
    """Analyses of a batch; on a failure or timeout, each article again on its own, within
    what is left of its time once its extraction and the failed batch are counted.

    The batch may take half of the tightest time left to its articles, so an article whose
    batch timed out still has at least half of its own time alone, and no article ever runs
    longer in all than the setting (a batch given the whole limit, then each article the
    whole limit again, would double it). ``on_step`` is called as the batch starts and as
    each article starts alone.
    """
    if not batch:
        return
    step = on_step or (lambda: None)
    step()
    timeout = settings.timeout
    left = {a.id: max(timeout - spent.get(a.id, 0.0), 0.001) for a in batch}
    started = time.monotonic()
    try:
        # A batch of ordinary articles takes a small fraction of one document's limit.
        with time_limit(min(left.values()) / 2 if timeout > 0 else 0, "analysis batch"):
            results = list(analyzer.analyze(batch))
        yield from results
        return
    except Exception:
        pass
    lost = time.monotonic() - started
    for article in batch:
        result: Analysis | Outcome
        step()
        try:
            with time_limit(
                max(left[article.id] - lost, 0.001) if timeout > 0 else 0, limit=timeout
            ):
                result = analyzer.analyze_one(article)
        except Exception as exc:
            result = Outcome(
                input_name(article), "failed", article.id, article.title, failure_reason(exc)
            )
        yield result


def analyzed(
    inputs: Iterable[Item],
    settings: Settings,
    analyzer: Analyzer,
    skip: Store | None = None,
) -> Iterator[Analysis | Outcome]:
    """Analyses of the inputs, batched; articles already in ``skip`` come out as 'present'.

    Articles met twice in one run (the same text in two files) come out once, with both
    origins.
    """
    pending: dict[str, Article] = {}
    spent: dict[str, float] = {}
    warmed: set[str | None] = set()

    def flush() -> Iterator[Analysis | Outcome]:
        batch = list(pending.values())
        pending.clear()
        for language in {a.language for a in batch} - warmed:
            warm_analyzer(analyzer, language)  # outside every limit
            warmed.add(language)
        if batch:
            yield from analyze_batch(analyzer, batch, settings, spent)
            for article in batch:
                spent.pop(article.id, None)

    for item in extracted(inputs, settings, spent):
        if isinstance(item, Outcome):
            yield item
        elif skip is not None and skip.has(item.id):
            skip.add_origins(item.id, item.origins)
            yield Outcome(input_name(item), "present", item.id, item.title)
        elif item.id in pending:
            first = pending[item.id]
            pending[item.id] = replace(first, origins=first.origins + item.origins)
        else:
            pending[item.id] = item
            if len(pending) >= settings.batch_size:
                yield from flush()
    yield from flush()


def ingest_inputs(
    inputs: Iterable[Item],
    settings: Settings,
    store: Store,
    analyzer: Analyzer | None = None,
) -> Iterator[Outcome]:
    """Ingest ``inputs`` into ``store``, one Outcome per input (and per extra origin)."""
    analyzer = analyzer or Analyzer(settings)
    analyzer.know_corpus(store)
    warm_up()  # once per process, before any document's time limit runs
    pending: list[Analysis] = []
    for item in analyzed(inputs, settings, analyzer, skip=store):
        if isinstance(item, Outcome):
            yield item
            continue
        pending.append(item)
        if len(pending) >= settings.batch_size:
            batch, pending = pending, []
            yield from stored(batch, store)
            analyzer.know_corpus(store)  # the names just stored, read again when needed
    yield from stored(pending, store)


def stored(analyses: Sequence[Analysis], store: Store) -> Iterator[Outcome]:
    """Write ``analyses`` in one transaction, each whole or not at all: one Outcome per origin
    of each, or one "failed" Outcome with the reason for a record the store refused."""
    if not analyses:
        return
    for analysis, result in zip(analyses, store.put_many(analyses), strict=True):
        article = analysis.article
        if isinstance(result, StoreError):
            yield Outcome(input_name(article), "failed", article.id, article.title, result.reason)
            continue
        status: PutResult = result
        for origin in article.origins:
            yield Outcome(origin_name(origin, article), status, article.id, article.title)
            status = "present"


def ingest(paths: Iterable[str], settings: Settings, store: Store) -> Iterator[Outcome]:
    """Ingest files and directories (recursively) into ``store``.

    >>> from newsdesk.store.sqlite import SQLiteStore
    >>> with SQLiteStore(":memory:") as store:
    ...     first = [o.status for o in ingest(["examples/"], Settings(), store)]
    ...     again = [o.status for o in ingest(["examples/"], Settings(), store)]
    >>> first, again
    (['stored', 'stored'], ['present', 'present'])
    """
    return ingest_inputs(discover(paths, settings), settings, store)


def extract_paths(paths: Iterable[str], settings: Settings) -> Iterator[Article | Failure]:
    """The extract stage alone over files and directories."""
    for item in extracted(discover(paths, settings), settings):
        if isinstance(item, Outcome):
            if item.status == "failed":
                yield Failure(item.input, item.reason or "failed")
        else:
            yield item


def analyze_paths(paths: Iterable[str], settings: Settings) -> Iterator[Analysis | Failure]:
    """Extract and analyze files and directories; nothing is stored."""
    for item in analyzed(discover(paths, settings), settings, Analyzer(settings)):
        if isinstance(item, Outcome):
            if item.status == "failed":
                yield Failure(item.input, item.reason or "failed")
        else:
            yield item
