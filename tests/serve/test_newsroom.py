"""What journalists rely on beyond the pages themselves: no 500 on any parameter, HEAD, the
security and cache headers, canonical addresses, pages past the end, the page per quotation,
search that knows people, exports equal to the API, and values written for people."""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdesk.records import Quote
from newsdesk.serve.charts import calendar
from newsdesk.serve.markup import highlight
from newsdesk.serve.models import Count
from newsdesk.serve.words import date_value, quote_words, when

from .conftest import Served

LIST_ROUTES = (
    "/",
    "/articles",
    "/quotes",
    "/search",
    "/entities",
    "/places",
    "/api/articles",
    "/api/quotes",
    "/api/search",
    "/api/entities",
    "/api/places",
    "/export/quotes.csv",
    "/export/articles.json",
    "/export/search.csv",
)
PARAMS = ("q", "lang", "source", "since", "until", "speaker", "kind", "page", "per_page")
PARAMS += ("sort", "label")


def routes(served: Served, stoltenberg: str) -> list[str]:
    seed = served.seed.article.id
    return [
        *LIST_ROUTES,
        f"/articles/{seed}",
        f"/quotes/{seed[:16]}-0",
        f"/api/quotes/{seed[:16]}-0",
        f"/speakers/{stoltenberg}",
        f"/api/speakers/{stoltenberg}",
        f"/entities/{stoltenberg}",
        f"/api/entities/{stoltenberg}",
        f"/export/speakers/{stoltenberg}.csv",
    ]


@pytest.mark.parametrize(
    "url",
    [
        *("/articles", "/quotes", "/search?q=otan", "/places", "/api/articles", "/api/quotes"),
        *("/api/search?q=otan", "/api/places", "/export/quotes.csv"),
    ],
)
def test_until_the_last_day_there_is_answers_every_article(client: TestClient, url: str) -> None:
    joined = "&" if "?" in url else "?"
    response = client.get(f"{url}{joined}until=9999-12-31")
    assert response.status_code == 200, response.text
    # And the connection still answers the next request.
    assert client.get("/api/stats").status_code == 200
    if url.startswith("/api/articles"):
        assert response.json()["total"] == 3


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    which=st.integers(min_value=0, max_value=1_000),
    values=st.dictionaries(
        st.sampled_from(PARAMS),
        st.one_of(
            st.text(max_size=30),
            st.sampled_from(["9999-12-31", "0001-01-01", "2022-13-45", "EN", "-1", "0", "1e9"]),
            st.integers(-(10**12), 10**12).map(str),
        ),
        max_size=5,
    ),
)
def test_no_route_answers_500_whatever_its_parameters(
    client: TestClient, served: Served, stoltenberg: str, which: int, values: dict[str, str]
) -> None:
    every = routes(served, stoltenberg)
    url = every[which % len(every)]
    response = client.get(url, params=values)
    assert response.status_code in (200, 404, 422), (url, values, response.text[:300])
    if response.status_code == 422:
        assert url.startswith("/api/"), (url, values)


@pytest.mark.parametrize("url", ["/", "/quotes", "/api/stats", "/api/quotes", "/places"])
def test_head_answers_like_get_without_a_body(client: TestClient, url: str) -> None:
    head, got = client.head(url), client.get(url)
    assert head.status_code == got.status_code == 200
    assert head.content == b""
    assert head.headers["content-type"] == got.headers["content-type"]


@pytest.mark.parametrize("url", ["/", "/quotes", "/api/stats", "/no/such/page"])
def test_every_answer_carries_the_security_headers(client: TestClient, url: str) -> None:
    headers = client.get(url).headers
    csp = headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
    assert "script-src 'self'" in csp and "style-src 'self'" in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"]


def test_pages_have_no_inline_style_or_script(
    client: TestClient, served: Served, stoltenberg: str
) -> None:
    for url in routes(served, stoltenberg):
        if url.startswith(("/api", "/export")):
            continue
        html = client.get(url).text
        assert " style=" not in html, url
        assert "<script>" not in html and "<script " not in html.replace(
            '<script src="/static/newsdesk.js" defer>', ""
        ), url


def test_an_unchanged_page_is_revalidated_with_304(client: TestClient) -> None:
    first = client.get("/quotes")
    tag = first.headers["etag"]
    assert first.headers["cache-control"] == "no-cache"
    again = client.get("/quotes", headers={"if-none-match": tag})
    assert again.status_code == 304 and again.content == b""
    other = client.get("/quotes?page=1&per_page=5", headers={"if-none-match": tag})
    assert other.status_code == 200


def test_favicon_is_served(client: TestClient) -> None:
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("image/svg+xml")
    assert "<svg" in response.text
    assert '<link rel="icon" href="/static/favicon.svg"' in client.get("/").text


def test_an_article_asked_by_a_prefix_redirects_to_its_address(
    client: TestClient, served: Served
) -> None:
    full = served.seed.article.id
    response = client.get(f"/articles/{full[:12]}", follow_redirects=False)
    assert response.status_code == 308
    assert response.headers["location"] == f"/articles/{full}"


@pytest.mark.parametrize(
    "url", ["/articles?page=999", "/quotes?page=3&per_page=100", "/api/quotes?page=999"]
)
def test_a_page_past_the_last_is_a_404(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 404
    assert "past the last page" in response.text


def test_quote_page_shows_the_quotation_in_its_sentences(
    client: TestClient, served: Served
) -> None:
    seed = served.seed
    position = next(i for i, q in enumerate(seed.quotes) if q.kind == "direct")
    quote = seed.quotes[position]
    found = client.get(f"/api/quotes/{seed.article.id[:16]}-{position}").json()
    assert found["quote"]["text"] == quote.text
    # Relations are computed as articles are stored: no other article carries this one.
    assert found["lineage"]["others"] == [] and found["lineage"]["first"]["id"] == seed.article.id
    text = seed.article.text
    assert text[: quote.start].endswith(found["before"]) and found["before"].strip()
    assert text[quote.end :].startswith(found["after"]) and found["after"].strip()
    html = client.get(f"/quotes/{found['id']}").text
    assert ">Jens Stoltenberg</bdi></a>" in html and "direct quotation" in html
    assert 'id="copies"' in html and f"/articles/{seed.article.id}#q{position}" in html
    assert "No other article carries it." in html
    longer = client.get(f"/quotes/{seed.article.id}-{position}", follow_redirects=False)
    assert longer.status_code == 308 and longer.headers["location"] == f"/quotes/{found['id']}"
    assert client.get(f"/quotes/{seed.article.id[:16]}-999").status_code == 404


def test_a_name_search_finds_the_person_and_their_quotations(
    client: TestClient, served: Served, stoltenberg: str
) -> None:
    said = [q for q in served.seed.quotes if q.speaker_id == stoltenberg]
    found = client.get("/api/search", params={"q": "stoltenberg", "per_page": 100}).json()
    assert [p["id"] for p in found["people"]] == [stoltenberg]
    # Every quotation he said, not only those holding his name.
    assert found["quotes_total"] == len(said) == 9
    assert {q["quote"]["speaker_id"] for q in found["quotes"]} == {stoltenberg}
    html = client.get("/search", params={"q": "Stoltenberg"}).text
    people = html[html.index('<section id="people">') : html.index('<section id="quotations">')]
    assert f'href="/speakers/{stoltenberg}"' in people
    assert html.count('<li class="quote-result">') == 9


def test_search_sorts_articles_by_date(client: TestClient) -> None:
    newest = client.get("/api/search", params={"q": "said OR a", "sort": "date"}).json()
    days = [a["article"]["published"] for a in newest["items"]]
    assert days == sorted(days, reverse=True) and len(days) >= 2


def test_export_of_a_filtered_list_has_the_rows_of_the_api(
    client: TestClient, stoltenberg: str
) -> None:
    asked = {"speaker": "stoltenberg", "kind": "direct"}
    api = client.get("/api/quotes", params={**asked, "per_page": 100}).json()["items"]
    response = client.get("/export/quotes.csv", params=asked)
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [r["text"] for r in rows] == [i["quote"]["text"] for i in api] and rows
    assert {r["kind"] for r in rows} == {"direct"}
    assert {r["speaker_id"] for r in rows} == {stoltenberg}
    as_json = json.loads(client.get("/export/quotes.json", params=asked).text)
    assert [r["text"] for r in as_json] == [r["text"] for r in rows]


def test_parquet_export_has_the_rows_of_the_csv(client: TestClient) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    asked = {"speaker": "stoltenberg"}
    rows = list(csv.DictReader(io.StringIO(client.get("/export/quotes.csv", params=asked).text)))
    table = pq.read_table(io.BytesIO(client.get("/export/quotes.parquet", params=asked).content))
    assert table.column("text").to_pylist() == [r["text"] for r in rows] and rows
    assert set(table.column_names) == set(rows[0])


@pytest.mark.parametrize(
    "page",
    [
        "/quotes?lang=fr&kind=direct",
        "/articles?lang=en",
        "/search?q=otan",
        "/entities?label=PER",
        "/places",
        "speaker",
    ],
)
def test_every_export_link_of_a_list_page_gives_that_file(
    client: TestClient, stoltenberg: str, page: str
) -> None:
    """The links a list page offers (CSV, JSON, Parquet) are files of the same rows."""
    pq = pytest.importorskip("pyarrow.parquet")
    html = client.get(f"/speakers/{stoltenberg}" if page == "speaker" else page).text
    exports = html[html.index('<p class="exports">') :].split("</p>")[0]
    links = dict(
        (name, href.replace("&amp;", "&"))
        for href, name in re.findall(r'<a href="([^"]+)" download>(\w+)</a>', exports)
    )
    assert set(links) == {"CSV", "JSON", "Parquet"}
    answers = {name: client.get(href) for name, href in links.items()}
    assert {name: a.status_code for name, a in answers.items()} == dict.fromkeys(links, 200)
    rows = list(csv.DictReader(io.StringIO(answers["CSV"].text)))
    table = pq.read_table(io.BytesIO(answers["Parquet"].content))
    assert rows and table.num_rows == len(rows) == len(answers["JSON"].json())
    assert set(table.column_names) <= set(rows[0])
    assert answers["Parquet"].headers["content-type"] == "application/vnd.apache.parquet"


@pytest.mark.parametrize(
    "url", ["/export/entities.csv?label=PER", "/export/places.json", "/export/search.csv?q=otan"]
)
def test_every_list_exports(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    if url.split("?")[0].endswith(".csv"):
        assert len(list(csv.DictReader(io.StringIO(response.text)))) > 0
    else:
        assert len(response.json()) > 0


def test_filter_values_are_offered_from_the_data(client: TestClient) -> None:
    options = client.get("/api/options").json()
    assert {c["value"] for c in options["languages"]} == {"en", "fr"}
    assert "Metro Daily" in {c["value"] for c in options["sources"]}
    assert options["speakers"][0]["value"] == "Jens Stoltenberg"
    html = client.get("/quotes").text
    assert '<select name="lang">' in html and '<option value="fr">French (1)</option>' in html
    assert 'name="speaker"' in html and 'data-suggest="/api/speakers"' in html


def test_speaker_names_are_completed_from_what_is_typed(client: TestClient) -> None:
    for typed in ("stol", "JENS sto", "Stoltenberg"):
        found = client.get("/api/speakers", params={"q": typed}).json()
        assert [c["value"] for c in found] == ["Jens Stoltenberg"], typed
        assert found[0]["count"] == client.get("/api/options").json()["speakers"][0]["count"]
    assert [c["value"] for c in client.get("/api/speakers?q=ana").json()] == ["Ana Ruiz"]
    assert client.get("/api/speakers", params={"q": "zzz"}).json() == []
    assert client.get("/api/speakers", params={"q": "  "}).json() == []
    assert client.get("/api/speakers", params={"q": "a", "limit": 0}).status_code == 422


# --- values for people ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("PRESENT_REF", "now"),
        ("FUTURE_REF", "in the future, unspecified"),
        ("XXXX-WXX-2", "every Tuesday"),
        ("2024-FA", "autumn 2024"),
        ("2022-04-06/2022-04-07", "6 April 2022 to 7 April 2022"),
        ("P3W", "3 weeks"),
        ("2014", "2014"),
        ("2022-04-05TEV", "5 April 2022, evening"),
    ],
)
def test_date_values_are_written_in_words(value: str, words: str) -> None:
    assert date_value(value) == words


def test_publication_times_are_written_for_people() -> None:
    assert when("2022-04-05T16:43:00+02:00") == "5 April 2022, 16:43"
    assert when("2013-08") == "August 2013"


@pytest.mark.parametrize(
    ("quote", "words"),
    [
        (Quote("a", 0, 1, "direct", speaker="A"), ("direct quotation",)),
        (
            Quote("a", 0, 1, "mixed", speaker="A", confidence=0.2),
            ("partly quoted", "may not be a quotation"),
        ),
        (
            Quote("a", 0, 1, "indirect", speaker="A", speaker_confidence=0.4),
            ("reported speech", "speaker uncertain"),
        ),
        (Quote("a", 0, 1, "direct"), ("direct quotation", "speaker unknown")),
    ],
)
def test_kind_and_confidence_are_said_in_words(quote: Quote, words: tuple[str, ...]) -> None:
    assert quote_words(quote) == words


def test_an_uncertain_speaker_is_said_on_the_article_page(tmp_path: Any) -> None:
    from newsdesk.records import Analysis, Article, article_id
    from newsdesk.serve.app import create_app
    from newsdesk.store import SQLiteStore

    text = 'Someone said "we will win" yesterday.'
    start = text.index("we will")
    quote = Quote(
        "we will win",
        start,
        start + 11,
        "direct",
        speaker="Ana Ruiz",
        speaker_id="1111222233334444",
        confidence=0.9,
        speaker_confidence=0.3,
    )
    db = tmp_path / "unsure.db"
    with SQLiteStore(db) as store:
        store.put(Analysis(Article(article_id(text), text, "Unsure", None, "en"), quotes=(quote,)))
    with TestClient(create_app(db)) as unsure:
        html = unsure.get(f"/articles/{article_id(text)}").text
    assert 'Ana Ruiz<span class="said-kind"> · direct quotation, speaker uncertain' in html


def test_query_words_are_highlighted_ignoring_case_and_accents() -> None:
    assert str(highlight("Les atrocités d'Atrocites", "ATROCITES")).count('<mark class="hit">') == 2
    assert str(highlight("otan otages", "ota*")).count("<mark") == 2


def test_timelines_keep_the_calendar_between_distant_years() -> None:
    bins = calendar([Count("2012-05-10", 1), Count("2022-04-05", 3)])
    assert bins.unit == "year" and len(bins.items) == 11
    assert [c.count for c in bins.items] == [1] + [0] * 9 + [3]


def test_right_to_left_names_are_isolated(client: TestClient, served: Served) -> None:
    outlet = served.seed.article.source.name
    assert outlet and any("\u0600" <= ch <= "\u06ff" for ch in outlet)
    for url in ("/articles", "/quotes", f"/articles/{served.seed.article.id}"):
        html = client.get(url).text
        assert f"<bdi>{outlet}</bdi>" in html, url
