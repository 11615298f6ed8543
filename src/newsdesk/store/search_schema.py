"""What a search reads besides the full-text indexes: the columns its ranking, paging and
facets need, in rows a few dozen bytes long instead of whole articles and quotations.

A search reads up to a thousand matches of each kind (``serve/search.py``); looking each one
up in ``articles`` or ``quotes`` reads a row that holds its whole text. Here:

- ``articles_found``, an index covering an article's facet columns by ``seq`` (the rowid of
  the article index), so the facets of a thousand matching articles are read from the index;
- ``quote_found``, one row per quotation with its article's columns beside its own, filled
  by a trigger when the quotation is stored (quotations and articles never change once
  stored) and for the quotations already stored.
"""

from __future__ import annotations

_QUOTE_COLUMNS = (
    "quote_rowid, seq, published, language, source_name, source_domain, speaker_id, name,"
    " start, position"
)


def _quote_rows(q: str) -> str:
    """The rows of quotation(s) ``q`` (``q`` the quotes table, or ``new`` in a trigger)."""
    return (
        f"INSERT INTO quote_found ({_QUOTE_COLUMNS})"
        f" SELECT {q}.rowid, a.seq, a.published, a.language, a.source_name, a.source_domain,"
        f" {q}.speaker_id, coalesce({q}.speaker, {q}.speaker_mention, ''), {q}.start,"
        f" {q}.position FROM articles AS a"
    )


TABLES: tuple[str, ...] = (
    "CREATE INDEX articles_found"
    " ON articles (seq, published, language, source_name, source_domain)",
    """
    CREATE TABLE quote_found (
        quote_rowid INTEGER PRIMARY KEY,
        seq INTEGER NOT NULL,
        published TEXT,
        language TEXT,
        source_name TEXT,
        source_domain TEXT,
        speaker_id TEXT,
        name TEXT NOT NULL,
        start INTEGER NOT NULL,
        position INTEGER NOT NULL
    )
    """,
    _quote_rows("q") + " JOIN quotes AS q ON q.article_id = a.id",
    f"""
    CREATE TRIGGER quote_found_insert AFTER INSERT ON quotes BEGIN
        {_quote_rows("new")} WHERE a.id = new.article_id;
    END
    """,
    """
    CREATE TRIGGER quote_found_delete AFTER DELETE ON quotes BEGIN
        DELETE FROM quote_found WHERE quote_rowid = old.rowid;
    END
    """,
)
