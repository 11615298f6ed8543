"""Character pairs for searching Chinese, Japanese and Korean, the way Lucene's CJK analyzer does.

SQLite's ``unicode61`` tokenizer reads a whole run of Han, kana or Hangul as one token, so the
word a reader types (``津波``) never matches the sentence it sits in (``大津波警報``). Each run
is also indexed as its overlapping character pairs (``大津 津波 波警 警報``), and a query's run is
looked up as the phrase of its pairs: a two-character word is one pair, a longer one the pairs
in a row. FTS5's ``trigram`` tokenizer could not find two-character words, the commonest kind.
"""

from __future__ import annotations

import re

# Han (with extension A and compatibility ideographs), hiragana, katakana (and half-width
# katakana), Hangul syllables and jamo.
_RUN = re.compile(
    "[\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
    "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]+"
)


def has_cjk(text: str) -> bool:
    """Whether ``text`` has a character searched by pairs."""
    return _RUN.search(text) is not None


def pairs(run: str) -> list[str]:
    """The overlapping character pairs of one run; a one-character run is itself.

    >>> pairs("大津波"), pairs("津")
    (['大津', '津波'], ['津'])
    """
    return [run] if len(run) < 2 else [run[i : i + 2] for i in range(len(run) - 1)]


def grams(*texts: str | None) -> str:
    """The pairs of every run of the texts, space-separated, for the index's ``grams`` column.

    >>> grams("Alerte au 大津波警報", None)
    '大津 津波 波警 警報'
    """
    return " ".join(
        pair for text in texts if text for run in _RUN.findall(text) for pair in pairs(run)
    )


def split_term(text: str) -> tuple[list[str], list[str]]:
    """A query word cut into its runs of paired characters and the other pieces.

    >>> split_term("G7サミット")
    (['サミット'], ['G7'])
    """
    runs = _RUN.findall(text)
    others = [piece for piece in _RUN.split(text) if piece.strip()]
    return runs, others
