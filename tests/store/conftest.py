"""Store fixtures: a factory per backend, and records built directly (no extraction involved).

Every backend is one ``params`` entry of ``make_store``: the conformance suite in
``test_contract.py`` then runs against it unchanged.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest

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
    article_id,
)
from newsdesk.store import SQLiteStore, Store, corpus, schema

StoreFactory = Callable[[], Store]
AnalysisFactory = Callable[..., Analysis]
WriterSql = Callable[[SQLiteStore, Analysis], list[str]]


def _sqlite_factory(tmp_path: Path) -> Callable[[int], Store]:
    return lambda n: SQLiteStore(tmp_path / f"store-{n}" / "newsdesk.db")


BACKENDS = {"sqlite": _sqlite_factory}


@pytest.fixture(params=sorted(BACKENDS))
def make_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[StoreFactory]:
    """Opens a new, empty store of the backend under test at each call."""
    build = BACKENDS[request.param](tmp_path)
    opened: list[Store] = []

    def make() -> Store:
        opened.append(build(len(opened)))
        return opened[-1]

    yield make
    for store in opened:
        store.close()


@pytest.fixture
def store(make_store: StoreFactory) -> Store:
    return make_store()


def _find(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def _mentions(text: str, needle: str) -> tuple[Mention, ...]:
    starts = [i for i in range(len(text)) if text.startswith(needle, i)]
    return tuple(Mention(i, i + len(needle), needle) for i in starts)


def build_analysis(
    text: str,
    *,
    title: str | None = None,
    published: str | None = None,
    language: str | None = "fr",
    source: Source | None = None,
    origins: tuple[Origin, ...] = (),
    people: tuple[str, ...] = (),
) -> Analysis:
    """An analysis of ``text`` with one PER entity per name in ``people`` (every occurrence a
    mention) and, for the first person, a quote of the text's first sentence."""
    article = Article(
        id=article_id(text),
        text=text,
        title=title,
        published=published,
        language=language,
        source=source or Source(),
        origins=origins,
    )
    entities = tuple(
        Entity(
            id=f"e{i}",
            name=name,
            label="PER",
            mentions=_mentions(text, name),
        )
        for i, name in enumerate(people)
    )
    quotes: tuple[Quote, ...] = ()
    if people:
        sentence = text.split(".")[0]
        quotes = (
            Quote(sentence, 0, len(sentence), "indirect", speaker=people[0], speaker_id="e0"),
        )
    return Analysis(article=article, quotes=quotes, entities=entities)


def index_before_grams(conn: sqlite3.Connection, seq: int) -> None:
    """How an article was indexed before schema version 7 (no character pairs)."""
    conn.execute(
        "INSERT INTO articles_fts (rowid, title, text, quotes)"
        " SELECT seq, title, text, quotes FROM article_search WHERE seq = ?",
        (seq,),
    )


def write_as(patch: pytest.MonkeyPatch, version: int) -> None:
    """Make the store write as a newsdesk of schema ``version`` did: its migrations only, and
    none of the rows later versions added (speaker keys and CJK pairs of quotations, corpus
    entities from 5, quotation confidences from 6, relations from 9, entity confidences from 10,
    label counts from 11)."""
    patch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:version])
    patch.setattr(schema, "SCHEMA_VERSION", version)
    patch.setattr(schema, "record_relations", lambda *args: None)
    patch.setattr(schema, "index_text", index_before_grams)
    patch.setattr(
        schema,
        "insert_quotes",
        lambda conn, aid, quotes: schema._insert_children(conn, "quotes", aid, quotes),
    )
    if version < 5:
        patch.setattr(schema, "record_corpus_entities", lambda *args: None)
    elif version < 11:
        patch.setattr(schema, "record_corpus_entities", corpus.record_article)
    if version < 6:
        columns = schema._columns
        patch.setattr(
            schema,
            "_columns",
            lambda record: [c for c in columns(record) if not c.endswith("confidence")],
        )


def writer_sql(store: SQLiteStore, analysis: Analysis) -> list[str]:
    """Every statement the writer runs to store ``analysis`` (values written in)."""
    ran: list[str] = []
    store._conn.set_trace_callback(ran.append)
    try:
        store.put(analysis)
    finally:
        store._conn.set_trace_callback(None)
    return ran


@pytest.fixture(name="writer_sql")
def writer_sql_fixture() -> WriterSql:
    """``writer_sql`` as a fixture, so test modules need not import this conftest."""
    return writer_sql


@pytest.fixture
def old_writer() -> Callable[[pytest.MonkeyPatch, int], None]:
    """``write_as`` as a fixture, so test modules need not import this conftest."""
    return write_as


@pytest.fixture
def old_index() -> Callable[[sqlite3.Connection, int], None]:
    """``schema.index_text`` as a writer of a version before 7 had it, for files of old versions."""
    return index_before_grams


@pytest.fixture
def analysis_of() -> AnalysisFactory:
    """``build_analysis`` as a fixture, so test modules need not import this conftest."""
    return build_analysis


@pytest.fixture(scope="session")
def seed_analysis(seed_path: Path) -> Analysis:
    """The seed article as a full record, with every kind of analysis row filled."""
    raw = seed_path.read_text(encoding="utf-8")
    lines = [line.strip() for line in raw.splitlines()]
    # Body: from the first paragraph after the dateline to before the scraped footer.
    body_start = next(i for i, line in enumerate(lines) if line.startswith("Le chef de"))
    body_end = next(i for i, line in enumerate(lines) if line == "Afficher Plus")
    text = "\n\n".join(line for line in lines[body_start:body_end] if line)
    title = lines[2].rstrip('"').strip()
    kiev = _find(text, "Kiev")
    quote_start = text.index("Quand et s'ils")
    quote_end = text.index('", a-t-il déclaré lors')
    cue = _find(text, "a-t-il déclaré lors")
    mardi = _find(text, "mardi")
    analysis = build_analysis(
        text,
        title=title,
        published="2022-04-05T16:43:00",
        source=Source(name=None, domain="example.org"),
        origins=(Origin(path="tests/data/seed_fr.txt"),),
    )
    return replace(
        analysis,
        entities=(
            Entity("e0", "Jens Stoltenberg", "PER", _mentions(text, "Stoltenberg")),
            Entity("e1", "OTAN", "ORG", _mentions(text, "OTAN")),
            Entity("e2", "Kiev", "LOC", (Mention(*kiev, "Kiev"),)),
        ),
        quotes=(
            Quote(
                text[quote_start:quote_end],
                quote_start,
                quote_end,
                "direct",
                cue="a-t-il déclaré",
                cue_start=cue[0],
                cue_end=cue[0] + len("a-t-il déclaré"),
                speaker_mention="il",
                speaker_start=cue[0] + 4,
                speaker_end=cue[0] + 6,
                speaker="Jens Stoltenberg",
                speaker_id="e0",
            ),
        ),
        places=(Place("e2", "Kiev", 703448, 50.45466, 30.5238, "UA"),),
        dates=(DateExpression("mardi", *mardi, "2022-04-05", "DATE"),),
    )
