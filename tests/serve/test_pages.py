"""The HTML pages: every page renders, stored text is escaped, the article markup holds its
quotations and links, and serving never writes to the database."""

from __future__ import annotations

import hashlib
import html as html_lib
import importlib.util
import re
from html.parser import HTMLParser
from typing import Any

import pytest
from fastapi.testclient import TestClient

from newsdesk.records import Analysis, Article, Entity, Mention, Quote
from newsdesk.serve.markup import article_html, paragraphs, safe_url

Served = Any  # the ``served`` fixture: db, seed, hostile, calm, digest
VOID = {"meta", "link", "input", "br", "img", "hr"}
NAV = ("Home", "Search", "Quotes", "Entities", "Places")


SCRIPT_TAG = '<script src="/static/newsdesk.js" defer></script>'


def page(client: TestClient, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    return response.text


class Tags(HTMLParser):
    """Checks that elements close in order and records each start tag with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.starts: list[tuple[str, dict[str, str | None], tuple[str, ...]]] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.starts.append((tag, dict(attrs), tuple(self.stack)))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        self.stack.pop()


def parsed(html: str) -> Tags:
    tags = Tags()
    tags.feed(html)
    tags.close()
    assert tags.errors == [] and tags.stack == []
    return tags


def all_pages(served: Served, ids: dict[str, str], stoltenberg: str) -> list[str]:
    articles = [a.article.id for a in (served.seed, served.hostile, served.calm)]
    return [
        "/",
        "/articles",
        "/articles?lang=en&since=2022-05-01&until=&source=",
        *(f"/articles/{i}" for i in articles),
        "/search",
        "/search?q=harmless",
        "/search?q=atrocites&lang=fr",
        "/search?q=%3Cscript%3E",
        "/quotes",
        "/quotes?speaker=stoltenberg",
        f"/speakers/{stoltenberg}",
        f"/speakers/{ids['mallory']}",
        "/entities",
        "/entities?label=ORG",
        f"/entities/{stoltenberg}",
        f"/entities/{ids['evil_corp']}",
        f"/entities/{ids['mallory']}",
        "/places",
    ]


def test_every_page_is_well_formed_html_with_nav_main_and_title(
    client: TestClient, served: Served, ids: dict[str, str], stoltenberg: str
) -> None:
    for url in all_pages(served, ids, stoltenberg):
        html = page(client, url)
        tags = parsed(html)
        names = [tag for tag, _, _ in tags.starts]
        assert "nav" in names and names.count("main") == 1 and "title" in names, url
        assert '<a class="skip" href="#main">' in html
        for label in NAV:
            assert re.search(rf'<a href="[^"]*">{label}</a>', html), (url, label)


def test_hostile_text_is_escaped_on_every_page(
    client: TestClient, served: Served, ids: dict[str, str], stoltenberg: str
) -> None:
    for url in all_pages(served, ids, stoltenberg):
        html = page(client, url).replace(SCRIPT_TAG, "")
        for raw in ("<script", "<img", "<b>Mallory", "<i>Evil", "<svg onload", "<em>Eve"):
            assert raw not in html, (url, raw)
        assert not re.search(r"""(href|src)\s*=\s*["']?\s*javascript:""", html, re.I), url


def test_hostile_article_shows_escaped_markup(client: TestClient, served: Served) -> None:
    html = page(client, f"/articles/{served.hostile.article.id}")
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt; · newsdesk</title>" in html
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&lt;b&gt;Mallory&lt;/b&gt;" in html
    # The javascript: address is shown as text, never as a link.
    assert "<code>javascript:alert(1)</code>" in html


def test_hostile_speaker_and_entity_pages_escape_names(
    client: TestClient, ids: dict[str, str]
) -> None:
    speaker = page(client, f"/speakers/{ids['mallory']}")
    assert "<h1><bdi>&lt;b&gt;Mallory&lt;/b&gt;</bdi></h1>" in speaker
    assert "&lt;script&gt;alert(2)&lt;/script&gt; is harmless" in speaker
    entity = page(client, f"/entities/{ids['evil_corp']}")
    assert "&lt;i&gt;Evil&lt;/i&gt; Corp" in entity


def test_seed_article_marks_eleven_quotations_and_links_speakers(
    client: TestClient, served: Served, stoltenberg: str
) -> None:
    html = page(client, f"/articles/{served.seed.article.id}")
    tags = parsed(html)
    marks = [(a, above) for tag, a, above in tags.starts if tag == "mark"]
    assert len(marks) == 11 == html.count('<mark class="quote ')
    assert [a["data-quote"] for a, _ in marks] == [str(i) for i in range(11)]
    assert all(a["data-speaker-id"] for a, _ in marks)
    # Marks sit in paragraphs of the article text and never nest.
    assert all(above[-2:] == ("article", "p") for _, above in marks)
    speaker_links = [a["href"] for tag, a, _ in tags.starts if a.get("class") == "speaker"]
    assert speaker_links.count(f"/speakers/{stoltenberg}") == 9
    # Colours follow the speaker: Stoltenberg's nine quotations share one.
    colours = {a["class"] for a, _ in marks if a["data-speaker-id"] == stoltenberg}
    assert len(colours) == 1
    # And the name is written after each of them, never left to the colour.
    labels = [a for tag, a, _ in tags.starts if a.get("class", "").startswith("said-by")]
    assert len(labels) == 11
    assert html.count('>Jens Stoltenberg<span class="said-kind">') == 9


def test_seed_article_links_entity_mentions(
    client: TestClient, served: Served, stoltenberg: str
) -> None:
    html = page(client, f"/articles/{served.seed.article.id}")
    tags = parsed(html)
    links = [a for tag, a, above in tags.starts if a.get("class") == "entity" and "p" in above]
    assert {a["href"] for a in links} >= {f"/entities/{stoltenberg}"}
    assert all(a["href"] == f"/entities/{a['data-entity-id']}" for a in links)
    mentioned = sum(len(e.mentions) for e in served.seed.entities)
    assert len(links) == mentioned


def test_nested_quote_is_in_the_panel_only_and_crossing_mention_not_linked(
    client: TestClient, served: Served, ids: dict[str, str]
) -> None:
    html = page(client, f"/articles/{served.calm.article.id}")
    text = html[html.index('<article id="text"') : html.index("</article>")]
    assert text.count("<mark") == 1
    assert ids["crossing"] not in text
    assert text.count('data-entity-id="' + ids["lyon"]) == 2
    panel = html[html.index('<aside id="who-said-what"') : html.index("</aside>")]
    assert panel.count("<li") == 2
    assert '<em class="speaker unknown">speaker unknown</em>' in panel
    assert f'<a class="speaker" href="/speakers/{ids["ruiz"]}"><bdi>Ana Ruiz</bdi></a>' in panel
    assert text.count("<p>") == 2
    # The https address is a link; places and dates have their panels.
    assert '<a class="url" href="https://metro.example/river"' in html
    assert 'id="places"' in html and "/entities/" + ids["lyon"] in html
    assert 'id="dates"' in html and "7 June 2022" in html


def test_search_page_has_form_results_and_facet_links(
    client: TestClient, served: Served, stoltenberg: str
) -> None:
    html = page(client, "/search?q=atrocites")
    tags = parsed(html)
    forms = [a for tag, a, _ in tags.starts if tag == "form"]
    assert {"role": "search", "action": "/search", "class": "search"} in forms
    assert any(tag == "input" and a.get("name") == "q" for tag, a, _ in tags.starts)
    results = [(tag, a, above) for tag, a, above in tags.starts if "ol" in above]
    result_items = [a for tag, a, _ in results if tag == "li" and a.get("class") == "result"]
    quote_items = [a for tag, a, _ in results if tag == "li" and a.get("class") == "quote-result"]
    assert len(result_items) == 1 and len(quote_items) == 2
    assert f'<a class="article-link" href="/articles/{served.seed.article.id}">' in html
    assert '<ol class="results" start="1">' in html
    assert 'href="/search?q=atrocites&amp;lang=fr"' in html
    assert f'href="/search?q=atrocites&amp;speaker={stoltenberg}"' in html
    assert 'href="/search?q=atrocites&amp;since=2022-04-05&amp;until=2022-04-05"' in html


def test_search_page_facet_filter_narrows_results(client: TestClient) -> None:
    html = page(client, "/search?q=atrocites&lang=en")
    assert '<li class="result">' not in html
    assert '<input type="hidden" name="lang" value="en">' in html


def test_search_page_without_query_shows_only_the_form(client: TestClient) -> None:
    html = page(client, "/search")
    assert '<form role="search"' in html and '<ol class="results"' not in html


def test_speaker_page_has_timeline_outlets_and_quotes(client: TestClient, stoltenberg: str) -> None:
    html = page(client, f"/speakers/{stoltenberg}?per_page=4")
    assert "<h1><bdi>Jens Stoltenberg</bdi></h1>" in html
    assert '<svg class="timeline"' in html and "<title>5 April 2022: 9</title>" in html
    assert 'id="outlets"' in html
    assert html.count('<li class="quote-result">') == 4
    assert f'href="/speakers/{stoltenberg}?per_page=4&amp;page=2"' in html


def test_entities_page_filters_by_label_and_pages(client: TestClient) -> None:
    html = page(client, "/entities?label=PER")
    assert "Jens Stoltenberg" in html and "Ukraine" not in html
    assert 'aria-current="page">People</a>' in html
    first = page(client, "/entities?per_page=5")
    assert first.count("<tr><td>") == 5 and 'href="/entities?per_page=5&amp;page=2"' in first


def test_entity_page_lists_aliases_articles_and_co_mentions(
    client: TestClient, served: Served, stoltenberg: str
) -> None:
    html = page(client, f"/entities/{stoltenberg}")
    assert "<li><bdi>Stoltenberg</bdi></li>" in html
    assert f'href="/articles/{served.seed.article.id}"' in html
    assert 'id="co-mentioned"' in html and "><bdi>NATO</bdi></a>" in html
    assert f'href="/speakers/{stoltenberg}"' in html


def test_places_page_lists_places(client: TestClient, ids: dict[str, str]) -> None:
    html = page(client, "/places")
    assert (
        f'<a href="/entities/{ids["lyon"]}"><bdi>Lyon</bdi></a> <span class="meta">FR</span>'
        in html
    )


def test_places_page_draws_the_map_when_available(client: TestClient) -> None:
    if importlib.util.find_spec("newsdesk.serve.worldmap") is None:
        pytest.skip("the world map module is not installed")
    html = page(client, "/places")
    figure = html[html.index('<figure class="map"') : html.index("</figure>")]
    assert "<svg" in figure and "Lyon" in figure


def test_quotes_page_lists_quotations_with_speakers(client: TestClient, stoltenberg: str) -> None:
    html = page(client, "/quotes?speaker=stoltenberg")
    assert html.count('<li class="quote-result">') == 9
    assert html.count(f'href="/speakers/{stoltenberg}"') == 9


def test_quotes_page_filters_by_source_and_period(client: TestClient, served: Served) -> None:
    calm = len(served.calm.quotes)
    html = page(client, "/quotes?source=metro.example&since=2022-06-01&until=2022-06-30")
    assert html.count('<li class="quote-result">') == calm > 0
    # The form shows every filter in force, so a reader can change one and keep the others.
    assert '<option value="metro.example" selected>' in html
    assert 'name="until" type="date" value="2022-06-30"' in html
    none = page(client, "/quotes?source=metro.example&until=2022-06-09")
    assert '<li class="quote-result">' not in none


@pytest.mark.parametrize(
    "url",
    ["/articles/0000000000000000", "/speakers/0000000000000000", "/entities/0000000000000000"],
)
def test_unknown_ids_are_html_404_pages(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "<main" in response.text


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("/articles?page=0", "Page: '0' is not between 1 and 1,000,000"),
        ("/entities?label=XYZ", "'XYZ' is not a kind"),
        ("/quotes?since=garbage", "Since: 'garbage' is not a date like 2022-04-05"),
        ("/search?q=x&per_page=1000", "Per page: '1000' is not between 1 and 100"),
        ("/articles?lang=EN!", "Language: 'EN!' is not a language code"),
        ("/quotes?source=nowhere", "Source: 'nowhere' is no outlet of this corpus"),
        ("/quotes?kind=loud", "Kind: 'loud' is not a kind of quotation"),
        ("/quotes?since=2022-06-01&until=2022-01-01", "Until: '2022-01-01' comes before"),
    ],
)
def test_pages_explain_values_they_cannot_use(client: TestClient, url: str, said: str) -> None:
    response = client.get(url)
    assert response.status_code == 200
    notice = response.text[response.text.index('<div class="notice"') :]
    assert said in html_lib.unescape(notice.split("</div>")[0]), notice[:400]


def test_pages_read_a_language_in_any_case(client: TestClient) -> None:
    html = page(client, "/articles?lang=EN")
    assert 'class="notice"' not in html and html.count('<a class="article-link"') == 2


def test_static_stylesheet_is_served(client: TestClient) -> None:
    response = client.get("/static/newsdesk.css")
    assert response.status_code == 200
    assert "mark.quote" in response.text and "focus-visible" in response.text


@pytest.mark.parametrize("method", ["post", "put", "delete"])
@pytest.mark.parametrize("url", ["/", "/articles", "/search"])
def test_pages_refuse_writes(client: TestClient, method: str, url: str) -> None:
    assert client.request(method, url).status_code == 405


def test_serving_leaves_the_database_file_unchanged(
    client: TestClient, served: Served, ids: dict[str, str], stoltenberg: str
) -> None:
    mtime = served.db.stat().st_mtime_ns
    for url in all_pages(served, ids, stoltenberg):
        page(client, url)
    client.get("/api/search", params={"q": "'; DROP TABLE articles; --"})
    client.post("/api/articles", json={"id": "x"})
    assert hashlib.sha256(served.db.read_bytes()).hexdigest() == served.digest
    assert served.db.stat().st_mtime_ns == mtime
    assert client.get("/api/stats").json()["articles"] == 3


# --- the markup builder on its own ----------------------------------------------------------


def _analysis(text: str, quotes: tuple[Quote, ...], entities: tuple[Entity, ...]) -> Analysis:
    return Analysis(Article("x", text, None, None, "en"), quotes=quotes, entities=entities)


def test_markup_quote_across_a_paragraph_break_is_marked_in_each_paragraph() -> None:
    text = 'He said "one.\n\nTwo" then left.'
    start, end = text.index("one"), text.index('Two"') + 3
    html = article_html(_analysis(text, (Quote(text[start:end], start, end, "direct"),), ()))
    parsed(str(html))
    assert str(html).count('<mark class="quote sp-none" id="q0" data-quote="0"') == 2
    assert str(html).count("<p>") == 2


def test_markup_ignores_spans_outside_the_text() -> None:
    text = "Short <text>."
    html = article_html(
        _analysis(
            text,
            (Quote("nope", 5, 99, "direct"),),
            (Entity("e1", "X", "MISC", (Mention(-1, 3, "Sho"), Mention(6, 12, "<text>"))),),
        )
    )
    assert "<mark" not in html
    assert '<a class="entity" data-entity-id="e1" href="/entities/e1">&lt;text&gt;</a>' in html


def test_markup_paragraphs_skip_blank_runs() -> None:
    assert paragraphs("\n\nA\n \n\n B \n\n\n") == [(2, 3), (8, 9)]


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("https://news.example/a?b=1", True),
        ("HTTP://news.example/", True),
        ("javascript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("data:text/html,<script>", False),
        ("//news.example/", False),
        ("https://exa mple.com", False),
        ("vbscript:x", False),
    ],
)
def test_safe_url_keeps_only_http_addresses(url: str, shown: bool) -> None:
    assert (safe_url(url) is not None) is shown
