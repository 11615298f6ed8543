"""Answers kept in memory: a page asked again is the same page, HEAD included, and a write to
the store is seen at once."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from newsdesk.serve.app import create_app
from newsdesk.store.sqlite import SQLiteStore

from .conftest import calm_analysis, hostile_analysis


def test_an_answer_asked_again_is_the_same_until_the_store_changes(tmp_path: Path) -> None:
    db = tmp_path / "newsdesk.db"
    with SQLiteStore(db) as store:
        store.put(calm_analysis())
    with TestClient(create_app(db)) as client:
        first = client.get("/articles")
        again = client.get("/articles")
        assert again.status_code == 200 and again.text == first.text
        assert again.headers["etag"] == first.headers["etag"]
        assert again.headers["content-security-policy"] == first.headers["content-security-policy"]
        head = client.head("/articles")
        assert head.status_code == 200 and head.content == b""
        assert head.headers["etag"] == first.headers["etag"]
        before = client.get("/api/stats").json()
        with SQLiteStore(db) as store:
            store.put(hostile_analysis())
        after = client.get("/articles")
        assert after.headers["etag"] != first.headers["etag"]
        assert (
            after.text.count('class="article-link"') == first.text.count('class="article-link"') + 1
        )
        assert client.get("/api/stats").json()["articles"] == before["articles"] + 1
