"""Commands for large runs: ``run`` (Ray Data or in-process, to Parquet) and ``load``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, cast

import typer

from newsdesk.cli.common import DbOption, err, fail, load_settings, out
from newsdesk.cli.stages import AllowPrivateOption, FetchOption, TimeoutOption, UrlsOption
from newsdesk.errors import NewsdeskError, UsageError
from newsdesk.records import Failure

# Failures printed after a summary; the rest stay in the errors/ dataset.
SHOWN_FAILURES = 10

SourcesArgument = Annotated[
    list[str] | None,
    typer.Argument(
        help="Files (.html, .htm, .txt; web archives .warc/.arc; feeds .rss/.atom/.xml; and .gz "
        "of them), directories, URIs of directories and files (s3://bucket/prefix/), or http(s) "
        "URLs of pages or feeds."
    ),
]


def _show_failures(failures: list[Failure], total: int) -> None:
    for failure in failures[:SHOWN_FAILURES]:
        err.print(f"{failure.input}: {failure.reason}", markup=False)
    if total > SHOWN_FAILURES:
        err.print(f"… and {total - SHOWN_FAILURES} more in the errors/ dataset", markup=False)


def run(
    out_dir: Annotated[
        Path, typer.Option("--out", help="Directory for the Parquet output (must be new).")
    ],
    sources: SourcesArgument = None,
    engine: Annotated[
        str, typer.Option("--engine", help="ray (Ray Data) or local (this process).")
    ] = "ray",
    actors: Annotated[
        int, typer.Option("--actors", help="Analysis actors (one CPU and one set of models each).")
    ] = 2,
    address: Annotated[
        str | None,
        typer.Option("--address", help="Ray cluster to join (default: start a local Ray)."),
    ] = None,
    timeout: TimeoutOption = None,
    urls: UrlsOption = None,
    fetch: FetchOption = False,
    allow_private: AllowPrivateOption = False,
) -> None:
    """Extract and analyze many sources into partitioned Parquet (see `newsdesk load`)."""
    from newsdesk.run.distributed import Engine
    from newsdesk.run.distributed import run as run_engine
    from newsdesk.store.parquet import read_errors

    settings = load_settings(
        timeout=timeout, fetch=fetch or None, allow_private=allow_private or None
    )
    if engine not in ("ray", "local"):
        raise fail(f"engine: expected ray or local, got {engine!r}", 2)
    if not sources and not urls:
        raise fail("nothing to run: give files, directories, URIs, URLs or --urls FILE", 2)
    try:
        summary = run_engine(
            cast(Engine, engine), sources or [], out_dir, settings, actors, address, urls or []
        )
    except UsageError as exc:
        raise fail(str(exc), 2) from None
    except NewsdeskError as exc:
        raise fail(str(exc), 1) from None
    if summary.failed:
        _show_failures(read_errors(out_dir), summary.failed)
    out.print(
        f"articles {summary.articles}, failed {summary.failed}, skipped {summary.skipped} "
        f"in {summary.seconds:.1f} s — output {out_dir}",
        markup=False,
    )
    if summary.failed:
        raise typer.Exit(1)


def load(
    directory: Annotated[Path, typer.Argument(help="Output directory of `newsdesk run`.")],
    db: DbOption = None,
) -> None:
    """Bring the Parquet output of `newsdesk run` into the database."""
    from newsdesk.store.parquet import load as load_parquet
    from newsdesk.store.sqlite import SQLiteStore

    settings = load_settings(db=db)
    try:
        with SQLiteStore(settings.db) as store:
            summary = load_parquet(directory, store)
    except NewsdeskError as exc:
        raise fail(str(exc), 1) from None
    if summary.failed:
        _show_failures(list(summary.failures), summary.failed)
    for failure in summary.refused:  # rare, and nowhere else to read
        err.print(f"{failure.input}: refused by the store: {failure.reason}", markup=False)
    refused = f", refused by the store {len(summary.refused)}" if summary.refused else ""
    out.print(
        f"stored {summary.stored}, already present {summary.present}, "
        f"failed in the run {summary.failed}{refused} — database {settings.db}",
        markup=False,
    )
    if summary.refused:
        raise typer.Exit(1)
