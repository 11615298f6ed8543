"""Where analyses are kept and searched: one ``Store`` protocol, SQLite the embedded default.

>>> from newsdesk.store import open_store
>>> with open_store(":memory:") as store:
...     store.search("otan")
[]
"""

from __future__ import annotations

from pathlib import Path

from newsdesk.store.base import (
    PutResult,
    SearchHit,
    SnippetPart,
    Stats,
    Store,
    merge_origins,
    parse_query,
    parse_since,
)
from newsdesk.store.sqlite import SQLiteStore


def open_store(path: str | Path) -> Store:
    """The default store at ``path`` (a SQLite file, created when missing)."""
    return SQLiteStore(path)


__all__ = [
    "PutResult",
    "SQLiteStore",
    "SearchHit",
    "SnippetPart",
    "Stats",
    "Store",
    "merge_origins",
    "open_store",
    "parse_query",
    "parse_since",
]
