"""The relations of a run (copies, stories, statements, copy signals) as Parquet, computed over
the whole run's articles with the code the SQLite store runs on each arrival.

The driver feeds every written record, one at a time, to ``relations.record`` over a scratch
SQLite database (a file beside the output, removed at the end), then writes each relation table
as ``DIR/relations/<table>.parquet``. Memory stays flat: the scratch file holds a signature
(512 bytes), a few features and the quotations of each article, not its text.

>>> sorted(TABLES)
['copies', 'copy_signals', 'relation_articles', 'statement_quotes', 'statements', 'stories']
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from newsdesk.records import Analysis
from newsdesk.store import relations, relations_schema

RELATIONS = "relations"
_S, _F, _I = pa.string(), pa.float64(), pa.int64()
# Columns written per table (the LSH buckets and story features are working state, not output).
TABLES: dict[str, list[tuple[str, pa.DataType]]] = {
    "relation_articles": [
        ("article_id", _S),
        ("seen", _S),
        ("fetched", _S),
        ("outlet", _S),
        ("language", _S),
        ("title", _S),
        ("story_id", _S),
    ],
    "copies": [("article_id", _S), ("other_id", _S), ("kind", _S), ("share", _F), ("jaccard", _F)],
    "copy_signals": [
        ("article_id", _S),
        ("position", _I),
        ("kind", _S),
        ("value", _S),
        ("evidence", _S),
        ("start", _I),
        ("end", _I),
    ],
    "stories": [
        ("id", _S),
        ("title", _S),
        ("first_seen", _S),
        ("last_seen", _S),
        ("articles", _I),
        ("outlets", _I),
        ("languages", _S),
    ],
    "statements": [
        ("id", _S),
        ("speaker", _S),
        ("speaker_id", _S),
        ("text", _S),
        ("first_article_id", _S),
        ("first_seen", _S),
        ("carriers", _I),
        ("languages", _S),
    ],
    "statement_quotes": [
        ("statement_id", _S),
        ("article_id", _S),
        ("position", _I),
        ("text", _S),
        ("language", _S),
        ("wording", _S),
        ("similarity", _F),
        ("confidence", _F),
    ],
}


def write(directory: Path, analyses: Iterable[Analysis]) -> int:
    """Compute the relations of ``analyses`` and write them under ``directory/relations``;
    returns how many articles they cover."""
    scratch = directory / "relations.tmp.sqlite"
    scratch.unlink(missing_ok=True)
    conn = sqlite3.connect(scratch, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        for statement in (
            *relations_schema.TABLES,
            *relations_schema.COVERING,
            *relations_schema.SIZES,
        ):
            conn.execute(statement)
        count = 0
        conn.execute("BEGIN")
        for seq, analysis in enumerate(analyses):
            relations.record(conn, seq, analysis)
            count += 1
        conn.execute("COMMIT")
        out = directory / RELATIONS
        out.mkdir(parents=True, exist_ok=True)
        for table, columns in TABLES.items():
            names = ", ".join(f'"{name}"' for name, _ in columns)
            rows = conn.execute(f"SELECT {names} FROM {table}").fetchall()
            schema = pa.schema(columns)
            data = {name: [row[i] for row in rows] for i, (name, _) in enumerate(columns)}
            pq.write_table(pa.Table.from_pydict(data, schema=schema), out / f"{table}.parquet")
        return count
    finally:
        conn.close()
        scratch.unlink(missing_ok=True)


def read(directory: Path, table: str) -> pa.Table:
    """One relation table of a run's output."""
    return pq.read_table(directory / RELATIONS / f"{table}.parquet")
