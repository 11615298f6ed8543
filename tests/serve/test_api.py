"""The JSON API: shapes, pagination, filters, and 4xx answers for bad requests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from newsdesk.errors import StoreError
from newsdesk.serialize import analysis_to_json
from newsdesk.serve.app import create_app

LIST_KEYS = {"items", "total", "page", "per_page"}
JULIANNE_SMITH = "289913d820a387ce"
Served = Any  # the ``served`` fixture: db, seed, hostile, calm, digest


def get(client: TestClient, url: str, **params: Any) -> Any:
    response = client.get(url, params=params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    return response.json()


def test_api_stats_counts_every_stored_record(client: TestClient, served: Served) -> None:
    stats = get(client, "/api/stats")
    assert stats["articles"] == 3
    assert stats["quotes"] == 11 + 1 + 2
    # The seed's places (Kiev, Bucha, the G7 countries…) and the hand-written Lyon.
    assert len(served.seed.places) >= 15
    assert stats["places"] == len(served.seed.places) + 1
    dated = (served.seed, served.hostile, served.calm)
    assert stats["dates"] == sum(len(a.dates) for a in dated) > len(served.calm.dates)
    assert dict(map(tuple, stats["languages"])) == {"en": 2, "fr": 1}


def test_api_home_ranks_speakers_and_entities(
    client: TestClient, ids: dict[str, str], stoltenberg: str
) -> None:
    home = get(client, "/api/home")
    assert home["counts"] == {"articles": 3, "quotes": 14, "entities": 29, "languages": 2}
    assert [a["published"][:10] for a in home["latest"]] == [
        "2022-06-10",
        "2022-05-01",
        "2022-04-05",
    ]
    assert home["speakers"][0] == {"id": stoltenberg, "name": "Jens Stoltenberg", "quotes": 9}
    assert {s["id"] for s in home["speakers"]} == {
        stoltenberg,
        ids["mallory"],
        ids["ruiz"],
        JULIANNE_SMITH,
    }
    assert len(home["entities"]) == 10
    mentions = [e["mentions"] for e in home["entities"]]
    assert mentions == sorted(mentions, reverse=True)


def test_api_articles_pages_newest_first(client: TestClient, served: Served) -> None:
    first = get(client, "/api/articles", per_page=2)
    assert set(first) == LIST_KEYS
    assert (first["total"], first["page"], first["per_page"]) == (3, 1, 2)
    assert [a["id"] for a in first["items"]] == [served.calm.article.id, served.hostile.article.id]
    second = get(client, "/api/articles", per_page=2, page=2)
    assert [a["id"] for a in second["items"]] == [served.seed.article.id]
    assert second["items"][0]["quotes"] == 11
    assert client.get("/api/articles", params={"page": 9}).status_code == 404


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"lang": "fr"}, {"seed"}),
        ({"lang": "en"}, {"hostile", "calm"}),
        ({"source": "Metro Daily"}, {"calm"}),
        ({"source": "evil.example"}, {"hostile"}),
        ({"since": "2022-05-01"}, {"hostile", "calm"}),
        ({"until": "2022-05-01"}, {"seed", "hostile"}),
        ({"since": "2022-04-06", "until": "2022-06-09"}, {"hostile"}),
        ({"until": "2022-04-05T16:00:00"}, set()),
        ({"lang": ""}, {"seed", "hostile", "calm"}),
    ],
)
def test_api_articles_filters(
    client: TestClient, served: Served, params: dict[str, str], expected: set[str]
) -> None:
    ids = {name: getattr(served, name).article.id for name in ("seed", "hostile", "calm")}
    found = get(client, "/api/articles", **params)
    assert {name for name, i in ids.items() if i in {a["id"] for a in found["items"]}} == expected
    assert found["total"] == len(expected)


def test_api_article_is_the_design_record(client: TestClient, served: Served) -> None:
    for analysis in (served.seed, served.hostile, served.calm):
        assert get(client, f"/api/articles/{analysis.article.id}") == analysis_to_json(analysis)


def test_api_article_accepts_a_unique_prefix(client: TestClient, served: Served) -> None:
    record = get(client, f"/api/articles/{served.seed.article.id[:10]}")
    assert record["id"] == served.seed.article.id


def test_api_search_finds_articles_quotes_and_facets(
    client: TestClient, served: Served, stoltenberg: str
) -> None:
    found = get(client, "/api/search", q="atrocites")
    assert [hit["article"]["id"] for hit in found["items"]] == [served.seed.article.id]
    assert found["total"] == 1
    assert found["quotes_total"] == len(found["quotes"]) == 2
    assert all("atrocités" in item["quote"]["text"] for item in found["quotes"])
    assert any(part["match"] for part in found["items"][0]["snippet"])
    facets = found["facets"]
    assert facets["languages"] == [{"value": "fr", "count": 1, "id": None}]
    assert facets["dates"] == [{"value": "2022-04-05", "count": 1, "id": None}]
    assert facets["speakers"] == [{"value": "Jens Stoltenberg", "count": 2, "id": stoltenberg}]


def test_api_search_quotes_match_their_own_words_only(
    client: TestClient, ids: dict[str, str]
) -> None:
    # "Lyon" is in the article, not in its quotation.
    found = get(client, "/api/search", q="Lyon")
    assert found["total"] == 1 and found["quotes_total"] == 0
    found = get(client, "/api/search", q="river")
    assert found["quotes_total"] == 1
    assert found["quotes"][0]["quote"]["speaker_id"] == ids["ruiz"]


@pytest.mark.parametrize(
    ("params", "articles", "quotes"),
    [
        ({"lang": "en"}, 0, 0),
        ({"since": "2022-05-01"}, 0, 0),
        ({"until": "2022-04-05"}, 1, 2),
        ({"speaker": JULIANNE_SMITH}, 1, 0),
        ({"source": "Metro Daily"}, 0, 0),
    ],
)
def test_api_search_filters(
    client: TestClient, params: dict[str, str], articles: int, quotes: int
) -> None:
    found = get(client, "/api/search", q="atrocites", **params)
    assert (found["total"], found["quotes_total"]) == (articles, quotes)


def test_api_search_pages_quotations(client: TestClient) -> None:
    every = get(client, "/api/search", q="OTAN")
    assert every["quotes_total"] >= 2
    one = get(client, "/api/search", q="OTAN", per_page=1, page=2)
    assert one["quotes"] == every["quotes"][1:2]
    assert one["quotes_total"] == every["quotes_total"]


@pytest.mark.parametrize("q", ["'; DROP TABLE articles; --", '"', "*", "OR", "a OR", "NEAR(", "%_"])
def test_api_search_hostile_queries_answer_200(client: TestClient, q: str) -> None:
    found = get(client, "/api/search", q=q)
    assert set(found) >= {"items", "total", "quotes", "facets"}
    assert get(client, "/api/stats")["articles"] == 3


def test_api_search_requires_a_query(client: TestClient) -> None:
    assert client.get("/api/search").status_code == 422
    assert client.get("/api/search", params={"q": ""}).status_code == 422


@pytest.mark.parametrize(
    ("speaker", "total"),
    [("stoltenberg", 9), ("Jens STOLTENBERG", 9), ("smith", 2), ("<b>Mallory</b>", 1), ("x", 0)],
)
def test_api_quotes_by_speaker_name(client: TestClient, speaker: str, total: int) -> None:
    assert get(client, "/api/quotes", speaker=speaker)["total"] == total


def test_api_quotes_by_speaker_id_and_pages(client: TestClient, stoltenberg: str) -> None:
    page = get(client, "/api/quotes", speaker=stoltenberg, per_page=4, page=3)
    assert set(page) == LIST_KEYS
    assert page["total"] == 9 and len(page["items"]) == 1
    item = page["items"][0]
    assert item["quote"]["speaker"] == "Jens Stoltenberg"
    assert item["position"] == 8
    assert item["article"]["language"] == "fr"


def test_api_quotes_newest_first_and_filtered(client: TestClient) -> None:
    every = get(client, "/api/quotes", per_page=100)
    assert every["total"] == 14
    days = [item["article"]["published"] for item in every["items"]]
    assert days == sorted(days, reverse=True)
    assert get(client, "/api/quotes", lang="en")["total"] == 3
    assert get(client, "/api/quotes", since="2022-06-01")["total"] == 2


def test_api_speaker_has_quotes_timeline_and_outlets(
    client: TestClient, served: Served, stoltenberg: str
) -> None:
    found = get(client, f"/api/speakers/{stoltenberg}", per_page=5)
    assert found["name"] == "Jens Stoltenberg"
    assert found["quotes"]["total"] == 9 and len(found["quotes"]["items"]) == 5
    assert found["timeline"] == [{"value": "2022-04-05", "count": 9, "id": None}]
    source = served.seed.article.source.name
    assert found["outlets"] == [{"value": source, "count": 9, "id": None}]


def test_api_entities_aggregate_across_articles(
    client: TestClient, ids: dict[str, str], stoltenberg: str
) -> None:
    people = get(client, "/api/entities", label="PER", per_page=100)
    assert set(people) == LIST_KEYS
    assert people["total"] == 4
    jens = next(e for e in people["items"] if e["id"] == stoltenberg)
    assert jens["name"] == "Jens Stoltenberg"
    assert jens["aliases"] == ["Stoltenberg"]
    assert (jens["articles"], jens["mentions"]) == (1, 5)
    assert jens["first_seen"] == jens["last_seen"] == "2022-04-05T16:43:00"
    assert {e["label"] for e in people["items"]} == {"PER"}
    ruiz = next(e for e in people["items"] if e["id"] == ids["ruiz"])
    assert ruiz["mentions"] == 2


def test_api_entities_pages(client: TestClient) -> None:
    every = get(client, "/api/entities", per_page=100)
    assert every["total"] == 29
    second = get(client, "/api/entities", per_page=10, page=2)
    assert second["items"] == every["items"][10:20]


def test_api_entity_has_articles_and_co_mentions(
    client: TestClient, ids: dict[str, str], served: Served, stoltenberg: str
) -> None:
    found = get(client, f"/api/entities/{stoltenberg}")
    assert found["entity"]["id"] == stoltenberg
    assert found["quotes"] == 9
    assert [a["id"] for a in found["articles"]["items"]] == [served.seed.article.id]
    assert found["articles"]["total"] == 1
    # All share the one article: the most mentioned come first, under their corpus names
    # (OTAN is the organisation of the facts file, NATO).
    assert {c["name"] for c in found["co_mentioned"][:2]} == {"NATO", "Ukraine"}
    assert len(found["co_mentioned"]) == 20
    assert stoltenberg not in {c["id"] for c in found["co_mentioned"]}
    evil = get(client, f"/api/entities/{ids['evil_corp']}")
    assert [c["id"] for c in evil["co_mentioned"]] == [ids["mallory"]]


def test_api_places_lists_located_places(
    client: TestClient, ids: dict[str, str], served: Served
) -> None:
    found = get(client, "/api/places", per_page=100)
    assert set(found) == LIST_KEYS
    assert found["total"] == len(served.seed.places) + 1
    by_name = {p["name"]: p for p in found["items"]}
    assert by_name["Lyon"] == {
        "entity_id": ids["lyon"],
        "name": "Lyon",
        "lat": 45.75,
        "lon": 4.85,
        "country_code": "FR",
        "articles": 1,
    }
    kiev = by_name["Kiev"]
    assert (round(kiev["lat"], 1), round(kiev["lon"], 1), kiev["country_code"]) == (
        50.5,
        30.5,
        "UA",
    )


@pytest.mark.parametrize(
    "url",
    [
        "/api/articles/0000000000000000",
        "/api/articles/nope",
        "/api/articles/00",
        "/api/speakers/0000000000000000",
        "/api/speakers/nope",
        "/api/entities/0000000000000000",
        "/api/entities/%3Cscript%3E",
        "/api/nothing-here",
    ],
)
def test_api_unknown_ids_are_404(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 404
    assert isinstance(response.json()["detail"], str)


@pytest.mark.parametrize(
    ("url", "params"),
    [
        ("/api/articles", {"page": "0"}),
        ("/api/articles", {"page": "-1"}),
        ("/api/articles", {"page": "two"}),
        ("/api/articles", {"per_page": "1000"}),
        ("/api/articles", {"per_page": "0"}),
        ("/api/articles", {"since": "garbage"}),
        ("/api/articles", {"since": "2022-13-45"}),
        ("/api/articles", {"until": "yesterday"}),
        ("/api/articles", {"lang": "FRENCH"}),
        ("/api/entities", {"label": "XYZ"}),
        ("/api/entities", {"label": "per"}),
        ("/api/quotes", {"since": "garbage"}),
        ("/api/quotes", {"per_page": "101"}),
        ("/api/search", {"q": "otan", "page": "0"}),
        ("/api/search", {"q": "otan", "since": "garbage"}),
        ("/api/search", {"q": "otan", "speaker": "not-an-id"}),
        ("/api/speakers/b6725b24a19360b3", {"page": "0"}),
        ("/api/places", {"per_page": "1000"}),
    ],
)
def test_api_bad_parameters_are_422(client: TestClient, url: str, params: dict[str, str]) -> None:
    response = client.get(url, params=params)
    assert response.status_code == 422
    assert response.json()["detail"]


@pytest.mark.parametrize("method", ["post", "put", "delete", "patch"])
def test_api_refuses_writes(client: TestClient, method: str) -> None:
    assert client.request(method, "/api/articles").status_code == 405


def test_api_every_route_is_documented(client: TestClient) -> None:
    schema = get(client, "/openapi.json")
    paths = schema["paths"]
    expected = {
        "/api/stats",
        "/api/home",
        "/api/articles",
        "/api/articles/{article_id}",
        "/api/search",
        "/api/quotes",
        "/api/quotes/{quote_id}",
        "/api/options",
        "/api/speakers",
        "/api/speakers/{entity_id}",
        "/api/entities",
        "/api/entities/{entity_id}",
        "/api/places",
        "/api/stories",
        "/api/stories/{story_id}",
        "/api/statements",
        "/api/statements/{statement_id}",
        "/api/articles/{article_id}/copies",
    }
    assert set(paths) == expected
    for path in expected:
        operation = paths[path]["get"]
        assert operation["summary"] and operation["description"], path
        assert "200" in operation["responses"]


def test_create_app_refuses_a_missing_database(tmp_path: Any) -> None:
    missing = tmp_path / "absent.db"
    with pytest.raises(StoreError, match=r"absent\.db"):
        create_app(missing)
    assert not missing.exists()


def test_create_app_refuses_a_file_that_is_not_a_store(tmp_path: Any) -> None:
    other = tmp_path / "other.db"
    other.write_text("not a database at all, just text" * 100)
    with pytest.raises(StoreError, match=r"other\.db"):
        create_app(other)


def test_cli_serve_refuses_a_missing_database(cli: Any, db_path: Any) -> None:
    result = cli("serve")
    assert result.returncode == 1
    assert str(db_path) in result.stderr and "no database here" in result.stderr
    assert not db_path.exists()


def test_cli_serve_offers_host_port_and_db(cli: Any) -> None:
    result = cli("serve", "--help")
    assert result.returncode == 0
    for option in ("--host", "--port", "--db", "127.0.0.1", "8000"):
        assert option in result.stdout


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_cli_serve_answers_over_http(served: Served) -> None:
    port = _free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "COLUMNS": "300"}
    command = [sys.executable, "-m", "newsdesk", "serve", "--db", str(served.db)]
    server = subprocess.Popen(
        [*command, "--port", str(port)], stdout=subprocess.PIPE, text=True, env=env
    )
    try:
        assert server.stdout is not None
        line = server.stdout.readline()
        assert line.strip() == f"newsdesk serving {served.db} at http://127.0.0.1:{port}/"
        response = None
        for _ in range(200):  # the banner comes just before the socket opens
            assert server.poll() is None, "the server stopped"
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=5)
                break
            except httpx.TransportError:
                time.sleep(0.05)
        assert response is not None, "the server never answered"
        assert response.json()["articles"] == 3
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_api_quotes_min_confidence_keeps_sure_attributions(client: TestClient) -> None:
    # The seed is analyzed for real, so its quotations carry confidences; the records written
    # by hand carry none and are left out as soon as a confidence is asked for.
    measured = get(client, "/api/quotes", min_confidence=0, per_page=100)
    assert measured["total"] == 11
    sure = get(client, "/api/quotes", min_confidence=0.85, per_page=100)
    assert 0 < sure["total"] <= measured["total"]
    for item in sure["items"]:
        quote = item["quote"]
        assert quote["confidence"] >= 0.85
        assert quote["speaker"] is None or quote["speaker_confidence"] >= 0.85
    assert client.get("/api/quotes", params={"min_confidence": 1.5}).status_code == 422
