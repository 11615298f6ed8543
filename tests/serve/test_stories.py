"""Stories, statements and copies in the JSON API and the pages: the seed, an English version
of it (written for the tests) and a cut copy of the seed made at run time."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from newsdesk.records import Analysis
from newsdesk.serve.app import create_app
from newsdesk.serve.words import when, when_short


@pytest.fixture(scope="module")
def client(nato: dict[str, Analysis]) -> Iterator[TestClient]:
    with TestClient(create_app(nato["db"])) as test_client:  # type: ignore[arg-type]
        yield test_client


def test_the_article_copies_answer_names_the_earlier_copy(
    client: TestClient, nato: dict[str, Analysis]
) -> None:
    copy_id, seed_id = nato["copy"].article.id, nato["seed"].article.id
    answer = client.get(f"/api/articles/{copy_id}/copies")
    assert answer.status_code == 200
    body = answer.json()
    assert [c["article"]["id"] for c in body["copies"]] == [seed_id]
    assert body["copies"][0]["share"] > 0.9
    assert body["first_seen"]["id"] == seed_id
    assert body["story_articles"] == 3
    assert client.get("/api/articles/ffffffff/copies").status_code == 404


def test_the_seed_page_shows_its_copy_and_its_language_signal(
    client: TestClient, nato: dict[str, Analysis]
) -> None:
    page = client.get(f"/articles/{nato['seed'].article.id}")
    assert page.status_code == 200
    assert "1 other copy" in page.text
    assert "arabic script" in page.text
    copy_page = client.get(f"/articles/{nato['copy'].article.id}").text
    assert "First seen in" in copy_page


def test_the_story_page_puts_its_articles_on_a_timeline(
    client: TestClient, nato: dict[str, Analysis]
) -> None:
    story = client.get(f"/api/stories/{nato['seed'].article.id}").json()
    assert story["story"]["articles"] == 3 and story["story"]["languages"] == ["en", "fr"]
    assert story["timeline"][0]["id"] == nato["en"].article.id  # published first
    page = client.get(f"/stories/{story['story']['id']}")
    assert page.status_code == 200
    assert '<svg class="timeline"' in page.text and page.text.count("<circle") >= 2
    listed = client.get("/api/stories").json()
    assert listed["total"] == 1 and listed["items"][0]["id"] == story["story"]["id"]
    assert client.get("/stories").status_code == 200
    assert client.get("/api/stories/nothing-here").status_code == 404


def test_the_statement_page_shows_the_first_source_and_the_translation(
    client: TestClient,
) -> None:
    listed = client.get("/api/statements", params={"speaker": "Stoltenberg", "min_carriers": 2})
    assert listed.status_code == 200
    both = [s for s in listed.json()["items"] if s["languages"] == ["en", "fr"]]
    assert both, "no statement carried in English and in French"
    detail = client.get(f"/api/statements/{both[0]['id']}").json()
    wordings = [v["wording"] for v in detail["variants"]]
    assert wordings[0] == "first" and "translated" in wordings
    assert detail["variants"][0]["article"]["language"] == "en"
    page = client.get(f"/statements/{both[0]['id']}")
    assert page.status_code == 200
    assert 'id="first-source"' in page.text and "translated" in page.text
    assert client.get("/statements", params={"speaker": "Stoltenberg"}).status_code == 200
    assert client.get("/api/statements", params={"per_page": 500}).status_code == 422


def copied_quote(client: TestClient, nato: dict[str, Analysis]) -> dict[str, Any]:
    """The JSON of a quotation of the cut copy that the seed carries too."""
    copy = nato["copy"]
    for position in range(len(copy.quotes)):
        found = client.get(f"/api/quotes/{copy.article.id[:16]}-{position}").json()
        others = found["lineage"]["others"] if found["lineage"] else []
        if any(o["article"]["id"] == nato["seed"].article.id for o in others):
            return dict(found)
    raise AssertionError("no quotation of the copy is carried by the seed")


def test_a_quotation_names_its_first_appearance_and_the_other_carriers(
    client: TestClient, nato: dict[str, Analysis]
) -> None:
    found = copied_quote(client, nato)
    lineage = found["lineage"]
    statement = client.get(f"/api/statements/{lineage['statement_id']}").json()
    first = statement["variants"][0]
    assert lineage["first"]["id"] == first["article"]["id"]
    assert lineage["first_position"] == first["position"]
    carriers = {(v["article"]["id"], v["position"]) for v in statement["variants"]}
    own = (nato["copy"].article.id, found["position"])
    assert {(o["article"]["id"], o["position"]) for o in lineage["others"]} == carriers - {own}
    seed = next(o for o in lineage["others"] if o["article"]["id"] == nato["seed"].article.id)
    assert seed["relation"] in {"copy", "version"}
    page = client.get(f"/quotes/{found['id']}").text
    assert 'id="first-appearance"' in page and "First appeared in" in page
    assert f'href="/quotes/{first["article"]["id"][:16]}-{first["position"]}"' in page
    assert f'href="/quotes/{nato["seed"].article.id[:16]}-{seed["position"]}"' in page
    assert f'href="/statements/{lineage["statement_id"]}"' in page


def test_stories_and_statements_write_dates_and_languages_in_words(client: TestClient) -> None:
    iso = re.compile(r"\d{4}-\d{2}-\d{2}")
    for path in ("/stories", "/statements"):
        listed = client.get(f"/api{path}").json()["items"]
        page = client.get(path).text
        dates = {item["first_seen"] for item in listed if item["first_seen"]}
        assert dates, path
        for raw in dates:
            # The raw value is the <time> element's machine-readable attribute only.
            assert f'<time datetime="{raw}">{when_short(raw)}</time>' in page, raw
        assert not iso.search(re.sub(r'datetime="[^"]*"', "", page)), path
        assert "French" in page
    story = client.get("/api/stories").json()["items"][0]
    page = client.get(f"/stories/{story['id']}").text
    assert when(story["first_seen"]) in page and "English, French" in page
