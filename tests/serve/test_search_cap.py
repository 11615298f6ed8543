"""A search reads a bounded number of matches: past it, the counts say "N+" and the pages and
facets are made of the most recently stored matches."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

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
