"""Every redirect the newsroom answers: an entity id merged into another (a lone surname joined
to the person) sends its speaker and entity pages to the survivor's, the query string kept; a
quotation or an article asked by a prefix goes to its full address; the favicon's old name."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsdesk.records import Analysis, Article, Entity, Quote, Source, article_id
from newsdesk.serve.app import create_app
from newsdesk.store import SQLiteStore

from .conftest import RUIZ, _mentions, _span, calm_analysis

# The id an analysis gives a lone surname; the corpus merges it into the one full name.
SURNAME = "2222333344445555"
SURNAME_TEXT = 'Ruiz said "the dam will hold through the winter" on Friday evening.'


def surname_analysis() -> Analysis:
    text = SURNAME_TEXT
    said = "the dam will hold through the winter"
    return Analysis(
        article=Article(
            id=article_id(text),
            text=text,
            title="The dam will hold",
            published="2022-06-12T08:00:00",
            language="en",
            source=Source(name="Metro Daily", domain="metro.example"),
        ),
        quotes=(Quote(said, *_span(text, said), "direct", speaker="Ruiz", speaker_id=SURNAME),),
        entities=(Entity(SURNAME, "Ruiz", "PER", _mentions(text, "Ruiz")),),
    )


@pytest.fixture(scope="module")
def merged(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("merged") / "newsdesk.db"
    with SQLiteStore(db) as store:
        for analysis in (calm_analysis(), surname_analysis()):
            assert store.put(analysis) == "stored"
    return db


@pytest.fixture(scope="module")
def client(merged: Path) -> Iterator[TestClient]:
    with TestClient(create_app(merged)) as test_client:
        yield test_client


@pytest.mark.parametrize("kind", ["speakers", "entities"])
def test_a_merged_id_redirects_to_the_entity_it_joined(client: TestClient, kind: str) -> None:
    response = client.get(f"/{kind}/{SURNAME}?page=1&per_page=5", follow_redirects=False)
    assert response.status_code == 308
    assert response.headers["location"] == f"/{kind}/{RUIZ}?page=1&per_page=5"
    followed = client.get(response.headers["location"])
    assert followed.status_code == 200 and "Ana Ruiz" in followed.text


def test_the_survivor_holds_the_merged_ids_quotations(client: TestClient) -> None:
    speaker = client.get(f"/api/speakers/{SURNAME}").json()
    assert speaker["id"] == RUIZ
    said = {item["quote"]["text"] for item in speaker["quotes"]["items"]}
    assert "the dam will hold through the winter" in said
    assert "the river will rise and 'we are ready' for it" in said


def test_an_unknown_id_is_not_redirected(client: TestClient) -> None:
    for kind in ("speakers", "entities"):
        response = client.get(f"/{kind}/ffffffffffffffff", follow_redirects=False)
        assert response.status_code == 404


def test_short_ids_redirect_to_full_addresses(client: TestClient) -> None:
    full = calm_analysis().article.id
    article = client.get(f"/articles/{full[:10]}?x=1", follow_redirects=False)
    assert article.status_code == 308 and article.headers["location"] == f"/articles/{full}"
    quote = client.get(f"/quotes/{full[:10]}-0", follow_redirects=False)
    assert quote.status_code == 308 and quote.headers["location"] == f"/quotes/{full[:16]}-0"


def test_the_favicons_usual_name_redirects_to_the_svg(client: TestClient) -> None:
    response = client.get("/favicon.ico", follow_redirects=False)
    assert response.status_code == 301
    assert response.headers["location"] == "/static/favicon.svg"
