"""Temporal expressions: spans found by per-language patterns, values normalized TIMEX3-style.

Values are anchored on the article's publication date: ``mardi`` in an article of Tuesday
2022-04-05 is ``2022-04-05``, ``mercredi et jeudi`` the interval ``2022-04-06/2022-04-07``,
``la semaine prochaine`` the ISO week ``2022-W15``, ``trois semaines`` the duration ``P3W``,
``chaque mardi`` the set ``XXXX-WXX-2``; vague periods get the TIMEX3 references
``FUTURE_REF`` (``dans les semaines à venir``), ``PAST_REF`` (``récemment``) and
``PRESENT_REF`` (``actuellement``), never a made-up day. Without a publication date, relative
expressions keep their text and type with no value; absolute ones (``5 avril 2022``, ``2014``)
keep theirs.

Spans: a preposition that only signals the relation (``depuis 2014``, ``pendant deux ans``,
``in March``) stays outside the expression, so ``depuis 2014`` gives ``2014``; determiners and
modifiers that change the period stay inside (``le 12 mars``, ``la semaine prochaine``, ``fin
2021``, ``early March``), and so do words that carry the offset (``il y a trois jours``,
``two weeks ago``).

A bare weekday or month is placed before or after the publication day from the nearest tense
cue of its sentence (``a déclaré mardi``, ``will meet on Friday``, ``devaient se réunir``),
else on the nearest such day; the weekday of publication is the publication day. A time joins
the day written just before it (``mardi à 16h``) or falls on the publication day.

A number is a year only from 1000 to 2100 and with a preposition, a modifier or a month
(``en 2014``, ``since 2014``, ``fin 2021``, ``mars 2021``), and not before a counted noun
(``2014 soldats``). English month and day names count only capitalised, and a month alone only
with a preposition, a day or a year (``may``, ``Theresa May``, ``march`` are no months); a
capitalised French month in mid-sentence with no year is a name (``Mars``).

Every pattern and word list is data (``data/dates_<lang>.toml``). Matches in an order the rules
cannot read (``avril 5 2022``) are the only ones handed to ``dateparser``, which is slow. The
rules run only on the stretches of text around digits and date words, each rule where a word it
needs is, so the cost follows how many dates an article holds rather than its length.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import datetime
from functools import lru_cache

from spacy.tokens import Doc

from newsdesk.analyze.daterules import DateRules, Rule, rules_for
from newsdesk.analyze.datevalues import VALUES, Context, Found
from newsdesk.records import Analysis, DateExpression

# What may stand between a day and the time that joins it: "mardi à 16h", "Tuesday at 10 a.m.".
_JOIN = re.compile(r"[ \t\u00a0\u202f,]*(?:(?:à|vers|at|around|dès|from)[ \t\u00a0\u202f]+)?\Z")
# Rules run only on the text around a trigger (a digit or a word of the tables): this far on
# each side, widened to whole words. No expression reaches further from all of its words.
WINDOW_CHARS = 40
_PUNCTUATION = '.,;:!?"«»()[]{}/–—…“”'
_NAME_GROUPS = ("weekday", "weekday2", "month")

# --- finding ---------------------------------------------------------------------------------


def publication_base(published: str | None) -> datetime | None:
    """The publication date as a naive datetime (the outlet's local time), or None."""
    if not published:
        return None
    try:
        return datetime.fromisoformat(published.strip().replace("Z", "+00:00")).replace(tzinfo=None)
    except ValueError:
        return None


def _lower(text: str) -> str:
    """``text`` in lower case, character for character (offsets stay valid)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


@lru_cache(maxsize=256)
def _trigger_pattern(words: frozenset[str]) -> re.Pattern[str]:
    # No word boundaries: a bare alternation of literals is scanned fast, and a trigger inside a
    # longer word only costs a window more.
    words_first = sorted(words, key=len, reverse=True)
    return re.compile("|".join([r"\d+", *(re.escape(w) for w in words_first)]))


_Window = tuple[int, int, frozenset[str]]
_SPACE = re.compile(r"\s")
_BAD_YEAR = re.compile(r"-|\d{5}|\d{1,3}-|0000")


class _WordEdges:
    """Where the white space of a text is, to widen a stretch to whole words in logarithmic
    time: a text with one long token (20 KB of digits) would otherwise be scanned to its ends
    once per trigger."""

    def __init__(self, text: str) -> None:
        self._spaces = [m.start() for m in _SPACE.finditer(text)]
        self._length = len(text)

    def widened(self, lo: int, hi: int) -> tuple[int, int]:
        """``lo`` moved back to the start of its word, ``hi`` on to the end of its word."""
        before = bisect_left(self._spaces, lo) - 1  # the last space before ``lo``
        start = self._spaces[before] + 1 if before >= 0 else 0
        after = bisect_left(self._spaces, hi)  # the first space at or after ``hi``
        end = self._spaces[after] if after < len(self._spaces) else self._length
        return start, end


class _Vetoed:
    """The spans of veto matches (in order, never overlapping), asked about in log time."""

    def __init__(self, matches: Iterable[re.Match[str]]) -> None:
        spans = [m.span() for m in matches]
        self._starts = [s for s, _ in spans]
        self._ends = [e for _, e in spans]

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_left(self._starts, end) - 1  # the last veto starting before ``end``
        return i >= 0 and self._ends[i] > start


class _Taken:
    """Non-overlapping spans kept in start order: checking and adding one costs a binary
    search, not a look at every span already taken."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._spans: list[tuple[int, int, tuple[Rule, re.Match[str]]]] = []

    def add(self, start: int, end: int, what: tuple[Rule, re.Match[str]]) -> bool:
        """Keep ``[start, end)`` unless it overlaps a span already kept."""
        i = bisect_left(self._starts, start)
        if i < len(self._spans) and self._spans[i][0] < end:
            return False  # the next span starts inside this one
        if i > 0 and self._spans[i - 1][1] > start:
            return False  # the previous span runs into this one
        self._starts.insert(i, start)
        self._spans.insert(i, (start, end, what))
        return True

    def in_order(self) -> Iterator[tuple[Rule, re.Match[str]]]:
        return (what for _, _, what in self._spans)


def _windows(low: str, rules: DateRules) -> list[_Window]:
    """The stretches of ``low`` the rules run on, around digits and the words of the tables,
    with the kinds of trigger each holds."""
    present: set[str] = set()
    for token in set(low.replace("'", " ").replace("’", " ").replace("-", " ").split()):
        token = token.strip(_PUNCTUATION)
        if token in rules.triggers:
            present.add(token)
        elif token[-1:] == "s" and token[:-1] in rules.triggers:  # lundis, Mondays
            present.add(token[:-1])
    windows: list[tuple[int, int, set[str]]] = []
    edges = _WordEdges(low)
    for m in _trigger_pattern(frozenset(present)).finditer(low):
        kinds = {"digit"} if m[0][0].isdigit() else rules.triggers[m[0]]
        lo, hi = max(0, m.start() - WINDOW_CHARS), min(len(low), m.end() + WINDOW_CHARS)
        lo, hi = edges.widened(lo, hi)
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], hi, windows[-1][2] | kinds)
        else:
            windows.append((lo, hi, set(kinds)))
    return [(lo, hi, frozenset(kinds)) for lo, hi, kinds in windows]


def _candidates(
    text: str, low: str, rules: DateRules, windows: list[_Window]
) -> Iterator[tuple[int, int, Rule, re.Match[str]]]:
    """The matches of the rules in ``windows`` of the lower-cased text (a rule runs where one
    of the triggers it needs is), vetoes and lower-case names (when the language capitalises
    them) left out."""
    for lo, hi, kinds in windows:
        vetoed = _Vetoed(rules.veto.finditer(text, lo, hi) if rules.veto else ())
        for rule in rules.rules:
            if rule.needs and rule.needs.isdisjoint(kinds):
                continue
            for m in rule.pattern.finditer(low, lo, hi):
                start, end = m.span("t") if "t" in m.re.groupindex and m["t"] else m.span()
                if start >= end or vetoed.overlaps(start, end):
                    continue
                if rules.names_case_sensitive and not _capitalised(text, m):
                    continue
                yield start, end, rule, m


def _capitalised(text: str, m: re.Match[str]) -> bool:
    return all(
        text[m.start(g)].isupper()
        for g in _NAME_GROUPS
        if g in m.re.groupindex and m.start(g) != -1
    )


def _span(found: Found, m: re.Match[str]) -> Found:
    start, end = m.span("t") if "t" in m.re.groupindex and m["t"] else m.span()
    return replace(found, start=start, end=end)


def _join_times(text: str, found: list[Found]) -> list[Found]:
    """A time right after a day becomes one expression on that day; a time that only makes
    sense after a day (a bare ``16:43``) is dropped without one."""
    joined: list[Found] = []
    for item in found:
        previous = joined[-1] if joined else None
        if (
            item.clock is not None
            and previous is not None
            and previous.type == "DATE"
            and (previous.day is not None or previous.value is None)
            and _JOIN.match(text, previous.end, item.start)
        ):
            value = f"{previous.day}T{item.clock}" if previous.day else None
            joined[-1] = Found(previous.start, item.end, "TIME", value, clock=item.clock)
        elif not item.attach:
            joined.append(item)
    return joined


def find_dates(
    text: str, language: str | None, published: str | None
) -> tuple[DateExpression, ...]:
    """The temporal expressions of ``text``, valued relative to ``published`` (ISO text).

    >>> [(d.text, d.value) for d in find_dates("Ils se réuniront mercredi et jeudi.", "fr",
    ...                                        "2022-04-05T16:43:00")]
    [('mercredi et jeudi', '2022-04-06/2022-04-07')]
    """
    rules = rules_for(language)
    if rules is None or not text:
        return ()
    return _find(text, rules, publication_base(published), _windows(_lower(text), rules))


def _find(
    text: str, rules: DateRules, base: datetime | None, windows: list[_Window]
) -> tuple[DateExpression, ...]:
    ctx = Context(text, rules, base)
    ranked = sorted(
        _candidates(text, _lower(text), rules, windows),
        key=lambda c: (-c[2].tier, c[0] - c[1], c[0]),
    )  # higher tier, then longer, then earlier
    taken = _Taken()
    for start, end, rule, m in ranked:
        taken.add(start, end, (rule, m))
    found = []
    for rule, m in taken.in_order():
        try:
            value = VALUES[rule.kind](ctx, m, rule)
        except (OverflowError, ValueError):
            continue  # a day beyond the calendar (year 0 or 10000) counted from the base
        if value is not None and _representable(value.value):
            found.append(_span(value, m))
    return tuple(
        DateExpression(text[f.start : f.end], f.start, f.end, f.value, f.type)
        for f in _join_times(text, found)
    )


def _representable(value: str | None) -> bool:
    """Whether a value stays within the years ISO 8601 writes with four digits (0001 to
    9999), which counting from a publication date near either end can leave: ``-2``,
    ``14999``, ``1-W02`` are not; decades and centuries (``196``, ``19``) are."""
    return value is None or not any(_BAD_YEAR.match(part) for part in value.split("/"))


class DateFinder:
    """The dates component: the article's temporal expressions, from its text alone."""

    name = "dates"
    requires: frozenset[str] = frozenset()

    def __call__(self, doc: Doc, analysis: Analysis) -> Analysis:
        """``analysis`` with the dates of its article (``doc`` is not read)."""
        article = analysis.article
        # Relative dates are read from the publication day; a page that only says when it
        # was last changed is read from that day.
        anchor = article.published or article.modified
        return replace(analysis, dates=find_dates(article.text, article.language, anchor))
