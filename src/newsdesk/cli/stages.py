"""Commands that run the pipeline stages: ingest, extract, analyze."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Annotated, Any

import typer

from newsdesk.cli.common import DbOption, JsonOption, err, fail, load_settings, out, print_json
from newsdesk.errors import NewsdeskError, UsageError

PathsArgument = Annotated[
    list[str], typer.Argument(help="Files (.html, .htm, .txt, and .gz of them) or directories.")
]
TimeoutOption = Annotated[
    float | None, typer.Option("--timeout", help="Seconds one document may take (default 30).")
]

PROGRESS_ABOVE = 3  # files; fewer finish before a bar would be worth drawing


def ingest(paths: PathsArgument, db: DbOption = None, timeout: TimeoutOption = None) -> None:
    """Extract, analyze and store articles; report stored, already present and failed."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    from newsdesk.ingest.files import discover
    from newsdesk.run.local import ingest_inputs
    from newsdesk.store.sqlite import SQLiteStore

    settings = load_settings(db=db, timeout=timeout)
    inputs = list(discover(paths))
    counts: Counter[str] = Counter()
    failures: list[tuple[str, str]] = []
    try:
        store = SQLiteStore(settings.db)
    except NewsdeskError as exc:
        raise fail(str(exc), 1) from None
    progress = Progress(
        TextColumn("[bold]ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[counts]}"),
        TimeRemainingColumn(),
        console=err,
        disable=len(inputs) <= PROGRESS_ABOVE,
    )
    with store, progress:
        task = progress.add_task("ingest", total=len(inputs), counts="")
        for outcome in ingest_inputs(inputs, settings, store):
            counts[outcome.status] += 1
            if outcome.status == "failed":
                failures.append((outcome.input, outcome.reason or "failed"))
                progress.console.print(f"{outcome.input}: {outcome.reason}", markup=False)
            progress.update(
                task,
                advance=1,
                counts=f"stored {counts['stored']} · present {counts['present']} · "
                f"failed {counts['failed']}",
            )
    out.print(
        f"stored {counts['stored']}, already present {counts['present']}, "
        f"skipped {counts['skipped']}, failed {counts['failed']} — database {settings.db}",
        markup=False,
    )
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
        names = ", ".join(f"{e.name} ({e.label})" for e in item.entities[:12])
        line += f"\n    entities: {names or '-'}"
    return line


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
