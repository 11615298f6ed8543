"""RawDocument -> Article: decode, find the main text and metadata, identify the language."""

from __future__ import annotations

from urllib.parse import urlsplit

from newsdesk.config import Settings
from newsdesk.errors import ExtractionError, InputTooLarge, NewsdeskError
from newsdesk.extract.base import Extracted
from newsdesk.extract.charset import decode_html, decode_text
from newsdesk.extract.html import extract_html
from newsdesk.extract.language import detect_language
from newsdesk.extract.prose import refuse_non_prose
from newsdesk.extract.textdump import clean_text_dump
from newsdesk.records import Article, RawDocument, Source, article_id

__all__ = ["extract_one"]


def _domain(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


def _extracted(raw: RawDocument, max_chars: int) -> Extracted:
    if raw.kind == "html":
        html = decode_html(raw.data, raw.declared_charset)
        return extract_html(html, url=raw.origin.url, max_chars=max_chars)
    return clean_text_dump(decode_text(raw.data))


def extract_one(raw: RawDocument, settings: Settings) -> Article:
    """The article in one raw document. Raises a NewsdeskError naming the input.

    >>> from newsdesk.records import Origin
    >>> text = "Le conseil vote le budget\\n\\nLe conseil municipal a voté mardi le budget."
    >>> article = extract_one(RawDocument(text.encode(), Origin(path="a.txt"), "text"), Settings())
    >>> article.title, article.language
    ('Le conseil vote le budget', 'fr')
    """
    try:
        if len(raw.data) > settings.max_bytes:
            raise InputTooLarge(
                f"{len(raw.data):,} bytes is over the limit of {settings.max_bytes:,} "
                "(setting NEWSDESK_MAX_BYTES)"
            )
        page = _extracted(raw, settings.max_bytes)
        text = page.text.strip()
        if not text:
            raise ExtractionError("no article text found")
        refuse_non_prose(text)
        url = raw.origin.url or page.url
        return Article(
            id=article_id(text),
            text=text,
            title=page.title,
            published=page.published,
            modified=page.modified,
            # The page's own declaration first, then its HTTP header's.
            language=detect_language(
                text, settings.languages, page.language_hint or raw.declared_language
            ),
            url=url,
            source=Source(name=page.site_name, domain=_domain(url)),
            origins=(raw.origin,),
            authors=page.authors,
        )
    except NewsdeskError as exc:
        raise exc.about(raw.name) from None
