"""The article page tells when the article's language got a partial analysis."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from newsdesk.records import Analysis, Article, article_id
from newsdesk.serve.app import create_app
from newsdesk.store import SQLiteStore


def test_article_page_tells_a_partial_analysis_and_only_then(tmp_path: Path) -> None:
    db = tmp_path / "newsdesk.db"
    texts = {"de": "Der Stadtrat hat das Budget beschlossen.", "fr": "Le conseil a voté."}
    with SQLiteStore(db) as store:
        for language, text in texts.items():
            store.put(Analysis(Article(article_id(text), text, None, None, language)))
    with TestClient(create_app(db)) as client:
        german = client.get(f"/articles/{article_id(texts['de'])}").text
        french = client.get(f"/articles/{article_id(texts['fr'])}").text
    assert "partial analysis: de has no spaCy pipeline" in german
    assert "partial analysis" not in french
