"""Main text and metadata of an HTML page.

The page is parsed once into an lxml tree. Metadata is read from that tree, and trafilatura's
``bare_extraction`` extracts the main text from it (it works on its own copy of a tree it is
given, so the order of the two does not matter).
"""

from __future__ import annotations

import contextlib
import logging
import re
import unicodedata
from functools import cache

import trafilatura
from lxml.html import HtmlElement, HTMLParser, fromstring
from trafilatura.settings import Document

from newsdesk.errors import EmptyInput, ExtractionError, InputTooLarge
from newsdesk.extract.base import Extracted
from newsdesk.extract.metadata import read_metadata

LOGGER = logging.getLogger(__name__)

# Pages beyond this size are refused, as trafilatura itself does with bytes (MAX_FILE_SIZE):
# its cost grows with the page (about 0.3 s and 25 MB of memory per MB of HTML) and no article
# needs that much markup. Same default as the ``max_bytes`` setting.
MAX_HTML_CHARS = 20_000_000

# libxml2 stops reading a page (silently, dropping everything after) at 256 levels of
# nesting, or 2048 with its "huge" option. Broken pages with thousands of unclosed inline tags
# exceed the first; the second is kept as a hard limit.
_DEPTH_LIMIT = 256
_HUGE_DEPTH_LIMIT = 2048
_INVALID_XML_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_HUGE_PARSER = HTMLParser(
    collect_ids=False,
    default_doctype=False,
    encoding="utf-8",
    remove_comments=True,
    remove_pis=True,
    huge_tree=True,
)


def extract_html(
    html: str, *, url: str | None = None, max_chars: int = MAX_HTML_CHARS
) -> Extracted:
    """Main text and metadata of an HTML page given as text (see ``charset.decode_html``).

    The main text is trafilatura's (precision-oriented, comments excluded, tables kept,
    paragraphs separated by line breaks). Metadata comes from the page's JSON-LD and
    OpenGraph/<meta> declarations first, then htmldate (see ``metadata``). ``url`` is the
    page's address when known; otherwise the canonical or og:url is reported.

    Raises ``EmptyInput`` for a blank page, ``InputTooLarge`` beyond ``max_chars``
    characters, and ``ExtractionError`` when no main text is found.

    >>> page = (
    ...     "<html><head><title>Ferry fares</title></head><body><article><p>Ferry fares will"
    ...     " rise in October, the operator said.</p></article></body></html>"
    ... )
    >>> extract_html(page).text
    'Ferry fares will rise in October, the operator said.'
    """
    if len(html) > max_chars:
        raise InputTooLarge(
            f"page of {len(html) / 1e6:.1f} million characters, "
            f"more than the {max_chars / 1e6:g} million newsdesk reads"
        )
    if not html.strip():
        raise EmptyInput("empty page: no HTML")
    tree = parse_html(html)
    meta = read_metadata(tree, url)
    try:
        document = trafilatura.bare_extraction(
            tree,
            url=meta.url,
            favor_precision=True,
            include_comments=False,
            output_format="python",
        )
    except RecursionError as error:  # trafilatura recursing through an extreme page
        raise ExtractionError("page structure too deep to extract its text") from error
    found = document.text if isinstance(document, Document) else None
    text = _without_headline(unicodedata.normalize("NFC", found or "").strip(), meta.title)
    if not text:
        raise ExtractionError("no main text found")
    return Extracted(
        text=text,
        title=meta.title,
        published=meta.published,
        modified=meta.modified,
        authors=meta.authors,
        site_name=meta.site_name,
        url=meta.url,
        language_hint=meta.language_hint,
    )


@cache
def warm_up() -> None:
    """Load once in this process what htmldate loads on its first fallback to dateparser
    (the data of every dateparser locale, 10 to 25 s) and the stop lists of trafilatura's
    fallback extractor: work that would otherwise be charged to whichever document first
    needs it, and often take it past its time limit.

    A string no locale reads makes dateparser load them all.
    """
    from htmldate.extractors import external_date_parser, month_words
    from trafilatura.external import jt_stoplist_init

    with contextlib.suppress(Exception):  # a warm-up only: a failure costs time later
        external_date_parser("zqxv 12 qzvx 2021", "%Y-%m-%d")
        month_words()
        jt_stoplist_init()  # trafilatura's fallback extractor reads every stop list (1 s)


def parse_html(html: str) -> HtmlElement:
    """The page's lxml tree, parsed as trafilatura parses it; a fragment is wrapped in a page.

    Raises ``ExtractionError`` when the page nests tags deeper than the parser can read
    (it would silently drop the rest of the page).
    """
    tree = trafilatura.load_html(html)
    if tree is None:
        # trafilatura refuses text that does not look like a whole page (a bare <div>...);
        # wrapped, it is one.
        tree = trafilatura.load_html(f"<html><body>{html}</body></html>")
    if tree is None:
        raise ExtractionError("not an HTML page: no element could be parsed")
    if _last_branch_depth(tree) >= _DEPTH_LIMIT - 1:
        tree = _parse_huge(html)
        if _last_branch_depth(tree) >= _HUGE_DEPTH_LIMIT - 1:
            raise ExtractionError(
                f"page nests its tags more than {_HUGE_DEPTH_LIMIT} levels deep; "
                "the HTML parser stops reading there, so its text cannot be extracted"
            )
        LOGGER.info("page nested deeper than %d levels: parsed again", _DEPTH_LIMIT)
    return tree


def _last_branch_depth(tree: HtmlElement) -> int:
    """Depth of the last element in document order (cheap: one step per level).

    When libxml2 hits its depth limit it stops parsing, so the element it was in is the
    last one and sits exactly at the limit.
    """
    depth, element = 0, tree
    while len(element):
        element = element[-1]
        depth += 1
    return depth


def _parse_huge(html: str) -> HtmlElement:
    html = _INVALID_XML_CHARS.sub("", html)  # as trafilatura.load_html does
    try:
        return fromstring(html, parser=_HUGE_PARSER)
    except ValueError:
        # lxml refuses str input that carries an XML encoding declaration.
        return fromstring(html.encode("utf-8", "surrogatepass"), parser=_HUGE_PARSER)


def _without_headline(text: str, title: str | None) -> str:
    """The body without a first line that repeats the title: trafilatura keeps an ``<h1>``
    that sits inside the article, and the title is already a field of its own."""
    first, sep, rest = text.partition("\n")
    if title and sep and rest.strip() and " ".join(first.split()) == " ".join(title.split()):
        return rest.lstrip()
    return text
