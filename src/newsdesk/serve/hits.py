"""Where the words of a search are in a text, case and accents ignored as the full-text index
ignores them: the snippet of each article a search lists, and the words highlighted in each
quotation.

A search lists twenty articles and twenty quotations. The first word of the search in a text
is found with ``str.find`` in the text in lower case (read word by word, each word compared
folded, only when it is not there as typed or without accents), then the words of the snippet
are read, from the text as stored. Asking the full-text index for the snippets instead matched
the query once more and read each whole indexed row back (text, title and every quotation):
about three times the CPU.

>>> [(f.text, f.match) for f in snippet("Les alliés de l'OTAN se réunissent.", "allies otan")]
[('Les ', False), ('alliés', True), (" de l'", False), ('OTAN', True), (' se réunissent.', False)]
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from newsdesk.serve.models import Fragment
from newsdesk.store import grams
from newsdesk.store.base import parse_query

_WORD = re.compile(r"\w+")
# Words of a snippet (as the full-text index's snippets had), words shown before the first
# match so that it is read in its sentence, and how far back those are looked for.
SNIPPET_WORDS = 32
BEFORE_MATCH = 4
LOOK_BACK = 200
_WORDS = re.compile(rf"(?:\W*\w+){{1,{SNIPPET_WORDS}}}")
ELLIPSIS = "…"


@lru_cache(maxsize=1 << 16)
def fold(word: str) -> str:
    """A word without case or accents, as the full-text index compares them (kept for the
    words seen most: a page compares the same words in every result).

    >>> fold("Élysée")
    'elysee'
    """
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@dataclass(frozen=True)
class Terms:
    """The folded words of a search: matched whole, as the start of a word (the last word
    of a ``prefix*`` term), or anywhere (Chinese, Japanese, Korean: written without spaces)."""

    whole: frozenset[str]
    prefixes: tuple[str, ...]
    anywhere: re.Pattern[str] | None
    # The words as typed and folded, in lower case, whole or as the start of a word: where
    # they are in a text is found without reading it word by word.
    written: tuple[tuple[str, bool], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.whole or self.prefixes or self.anywhere)


@lru_cache(maxsize=1024)
def terms(q: str) -> Terms:
    """The words of the search ``q``."""
    whole: set[str] = set()
    prefixes: list[str] = []
    anywhere: set[str] = set()
    written: set[tuple[str, bool]] = set()
    for group in parse_query(q).groups:
        for term in group:
            words = _WORD.findall(term.text)
            for i, word in enumerate(words):
                if grams.has_cjk(word):
                    anywhere.add(word)
                    continue
                start = term.prefix and i == len(words) - 1
                if start:
                    prefixes.append(fold(word))
                else:
                    whole.add(fold(word))
                written |= {(fold(word), start), (word.lower(), start)}
    # The longest first: of two that start alike, the longer is marked.
    runs = "|".join(re.escape(w) for w in sorted(anywhere, key=lambda w: (-len(w), w)))
    return Terms(
        frozenset(whole),
        tuple(prefixes),
        re.compile(runs) if runs else None,
        tuple(sorted(written)),
    )


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def first(text: str, q: str) -> int | None:
    """Where a word of the search ``q`` is first in ``text``, or None: the first written as
    typed or without accents, found by ``str.find`` in the text in lower case; failing
    those, the first in any form (read word by word).

    >>> first("Les Alliés et les alliés, puis les allies.", "alliés"), first("x", "y")
    (4, None)
    """
    found = terms(q)
    lowered = text.lower()
    if not found or found.anywhere is not None or len(lowered) != len(text):
        m = next(matches(text, q), None)
        return m.start() if m is not None else None
    best: int | None = None
    for word, start in found.written:
        at = lowered.find(word)
        while at >= 0 and (best is None or at < best):
            after = at + len(word)
            if (at == 0 or not _is_word(lowered[at - 1])) and (
                start or after == len(lowered) or not _is_word(lowered[after])
            ):
                best = at
                break
            at = lowered.find(word, at + 1)
    if best is None and not text.isascii():
        m = next(matches(text, q), None)
        return m.start() if m is not None else None
    return best


def matches(
    text: str, q: str | None, start: int = 0, end: int | None = None
) -> Iterator[re.Match[str]]:
    """The words of the search ``q`` in ``text[start:end]``, in the order of the text.

    >>> [m[0] for m in matches("L'OTAN, la guerre, l'Otanie", "otan guer*")]
    ['OTAN', 'guerre']
    """
    found = terms(q) if q else None
    if not found:
        return
    stop = len(text) if end is None else end
    whole, prefixes = found.whole, found.prefixes
    words = (
        m
        for m in _WORD.finditer(text, start, stop)
        if (f := fold(m[0])) in whole or (prefixes and f.startswith(prefixes))
    )
    if found.anywhere is None:
        yield from words
        return
    yield from sorted(
        [*words, *found.anywhere.finditer(text, start, stop)], key=lambda m: m.start()
    )


def fragments(text: str, q: str | None, start: int = 0, end: int | None = None) -> list[Fragment]:
    """``text[start:end]`` in pieces, the words of the search ``q`` marked."""
    stop = len(text) if end is None else end
    out: list[Fragment] = []
    at = start
    for m in matches(text, q, start, stop):
        if m.start() < at:  # inside a word marked already
            continue
        if m.start() > at:
            out.append(Fragment(text[at : m.start()], False))
        out.append(Fragment(m[0], True))
        at = m.end()
    if at < stop:
        out.append(Fragment(text[at:stop], False))
    return out


def snippet(text: str, q: str) -> tuple[Fragment, ...]:
    """About ``SNIPPET_WORDS`` words of ``text`` from a few words before the first word of
    the search ``q`` (from the start when none is in it), its words marked, with an
    ellipsis where the text goes on.

    >>> text = " ".join(f"w{i}" for i in range(50)) + " Kiev " + " ".join("x" * 40)
    >>> [f.text for f in snippet(text, "kiev")][:2]
    ['…w46 w47 w48 w49 ', 'Kiev']
    """
    found = first(text, q)
    start = 0
    if found:
        back = max(0, found - LOOK_BACK)
        words = [m.start() for m in _WORD.finditer(text, back, found)]
        if words and words[0] == back and back > 0 and _is_word(text[back - 1]):
            words = words[1:]  # a word cut by the look-back is not one of them
        if len(words) >= BEFORE_MATCH:
            start = words[-BEFORE_MATCH]
        elif back > 0:
            start = words[0] if words else found
    shown = _WORDS.match(text, start)
    end = shown.end() if shown is not None else len(text)
    if not _WORD.search(text, end):
        end = len(text)
    pieces = fragments(text, q, start, end)
    if start > 0:
        pieces.insert(0, Fragment(ELLIPSIS, False))
    if end < len(text):
        pieces.append(Fragment(ELLIPSIS, False))
    joined: list[Fragment] = []
    for piece in pieces:
        if joined and not piece.match and not joined[-1].match:
            joined[-1] = Fragment(joined[-1].text + piece.text, False)
        else:
            joined.append(piece)
    return tuple(joined)
