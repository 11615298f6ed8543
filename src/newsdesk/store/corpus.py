"""Entities across the corpus: one row per person, organisation or place however many articles
and languages name it, kept up to date inside the transaction that stores each article.

An article's entities keep the ids the analysis gave them. The corpus resolves those ids:
``entity_redirects`` sends an id to the corpus entity it belongs to, when it is

- the id of a name that links to a known fact (``OTAN`` stored by an older analysis), or
- a lone surname (``Stoltenberg``) whose words end exactly one full-name person of the corpus
  (``Jens Stoltenberg``), whichever of the two arrived first.

Ids are stable: an entity keeps its id as articles arrive; one merged into another becomes a
redirect, so asking for either id finds the survivor. A surname already merged stays merged
when a second person with that surname arrives later.

The canonical name is the fact's name when the entity is linked, else the form written most
often (for a person, among the forms of the full name it was founded with).
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from newsdesk.records import Analysis, name_key
from newsdesk.store.params import rows_for

if TYPE_CHECKING:
    from newsdesk.analyze.linking import Linker


@cache
def facts_linker() -> Linker:
    # Imported on first use: loading the analysis package costs a second, which a store that
    # only reads never pays.
    from newsdesk.analyze.linking import Linker

    return Linker.default()


@dataclass(frozen=True)
class _Named:
    """One entity of one article, as the corpus sees it."""

    id: str
    name: str
    label: str
    mentions: tuple[str, ...]  # the mention texts


def _words(key: str) -> list[str]:
    return key.split()


def _is_suffix(short: Sequence[str], long: Sequence[str]) -> bool:
    return 0 < len(short) < len(long) and list(long[-len(short) :]) == list(short)


def _space(text: str) -> str:
    return " ".join(text.split())


# --- resolving an article's entity id to a corpus entity ------------------------------------


def row_exists(conn: sqlite3.Connection, entity_id: str) -> bool:
    row = conn.execute("SELECT 1 FROM corpus_entities WHERE id = ?", (entity_id,)).fetchone()
    return row is not None


def redirects(conn: sqlite3.Connection, ids: Iterable[str]) -> dict[str, str]:
    """The corpus entity each of ``ids`` was merged into, for those that were (one query)."""
    sql = "SELECT id, entity_id FROM entity_redirects WHERE id IN ({marks})"
    return {str(i): str(e) for i, e in rows_for(conn, sql, sorted(set(ids)))}


def _create(
    conn: sqlite3.Connection, entity_id: str, name: str, label: str, wikidata: str | None
) -> None:
    key = name_key(name)
    surname = _words(key)[-1] if label == "PER" and key else None
    conn.execute(
        "INSERT INTO corpus_entities (id, name, label, wikidata, articles, mentions, key, surname)"
        " VALUES (?, ?, ?, ?, 0, 0, ?, ?)",
        (entity_id, name, label, wikidata, key, surname),
    )


def _owners(conn: sqlite3.Connection, key: str) -> list[str]:
    """Ids of the full-name persons of the corpus whose name ends with ``key``; a person whose
    own name ends another's (``Le Pen`` of ``Marine Le Pen``) owns nothing."""
    words = _words(key)
    if not words:
        return []
    found = [
        (entity_id, _words(other))
        for entity_id, other in conn.execute(
            "SELECT id, key FROM corpus_entities WHERE surname = ? AND label = 'PER'",
            (words[-1],),
        )
    ]
    candidates = [(i, w) for i, w in found if _is_suffix(words, w)]
    return [i for i, w in candidates if not any(_is_suffix(w, other) for _, other in candidates)]


def _resolve(conn: sqlite3.Connection, seq: int, entity: _Named, language: str | None) -> str:
    """The corpus entity ``entity`` belongs to, created when it is new."""
    row = conn.execute(
        "SELECT entity_id FROM entity_redirects WHERE id = ?", (entity.id,)
    ).fetchone()
    if row is not None:
        return str(row[0])
    if row_exists(conn, entity.id):
        return entity.id
    linker = facts_linker()
    fact = linker.by_id(entity.id) or linker.fact(entity.name, language)
    if fact is not None:
        if not row_exists(conn, fact.id):
            _create(conn, fact.id, fact.name, fact.label, fact.wikidata)
        if fact.id != entity.id:
            _redirect(conn, entity.id, fact.id)
        return fact.id
    key = name_key(entity.name)
    if entity.label == "PER":
        owners = _owners(conn, key)
        if len(owners) == 1:
            _redirect(conn, entity.id, owners[0])
            return owners[0]
    _create(conn, entity.id, entity.name, entity.label, None)
    if entity.label == "PER":
        _absorb_surnames(conn, seq, entity.id, _words(key))
    return entity.id


def _redirect(conn: sqlite3.Connection, entity_id: str, target: str) -> None:
    conn.execute("INSERT INTO entity_redirects (id, entity_id) VALUES (?, ?)", (entity_id, target))


def _absorb_surnames(conn: sqlite3.Connection, seq: int, person: str, words: list[str]) -> None:
    """Merge into the new full-name ``person`` the corpus entities named by one of its proper
    suffixes (``Stoltenberg`` stored before ``Jens Stoltenberg``) that no one else owns."""
    for n in range(1, len(words)):
        suffix = " ".join(words[-n:])
        rows = conn.execute(
            "SELECT id FROM corpus_entities WHERE key = ? AND label = 'PER' AND id != ?",
            (suffix, person),
        ).fetchall()
        for (other,) in rows:
            if _owners(conn, suffix) == [person]:
                merge(conn, seq, str(other), person)


def merge(conn: sqlite3.Connection, seq: int, source: str, target: str) -> None:
    """Fold the corpus entity ``source`` into ``target``; ``source`` becomes a redirect.
    Counts are recomputed from the rows of the articles recorded so far (``seq`` is the
    article being recorded), since one article may have named both."""
    conn.execute("UPDATE entity_redirects SET entity_id = ? WHERE entity_id = ?", (target, source))
    for alias, language, mentions in conn.execute(
        "SELECT alias, language, mentions FROM entity_aliases WHERE entity_id = ?", (source,)
    ).fetchall():
        _add_alias(conn, target, alias, language, mentions)
    conn.execute("DELETE FROM entity_aliases WHERE entity_id = ?", (source,))
    conn.execute("DELETE FROM corpus_entities WHERE id = ?", (source,))
    _redirect(conn, source, target)
    ids = member_ids(conn, target)
    marks = ", ".join("?" * len(ids))
    articles, first, last = conn.execute(
        f"SELECT count(DISTINCT e.article_id), min(a.published), max(a.published)"
        f" FROM entities AS e JOIN articles AS a ON a.id = e.article_id"
        f" WHERE e.id IN ({marks}) AND a.seq < ?",
        (*ids, seq),
    ).fetchone()
    (mentions,) = conn.execute(
        f"SELECT count(*) FROM mentions AS m JOIN articles AS a ON a.id = m.article_id"
        f" WHERE m.entity_id IN ({marks}) AND a.seq < ?",
        (*ids, seq),
    ).fetchone()
    conn.execute(
        "UPDATE corpus_entities SET articles = ?, mentions = ?, first_seen = ?, last_seen = ?"
        " WHERE id = ?",
        (articles, mentions, first, last, target),
    )
    _rename(conn, target)


def member_ids(conn: sqlite3.Connection, entity_id: str) -> list[str]:
    """``entity_id`` and every id that redirects to it: the ids its articles' rows carry."""
    rows = conn.execute(
        "SELECT id FROM entity_redirects WHERE entity_id = ? ORDER BY id", (entity_id,)
    )
    return [entity_id, *(str(r[0]) for r in rows)]


# --- counting ------------------------------------------------------------------------------


def _add_alias(
    conn: sqlite3.Connection, entity_id: str, alias: str, language: str | None, mentions: int
) -> None:
    updated = conn.execute(
        "UPDATE entity_aliases SET mentions = mentions + ?"
        " WHERE entity_id = ? AND alias = ? AND language IS ?",
        (mentions, entity_id, alias, language),
    )
    if updated.rowcount == 0:
        conn.execute(
            "INSERT INTO entity_aliases (entity_id, alias, language, mentions, alias_key)"
            " VALUES (?, ?, ?, ?, ?)",
            (entity_id, alias, language, mentions, name_key(alias)),
        )


def _rename(conn: sqlite3.Connection, entity_id: str) -> None:
    """Give the entity its canonical name (see the module docstring)."""
    fact = facts_linker().by_id(entity_id)
    if fact is not None:
        conn.execute(
            "UPDATE corpus_entities SET name = ?, wikidata = ? WHERE id = ?",
            (fact.name, fact.wikidata, entity_id),
        )
        return
    key, label = conn.execute(
        "SELECT key, label FROM corpus_entities WHERE id = ?", (entity_id,)
    ).fetchone()
    # A person's name is a form of the full name it was founded with, never a surname merged
    # into it; other entities (Kiev, Kyiv: one located place) take their most written form.
    forms = conn.execute(
        "SELECT alias, sum(mentions) AS n, alias_key = ? OR ? != 'PER' AS own"
        " FROM entity_aliases WHERE entity_id = ? GROUP BY alias",
        (key, label, entity_id),
    ).fetchall()
    if not forms:
        return
    # Forms of the founding name first, then the most written, then the longest.
    name = min(forms, key=lambda f: (-f[2], -f[1], -len(f[0]), f[0]))[0]
    conn.execute("UPDATE corpus_entities SET name = ? WHERE id = ?", (name, entity_id))


def _record(
    conn: sqlite3.Connection,
    seq: int,
    language: str | None,
    published: str | None,
    entities: Iterable[_Named],
) -> None:
    resolved = [(_resolve(conn, seq, entity, language), entity) for entity in entities]
    by_target: dict[str, list[_Named]] = {}
    for target, entity in resolved:
        # A later entity of the article may have merged an earlier one's target away.
        row = conn.execute(
            "SELECT entity_id FROM entity_redirects WHERE id = ?", (target,)
        ).fetchone()
        by_target.setdefault(target if row is None else str(row[0]), []).append(entity)
    for target, group in by_target.items():
        forms = Counter(_space(text) for e in group for text in e.mentions)
        conn.execute(
            "UPDATE corpus_entities SET articles = articles + 1, mentions = mentions + :n,"
            " first_seen = ifnull(min(first_seen, :day), ifnull(first_seen, :day)),"
            " last_seen = ifnull(max(last_seen, :day), ifnull(last_seen, :day))"
            " WHERE id = :id",
            {"n": sum(forms.values()), "day": published, "id": target},
        )
        for form, n in forms.items():
            _add_alias(conn, target, form, language, n)
        (name,) = conn.execute(
            "SELECT name FROM corpus_entities WHERE id = ?", (target,)
        ).fetchone()
        # More mentions of the current name keep it; a fact's name is set when its row is made.
        if any(form != name for form in forms) and facts_linker().by_id(target) is None:
            _rename(conn, target)


def record_article(conn: sqlite3.Connection, seq: int, analysis: Analysis) -> None:
    """Count the entities of a newly stored article (``seq`` its row) into the corpus."""
    article = analysis.article
    _record(
        conn,
        seq,
        article.language,
        article.published,
        (
            _Named(e.id, e.name, e.label, tuple(m.text for m in e.mentions))
            for e in analysis.entities
        ),
    )


def fill(conn: sqlite3.Connection) -> None:
    """Build the corpus tables from the articles already stored, in the order they were."""
    if conn.execute("SELECT 1 FROM entities LIMIT 1").fetchone() is None:
        return  # a new or entity-less file: no need to load the facts
    articles = conn.execute(
        "SELECT seq, id, language, published FROM articles ORDER BY seq"
    ).fetchall()
    for seq, article_id, language, published in articles:
        texts: dict[str, list[str]] = {}
        for entity_id, text in conn.execute(
            "SELECT entity_id, text FROM mentions WHERE article_id = ?"
            " ORDER BY entity_id, position",
            (article_id,),
        ):
            texts.setdefault(entity_id, []).append(text)
        named = [
            _Named(entity_id, name, label, tuple(texts.get(entity_id, ())))
            for entity_id, name, label in conn.execute(
                "SELECT id, name, label FROM entities WHERE article_id = ? ORDER BY position",
                (article_id,),
            ).fetchall()
        ]
        _record(conn, seq, language, published, named)
