"""A run's relations as Parquet: the same copies, stories and signals the store finds."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq

from newsdesk.records import Analysis, Article, Source, article_id
from newsdesk.store import parquet_relations

BODY = (
    "The river ferry between Aldmoor and Kessby stopped running on Friday after its engine "
    "failed in the middle of the crossing, leaving 47 passengers on board for three hours "
    "until a tug towed the boat back to the Aldmoor landing. The operator said a replacement "
    "engine would arrive from the coast within ten days and that a bus would carry passengers "
    "around the estuary in the meantime, a detour of nearly an hour each way."
)


def _analysis(text: str, outlet: str, published: str) -> Analysis:
    return Analysis(
        Article(
            id=article_id(text),
            text=text,
            title="Ferry stops",
            published=published,
            language="en",
            source=Source(name=outlet, domain=outlet),
        )
    )


def test_relations_are_written_one_file_per_table(tmp_path: Path) -> None:
    original = _analysis(BODY, "aldmoor.example", "2026-05-01T08:00:00")
    copy = _analysis("Breaking | Share\n\n" + BODY + "\n\n(Reuters)", "wire.example", "2026-05-01")
    other = _analysis(
        "A choir from Kessby sang at the cathedral on Sunday evening. " * 4, "k.ex", "2026-05-01"
    )
    assert parquet_relations.write(tmp_path, [copy, other, original]) == 3
    assert sorted(p.name for p in (tmp_path / "relations").iterdir()) == sorted(
        f"{t}.parquet" for t in parquet_relations.TABLES
    )
    assert not (tmp_path / "relations.tmp.sqlite").exists()
    copies = pq.read_table(tmp_path / "relations" / "copies.parquet").to_pylist()
    assert {(r["article_id"], r["other_id"], r["kind"]) for r in copies} == {
        (copy.article.id, original.article.id, "copy"),
        (original.article.id, copy.article.id, "copy"),
    }
    signals = parquet_relations.read(tmp_path, "copy_signals").to_pylist()
    assert [(s["article_id"], s["value"]) for s in signals] == [(copy.article.id, "Reuters")]
    stories = {
        r["article_id"]: r["story_id"]
        for r in parquet_relations.read(tmp_path, "relation_articles").to_pylist()
    }
    assert stories[copy.article.id] == stories[original.article.id] != stories[other.article.id]
