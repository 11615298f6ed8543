"""Page metadata: dates as pages write them, bylines, JSON-LD shapes, titles, languages."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import trafilatura
from lxml.html import fromstring

from newsdesk.extract.metadata import PageMetadata, clean_authors, read_metadata, to_iso


def metadata_of(head: str, body: str = "", *, html_attributes: str = "") -> PageMetadata:
    tree = trafilatura.load_html(
        f"<html {html_attributes}><head>{head}</head><body>{body}<p>Text.</p></body></html>"
    )
    assert tree is not None
    return read_metadata(tree, search_date=False)


def jsonld(document: str) -> str:
    return f'<script type="application/ld+json">{document}</script>'


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022-04-05T16:43:00+02:00", "2022-04-05T16:43:00+02:00"),
        ("2022-04-05T16:43:00Z", "2022-04-05T16:43:00+00:00"),
        ("2022-04-05T16:43:00.123-0400", "2022-04-05T16:43:00-04:00"),
        ("2022-04-05T23:30:00-05:00", "2022-04-05T23:30:00-05:00"),  # the outlet's day kept
        ("2022-04-05 16:43", "2022-04-05T16:43:00"),
        ("2022-04-05", "2022-04-05"),
        ("2022/4/5", "2022-04-05"),
        ("20220405T164300Z", "2022-04-05T16:43:00+00:00"),
        ("20220405T164300", "2022-04-05T16:43:00"),
        ("2022-04-05T00:00:00+00:00", "2022-04-05"),
        ("Tue, 05 Apr 2022 16:43:00 GMT", "2022-04-05T16:43:00+00:00"),
        ("Tue, 05 Apr 2022 16:43:00 +0200", "2022-04-05T16:43:00+02:00"),
        ("April 5, 2022 4:43 PM", "2022-04-05T16:43:00"),
        ("April 5, 2022", "2022-04-05"),
        ("May 2022", None),  # no day: not invented
        ("Tuesday 16:43", None),
        ("05/04/2022", None),  # day or month first: left to htmldate
        ("1970-01-01T00:00:00Z", None),
        ("0001-01-01", None),
        ("2022-13-45", None),
        ("yesterday", None),
        ("", None),
    ],
)
def test_to_iso_reads_page_date_formats(value: str, expected: str | None) -> None:
    assert to_iso(value) == expected


def test_to_iso_refuses_dates_after_tomorrow() -> None:
    assert to_iso((date.today() + timedelta(days=3)).isoformat()) is None


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["By Jane Roe"], ("Jane Roe",)),
        (["Par Jean Dupont et Marie Curie"], ("Jean Dupont", "Marie Curie")),
        (["Jane Roe, John Doe"], ("Jane Roe", "John Doe")),
        (["Roe, Jane"], ("Roe, Jane",)),
        (["Jane Roe; John Doe", "jane roe"], ("Jane Roe", "John Doe")),
        (["Sophie Foster", "sophie-foster"], ("Sophie Foster",)),
        (["https://www.facebook.com/someone"], ()),
        (["@handle"], ()),
        (["Byron Smith"], ("Byron Smith",)),
        (["  "], ()),
    ],
)
def test_clean_authors_splits_bylines_into_names(
    values: list[str], expected: tuple[str, ...]
) -> None:
    assert clean_authors(values) == expected


def test_jsonld_graph_author_reference_resolves_to_person() -> None:
    head = jsonld(
        '{"@context": "https://schema.org", "@graph": ['
        '{"@type": "Person", "@id": "#p1", "name": "Ana Lima"},'
        '{"@type": "NewsArticle", "headline": "H", "author": {"@id": "#p1"},'
        ' "datePublished": "2021-06-01T10:00:00"}]}'
    )

    assert metadata_of(head).authors == ("Ana Lima",)


def test_jsonld_type_given_as_list_and_url_is_an_article() -> None:
    head = jsonld(
        '{"@type": ["http://schema.org/ReportageNewsArticle", "Thing"],'
        ' "headline": "Floods", "datePublished": "2021-06-01"}'
    )

    assert metadata_of(head).published == "2021-06-01"


def test_jsonld_with_trailing_comma_is_read() -> None:
    head = jsonld('{"@type": "NewsArticle", "headline": "H", "datePublished": "2021-06-01",}')

    assert metadata_of(head).published == "2021-06-01"


def test_jsonld_article_date_wins_over_webpage_date() -> None:
    head = jsonld(
        '[{"@type": "WebPage", "datePublished": "2020-01-01"},'
        ' {"@type": "NewsArticle", "headline": "H", "datePublished": "2021-06-01"}]'
    )

    assert metadata_of(head).published == "2021-06-01"


def test_modified_time_is_never_taken_for_published() -> None:
    head = (
        '<meta property="article:modified_time" content="2021-06-02T09:00:00">'
        '<meta property="og:updated_time" content="2021-06-02T09:00:00">'
    )

    found = metadata_of(head)
    assert found.published is None
    assert found.modified == "2021-06-02T09:00:00"


def test_jsonld_modified_date_is_kept_apart_from_published() -> None:
    head = jsonld(
        '{"@type": "NewsArticle", "headline": "H", "datePublished": "2012-03-01T10:00:00+01:00",'
        ' "dateModified": "2024-05-02T08:30:00+02:00"}'
    )

    found = metadata_of(head)
    assert (found.published, found.modified) == (
        "2012-03-01T10:00:00+01:00",
        "2024-05-02T08:30:00+02:00",
    )


def test_embedded_video_upload_date_gives_way_to_the_page_publication_time() -> None:
    head = (
        jsonld(
            '{"@type": "VideoObject", "name": "Talks resume", "uploadDate": "2019-10-11T14:59:54Z"}'
        )
        + '<meta property="og:pubdate" content="2019-11-19T02:34:30Z">'
    )

    assert metadata_of(head).published == "2019-11-19T02:34:30+00:00"


def test_embedded_video_upload_date_is_read_when_the_page_states_no_other() -> None:
    head = jsonld('{"@type": "VideoObject", "name": "Talks", "uploadDate": "2019-10-11"}')

    assert metadata_of(head).published == "2019-10-11"


def test_utc_time_stated_again_at_a_local_offset_is_the_outlet_time() -> None:
    head = (
        jsonld('{"@type": "NewsArticle", "headline": "H", "datePublished": "2019-11-20T02:59:46Z"}')
        + '<meta property="article:published_time" content="2019-11-19T20:59:46-06:00">'
    )
    other = (
        jsonld('{"@type": "NewsArticle", "headline": "H", "datePublished": "2019-11-20T02:59:46Z"}')
        + '<meta property="article:published_time" content="2019-11-18T20:59:46-06:00">'
    )

    assert metadata_of(head).published == "2019-11-19T20:59:46-06:00"
    assert metadata_of(other).published == "2019-11-20T02:59:46+00:00"  # another instant


def test_utc_time_taken_at_the_offset_of_the_page_other_times() -> None:
    article = '{"@type": "NewsArticle", "headline": "H", "datePublished": "2024-03-02T03:30:00Z"'
    modified = jsonld(article + ', "dateModified": "2024-03-01T23:10:00-05:00"}')
    shown = jsonld(article + "}"), '<time datetime="2024-03-01T22:30:00-05:00">Friday</time>'
    mixed = (
        jsonld(article + "}"),
        (
            '<time datetime="2024-03-01T22:30:00-05:00">1</time>'
            '<time datetime="2024-03-02T04:30:00+01:00">2</time>'
        ),
    )

    # Late on Friday in New York, early on Saturday in UTC: the outlet's day is Friday.
    assert metadata_of(modified).published == "2024-03-01T22:30:00-05:00"
    assert metadata_of(*shown).published == "2024-03-01T22:30:00-05:00"
    # No other time, or times at several offsets: no evidence of the outlet's zone.
    assert metadata_of(jsonld(article + "}")).published == "2024-03-02T03:30:00+00:00"
    assert metadata_of(*mixed).published == "2024-03-02T03:30:00+00:00"


def test_itemprop_date_published_on_time_element_is_read() -> None:
    body = '<time itemprop="datePublished" datetime="2019-11-20T08:15:00+01:00">20 nov.</time>'

    assert metadata_of("", body).published == "2019-11-20T08:15:00+01:00"


@pytest.mark.parametrize(
    ("attributes", "head", "expected"),
    [
        ('lang="fr-FR"', "", "fr"),
        ('lang="pt_BR"', "", "pt"),
        ("", '<meta property="og:locale" content="de_DE">', "de"),
        ("", '<meta http-equiv="content-language" content="es">', "es"),
        ('lang="x-default"', "", None),
        ("", "", None),
    ],
)
def test_language_hint_from_html_lang_or_locale(
    attributes: str, head: str, expected: str | None
) -> None:
    assert metadata_of(head, html_attributes=attributes).language_hint == expected


def test_title_prefers_visible_headline_matching_declared_title() -> None:
    head = '<meta property="og:title" content="L\'OTAN se réunit | Le Journal">'

    assert metadata_of(head, "<h1>L’OTAN se réunit</h1>").title == "L’OTAN se réunit"


def test_title_keeps_declared_title_when_headline_differs() -> None:
    head = (
        '<meta property="og:title" content="Ministers meet in Brussels - Daily Example">'
        '<meta property="og:site_name" content="Daily Example">'
    )

    assert metadata_of(head, "<h1>Latest news</h1>").title == "Ministers meet in Brussels"


def jsonld_headline(headline: str) -> str:
    return jsonld(f'{{"@type": "NewsArticle", "headline": "{headline}"}}')


def test_title_is_the_displayed_headline_when_og_title_only_repeats_the_tab_title() -> None:
    head = (
        "<title>Heat wave closes schools in the valley | Daily Example</title>"
        '<meta property="og:title" content="Heat wave closes schools in the valley">'
        + jsonld_headline("Only a third of pupils came to school on Monday")
    )
    body = "<h1>Only a third of pupils came to school on Monday</h1>"

    assert metadata_of(head, body).title == "Only a third of pupils came to school on Monday"


@pytest.mark.parametrize(
    ("tab", "headline", "heading"),
    [
        # og:title written for sharing, apart from the tab's title: it stays the title.
        ("Pupils stay home | Daily Example", "Pupils stay home", "Pupils stay home"),
        # The JSON-LD headline is not the one displayed.
        ("Heat wave closes schools in the valley", "Pupils stay home", "Weather live"),
        # One headline spelt with quotes or without: no other headline.
        (
            "Heat wave closes schools in the valley",
            '\\"Heat wave\\" closes schools in the valley',
            '"Heat wave" closes schools in the valley',
        ),
        # og:title is the tab title's beginning, not the tab title less a site's name.
        (
            "Heat wave closes schools in the valley and the hills",
            "Pupils stay home",
            "Pupils stay home",
        ),
    ],
)
def test_title_keeps_og_title_without_both_signals(tab: str, headline: str, heading: str) -> None:
    head = (
        f"<title>{tab}</title>"
        '<meta property="og:title" content="Heat wave closes schools in the valley">'
        + jsonld_headline(headline)
    )

    assert (
        metadata_of(head, f"<h1>{heading}</h1>").title == "Heat wave closes schools in the valley"
    )


def test_twitter_handle_is_never_an_outlet_name() -> None:
    handle = '<meta name="twitter:site" content="@dailyexample">'
    named = handle + '<meta name="application-name" content="Daily Example">'

    assert metadata_of(handle).site_name is None
    assert metadata_of(named).site_name == "Daily Example"


@pytest.mark.parametrize(
    ("head", "body", "expected"),
    [
        # The page shows the rubric is one: its headline is the rest alone.
        (
            '<meta property="og:title" content="Opinion | Rain is back">',
            "<h1>Rain is back</h1>",
            "Rain is back",
        ),
        # The site's name before the headline, glued after it, or the domain as a name.
        (
            '<meta property="og:title" content="PolitiFact - Claims about rain">'
            '<meta property="og:site_name" content="PolitiFact">',
            "",
            "Claims about rain",
        ),
        (
            '<meta property="og:title" content="Heavy rain is back up north-Weather｜Example">'
            '<meta property="og:site_name" content="Example">'
            '<script type="application/ld+json">{"@type": "NewsArticle",'
            ' "headline": "Heavy rain is back up north"}</script>',
            "",
            "Heavy rain is back up north",
        ),
        ("<title>Rain is back | Weather.com</title>", "", "Rain is back"),
        # The site's name as its domain writes it, with no og:site_name to say so.
        (
            '<meta property="og:title" content="Rain is back up north | Harbour Ledger">'
            '<link rel="canonical" href="https://www.harbourledger.example/a">',
            "",
            "Rain is back up north",
        ),
        # Fields a spaced pipe separates: the headline is the part twice as long as the rest.
        (
            '<meta property="og:title" content="Opinion | Rain is back up north">',
            "",
            "Rain is back up north",
        ),
        (
            '<meta property="og:title" content="Rain or shine | Both ways">',
            "",
            "Rain or shine | Both ways",
        ),
        # A separator inside the headline itself is kept when nothing says it is an affix.
        (
            '<meta property="og:title" content="Paris - Berlin: the night train returns">',
            "",
            "Paris - Berlin: the night train returns",
        ),
    ],
)
def test_title_loses_the_affixes_the_page_shows_to_be_affixes(
    head: str, body: str, expected: str
) -> None:
    assert metadata_of(head, body).title == expected


@pytest.mark.parametrize(
    ("head", "body", "expected"),
    [
        # The site's name as the headline's last word, after a space alone, is the headline's.
        (
            '<meta property="og:title" content="Harbour Ledger names a new editor at Harbour">'
            '<meta property="og:site_name" content="Harbour">',
            "",
            "Harbour Ledger names a new editor at Harbour",
        ),
        # A shorter title of the page that the headline begins with, cut at a space, is a
        # shortened headline, not the headline without its affix.
        (
            '<meta property="og:title" content="Mayor doubles down on the harbour toll plan">'
            '<meta name="twitter:title" content="Mayor doubles down on the harbour toll">',
            "",
            "Mayor doubles down on the harbour toll plan",
        ),
    ],
)
def test_title_keeps_words_a_space_alone_separates(head: str, body: str, expected: str) -> None:
    assert metadata_of(head, body).title == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Rain is back up north | DW.COM", "Rain is back up north"),
        ("Rain is back up north | weather.example", "Rain is back up north"),
        ("Rain in the north - St.Louis", "Rain in the north - St.Louis"),
    ],
)
def test_title_part_written_as_an_address_is_the_site(title: str, expected: str) -> None:
    assert metadata_of(f'<meta property="og:title" content="{title}">').title == expected


def test_page_title_keeps_its_headline_beside_a_heading_naming_the_site() -> None:
    head = "<title>Ferry fares rise again in the northern isles - Isles Post</title>"
    body = "<h1>Isles Post</h1><h1>Latest</h1>"  # the site's name and a rubric as <h1>

    assert metadata_of(head, body).title == "Ferry fares rise again in the northern isles"


def test_canonical_relative_link_resolved_against_og_url() -> None:
    head = (
        '<link rel="canonical" href="/news/a-1">'
        '<meta property="og:url" content="https://news.example/news/a-1?ref=x">'
    )

    assert metadata_of(head).url == "https://news.example/news/a-1"


@pytest.mark.parametrize(
    ("head", "url", "expected"),
    [
        # One name per outlet, whatever one page of it writes.
        ('<meta property="og:site_name" content="AP NEWS">', "https://apnews.com/x", "AP News"),
        ('<meta property="og:site_name" content="AP News">', "https://www.apnews.com/a", "AP News"),
        # Unknown outlets keep their name, in the page's best-cased spelling of it.
        ('<meta property="og:site_name" content="harbour ledger">'
         '<meta name="application-name" content="Harbour Ledger">', "https://hl.example/a",
         "Harbour Ledger"),
        ('<meta property="og:site_name" content="Harbour Ledger">', "https://hl.example/a",
         "Harbour Ledger"),
        # The domain, or a slug of it, gives way to the name the page declares too.
        ('<meta property="og:site_name" content="harbourledger">'
         '<meta name="publisher" content="Harbour Ledger">', "https://harbourledger.example/a",
         "Harbour Ledger"),
        ('<meta property="og:site_name" content="HL.EXAMPLE">'
         '<meta name="publisher" content="Harbour Ledger (www.hl.example)">',
         "https://www.hl.example/a", "Harbour Ledger"),
        # Written as a brand, the domain beats a slug; a capitalised one-word name stays.
        ('<meta property="og:site_name" content="ledger">'
         '<meta name="publisher" content="Ledger.example">', "https://news.ledger.example/a",
         "Ledger.example"),
        ('<meta property="og:site_name" content="Ledger">'
         '<meta name="publisher" content="The Ledger Group">', "https://ledger.example/a",
         "Ledger"),
    ],
)  # fmt: skip
def test_source_name_is_one_per_outlet(head: str, url: str, expected: str) -> None:
    tree = trafilatura.load_html(f"<html><head>{head}</head><body><p>Text.</p></body></html>")
    assert tree is not None
    assert read_metadata(tree, url, search_date=False).site_name == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # A copyright year is all the page says: the year, never 1 January.
        ("<p>Rain fell all night.</p><footer>Copyright 2013 The Daily</footer>", "2013"),
        # A month and year: the month, never its first day.
        ("<p class='date'>Posted 08/2013</p><p>Rain fell on the town.</p>", "2013-08"),
        ("<p class='date'>Posted 01/2013</p><p>Rain fell on the town.</p>", "2013-01"),
        # The first of a month the page writes out stays a day.
        ("<p class='date'>Posted August 1, 2013</p><p>Rain fell on the town.</p>", "2013-08-01"),
        ("<p class='date'>Publié le 2013-08-01</p><p>Il a plu.</p>", "2013-08-01"),
        ("<p class='date'>Posted 2013-08-14</p><p>Rain fell on the town.</p>", "2013-08-14"),
    ],
)
def test_searched_date_keeps_the_precision_the_page_states(body: str, expected: str) -> None:
    page = f"<html><body><article><h1>Rain again</h1>{body}</article></body></html>"
    assert read_metadata(fromstring(page)).published == expected
