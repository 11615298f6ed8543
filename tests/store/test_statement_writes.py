"""How the writer links an article's quotations to statements: every lookup made once per
speaker, a statement made by a quotation written as it stands, one joined by several
quotations of an article recomputed once, and what is stored the same as one by one."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.records import Analysis, Article, Entity, Mention, Origin, Quote, Source, article_id
from newsdesk.store.sqlite import SQLiteStore

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


def _writer_sql(store: SQLiteStore, analysis: Analysis) -> list[str]:
    ran: list[str] = []
    store._conn.set_trace_callback(ran.append)
    try:
        store.put(analysis)
    finally:
        store._conn.set_trace_callback(None)
    return ran


def test_the_earlier_quotations_of_a_speaker_are_looked_up_once_per_article(
    store: SQLiteStore,
) -> None:
    store.put(FIRST)
    ran = _writer_sql(store, SECOND)
    lookups = [sql for sql in ran if "FROM statement_quotes WHERE speaker_key IN" in sql]
    assert len(lookups) == 2  # two speakers, five quotations
    # The speakers' corpus ids and the ids merged into them: one query each for all.
    redirects = [sql for sql in ran if "FROM entity_redirects WHERE" in sql and " IN (" in sql]
    assert len(redirects) == 2


def test_a_statement_joined_twice_by_one_article_counts_it_once(store: SQLiteStore) -> None:
    store.put(FIRST)
    ran = _writer_sql(store, SECOND)
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
