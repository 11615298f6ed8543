"""Commands that run the pipeline stages: ingest, extract, analyze."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sized
from typing import Annotated, Any

import typer

from newsdesk.cli.common import DbOption, JsonOption, err, fail, load_settings, out, print_json
from newsdesk.errors import NewsdeskError, UsageError

_SOURCES_HELP = (
    "Files (.html, .htm, .txt; web archives .warc/.arc; feeds .rss/.atom/.xml; and .gz of "
    "them), directories, or http(s) URLs of pages or feeds."
)
PathsArgument = Annotated[list[str], typer.Argument(help=_SOURCES_HELP)]
SourcesArgument = Annotated[list[str] | None, typer.Argument(help=_SOURCES_HELP)]
UrlsOption = Annotated[
    list[str] | None,
    typer.Option("--urls", help="A file of URLs to fetch, one per line, # comments (repeatable)."),
]
FetchOption = Annotated[
    bool,
    typer.Option("--fetch", help="Fetch the pages that feed entries only link to."),
]
AllowPrivateOption = Annotated[
    bool,
    typer.Option(
        "--allow-private", help="Let fetching reach private, loopback and link-local addresses."
    ),
]
TimeoutOption = Annotated[
    float | None, typer.Option("--timeout", help="Seconds one document may take (default 30).")
]

WorkersOption = Annotated[
    int,
    typer.Option(
        "--workers",
        min=0,
        help=(
            "Worker processes that extract and analyze; the parent alone writes the store. "
            "0: all in this process, where a page stuck in C code cannot be stopped."
        ),
    ),
]
ProgressOption = Annotated[
    bool | None,
    typer.Option(
        "--progress/--no-progress",
        help="Show rate, counts and time left on stderr (default: only on a terminal).",
    ),
]

PROGRESS_ABOVE = 3  # files; fewer finish before a bar would be worth drawing


def ingest(
    paths: SourcesArgument = None,
    urls: UrlsOption = None,
    fetch: FetchOption = False,
    allow_private: AllowPrivateOption = False,
    db: DbOption = None,
    timeout: TimeoutOption = None,
    workers: WorkersOption = 1,
    show: ProgressOption = None,
) -> None:
    """Extract, analyze and store articles; report stored, already present and failed."""
    from newsdesk.ingest.files import Item, discover, streams
    from newsdesk.run.local import ingest_inputs
    from newsdesk.run.pool import ingest_pool
    from newsdesk.run.progress import IngestProgress, show_progress
    from newsdesk.store.sqlite import SQLiteStore

    settings = load_settings(
        db=db, timeout=timeout, fetch=fetch or None, allow_private=allow_private or None
    )
    if not paths and not urls:
        raise fail("nothing to ingest: give files, directories, URLs or --urls FILE", 2)
    # An archive or a feed is read as it is consumed, never listed whole in memory.
    inputs: Iterable[Item] = discover(paths or [], settings, url_files=urls or [])
    if not streams(paths or [], urls or []):
        inputs = list(inputs)
    skipped: Counter[str] = Counter()
    failures: list[tuple[str, str]] = []
    try:
        store = SQLiteStore(settings.db)
    except NewsdeskError as exc:
        raise fail(str(exc), 1) from None
    # Files are counted up front; a streamed source has no known total, hence no ETA.
    total = len(inputs) if isinstance(inputs, Sized) else None
    if show is None and total is not None and total <= PROGRESS_ABOVE:
        show = False
    progress = IngestProgress(total, show=show_progress(show), console=err)
    with store, progress:
        if workers > 0:
            outcomes = ingest_pool(inputs, settings, store, workers, total=total)
        else:
            outcomes = ingest_inputs(inputs, settings, store)
        for outcome in outcomes:
            progress.advance(outcome.status)
            if outcome.status == "failed":
                failures.append((outcome.input, outcome.reason or "failed"))
                progress.note(f"{outcome.input}: {outcome.reason}")
            elif outcome.status == "skipped":
                skipped[outcome.reason or "skipped"] += 1
    counts = progress.counts
    out.print(
        f"stored {counts['stored']}, already present {counts['present']}, "
        f"skipped {counts['skipped']}, failed {counts['failed']} — database {settings.db}",
        markup=False,
    )
    if skipped:
        reasons = " · ".join(f"{n} {reason}" for reason, n in skipped.most_common())
        out.print(f"skipped: {reasons}", markup=False)
    if failures:
        raise typer.Exit(1)


def _records(items: Iterator[Any], as_json: bool, render: Any) -> int:
    from newsdesk.records import Failure

    failed = 0
    for item in items:
        if isinstance(item, Failure):
            failed += 1
            err.print(f"{item.input}: {item.reason}", markup=False)
        elif as_json:
            print_json(render(item))
        else:
            out.print(_summary_line(item), markup=False)
    return failed


def _summary_line(item: Any) -> str:
    from newsdesk.records import Analysis

    article = item.article if isinstance(item, Analysis) else item
    line = (
        f"{article.id[:12]}  {article.language or '??'}  {article.published or '-':19}  "
        f"{article.title or '(no title)'}  [{len(article.text):,} chars]"
    )
    if isinstance(item, Analysis):
        names = ", ".join(
            f"{e.name} ({e.label}{'' if e.confidence is None else f' {e.confidence:.1f}'})"
            for e in item.entities[:12]
        )
        line += f"\n    entities: {names or '-'}"
        counts = f"quotes: {len(item.quotes)}, places: {len(item.places)}"
        line += f"\n    {counts}, dates: {len(item.dates)}"
        line += "".join(f"\n      {_quote_line(q)}" for q in item.quotes[:SUMMARY_QUOTES])
        if len(item.quotes) > SUMMARY_QUOTES:
            line += f"\n      … {len(item.quotes) - SUMMARY_QUOTES} more (--json lists all)"
    return line


# Quotations shown under an analysed article, and the words kept of each.
SUMMARY_QUOTES = 12
SUMMARY_QUOTE_CHARS = 90


def _quote_line(quote: Any) -> str:
    """``Jens Stoltenberg (0.96): « Nous restons unis »``; an unknown speaker shows as ``?``."""
    words = " ".join(quote.text.split())
    if len(words) > SUMMARY_QUOTE_CHARS:
        words = words[: SUMMARY_QUOTE_CHARS - 1].rstrip() + "…"
    sure = "" if quote.speaker_confidence is None else f" ({quote.speaker_confidence:.2f})"
    return f"{quote.speaker or '?'}{sure} [{quote.kind}]: « {words} »"


def extract(
    paths: PathsArgument, as_json: JsonOption = False, timeout: TimeoutOption = None
) -> None:
    """Extract clean text and metadata only; nothing is stored."""
    from newsdesk.run.local import extract_paths
    from newsdesk.serialize import article_to_json

    settings = load_settings(timeout=timeout)
    if _records(extract_paths(paths, settings), as_json, article_to_json):
        raise typer.Exit(1)


def analyze(
    paths: PathsArgument, as_json: JsonOption = False, timeout: TimeoutOption = None
) -> None:
    """Extract and analyze; print the records, store nothing."""
    from newsdesk.run.local import analyze_paths
    from newsdesk.serialize import analysis_to_json

    settings = load_settings(timeout=timeout)
    try:
        if _records(analyze_paths(paths, settings), as_json, analysis_to_json):
            raise typer.Exit(1)
    except UsageError as exc:
        raise fail(str(exc), 2) from None
    except NewsdeskError as exc:
        raise fail(str(exc), 1) from None


BenchWorkersOption = Annotated[
    int,
    typer.Option(
        "--workers",
        min=0,
        help="Also ingest the pages with this many worker processes and report that run.",
    ),
]


def bench(
    paths: PathsArgument, workers: BenchWorkersOption = 0, timeout: TimeoutOption = None
) -> None:
    """Measure ingest on your own pages: CPU time and pages/s per stage; nothing is kept."""
    import os

    from newsdesk.ingest.files import discover
    from newsdesk.run.profile import profile_pool, profile_stages

    settings = load_settings(timeout=timeout)
    items = list(discover(paths, settings))
    if not items:
        raise fail("nothing to measure: no pages found there", 2)
    try:
        profile = profile_stages(items, settings)
    except NewsdeskError as exc:
        raise fail(str(exc), 1) from None
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    out.print(
        f"{profile.pages} pages ({profile.failed} failed) in one process: "
        f"{profile.pages / max(profile.wall, 1e-9):.1f} pages/s wall, "
        f"{profile.pages / max(profile.cpu, 1e-9):.1f} pages/s per core of CPU; "
        f"load average {load:.2f} on {os.cpu_count()} CPUs",
        markup=False,
    )
    for line in profile.clock.table(profile.pages):
        out.print(line, markup=False)
    if workers > 0:
        for line in profile_pool(items, settings, workers).lines():
            out.print(line, markup=False)
