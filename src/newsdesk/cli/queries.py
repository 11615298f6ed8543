"""Commands that read the store: search, quotes, show, stats."""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table
from rich.text import Text

from newsdesk import coverage
from newsdesk.cli.common import DbOption, JsonOption, fail, load_settings, out, print_json
from newsdesk.errors import NewsdeskError, UsageError

if TYPE_CHECKING:
    from pathlib import Path

    from newsdesk.store.base import QuoteHit
    from newsdesk.store.sqlite import SQLiteStore

# Longest quotation shown whole in the quotes table; longer ones are cut at a word.
QUOTE_WIDTH = 200


def open_store(db: Path | None, read_only: bool = False) -> SQLiteStore:
    """The store at ``db`` (or the configured one); exits with a message when there is none.
    Opened ``read_only``, a file at an older schema is not upgraded but refused."""
    from newsdesk.store.sqlite import SQLiteStore

    path = load_settings(db=db).db
    if not path.exists():
        raise fail(f"{path}: no database here yet; run `newsdesk ingest PATH…` first", 1)
    try:
        return SQLiteStore(path, read_only=read_only)
    except NewsdeskError as exc:
        raise fail(str(exc), 1) from None


def search(
    query: Annotated[str, typer.Argument(help='Words, "exact phrases", prefix*, OR.')],
    lang: Annotated[
        str | None, typer.Option("--lang", help="Only this language (fr, en…).")
    ] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="Published on or after (2022-04-05).")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", help="Results to show.")] = 20,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Full-text search over titles and texts, accents and case ignored, best first."""
    with open_store(db) as store:
        try:
            hits = store.search(query, language=lang, since=since, limit=limit)
            total = store.search_count(query, language=lang, since=since)
        except UsageError as exc:
            raise fail(str(exc), 2) from None
    if as_json:
        for hit in hits:
            record = asdict(hit)
            record["snippet"] = hit.snippet_text
            record["snippet_parts"] = [list(part) for part in hit.snippet]
            print_json(record)
        return
    out.print(f"{total} article(s) match {query!r}" + (f", showing {len(hits)}" if hits else ""))
    for rank, hit in enumerate(hits, 1):
        source = hit.source.name or hit.source.domain or "unknown source"
        out.print(
            f"\n{rank}. {hit.title or '(no title)'}\n"
            f"   {hit.published or 'undated'} · {hit.language or '??'} · {source} · {hit.id[:12]}",
            markup=False,
        )
        snippet = Text("   ")
        for part in hit.snippet:
            snippet.append(part.text.replace("\n", " "), style="bold reverse" if part.match else "")
        out.print(snippet)


def quotes(
    speaker: Annotated[
        str | None,
        typer.Option("--speaker", help="Said by this person: full name or surname, any case."),
    ] = None,
    lang: Annotated[
        str | None, typer.Option("--lang", help="Only articles in this language (fr, en…).")
    ] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="Published on or after (2022-04-05).")
    ] = None,
    min_confidence: Annotated[
        float | None,
        typer.Option(
            "--min-confidence",
            help="Only quotations, and speakers, at least this sure (0–1; 0.9: about nine in "
            "ten such attributions are right).",
        ),
    ] = None,
    limit: Annotated[int, typer.Option("--limit", help="Quotations to show.")] = 20,
    offset: Annotated[int, typer.Option("--offset", help="Quotations to skip first.")] = 0,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Who said what: stored quotations, newest articles first."""
    sure = min_confidence
    with open_store(db) as store:
        try:
            hits = store.quotes(
                speaker, language=lang, since=since, min_confidence=sure, limit=limit, offset=offset
            )
            total = store.quotes_count(speaker, language=lang, since=since, min_confidence=sure)
        except UsageError as exc:
            raise fail(str(exc), 2) from None
    if as_json:
        for hit in hits:
            print_json(hit.to_json())
        return
    if not total:
        out.print("no quotations match", markup=False)
        return
    shown = f", showing {offset + 1}–{offset + len(hits)}" if hits else ", none from this offset"
    table = Table(title=f"{total} quotation(s) match{shown}", title_justify="left")
    for column in ("speaker", "quotation", "kind", "date", "article"):
        table.add_column(column, overflow="fold")
    for hit in hits:
        article = Text(hit.title or "(no title)")
        article.append(f" {hit.article_id[:12]}", style="dim")
        table.add_row(
            _speaker_cell(hit),
            Text(shorten(hit.quote.text.replace("\n", " "), QUOTE_WIDTH)),
            hit.quote.kind,
            (hit.published or "undated")[:10],
            article,
        )
    out.print(table)


# Below this speaker confidence, an attribution is shown as uncertain.
UNCERTAIN = 0.7


def _speaker_cell(hit: QuoteHit) -> Text:
    if hit.quote.speaker:
        sure = hit.quote.speaker_confidence
        if sure is not None and sure < UNCERTAIN:
            return Text(f"{hit.quote.speaker}? (uncertain, {sure:.2f})", style="yellow")
        return Text(hit.quote.speaker)
    mention = hit.quote.speaker_mention
    return Text(f"{mention} (unnamed)" if mention else "(unknown)", style="italic dim")


def shorten(text: str, width: int) -> str:
    """``text`` if it fits in ``width`` characters, else cut at a word and ended with ``…``.

    >>> shorten("Nous resterons unis face à cette guerre.", 24)
    'Nous resterons unis face…'
    >>> shorten("Nous resterons unis face à cette guerre.", 22)
    'Nous resterons unis…'
    """
    if len(text) <= width:
        return text
    cut = text[:width]
    if not text[width].isspace() and " " in cut:  # the last word is cut through: drop it
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:") + "…"


def show(
    article_id: Annotated[str, typer.Argument(metavar="ID", help="Article id or a prefix of it.")],
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """One stored article: metadata, origins, entities and text."""
    from newsdesk.serialize import analysis_to_json

    with open_store(db) as store:
        try:
            analysis = store.get(article_id)
        except UsageError as exc:
            raise fail(str(exc), 2) from None
    if analysis is None:
        raise fail(f"no article with id {article_id!r}", 1)
    if as_json:
        print_json(analysis_to_json(analysis))
        return
    a = analysis.article
    out.print(Text(a.title or "(no title)", style="bold"))
    out.print(
        f"id {a.id}\npublished {a.published or '-'} · language {a.language or '-'} · "
        f"source {a.source.name or a.source.domain or '-'}"
        + (f" · by {', '.join(a.authors)}" if a.authors else ""),
        markup=False,
    )
    if told := coverage.note(a.language, load_settings().models):
        out.print(told, markup=False, style="yellow")
    for origin in a.origins:
        out.print(f"origin {origin.path or origin.url}", markup=False)
    if analysis.entities:
        out.print("entities:", markup=False)
        for e in analysis.entities:
            sure = "" if e.confidence is None else f"  (confidence {e.confidence:.1f}, no model)"
            out.print(f"  {e.label:4} {e.name} ×{len(e.mentions)}{sure}", markup=False)
    if analysis.quotes:
        out.print("quotations:", markup=False)
        for q in analysis.quotes:
            who = q.speaker or (f"{q.speaker_mention} (unnamed)" if q.speaker_mention else "?")
            words = q.text if len(q.text) <= 120 else q.text[:119].rstrip() + "…"
            out.print(f"  {who} · {q.kind} · {words}", markup=False)
    out.print("")
    out.print(a.text, markup=False)


def stats(as_json: JsonOption = False, db: DbOption = None) -> None:
    """Counts of what the store holds, per language and per source."""
    with open_store(db) as store:
        numbers = store.stats()
    if as_json:
        print_json(asdict(numbers))
        return
    table = Table(title="newsdesk store", show_header=False)
    for name in ("articles", "origins", "entities", "mentions", "quotes", "places", "dates"):
        table.add_row(name, f"{getattr(numbers, name):,}")
    if numbers.first_published:
        table.add_row("published", f"{numbers.first_published} … {numbers.last_published}")
    out.print(table)
    models = load_settings().models
    for title, rows in (("language", numbers.languages), ("source", numbers.sources)):
        part = Table(title=f"articles per {title}")
        part.add_column(title)
        part.add_column("articles", justify="right")
        if title == "language":  # what the analysis of each language gives (coverage.depth)
            part.add_column("analysis")
        for name, count in rows:
            depth = [coverage.depth(name, models)] if title == "language" else []
            part.add_row(name, f"{count:,}", *depth)
        out.print(part)
