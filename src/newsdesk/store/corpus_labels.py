"""One label per name across the corpus: a name the model calls a person in nine articles and an
organisation in one is one entity, a person, whatever the language of the articles.

``entity_labels`` counts, for each name (its ``name_key``), the articles that gave it each
label. When one label holds more than half of a name's articles, and at least ``MIN_ARTICLES``
of them, the corpus entities of that name become one entity of that label, kept up to date as
each article is stored (no rebuild): the survivor is the entity the name's own id of that label
resolves to (a lone surname's person: ``Trump`` labelled PER went to Donald Trump), else the
most mentioned entity of that label, else the most mentioned one, which takes the label; the
others become redirects to it (``corpus.merge``), so every id they had still finds it.

Evidence stronger than the model's count is never overruled: an entity linked to a known fact
(``organizations.toml``) or a located place (the gazetteer) keeps its label and is never
merged into another; it absorbs the entities of its name when its label is the majority
(``Kyiv`` read as a person in one article and located in nine is the city).
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict

from newsdesk.records import Analysis, name_key
from newsdesk.store.corpus import facts_linker, merge, row_exists

# A majority label needs at least this many articles: one article against none decides nothing.
MIN_ARTICLES = 2


def count_article(conn: sqlite3.Connection, seq: int, analysis: Analysis) -> None:
    """Count the labels of a newly stored article's names (``seq`` its row, its entities
    already counted into the corpus) and give each of its names its majority label."""
    labels: dict[str, set[str]] = defaultdict(set)
    for entity in analysis.entities:
        key = name_key(entity.name)
        if key:
            labels[key].add(entity.label)
    _count(conn, labels)
    for key in labels:
        settle(conn, seq + 1, key)


def _count(conn: sqlite3.Connection, labels: dict[str, set[str]]) -> None:
    for key, found in labels.items():
        for label in found:
            conn.execute(
                "INSERT INTO entity_labels (key, label, articles) VALUES (?, ?, 1)"
                " ON CONFLICT (key, label) DO UPDATE SET articles = articles + 1",
                (key, label),
            )


def majority(conn: sqlite3.Connection, key: str) -> str | None:
    """The label more than half of the articles naming ``key`` give it, if any."""
    counts = conn.execute(
        "SELECT label, articles FROM entity_labels WHERE key = ? ORDER BY articles DESC, label",
        (key,),
    ).fetchall()
    if not counts:
        return None
    label, n = counts[0]
    total = sum(int(c[1]) for c in counts)
    return str(label) if n >= MIN_ARTICLES and 2 * n > total else None


def _fixed(conn: sqlite3.Connection, entity_id: str) -> bool:
    """Whether the corpus entity's label rests on more than the model: a fact or a place."""
    if facts_linker().by_id(entity_id) is not None:
        return True
    row = conn.execute(
        "SELECT 1 FROM places WHERE entity_id = ? AND (geonameid IS NOT NULL OR lat IS NOT NULL)"
        " LIMIT 1",
        (entity_id,),
    ).fetchone()
    return row is not None


def _owner(conn: sqlite3.Connection, entity_id: str) -> tuple[str, str, int] | None:
    """The corpus entity ``entity_id`` is, or was merged into: (id, label, mentions)."""
    row = conn.execute(
        "SELECT entity_id FROM entity_redirects WHERE id = ?", (entity_id,)
    ).fetchone()
    target = str(row[0]) if row is not None else entity_id
    if not row_exists(conn, target):
        return None
    found = conn.execute(
        "SELECT id, label, mentions FROM corpus_entities WHERE id = ?", (target,)
    ).fetchone()
    return (str(found[0]), str(found[1]), int(found[2]))


def settle(conn: sqlite3.Connection, seq: int, key: str) -> None:
    """Make the corpus entities named ``key`` one entity of the name's majority label (see the
    module docstring); ``seq`` bounds the articles whose rows are counted in a merge."""
    label = majority(conn, key)
    if label is None:
        return
    rows = conn.execute(
        "SELECT id, label, mentions FROM corpus_entities WHERE key = ?"
        " ORDER BY mentions DESC, articles DESC, id",
        (key,),
    ).fetchall()
    if all(row[1] == label for row in rows) and len(rows) <= 1:
        return
    fixed = {str(row[0]) for row in rows if _fixed(conn, str(row[0]))}
    holders = [row for row in rows if row[1] == label]
    # The entity the name's own id of that label went to (a surname to its person: "Trump"
    # to Donald Trump), then a fact or a place of that label, then the most mentioned of that
    # label, then the most mentioned entity that may take it.
    # Imported here: the analysis package costs a second to load, which a reader never pays.
    from newsdesk.analyze.linking import entity_id_of

    owner = _owner(conn, entity_id_of(label, key))
    if owner is not None and owner[1] == label:
        ranked = [owner]
    else:
        ranked = [r for r in holders if r[0] in fixed] or holders
        ranked = ranked or [r for r in rows if r[0] not in fixed]
    if not ranked:
        return
    survivor = str(ranked[0][0])
    for row in rows:
        other = str(row[0])
        if other != survivor and other not in fixed and row[1] != label:
            merge(conn, seq, other, survivor)
    if ranked[0][1] != label:
        words = key.split()
        conn.execute(
            "UPDATE corpus_entities SET label = ?, surname = ? WHERE id = ?",
            (label, words[-1] if label == "PER" and words else None, survivor),
        )


def fill(conn: sqlite3.Connection) -> None:
    """Count the labels of the articles already stored, then settle every name."""
    for (article_id,) in conn.execute("SELECT id FROM articles ORDER BY seq").fetchall():
        labels: dict[str, set[str]] = defaultdict(set)
        for name, label in conn.execute(
            "SELECT name, label FROM entities WHERE article_id = ?", (article_id,)
        ):
            key = name_key(str(name))
            if key:
                labels[key].add(str(label))
        _count(conn, labels)
    (last,) = conn.execute("SELECT ifnull(max(seq), 0) FROM articles").fetchone()
    for (key,) in conn.execute(
        "SELECT key FROM entity_labels GROUP BY key HAVING count(*) > 1"
    ).fetchall():
        settle(conn, int(last) + 1, str(key))
