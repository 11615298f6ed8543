"""Stories, statements and copies in the JSON API and the pages: the seed, an English version
of it (written for the tests) and a cut copy of the seed made at run time."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsdesk.config import Settings
from newsdesk.records import Analysis
from newsdesk.run.local import analyze_paths
from newsdesk.serve.app import create_app
from newsdesk.store.sqlite import SQLiteStore

ENGLISH = Path(__file__).parents[1] / "data" / "relate" / "nato_en.txt"


@pytest.fixture(scope="module")
def nato(tmp_path_factory: pytest.TempPathFactory, seed_path: Path) -> dict[str, Analysis]:
    folder = tmp_path_factory.mktemp("nato")
    lines = seed_path.read_text(encoding="utf-8").splitlines()
    cut = [*lines[: lines.index("Afficher Plus") - 6], "", "Partagez cet article sur vos réseaux."]
    copy = folder / "copie.txt"
    copy.write_text("\n".join(cut) + "\n", encoding="utf-8")
    found = {}
    for name, path in (("en", ENGLISH), ("seed", seed_path), ("copy", copy)):
        (analysis,) = analyze_paths([str(path)], Settings(timeout=300))
        assert isinstance(analysis, Analysis)
        found[name] = analysis
    db = folder / "newsdesk.db"
    with SQLiteStore(db) as store:
        for analysis in found.values():
            assert store.put(analysis) == "stored"
    found["db"] = db  # type: ignore[assignment]
    return found


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
