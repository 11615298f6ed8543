"""Searching Chinese, Japanese and Korean words through the JSON API and the search page."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from newsdesk.records import Analysis, Article, Quote, article_id
from newsdesk.serve.app import create_app
from newsdesk.store import SQLiteStore


def test_search_finds_a_japanese_word_in_articles_and_quotations(tmp_path: Path) -> None:
    db = tmp_path / "newsdesk.db"
    text = "首相は記者団に「大津波警報が出ている地域の住民は直ちに避難を」と述べた。"
    start = text.index("大津波")
    said = text[start : text.index("」")]
    quote = Quote(said, start, start + len(said), "direct", confidence=0.6)
    article = Article(article_id(text), text, "避難指示", "2024-01-01", "ja")
    with SQLiteStore(db) as store:
        store.put(Analysis(article, (quote,)))
    with TestClient(create_app(db)) as client:
        api = client.get("/api/search", params={"q": "津波"})
        page = client.get("/search", params={"q": "避難"})
    assert api.status_code == 200 and article_id(text) in api.text
    assert page.status_code == 200 and "避難指示" in page.text
