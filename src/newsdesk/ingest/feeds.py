"""Feeds (RSS 0.9x/1.0/2.0, Atom) -> the articles they carry and the pages they link to.

Many feeds carry whole articles (``content:encoded``, Atom ``content``); those entries become
documents at once. Others carry a teaser and a link: the page must be fetched, which happens
only when fetching is allowed (setting ``fetch``, ``--fetch``), since a feed of a hundred
entries is a hundred requests to someone's site. Otherwise the entry is skipped with the reason
"link only (use --fetch)".

An entry's document is a small HTML page built from the entry: its content, with the entry's
title, date, author, the feed's title and language declared in ``<meta>`` tags that the
extract stage reads like any page's own.
"""

from __future__ import annotations

import html
import io
import os
import re
from collections.abc import Iterator
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

import feedparser

from newsdesk.errors import NewsdeskError, UnreadableInput
from newsdesk.ingest.files import InputFile, Skipped, UrlInput, iso_utc, read
from newsdesk.records import Origin, RawDocument

if TYPE_CHECKING:
    from newsdesk.config import Settings

# Text (tags removed) an entry's content needs to be taken for the article rather than a
# teaser; a summary (RSS <description>) needs more, being a teaser far more often.
FULL_CONTENT_CHARS = 300
FULL_SUMMARY_CHARS = 1000
FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
        "application/x-rss+xml",
    }
)
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")
_HTML_CONTENT = ("text/html", "application/xhtml+xml")

Parsed = Any  # feedparser.FeedParserDict: untyped


def parse_feed(data: bytes) -> Parsed | None:
    """The parsed feed, or None when the bytes are not an RSS or Atom feed.

    Given as a stream, never as a string: feedparser takes a string for a URL or a file name.
    Raises ``UnreadableInput`` when feedparser fails on the bytes (a hostile or broken feed).
    """
    try:
        parsed = feedparser.parse(io.BytesIO(data), resolve_relative_uris=True, sanitize_html=True)
    except Exception as exc:  # feedparser and the XML and URL code under it, on broken feeds
        detail = " ".join(str(exc).split())[:120] or type(exc).__name__
        raise UnreadableInput(f"malformed feed ({detail})") from None
    if not parsed.get("version") and not parsed.get("entries"):
        return None
    return parsed


def feed_documents(
    parsed: Parsed,
    name: str,
    *,
    path: str | None,
    base_url: str | None,
    fetched: str | None,
    fetch_links: bool,
) -> Iterator[RawDocument | UrlInput | Skipped]:
    """One item per entry of a parsed feed: a document for an entry with its full text, a
    page to fetch for an entry with only a link (``fetch_links``), else a ``Skipped``.

    ``name`` names the feed in messages, ``path`` is the feed file (None for a fetched feed),
    ``base_url`` resolves relative links, ``fetched`` is when the feed was obtained.
    """
    feed = parsed.get("feed", {})
    base = base_url or _http(feed.get("link"))
    for number, entry in enumerate(parsed.get("entries", []), 1):
        try:
            item = _entry_item(entry, feed, base, name, number, path, fetched, fetch_links)
        except Exception as exc:  # one odd entry of a hostile feed: the others still count
            detail = " ".join(str(exc).split())[:120] or type(exc).__name__
            item = Skipped(f"{name}#entry-{number}", f"unreadable feed entry ({detail})", "failed")
        yield item


def _entry_item(
    entry: Parsed,
    feed: Parsed,
    base: str | None,
    name: str,
    number: int,
    path: str | None,
    fetched: str | None,
    fetch_links: bool,
) -> RawDocument | UrlInput | Skipped:
    try:
        link = _http(
            urljoin(base, entry["link"]) if base and entry.get("link") else entry.get("link")
        )
    except ValueError:  # an invalid link ("http://[::1") leaves the entry without one
        link = None
    body = _full_text(entry)
    if body is not None:
        origin = Origin(path=path, url=link, fetched=fetched)
        return RawDocument(_page(entry, feed, body, link), origin, "html", "utf-8")
    if link and fetch_links:
        return UrlInput(link, via=name)
    if link:
        return Skipped(link, "link only (use --fetch)", "skipped")
    return Skipped(f"{name}#entry-{number}", "feed entry with neither text nor link", "skipped")


def feed_file(
    path: str, settings: Settings, *, explicit: bool
) -> Iterator[RawDocument | UrlInput | Skipped]:
    """The entries of a feed file (``.rss``, ``.atom``, ``.xml``, or their ``.gz``).

    An XML file that is not a feed fails when named, and is skipped when met in a directory.
    """
    try:
        raw = read(
            InputFile(path, "text", path.lower().endswith(".gz"), explicit), settings.max_bytes
        )
        modified = os.stat(path).st_mtime
    except NewsdeskError as exc:
        yield Skipped(path, exc.reason, "failed")
        return
    except OSError as exc:
        yield Skipped(path, exc.strerror or str(exc), "failed")
        return
    yield from feed_data(raw.data, path, settings, explicit=explicit, fetched=iso_utc(modified))


def feed_data(
    data: bytes, path: str, settings: Settings, *, explicit: bool, fetched: str | None
) -> Iterator[RawDocument | UrlInput | Skipped]:
    """The entries of the feed file ``path``, already read as ``data`` (``fetched``: when the
    file was written, if known)."""
    try:
        parsed = parse_feed(data)
    except NewsdeskError as exc:
        yield Skipped(path, exc.reason, "failed")
        return
    if parsed is None:
        if explicit:
            yield Skipped(path, "not an RSS or Atom feed", "failed")
        else:
            yield Skipped(path, "XML file that is not a feed", "skipped")
        return
    yield from feed_documents(
        parsed, path, path=path, base_url=None, fetched=fetched, fetch_links=settings.fetch
    )


def _http(url: str | None) -> str | None:
    if url and url.lower().startswith(("http://", "https://")):
        return url
    return None


def _text_length(markup: str) -> int:
    return len(_SPACE.sub(" ", html.unescape(_TAG.sub(" ", markup))).strip())


def _full_text(entry: Parsed) -> str | None:
    """The entry's content as HTML when it is long enough to be the article itself."""
    best: str | None = None
    for content in entry.get("content", []):
        value = _as_html(content.get("value") or "", content.get("type"))
        if _text_length(value) >= FULL_CONTENT_CHARS and (best is None or len(value) > len(best)):
            best = value
    if best is not None:
        return best
    detail = entry.get("summary_detail") or {}
    summary = _as_html(entry.get("summary") or "", detail.get("type"))
    return summary if _text_length(summary) >= FULL_SUMMARY_CHARS else None


def _as_html(value: str, media: str | None) -> str:
    if media is None or media in _HTML_CONTENT:
        return value
    paragraphs = (p.strip() for p in re.split(r"\n\s*\n", value))
    return "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs if p)


def _published(entry: Parsed) -> str | None:
    """The entry's date as ISO 8601, keeping the zone the feed wrote it in."""
    value = entry.get("published") or entry.get("updated")
    if not value:
        return None
    try:
        return parsedate_to_datetime(value).isoformat()  # RSS: RFC 822 dates
    except (TypeError, ValueError, IndexError):
        return str(value)  # Atom: already RFC 3339


def _page(entry: Parsed, feed: Parsed, body: str, link: str | None) -> bytes:
    metas = [
        ("og:title", entry.get("title")),
        ("article:published_time", _published(entry)),
        ("author", entry.get("author")),
        ("og:site_name", feed.get("title")),
        ("og:url", link),
    ]
    head = "".join(
        f'<meta property="{key}" content="{html.escape(value)}">'
        if key.startswith(("og:", "article:"))
        else f'<meta name="{key}" content="{html.escape(value)}">'
        for key, value in metas
        if value
    )
    title = html.escape(entry.get("title") or "")
    lang = feed.get("language")
    lang_attr = f' lang="{html.escape(lang)}"' if lang else ""
    return (
        f'<!DOCTYPE html><html{lang_attr}><head><meta charset="utf-8"><title>{title}</title>'
        f"{head}</head><body><article>{body}</article></body></html>"
    ).encode()
