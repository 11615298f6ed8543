"""Datelines: short lines that are essentially a date, read into ISO 8601.

A line is a dateline only when every word in it belongs to a date: a prefix saying which date it
is (``Publié le``, ``Updated:``), a weekday, a month name or abbreviation from the language files,
numbers, a time, a time zone, or small joining words. One unknown word and the line is prose.
The time zone is read past, never applied: ``published`` is the outlet's naive local time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from newsdesk.extract.textdump_data import date_vocab, fold, limits

__all__ = ["Dateline", "parse_dateline", "read_dateline"]


@dataclass(frozen=True)
class Dateline:
    """What one dateline said: the publication date (or an unlabelled date) and the update date."""

    published: str | None
    updated: str | None
    # The published date came with a word saying so ("Publié le"), not as a bare date.
    stated: bool = False


@cache
def _tokens() -> re.Pattern[str]:
    vocab = date_vocab()
    ampm = "|".join(re.escape(marker) for marker in vocab.am + vocab.pm)
    return re.compile(
        rf"""
        (?P<iso>(?P<iy>\d{{4}})-(?P<im>\d{{1,2}})-(?P<id>\d{{1,2}})
            (?:(?:t|\s+)(?P<ih>\d{{1,2}}):(?P<imi>\d{{2}})(?::(?P<is>\d{{2}})(?:[.,]\d+)?)?z?)?
        )(?!\d)
        |(?P<ymd>(?P<yy>\d{{4}})[./](?P<ym>\d{{1,2}})[./](?P<yd>\d{{1,2}}))(?!\d)
        |(?P<dmy>(?P<da>\d{{1,2}})(?P<dsep>[./-])(?P<db>\d{{1,2}})(?P=dsep)(?P<dy>\d{{4}}|\d{{2}}))(?!\d)
        |(?P<time>(?P<th>\d{{1,2}})
            (?::(?P<tm>\d{{2}})(?::(?P<ts>\d{{2}}))?|\s?h\s?(?P<thm>\d{{2}})|\s?h(?![^\W\d_]))
            (?:\s?(?P<tap>{ampm})(?![^\W\d_]))?
        )(?!\d)
        |(?P<hour>(?P<hh>\d{{1,2}})\s?(?P<hap>{ampm})(?![^\W\d_]))
        |(?P<offset>[+-]\d{{2}}:?\d{{2}}|[+-]\d{{1,2}})(?!\d)
        |(?P<number>(?P<num>\d+)(?P<suffix>[^\W\d_]{{1,3}}|°)?)(?![^\W\d_])
        |(?P<word>[^\W\d_]+(?:-[^\W\d_]+)*)
        |(?P<punct>[^\w\s])
        |(?P<space>\s+)
        |(?P<other>.)
        """,
        re.VERBOSE,
    )


@dataclass
class _Group:
    """The parts of one date in a line; a prefix word starts a new group."""

    kind: str | None = None
    numeric: tuple[int, int, int] | None = None
    months: list[int] = field(default_factory=list)
    either: list[int] = field(default_factory=list)  # month-or-weekday words
    days: list[int] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    times: list[tuple[int, int, int]] = field(default_factory=list)
    ampm: list[str] = field(default_factory=list)

    def empty(self) -> bool:
        return not (
            self.numeric or self.months or self.either or self.days or self.years or self.times
        )


def _full_year(value: int) -> int:
    # Two-digit years only occur in numeric dates ("05/04/22"); news archives start in the 1970s.
    if value >= 100:
        return value
    return 2000 + value if value < 70 else 1900 + value


def _day_month(first: int, second: int) -> tuple[int, int] | None:
    """Day first unless impossible (``04/25/2022``)."""
    if first <= 31 and 1 <= second <= 12:
        return first, second
    if 1 <= first <= 12 and second <= 31:
        return second, first
    return None


def _numeric_date(match: re.Match[str]) -> tuple[int, int, int] | None:
    if match.group("iso"):
        return int(match["iy"]), int(match["im"]), int(match["id"])
    if match.group("ymd"):
        return int(match["yy"]), int(match["ym"]), int(match["yd"])
    order = _day_month(int(match["da"]), int(match["db"]))
    if order is None:
        return None
    return _full_year(int(match["dy"])), order[1], order[0]


def _time(match: re.Match[str]) -> tuple[tuple[int, int, int], str | None]:
    if match.group("iso"):
        return (int(match["ih"]), int(match["imi"]), int(match["is"] or 0)), None
    if match.group("hour"):
        return (int(match["hh"]), 0, 0), match["hap"]
    minutes = match["tm"] or match["thm"] or "0"
    return (int(match["th"]), int(minutes), int(match["ts"] or 0)), match["tap"]


def _clock(time: tuple[int, int, int], ampm: str | None) -> tuple[int, int, int] | None:
    hour, minute, second = time
    if ampm is not None:
        if not 1 <= hour <= 12:
            return time if ampm in date_vocab().pm and 12 < hour < 24 else None
        if ampm in date_vocab().pm:
            hour = hour % 12 + 12
        else:
            hour %= 12
    if hour > 23 or minute > 59 or second > 59:
        return None
    return hour, minute, second


def _groups(folded: str) -> list[_Group] | None:
    """Split a folded line into date groups, or None when a token belongs to no date."""
    vocab = date_vocab()
    tokens = [m for m in _tokens().finditer(folded) if m.lastgroup != "space"]
    groups = [_Group()]
    i = 0
    while i < len(tokens):
        match, group = tokens[i], groups[-1]
        kind = match.lastgroup
        i += 1
        if kind == "word":
            role, width = _phrase(tokens, i - 1)
            if role is not None:
                i += width - 1
                if role in ("published", "updated"):
                    if not group.empty():
                        groups.append(_Group(kind=role))
                    else:
                        group.kind = role
                continue
            word = match.group()
            if word in vocab.months:
                group.months.append(vocab.months[word])
            elif word in vocab.month_or_weekday:
                group.either.append(vocab.month_or_weekday[word])
            elif word not in vocab.weekdays:
                return None
        elif kind in ("iso", "ymd", "dmy"):
            numeric = _numeric_date(match)
            if numeric is None or group.numeric is not None:
                return None
            group.numeric = numeric
            if match.group("iso") and match.group("ih"):
                clock, _ = _time(match)
                group.times.append(clock)
                group.ampm.append("")
        elif kind in ("time", "hour"):
            clock, ampm = _time(match)
            group.times.append(clock)
            group.ampm.append(ampm or "")
        elif kind == "number":
            digits, suffix = match["num"], match["suffix"]
            if len(digits) == 4 and not suffix:
                group.years.append(int(digits))
            elif len(digits) <= 2 and (not suffix or suffix in vocab.ordinals):
                group.days.append(int(digits))
            else:
                return None
        elif kind == "other":
            return None
        # Punctuation and numeric zone offsets ("+02:00") carry nothing: read past them.
    return groups


def _phrase(tokens: list[re.Match[str]], start: int) -> tuple[str | None, int]:
    """The longest dateline phrase (prefix, zone, filler) starting at ``tokens[start]``."""
    phrases = date_vocab().phrases
    for width in range(date_vocab().longest_phrase, 0, -1):
        window = tokens[start : start + width]
        if len(window) == width and all(m.lastgroup == "word" for m in window):
            role = phrases.get(tuple(m.group() for m in window))
            if role is not None:
                return role, width
    return None, 0


_Day = tuple[int, int, int]


def _value(group: _Group, previous: _Day | None) -> tuple[str, _Day] | None:
    bounds = limits()
    if group.numeric is not None:
        if group.months or group.either or group.days or group.years:
            return None
        year, month, day = group.numeric
    elif not (group.months or group.either or group.days or group.years):
        # "Mis à jour à 18h00" after a full date: the same day.
        if not group.times or previous is None:
            return None
        year, month, day = previous
    else:
        months = group.months or sorted(set(group.either))
        if len(months) != 1 or len(group.days) != 1 or len(group.years) != 1:
            return None
        year, month, day = group.years[0], months[0], group.days[0]
    if not bounds.year_min <= year <= bounds.year_max:
        return None
    try:
        found = date(year, month, day)
    except ValueError:
        return None
    if not group.times:
        return found.isoformat(), (year, month, day)
    if len(group.times) > 1:
        return None
    clock = _clock(group.times[0], group.ampm[0] or None)
    if clock is None:
        return None
    return f"{found.isoformat()}T{clock[0]:02d}:{clock[1]:02d}:{clock[2]:02d}", (year, month, day)


def read_dateline(line: str) -> Dateline | None:
    """The dates a short line states, or None when the line is not essentially a date.

    >>> read_dateline("Publié le 05/04/2022 à 16h43, mis à jour le 06/04/2022 à 08h00")
    Dateline(published='2022-04-05T16:43:00', updated='2022-04-06T08:00:00', stated=True)
    """
    if len(line) > limits().dateline_max_chars or not any(ch.isdigit() for ch in line):
        return None
    groups = _groups(fold(line))
    if groups is None:
        return None
    published: str | None = None
    updated: str | None = None
    stated = False
    previous: _Day | None = None
    for group in groups:
        found = _value(group, previous)
        if found is None:
            return None
        value, previous = found
        if group.kind == "updated":
            updated = updated or value
        elif published is None:
            published, stated = value, group.kind == "published"
    return Dateline(published=published, updated=updated, stated=stated)


def parse_dateline(line: str) -> str | None:
    """The date a dateline line gives, as ISO 8601; None when the line is not a dateline.

    The publication date wins over an update date on the same line; the time zone is dropped.

    >>> parse_dateline("Mardi 05 Avril 2022 16:43")
    '2022-04-05T16:43:00'
    >>> parse_dateline("Apr 5, 2022 4:43 PM GMT")
    '2022-04-05T16:43:00'
    >>> parse_dateline("Il a parlé le 5 avril 2022.") is None
    True
    """
    found = read_dateline(line)
    if found is None:
        return None
    return found.published or found.updated
