"""Entities on the pages and in the API are named in the reader's language: the pages' own
(English), or the API's ``lang``; the other forms are aliases."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsdesk.analyze.entities import entity_id
from newsdesk.records import Analysis, Article, Entity, Mention, article_id
from newsdesk.serve.app import create_app
from newsdesk.store import SQLiteStore

# One place, one id in every language (as a located place has), met in French first and most.
PLACE = entity_id("LOC", "Moscou")
FRENCH = ["Moscou a répondu mardi.", "Moscou a encore répondu.", "Moscou se tait."]
ENGLISH = "Moscow answered on Monday."


def _analysis(text: str, name: str, language: str) -> Analysis:
    article = Article(article_id(text), text, None, "2024-03-04", language)
    mention = Mention(text.index(name), text.index(name) + len(name), name)
    return Analysis(article=article, entities=(Entity(PLACE, name, "LOC", (mention,)),))


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    db: Path = tmp_path_factory.mktemp("names") / "newsdesk.db"
    with SQLiteStore(db) as store:
        for text in FRENCH:
            store.put(_analysis(text, "Moscou", "fr"))
        store.put(_analysis(ENGLISH, "Moscow", "en"))
    with TestClient(create_app(db)) as client:
        yield client


def test_api_entities_are_named_in_the_asked_language(client: TestClient) -> None:
    (english,) = client.get("/api/entities", params={"lang": "en"}).json()["items"]
    (french,) = client.get("/api/entities", params={"lang": "fr"}).json()["items"]
    (plain,) = client.get("/api/entities").json()["items"]

    assert (english["name"], english["aliases"]) == ("Moscow", ["Moscou"])
    assert (french["name"], french["aliases"]) == ("Moscou", ["Moscow"])
    assert plain["name"] == "Moscou"  # no language asked: the corpus's own name


def test_api_entity_and_home_take_the_language(client: TestClient) -> None:
    detail = client.get(f"/api/entities/{PLACE}", params={"lang": "en"}).json()
    home = client.get("/api/home", params={"lang": "en"}).json()

    assert (detail["entity"]["name"], detail["entity"]["aliases"]) == ("Moscow", ["Moscou"])
    assert [e["name"] for e in home["entities"]] == ["Moscow"]


def test_api_refuses_a_language_that_is_no_code(client: TestClient) -> None:
    assert client.get("/api/entities", params={"lang": "english!"}).status_code == 422


def test_pages_name_entities_in_the_pages_language(client: TestClient) -> None:
    listed = client.get("/entities").text
    page = client.get(f"/entities/{PLACE}").text
    home = client.get("/").text

    link = f'<a class="entity" href="/entities/{PLACE}"><bdi>'
    assert f"{link}Moscow</bdi>" in listed and "also <bdi>Moscou</bdi>" in listed
    assert "<h1><bdi>Moscow</bdi>" in page
    # Its JSON twin names it the same way.
    twin = client.get(f"/api/entities/{PLACE}?lang=en").json()
    assert f'href="/api/entities/{PLACE}?lang=en"' in page and twin["entity"]["name"] == "Moscow"
    # The other form is an alias on the entity page.
    aliases = page[page.index('id="aliases"') : page.index('id="articles"')]
    assert "<li><bdi>Moscou</bdi></li>" in aliases
    assert f"{link}Moscow</bdi>" in home


def test_entity_exports_name_entities_as_the_list_does(client: TestClient) -> None:
    csv_rows = client.get("/export/entities.csv").text.splitlines()
    (listed,) = client.get("/export/entities.json").json()
    (french,) = client.get("/export/entities.json", params={"lang": "fr"}).json()

    assert csv_rows[1].split(",")[1:3] == ["Moscow", "LOC"]
    assert (listed["name"], listed["aliases"]) == ("Moscow", ["Moscou"])
    assert french["name"] == "Moscou"


def test_a_person_named_in_full_once_then_by_surname_is_shown_in_full(tmp_path: Path) -> None:
    text = "Ana Ruiz spoke first. Ruiz said the port would close. Later Ruiz left."
    person = entity_id("PER", "Ana Ruiz")
    mentions = tuple(
        Mention(start, start + len(form), form)
        for form, start in (
            ("Ana Ruiz", 0),
            ("Ruiz", text.index("Ruiz said")),
            ("Ruiz", text.rindex("Ruiz")),
        )
    )
    article = Article(article_id(text), text, None, "2024-03-04", "en")
    with SQLiteStore(tmp_path / "n.db") as store:
        store.put(
            Analysis(article=article, entities=(Entity(person, "Ana Ruiz", "PER", mentions),))
        )
    with TestClient(create_app(tmp_path / "n.db")) as client:
        (shown,) = client.get("/api/entities", params={"lang": "en"}).json()["items"]
    assert shown["name"] == "Ana Ruiz"
