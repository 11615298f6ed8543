"""extract_html: main text and metadata of pages we wrote, and pathological pages."""

from __future__ import annotations

from pathlib import Path

import pytest
import trafilatura
from htmldate import find_date
from lxml import etree

from newsdesk.errors import EmptyInput, ExtractionError, InputTooLarge
from newsdesk.extract.html import MAX_HTML_CHARS, extract_html, parse_html

DATA = Path(__file__).resolve().parents[1] / "data" / "html"
PARAGRAPH = (
    "<p>Paragraph {i}: the harbour committee met for the {i}th time to review berth {j} and the "
    "dredging plan for quay {k}, then heard residents on noise, parking and ferry times.</p>\n"
)


def fixture(name: str) -> str:
    return (DATA / name).read_text("utf-8")


def article_page(paragraphs: int, *, start: int = 0) -> str:
    body = "".join(PARAGRAPH.format(i=i, j=i * 7, k=i * 13) for i in range(start, paragraphs))
    return f"<html><head><title>Harbour</title></head><body><article>{body}</article></body></html>"


@pytest.fixture(scope="module")
def french() -> str:
    return fixture("fr_jsonld_news.html")


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("title", "Le conseil régional vote un plan pour les lignes de car rurales"),
        ("site_name", "Le Courrier du Plateau"),
        ("authors", ("Claire Fontanel", "Mathieu Roussel")),
        ("published", "2022-04-05T16:43:00+02:00"),
        ("url", "https://www.courrier-plateau.example/region/2022/04/03/plan-cars-ruraux"),
        ("language_hint", "fr"),
    ],
)
def test_html_french_news_page_metadata_found(french: str, field: str, expected: object) -> None:
    assert getattr(extract_html(french), field) == expected


def test_html_jsonld_date_preferred_over_date_visible_to_htmldate(french: str) -> None:
    # The page shows 3 April (a <time> and its URL); the article says it was published on the 5th.
    assert find_date(french, original_date=True) == "2022-04-03"

    assert extract_html(french).published == "2022-04-05T16:43:00+02:00"


def test_html_jsonld_date_preferred_over_opengraph_date(french: str) -> None:
    page = french.replace(
        'content="2022-04-05T16:43:00+02:00"', 'content="2022-04-07T10:00:00+02:00"'
    )

    assert extract_html(page).published == "2022-04-05T16:43:00+02:00"


def test_html_main_text_keeps_paragraph_breaks(french: str) -> None:
    text = extract_html(french).text

    assert "pour des milliers de familles.\nL'opposition a voté contre le plan" in text


@pytest.mark.parametrize("boilerplate", ["Tous droits réservés", "Mentions légales", "S'abonner"])
def test_html_main_text_leaves_out_boilerplate(french: str, boilerplate: str) -> None:
    assert boilerplate not in extract_html(french).text


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("title", "Harbour ferry fares to rise in autumn"),
        ("site_name", "The Coastline Gazette"),
        ("published", "2023-09-14T07:30:00+00:00"),
        ("url", "https://coastline-gazette.example/news/harbour-ferry-fares"),
        ("language_hint", "en"),
        ("authors", ()),  # article:author is a profile URL, not a name
    ],
)
def test_html_opengraph_only_page_metadata_found(field: str, expected: object) -> None:
    assert getattr(extract_html(fixture("en_opengraph_only.html")), field) == expected


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("title", "Library opens late on Thursdays"),
        ("published", "2021-03-12"),
        ("site_name", None),
        ("url", None),
        ("language_hint", None),
        ("authors", ()),
    ],
)
def test_html_page_without_declared_metadata_falls_back_to_page_and_htmldate(
    field: str, expected: object
) -> None:
    assert getattr(extract_html(fixture("en_no_metadata.html")), field) == expected


def test_html_page_without_any_date_has_no_published() -> None:
    page = fixture("en_no_metadata.html").replace(
        '<div class="dateline">Posted <time datetime="2021-03-12">12 March 2021</time></div>', ""
    )

    assert extract_html(page).published is None


def test_html_trafilatura_leaves_the_shared_tree_unchanged(french: str) -> None:
    # Metadata and main text are read from one parsed tree, in either order.
    tree = parse_html(french)
    before = etree.tostring(tree)

    trafilatura.bare_extraction(tree, favor_precision=True, include_comments=False)

    assert etree.tostring(tree) == before


def test_html_title_decomposed_accents_come_out_composed(french: str) -> None:
    page = french.replace("Le conseil régional vote", "Le conseil re\u0301gional vote")

    assert (
        extract_html(page).title
        == "Le conseil régional vote un plan pour les lignes de car rurales"
    )


def test_html_given_url_wins_over_canonical(french: str) -> None:
    url = "https://mirror.example/article/123"

    assert extract_html(french, url=url).url == url


def test_html_fragment_without_html_element_is_extracted() -> None:
    fragment = "".join(PARAGRAPH.format(i=i, j=i, k=i) for i in range(6))

    assert "Paragraph 5: the harbour committee" in extract_html(f"<div>{fragment}</div>").text


def test_html_page_without_main_text_raises_extraction_error() -> None:
    page = (
        "<html><head><title>Menu</title></head><body><div class='menu'><ul>"
        "<li><a href='/'>Home</a></li><li><a href='/a'>About us</a></li></ul></div>"
        "<footer>Copyright 2020</footer></body></html>"
    )

    with pytest.raises(ExtractionError, match="no main text found"):
        extract_html(page)


@pytest.mark.parametrize("page", ["", "   \n\t "], ids=["empty", "whitespace"])
def test_html_blank_page_raises_empty_input(page: str) -> None:
    with pytest.raises(EmptyInput):
        extract_html(page)


@pytest.mark.parametrize("tag", ["div", "b"])
def test_html_page_nested_100000_deep_raises_clear_error(tag: str) -> None:
    depth = 100_000
    page = (
        "<html><head><title>Deep</title></head><body>"
        + f"<{tag}>" * depth
        + article_page(8)
        + f"</{tag}>" * depth
        + "</body></html>"
    )

    with pytest.raises(ExtractionError, match="more than 2048 levels deep"):
        extract_html(page)


def test_html_page_nested_beyond_default_parser_limit_is_read_whole() -> None:
    # 1,000 unclosed inline tags: libxml2's default limit (256) would drop the article.
    page = (
        "<html><head><title>Deep</title></head><body>"
        + "<font>" * 1_000
        + "".join(PARAGRAPH.format(i=i, j=i, k=i) for i in range(8))
        + "</body></html>"
    )

    text = extract_html(page).text

    assert "Paragraph 0: the harbour committee" in text
    assert "Paragraph 7: the harbour committee" in text


def test_html_50_megabyte_page_raises_input_too_large() -> None:
    page = article_page(8).replace("</article>", "<!--" + "x" * 50_000_000 + "--></article>")

    with pytest.raises(InputTooLarge, match="more than the 20 million"):
        extract_html(page)


@pytest.mark.slow
def test_html_page_near_size_limit_yields_whole_text() -> None:
    # About 5 MB of distinct paragraphs (a quarter of the limit): every one is extracted.
    count = 5_000_000 // len(PARAGRAPH)
    page = article_page(count)
    assert len(page) < MAX_HTML_CHARS

    text = extract_html(page).text

    assert text.startswith("Paragraph 0: ")
    assert f"Paragraph {count - 1}: the harbour committee" in text


def test_html_jsonld_nested_100000_deep_is_skipped_without_error(french: str) -> None:
    page = french.replace(
        "</head>", '<script type="application/ld+json">' + "[" * 100_000 + "</script></head>"
    )

    result = extract_html(page)

    assert result.title == "Le conseil régional vote un plan pour les lignes de car rurales"
    assert "Hélène Marchetti" in result.text


def _article_page(h1: str) -> str:
    paragraphs = "".join(
        f"<p>The harbour board met on Monday to discuss ferry fares for the season, item {i}, "
        "and agreed to publish its figures before the end of the month.</p>"
        for i in range(4)
    )
    return (
        "<html><head><title>Ferry fares to rise in spring</title>"
        '<meta property="og:title" content="Ferry fares to rise in spring"></head>'
        f"<body><article><h1>{h1}</h1>{paragraphs}</article></body></html>"
    )


def test_html_body_does_not_repeat_the_title_as_its_first_line() -> None:
    page = extract_html(_article_page("Ferry fares to rise in spring"))
    assert page.title == "Ferry fares to rise in spring"
    assert page.text.startswith("The harbour board met on Monday")


def test_html_body_keeps_a_first_heading_that_is_not_the_title() -> None:
    page = extract_html(_article_page("Board minutes, Monday session"))
    assert page.text.startswith("Board minutes, Monday session\n")
