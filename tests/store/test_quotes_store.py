"""Quotations read back from a store: filters by speaker, language and date, order, pages, and
the schema migration that gave quotes their speaker key."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path
from typing import Any, Literal

import pytest

from newsdesk.errors import UsageError
from newsdesk.records import Analysis, Article, Quote, Source, article_id
from newsdesk.store import SQLiteStore, Store, schema
from newsdesk.store.base import QuoteHit

# Short articles written for these tests, with the quotations an extractor would find in them.
NATO_FR = (
    "Le chef de l'OTAN, Jens Stoltenberg, a déclaré mardi que l'alliance resterait unie. "
    "« Nous soutiendrons l'Ukraine aussi longtemps qu'il le faudra », a-t-il ajouté. "
    "Selon des sources diplomatiques, les ministres discuteront de nouvelles livraisons d'armes."
)
NATO_EN = (
    "Julianne Smith, the US ambassador to NATO, said the allies were united. "
    '"We will keep sending weapons," Stoltenberg told reporters. '
    '"It is a turning point," said Conor O\'Brien, a historian.'
)
DRIAN_FR = "« Rien n'est exclu », a dit Jean-Yves Le Drian devant les députés."
UNDATED_FR = "« La situation reste grave », a estimé Julianne Smith à Bruxelles."


def _quote(
    text: str,
    said: str,
    kind: Literal["direct", "indirect", "mixed"],
    *,
    speaker: str | None,
    mention: str,
    after: str = "",
) -> Quote:
    """A quotation of ``said`` by ``mention`` (the first one after ``after``) in ``text``."""
    start = text.index(said)
    mention_start = text.index(mention, text.index(after))
    return Quote(
        said,
        start,
        start + len(said),
        kind,
        speaker_mention=mention,
        speaker_start=mention_start,
        speaker_end=mention_start + len(mention),
        speaker=speaker,
        speaker_id=None if speaker is None else f"id-{speaker}",
    )


def _analysis(
    text: str, published: str | None, language: str, title: str, quotes: tuple[Quote, ...]
) -> Analysis:
    article = Article(
        id=article_id(text),
        text=text,
        title=title,
        published=published,
        language=language,
        url=f"https://news.example/{language}/{article_id(text)[:6]}",
        source=Source(name=f"Gazette {language.upper()}", domain="news.example"),
    )
    return Analysis(article=article, quotes=quotes)


NATO_FR_ANALYSIS = _analysis(
    NATO_FR,
    "2022-04-05T16:43:00",
    "fr",
    "L'OTAN reste unie",
    (
        _quote(
            NATO_FR,
            "l'alliance resterait unie",
            "indirect",
            speaker="Jens Stoltenberg",
            mention="Jens Stoltenberg",
        ),
        _quote(
            NATO_FR,
            "Nous soutiendrons l'Ukraine aussi longtemps qu'il le faudra",
            "direct",
            speaker="Jens Stoltenberg",
            mention="il",
            after="a-t-",
        ),
        _quote(
            NATO_FR,
            "les ministres discuteront de nouvelles livraisons d'armes",
            "indirect",
            speaker=None,
            mention="des sources diplomatiques",
        ),
    ),
)
NATO_EN_ANALYSIS = _analysis(
    NATO_EN,
    "2022-04-06T09:15:00",
    "en",
    "Allies united, NATO says",
    (
        _quote(
            NATO_EN,
            "the allies were united",
            "indirect",
            speaker="Julianne Smith",
            mention="Julianne Smith",
        ),
        _quote(
            NATO_EN,
            "We will keep sending weapons,",
            "direct",
            speaker="Jens Stoltenberg",
            mention="Stoltenberg",
        ),
        _quote(
            NATO_EN,
            "It is a turning point,",
            "direct",
            speaker="Conor O'Brien",
            mention="Conor O'Brien",
        ),
    ),
)
DRIAN_ANALYSIS = _analysis(
    DRIAN_FR,
    "2022-03-30",
    "fr",
    "Rien n'est exclu",
    (
        _quote(
            DRIAN_FR,
            "Rien n'est exclu",
            "direct",
            speaker="Jean-Yves Le Drian",
            mention="Jean-Yves Le Drian",
        ),
    ),
)
UNDATED_ANALYSIS = _analysis(
    UNDATED_FR,
    None,
    "fr",
    "Situation grave",
    (
        _quote(
            UNDATED_FR,
            "La situation reste grave",
            "direct",
            speaker="Julianne Smith",
            mention="Julianne Smith",
        ),
    ),
)
ANALYSES = (UNDATED_ANALYSIS, NATO_FR_ANALYSIS, DRIAN_ANALYSIS, NATO_EN_ANALYSIS)

# Every quotation, in the order ``quotes`` gives them: newest article first, undated last.
ALL_IN_ORDER = (
    *NATO_EN_ANALYSIS.quotes,
    *NATO_FR_ANALYSIS.quotes,
    *DRIAN_ANALYSIS.quotes,
    *UNDATED_ANALYSIS.quotes,
)
STOLTENBERG = (NATO_EN_ANALYSIS.quotes[1], *NATO_FR_ANALYSIS.quotes[:2])


@pytest.fixture
def filled(store: Store) -> Store:
    for analysis in ANALYSES:
        store.put(analysis)
    return store


def _texts(hits: list[QuoteHit]) -> list[str]:
    return [hit.quote.text for hit in hits]


def _all(store: Store, speaker: str | None = None, **filters: str) -> list[QuoteHit]:
    return store.quotes(speaker, limit=100, **filters)


# --- order and what a hit carries -----------------------------------------------------------


def test_quotes_come_newest_article_first_in_article_order_undated_last(filled: Store) -> None:
    assert [hit.quote for hit in _all(filled)] == list(ALL_IN_ORDER)


def test_quotes_of_one_article_follow_its_text_whatever_the_record_order(store: Store) -> None:
    reordered = replace(NATO_FR_ANALYSIS, quotes=NATO_FR_ANALYSIS.quotes[::-1])
    store.put(reordered)
    assert [hit.quote for hit in store.quotes()] == list(NATO_FR_ANALYSIS.quotes)
    assert store.get(reordered.article.id) == reordered  # the record keeps its own order


def test_quotes_count_counts_every_quotation(filled: Store) -> None:
    assert filled.quotes_count() == len(ALL_IN_ORDER) == 8


def test_quote_hit_carries_its_article(filled: Store) -> None:
    hit = _all(filled, "Le Drian")[0]
    article = DRIAN_ANALYSIS.article
    assert hit.quote == DRIAN_ANALYSIS.quotes[0]
    assert (hit.article_id, hit.title, hit.published, hit.language, hit.url, hit.source) == (
        article.id,
        "Rien n'est exclu",
        "2022-03-30",
        "fr",
        article.url,
        Source(name="Gazette FR", domain="news.example"),
    )


def test_quote_hit_json_is_the_quote_contract_plus_its_article(filled: Store) -> None:
    record = _all(filled, "Le Drian")[0].to_json()
    assert set(record) == {
        "text", "start", "end", "kind", "cue", "cue_start", "cue_end", "speaker_mention",
        "speaker_start", "speaker_end", "speaker", "speaker_id", "confidence",
        "speaker_confidence", "article",
    }  # fmt: skip
    assert record["article"]["source"] == {"name": "Gazette FR", "domain": "news.example"}
    assert record["article"]["id"] == DRIAN_ANALYSIS.article.id


def test_store_without_quotes_finds_none(store: Store) -> None:
    assert (store.quotes(), store.quotes_count(), store.quotes("Smith")) == ([], 0, [])


# --- speaker --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    ["Stoltenberg", "jens stoltenberg", "Jens STOLTENBERG", "  jens \t Stoltenberg ", "Jens"],
)
def test_speaker_finds_a_person_by_name_or_surname_in_any_case(filled: Store, typed: str) -> None:
    assert [hit.quote for hit in _all(filled, typed)] == list(STOLTENBERG)
    assert filled.quotes_count(typed) == 3


@pytest.mark.parametrize(
    "typed", ["Le Drian", "DRIAN", "jean-yves le drian", "Jean Yves", "Jéan-Yvès LÉ DRIÂN"]
)
def test_speaker_ignores_accents_and_dashes(filled: Store, typed: str) -> None:
    assert _texts(_all(filled, typed)) == ["Rien n'est exclu"]


@pytest.mark.parametrize("typed", ["O'Brien", "o’brien", "Conor O'BRIEN"])
def test_speaker_with_an_apostrophe_is_found(filled: Store, typed: str) -> None:
    assert _texts(_all(filled, typed)) == ["It is a turning point,"]


@pytest.mark.parametrize("typed", ["Stolten", "tenberg", "Jens Smith", "Julianne Stoltenberg"])
def test_speaker_words_must_all_be_whole_words_of_the_name(filled: Store, typed: str) -> None:
    assert _all(filled, typed) == []
    assert filled.quotes_count(typed) == 0


@pytest.mark.parametrize("typed", ["sources", "des sources diplomatiques", "il"])
def test_speaker_never_matches_quotes_of_an_unknown_speaker(filled: Store, typed: str) -> None:
    assert _all(filled, typed) == []


@pytest.mark.parametrize(
    "typed",
    [
        "%",
        "_",
        "'",
        '"; DROP TABLE quotes; --',
        "'; DROP TABLE quotes; --",
        "%Stoltenberg%",
        "St_ltenberg",
        "Stolten%",
        "\\",
        "Smith\x00",
    ],
)
def test_hostile_speaker_matches_nothing_and_harms_nothing(filled: Store, typed: str) -> None:
    assert _all(filled, typed) == []
    assert filled.quotes_count(typed) == 0
    assert filled.quotes_count() == len(ALL_IN_ORDER)
    assert filled.get(NATO_FR_ANALYSIS.article.id) == NATO_FR_ANALYSIS


@pytest.mark.parametrize("typed", ["", "   ", "\t"])
def test_empty_speaker_is_a_usage_error(filled: Store, typed: str) -> None:
    with pytest.raises(UsageError, match="speaker"):
        filled.quotes(typed)
    with pytest.raises(UsageError, match="speaker"):
        filled.quotes_count(typed)


# --- language and date ----------------------------------------------------------------------


def test_language_keeps_quotes_of_articles_in_that_language(filled: Store) -> None:
    assert [hit.quote for hit in _all(filled, language="en")] == list(NATO_EN_ANALYSIS.quotes)
    assert filled.quotes_count(language="fr") == 5
    assert _all(filled, language="de") == []


def test_language_and_speaker_combine(filled: Store) -> None:
    assert _texts(_all(filled, "Smith", language="fr")) == ["La situation reste grave"]
    assert _texts(_all(filled, "Smith", language="en")) == ["the allies were united"]


@pytest.mark.parametrize(
    ("since", "articles"),
    [
        ("2022-04-06", (NATO_EN_ANALYSIS,)),
        ("2022-04-05", (NATO_EN_ANALYSIS, NATO_FR_ANALYSIS)),
        ("2022-04-05T17:00:00", (NATO_EN_ANALYSIS,)),
        ("2022-01-01", (NATO_EN_ANALYSIS, NATO_FR_ANALYSIS, DRIAN_ANALYSIS)),
        ("2023-01-01", ()),
    ],
)
def test_since_keeps_articles_published_that_day_or_later_never_undated(
    filled: Store, since: str, articles: tuple[Analysis, ...]
) -> None:
    expected = [q for a in articles for q in a.quotes]
    assert [hit.quote for hit in _all(filled, since=since)] == expected
    assert filled.quotes_count(since=since) == len(expected)


def test_since_and_speaker_combine(filled: Store) -> None:
    assert [hit.quote for hit in _all(filled, "Stoltenberg", since="2022-04-06")] == [
        STOLTENBERG[0]
    ]


@pytest.mark.parametrize("since", ["last week", "20220405", "2022-13-01"])
def test_since_not_a_date_is_a_usage_error(filled: Store, since: str) -> None:
    with pytest.raises(UsageError, match="since"):
        filled.quotes(since=since)
    with pytest.raises(UsageError, match="since"):
        filled.quotes_count(since=since)


# --- pages ----------------------------------------------------------------------------------


def test_pages_of_quotes_follow_one_another(filled: Store) -> None:
    pages = [filled.quotes(limit=3, offset=offset) for offset in (0, 3, 6, 9)]
    assert [len(page) for page in pages] == [3, 3, 2, 0]
    assert [hit.quote for page in pages for hit in page] == list(ALL_IN_ORDER)


def test_page_of_a_speaker_filter(filled: Store) -> None:
    assert [hit.quote for hit in filled.quotes("Stoltenberg", limit=1, offset=1)] == [
        STOLTENBERG[1]
    ]


@pytest.mark.parametrize(("limit", "offset"), [(0, 0), (-1, 0), (5, -1)])
def test_impossible_page_is_a_usage_error(filled: Store, limit: int, offset: int) -> None:
    with pytest.raises(UsageError, match="quotes"):
        filled.quotes(limit=limit, offset=offset)


# --- the speaker key and its migration (SQLite) ---------------------------------------------


def _quote_columns(db: Path) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        return [row[1] for row in conn.execute("PRAGMA table_info(quotes)")]
    finally:
        conn.close()


def _speaker_keys(db: Path) -> list[tuple[str | None, str | None]]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(
            "SELECT speaker, speaker_key FROM quotes ORDER BY speaker, speaker_key"
        ).fetchall()
    finally:
        conn.close()


@pytest.fixture
def v1_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, old_writer: Any) -> Path:
    """A file written by the version 1 schema, with the records written as version 1 did."""
    db = tmp_path / "v1" / "newsdesk.db"
    with monkeypatch.context() as patch:
        old_writer(patch, 1)
        with SQLiteStore(db) as old:
            for analysis in ANALYSES:
                old.put(analysis)
    return db


def test_v1_file_is_a_version_1_file_without_speaker_keys(v1_db: Path) -> None:
    conn = sqlite3.connect(v1_db)
    assert conn.execute("PRAGMA user_version").fetchone() == (1,)
    conn.close()
    assert "speaker_key" not in _quote_columns(v1_db)


def test_v1_file_migrates_to_current_with_speaker_keys_filled(v1_db: Path) -> None:
    with SQLiteStore(v1_db) as store:
        assert store.migrations_applied == tuple(range(2, schema.SCHEMA_VERSION + 1))
        assert store.schema_version == schema.SCHEMA_VERSION
    assert "speaker_key" in _quote_columns(v1_db)
    assert _speaker_keys(v1_db) == [
        (None, None),
        ("Conor O'Brien", "conor o'brien"),
        ("Jean-Yves Le Drian", "jean yves le drian"),
        ("Jens Stoltenberg", "jens stoltenberg"),
        ("Jens Stoltenberg", "jens stoltenberg"),
        ("Jens Stoltenberg", "jens stoltenberg"),
        ("Julianne Smith", "julianne smith"),
        ("Julianne Smith", "julianne smith"),
    ]


def test_v1_file_after_migration_answers_speaker_queries_and_reads_back(v1_db: Path) -> None:
    with SQLiteStore(v1_db) as store:
        assert [hit.quote for hit in store.quotes("jens STOLTENBERG")] == list(STOLTENBERG)
        assert _texts(store.quotes("le drian")) == ["Rien n'est exclu"]
        for analysis in ANALYSES:
            assert store.get(analysis.article.id) == analysis
    with SQLiteStore(v1_db) as again:
        assert again.migrations_applied == ()


def test_new_file_stores_the_speaker_key_of_each_quote(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    with SQLiteStore(db) as store:
        store.put(NATO_FR_ANALYSIS)
    assert _speaker_keys(db) == [
        (None, None),
        ("Jens Stoltenberg", "jens stoltenberg"),
        ("Jens Stoltenberg", "jens stoltenberg"),
    ]


def test_corpus_lookups_by_entity_id_use_an_index(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "indexed.db") as store:
        store.put(ANALYSES[0])
    conn = sqlite3.connect(tmp_path / "indexed.db")
    for sql in (
        "SELECT * FROM mentions WHERE entity_id = 'x'",
        "SELECT * FROM quotes WHERE speaker_id = 'x'",
        "SELECT * FROM entities WHERE id = 'x'",
    ):
        plan = " ".join(str(row) for row in conn.execute("EXPLAIN QUERY PLAN " + sql))
        assert "USING INDEX" in plan, plan
    conn.close()
