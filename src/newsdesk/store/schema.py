"""The SQLite tables: their migrations, versioned with ``PRAGMA user_version``, and how records
are written to rows and read back.

Migration N (1-based) takes a database from version N-1 to N. A new schema change is a new
entry at the end of ``MIGRATIONS``; entries already released never change, since databases in
the field were built from them. A step is an SQL statement, or a function of the connection for
what SQL alone cannot compute (a column filled from Python).

The tables are plain and readable by other tools (Datasette, the ``sqlite3`` shell): one row
per thing, columns named as in the JSON contract of DESIGN.md, dates as ISO 8601 text, and
every child table keyed by ``article_id`` with a ``position`` keeping the record's order.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import fields
from typing import Any, cast

from newsdesk.errors import StoreError
from newsdesk.records import (
    Analysis,
    Article,
    DateExpression,
    Entity,
    Mention,
    Origin,
    Place,
    Quote,
    Source,
)
from newsdesk.store import corpus, corpus_labels, grams, relations, relations_schema, search_schema
from newsdesk.store.base import origin_key, speaker_key

MigrationStep = str | Callable[[sqlite3.Connection], None]

# Marks a file as a newsdesk store (``PRAGMA application_id``; ASCII "NwDk").
APPLICATION_ID = 0x4E77446B

_V1: tuple[str, ...] = (
    f"PRAGMA application_id = {APPLICATION_ID}",
    # seq is the article's stable integer key for the full-text index: a rowid that is not an
    # INTEGER PRIMARY KEY may be renumbered by VACUUM, which would detach the index.
    """
    CREATE TABLE articles (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        url TEXT,
        source_name TEXT,
        source_domain TEXT,
        title TEXT,
        published TEXT,
        language TEXT,
        text TEXT NOT NULL,
        stored_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    )
    """,
    "CREATE INDEX articles_published ON articles (published)",
    "CREATE INDEX articles_language ON articles (language)",
    """
    CREATE TABLE authors (
        article_id TEXT NOT NULL REFERENCES articles (id),
        position INTEGER NOT NULL,
        name TEXT NOT NULL,
        PRIMARY KEY (article_id, position)
    )
    """,
    """
    CREATE TABLE origins (
        article_id TEXT NOT NULL REFERENCES articles (id),
        position INTEGER NOT NULL,
        path TEXT,
        url TEXT,
        fetched TEXT,
        PRIMARY KEY (article_id, position)
    )
    """,
    # Origin identity is (path, url) with NULL as a value of its own: a plain UNIQUE would let
    # any number of rows with a NULL through, and '' must stay distinct from NULL.
    """
    CREATE UNIQUE INDEX origins_identity
        ON origins (article_id, ifnull(path, 0), ifnull(url, 0))
    """,
    """
    CREATE TABLE entities (
        article_id TEXT NOT NULL REFERENCES articles (id),
        id TEXT NOT NULL,
        position INTEGER NOT NULL,
        name TEXT NOT NULL,
        label TEXT NOT NULL CHECK (label IN ('PER', 'ORG', 'LOC', 'MISC')),
        PRIMARY KEY (article_id, id)
    )
    """,
    "CREATE INDEX entities_name ON entities (name)",
    """
    CREATE TABLE mentions (
        article_id TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text TEXT NOT NULL,
        PRIMARY KEY (article_id, entity_id, position),
        FOREIGN KEY (article_id, entity_id) REFERENCES entities (article_id, id)
    )
    """,
    """
    CREATE TABLE quotes (
        article_id TEXT NOT NULL REFERENCES articles (id),
        position INTEGER NOT NULL,
        text TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('direct', 'indirect', 'mixed')),
        cue TEXT,
        cue_start INTEGER,
        cue_end INTEGER,
        speaker_mention TEXT,
        speaker_start INTEGER,
        speaker_end INTEGER,
        speaker TEXT,
        speaker_id TEXT,
        PRIMARY KEY (article_id, position)
    )
    """,
    "CREATE INDEX quotes_speaker ON quotes (speaker)",
    """
    CREATE TABLE places (
        article_id TEXT NOT NULL REFERENCES articles (id),
        position INTEGER NOT NULL,
        entity_id TEXT NOT NULL,
        name TEXT NOT NULL,
        geonameid INTEGER,
        lat REAL,
        lon REAL,
        country_code TEXT,
        PRIMARY KEY (article_id, position)
    )
    """,
    """
    CREATE TABLE dates (
        article_id TEXT NOT NULL REFERENCES articles (id),
        position INTEGER NOT NULL,
        text TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        value TEXT,
        type TEXT NOT NULL CHECK (type IN ('DATE', 'TIME', 'DURATION', 'SET')),
        PRIMARY KEY (article_id, position)
    )
    """,
    # What the full-text index reads: title, body and the quotations joined one per line.
    # The index keeps no copy of the text (external content); snippets are cut from this view.
    """
    CREATE VIEW article_search AS
    SELECT a.seq AS seq, a.title AS title, a.text AS text,
           (SELECT group_concat(q.text, char(10))
              FROM (SELECT text FROM quotes WHERE article_id = a.id ORDER BY position) AS q)
           AS quotes
      FROM articles AS a
    """,
    # remove_diacritics 2 folds accents everywhere (atrocites finds atrocités); unicode61 also
    # folds case (OTAN finds otan).
    """
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, quotes,
        content = 'article_search', content_rowid = 'seq',
        tokenize = 'unicode61 remove_diacritics 2'
    )
    """,
)


def _fill_speaker_keys(conn: sqlite3.Connection) -> None:
    if conn.execute("SELECT 1 FROM quotes WHERE speaker IS NOT NULL LIMIT 1").fetchone() is None:
        return  # a new or speakerless file: no need to load the name rules
    conn.create_function("newsdesk_speaker_key", 1, speaker_key, deterministic=True)
    conn.execute(
        "UPDATE quotes SET speaker_key = newsdesk_speaker_key(speaker) WHERE speaker IS NOT NULL"
    )


# Version 2: each quote keeps its speaker's name in the form a ``--speaker`` filter compares
# (``base.speaker_key``), NULL when the speaker is unknown.
_V2: tuple[MigrationStep, ...] = (
    "ALTER TABLE quotes ADD COLUMN speaker_key TEXT",
    _fill_speaker_keys,
)

# Version 3: the corpus views (an entity across articles, a speaker's quotations, where a place
# is mentioned) look rows up by entity id.
_V3: tuple[MigrationStep, ...] = (
    "CREATE INDEX entities_id ON entities (id)",
    "CREATE INDEX mentions_entity ON mentions (entity_id)",
    "CREATE INDEX quotes_speaker_id ON quotes (speaker_id)",
    "CREATE INDEX places_entity ON places (entity_id)",
)

# Version 4: quotations have a full-text index of their own, so a search finds the quotations
# that say a word without reading every quotation of every matching article.
_V4: tuple[MigrationStep, ...] = (
    """
    CREATE VIRTUAL TABLE quotes_fts USING fts5(
        text, content = 'quotes', content_rowid = 'rowid',
        tokenize = 'unicode61 remove_diacritics 2'
    )
    """,
    "INSERT INTO quotes_fts (rowid, text) SELECT rowid, text FROM quotes",
    """
    CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
        INSERT INTO quotes_fts (rowid, text) VALUES (new.rowid, new.text);
    END
    """,
    """
    CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
        INSERT INTO quotes_fts (quotes_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
    END
    """,
    """
    CREATE TRIGGER quotes_fts_update AFTER UPDATE OF text ON quotes BEGIN
        INSERT INTO quotes_fts (quotes_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
        INSERT INTO quotes_fts (rowid, text) VALUES (new.rowid, new.text);
    END
    """,
)


def _fill_corpus(conn: sqlite3.Connection) -> None:
    corpus.fill(conn)


# Version 5: a located place says what kind of place it is (city, country, region…); entities
# across the corpus (``corpus.py``): one row per entity with its counts and canonical name, the
# forms it is written in per language, and the ids that resolve to it.
_V5: tuple[MigrationStep, ...] = (
    "ALTER TABLE places ADD COLUMN feature TEXT",
    # key: name_key of the name the entity was founded with; surname: its last word, for people.
    """
    CREATE TABLE corpus_entities (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        label TEXT NOT NULL CHECK (label IN ('PER', 'ORG', 'LOC', 'MISC')),
        wikidata TEXT,
        articles INTEGER NOT NULL,
        mentions INTEGER NOT NULL,
        first_seen TEXT,
        last_seen TEXT,
        key TEXT NOT NULL,
        surname TEXT
    )
    """,
    "CREATE INDEX corpus_entities_mentions ON corpus_entities (mentions DESC, articles DESC)",
    "CREATE INDEX corpus_entities_label ON corpus_entities (label, mentions DESC, articles DESC)",
    "CREATE INDEX corpus_entities_key ON corpus_entities (key)",
    "CREATE INDEX corpus_entities_surname ON corpus_entities (surname) WHERE surname IS NOT NULL",
    """
    CREATE TABLE entity_aliases (
        entity_id TEXT NOT NULL REFERENCES corpus_entities (id),
        alias TEXT NOT NULL,
        language TEXT,
        mentions INTEGER NOT NULL,
        alias_key TEXT NOT NULL
    )
    """,
    """
    CREATE UNIQUE INDEX entity_aliases_identity
        ON entity_aliases (entity_id, alias, ifnull(language, 0))
    """,
    "CREATE INDEX entity_aliases_key ON entity_aliases (alias_key)",
    """
    CREATE TABLE entity_redirects (
        id TEXT PRIMARY KEY,
        entity_id TEXT NOT NULL REFERENCES corpus_entities (id)
    )
    """,
    "CREATE INDEX entity_redirects_entity ON entity_redirects (entity_id)",
    _fill_corpus,
)

# Version 6: each quotation says how sure the analysis is of it and of its speaker.
_V6: tuple[MigrationStep, ...] = (
    "ALTER TABLE quotes ADD COLUMN confidence REAL",
    "ALTER TABLE quotes ADD COLUMN speaker_confidence REAL",
)

# Version 7: an article keeps when its page says it was last changed, apart from ``published``.
_V7: tuple[MigrationStep, ...] = ("ALTER TABLE articles ADD COLUMN modified TEXT",)


def _fill_grams(conn: sqlite3.Connection) -> None:
    rows = conn.execute("SELECT seq, title, text, quotes FROM article_search").fetchall()
    conn.executemany(
        "INSERT INTO article_grams (seq, grams) VALUES (?, ?)",
        [(seq, found) for seq, *texts in rows if (found := grams.grams(*texts))],
    )


def _fill_quote_grams(conn: sqlite3.Connection) -> None:
    rows = conn.execute("SELECT rowid, text FROM quotes").fetchall()
    conn.executemany(
        "UPDATE quotes SET grams = ? WHERE rowid = ?",
        [(found, rowid) for rowid, text in rows if (found := grams.grams(text))],
    )


# Version 8: Chinese, Japanese and Korean are found by the words a reader types: the runs of
# their scripts are also indexed as overlapping character pairs (``store.grams``), kept in a
# table of their own and read into a fourth column of the article index.
_V8: tuple[MigrationStep, ...] = (
    "CREATE TABLE article_grams (seq INTEGER PRIMARY KEY, grams TEXT NOT NULL)",
    _fill_grams,
    "DROP TABLE articles_fts",
    "DROP VIEW article_search",
    """
    CREATE VIEW article_search AS
    SELECT a.seq AS seq, a.title AS title, a.text AS text,
           (SELECT group_concat(q.text, char(10))
              FROM (SELECT text FROM quotes WHERE article_id = a.id ORDER BY position) AS q)
           AS quotes,
           (SELECT g.grams FROM article_grams AS g WHERE g.seq = a.seq) AS grams
      FROM articles AS a
    """,
    """
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, quotes, grams,
        content = 'article_search', content_rowid = 'seq',
        tokenize = 'unicode61 remove_diacritics 2'
    )
    """,
    "INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')",
    # Quotations, searched on their own, get their pairs in a column of their own too.
    "ALTER TABLE quotes ADD COLUMN grams TEXT",
    _fill_quote_grams,
    "DROP TRIGGER quotes_fts_insert",
    "DROP TRIGGER quotes_fts_delete",
    "DROP TRIGGER quotes_fts_update",
    "DROP TABLE quotes_fts",
    """
    CREATE VIRTUAL TABLE quotes_fts USING fts5(
        text, grams, content = 'quotes', content_rowid = 'rowid',
        tokenize = 'unicode61 remove_diacritics 2'
    )
    """,
    "INSERT INTO quotes_fts (quotes_fts) VALUES ('rebuild')",
    """
    CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
        INSERT INTO quotes_fts (rowid, text, grams) VALUES (new.rowid, new.text, new.grams);
    END
    """,
    """
    CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
        INSERT INTO quotes_fts (quotes_fts, rowid, text, grams)
        VALUES ('delete', old.rowid, old.text, old.grams);
    END
    """,
    """
    CREATE TRIGGER quotes_fts_update AFTER UPDATE OF text, grams ON quotes BEGIN
        INSERT INTO quotes_fts (quotes_fts, rowid, text, grams)
        VALUES ('delete', old.rowid, old.text, old.grams);
        INSERT INTO quotes_fts (rowid, text, grams) VALUES (new.rowid, new.text, new.grams);
    END
    """,
)


def _fill_relations(conn: sqlite3.Connection) -> None:
    # The writer of today keeps the features' number beside them (version 14): its table
    # first, so the relations of an older store are computed with the code that writes them.
    conn.execute(relations_schema.SIZES[0])
    for seq, article_id in conn.execute("SELECT seq, id FROM articles ORDER BY seq").fetchall():
        relations.record(conn, int(seq), read_analysis(conn, str(article_id)))


# Version 9: relations between articles (copies, stories, statements, copy signals; see
# ``relations_schema.py``), computed for the articles already stored.
_V9: tuple[MigrationStep, ...] = (*relations_schema.TABLES, _fill_relations)

# Version 10: an entity's confidence, set when it was found without a model (NULL otherwise).
_V10: tuple[MigrationStep, ...] = ("ALTER TABLE entities ADD COLUMN confidence REAL",)


def _fill_labels(conn: sqlite3.Connection) -> None:
    corpus_labels.fill(conn)


# Version 11: one label per name across the corpus (``corpus_labels.py``): how many articles gave
# each name each label, counted for the articles already stored, and their names settled.
_V11: tuple[MigrationStep, ...] = (
    """
    CREATE TABLE entity_labels (
        key TEXT NOT NULL,
        label TEXT NOT NULL CHECK (label IN ('PER', 'ORG', 'LOC', 'MISC')),
        articles INTEGER NOT NULL,
        PRIMARY KEY (key, label)
    )
    """,
    _fill_labels,
)

# Version 12: what a search reads of its thousand matches, in small rows: a covering index
# of the articles' facet columns and a table of each quotation's (``search_schema.py``).
_V12: tuple[MigrationStep, ...] = search_schema.TABLES

# Version 13: the story features indexed by feature and by article with the other column
# beside, so the writer finds a new article's story candidates and reads their features from
# the indexes alone (``relations_schema.COVERING``).
_V13: tuple[MigrationStep, ...] = relations_schema.COVERING

# Version 14: each article's number of story features, kept beside them, so the writer drops
# a story candidate too heavy to matter without counting its features
# (``relations_schema.SIZES``).
_V14: tuple[MigrationStep, ...] = relations_schema.SIZES

# Version 15: the writer indexes an article's quotations in one statement after storing them
# (``index_quotes``), instead of a trigger firing once per quotation, which cost as much again
# as the indexing itself. The triggers that follow a quotation's change or deletion stay.
_V15: tuple[MigrationStep, ...] = ("DROP TRIGGER IF EXISTS quotes_fts_insert",)

MIGRATIONS: tuple[Sequence[MigrationStep], ...] = (
    _V1, _V2, _V3, _V4, _V5, _V6, _V7, _V8, _V9, _V10, _V11, _V12, _V13, _V14, _V15,
)  # fmt: skip
SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(conn: sqlite3.Connection) -> int:
    """The schema version a database is at (0 for a new file)."""
    row = conn.execute("PRAGMA user_version").fetchone()
    return int(row[0])


def _check_is_ours(conn: sqlite3.Connection, name: str) -> None:
    app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
    if app_id not in (0, APPLICATION_ID):
        raise StoreError(
            "is a SQLite database of another application, not a newsdesk store", input=name
        )
    current = schema_version(conn)
    if current > SCHEMA_VERSION:
        raise StoreError(
            f"was written by a newer newsdesk (schema version {current}; this version reads "
            f"up to {SCHEMA_VERSION}): upgrade newsdesk to open it",
            input=name,
        )
    if current == 0:
        # A version-0 file with tables belongs to someone else: adding ours would mix the two.
        tables = conn.execute(
            "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
        ).fetchone()[0]
        if tables:
            raise StoreError(
                "is a SQLite database with other tables, not a newsdesk store", input=name
            )


def migrate(conn: sqlite3.Connection, name: str) -> list[int]:
    """Bring the database up to ``SCHEMA_VERSION`` in one transaction; returns the versions
    applied (empty when it was current). ``conn`` must be in autocommit mode.

    Raises ``StoreError`` when the file was written by a newer schema than this one knows.
    """
    # IMMEDIATE takes the write lock before reading the version, so two processes opening a
    # new file at once cannot both apply the same migration.
    conn.execute("BEGIN IMMEDIATE")
    try:
        _check_is_ours(conn, name)
        current = schema_version(conn)
        applied = []
        for version in range(current + 1, SCHEMA_VERSION + 1):
            for step in MIGRATIONS[version - 1]:
                if callable(step):
                    step(conn)
                else:
                    conn.execute(step)
            applied.append(version)
        if applied:
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return applied


# --- records to rows and back ---------------------------------------------------------------
# The steps of a write are module functions, called through this module, so a test can make one
# fail midway.
# Child tables hold a record's fields under the same names, after (article_id, position).


def _columns(record_type: type[Any]) -> list[str]:
    return [f.name for f in fields(record_type)]


def _insert_rows(
    conn: sqlite3.Connection, table: str, columns: list[str], rows: Iterable[tuple[Any, ...]]
) -> None:
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" * len(columns))
    conn.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)


def _insert_children(
    conn: sqlite3.Connection, table: str, article_id: str, records: Iterable[Any]
) -> None:
    records = tuple(records)
    if not records:
        return
    columns = _columns(type(records[0]))
    _insert_rows(
        conn,
        table,
        ["article_id", "position", *columns],
        [(article_id, i, *(getattr(r, c) for c in columns)) for i, r in enumerate(records)],
    )


def exists(conn: sqlite3.Connection, article_id: str) -> bool:
    row = conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
    return row is not None


def insert_article(conn: sqlite3.Connection, article: Article) -> int:
    a, source = article, article.source
    columns = ["id", "url", "source_name", "source_domain", "title", "published"]
    values = [a.id, a.url, source.name, source.domain, a.title, a.published]
    if a.modified is not None:  # a column since version 7; NULL when the page gives none
        columns.append("modified")
        values.append(a.modified)
    cursor = conn.execute(
        f"INSERT INTO articles ({', '.join(columns)}, language, text)"
        f" VALUES ({', '.join('?' * (len(columns) + 2))})",
        (*values, a.language, a.text),
    )
    _insert_rows(
        conn,
        "authors",
        ["article_id", "position", "name"],
        [(a.id, i, name) for i, name in enumerate(a.authors)],
    )
    return int(cast(int, cursor.lastrowid))


def insert_origins(conn: sqlite3.Connection, article_id: str, origins: Iterable[Origin]) -> int:
    known = {
        (path, url)
        for path, url in conn.execute(
            "SELECT path, url FROM origins WHERE article_id = ?", (article_id,)
        )
    }
    (top,) = conn.execute(
        "SELECT ifnull(max(position), -1) FROM origins WHERE article_id = ?", (article_id,)
    ).fetchone()
    new = []
    for origin in origins:
        if origin_key(origin) not in known:
            known.add(origin_key(origin))
            new.append(origin)
    columns = ["article_id", "position", *_columns(Origin)]
    rows = [(article_id, top + 1 + i, o.path, o.url, o.fetched) for i, o in enumerate(new)]
    _insert_rows(conn, "origins", columns, rows)
    return len(new)


def insert_entities(conn: sqlite3.Connection, article_id: str, entities: Iterable[Entity]) -> None:
    entities = tuple(entities)
    columns = ["article_id", "position", "id", "name", "label"]
    rows: list[tuple[Any, ...]] = [
        (article_id, i, e.id, e.name, e.label) for i, e in enumerate(entities)
    ]
    if any(e.confidence is not None for e in entities):  # a column since version 10
        columns.append("confidence")
        rows = [(*row, e.confidence) for row, e in zip(rows, entities, strict=True)]
    _insert_rows(conn, "entities", columns, rows)
    _insert_rows(
        conn,
        "mentions",
        ["article_id", "entity_id", "position", "start", "end", "text"],
        [
            (article_id, e.id, j, m.start, m.end, m.text)
            for e in entities
            for j, m in enumerate(e.mentions)
        ],
    )


def insert_quotes(conn: sqlite3.Connection, article_id: str, quotes: Iterable[Quote]) -> None:
    columns = _columns(Quote)
    rows = [
        (article_id, i, *(getattr(q, c) for c in columns), _key(q.speaker), _grams(q.text))
        for i, q in enumerate(quotes)
    ]
    _insert_rows(conn, "quotes", ["article_id", "position", *columns, "speaker_key", "grams"], rows)
    if rows:
        index_quotes(conn, article_id)


def index_quotes(conn: sqlite3.Connection, article_id: str) -> None:
    """Add an article's quotations, just stored, to their full-text index (version 15)."""
    conn.execute(
        "INSERT INTO quotes_fts (rowid, text, grams)"
        " SELECT rowid, text, grams FROM quotes WHERE article_id = ? ORDER BY position",
        (article_id,),
    )


def _grams(text: str) -> str | None:
    return grams.grams(text) or None


def _key(speaker: str | None) -> str | None:
    return None if speaker is None else speaker_key(speaker)


def insert_places(conn: sqlite3.Connection, article_id: str, places: Iterable[Place]) -> None:
    _insert_children(conn, "places", article_id, places)


def insert_dates(
    conn: sqlite3.Connection, article_id: str, dates: Iterable[DateExpression]
) -> None:
    _insert_children(conn, "dates", article_id, dates)


def record_corpus_entities(conn: sqlite3.Connection, seq: int, analysis: Analysis) -> None:
    corpus.record_article(conn, seq, analysis)
    corpus_labels.count_article(conn, seq, analysis)


def record_relations(conn: sqlite3.Connection, seq: int, analysis: Analysis) -> None:
    relations.record(conn, seq, analysis)


def index_text(conn: sqlite3.Connection, seq: int) -> None:
    # Read back through the index's own content view, so what is indexed is exactly what
    # snippet() will later cut from.
    title, text, quotes = conn.execute(
        "SELECT title, text, quotes FROM article_search WHERE seq = ?", (seq,)
    ).fetchone()
    if found := grams.grams(title, text, quotes):
        conn.execute("INSERT INTO article_grams (seq, grams) VALUES (?, ?)", (seq, found))
    conn.execute(
        "INSERT INTO articles_fts (rowid, title, text, quotes, grams)"
        " SELECT seq, title, text, quotes, grams FROM article_search WHERE seq = ?",
        (seq,),
    )


def _read_children(
    conn: sqlite3.Connection, table: str, article_id: str, columns: list[str]
) -> list[Any]:
    names = ", ".join(f'"{c}"' for c in columns)
    return conn.execute(
        f"SELECT {names} FROM {table} WHERE article_id = ? ORDER BY position", (article_id,)
    ).fetchall()


def read_analysis(conn: sqlite3.Connection, article_id: str) -> Analysis:
    def children(table: str, record_type: type[Any]) -> tuple[Any, ...]:
        columns = _columns(record_type)
        return tuple(record_type(*r) for r in _read_children(conn, table, article_id, columns))

    (url, source_name, source_domain, title, published, modified, language, text) = conn.execute(
        "SELECT url, source_name, source_domain, title, published, modified, language, text"
        " FROM articles WHERE id = ?",
        (article_id,),
    ).fetchone()
    mentions: dict[str, list[Mention]] = {}
    for entity_id, *mention in conn.execute(
        'SELECT entity_id, start, "end", text FROM mentions WHERE article_id = ?'
        " ORDER BY entity_id, position",
        (article_id,),
    ):
        mentions.setdefault(entity_id, []).append(Mention(*mention))
    # Read before version 10 too (a migration reads the stored analyses): no confidence then.
    has_confidence = any(
        row[1] == "confidence" for row in conn.execute("PRAGMA table_info(entities)")
    )
    entities = tuple(
        Entity(
            id=eid,
            name=name,
            label=label,
            mentions=tuple(mentions.get(eid, ())),
            confidence=confidence[0] if confidence else None,
        )
        for eid, name, label, *confidence in _read_children(
            conn,
            "entities",
            article_id,
            ["id", "name", "label", *(["confidence"] if has_confidence else [])],
        )
    )
    authors = _read_children(conn, "authors", article_id, ["name"])
    article = Article(
        id=article_id,
        text=text,
        title=title,
        published=published,
        language=language,
        url=url,
        modified=modified,
        source=Source(name=source_name, domain=source_domain),
        origins=children("origins", Origin),
        authors=tuple(name for (name,) in authors),
    )
    return Analysis(
        article=article,
        quotes=children("quotes", Quote),
        entities=entities,
        places=children("places", Place),
        dates=children("dates", DateExpression),
    )
