"""The headline of a page, without the site's name or rubric around it.

Pages state their headline several times: the JSON-LD article's ``headline`` (written for
search engines, usually bare), ``og:title`` and ``<meta>`` titles (often with the site's name
or a rubric: ``Opinion | …``, ``… - Samastipur News``), the visible ``<h1>``, and ``<title>``
(almost always with affixes). An affix is removed only when the page itself shows which part
is the site: another of its titles is that part alone, or the part is a name the page gives
itself (``og:site_name``, the publisher's name, its domain).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

_SPACE = re.compile(r"\s+")
# Separators between a headline and its affixes, spaced (" | ") or, when a site's name follows,
# glued ("…-정치ㅣ한국일보").
_SEPARATOR = re.compile(r"\s+[|\-–—:·»/]{1,2}\s+|\s*[|｜ㅣ]\s*")
# What may stand between a headline and an affix, spaces aside: a space alone never does
# ("New CEO at Experience" keeps its last word, the site's name though it is).
_GLUED_SITE = "-|｜–—·:：ㅣ/»"
_PIPE = re.compile(r"\s+[|｜]\s+")
_NOT_ALNUM = re.compile(r"[\W_]+")
# A title's part written as an address: a name, its domain in one case (Weather.com, DW.COM;
# not St.Louis).
_DOMAIN = re.compile(r"^\s*(?:www\.)?[^\W_][\w-]*(?:\.[\w-]+)*\.(?:[a-z]{2,13}|[A-Z]{2,6})\s*$")
# Words of a domain that name no site (news.example.co.uk: "example").
_DOMAIN_WORDS = frozenset({"www", "com", "co", "org", "net", "news", "m", "amp", "edition"})
# Typographic quotes and dashes to ASCII, for comparing two spellings of one title.
_QUOTES = str.maketrans("’‘ʼ`“”„«»–—\xa0", '\'\'\'\'"""""-- ')


def title_key(title: str) -> str:
    """A title for comparison: case-folded, quotes and dashes unified, spaces collapsed."""
    return _SPACE.sub(" ", title.translate(_QUOTES).lower()).strip()


def choose_title(
    declared: Sequence[str],
    headings: Sequence[str],
    page_title: str | None,
    site_names: Iterable[str],
) -> str | None:
    """The page's headline from its declared titles (``og:title``, the JSON-LD headline, other
    ``<meta>`` titles, in that order), its first ``<h1>`` and ``<title>``; ``site_names`` are
    the names the page gives itself.

    >>> choose_title(["Opinion | Rain again"], ["Rain again"], None, ["The Daily"])
    'Rain again'
    >>> choose_title([], [], "Rain again - The Daily", ["The Daily"])
    'Rain again'
    """
    sites = [s for s in site_names if s]
    others = [*declared, *headings, *([page_title] if page_title else [])]
    if declared:
        title = declared[0]
        if title.endswith(("…", "...")):
            # A title cut short: a longer title of the page beginning with it.
            stem = title_key(title).rstrip(".… ")
            title = next((o for o in others if title_key(o).startswith(stem)), title)
        title = _pipe_fields(strip_affixes(title, others, sites))
        # The visible headline, when it is the declared title (bar a site name, a rubric or
        # straight quotes), is the page's own spelling of it.
        key = title_key(title)
        for heading in headings:
            heading_key = title_key(heading)
            if heading_key in key and len(heading_key) * 2 >= len(key):
                return heading
        return title
    if len(headings) == 1:
        return headings[0]
    if page_title:
        title = strip_affixes(page_title, others, sites)
        # A <title> joins the headline with the site's name; the headline is the longest part.
        parts = _parts(title)
        return max(parts, key=len) if len(parts) > 1 else title
    return None


def displayed_headline_first(
    og_title: str, headline: str, headings: Sequence[str], page_title: str | None
) -> bool:
    """Whether the JSON-LD ``headline``, not ``og_title``, is the article's: the page displays
    it as its ``<h1>`` while ``og:title`` only repeats the ``<title>`` of the browser's tab (bar
    the site's name). Two signals of the article agree against a copy of the tab's title.

    >>> displayed_headline_first("Heat closes schools", "Pupils stay home",
    ...     ["Pupils stay home"], "Heat closes schools | The Daily")
    True
    """
    og_key, headline_key = title_key(og_title), title_key(headline)
    if not page_title or _words(og_key) == _words(headline_key):
        return False  # one headline spelt two ways (quotes, dashes)
    tab = title_key(page_title)
    repeats_tab = tab == og_key or (
        (tab.startswith(og_key) and _separated(tab[len(og_key) :]))
        or (tab.endswith(og_key) and _separated(tab[: -len(og_key)][::-1]))
    )
    return repeats_tab and any(title_key(h) == headline_key for h in headings)


def _words(key: str) -> str:
    return _NOT_ALNUM.sub(" ", key).strip()


def strip_affixes(title: str, others: Sequence[str], sites: Sequence[str]) -> str:
    """``title`` without the parts the page shows to be affixes: a run of its parts that is
    another title of the page alone, and at least half of it, is kept (a page whose ``<h1>`` is
    the site's name keeps its headline); a leading or trailing site name is removed.

    >>> strip_affixes("PolitiFact - Fact-check: no", [], ["PolitiFact"])
    'Fact-check: no'
    """
    key = title_key(title)
    for other in sorted(others, key=len, reverse=True):
        other_key = title_key(other)
        # Another title of the page is this one's beginning or end, cut at punctuation.
        if 2 * len(other_key) >= len(key) > len(other_key):
            if key.startswith(other_key) and _separated(key[len(other_key) :]):
                return title[: len(other)].strip()
            if key.endswith(other_key) and _separated(key[: -len(other_key)][::-1]):
                return title[-len(other) :].strip()
    parts = _parts(title)
    if len(parts) > 1:
        keys = {title_key(o) for o in others if o and title_key(o) != key}
        best: str | None = None
        for start in range(len(parts)):
            for end in range(start + 1, len(parts) + 1):
                if (start, end) == (0, len(parts)):
                    continue
                piece = _join(title, parts[start], parts[end - 1])
                if (
                    title_key(piece) in keys
                    and 2 * len(piece) >= len(title)
                    and (best is None or len(piece) > len(best))
                ):
                    best = piece
        if best:
            return best
    return _strip_site_parts(_strip_sites(title, sites), sites)


def _squash(text: str) -> str:
    """Letters and digits only, case-folded, without a leading "the": how a site's name and
    its domain compare (``The Intercept``, ``theintercept.com``; ``Fox News``, ``foxnews``)."""
    key = _NOT_ALNUM.sub("", text.casefold())
    return key[3:] if key.startswith("the") and len(key) > 6 else key


def _strip_site_parts(title: str, sites: Sequence[str]) -> str:
    """``title`` without leading or trailing parts that are a site's name written another way
    than the page declares it: its domain's words (``| Fox News`` on foxnews.com), or a
    domain (``| Weather.com``).

    >>> _strip_site_parts("Rain is back - Fox News | Politics", ["foxnews.com", "Politics"])
    'Rain is back'
    """
    keys = {_squash(s) for s in sites}
    for site in sites:
        if "." in site and " " not in site:  # a domain: its labels bar the generic ones
            keys.update(_squash(w) for w in site.split(".")[:-1] if w not in _DOMAIN_WORDS)
    keys.discard("")
    parts = _parts(title)
    kept = list(parts)
    while len(kept) > 1 and (_squash(kept[-1]) in keys or _DOMAIN.match(kept[-1])):
        kept.pop()
    while len(kept) > 1 and (_squash(kept[0]) in keys or _DOMAIN.match(kept[0])):
        kept.pop(0)
    return title if kept == parts else _join(title, kept[0], kept[-1])


def _pipe_fields(title: str) -> str:
    """The headline among fields a spaced pipe separates (``Opinion | Rain is back``, ``Rain
    is back | Weather``): a headline never holds one, so the part at least twice as long as
    every other is it; without such a part the title stays whole.

    >>> _pipe_fields("Opinion | Rain is back in the north"), _pipe_fields("Left | Right")
    ('Rain is back in the north', 'Left | Right')
    """
    parts = [p.strip() for p in _PIPE.split(title) if p.strip()]
    if len(parts) < 2:
        return title
    longest = max(parts, key=len)
    others = [p for p in parts if p is not longest]
    return longest if all(2 * len(p) <= len(longest) for p in others) else title


def _strip_sites(title: str, sites: Sequence[str]) -> str:
    site_keys = {title_key(s) for s in sites}
    for _ in range(2):  # "Headline | Rubric | Site": the site, then a rubric naming it
        stripped = title
        for site in sorted(site_keys, key=len, reverse=True):
            key = title_key(stripped)
            if key.endswith(site) and len(key) > len(site):
                rest = stripped[: len(stripped) - len(site)]
                if _separated(rest[::-1]):
                    stripped = rest.rstrip(_GLUED_SITE + " ")
            elif key.startswith(site) and len(key) > len(site):
                rest = stripped[len(site) :]
                if separator := _SEPARATOR.match(rest):
                    stripped = rest[separator.end() :]
        if stripped == title or not stripped:
            break
        title = stripped
    return title


def _separated(rest: str) -> bool:
    """Whether ``rest``, what follows a headline (or precedes it, reversed), opens with a
    separator, spaces aside."""
    rest = rest.lstrip()
    return bool(rest) and rest[0] in _GLUED_SITE


def _parts(title: str) -> list[str]:
    return [p for p in _SEPARATOR.split(title) if p.strip()]


def _join(title: str, first: str, last: str) -> str:
    """The text of ``title`` from part ``first`` to part ``last`` (separators kept)."""
    start = title.find(first)
    end = title.rfind(last) + len(last)
    return title[start:end].strip() if 0 <= start < end else first
