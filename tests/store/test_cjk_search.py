"""Search in Chinese, Japanese and Korean: words found inside runs of their scripts, in a real
SQLite file; year, month and language filters."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from newsdesk.errors import UsageError
from newsdesk.records import Analysis, Article, Quote, article_id
from newsdesk.store import SQLiteStore
from newsdesk.store.base import parse_query
from newsdesk.store.grams import grams, pairs, split_term
from newsdesk.store.sqlite import fts_query


def build_analysis(
    text: str, *, title: str | None = None, published: str | None, language: str
) -> Analysis:
    return Analysis(Article(article_id(text), text, title, published, language))


JA = build_analysis(
    "気象庁は午後、沿岸部に大津波警報を発表した。住民は高台へ避難した。",
    title="沿岸に大津波警報",
    published="2024-01-01T16:22:00",
    language="ja",
)
ZH = build_analysis(
    "外交部长们将于周三在布鲁塞尔举行会议，讨论援助问题。",
    title="外长会议",
    published="2022-04-05",
    language="zh",
)
KO = build_analysis(
    "정부는 오늘 새로운 예산안을 국회에 제출했다고 밝혔다.",
    published="2025-03-02",
    language="ko",
)
FR = build_analysis(
    "Le conseil municipal a voté le budget mardi soir.",
    published="2013",
    language="fr",
)


@pytest.fixture
def corpus(tmp_path: Path) -> SQLiteStore:
    store = SQLiteStore(tmp_path / "newsdesk.db")
    for analysis in (JA, ZH, KO, FR):
        store.put(analysis)
    return store


def _titles(store: SQLiteStore, query: str, **filters: str) -> set[str | None]:
    return {hit.title or hit.snippet[0].text[:6] for hit in store.search(query, **filters)}


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("津波", JA),  # two characters inside a longer run of the title and of the text
        ("避難", JA),  # in the text only
        ("大津波警報", JA),
        ("布鲁塞尔", ZH),
        ("会议", ZH),
        ("예산안을", KO),
        ("예산", KO),
        ("budget", FR),
    ],
)
def test_search_finds_a_word_inside_a_run_of_its_script(
    corpus: SQLiteStore, query: str, found: Analysis
) -> None:
    hits = corpus.search(query)
    assert [hit.id for hit in hits] == [found.article.id]


def test_search_does_not_find_pairs_that_are_not_adjacent(corpus: SQLiteStore) -> None:
    # 警報 and 大津 are both in the text, but 大津警報 is not.
    assert corpus.search("大津警報") == []


def test_search_mixes_a_cjk_word_and_a_latin_word(corpus: SQLiteStore) -> None:
    assert corpus.search("津波 budget") == []
    assert len(corpus.search("津波 OR budget")) == 2


def test_search_finds_a_cjk_word_inside_a_stored_quotation(tmp_path: Path) -> None:
    text = "首相は記者団に「大津波警報が出ている地域の住民は直ちに避難を」と述べた。"
    start = text.index("大津波")
    said = text[start : text.index("」")]
    quote = Quote(said, start, start + len(said), "direct", confidence=0.6)
    article = Article(article_id(text), text, None, "2024-01-01", "ja")
    with SQLiteStore(tmp_path / "newsdesk.db") as store:
        store.put(Analysis(article, quotes=(quote,)))
        conn = sqlite3.connect(tmp_path / "newsdesk.db")
        found = conn.execute(
            "SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?",
            (fts_query(parse_query("避難")),),
        ).fetchall()
        conn.close()
    assert len(found) == 1


def test_migration_indexes_cjk_pairs_of_a_version_6_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, old_writer: Any
) -> None:
    old = tmp_path / "v6.db"
    with monkeypatch.context() as patch:
        old_writer(patch, 6)
        with SQLiteStore(old) as v6:
            v6.put(JA)
            v6.put(FR)
    with SQLiteStore(old) as upgraded:
        assert 8 in upgraded.migrations_applied
        assert [hit.id for hit in upgraded.search("津波")] == [JA.article.id]
        assert [hit.id for hit in upgraded.search("budget")] == [FR.article.id]


@pytest.mark.parametrize(("since", "count"), [("2025", 1), ("2024-01", 2), ("2013", 4)])
def test_search_since_accepts_a_year_or_a_month(
    corpus: SQLiteStore, since: str, count: int
) -> None:
    query = "津波 OR 会议 OR 예산 OR budget"
    assert len(corpus.search(query, since=since)) == count


@pytest.mark.parametrize("lang", ["xx", "french", "zz-ZZ"])
def test_search_refuses_an_unknown_language_code(corpus: SQLiteStore, lang: str) -> None:
    with pytest.raises(UsageError, match="lang"):
        corpus.search("budget", language=lang)


def test_search_language_filter_accepts_a_regional_tag(corpus: SQLiteStore) -> None:
    assert [hit.id for hit in corpus.search("budget", language="fr-FR")] == [FR.article.id]


def test_grams_cover_every_run_and_only_runs() -> None:
    assert grams("Tokyo 東京都 and 서울") == "東京 京都 서울"
    assert pairs("東京都") == ["東京", "京都"]
    assert split_term("東京2024") == (["東京"], ["2024"])
