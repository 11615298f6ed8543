"""Metadata of an HTML page: title, publication time, authors, site name, URL, language.

Read from one parsed lxml tree, never modified. Declarations the page makes about itself come
first (JSON-LD ``NewsArticle``/``Article``/``BlogPosting``, OpenGraph and common ``<meta>``
names), then the page's visible structure (``<h1>``, ``<title>``), then htmldate's search of
the page for a date.

Publication and modification times are ISO 8601, kept as the page states them: a time with
the zone offset the page gives (``2022-04-05T16:43:00+02:00``), without one when it gives none,
so the day is the outlet's own. A time of exactly midnight is taken for a date without a time
(CMSs write ``T00:00:00`` when they have no time); otherwise the date alone (``2022-04-05``).
``modified`` is read from declarations only, never taken for the publication time.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from functools import cache
from html import unescape
from importlib import resources
from itertools import islice
from typing import Any
from urllib.parse import urljoin, urlsplit

from dateutil import parser as dateutil_parser
from htmldate import find_date
from lxml.html import HtmlElement

from newsdesk.extract.dateprecision import stated_precision
from newsdesk.extract.jsonld import JsonLd, literal
from newsdesk.extract.titles import choose_title, displayed_headline_first

# Dates before the Web's news sites are placeholders (0001-01-01, 1970-01-01): htmldate's floor.
_MIN_DATE = date(1995, 1, 1)
_MAX_AUTHOR_CHARS = 100

_SPACE = re.compile(r"\s+")
_ISO_DATE = re.compile(
    r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})"
    r"(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:[.,]\d+)?)?"
    r"\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?\s*$",
    re.IGNORECASE,
)
_COMPACT_DATE = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?)?(Z)?\s*$")
_HAS_MONTH_NAME = re.compile(r"[^\W\d_]{3,}")
_BRACKETED_ADDRESS = re.compile(r"\s*\((?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)+/?\)")
_LANG_TAG = re.compile(r"^\s*([a-zA-Z]{2,3})(?:[-_][a-zA-Z0-9]+)*\s*$")
# Only the first few <h1> are headline candidates (some pages make every teaser an <h1>).
_MAX_HEADINGS = 5


@dataclass(frozen=True)
class PageMetadata:
    """What a page says about itself. None or () means 'not found'."""

    title: str | None = None
    published: str | None = None
    modified: str | None = None
    authors: tuple[str, ...] = ()
    site_name: str | None = None
    url: str | None = None
    language_hint: str | None = None


@cache
def _data() -> dict[str, Any]:
    text = resources.files("newsdesk.extract").joinpath("data/html.toml").read_text("utf-8")
    return tomllib.loads(text)


def read_metadata(
    tree: HtmlElement, url: str | None = None, *, search_date: bool = True
) -> PageMetadata:
    """The metadata of a parsed page; ``url`` is the page's address when known.

    ``search_date`` lets htmldate search the page when no declared date is found (its
    extensive search reads the whole page; it is the slow step, taken only as a fallback).
    """
    metas = _meta_values(tree)
    jsonld = JsonLd.from_tree(tree)
    article = jsonld.article
    names = [
        *metas.get("og:site_name", []),
        *jsonld.site_names(),
        *(v for name in _data()["meta"]["site_names"] for v in metas.get(name, [])),
    ]
    page_url = url or _page_url(tree, metas)
    host = (urlsplit(page_url).hostname or "") if page_url else ""
    site_name = _known_source(page_url) or _site_name(names, host)
    published = _declared_date(metas, jsonld, tree)
    if published is None and search_date:
        published = _searched_date(tree, page_url)
    site_names = [_normalize(n).lstrip("@") for n in names if n]
    if host:
        site_names.append(host.removeprefix("www."))
    return PageMetadata(
        title=_title(tree, metas, article, site_names),
        modified=_modified(metas, jsonld),
        published=published,
        authors=_authors(metas, jsonld),
        site_name=site_name,
        url=page_url,
        language_hint=_language(tree, metas),
    )


# --- <meta> ---------------------------------------------------------------------------------


def _meta_values(tree: HtmlElement) -> dict[str, list[str]]:
    """Contents of the page's <meta> tags by lower-cased property/name/itemprop/http-equiv."""
    values: dict[str, list[str]] = {}
    for element in tree.iter("meta"):
        content = element.get("content")
        if not content or content.isspace():
            continue
        for attribute in ("property", "name", "itemprop", "http-equiv"):
            key = element.get(attribute)
            if key:
                values.setdefault(key.strip().lower(), []).append(content.strip())
    return values


def _first_text(values: Iterable[str | None]) -> str | None:
    for value in values:
        if value:
            text = _normalize(value)
            if text:
                return text
    return None


def _normalize(value: str) -> str:
    # Some CMSs escape entities twice; lxml undoes one level, this the second.
    if "&" in value and ";" in value:
        value = unescape(value)
    return unicodedata.normalize("NFC", _SPACE.sub(" ", value).strip())


# --- fields ---------------------------------------------------------------------------------


def _title(
    tree: HtmlElement,
    metas: dict[str, list[str]],
    article: dict[str, Any] | None,
    site_names: list[str],
) -> str | None:
    headline = literal(article.get("headline")) if article else None
    headings = [_normalize(h.text_content()) for h in islice(tree.iter("h1"), _MAX_HEADINGS)]
    element = tree.find(".//title")
    page_title = _normalize(element.text_content()) if element is not None else None
    og_titles = metas.get("og:title", [])
    if (
        headline
        and og_titles
        and displayed_headline_first(
            _normalize(og_titles[0]), _normalize(headline), headings, page_title
        )
    ):
        values = [headline, *og_titles]
    else:
        values = [*og_titles, *([headline] if headline else [])]
    values += [v for name in _data()["meta"]["titles"] for v in metas.get(name, [])]
    declared = [text for value in values if (text := _normalize(value))]
    return choose_title(declared, [h for h in headings if h], page_title, site_names)


def _known_source(url: str | None) -> str | None:
    """The one name ``[sources]`` gives the outlet of ``url`` (its domain or a parent)."""
    host = (urlsplit(url).hostname or "") if url else ""
    table: dict[str, str] = _data()["sources"]["names"]
    parts = host.removeprefix("www.").split(".")
    return next(
        (table[d] for i in range(len(parts) - 1) if (d := ".".join(parts[i:])) in table), None
    )


def _site_name(names: Iterable[str], host: str = "") -> str | None:
    """The outlet's name: the first declared name that is a name, not an address or a handle
    (``@lemondefr``, ``https://twitter.com/…``; an address in brackets is dropped: ``Deutsche
    Welle (www.dw.com)``), in the page's best-cased spelling of it (``euronews`` and
    ``Euronews`` on one page: ``Euronews``). The page's domain written as a name, or a
    slug of it (``bild.de``, ``ottawacitizen`` on ottawacitizen.com), gives way to a name
    the page declares too (its publisher's ``Ottawa Citizen``)."""
    usable = [
        name
        for value in names
        if (name := _BRACKETED_ADDRESS.sub("", _normalize(value)) if value else "")
        and not name.startswith("@")
        and "://" not in name
        and not name.startswith("www.")
    ]
    if not usable:
        return None
    labels = host.removeprefix("www.").split(".")
    domains = {".".join(labels[i:]) for i in range(len(labels))} | set(labels)

    def as_address(name: str) -> int:
        # 0: a name; 1: the domain written as a brand (Canada.com); 2: a slug or an address.
        if name.casefold() not in domains or ("." not in name and not name.islower()):
            return 0
        return 1 if name[0].isupper() and not name.isupper() else 2

    first = min(usable, key=as_address)  # min keeps the first of equal ranks
    if first.islower() or first.isupper():
        same = [
            n
            for n in usable
            if n.casefold() == first.casefold() and not (n.islower() or n.isupper())
        ]
        return same[0] if same else first
    return first


def _page_url(tree: HtmlElement, metas: dict[str, list[str]]) -> str | None:
    og_url = next(
        (u for u in metas.get("og:url", []) if u.startswith(("http://", "https://"))), None
    )
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and (href := link.get("href")):
            href = urljoin(og_url or "", str(href).strip())
            if href.startswith(("http://", "https://")):
                return href
    return og_url


def _language(tree: HtmlElement, metas: dict[str, list[str]]) -> str | None:
    """The primary language subtag the page declares (``fr`` for ``fr-FR`` or ``fr_FR``)."""
    candidates = [tree.get("lang"), tree.get("{http://www.w3.org/XML/1998/namespace}lang")]
    for name in ("og:locale", "content-language", "language", "dc.language", "dcterms.language"):
        candidates.extend(metas.get(name, []))
    for candidate in candidates:
        if candidate and (match := _LANG_TAG.match(candidate.split(",")[0])):
            return match.group(1).lower()
    return None


def _authors(metas: dict[str, list[str]], jsonld: JsonLd) -> tuple[str, ...]:
    names = jsonld.authors()
    if not names:
        names = [v for name in _data()["meta"]["authors"] for v in metas.get(name, [])]
    return clean_authors(names)


def clean_authors(values: Iterable[str]) -> tuple[str, ...]:
    """Person names from byline strings: prefixes ("By") removed, lists split, URLs, handles
    and duplicates dropped.

    >>> clean_authors(["By Jane Roe and John Doe", "https://facebook.com/x", "jane roe"])
    ('Jane Roe', 'John Doe')
    """
    config = _data()["authors"]
    names: list[str] = []
    seen: set[str] = set()
    for value in values:
        value = _normalize(value)
        if "://" in value or value.startswith("www.") or ("@" in value and " " not in value):
            continue
        for part in _split_names(_strip_prefix(value, config["prefixes"]), config["separators"]):
            name = part.strip(" ,.:;-–—·")
            plausible = 2 <= len(name) <= _MAX_AUTHOR_CHARS and any(c.isalpha() for c in name)
            # "sophie-foster" (a profile slug) and "Sophie Foster" are one person.
            key = "".join(c for c in name.casefold() if c.isalpha())
            if plausible and key not in seen:
                seen.add(key)
                names.append(name)
    return tuple(names)


def _strip_prefix(value: str, prefixes: list[str]) -> str:
    lowered = value.lower()
    for prefix in prefixes:
        if lowered.startswith(prefix) and (
            prefix.endswith(":") or lowered[len(prefix) : len(prefix) + 1] in (" ", ":")
        ):
            return value[len(prefix) :].lstrip(" :")
    return value


def _split_names(value: str, separators: list[str]) -> list[str]:
    parts = [value]
    for separator in separators:
        parts = [piece for part in parts for piece in part.split(separator)]
    # "Jane Roe, John Doe" lists people; "Roe, Jane" is one person written surname first.
    split: list[str] = []
    for part in parts:
        pieces = [p.strip() for p in part.split(",")]
        split.extend(pieces if all(" " in p for p in pieces if p) else [part])
    return split


# --- dates ----------------------------------------------------------------------------------


def _declared_date(metas: dict[str, list[str]], jsonld: JsonLd, tree: HtmlElement) -> str | None:
    """The publication time the page declares: its JSON-LD article's, its ``<meta>``'s, its
    microdata's, then the dates of its other JSON-LD objects (an embedded video's upload).

    A time given in UTC that the page also states at a local offset (``…T02:59:46Z`` and
    ``…T20:59:46-06:00``) is taken at that offset: it is the outlet's own time, and its day
    the outlet's day. So is a UTC time the page states alone, when its other times (its
    modification time, its ``<time datetime>``) all carry one local offset.
    """
    values = [
        *jsonld.published(),
        *(v for name in _data()["meta"]["published"] for v in metas.get(name, [])),
        *(
            element.get("datetime") or element.get("content") or ""
            for element in tree.xpath('//*[@itemprop="datePublished"][@datetime or @content]')
        ),
        *jsonld.published(own=False),
    ]
    found = [iso for value in values if (iso := to_iso(value))]
    if not found:
        return None
    first = found[0]
    if not first.endswith("+00:00"):
        return first
    moment = datetime.fromisoformat(first)
    local = [o for o in found[1:] if len(o) > 10 and datetime.fromisoformat(o).utcoffset()]
    if same := next((o for o in local if datetime.fromisoformat(o) == moment), None):
        return same
    if local:
        return first  # the page's publication times disagree on the instant: no evidence
    offset = _page_offset([*_modified_values(metas, jsonld), *_time_values(tree)])
    if offset is None:
        return first
    return moment.astimezone(timezone(offset)).isoformat(timespec="seconds")


def _page_offset(values: Iterable[str]) -> timedelta | None:
    """The one zone offset other than UTC at which the page writes its other times (its
    modification time, its ``<time datetime>``), or None when it writes none or several.

    A page that gives its publication time in UTC alone hides the outlet's day (an evening in
    New York is the next day in UTC); the same page's other times at a local offset show it.
    """
    offsets = {
        offset
        for value in values
        if (iso := to_iso(value)) and len(iso) > 10
        if (offset := datetime.fromisoformat(iso).utcoffset())
    }
    return offsets.pop() if len(offsets) == 1 else None


def _time_values(tree: HtmlElement) -> list[str]:
    """The ``datetime`` of the page's ``<time>`` elements (the first few)."""
    return [str(v) for v in islice(tree.xpath("//time/@datetime"), 20)]


def _modified(metas: dict[str, list[str]], jsonld: JsonLd) -> str | None:
    """When the page says it was last changed (JSON-LD ``dateModified``, then ``<meta>``)."""
    values = _modified_values(metas, jsonld)
    return next((iso for value in values if (iso := to_iso(value))), None)


def _modified_values(metas: dict[str, list[str]], jsonld: JsonLd) -> list[str]:
    return [
        *jsonld.modified(),
        *(v for name in _data()["meta"]["modified"] for v in metas.get(name, [])),
    ]


def _searched_date(tree: HtmlElement, url: str | None) -> str | None:
    try:
        found = find_date(tree, extensive_search=True, original_date=True, url=url)
    except Exception:  # AssertionError, ValueError... on an odd page: the date stays unknown
        return None  # (a time limit is no Exception: it still stops the document)
    iso = to_iso(found) if found else None
    return stated_precision(iso, tree) if iso else None


def to_iso(value: str) -> str | None:
    """An ISO 8601 date or date-time from a date as pages write it, or None.

    A time keeps the zone offset the page states (``Z`` and ``GMT`` as ``+00:00``), and none
    when it states none; midnight means 'no time given'. Dates before 1995 or after tomorrow
    are refused as placeholders or errors.

    >>> to_iso("2022-04-05T16:43:00+02:00")
    '2022-04-05T16:43:00+02:00'
    >>> to_iso("2022-04-05 16:43")
    '2022-04-05T16:43:00'
    >>> to_iso("Tue, 05 Apr 2022 00:00:00 GMT")
    '2022-04-05'
    """
    parts = _ISO_DATE.match(value) or _COMPACT_DATE.match(value)
    if parts is not None:
        year, month, day, hour, minute, second, zone = parts.groups()
        try:
            moment = datetime(
                int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0)
            )
            offset = _offset(zone) if hour else None
        except ValueError:
            return None
    elif _HAS_MONTH_NAME.search(value) and len(value) < 64:
        # Written-out dates ("Tue, 05 Apr 2022 16:43:00 GMT", "April 5, 2022"); all-digit
        # forms like 05/04/2022 are ambiguous (day or month first) and left to htmldate.
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # zone names dateutil does not know
                moment = dateutil_parser.parse(value, default=datetime(1, 1, 1))
                other = dateutil_parser.parse(value, default=datetime(2, 2, 2))
        except (ValueError, OverflowError):
            return None
        if moment.date() != other.date():
            return None  # year, month or day missing ("May 2022"): not invented here
        offset = moment.utcoffset() if moment.tzinfo is not None else None
        moment = moment.replace(tzinfo=None)
    else:
        return None
    if not _MIN_DATE <= moment.date() <= date.today() + timedelta(days=1):
        return None
    if moment.time() == datetime.min.time():
        return moment.date().isoformat()
    if offset is not None:
        moment = moment.replace(tzinfo=timezone(offset))
    return moment.isoformat(timespec="seconds")


def _offset(zone: str | None) -> timedelta | None:
    """The offset a zone suffix states (``Z``, ``GMT``, ``+0200``, ``-04:00``), or None."""
    if not zone:
        return None
    if zone.upper() in ("Z", "UTC", "GMT"):
        return timedelta(0)
    sign = -1 if zone[0] == "-" else 1
    digits = zone[1:].replace(":", "")
    offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    if offset >= timedelta(hours=24):
        raise ValueError(zone)
    return sign * offset
