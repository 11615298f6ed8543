"""Reading the entities of the corpus (the tables ``corpus.py`` keeps): the list, most
mentioned first, and one entity found by id, name or any form it is written in.

Asked for in a language, an entity is shown by the form articles in that language write most
(``Germany`` and ``Moscow`` for an English reader of a corpus that met ``Allemagne`` and
``Moscou`` first), its other forms, the canonical name among them, as aliases; an entity no
article of that language names keeps its canonical name."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import fields
from typing import Any

from newsdesk.errors import UsageError
from newsdesk.records import Quote, name_key
from newsdesk.store.base import (
    CorpusEntity,
    EntityAlias,
    EntityArticle,
    EntityDetail,
    QuoteHit,
    check_page,
)
from newsdesk.store.corpus import facts_linker, member_ids, row_exists

LABELS = ("PER", "ORG", "LOC", "MISC")
_ENTITY_COLUMNS = "id, name, label, wikidata, articles, mentions, first_seen, last_seen"
_QUOTE_FIELDS = tuple(f.name for f in fields(Quote))


# A store's reader: a connection, or a function running one query (``SQLiteStore.select``).
Select = Callable[[str, Sequence[Any]], Iterable[Sequence[Any]]]


def display_names(
    conn: sqlite3.Connection | Select, ids: Sequence[str], language: str | None
) -> dict[str, str]:
    """The name each of the corpus entities ``ids`` is shown by to a reader of ``language``:
    the form articles in that language write most (the longest, then the first in order,
    among equals) — or, when that form is the end of a longer one they write (a surname after
    the full name given once: ``Trump`` of ``Donald Trump``), the most written of those longer
    forms. Entities no article of that language names are left out."""
    if not ids or not language:
        return {}
    select = conn.execute if isinstance(conn, sqlite3.Connection) else conn
    marks = ", ".join("?" * len(ids))
    forms: dict[str, list[str]] = {}
    for entity_id, alias in select(
        f"SELECT entity_id, alias FROM entity_aliases WHERE entity_id IN ({marks})"
        " AND language = ? ORDER BY entity_id, mentions DESC, length(alias) DESC, alias",
        (*ids, language.lower()),
    ):
        forms.setdefault(entity_id, []).append(alias)
    return {entity_id: fuller_form(written) for entity_id, written in forms.items()}


def fuller_form(written: Sequence[str]) -> str:
    """Of the forms of one name, most written first, the first — or the first of the longer
    forms that end with it as whole words.

    >>> fuller_form(["Trump", "Donald Trump", "Donald J. Trump"])
    'Donald Trump'
    >>> fuller_form(["Paris", "Gare de Paris-Est"])
    'Paris'
    """
    most = written[0]
    longer = [form for form in written[1:] if form.endswith(" " + most)]
    return longer[0] if longer else most


def _aliases(conn: sqlite3.Connection, rows: Sequence[tuple[Any, ...]]) -> dict[str, list[str]]:
    ids = [row[0] for row in rows]
    found: dict[str, list[str]] = {i: [] for i in ids}
    if not ids:
        return found
    marks = ", ".join("?" * len(ids))
    names = {row[0]: row[1] for row in rows}
    for entity_id, alias in conn.execute(
        f"SELECT entity_id, alias FROM entity_aliases WHERE entity_id IN ({marks})"
        " GROUP BY entity_id, alias ORDER BY entity_id, sum(mentions) DESC, alias",
        ids,
    ):
        if alias != names[entity_id]:
            found[entity_id].append(alias)
    return found


def _entities(
    conn: sqlite3.Connection, rows: Sequence[tuple[Any, ...]], language: str | None = None
) -> list[CorpusEntity]:
    shown = display_names(conn, [row[0] for row in rows], language)
    canonical = {row[0]: row[1] for row in rows}
    rows = [(row[0], shown.get(row[0], row[1]), *row[2:]) for row in rows]
    aliases = _aliases(conn, rows)
    for entity_id, name in shown.items():
        # Shown by another form, the canonical name is the first of its aliases.
        if name != canonical[entity_id]:
            others = [a for a in aliases[entity_id] if a != canonical[entity_id]]
            aliases[entity_id] = [canonical[entity_id], *others]
    return [
        CorpusEntity(
            id=row[0],
            name=row[1],
            label=row[2],
            wikidata=row[3],
            aliases=tuple(aliases[row[0]]),
            articles=row[4],
            mentions=row[5],
            first_seen=row[6],
            last_seen=row[7],
        )
        for row in rows
    ]


def check_label(label: str | None) -> str | None:
    """``label`` in upper case; raises ``UsageError`` when it is not an entity label."""
    if label is None:
        return None
    if label.upper() not in LABELS:
        raise UsageError(f"entities: no entity type {label!r}; the types are {', '.join(LABELS)}")
    return label.upper()


def list_entities(
    conn: sqlite3.Connection,
    label: str | None,
    limit: int,
    offset: int,
    language: str | None = None,
) -> list[CorpusEntity]:
    """Corpus entities, most mentioned first, named for a reader of ``language`` (see
    ``Store.entities``)."""
    check_page(limit, offset, "entities")
    kind = check_label(label)
    where, params = ("WHERE label = ?", [kind]) if kind else ("", [])
    rows = conn.execute(
        f"SELECT {_ENTITY_COLUMNS} FROM corpus_entities {where}"
        " ORDER BY mentions DESC, articles DESC, name, id LIMIT ? OFFSET ?",
        (*params, limit, offset),
    ).fetchall()
    return _entities(conn, rows, language)


def resolve(conn: sqlite3.Connection, name_or_id: str) -> str | None:
    """The corpus entity ``name_or_id`` names: an id, an id merged into one, or the most
    mentioned of the entities a name matches (see ``matches``)."""
    found = matches(conn, name_or_id)
    return found[0] if found else None


def matches(conn: sqlite3.Connection, name_or_id: str) -> list[str]:
    """The ids of the corpus entities ``name_or_id`` may mean, most mentioned first: an id (or
    one merged into another) alone; else every entity whose name, a form articles write, or a
    person's surname is that name, or a known fact of that name. ``Trump`` gives the person
    Donald Trump (37 mentions) before an organisation ``Trump`` (2 mentions)."""
    text = name_or_id.strip()
    if not text:
        return []
    if row_exists(conn, text):
        return [text]
    row = conn.execute("SELECT entity_id FROM entity_redirects WHERE id = ?", (text,)).fetchone()
    if row is not None:
        return [str(row[0])]
    key = name_key(text)
    rows = conn.execute(
        "SELECT c.id, c.mentions FROM corpus_entities AS c WHERE c.key = ? OR c.surname = ?"
        " OR c.id IN (SELECT entity_id FROM entity_aliases WHERE alias_key = ?)"
        " ORDER BY c.mentions DESC, c.articles DESC, c.id",
        (key, key, key),
    ).fetchall()
    found = [str(r[0]) for r in rows]
    fact = facts_linker().fact(text)
    if fact is not None and fact.id not in found and row_exists(conn, fact.id):
        found.append(fact.id)
    return found


def entity_detail(
    conn: sqlite3.Connection, name_or_id: str, limit: int, language: str | None = None
) -> EntityDetail | None:
    """One corpus entity with its forms, articles and quotations, named for a reader of
    ``language`` (see ``Store.entity``)."""
    check_page(limit, 0, "entity")
    candidates = matches(conn, name_or_id)
    if not candidates:
        return None
    found = candidates[0]
    rows = conn.execute(
        f"SELECT {_ENTITY_COLUMNS} FROM corpus_entities WHERE id = ?", (found,)
    ).fetchall()
    (entity,) = _entities(conn, rows, language)
    ids = member_ids(conn, found)
    marks = ", ".join("?" * len(ids))
    aliases = tuple(
        EntityAlias(*row)
        for row in conn.execute(
            "SELECT alias, language, mentions FROM entity_aliases WHERE entity_id = ?"
            " ORDER BY mentions DESC, alias, language",
            (found,),
        )
    )
    articles = tuple(
        EntityArticle(*row)
        for row in conn.execute(
            "SELECT a.id, a.title, a.published FROM articles AS a WHERE a.id IN"
            f" (SELECT article_id FROM entities WHERE id IN ({marks}))"
            " ORDER BY a.published IS NULL, a.published DESC, a.seq LIMIT ?",
            (*ids, limit),
        )
    )
    columns = ", ".join(f'q."{name}"' for name in _QUOTE_FIELDS)
    quotes = tuple(
        QuoteHit.from_row(row)
        for row in conn.execute(
            f"SELECT {columns}, {QuoteHit.ARTICLE_COLUMNS}"
            " FROM quotes AS q JOIN articles AS a ON a.id = q.article_id"
            f" WHERE q.speaker_id IN ({marks})"
            " ORDER BY a.published IS NULL, a.published DESC, a.seq, q.start, q.position"
            " LIMIT ?",
            (*ids, limit),
        )
    )
    others = conn.execute(
        f"SELECT {_ENTITY_COLUMNS} FROM corpus_entities WHERE id IN"
        f" ({', '.join('?' * (len(candidates) - 1))}) ORDER BY mentions DESC, articles DESC, id",
        candidates[1:],
    ).fetchall()
    return EntityDetail(
        entity, tuple(ids), aliases, articles, quotes, tuple(_entities(conn, others, language))
    )
