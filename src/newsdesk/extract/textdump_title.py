"""The title of a text dump, from the short lines above its body.

Scrapers often keep the title more than once: cut short (``Les alliés de l``), with a stray
quotation mark, or as the page's ``<title>`` with the site's name appended and again as the
headline without it. Copies are merged into one clean title; a site suffix is removed when the
page names the site elsewhere (a copyright footer, a line of its own, a copy of the title
without the suffix), and never otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsdesk.extract.dateline import read_dateline
from newsdesk.extract.textdump_data import fold, limits, line_rules

__all__ = ["Title", "read_title"]


@dataclass(frozen=True)
class Title:
    text: str | None
    # A site name the title carried as a suffix (``Title | Site``), when it was removed.
    site_name: str | None = None


def _title_key(text: str) -> str:
    """A title reduced to compare copies: folded, without quotes or a trailing ellipsis."""
    key = re.sub(r"[\"'«»“”„‟‹›]", "", fold(text))
    return " ".join(key.rstrip(". ").split())


def _site_key(text: str) -> str:
    key = re.sub(r"\W+", "", fold(text))
    # "Example News" and "examplenews.com" name the same site.
    return line_rules().domain_ending.sub("", key) if len(key) > 6 else key


def _suffix_site(suffix: str) -> str | None:
    """The site in a title suffix: its last part that is a name (``Economie | L'Opinion``)."""
    parts = [p.strip() for p in line_rules().site_separators.split(suffix)]
    names = [p for p in parts if any(ch.isalpha() for ch in p) and read_dateline(p) is None]
    return names[-1] if names else None


def _without_suffix(line: str, shorter: set[str]) -> tuple[str, str | None]:
    """``Title - Site`` -> (``Title``, ``Site``) when ``Title`` is also a line of its own."""
    for mark in reversed(list(line_rules().site_separators.finditer(line))):
        head, suffix = line[: mark.start()].strip(), line[mark.end() :].strip()
        if _title_key(head) in shorter and len(suffix) < len(head):
            return head, _suffix_site(suffix)
    return line, None


def _merge_copies(candidates: list[str]) -> list[tuple[str, str | None]]:
    """Each distinct title line once, with the site suffix its copies revealed.

    A line is dropped when it repeats an earlier one or is the start of a longer one, unless
    the longer one only adds a site suffix: then the suffix goes and the site is kept apart.
    """
    keys = [_title_key(c) for c in candidates]
    min_words = limits().title_min_words
    kept: list[tuple[str, str | None]] = []
    for i, (line, key) in enumerate(zip(candidates, keys, strict=True)):
        if not key or any(
            j != i and other.startswith(key) and (len(other) > len(key) or j < i)
            for j, other in enumerate(keys)
        ):
            continue
        shorter = {
            other
            for other in keys
            if len(other) < len(key) and key.startswith(other) and len(other.split()) >= min_words
        }
        kept.append(_without_suffix(line, shorter) if shorter else (line, None))
    return kept


def _balance_quotes(title: str) -> str:
    """Drop quotation marks at either end that open or close nothing."""
    rules = line_rules()
    changed = True
    while changed and title:
        changed = False
        for mark in rules.quote_straight:
            if title.count(mark) % 2 and (title.endswith(mark) or title.startswith(mark)):
                title = (title[:-1] if title.endswith(mark) else title[1:]).strip()
                changed = True
        for opening, closing in rules.quote_pairs:
            if title.endswith(closing) and title.count(closing) > title.count(opening):
                title, changed = title[:-1].strip(), True
            if title.startswith(opening) and title.count(opening) > title.count(closing):
                title, changed = title[1:].strip(), True
    return title


def _strip_known_site(title: str, sites: list[str]) -> tuple[str, str | None]:
    """``Title - Site`` or ``Site | Title`` -> (``Title``, ``Site``) for a known site name."""
    known = {_site_key(site): site for site in sites if _site_key(site)}
    marks = list(line_rules().site_separators.finditer(title))
    if not marks:
        return title, None
    last, first = marks[-1], marks[0]
    site = known.get(_site_key(title[last.end() :]))
    if site is not None and title[: last.start()].strip():
        return title[: last.start()].strip(), site
    site = known.get(_site_key(title[: first.start()]))
    if site is not None and title[first.end() :].strip():
        return title[first.end() :].strip(), site
    return title, None


def read_title(lines: list[str], sites: list[str]) -> Title:
    """The title among the short ``lines`` above a body, given site names found in its footer.

    >>> read_title(["Les alliés de l", 'Les alliés de l\\'OTAN se préparent à réarmer Kiev"'], [])
    Title(text="Les alliés de l'OTAN se préparent à réarmer Kiev", site_name=None)
    """
    site_keys = {_site_key(site) for site in sites}
    candidates = [line for line in lines if _site_key(line) not in site_keys]
    merged = _merge_copies(candidates)
    if not merged:
        return Title(None)
    # Section names and site names are shorter than a headline: the first line long enough is
    # the title, whatever stands above it.
    long_enough = [m for m in merged if len(m[0].split()) >= limits().title_min_words]
    chosen, suffix_site = long_enough[0] if long_enough else max(merged, key=lambda m: len(m[0]))
    title = " ".join(chosen.split())
    # A site name standing on a line of its own at the top counts as named by the page.
    title, known_site = _strip_known_site(title, sites + lines)
    return Title(_balance_quotes(title) or None, known_site or suffix_site)
