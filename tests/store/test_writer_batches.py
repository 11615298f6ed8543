"""What the writer does once per article rather than once per quotation: the full-text index
of its quotations filled in one statement, and their statements linked with one lookup per
speaker, a statement made by a quotation written as it stands, one joined by several
quotations of an article recomputed once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from newsdesk.records import Analysis, Article, Entity, Mention, Origin, Quote, Source, article_id
from newsdesk.store import schema
from newsdesk.store.sqlite import SQLiteStore

# The statements the writer runs to store an analysis (the ``writer_sql`` fixture).
WriterSql = Callable[[SQLiteStore, Analysis], list[str]]

ODILE = "1a2b3c4d5e6f7a8b"
RUNE = "8b7a6f5e4d3c2b1a"
LINES = {
    ODILE: [
        "the new bridge over the Sorne will open to traffic in the first week of May",
        "the toll will be dropped for the residents of both banks of the river",
        "we asked the engineers to check every cable twice before the opening",
    ],
    RUNE: ["the cost of the bridge has doubled since the council voted for it in the spring"],
}
NAMES = {ODILE: "Odile Brancard", RUNE: "Rune Halvorsen"}


def article(
    outlet: str, published: str, said: list[tuple[str, str]], *, language: str = "en"
) -> Analysis:
    """An article in which each (speaker id, words) of ``said`` is one quotation."""
    parts, quotes, mentions = [f"Reported by {outlet}."], [], dict[str, list[Mention]]()
    for speaker_id, words in said:
        head = " ".join(parts) + " "
        start = len(head) + 1
        name = NAMES[speaker_id]
        parts.append(f'"{words}," {name} said.')
        end = start + len(words)
        quotes.append(Quote(words, start, end, "direct", speaker=name, speaker_id=speaker_id))
        at = end + 3
        mentions.setdefault(speaker_id, []).append(Mention(at, at + len(name), name))
    text = " ".join(parts)
    for found in mentions.values():
        for m in found:
            assert text[m.start : m.end] == m.text
    return Analysis(
        Article(
            id=article_id(text),
            text=text,
            title=f"{outlet} on the bridge",
            published=published,
            language=language,
            source=Source(name=outlet, domain=outlet),
            origins=(Origin(path=f"{outlet}.txt", fetched=published),),
        ),
        quotes=tuple(quotes),
        entities=tuple(Entity(i, NAMES[i], "PER", tuple(found)) for i, found in mentions.items()),
    )


FIRST = article(
    "river-herald.net",
    "2027-05-03T09:00:00",
    [(ODILE, LINES[ODILE][0]), (ODILE, LINES[ODILE][1]), (RUNE, LINES[RUNE][0])],
)
# Repeats two of Odile Brancard's lines and Rune Halvorsen's, says a new one, and quotes one
# of her lines twice (a pull quote): two quotations of one article joining one statement.
SECOND = article(
    "valley-times.org",
    "2027-05-02T18:00:00",
    [
        (ODILE, LINES[ODILE][0]),
        (ODILE, LINES[ODILE][2]),
        (RUNE, LINES[RUNE][0]),
        (ODILE, LINES[ODILE][1]),
        (ODILE, LINES[ODILE][0]),
    ],
)


@pytest.fixture
def store(tmp_path: Path) -> SQLiteStore:
    return SQLiteStore(tmp_path / "newsdesk.db")


def test_the_earlier_quotations_of_a_speaker_are_looked_up_once_per_article(
    store: SQLiteStore,
    writer_sql: WriterSql,
) -> None:
    store.put(FIRST)
    ran = writer_sql(store, SECOND)
    lookups = [sql for sql in ran if "FROM statement_quotes WHERE speaker_key IN" in sql]
    assert len(lookups) == 2  # two speakers, five quotations
    # The speakers' corpus ids and the ids merged into them: one query each for all.
    assert len([sql for sql in ran if "FROM entity_redirects WHERE id IN" in sql]) == 1
    assert len([sql for sql in ran if "FROM entity_redirects WHERE entity_id IN" in sql]) == 1


def test_a_statement_joined_twice_by_one_article_counts_it_once(
    store: SQLiteStore, writer_sql: WriterSql
) -> None:
    store.put(FIRST)
    ran = writer_sql(store, SECOND)
    # Four quotations join three statements: each is recomputed once, their carriers read
    # in one query; the new statement is written whole, never recomputed.
    assert len([sql for sql in ran if sql.startswith("UPDATE statements")]) == 3
    assert len([sql for sql in ran if "count(DISTINCT article_id)" in sql]) == 1
    rows = store.select(
        "SELECT text, first_article_id, first_seen, carriers, languages FROM statements"
        " ORDER BY text"
    )
    second = SECOND.article.id
    assert rows == [
        (LINES[RUNE][0], second, "2027-05-02T18:00:00", 2, "en"),
        (LINES[ODILE][0], second, "2027-05-02T18:00:00", 2, "en"),
        (LINES[ODILE][1], second, "2027-05-02T18:00:00", 2, "en"),
        (LINES[ODILE][2], second, "2027-05-02T18:00:00", 1, "en"),
    ]
    wordings = store.select(
        "SELECT position, wording, similarity FROM statement_quotes WHERE article_id = ?"
        " ORDER BY position",
        (second,),
    )
    assert wordings == [(i, "exact", 1.0) for i in range(5)]


def test_a_statement_first_made_later_keeps_its_first_article(store: SQLiteStore) -> None:
    later = article(
        "hill-gazette.com",
        "2027-05-05T07:00:00",
        [(ODILE, "the new bridge over the Sorne will open to traffic in the first week of May")],
        language="en",
    )
    store.put_many([FIRST, later])
    (row,) = store.select(
        "SELECT first_article_id, first_seen, carriers FROM statements WHERE text = ?",
        (LINES[ODILE][0],),
    )
    assert row == (FIRST.article.id, "2027-05-03T09:00:00", 2)


def _quotes_found(store: SQLiteStore, words: str) -> list[tuple[int, str]]:
    return [
        (int(rowid), str(text))
        for rowid, text in store.select(
            "SELECT q.rowid, q.text FROM quotes_fts JOIN quotes AS q ON q.rowid = quotes_fts.rowid"
            " WHERE quotes_fts MATCH ? ORDER BY q.rowid",
            (words,),
        )
    ]


def _index_sound(store: SQLiteStore) -> None:
    """FTS5's own check that its index holds exactly the rows of its content table."""
    store._conn.execute("INSERT INTO quotes_fts (quotes_fts) VALUES ('integrity-check')")


def test_an_articles_quotations_are_indexed_in_one_statement(
    store: SQLiteStore, writer_sql: WriterSql
) -> None:
    ran = writer_sql(store, SECOND)
    assert len([sql for sql in ran if sql.startswith("INSERT INTO quotes_fts")]) == 1
    assert not [sql for sql in ran if "TRIGGER quotes_fts" in sql]
    _index_sound(store)
    found = _quotes_found(store, "engineers cable")
    assert [text for _, text in found] == [LINES[ODILE][2]]
    assert len(_quotes_found(store, "bridge Sorne")) == 2  # the line and its pull quote


def test_a_store_of_the_version_before_loses_the_trigger_and_keeps_its_quotations_found(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.db"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:14])
        patch.setattr(schema, "SCHEMA_VERSION", 14)
        # The writer of version 14 left the indexing to a trigger.
        patch.setattr(schema, "index_quotes", lambda *args: None)
        with SQLiteStore(path) as old:
            old.put(FIRST)
            assert len(_quotes_found(old, "bridge Sorne")) == 1
    with SQLiteStore(path) as store:
        assert store.migrations_applied == (15,)
        triggers = {str(n) for (n,) in store.select("SELECT name FROM sqlite_master")}
        assert "quotes_fts_insert" not in triggers
        assert {"quotes_fts_update", "quotes_fts_delete"} <= triggers
        store.put(SECOND)
        _index_sound(store)
        assert len(_quotes_found(store, "bridge Sorne")) == 3
        assert len(_quotes_found(store, "council spring")) == 2
