"""Quotation marks paired into quoted spans, and sentences that never cut through a quotation.

Marks come in three families: French guillemets (``« »``), double quotes (``" “ ” „ ‟`` and two
ASCII apostrophes ``''``, which scraped and typed text mix and mis-pair freely) and single angle
quotes (``‹ ›``). Directional marks open or close; the ambiguous ones (``"``, and ``“ ”`` used
the German or Swedish way) are read from their surroundings — a mark with a space before and a
letter after opens — and, when both sides look alike (``" équipement … avancés "``), by whether a
quotation is open. One quotation of another family may nest inside (``« … "…" … »``), and so
may one of the same family whose mark, like the outer one's, only opens (``“ … “hell” … ”``,
``"… the question: “Do you …?” Forty-three …"``).

A quotation left open at the end of a paragraph continues into the next paragraph when that one
opens with a mark of the same family (the French and English habit for quotations of several
paragraphs): the pieces share a ``group``. Left open otherwise, it is kept to the paragraph's end
only when its mark opened the paragraph or followed a colon; elsewhere it is a stray mark.

Single quotes (``‘ ’ '``) are never read as quotation marks: ``’`` is the French apostrophe.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

_MARK = re.compile(r"''|[«»„‹›\"“”‟]")
_FAMILY = {"«": "fr", "»": "fr", "‹": "aq", "›": "aq"}
_OPENING_CONTEXT = "([{—–-:/«‹„\u2026"
_CLOSING_CONTEXT = ".,;:!?)]}»›\u2026"
_PADDING = " \t\u00a0\u202f\u2009\u2007"
# A line of dialogue: a dash opening the paragraph, then the words said.
_DIALOGUE = re.compile(r"[ \t\u00a0\u202f]*[—–][ \t\u00a0\u202f]+(?=\w)")
# Longest quotation read from one pair of marks; longer means marks were lost or mis-paired.
MAX_QUOTE_CHARS = 4000


@dataclass(frozen=True)
class Word:
    """A word of the text (letters, with inner apostrophes and hyphens), with its lower case."""

    start: int
    end: int
    text: str
    lower: str


WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*(?:-[^\W\d_]+)*")


def words(text: str) -> list[Word]:
    """The words of ``text`` in order."""
    return [Word(m.start(), m.end(), m.group(), m.group().lower()) for m in WORD.finditer(text)]


def word_ending(words: Sequence[Word], end: int) -> int | None:
    """Index of the word that ends at ``end``, if one does."""
    i = bisect_left(words, end, key=lambda w: w.end)
    return i if i < len(words) and words[i].end == end else None


def word_from(words: Sequence[Word], pos: int) -> int | None:
    """Index of the first word starting at or after ``pos``, if any."""
    i = bisect_left(words, pos, key=lambda w: w.start)
    return i if i < len(words) else None


@dataclass(frozen=True)
class QuotedSpan:
    """One quoted stretch of one paragraph.

    ``start``/``end`` bound the content (no marks, no padding spaces); ``open``/``close`` bound
    it with its marks (``close`` is ``end`` when the quotation runs on past its paragraph).
    """

    open: int
    start: int
    end: int
    close: int
    group: int  # pieces of one quotation running over several paragraphs share a group
    closed: bool
    inner: tuple[tuple[int, int], ...] = ()  # nested quotations, with their marks
    dash: bool = False  # a line of dialogue opened by a dash, not by a quotation mark


class Spans(Sequence[QuotedSpan]):
    """Quoted spans in text order (they never overlap), with lookups by position in log time."""

    def __init__(self, spans: Sequence[QuotedSpan]) -> None:
        self._spans = sorted(spans, key=lambda s: s.open)
        self._opens = [s.open for s in self._spans]
        self._closes = [s.close for s in self._spans]

    def __len__(self) -> int:
        return len(self._spans)

    def __getitem__(self, index: int) -> QuotedSpan:  # type: ignore[override]
        return self._spans[index]

    def __iter__(self) -> Iterator[QuotedSpan]:
        return iter(self._spans)

    def containing(self, pos: int) -> QuotedSpan | None:
        """The span whose marks enclose ``pos`` (``open <= pos < close``)."""
        i = bisect_right(self._opens, pos) - 1
        return self._spans[i] if i >= 0 and pos < self._spans[i].close else None

    def first_from(self, pos: int) -> QuotedSpan | None:
        """The first span opening at or after ``pos``."""
        i = bisect_left(self._opens, pos)
        return self._spans[i] if i < len(self._spans) else None

    def last_closing_by(self, end: int) -> QuotedSpan | None:
        """The last span closing at or before ``end``."""
        i = bisect_right(self._closes, end) - 1
        return self._spans[i] if i >= 0 else None

    def overlapping(self, start: int, end: int) -> list[QuotedSpan]:
        """The spans that share a character with ``[start, end)``."""
        i = max(0, bisect_right(self._opens, start) - 1)
        found = []
        while i < len(self._spans) and self._spans[i].open < end:
            if self._spans[i].close > start:
                found.append(self._spans[i])
            i += 1
        return found


@dataclass(frozen=True)
class _Mark:
    start: int
    end: int
    family: str
    can_open: bool
    can_close: bool


def _classify(text: str, match: re.Match[str]) -> _Mark:
    mark, i, j = match.group(), match.start(), match.end()
    family = _FAMILY.get(mark, "dq")
    if mark in "«‹„":
        return _Mark(i, j, family, True, False)
    if mark in "»›":
        return _Mark(i, j, family, False, True)
    before = text[i - 1] if i > 0 else "\n"
    after = text[j] if j < len(text) else "\n"
    left_free = before.isspace() or before in _OPENING_CONTEXT
    right_free = after.isspace() or after in _CLOSING_CONTEXT or after in "\"”'"
    if mark == "“":  # opens, except glued to the end of a word (German closing)
        return _Mark(i, j, family, True, not left_free and right_free)
    if mark == "”":  # closes, except glued to the start of a word (Swedish, or mis-typed)
        return _Mark(i, j, family, left_free and not right_free, True)
    if left_free and not right_free:
        return _Mark(i, j, family, True, False)
    if right_free and not left_free:
        return _Mark(i, j, family, False, True)
    return _Mark(i, j, family, True, True)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line of ``text``; a line break ends a paragraph."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]


def _content(text: str, start: int, end: int) -> tuple[int, int]:
    """``start``/``end`` moved past padding, and before a comma that closes the quotation
    (English ``"…," he said`` puts the sentence's comma inside the marks)."""
    while start < end and text[start] in _PADDING:
        start += 1
    while end > start and text[end - 1] in _PADDING + ",":
        end -= 1
    return start, end


def _opens_paragraph(text: str, para_start: int, mark_start: int) -> bool:
    lead = text[para_start:mark_start]
    return not lead.strip(_PADDING + "—–-•*") or lead.rstrip(_PADDING).endswith(":")


def _first_mark(text: str, start: int, end: int) -> _Mark | None:
    lead = start
    while lead < end and text[lead] in _PADDING + "—–-•*":
        lead += 1
    match = _MARK.match(text, lead)
    if match is None or match.start() >= end:
        return None
    return _classify(text, match)


def quoted_spans(text: str) -> Spans:
    """Every outer quotation of ``text``, in order.

    >>> text = 'Il a dit : « Oui "vraiment" ».'
    >>> [text[s.start : s.end] for s in quoted_spans(text)]
    ['Oui "vraiment"']
    >>> [(s.group, s.closed) for s in quoted_spans('« Un.\\n\\n« Deux », dit-il.')]
    [(0, False), (0, True)]
    """
    spans: list[QuotedSpan] = []
    group = 0
    carried: _Mark | None = None  # the opening mark of a quotation running on from a paragraph
    for para_start, para_end in paragraphs(text):
        dialogue = _DIALOGUE.match(text, para_start, para_end)
        if dialogue is not None and carried is None:
            start, end = _content(text, dialogue.end(), para_end)
            if end > start:
                spans.append(QuotedSpan(dialogue.start(), start, end, end, group, False, dash=True))
                group += 1
            continue
        marks = [_classify(text, m) for m in _MARK.finditer(text, para_start, para_end)]
        stack: list[_Mark] = []
        inner: list[tuple[int, int]] = []
        skip_first = False
        if carried is not None:
            first = _first_mark(text, para_start, para_end)
            if first is not None and first.family == carried.family and first.can_open:
                stack = [_Mark(first.start, first.end, first.family, True, False)]
                skip_first = True
            else:
                group += 1
            carried = None
        for index, mark in enumerate(marks):
            if skip_first and index == 0:
                continue
            if not stack:
                if mark.can_open:
                    stack.append(mark)
                continue
            outer, top = stack[0], stack[-1]
            if mark.family == top.family and mark.can_close:
                stack.pop()
                if stack:
                    inner.append((top.start, mark.end))
                    continue
            elif mark.family == outer.family and mark.can_close and len(stack) > 1:
                stack.clear()  # the nested quotation was never closed
            else:
                if (
                    mark.can_open
                    and len(stack) < 2
                    and (mark.family != top.family or _curly_opening(text, top, mark))
                ):
                    stack.append(mark)
                continue
            start, end = _content(text, outer.end, mark.start)
            if end > start and end - start <= MAX_QUOTE_CHARS:
                spans.append(
                    QuotedSpan(outer.start, start, end, mark.end, group, True, tuple(inner))
                )
            group += 1
            inner = []
        if stack:
            outer = stack[0]
            following = _next_paragraph(text, para_end)
            runs_on = following is not None and (
                (first := _first_mark(text, *following)) is not None
                and first.family == outer.family
                and first.can_open
            )
            start, end = _content(text, outer.end, para_end)
            keep = runs_on or _opens_paragraph(text, para_start, outer.start)
            if keep and end > start and end - start <= MAX_QUOTE_CHARS:
                spans.append(QuotedSpan(outer.start, start, end, end, group, False, tuple(inner)))
            if runs_on:
                carried = outer
            else:
                group += 1
    return Spans(spans)


def _curly_opening(text: str, top: _Mark, mark: _Mark) -> bool:
    """Whether ``mark`` opens a quotation nested in one of its own family: both can only open
    (``“ … “hell” … ”``, ``"… the question: “Do you …?” Forty-three …"``), so the first
    closing mark closes the inner one."""
    return not top.can_close and not mark.can_close


def _next_paragraph(text: str, after: int) -> tuple[int, int] | None:
    match = re.compile(r"[^\n]*\S[^\n]*").search(text, after)
    return (match.start(), match.end()) if match else None


# --- sentences ------------------------------------------------------------------------------

_END = re.compile(r"[.!?\u2026]+")
_CLOSERS = "»”\"'’)]›"


def sentences(
    text: str, spans: Sequence[QuotedSpan], abbreviations: frozenset[str] = frozenset()
) -> list[tuple[int, int]]:
    """(start, end) of each sentence: cut at line breaks and at sentence ends followed by a
    capital, a digit, a quotation mark or a dash; never inside a quotation (but after one whose
    last sentence ends inside its marks), never after an abbreviation (``M.``, ``Mr.``, a lone
    initial) listed in ``abbreviations`` (lower case, without the period).

    >>> text = "M. Dupont a parlé. « Non. Jamais », a-t-il dit. Fin"
    >>> [text[s:e] for s, e in sentences(text, quoted_spans(text), frozenset({"m"}))]
    ['M. Dupont a parlé.', '« Non. Jamais », a-t-il dit.', 'Fin']
    >>> text = "Il a parlé : « Non. Jamais. » Fin"
    >>> [text[s:e] for s, e in sentences(text, quoted_spans(text))]
    ['Il a parlé : « Non. Jamais. »', 'Fin']
    """
    inside = spans if isinstance(spans, Spans) else Spans(spans)
    result: list[tuple[int, int]] = []
    for para_start, para_end in paragraphs(text):
        start = para_start
        for match in _END.finditer(text, para_start, para_end):
            cut = match.end()
            enclosing = inside.containing(match.start())
            if enclosing is not None and enclosing.open < match.start():
                # A quotation ending with its sentence (« … plan. » Sa méthode …) ends it too.
                rest = text[match.end() : enclosing.close].strip(_PADDING + _CLOSERS)
                if not enclosing.closed or rest:
                    continue
                cut = enclosing.close
            while cut < para_end and text[cut] in _CLOSERS:
                cut += 1
            nxt = cut
            while nxt < para_end and text[nxt] in _PADDING:
                nxt += 1
            if nxt == cut or nxt >= para_end:
                continue
            following = text[nxt]
            if not (following.isupper() or following.isdigit() or following in '«"“„‹—–-'):
                continue
            if match.group() == "." and is_abbreviation(text, match.start(), abbreviations):
                continue
            result.append(_content(text, start, cut))
            start = nxt
        if text[start:para_end].strip():
            result.append(_content(text, start, para_end))
    return result


def is_abbreviation(text: str, period: int, abbreviations: frozenset[str]) -> bool:
    """Whether the period at ``period`` ends an abbreviation (``Mr.``, an initial), not a
    sentence."""
    word = re.search(r"[^\W\d_]+$", text[max(0, period - 12) : period])
    if word is None:
        return False
    token = word.group()
    return (len(token) == 1 and token.isupper()) or token.lower() in abbreviations
