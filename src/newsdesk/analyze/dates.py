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
from collections.abc import Iterator
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
    for m in _trigger_pattern(frozenset(present)).finditer(low):
        kinds = {"digit"} if m[0][0].isdigit() else rules.triggers[m[0]]
        lo, hi = max(0, m.start() - WINDOW_CHARS), min(len(low), m.end() + WINDOW_CHARS)
        while lo > 0 and not low[lo - 1].isspace():
            lo -= 1
        while hi < len(low) and not low[hi].isspace():
            hi += 1
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
        vetoed = [m.span() for m in rules.veto.finditer(text, lo, hi)] if rules.veto else []
        for rule in rules.rules:
            if rule.needs and rule.needs.isdisjoint(kinds):
                continue
            for m in rule.pattern.finditer(low, lo, hi):
                start, end = m.span("t") if "t" in m.re.groupindex and m["t"] else m.span()
                if start >= end or any(s < end and start < e for s, e in vetoed):
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
    taken: list[tuple[int, int, Rule, re.Match[str]]] = []
    for start, end, rule, m in ranked:
        if not any(s < end and start < e for s, e, _, _ in taken):
            taken.append((start, end, rule, m))
    found = []
    for _, _, rule, m in sorted(taken, key=lambda c: c[0]):
        value = VALUES[rule.kind](ctx, m, rule)
        if value is not None:
            found.append(_span(value, m))
    return tuple(
        DateExpression(text[f.start : f.end], f.start, f.end, f.value, f.type)
        for f in _join_times(text, found)
    )


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
