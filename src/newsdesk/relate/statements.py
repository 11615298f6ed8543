"""Quote lineage: when two quotations are the same statement by the same speaker, and how the
words of one differ from the other's.

Two quotations in one language are one statement when their words match in order over most of
the shorter one: ``exact`` (same words), ``trimmed`` (one is a cut of the other), or
``paraphrased`` (at least half of the shorter one's words in order). Across languages words
cannot be compared: a ``translated`` link needs strong evidence instead — the same speaker
*id* (entities keep one id in every language), articles published within ``TRANSLATION_DAYS``,
and shared numbers or named entities inside the two quotations — and gets a lower confidence.

>>> a = QuoteRef("a", 0, "Nous allons livrer des armes à l'Ukraine", "x", "Jens Stoltenberg", "fr")
>>> b = QuoteRef("b", 0, "nous allons livrer des armes", "x", "Jens Stoltenberg", "fr")
>>> wording(a, b).kind
'trimmed'
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Literal

from newsdesk.records import Analysis, name_key
from newsdesk.relate.fingerprint import words

WordingKind = Literal["exact", "trimmed", "paraphrased", "translated"]
TRIMMED = 0.9  # share of the shorter quotation's words found in order in the longer one
PARAPHRASED = 0.5
MIN_COMMON_WORDS = 4
TRANSLATION_DAYS = 2
# Quotations further apart than this (publication days) are not compared: copies of a story
# travel within days, and a speaker repeating a line a month later makes a new statement.
WINDOW_DAYS = 7
# A translation is at most this many times longer than its original, in words, and the numbers
# and entities of the two quotations overlap at least this much (Jaccard).
TRANSLATION_LENGTH = 2.0
TRANSLATION_OVERLAP = 0.5
CONFIDENCE = {"exact": 1.0, "trimmed": 0.9, "paraphrased": 0.7, "translated": 0.5}
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


@dataclass(frozen=True)
class QuoteRef:
    """One quotation as the lineage sees it."""

    article_id: str
    position: int
    text: str
    speaker_key: str  # the speaker's entity id, else the name's key
    speaker: str
    language: str | None
    speaker_id: str | None = None
    day: date | None = None
    numbers: frozenset[str] = field(default_factory=frozenset)
    entities: frozenset[str] = field(default_factory=frozenset)  # entity ids inside the quote


@dataclass(frozen=True)
class Wording:
    kind: WordingKind
    similarity: float  # share of the shorter quotation's words matched in order (1.0 exact)
    confidence: float


# Two quotations in the same words (and a new statement, to the quotation that makes it).
EXACT = Wording("exact", 1.0, CONFIDENCE["exact"])


@dataclass(frozen=True)
class Change:
    """One difference between two wordings: words ``removed`` from the first, ``added``."""

    removed: str
    added: str


def _day(published: str | None) -> date | None:
    if not published or len(published) < 10:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def numbers(text: str) -> frozenset[str]:
    """The numbers written in ``text``, separators dropped (``1 000`` is not joined).

    >>> sorted(numbers("30 000 soldats, 1,5 milliard"))
    ['000', '15', '30']
    """
    return frozenset(re.sub(r"[.,]", "", n) for n in _NUMBER.findall(text))


def quote_refs(analysis: Analysis) -> list[QuoteRef]:
    """The quotations of an article that have a speaker, as lineage records."""
    article = analysis.article
    day = _day(article.published)
    refs = []
    # Every mention by where it starts, so each quotation looks only at those starting in it.
    mentions = sorted((m.start, m.end, e.id) for e in analysis.entities for m in e.mentions)
    starts = [start for start, _, _ in mentions]
    for position, quote in enumerate(analysis.quotes):
        if not quote.speaker and not quote.speaker_id:
            continue
        first = bisect_left(starts, quote.start)
        inside = frozenset(
            entity_id
            for start, end, entity_id in mentions[first : bisect_right(starts, quote.end)]
            if end <= quote.end and entity_id != quote.speaker_id
        )
        key = quote.speaker_id or name_key(quote.speaker or "")
        speaker = quote.speaker or quote.speaker_mention or key
        refs.append(
            QuoteRef(
                article.id,
                position,
                quote.text,
                key,
                speaker,
                article.language,
                quote.speaker_id,
                day,
                numbers(quote.text),
                inside,
            )
        )
    return refs


@lru_cache(maxsize=16384)
def _words(text: str) -> tuple[str, ...]:
    # A new quotation is compared with many earlier ones of its speaker: their words are
    # folded once, not once per comparison.
    return tuple(words(text))


@lru_cache(maxsize=16384)
def _bag(text: str) -> Counter[str]:
    return Counter(_words(text))


def _in_common(a: Counter[str], b: Counter[str]) -> int:
    """The words two bags hold in common, repeats counted (``sum((a & b).values())``
    without the bag it would make): the words both hold found by a set operation, so only
    those few are counted one by one."""
    return sum(min(a[w], b[w]) for w in a.keys() & b.keys())


def _matched(a: Sequence[str], b: Sequence[str]) -> int:
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks())


def wording(first: QuoteRef, other: QuoteRef) -> Wording | None:
    """How ``other`` words the statement ``first`` made, or None when it is not the same
    statement (another speaker, too few words in common, or too little evidence across
    languages)."""
    if first.speaker_key != other.speaker_key:
        return None
    if crosses_languages(first.language, other.language):
        return _translated(first, other)
    return same_language(first.text, other.text)


def crosses_languages(first: str | None, other: str | None) -> bool:
    """Whether two quotations' languages are known and differ: their words cannot be compared."""
    return bool(first and other and first != other)


def same_words(first: str, other: str) -> bool:
    """Whether two quotations of one language are in the same words (``same_language`` calls
    them ``exact``), found without weighing anything else.

    >>> same_words("Nous livrerons des armes.", "nous livrerons des ARMES"), same_words("", "")
    (True, False)
    """
    a = _words(first)
    return bool(a) and a == _words(other)


def same_language(first: str, other: str) -> Wording | None:
    """How ``other`` words the statement ``first`` made, both in one language (``wording``
    of two quotations of one speaker, their words alone compared)."""
    a, b = _words(first), _words(other)
    if not a or not b:
        return None
    if a == b:
        return EXACT
    # Words in common, order ignored, bound the words matched in order: most pairs of one
    # speaker's quotations stop here, before the costlier alignment.
    if _in_common(_bag(first), _bag(other)) < PARAPHRASED * min(len(a), len(b)):
        return None
    common = _matched(a, b)
    similarity = round(common / min(len(a), len(b)), 3)
    if common < min(MIN_COMMON_WORDS, len(a), len(b)) or similarity < PARAPHRASED:
        return None
    kind: WordingKind = "trimmed" if similarity >= TRIMMED else "paraphrased"
    return Wording(kind, similarity, CONFIDENCE[kind])


def _translated(first: QuoteRef, other: QuoteRef) -> Wording | None:
    if first.speaker_id is None or first.speaker_id != other.speaker_id:
        return None
    if first.day is None or other.day is None:
        return None
    if abs((first.day - other.day).days) > TRANSLATION_DAYS:
        return None
    a, b = len(_words(first.text)), len(_words(other.text))
    if not a or not b or max(a, b) > TRANSLATION_LENGTH * min(a, b):
        return None
    shared = len(first.numbers & other.numbers) + len(first.entities & other.entities)
    size = len(first.numbers | other.numbers) + len(first.entities | other.entities)
    if shared == 0 or shared / size < TRANSLATION_OVERLAP:
        return None
    return Wording("translated", round(shared / size, 3), CONFIDENCE["translated"])


def changes(first: str, other: str) -> list[Change]:
    """The word-level differences that turn ``first`` into ``other``.

    >>> changes("nous livrerons des armes", "nous livrerons vite des armes lourdes")
    [Change(removed='', added='vite'), Change(removed='', added='lourdes')]
    """
    a, b = first.split(), other.split()
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return [
        Change(" ".join(a[i1:i2]), " ".join(b[j1:j2]))
        for op, i1, i2, j1, j2 in matcher.get_opcodes()
        if op != "equal"
    ]
