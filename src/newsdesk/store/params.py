"""Queries over a list of values longer than SQLite takes parameters in one statement."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Any

# Values asked at once: SQLite's limit on a statement's parameters is 999 in older builds.
CHUNK = 500


def rows_for(conn: sqlite3.Connection, sql: str, values: list[str]) -> Iterator[Any]:
    """The rows of ``sql`` for every one of ``values``, asked ``CHUNK`` at a time:
    ``{marks}`` in ``sql`` stands for the list of one chunk's parameters."""
    for i in range(0, len(values), CHUNK):
        chunk = values[i : i + CHUNK]
        yield from conn.execute(sql.format(marks=", ".join("?" * len(chunk))), chunk)
