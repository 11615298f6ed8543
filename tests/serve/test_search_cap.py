"""A search reads a bounded number of matches: past it, the counts say "N+" and the pages and
facets are made of the most recently stored matches."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsdesk.records import Analysis, Article, article_id
from newsdesk.serve import search as search_module
from newsdesk.serve.app import create_app
from newsdesk.serve.search import search
from newsdesk.store import SQLiteStore

from .conftest import Served


def test_a_search_past_its_bound_counts_n_plus_the_newest_matches(
    served: Served, monkeypatch: pytest.MonkeyPatch
) -> None:
    with SQLiteStore(served.db, read_only=True) as store:
        # "said": two articles; "Stoltenberg": one article and several quotations.
        words = search(store, "said", per_page=100)
        name = search(store, "Stoltenberg", per_page=100)
        assert not words.more and not name.quotes_more
        assert words.total >= 2 and name.quotes_total >= 2
        monkeypatch.setattr(search_module, "MATCHES", 1)
        words_bounded = search(store, "said", per_page=100)
        name_bounded = search(store, "Stoltenberg", per_page=100)
    assert words_bounded.more and words_bounded.total == 1 and len(words_bounded.items) == 1
    assert sum(c.count for c in words_bounded.facets.languages) == 1
    assert words_bounded.items[0].article.id in {hit.article.id for hit in words.items}
    assert name_bounded.quotes_more and name_bounded.quotes_total == 1
    assert len(name_bounded.quotes) == 1
    assert sum(c.count for c in name_bounded.facets.speakers) == 1


def test_the_page_says_more_match(served: Served, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search_module, "MATCHES", 1)
    with TestClient(create_app(served.db)) as client:
        words = client.get("/search", params={"q": "said", "per_page": 100}).text
        name = client.get("/search", params={"q": "Stoltenberg", "per_page": 100}).text
    assert "1+ article" in words and "most recently stored are listed and counted" in words
    assert "1+ quotation" in name


def test_an_article_scores_the_same_in_either_order_and_undated_ones_come_last(
    tmp_path: Path,
) -> None:
    db = tmp_path / "newsdesk.db"
    texts = {
        "2023-05-02": "The harbour board met. The harbour is closed to ferries.",
        None: "A harbour story without any date at all.",
        "2024-01-09": "Fishermen said the harbour harbour harbour was silting up.",
        "2022-11-30": "The council spoke of the harbour once.",
    }
    with SQLiteStore(db) as store:
        for day, text in texts.items():
            store.put(Analysis(Article(article_id(text), text, "Harbour news", day, "en")))
    with SQLiteStore(db, read_only=True) as store:
        best = search(store, "harbour", per_page=10)
        newest = search(store, "harbour", per_page=10, sort="date")
    scores = {hit.article.id: hit.score for hit in best.items}
    assert [hit.score for hit in best.items] == sorted(scores.values(), reverse=True)
    assert len(set(scores.values())) > 1
    assert {hit.article.id: hit.score for hit in newest.items} == scores
    days = [hit.article.published for hit in newest.items]
    assert days == ["2024-01-09", "2023-05-02", "2022-11-30", None]
    # The facets do not depend on the order.
    assert newest.facets == best.facets and newest.total == best.total == 4
