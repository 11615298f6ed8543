"""Commands over the relations between articles: stories, story, statements, statement."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from newsdesk.cli.common import DbOption, JsonOption, fail, out, print_json
from newsdesk.cli.queries import QUOTE_WIDTH, open_store, shorten
from newsdesk.errors import UsageError
from newsdesk.store import relations_queries as rq

Limit = Annotated[int, typer.Option("--limit", help="Rows to show.")]
Offset = Annotated[int, typer.Option("--offset", help="Rows to skip first.")]


def _day(value: str | None) -> str:
    return (value or "undated")[:10]


def stories(
    min_articles: Annotated[
        int, typer.Option("--min-articles", help="Only stories with this many articles.")
    ] = 2,
    limit: Limit = 20,
    offset: Offset = 0,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Stories: articles about one event across outlets and languages, latest first."""
    with open_store(db) as store:
        try:
            found, total = rq.stories(
                store.select, min_articles=min_articles, limit=limit, offset=offset
            )
        except UsageError as exc:
            raise fail(str(exc), 2) from None
    if as_json:
        for story_ in found:
            print_json(asdict(story_))
        return
    if not found:
        out.print(f"no story of {min_articles} article(s) or more", markup=False)
        return
    table = Table(title=f"stories ({total:,})", title_justify="left")
    for column in ("story", "title", "articles", "outlets", "languages", "first seen", "last seen"):
        table.add_column(column, justify="right" if column in ("articles", "outlets") else "left")
    for s in found:
        table.add_row(
            Text(s.id[:12], style="dim"),
            Text(s.title or "(no title)"),
            str(s.articles),
            str(s.outlets),
            ",".join(s.languages),
            _day(s.first_seen),
            _day(s.last_seen),
        )
    out.print(table)


def story(
    story_id: Annotated[str, typer.Argument(help="A story id, or the id of one of its articles.")],
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """One story: its articles on a timeline, the first seen first."""
    with open_store(db) as store:
        detail = rq.story(store.select, story_id)
    if detail is None:
        raise fail(f"no story {story_id!r} in the store; `newsdesk stories` lists them", 1)
    if as_json:
        print_json(asdict(detail))
        return
    s = detail.story
    out.print(Text(s.title or "(no title)", style="bold"))
    out.print(
        f"story {s.id} · {s.articles} article(s) from {s.outlets} outlet(s) in "
        f"{', '.join(s.languages) or 'unknown languages'} · {_day(s.first_seen)} … "
        f"{_day(s.last_seen)}",
        markup=False,
    )
    for ref in detail.timeline:
        out.print(
            f"  {(ref.seen or ref.fetched or 'undated')[:16]:16}  {ref.language or '??'}  "
            f"{ref.outlet or 'unknown outlet'}  {ref.title or '(no title)'}  {ref.id[:12]}",
            markup=False,
        )


def statements(
    speaker: Annotated[
        str | None, typer.Option("--speaker", help="An entity id or words of the speaker's name.")
    ] = None,
    min_carriers: Annotated[
        int, typer.Option("--min-carriers", help="Only statements carried by this many articles.")
    ] = 1,
    limit: Limit = 20,
    offset: Offset = 0,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Statements: one speaker's words across the articles that carry them, with where they
    first appeared."""
    with open_store(db) as store:
        try:
            found, total = rq.statements(
                store.select, speaker, min_carriers=min_carriers, limit=limit, offset=offset
            )
            details = [rq.statement(store.select, s.id) for s in found] if as_json else []
        except UsageError as exc:
            raise fail(str(exc), 2) from None
    if as_json:
        for detail in details:
            print_json(asdict(detail) if detail else None)
        return
    if not found:
        out.print("no statements" + (f" by {speaker}" if speaker else ""), markup=False)
        return
    table = Table(title=f"statements ({total:,})", title_justify="left")
    for column in ("speaker", "statement", "articles", "languages", "first seen", "first in"):
        table.add_column(column, overflow="fold")
    for s in found:
        table.add_row(
            s.speaker,
            Text(shorten(s.text.replace("\n", " "), QUOTE_WIDTH)),
            str(s.carriers),
            ",".join(s.languages),
            _day(s.first_seen),
            Text(s.first_article_id[:12], style="dim"),
        )
    out.print(table)
