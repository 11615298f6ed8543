"""Whether an extracted text is prose at all: random bytes, base64 blobs, minified code and
tables of numbers decode to text and would otherwise be stored as an article in whatever
language the detector finds closest.

Two measures, in any script (Chinese and Japanese write no spaces, so word length alone cannot
decide): the share of letters among the characters that are not white space, and the share of
those characters that sit in long machine-made tokens, strings of more than ``LONG_TOKEN``
characters that mix letters with digits or symbols (``aGVsbG8gd29y…``, ``function(e){return``).
A word of prose, however long, is letters; a long run of Chinese is letters and punctuation.
"""

from __future__ import annotations

import re

from newsdesk.errors import NotNewsText

# Below this share of letters, a text is not prose (prose: 0.75 to 0.9; random bytes as
# cp1252: about 0.45; base64: 0.75, but all in machine tokens).
MIN_LETTER_SHARE = 0.5
# Above this share of characters in machine-made tokens, a text is not prose.
MAX_MACHINE_SHARE = 0.5
LONG_TOKEN = 30
# Texts this short are left to the language detector and the reader; only a sample of a long
# one is measured.
MIN_CHARS = 200
SAMPLE_CHARS = 100_000
_TOKEN = re.compile(r"\S+")
_UNSPACED = (
    (0x0E00, 0x0EFF),  # Thai, Lao
    (0x1000, 0x109F),  # Myanmar
    (0x1780, 0x17FF),  # Khmer
    (0x2E80, 0x9FFF),  # CJK radicals, punctuation, kana, ideographs
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFF00, 0xFFEF),  # full-width forms
    (0x20000, 0x3FFFF),  # CJK extensions
)


def _unspaced(c: str) -> bool:
    """A character of a script written without spaces between words (Chinese, Japanese,
    Thai, Lao, Khmer, Myanmar), or the punctuation of those texts."""
    point = ord(c)
    return any(lo <= point <= hi for lo, hi in _UNSPACED)


def _machine_made(token: str) -> bool:
    """A long token that is not a word: letters mixed with digits or symbols (URLs count: a
    text made of links is no article). A long run of a script written without spaces is a
    sentence, whatever digits and Latin names it holds."""
    if len(token) <= LONG_TOKEN:
        return False
    letters = sum(c.isalpha() for c in token)
    if letters == len(token):
        return False  # a long compound
    if sum(_unspaced(c) for c in token) * 2 > len(token):
        return False
    return letters < len(token) * 0.95 or any(c.isdigit() for c in token)


def prose_reason(text: str) -> str | None:
    """Why ``text`` is not a news text, or None when it reads as prose.

    >>> prose_reason("Le conseil municipal a voté le budget mardi soir. " * 10) is None
    True
    >>> prose_reason("QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xt" * 20)
    'machine-made text (100% of it in long tokens mixing letters, digits and symbols)'
    """
    sample = text[:SAMPLE_CHARS]
    visible = len(sample) - sum(c.isspace() for c in sample)
    if visible < MIN_CHARS:
        return None
    letters = sum(c.isalpha() for c in sample)
    if letters < visible * MIN_LETTER_SHARE:
        return f"too few letters for prose ({letters / visible:.0%} of the characters)"
    machine = sum(len(t) for t in _TOKEN.findall(sample) if _machine_made(t))
    if machine > visible * MAX_MACHINE_SHARE:
        share = machine / visible
        return (
            f"machine-made text ({share:.0%} of it in long tokens mixing letters, digits "
            "and symbols)"
        )
    return None


def refuse_non_prose(text: str) -> None:
    """Raise ``NotNewsText`` when ``text`` is not prose (see ``prose_reason``)."""
    reason = prose_reason(text)
    if reason is not None:
        raise NotNewsText(f"not a news text: {reason}")
