"""Parquet output: records round-trip exactly, the documented schema is the real one, and
``load`` brings an output directory into a store without duplicating articles."""

from __future__ import annotations

import re
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as pads
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.errors import NotFound
from newsdesk.records import (
    Analysis,
    Article,
    DateExpression,
    Entity,
    Failure,
    Mention,
    Origin,
    Place,
    Quote,
    Source,
    article_id,
)
from newsdesk.store import Store, parquet
from newsdesk.store.parquet import (
    ERROR_SCHEMA,
    SCHEMA,
    analysis_to_row,
    load,
    read,
    read_errors,
    row_to_analysis,
    write,
)

Cli = Callable[..., subprocess.CompletedProcess[str]]
ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "parquet.md"

StoreFactory = Callable[[], Store]


def _by_id(analyses: list[Analysis]) -> dict[str, Analysis]:
    return {a.article.id: a for a in analyses}


def test_seed_record_comes_back_equal_with_its_place(
    seed_analysis: Analysis, tmp_path: Path
) -> None:
    kiev = seed_analysis.places[0]
    analysis = replace(
        seed_analysis, places=(replace(kiev, feature="city"), replace(kiev, lat=None, lon=None))
    )
    write(tmp_path, [analysis])
    assert list(read(tmp_path)) == [analysis]


def test_row_keeps_none_values_and_unknown_place_kind(seed_analysis: Analysis) -> None:
    place = Place("e2", "Kiev", None, None, None, None, None)
    analysis = replace(seed_analysis, places=(place,))
    row = analysis_to_row(analysis)
    assert row["places"][0]["feature"] is None
    assert row_to_analysis(row) == analysis


def test_confidence_of_an_entity_found_without_a_model_comes_back(
    seed_analysis: Analysis, tmp_path: Path
) -> None:
    rated = replace(seed_analysis.entities[0], confidence=0.5)
    analysis = replace(seed_analysis, entities=(rated, *seed_analysis.entities[1:]))
    write(tmp_path, [analysis])
    (back,) = read(tmp_path)
    assert back == analysis
    assert [e.confidence for e in back.entities][:2] == [0.5, None]


def test_articles_are_partitioned_by_language_and_month(tmp_path: Path) -> None:
    dated = _article("Le conseil a voté mardi.", language="fr", published="2022-04-05T16:43:00")
    undated = _article("No date, no language.", language=None, published=None)
    write(tmp_path, [dated, undated])
    files = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.parquet"))
    assert files == [
        "articles/language=__HIVE_DEFAULT_PARTITION__/month=__HIVE_DEFAULT_PARTITION__/"
        "part-0.parquet",
        "articles/language=fr/month=2022-04/part-0.parquet",
        "errors/part-0.parquet",
    ]
    assert _by_id(list(read(tmp_path))) == _by_id([dated, undated])


def test_other_readers_see_partition_columns(tmp_path: Path) -> None:
    write(tmp_path, [_article("Le conseil a voté.", language="fr", published="2022-04-05")])
    table = pads.dataset(tmp_path / "articles", format="parquet", partitioning="hive").to_table()
    assert table.column("language").to_pylist() == ["fr"]
    assert table.column("month").to_pylist() == ["2022-04"]


def test_errors_come_back_with_input_and_reason(tmp_path: Path) -> None:
    failures = [Failure("a/broken.html.gz", "corrupt gzip data"), Failure("b.txt", "empty file")]
    write(tmp_path, [], failures)
    assert read_errors(tmp_path) == failures
    assert list(read(tmp_path)) == []


# --- the documented schema ----------------------------------------------------------------


def _leaves(name: str, kind: pa.DataType) -> list[tuple[str, str]]:
    if pa.types.is_list(kind):
        return _leaves(f"{name}[]", kind.value_type)
    if pa.types.is_struct(kind):
        return [leaf for field in kind for leaf in _leaves(f"{name}.{field.name}", field.type)]
    return [(name, str(kind))]


def _documented(section: str) -> list[tuple[str, str]]:
    """(column, type) rows of the table under ``## section`` in docs/parquet.md."""
    text = DOC.read_text(encoding="utf-8")
    body = text.split(f"\n## {section}\n", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `([^`]+)` \| (\S+) \|", body, flags=re.M)
    assert rows, f"no column table under '## {section}' in {DOC}"
    return rows


@pytest.mark.parametrize(("section", "schema"), [("articles/", SCHEMA), ("errors/", ERROR_SCHEMA)])
def test_schema_is_the_documented_one(section: str, schema: pa.Schema) -> None:
    actual = [leaf for field in schema for leaf in _leaves(field.name, field.type)]
    assert _documented(section) == actual


def test_written_files_hold_the_schema_without_partition_columns(
    seed_analysis: Analysis, tmp_path: Path
) -> None:
    write(tmp_path, [seed_analysis])
    (file,) = (tmp_path / "articles").rglob("*.parquet")
    stored = pads.dataset(file, format="parquet").schema
    expected = [f for f in SCHEMA if f.name not in parquet.PARTITION_COLUMNS]
    assert [(f.name, f.type) for f in stored] == [(f.name, f.type) for f in expected]


# --- round trip over generated records ----------------------------------------------------

SHORT = st.text(max_size=20)
MAYBE = st.none() | SHORT
OFFSET = st.integers(0, 2**31 - 1)
MAYBE_OFFSET = st.none() | OFFSET
COORDINATE = st.none() | st.floats(-180, 180, allow_nan=False)


@st.composite
def analyses(draw: st.DrawFn) -> Analysis:
    text = draw(st.text(min_size=1, max_size=200))
    article = Article(
        id=article_id(text),
        text=text,
        title=draw(MAYBE),
        published=draw(st.none() | st.datetimes().map(lambda d: d.isoformat()) | SHORT),
        language=draw(st.none() | st.sampled_from(["fr", "en", "zh"])),
        url=draw(MAYBE),
        source=draw(st.builds(Source, MAYBE, MAYBE)),
        origins=tuple(draw(st.lists(st.builds(Origin, MAYBE, MAYBE, MAYBE), max_size=3))),
        authors=tuple(draw(st.lists(SHORT, max_size=2))),
        modified=draw(st.none() | st.datetimes().map(lambda d: d.isoformat()) | SHORT),
    )
    mention = st.builds(Mention, OFFSET, OFFSET, SHORT)
    label = st.sampled_from(["PER", "ORG", "LOC", "MISC"])
    entity = st.builds(Entity, SHORT, SHORT, label, st.lists(mention, max_size=3).map(tuple))
    kind = st.sampled_from(["direct", "indirect", "mixed"])
    quote = st.builds(
        Quote,
        *(SHORT, OFFSET, OFFSET, kind, MAYBE, MAYBE_OFFSET, MAYBE_OFFSET),
        *(MAYBE, MAYBE_OFFSET, MAYBE_OFFSET, MAYBE, MAYBE),
    )
    place = st.builds(
        Place, SHORT, SHORT, st.none() | st.integers(0, 2**40), COORDINATE, COORDINATE, MAYBE, MAYBE
    )
    date_type = st.sampled_from(["DATE", "TIME", "DURATION", "SET"])
    date = st.builds(DateExpression, SHORT, OFFSET, OFFSET, MAYBE, date_type)
    return Analysis(
        article,
        tuple(draw(st.lists(quote, max_size=3))),
        tuple(draw(st.lists(entity, max_size=3))),
        tuple(draw(st.lists(place, max_size=3))),
        tuple(draw(st.lists(date, max_size=3))),
    )


@settings(max_examples=40, deadline=None)
@given(records=st.lists(analyses(), max_size=3, unique_by=lambda a: a.article.id))
def test_any_record_written_is_read_back_equal(records: list[Analysis]) -> None:
    with tempfile.TemporaryDirectory() as directory:
        write(Path(directory), records)
        assert _by_id(list(read(Path(directory)))) == _by_id(records)


# --- load ---------------------------------------------------------------------------------


def _article(text: str, *, language: str | None, published: str | None) -> Analysis:
    article = Article(
        id=article_id(text),
        text=text,
        title=text.split()[0],
        published=published,
        language=language,
        origins=(Origin(path="a.txt"),),
    )
    return Analysis(article)


def test_load_stores_every_article_and_reports_errors(
    seed_analysis: Analysis, make_store: StoreFactory, tmp_path: Path
) -> None:
    other = _article("Le conseil a voté mardi.", language="fr", published=None)
    write(tmp_path, [seed_analysis, other], [Failure("x.html.gz", "corrupt gzip data")])
    with make_store() as store:
        summary = load(tmp_path, store)
        assert (summary.stored, summary.present, summary.failed) == (2, 0, 1)
        assert summary.failures == (Failure("x.html.gz", "corrupt gzip data"),)
        assert store.get(seed_analysis.article.id) == seed_analysis
        assert store.get(other.article.id) == other


def test_load_stores_the_others_when_the_store_refuses_a_record(
    seed_analysis: Analysis, make_store: StoreFactory, tmp_path: Path
) -> None:
    other = _article("Le conseil a voté mardi.", language="fr", published=None)
    # Two entities with one id: the Parquet file holds it, the store's keys refuse it.
    bad = replace(seed_analysis, entities=(*seed_analysis.entities, seed_analysis.entities[0]))
    write(tmp_path, [bad, other])
    with make_store() as store:
        summary = load(tmp_path, store)
        assert (summary.stored, summary.present, summary.failed) == (1, 0, 0)
        (refused,) = summary.refused
        assert refused.input == seed_analysis.article.origins[0].path
        assert seed_analysis.article.id in refused.reason
        assert not store.has(seed_analysis.article.id)
        assert store.get(other.article.id) == other


def test_cli_load_names_a_refused_record_and_fails(
    seed_analysis: Analysis, tmp_path: Path, cli: Cli
) -> None:
    bad = replace(seed_analysis, entities=(*seed_analysis.entities, seed_analysis.entities[0]))
    other = _article("Le conseil a voté mardi.", language="fr", published=None)
    write(tmp_path / "run", [bad, other])
    result = cli("load", str(tmp_path / "run"))
    assert result.returncode == 1
    assert "stored 1, already present 0, failed in the run 0, refused by the store 1" in (
        result.stdout
    )
    assert f"{seed_analysis.article.origins[0].path}: refused by the store: " in result.stderr


def test_loading_twice_adds_nothing(
    seed_analysis: Analysis, make_store: StoreFactory, tmp_path: Path
) -> None:
    write(tmp_path, [seed_analysis])
    with make_store() as store:
        load(tmp_path, store)
        again = load(tmp_path, store)
        assert (again.stored, again.present) == (0, 1)
        assert store.stats().articles == 1
        assert store.get(seed_analysis.article.id) == seed_analysis


def test_load_of_a_stored_article_adds_its_new_origins(
    seed_analysis: Analysis, make_store: StoreFactory, tmp_path: Path
) -> None:
    copy = replace(seed_analysis.article, origins=(Origin(path="mirror/seed.txt"),))
    write(tmp_path, [replace(seed_analysis, article=copy)])
    with make_store() as store:
        store.put(seed_analysis)
        assert load(tmp_path, store).present == 1
        stored = store.get(seed_analysis.article.id)
        assert stored is not None
        assert stored.article.origins == (*seed_analysis.article.origins, *copy.origins)


def test_load_of_a_directory_without_output_names_it(
    make_store: StoreFactory, tmp_path: Path
) -> None:
    with make_store() as store, pytest.raises(NotFound, match=re.escape(str(tmp_path))):
        load(tmp_path, store)
