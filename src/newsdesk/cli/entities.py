"""Commands over the entities of the whole corpus: entities, entity."""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table
from rich.text import Text

from newsdesk.cli.common import DbOption, JsonOption, fail, out, print_json
from newsdesk.cli.queries import QUOTE_WIDTH, open_store, shorten
from newsdesk.errors import UsageError

if TYPE_CHECKING:
    from newsdesk.store.base import CorpusEntity


LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help="Name each entity as articles in this language write it most (en: Germany).",
        metavar="LANG",
    ),
]


def _seen(entity: CorpusEntity) -> tuple[str, str]:
    return ((entity.first_seen or "-")[:10], (entity.last_seen or "-")[:10])


def entities(
    kind: Annotated[
        str | None,
        typer.Option("--type", help="Only this kind: PER, ORG, LOC or MISC.", metavar="TYPE"),
    ] = None,
    limit: Annotated[int, typer.Option("--limit", help="Entities to show.")] = 50,
    offset: Annotated[int, typer.Option("--offset", help="Entities to skip first.")] = 0,
    lang: LangOption = None,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """People, organisations and places across the corpus, most mentioned first."""
    with open_store(db) as store:
        try:
            found = store.entities(kind, limit=limit, offset=offset, language=lang)
        except UsageError as exc:
            raise fail(str(exc), 2) from None
    if as_json:
        for entity in found:
            print_json(asdict(entity))
        return
    if not found:
        out.print("no entities" + (f" of type {kind.upper()}" if kind else ""), markup=False)
        return
    table = Table(title=f"entities{f' ({kind.upper()})' if kind else ''}", title_justify="left")
    for column in ("name", "type", "mentions", "articles", "first seen", "last seen", "wikidata"):
        table.add_column(column, justify="right" if column in ("mentions", "articles") else "left")
    for entity in found:
        name = Text(entity.name)
        if entity.aliases:
            name.append(f" ({', '.join(entity.aliases[:3])})", style="dim")
        table.add_row(
            name,
            entity.label,
            f"{entity.mentions:,}",
            f"{entity.articles:,}",
            *_seen(entity),
            entity.wikidata or "",
        )
    out.print(table)


def entity(
    name: Annotated[str, typer.Argument(help="A name, a form (OTAN, Stoltenberg) or an id.")],
    limit: Annotated[int, typer.Option("--limit", help="Articles and quotations to show.")] = 20,
    lang: LangOption = None,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """One entity across the corpus: its forms, the articles naming it, its quotations."""
    with open_store(db) as store:
        try:
            detail = store.entity(name, limit=limit, language=lang)
        except UsageError as exc:
            raise fail(str(exc), 2) from None
    if detail is None:
        raise fail(f"no entity named {name!r} in the store; `newsdesk entities` lists them", 1)
    if as_json:
        print_json(detail.to_json())
        return
    e = detail.entity
    first, last = _seen(e)
    out.print(Text(e.name, style="bold"))
    out.print(
        f"{e.label} · id {e.id}"
        + (f" · wikidata {e.wikidata}" if e.wikidata else "")
        + f"\n{e.mentions:,} mention(s) in {e.articles:,} article(s), {first} … {last}",
        markup=False,
    )
    if len(detail.ids) > 1:
        out.print(f"also known by id {', '.join(detail.ids[1:])}", markup=False)
    if detail.aliases:
        out.print("aliases:", markup=False)
        for alias in detail.aliases:
            out.print(f"  {alias.alias} ({alias.language or '??'}) ×{alias.mentions}", markup=False)
    out.print("articles:", markup=False)
    for article in detail.articles:
        out.print(
            f"  {(article.published or 'undated')[:10]}  {article.title or '(no title)'}"
            f"  {article.id[:12]}",
            markup=False,
        )
    if detail.others:
        out.print("other entities of that name:", markup=False)
        for other in detail.others:
            out.print(f"  {other.name} ({other.label}) ×{other.mentions}  {other.id}", markup=False)
    if detail.quotes:
        table = Table(title="quotations", title_justify="left")
        for column in ("quotation", "kind", "date", "article"):
            table.add_column(column, overflow="fold")
        for hit in detail.quotes:
            table.add_row(
                Text(shorten(hit.quote.text.replace("\n", " "), QUOTE_WIDTH)),
                hit.quote.kind,
                (hit.published or "undated")[:10],
                Text(hit.article_id[:12], style="dim"),
            )
        out.print(table)
