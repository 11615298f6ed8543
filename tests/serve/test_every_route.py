"""Every GET route of the application, found from the application itself (routes added later are
covered without a list to update), answers any query without a 500, and HEAD like GET."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdesk.records import Analysis
from newsdesk.serve.app import create_app, get_routes

# Query parameters read by the routes, whether declared on the route or read from the request by
# a shared filter (languages, sources, dates, speakers, kinds).
SHARED = ("q", "lang", "source", "since", "until", "speaker", "kind", "page", "per_page", "sort")
SHARED += ("label", "min_confidence", "min_articles", "min_carriers", "limit")
ODD_VALUES = ["9999-12-31", "0001-01-01", "2022-13-45", "EN", "-1", "0", "1e9", "%", "\u202e"]


@pytest.fixture(scope="module")
def client(nato: dict[str, Analysis]) -> Iterator[TestClient]:
    with TestClient(create_app(nato["db"]), raise_server_exceptions=False) as test_client:  # type: ignore[arg-type]
        yield test_client


@pytest.fixture(scope="module")
def addresses(client: TestClient, nato: dict[str, Analysis]) -> list[str]:
    """Every GET route with its path filled with ids that exist in the store (and, for routes
    with an id, one that does not)."""
    seed = nato["seed"]
    quote = f"{seed.article.id[:16]}-0"
    speaker = next(q.speaker_id for q in seed.quotes if q.speaker_id)
    values: dict[str, list[str]] = {
        "article_id": [seed.article.id, "0" * 64],
        "quote_id": [quote, "0-0"],
        "value": [quote, "nothing"],
        "entity_id": [speaker, "e0"],
        "story_id": [str(client.get("/api/stories").json()["items"][0]["id"]), "999999"],
        "statement_id": [str(client.get("/api/statements").json()["items"][0]["id"]), "999999"],
    }
    found: list[str] = []
    for route in get_routes(client.app):  # type: ignore[arg-type]
        names = [param.name for param in route.dependant.path_params]
        if route.path == "/export/{kind:path}.{fmt}":
            kinds = ["quotes", "articles", "entities", "places", "search", f"speakers/{speaker}"]
            found += [f"/export/{kind}.{fmt}" for kind in kinds for fmt in ("csv", "json")]
            continue
        unknown = [name for name in names if name not in values]
        assert not unknown, f"{route.path}: no test value for {unknown}; add one above"
        if not names:
            found.append(route.path)
        for index in (0, 1):
            path = route.path
            for name in names:
                path = path.replace("{" + name + "}", values[name][index])
            if names:
                found.append(path)
    return found


def test_every_route_is_found_through_included_routers(addresses: list[str]) -> None:
    # The stories, statements and export routes are in routers of their own.
    for expected in ("/stories", "/api/statements", "/export/quotes.csv", "/api/speakers"):
        assert expected in addresses


def test_every_route_answers_with_its_plain_address(
    client: TestClient, addresses: list[str]
) -> None:
    for url in addresses:
        response = client.get(url)
        api = url.startswith(("/api/", "/export/"))  # a required query missing: said as a 422
        assert response.status_code in ((200, 404, 422) if api else (200, 404)), (
            url,
            response.text[:300],
        )
        assert client.head(url).status_code == response.status_code, url


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    which=st.integers(min_value=0, max_value=10_000),
    values=st.dictionaries(
        st.sampled_from(SHARED),
        st.one_of(
            st.text(max_size=30),
            st.sampled_from(ODD_VALUES),
            st.integers(-(10**12), 10**12).map(str),
        ),
        max_size=5,
    ),
)
def test_no_route_answers_500_whatever_its_query(
    client: TestClient, addresses: list[str], which: int, values: dict[str, str]
) -> None:
    url = addresses[which % len(addresses)]
    response = client.get(url, params=values)
    assert response.status_code in (200, 404, 422), (url, values, response.text[:300])
    if response.status_code == 422:  # pages explain bad values in words, with a 200
        assert url.startswith(("/api/", "/export/")), (url, values)


@pytest.mark.parametrize("url", ["/stories?page=x", "/statements?min_carriers=0"])
def test_a_list_page_explains_a_number_it_cannot_use(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200
    assert "could not be used" in response.text
    assert ("is not a whole number" in response.text) or ("is not between 1 and" in response.text)
