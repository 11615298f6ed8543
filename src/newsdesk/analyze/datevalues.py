"""The values of the temporal expressions the rules match: calendar arithmetic anchored on
the publication date, the tense that places a bare weekday or month, TIMEX3 values per kind of
rule, and ``dateparser`` for what no rule can read (see ``newsdesk.analyze.dates``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from newsdesk.analyze.daterules import DateRules, DateType, Rule, form_key

_SENTENCE_END = ".!?\n"
SENTENCE_CHARS = 400  # how far a tense cue is looked for on each side

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
    flat = form_key(text)
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


def tense_of(text: str, start: int, end: int, rules: DateRules) -> int:
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
class Found:
    start: int
    end: int
    type: DateType
    value: str | None
    day: date | None = None  # the day a day-long value names, for a time to join
    clock: str | None = None  # "16:43" or "EV" for a time
    attach: bool = False


@dataclass(frozen=True)
class Context:
    text: str
    rules: DateRules
    base: datetime | None

    def word(self, table: str, m: re.Match[str], group: str) -> Any:
        found = m.group(group) if group in m.re.groupindex else None
        return None if found is None else self.rules.words[table].get(form_key(found))

    def tense(self, m: re.Match[str]) -> int:
        return tense_of(self.text, m.start(), m.end(), self.rules)


def _time_of_day(ctx: Context, m: re.Match[str]) -> str | None:
    tod = ctx.word("times_of_day", m, "tod") or ctx.word("times_of_day", m, "tod2")
    return tod if isinstance(tod, str) else None


def _day_value(day: date, tod: str | None) -> tuple[DateType | None, str]:
    return ("TIME", f"{day.isoformat()}T{tod}") if tod else (None, day.isoformat())


def _date(ctx: Context, m: re.Match[str], rule: Rule) -> Found | None:
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
            return Found(m.start(), m.end(), rule.type, None)
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
            return Found(m.start(), m.end(), rule.type, f"{first}/{last}") if last > first else None
    except ValueError:
        return None
    return Found(m.start(), m.end(), rule.type, first.isoformat(), day=first)


def _valid(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _numeric(ctx: Context, m: re.Match[str], rule: Rule) -> Found | None:
    a, b, year = int(m["a"]), int(m["b"]), int(m["year"])
    day, month = (a, b) if ctx.rules.numeric_order == "dmy" else (b, a)
    if year < 100:
        year += 2000 if year < 70 else 1900
    if not _valid(year, month, day):
        return None
    found = date(year, month, day)
    return Found(m.start(), m.end(), rule.type, found.isoformat(), day=found)


def _month(ctx: Context, m: re.Match[str], rule: Rule) -> Found | None:
    month = ctx.word("months", m, "month")
    if year_text := m.groupdict().get("year"):
        return Found(m.start(), m.end(), rule.type, f"{int(year_text):04d}-{month:02d}")
    if ctx.base is None:
        return Found(m.start(), m.end(), rule.type, None)
    rel = ctx.word("relative", m, "rel")
    tense = rel if isinstance(rel, int) and rel else ctx.tense(m)
    current = date(ctx.base.year, ctx.base.month, 1)
    candidates = [date(ctx.base.year + d, month, 1) for d in (-1, 0, 1)]
    if rel:  # "mars dernier", "next March": never the current month
        candidates = [c for c in candidates if c != current]
    chosen = _pick(candidates, current, tense)
    return Found(m.start(), m.end(), rule.type, f"{chosen.year:04d}-{chosen.month:02d}")


def _year(ctx: Context, m: re.Match[str], rule: Rule) -> Found | None:
    second = m["year2"] if "year2" in m.re.groupindex else None
    if second:
        return Found(m.start(), m.end(), rule.type, f"{m['year']}/{second}")
    return Found(m.start(), m.end(), rule.type, m["year"])


def _season(ctx: Context, m: re.Match[str], rule: Rule) -> Found | None:
    season = ctx.word("seasons", m, "season") or ctx.word("seasons", m, "season2")
    if year_text := m.groupdict().get("year"):
        return Found(m.start(), m.end(), rule.type, f"{year_text}-{season}")
    if ctx.base is None:
        return Found(m.start(), m.end(), rule.type, None)
    rel = ctx.word("relative", m, "rel")
    year = ctx.base.year + (rel if isinstance(rel, int) else 0)
    return Found(m.start(), m.end(), rule.type, f"{year}-{season}")


def _decade(ctx: Context, m: re.Match[str], rule: Rule) -> Found | None:
    digits = m["decade"]
    year = int(digits) if len(digits) == 4 else 1900 + int(digits)
    return Found(m.start(), m.end(), rule.type, str(year // 10))


def _century_value(ctx: Context, m: re.Match[str], rule: Rule) -> Found | None:
    number = _century(m["century"])
    if number is None or not 1 <= number <= 21:
        return None
    return Found(m.start(), m.end(), rule.type, f"{number - 1:02d}")


def _weekday(ctx: Context, m: re.Match[str], rule: Rule) -> Found | None:
    if ctx.base is None:
        return Found(m.start(), m.end(), "TIME" if _time_of_day(ctx, m) else rule.type, None)
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
        return Found(m.start(), m.end(), rule.type, f"{first}/{last}")
    kind, value = _day_value(first, _time_of_day(ctx, m))
    return Found(m.start(), m.end(), kind or rule.type, value, day=None if kind else first)


def _day_word(ctx: Context, m: re.Match[str], rule: Rule) -> Found | None:
    if ctx.base is None:
        return Found(m.start(), m.end(), "TIME" if _time_of_day(ctx, m) else rule.type, None)
    offset = ctx.word("day_words", m, "word")
    day = ctx.base.date() + timedelta(offset if isinstance(offset, int) else rule.sign)
    kind, value = _day_value(day, _time_of_day(ctx, m))
    return Found(m.start(), m.end(), kind or rule.type, value, day=None if kind else day)


def _relative(ctx: Context, m: re.Match[str], rule: Rule) -> Found | None:
    if ctx.base is None:
        return Found(m.start(), m.end(), rule.type, None)
    unit, rel, base = ctx.word("units", m, "unit"), ctx.word("relative", m, "rel"), ctx.base
    value = _shift(base, unit, int(rel or 0))
    return Found(m.start(), m.end(), rule.type, value) if value else None


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


def _offset(ctx: Context, m: re.Match[str], rule: Rule) -> Found | None:
    if ctx.base is None:
        return Found(m.start(), m.end(), rule.type, None)
    n, unit = _number(m["num"], ctx.rules), ctx.word("units", m, "unit")
    if n is None or n != int(n) or unit is None:
        return None
    value = _shift(ctx.base, unit, rule.sign * int(n))
    return Found(m.start(), m.end(), rule.type, value) if value else None


def _quantity(ctx: Context, m: re.Match[str]) -> str | None:
    text = m["num"] if "num" in m.re.groupindex else None
    if text is None:
        return "X"
    if ctx.word("quantities", m, "num"):
        return "X"
    n = _number(text, ctx.rules)
    return None if n is None else _amount(n)


def _duration_value(ctx: Context, m: re.Match[str], rule: Rule) -> Found | None:
    n, unit = _quantity(ctx, m), ctx.word("units", m, "unit")
    if n is None or unit is None:
        return None
    return Found(m.start(), m.end(), rule.type, _duration(n, unit))


def _set(ctx: Context, m: re.Match[str], rule: Rule) -> Found | None:
    weekday = ctx.word("weekdays", m, "weekday")
    if weekday is None:
        weekday = ctx.word("weekdays", m, "weekday2")
    tod = _time_of_day(ctx, m)
    unit = ctx.word("units", m, "unit") or ctx.word("units", m, "unit2")
    if weekday is not None:
        value = f"XXXX-WXX-{weekday}" + (f"T{tod}" if tod else "")
    elif unit is not None:
        other = "num" in m.re.groupindex and m["num"] and form_key(m["num"]) == "other"
        n = "2" if other else _quantity(ctx, m) if "num" in m.re.groupindex and m["num"] else "1"
        if n is None:
            return None
        value = _duration(n, unit)
    elif tod:
        value = f"XXXX-XX-XXT{tod}"
    else:
        return None
    return Found(m.start(), m.end(), rule.type, value)


def _fixed(ctx: Context, m: re.Match[str], rule: Rule) -> Found | None:
    return Found(m.start(), m.end(), rule.type, rule.value)


def _time(ctx: Context, m: re.Match[str], rule: Rule) -> Found | None:
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
    return Found(m.start(), m.end(), "TIME", value, clock=clock, attach=rule.attach)


def _parse(ctx: Context, m: re.Match[str], rule: Rule) -> Found | None:
    """A span the rules could not read, read by dateparser (slow, so only these)."""
    parsed = dateparser_for(ctx.rules.language, ctx.base).get_date_data(m.group())
    if parsed.date_obj is None or parsed.period not in ("day", "month", "year"):
        return None
    found = parsed.date_obj.date()
    value = {"day": found.isoformat(), "month": found.strftime("%Y-%m"), "year": str(found.year)}
    day = found if parsed.period == "day" else None
    return Found(m.start(), m.end(), rule.type, value[parsed.period], day=day)


@lru_cache(maxsize=32)
def dateparser_for(language: str, base: datetime | None) -> Any:
    from dateparser.date import DateDataParser

    settings: dict[str, Any] = {"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["month"]}
    if base is not None:
        settings["RELATIVE_BASE"] = base
    return DateDataParser(languages=[language], settings=settings)


VALUES = {
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
