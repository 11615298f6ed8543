"""The small rows a search reads its matches from (``store/search_schema.py``): filled for the
quotations stored before them, kept by a trigger for those stored after, and searched."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from newsdesk.serve.search import search
from newsdesk.store import schema, search_schema
from newsdesk.store.sqlite import SQLiteStore

from .conftest import calm_analysis, hostile_analysis

EXPECTED = (
    "SELECT q.rowid, a.seq, a.published, a.language, a.source_name, a.source_domain,"
    " q.speaker_id, coalesce(q.speaker, q.speaker_mention, ''), q.start, q.position"
    " FROM quotes AS q JOIN articles AS a ON a.id = q.article_id ORDER BY q.rowid"
)
FOUND = (
    "SELECT quote_rowid, seq, published, language, source_name, source_domain, speaker_id,"
    " name, start, position FROM quote_found ORDER BY quote_rowid"
)


def test_search_rows_are_filled_then_kept_and_searched(tmp_path: Path) -> None:
    db = tmp_path / "newsdesk.db"
    with SQLiteStore(db) as store:
        store.put(calm_analysis())
    # The file as it was before the rows existed.
    version = next(i for i, m in enumerate(schema.MIGRATIONS, 1) if m is search_schema.TABLES)
    conn = sqlite3.connect(db)
    for drop in (
        "DROP TRIGGER quote_found_insert",
        "DROP TRIGGER quote_found_delete",
        "DROP TABLE quote_found",
        "DROP INDEX articles_found",
        f"PRAGMA user_version = {version - 1}",
    ):
        conn.execute(drop)
    conn.commit()
    conn.close()
    with SQLiteStore(db) as store:
        assert version in store.migrations_applied
        before = store.select(FOUND)
        assert before == store.select(EXPECTED) and before
        store.put(hostile_analysis())
        after = store.select(FOUND)
        assert after == store.select(EXPECTED) and len(after) > len(before)
    with SQLiteStore(db, read_only=True) as store:
        quote = calm_analysis().quotes[0]
        word = max(quote.text.split(), key=len).strip("'\".,")
        found = search(store, word)
        assert quote.text in {i.quote.text for i in found.quotes}
