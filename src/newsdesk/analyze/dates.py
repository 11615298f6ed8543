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
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, Literal

from spacy.tokens import Doc

from newsdesk.records import Analysis, DateExpression

DATA = Path(__file__).parent / "data"
DateType = Literal["DATE", "TIME", "DURATION", "SET"]
_TYPES: tuple[DateType, ...] = ("DATE", "TIME", "DURATION", "SET")
_SPACE = r"[ \t\u00a0\u202f]+"
_APOSTROPHES = "['’]"
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
_WS = re.compile(r"\s+")
# What may stand between a day and the time that joins it: "mardi à 16h", "Tuesday at 10 a.m.".
_JOIN = re.compile(r"[ \t\u00a0\u202f,]*(?:(?:à|vers|at|around|dès|from)[ \t\u00a0\u202f]+)?\Z")
_SENTENCE_END = ".!?\n"
SENTENCE_CHARS = 400  # how far a tense cue is looked for on each side
# Rules run only on the text around a trigger (a digit or a word of the tables): this far on
# each side, widened to whole words. No expression reaches further from all of its words.
WINDOW_CHARS = 40
_SEPARATORS = str.maketrans({c: " " for c in ".,;:!?\"'’«»()[]{}/-–—…“”\u00a0\u202f"})
_PUNCTUATION = '.,;:!?"«»()[]{}/–—…“”'
_NAME_GROUPS = ("weekday", "weekday2", "month")


def _key(form: str) -> str:
    """The form words are looked up in: lower case, straight apostrophes, single spaces."""
    return _WS.sub(" ", form.replace("’", "'")).strip().lower()


@dataclass(frozen=True)
class Rule:
    """One pattern and how its match becomes a value (``kind``, see ``_VALUES``)."""

    kind: str
    type: DateType
    pattern: re.Pattern[str]
    tier: int = 1
    sign: int = 0
    value: str | None = None
    attach: bool = False  # kept only when it joins the day just before it
    # Kinds of trigger one of which every match holds (see _needs); empty: run everywhere.
    needs: frozenset[str] = frozenset()


@dataclass(frozen=True)
class DateRules:
    """The words and patterns of one language (read from ``data/dates_<lang>.toml``)."""

    language: str
    numeric_order: str
    names_case_sensitive: bool
    triggers: Mapping[str, frozenset[str]]  # trigger word -> the kinds of trigger it is
    words: Mapping[str, Mapping[str, Any]]
    rules: tuple[Rule, ...]
    future: re.Pattern[str]
    past: re.Pattern[str]
    clause: re.Pattern[str]
    veto: re.Pattern[str] | None

    @classmethod
    def from_toml(cls, path: Path, language: str) -> DateRules:
        """Rules from one data file."""
        with path.open("rb") as f:
            data = tomllib.load(f)
        return cls.from_data(data, language)

    @classmethod
    def from_data(cls, data: Mapping[str, Any], language: str) -> DateRules:
        """Rules from the parsed TOML tables (see ``data/dates_fr.toml`` for their meaning)."""
        options = data.get("options", {})
        tables = (
            "weekdays",
            "months",
            "numbers",
            "quantities",
            "units",
            "relative",
            "day_words",
            "times_of_day",
            "clock_words",
            "seasons",
        )
        words = {name: {_key(k): v for k, v in data.get(name, {}).items()} for name in tables}
        fills = {name: _alternation(data.get(name, {})) for name in tables}
        fills["weekday"], fills["month"] = fills["weekdays"], fills["months"]
        number_words = _alternation(data.get("numbers", {}))
        plural = _alternation({k: v for k, v in data.get("numbers", {}).items() if v != 1})
        fills["number"] = rf"(?:\d+(?:[.,]\d+)?|(?:{number_words})(?:-(?:et-)?(?:{number_words}))*)"
        fills["number_plural"] = (
            rf"(?:\d+(?:[.,]\d+)?|(?:{plural})(?:-(?:et-)?(?:{number_words}))*)"
        )
        for name, fragment in data.get("fragments", {}).items():
            fills[name] = _prepare(fragment, fills)
        rules = tuple(
            Rule(
                kind=r["kind"],
                type=_type(r["type"]),
                pattern=re.compile(rf"(?<!\w)(?:{_prepare(r['pattern'], fills)})(?!\w)"),
                tier=int(r.get("tier", 1)),
                sign=int(r.get("sign", 0)),
                value=r.get("value"),
                attach=bool(r.get("attach", False)),
                needs=frozenset(r["needs"]) if "needs" in r else _needs(r["pattern"]),
            )
            for r in data.get("rule", [])
        )
        tense = data.get("tense", {})
        vetoes = data.get("veto", {}).get("patterns", [])
        triggers: dict[str, set[str]] = {}
        phrases = [("word", w) for w in options.get("triggers", [])]
        phrases.extend((t, w) for t in _TRIGGER_TABLES for w in words[t])
        for kind, phrase in phrases:
            # The last word unless it is short (avant-hier: hier; week-end: week), so that
            # common words (avant) do not open windows.
            tokens = phrase.lower().translate(_SEPARATORS).split()
            token = tokens[-1] if len(tokens[-1]) > 3 else max(tokens, key=len)
            triggers.setdefault(token, set()).add(kind)
        return cls(
            language=language,
            numeric_order=options.get("numeric_order", "dmy"),
            names_case_sensitive=bool(options.get("names_case_sensitive", False)),
            triggers={token: frozenset(kinds) for token, kinds in triggers.items()},
            words=words,
            rules=rules,
            future=re.compile("|".join(_prepare(p, fills) for p in tense.get("future", [])), re.I),
            past=re.compile("|".join(_prepare(p, fills) for p in tense.get("past", [])), re.I),
            clause=re.compile(_prepare(tense.get("clause", r"[;:]"), fills), re.I),
            veto=re.compile("|".join(vetoes)) if vetoes else None,
        )


_TRIGGER_TABLES = (
    "weekdays",
    "months",
    "units",
    "day_words",
    "times_of_day",
    "clock_words",
    "seasons",
)
_PLACEHOLDER_NEEDS = {
    "weekday": "weekdays",
    "month": "months",
    **{table: table for table in _TRIGGER_TABLES},
    **dict.fromkeys(("day", "year", "hour", "minute", "number", "number_plural"), "digit"),
}


def _needs(pattern: str) -> frozenset[str]:
    """The kinds of trigger a rule's placeholders and digits stand for. A match holds one of
    them when one of these parts is not optional, as in every rule that does not say otherwise
    with ``needs`` (number words are no triggers, but a unit always follows them)."""
    needs = {
        _PLACEHOLDER_NEEDS[p] for p in _PLACEHOLDER.findall(pattern) if p in _PLACEHOLDER_NEEDS
    }
    return frozenset(needs | ({"digit"} if "\\d" in pattern else set()))


def _type(value: str) -> DateType:
    for known in _TYPES:
        if value == known:
            return known
    raise ValueError(f"date type {value!r} is not one of {', '.join(_TYPES)}")


def _alternation(forms: Mapping[str, Any]) -> str:
    """An alternation of ``forms`` in lower case, longest first, spaces and apostrophes loose."""
    escaped = (re.escape(f.lower()) for f in sorted(forms, key=len, reverse=True))
    return "|".join(e.replace("\\ ", _SPACE).replace("'", _APOSTROPHES) for e in escaped)


def _prepare(pattern: str, fills: Mapping[str, str]) -> str:
    """``pattern`` with loose spaces and apostrophes (outside [classes]), placeholders filled."""
    out, in_class, escaped = [], False, False
    for c in pattern:
        if escaped:
            out.append(c)
            escaped = False
        elif c == "\\":
            out.append(c)
            escaped = True
        elif in_class:
            in_class = c != "]"
            out.append(c)
        elif c == "[":
            in_class = True
            out.append(c)
        elif c == " ":
            out.append(f"(?:{_SPACE})")  # so that " ?" makes the whole run optional
        elif c == "'":
            out.append(_APOSTROPHES)
        else:
            out.append(c)

    def fill(m: re.Match[str]) -> str:
        if m[1] not in fills:
            raise ValueError(f"date pattern placeholder {{{m[1]}}} has no word list")
        return f"(?:{fills[m[1]]})"

    return _PLACEHOLDER.sub(fill, "".join(out))


@cache
def rules_for(language: str | None) -> DateRules | None:
    """The rules of ``language``, or None when it has no data file."""
    path = DATA / f"dates_{language}.toml"
    return DateRules.from_toml(path, language) if language and path.is_file() else None


# --- calendar helpers ------------------------------------------------------------------------


def _week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _add_months(year: int, month: int, n: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + n
    return index // 12, index % 12 + 1


def _pick(candidates: list[date], base: date, tense: int) -> date:
    """The candidate the tense points to: the latest not after ``base`` for the past, the
    earliest not before it for the future, else the nearest (the earlier on a tie)."""
    if tense < 0 and (before := [c for c in candidates if c <= base]):
        return max(before)
    if tense > 0 and (after := [c for c in candidates if c >= base]):
        return min(after)
    return min(candidates, key=lambda c: (abs((c - base).days), c))


def _number(text: str, rules: DateRules) -> float | None:
    """``trois`` -> 3, ``vingt-quatre`` -> 24, ``1,5`` -> 1.5; None for an unknown word."""
    flat = _key(text)
    if flat[:1].isdigit():
        return float(flat.replace(",", "."))
    if flat in rules.words["numbers"]:
        return float(rules.words["numbers"][flat])
    parts = [p for p in re.split(r"-(?:et-)?", flat) if p]
    numbers = rules.words["numbers"]
    if not parts or any(p not in numbers for p in parts):
        return None
    return float(sum(int(numbers[p]) for p in parts))


def _amount(n: float) -> str:
    return str(int(n)) if n == int(n) else str(n)


def _duration(n: str, unit: str) -> str:
    if unit in ("H", "MIN", "S"):
        return f"PT{n}{'M' if unit == 'MIN' else unit}"
    return f"P{n}{unit}"


_ROMAN = {"I": 1, "V": 5, "X": 10}


def _century(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    total = 0
    for i, c in enumerate(text.upper()):
        value = _ROMAN.get(c, 0)
        nxt = _ROMAN.get(text.upper()[i + 1], 0) if i + 1 < len(text) else 0
        total += -value if value < nxt else value
    return total or None


# --- tense -----------------------------------------------------------------------------------


def _tense(text: str, start: int, end: int, rules: DateRules) -> int:
    """-1 when the nearest tense cue of the sentence around ``text[start:end]`` is a past,
    +1 when it is a future, 0 when the sentence has none. Cues in the same clause come first."""
    lo = max(text.rfind(c, max(0, start - SENTENCE_CHARS), start) for c in _SENTENCE_END)
    lo = max(lo + 1, start - SENTENCE_CHARS)
    ends = [i for c in _SENTENCE_END if (i := text.find(c, end, end + SENTENCE_CHARS)) != -1]
    hi = min(ends, default=min(len(text), end + SENTENCE_CHARS))
    best: tuple[int, int] | None = None
    futures = [m.span() for m in rules.future.finditer(text, lo, hi)]
    for sign, pattern in ((1, rules.future), (-1, rules.past)):
        for m in pattern.finditer(text, lo, hi):
            if m.start() < end and m.end() > start:
                continue
            if sign < 0 and any(s < m.end() and m.start() < e for s, e in futures):
                continue  # "will be released": the participle belongs to the future
            gap = (m.end(), start) if m.end() <= start else (end, m.start())
            distance = gap[1] - gap[0]
            if rules.clause.search(text, gap[0], gap[1]):
                distance += 10 * SENTENCE_CHARS
            if best is None or distance < best[0]:
                best = (distance, sign)
    return best[1] if best else 0


# --- values ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    type: DateType
    value: str | None
    day: date | None = None  # the day a day-long value names, for a time to join
    clock: str | None = None  # "16:43" or "EV" for a time
    attach: bool = False


@dataclass(frozen=True)
class _Context:
    text: str
    rules: DateRules
    base: datetime | None

    def word(self, table: str, m: re.Match[str], group: str) -> Any:
        found = m.group(group) if group in m.re.groupindex else None
        return None if found is None else self.rules.words[table].get(_key(found))

    def tense(self, m: re.Match[str]) -> int:
        return _tense(self.text, m.start(), m.end(), self.rules)


def _time_of_day(ctx: _Context, m: re.Match[str]) -> str | None:
    tod = ctx.word("times_of_day", m, "tod") or ctx.word("times_of_day", m, "tod2")
    return tod if isinstance(tod, str) else None


def _day_value(day: date, tod: str | None) -> tuple[DateType | None, str]:
    return ("TIME", f"{day.isoformat()}T{tod}") if tod else (None, day.isoformat())


def _date(ctx: _Context, m: re.Match[str], rule: Rule) -> _Found | None:
    day, month = int(re.sub(r"\D", "", m["day"])), ctx.word("months", m, "month")
    if month is None:
        month = int(m["month"])
    day2 = int(re.sub(r"\D", "", m["day2"])) if "day2" in m.re.groupindex and m["day2"] else None
    weekday = ctx.word("weekdays", m, "weekday")
    try:
        if m["year"]:
            years = [int(m["year"])]
        elif ctx.base is None:
            date(2000, month, day)  # only checks the day exists (29 February included)
            return _Found(m.start(), m.end(), rule.type, None)
        else:
            years = [ctx.base.year - 1, ctx.base.year, ctx.base.year + 1]
        candidates = [date(y, month, day) for y in years if _valid(y, month, day)]
        if weekday and (same := [c for c in candidates if c.isoweekday() == weekday]):
            candidates = same
        if not candidates:
            return None
        base = ctx.base.date() if ctx.base else candidates[0]
        rel = ctx.word("relative", m, "rel")
        first = _pick(candidates, base, rel if isinstance(rel, int) and rel else ctx.tense(m))
        if day2 is not None:
            last = date(first.year, month, day2)
            return (
                _Found(m.start(), m.end(), rule.type, f"{first}/{last}") if last > first else None
            )
    except ValueError:
        return None
    return _Found(m.start(), m.end(), rule.type, first.isoformat(), day=first)


def _valid(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _numeric(ctx: _Context, m: re.Match[str], rule: Rule) -> _Found | None:
    a, b, year = int(m["a"]), int(m["b"]), int(m["year"])
    day, month = (a, b) if ctx.rules.numeric_order == "dmy" else (b, a)
    if year < 100:
        year += 2000 if year < 70 else 1900
    if not _valid(year, month, day):
        return None
    found = date(year, month, day)
    return _Found(m.start(), m.end(), rule.type, found.isoformat(), day=found)


def _month(ctx: _Context, m: re.Match[str], rule: Rule) -> _Found | None:
    month = ctx.word("months", m, "month")
    if year_text := m.groupdict().get("year"):
        return _Found(m.start(), m.end(), rule.type, f"{int(year_text):04d}-{month:02d}")
    if ctx.base is None:
        return _Found(m.start(), m.end(), rule.type, None)
    rel = ctx.word("relative", m, "rel")
    tense = rel if isinstance(rel, int) and rel else ctx.tense(m)
    current = date(ctx.base.year, ctx.base.month, 1)
    candidates = [date(ctx.base.year + d, month, 1) for d in (-1, 0, 1)]
    if rel:  # "mars dernier", "next March": never the current month
        candidates = [c for c in candidates if c != current]
    chosen = _pick(candidates, current, tense)
    return _Found(m.start(), m.end(), rule.type, f"{chosen.year:04d}-{chosen.month:02d}")


def _year(ctx: _Context, m: re.Match[str], rule: Rule) -> _Found | None:
    second = m["year2"] if "year2" in m.re.groupindex else None
    if second:
        return _Found(m.start(), m.end(), rule.type, f"{m['year']}/{second}")
    return _Found(m.start(), m.end(), rule.type, m["year"])


def _season(ctx: _Context, m: re.Match[str], rule: Rule) -> _Found | None:
    season = ctx.word("seasons", m, "season") or ctx.word("seasons", m, "season2")
    if year_text := m.groupdict().get("year"):
        return _Found(m.start(), m.end(), rule.type, f"{year_text}-{season}")
    if ctx.base is None:
        return _Found(m.start(), m.end(), rule.type, None)
    rel = ctx.word("relative", m, "rel")
    year = ctx.base.year + (rel if isinstance(rel, int) else 0)
    return _Found(m.start(), m.end(), rule.type, f"{year}-{season}")


def _decade(ctx: _Context, m: re.Match[str], rule: Rule) -> _Found | None:
    digits = m["decade"]
    year = int(digits) if len(digits) == 4 else 1900 + int(digits)
    return _Found(m.start(), m.end(), rule.type, str(year // 10))


def _century_value(ctx: _Context, m: re.Match[str], rule: Rule) -> _Found | None:
    number = _century(m["century"])
    if number is None or not 1 <= number <= 21:
        return None
    return _Found(m.start(), m.end(), rule.type, f"{number - 1:02d}")


def _weekday(ctx: _Context, m: re.Match[str], rule: Rule) -> _Found | None:
    if ctx.base is None:
        return _Found(m.start(), m.end(), "TIME" if _time_of_day(ctx, m) else rule.type, None)
    weekday = ctx.word("weekdays", m, "weekday")
    base = ctx.base.date()
    rel = ctx.word("relative", m, "rel2")
    if rel is None:
        rel = ctx.word("relative", m, "rel")
    ahead = (weekday - base.isoweekday()) % 7
    if rel == 1:
        offset = ahead or 7
    elif rel == -1:
        offset = ahead - 7
    else:
        offset = _pick([base + timedelta(ahead - 7), base + timedelta(ahead)], base, ctx.tense(m))
        offset = (offset - base).days
    first = base + timedelta(offset)
    second = ctx.word("weekdays", m, "weekday2")
    if second is not None:
        last = first + timedelta((second - weekday) % 7)
        return _Found(m.start(), m.end(), rule.type, f"{first}/{last}")
    kind, value = _day_value(first, _time_of_day(ctx, m))
    return _Found(m.start(), m.end(), kind or rule.type, value, day=None if kind else first)


def _day_word(ctx: _Context, m: re.Match[str], rule: Rule) -> _Found | None:
    if ctx.base is None:
        return _Found(m.start(), m.end(), "TIME" if _time_of_day(ctx, m) else rule.type, None)
    offset = ctx.word("day_words", m, "word")
    day = ctx.base.date() + timedelta(offset if isinstance(offset, int) else rule.sign)
    kind, value = _day_value(day, _time_of_day(ctx, m))
    return _Found(m.start(), m.end(), kind or rule.type, value, day=None if kind else day)


def _relative(ctx: _Context, m: re.Match[str], rule: Rule) -> _Found | None:
    if ctx.base is None:
        return _Found(m.start(), m.end(), rule.type, None)
    unit, rel, base = ctx.word("units", m, "unit"), ctx.word("relative", m, "rel"), ctx.base
    value = _shift(base, unit, int(rel or 0))
    return _Found(m.start(), m.end(), rule.type, value) if value else None


def _shift(base: datetime, unit: str, n: int) -> str | None:
    """The period ``n`` units from ``base``, at the unit's granularity."""
    if unit == "D":
        return (base.date() + timedelta(n)).isoformat()
    if unit in ("W", "WE"):
        week = _week(base.date() + timedelta(7 * n))
        return week + "-WE" if unit == "WE" else week
    if unit == "M":
        year, month = _add_months(base.year, base.month, n)
        return f"{year:04d}-{month:02d}"
    if unit in ("Y", "DE", "CE"):
        return str(base.year + n * {"Y": 1, "DE": 10, "CE": 100}[unit])
    if unit in ("H", "MIN"):
        moved = base + timedelta(hours=n) if unit == "H" else base + timedelta(minutes=n)
        return moved.strftime("%Y-%m-%dT%H:%M")
    return None


def _offset(ctx: _Context, m: re.Match[str], rule: Rule) -> _Found | None:
    if ctx.base is None:
        return _Found(m.start(), m.end(), rule.type, None)
    n, unit = _number(m["num"], ctx.rules), ctx.word("units", m, "unit")
    if n is None or n != int(n) or unit is None:
        return None
    value = _shift(ctx.base, unit, rule.sign * int(n))
    return _Found(m.start(), m.end(), rule.type, value) if value else None


def _quantity(ctx: _Context, m: re.Match[str]) -> str | None:
    text = m["num"] if "num" in m.re.groupindex else None
    if text is None:
        return "X"
    if ctx.word("quantities", m, "num"):
        return "X"
    n = _number(text, ctx.rules)
    return None if n is None else _amount(n)


def _duration_value(ctx: _Context, m: re.Match[str], rule: Rule) -> _Found | None:
    n, unit = _quantity(ctx, m), ctx.word("units", m, "unit")
    if n is None or unit is None:
        return None
    return _Found(m.start(), m.end(), rule.type, _duration(n, unit))


def _set(ctx: _Context, m: re.Match[str], rule: Rule) -> _Found | None:
    weekday = ctx.word("weekdays", m, "weekday")
    if weekday is None:
        weekday = ctx.word("weekdays", m, "weekday2")
    tod = _time_of_day(ctx, m)
    unit = ctx.word("units", m, "unit") or ctx.word("units", m, "unit2")
    if weekday is not None:
        value = f"XXXX-WXX-{weekday}" + (f"T{tod}" if tod else "")
    elif unit is not None:
        other = "num" in m.re.groupindex and m["num"] and _key(m["num"]) == "other"
        n = "2" if other else _quantity(ctx, m) if "num" in m.re.groupindex and m["num"] else "1"
        if n is None:
            return None
        value = _duration(n, unit)
    elif tod:
        value = f"XXXX-XX-XXT{tod}"
    else:
        return None
    return _Found(m.start(), m.end(), rule.type, value)


def _fixed(ctx: _Context, m: re.Match[str], rule: Rule) -> _Found | None:
    return _Found(m.start(), m.end(), rule.type, rule.value)


def _time(ctx: _Context, m: re.Match[str], rule: Rule) -> _Found | None:
    groups = m.groupdict()
    word = ctx.word("clock_words", m, "word")
    if isinstance(word, str):
        clock = word
    else:
        hour = int(groups.get("hour") or groups.get("hour2") or 0)
        minute = int(groups.get("minute") or groups.get("minute2") or 0)
        ampm = (groups.get("ampm") or "").lower().replace(".", "")
        tod = (groups.get("tod") or "").lower()
        afternoon = ampm == "pm" or any(w in tod for w in ("soir", "après", "evening", "afternoon"))
        if afternoon and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
        clock = f"{hour:02d}:{minute:02d}"
    value = f"{ctx.base.date()}T{clock}" if ctx.base else None
    return _Found(m.start(), m.end(), "TIME", value, clock=clock, attach=rule.attach)


def _parse(ctx: _Context, m: re.Match[str], rule: Rule) -> _Found | None:
    """A span the rules could not read, read by dateparser (slow, so only these)."""
    parsed = _parser(ctx.rules.language, ctx.base).get_date_data(m.group())
    if parsed.date_obj is None or parsed.period not in ("day", "month", "year"):
        return None
    found = parsed.date_obj.date()
    value = {"day": found.isoformat(), "month": found.strftime("%Y-%m"), "year": str(found.year)}
    day = found if parsed.period == "day" else None
    return _Found(m.start(), m.end(), rule.type, value[parsed.period], day=day)


@lru_cache(maxsize=32)
def _parser(language: str, base: datetime | None) -> Any:
    from dateparser.date import DateDataParser

    settings: dict[str, Any] = {"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["month"]}
    if base is not None:
        settings["RELATIVE_BASE"] = base
    return DateDataParser(languages=[language], settings=settings)


_VALUES = {
    "date": _date,
    "numeric": _numeric,
    "month": _month,
    "year": _year,
    "season": _season,
    "decade": _decade,
    "century": _century_value,
    "weekday": _weekday,
    "day_word": _day_word,
    "relative": _relative,
    "offset": _offset,
    "duration": _duration_value,
    "set": _set,
    "fixed": _fixed,
    "time": _time,
    "parse": _parse,
}


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


def _span(found: _Found, m: re.Match[str]) -> _Found:
    start, end = m.span("t") if "t" in m.re.groupindex and m["t"] else m.span()
    return replace(found, start=start, end=end)


def _join_times(text: str, found: list[_Found]) -> list[_Found]:
    """A time right after a day becomes one expression on that day; a time that only makes
    sense after a day (a bare ``16:43``) is dropped without one."""
    joined: list[_Found] = []
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
            joined[-1] = _Found(previous.start, item.end, "TIME", value, clock=item.clock)
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
    ctx = _Context(text, rules, base)
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
        value = _VALUES[rule.kind](ctx, m, rule)
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
        return replace(
            analysis, dates=find_dates(article.text, article.language, article.published)
        )
