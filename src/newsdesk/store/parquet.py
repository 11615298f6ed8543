"""Analyses as Parquet: one row per article, for runs too large for one SQLite file.

A run writes two datasets under its output directory (``docs/parquet.md`` describes every
column):

- ``articles/``: one row per distinct article, hive-partitioned by ``language`` and publication
  ``month`` (``articles/language=fr/month=2022-04/part-0.parquet``), so a reader that wants one
  language or one month opens only those files. The record fields of the JSON contract keep
  their names; quotes, entities (with their mentions), places and dates are list<struct>
  columns, so one row is one whole record and reading it back gives the same ``Analysis``.
- ``errors/``: one row per input that could not be turned into an article, with the reason.

``load`` brings such a directory into a ``Store``; an article already stored is not duplicated,
only its new origins are recorded.

>>> from newsdesk.records import Article
>>> a = Analysis(Article(id="ab", text="Oui.", title=None, published="2022-04-05T16:43:00",
...                      language="fr"))
>>> row = analysis_to_row(a)
>>> row["month"], row_to_analysis(row) == a
('2022-04', True)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.dataset as pads
import pyarrow.parquet as pq

from newsdesk.errors import NotFound, StoreError
from newsdesk.records import Analysis, Failure, input_name
from newsdesk.serialize import analysis_from_json, analysis_to_json
from newsdesk.store.base import Store

ARTICLES = "articles"
ERRORS = "errors"

# Offsets are str indices into a text of at most NEWSDESK_MAX_BYTES (20 MB): int32 holds them.
_OFFSET = pa.int32()
_TEXT = pa.string()

ORIGIN = pa.struct([("path", _TEXT), ("url", _TEXT), ("fetched", _TEXT)])
MENTION = pa.struct([("start", _OFFSET), ("end", _OFFSET), ("text", _TEXT)])
QUOTE = pa.struct(
    [
        ("text", _TEXT),
        ("start", _OFFSET),
        ("end", _OFFSET),
        ("kind", _TEXT),
        ("cue", _TEXT),
        ("cue_start", _OFFSET),
        ("cue_end", _OFFSET),
        ("speaker_mention", _TEXT),
        ("speaker_start", _OFFSET),
        ("speaker_end", _OFFSET),
        ("speaker", _TEXT),
        ("speaker_id", _TEXT),
        ("confidence", pa.float64()),
        ("speaker_confidence", pa.float64()),
    ]
)
ENTITY = pa.struct(
    [
        ("id", _TEXT),
        ("name", _TEXT),
        ("label", _TEXT),
        ("mentions", pa.list_(MENTION)),
        ("confidence", pa.float64()),
    ]
)
PLACE = pa.struct(
    [
        ("entity_id", _TEXT),
        ("name", _TEXT),
        ("geonameid", pa.int64()),
        ("lat", pa.float64()),
        ("lon", pa.float64()),
        ("country_code", _TEXT),
        ("feature", _TEXT),
    ]
)
DATE = pa.struct(
    [("text", _TEXT), ("start", _OFFSET), ("end", _OFFSET), ("value", _TEXT), ("type", _TEXT)]
)

# The one definition of an article row. ``published`` and ``modified`` stay ISO strings as
# pages state them: many outlets give no time zone, and a timestamp column would invent one.
SCHEMA = pa.schema(
    [
        ("id", _TEXT),
        ("url", _TEXT),
        ("source", pa.struct([("name", _TEXT), ("domain", _TEXT)])),
        ("origins", pa.list_(ORIGIN)),
        ("title", _TEXT),
        ("published", _TEXT),
        ("modified", _TEXT),
        ("language", _TEXT),
        ("month", _TEXT),
        ("authors", pa.list_(_TEXT)),
        ("text", _TEXT),
        ("quotes", pa.list_(QUOTE)),
        ("entities", pa.list_(ENTITY)),
        ("places", pa.list_(PLACE)),
        ("dates", pa.list_(DATE)),
    ]
)
PARTITION_COLUMNS = ("language", "month")
PARTITIONING = pads.partitioning(
    pa.schema([SCHEMA.field(name) for name in PARTITION_COLUMNS]), flavor="hive"
)
ERROR_SCHEMA = pa.schema([("input", _TEXT), ("id", _TEXT), ("reason", _TEXT)])

_MONTH = re.compile(r"(\d{4})-(0[1-9]|1[0-2])")

# Records stored per transaction by ``load``.
LOAD_BATCH = 64


@dataclass(frozen=True)
class LoadSummary:
    """What ``load`` did: articles newly stored, articles already there, the inputs the run
    reported as failed (its ``errors/`` dataset) and the records the store refused."""

    stored: int
    present: int
    failed: int
    failures: tuple[Failure, ...] = ()
    refused: tuple[Failure, ...] = ()  # records the store would not take, with the reason


def month(published: str | None) -> str | None:
    """The ``YYYY-MM`` partition of a publication date, None when it has none.

    >>> month("2022-04-05T16:43:00"), month(None)
    ('2022-04', None)
    """
    match = _MONTH.match(published or "")
    return match.group(0) if match else None


def analysis_to_row(analysis: Analysis) -> dict[str, Any]:
    """One ``SCHEMA`` row: the JSON contract's fields plus the ``month`` partition."""
    row = analysis_to_json(analysis)
    row["month"] = month(analysis.article.published)
    return row


def row_to_analysis(row: dict[str, Any]) -> Analysis:
    """The record a row holds (the inverse of ``analysis_to_row``; ``month`` is derived)."""
    return analysis_from_json(row)


def failure_to_row(failure: Failure, article_id: str | None = None) -> dict[str, Any]:
    return {"input": failure.input, "id": article_id, "reason": failure.reason}


def to_table(analyses: Iterable[Analysis]) -> pa.Table:
    """Analyses as a table of ``SCHEMA``."""
    return pa.Table.from_pylist([analysis_to_row(a) for a in analyses], schema=SCHEMA)


def write_tables(directory: Path, articles: Iterable[pa.Table], errors: Iterable[pa.Table]) -> None:
    """Write ``articles`` (tables of ``SCHEMA``) and ``errors`` (of ``ERROR_SCHEMA``) as the
    two datasets under ``directory``, streaming: no table is held longer than it is written."""
    pads.write_dataset(
        _batches(articles, SCHEMA),
        directory / ARTICLES,
        schema=SCHEMA,
        format="parquet",
        partitioning=PARTITIONING,
        basename_template="part-{i}.parquet",
        existing_data_behavior="overwrite_or_ignore",
    )
    pads.write_dataset(
        _batches(errors, ERROR_SCHEMA),
        directory / ERRORS,
        schema=ERROR_SCHEMA,
        format="parquet",
        basename_template="part-{i}.parquet",
        existing_data_behavior="overwrite_or_ignore",
    )
    # Both datasets exist even when empty, so readers that glob their files find a schema.
    (directory / ARTICLES).mkdir(parents=True, exist_ok=True)
    if not any((directory / ERRORS).glob("*.parquet")):
        (directory / ERRORS).mkdir(parents=True, exist_ok=True)
        pq.write_table(ERROR_SCHEMA.empty_table(), directory / ERRORS / "part-0.parquet")


def _batches(tables: Iterable[pa.Table], schema: pa.Schema) -> Iterator[pa.RecordBatch]:
    for table in tables:
        yield from table.select(schema.names).cast(schema).to_batches()


def write(directory: Path, analyses: Iterable[Analysis], failures: Iterable[Failure] = ()) -> None:
    """Write records and failures as a run's output under ``directory``."""
    errors = pa.Table.from_pylist([failure_to_row(f) for f in failures], schema=ERROR_SCHEMA)
    write_tables(directory, [to_table(analyses)], [errors])


def _dataset(directory: Path, name: str) -> pads.Dataset:
    path = directory / name
    if not path.is_dir():
        raise NotFound(
            f"no {name}/ dataset here: not the output of `newsdesk run`", input=str(directory)
        )
    if name == ARTICLES:
        return pads.dataset(path, schema=SCHEMA, format="parquet", partitioning=PARTITIONING)
    return pads.dataset(path, schema=ERROR_SCHEMA, format="parquet")


def read(directory: Path) -> Iterator[Analysis]:
    """Every record of a run's output, a batch of rows at a time."""
    for batch in _dataset(directory, ARTICLES).to_batches():
        for row in batch.to_pylist():
            yield row_to_analysis(row)


def read_errors(directory: Path) -> list[Failure]:
    """The failures a run recorded (an output without ``errors/`` has none)."""
    if not (directory / ERRORS).is_dir():
        return []
    table = _dataset(directory, ERRORS).to_table()
    return [Failure(row["input"], row["reason"]) for row in table.to_pylist()]


def load(directory: Path, store: Store) -> LoadSummary:
    """Bring a run's Parquet output into ``store``; an article already stored is not stored
    again, only its new origins are recorded. Raises NotFound when ``directory`` holds no
    ``articles/`` dataset."""
    counts = {"stored": 0, "present": 0}
    refused: list[Failure] = []
    batch: list[Analysis] = []

    def flush() -> None:
        # One transaction per batch: a commit per article would cost twice the time.
        for analysis, result in zip(batch, store.put_many(batch), strict=True):
            if isinstance(result, StoreError):
                refused.append(Failure(input_name(analysis.article), result.reason))
            else:
                counts[result] += 1
        batch.clear()

    for analysis in read(directory):
        batch.append(analysis)
        if len(batch) >= LOAD_BATCH:
            flush()
    flush()
    failures = tuple(read_errors(directory))
    return LoadSummary(counts["stored"], counts["present"], len(failures), failures, tuple(refused))
