"""Stored values written for people, in the pages' language (English): dates, TIMEX3 values,
languages, kinds of quotation and how sure the finder was. The JSON keeps the raw values.

>>> when("2022-04-05T16:43:00+02:00"), when("2013-08"), when(None)
('5 April 2022, 16:43', 'August 2013', 'undated')
>>> date_value("XXXX-WXX-1"), date_value("2024-FA"), date_value("FUTURE_REF")
('every Monday', 'autumn 2024', 'in the future, unspecified')
>>> quote_words(Quote("x", 0, 1, "indirect", speaker="A", speaker_confidence=0.3))
('reported speech', 'speaker uncertain')
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import cache

import pycountry

from newsdesk.records import Quote

# The pages' language (``<html lang>``): entities are named as articles in it write them.
LANGUAGE = "en"
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
PARTS_OF_DAY = {"MO": "morning", "AF": "afternoon", "EV": "evening", "NI": "night"}
REFERENCES = {
    "PRESENT_REF": "now",
    "PAST_REF": "in the past, unspecified",
    "FUTURE_REF": "in the future, unspecified",
}
KIND_WORDS = {"direct": "direct quotation", "indirect": "reported speech", "mixed": "partly quoted"}
# How another article carrying a statement relates to this one, and how its words compare.
RELATION_WORDS = {
    "version": "a version at the same outlet",
    "copy": "a copy of this article",
    "same statement": "another article",
}
WORDING_WORDS = {
    "first": "first wording",
    "exact": "same words",
    "trimmed": "cut",
    "paraphrased": "paraphrased",
    "translated": "translated",
}
UNITS = {"Y": "year", "M": "month", "W": "week", "D": "day", "H": "hour", "S": "second"}
# Below this, the finder's own estimate is said in words beside the quotation: on articles
# never read while the rules were built, speakers given less than 0.7 were right about half the
# time (benchmarks/quotes.py, calibration of the check half).
UNSURE = 0.7
_DURATION = re.compile(r"P(T?)(\d+(?:\.\d+)?)([YMWDHS])")


def day(value: date) -> str:
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def when(value: str | None) -> str:
    """A stored publication date (ISO 8601 of any precision) as people write it."""
    if not value:
        return "undated"
    try:
        if len(value) == 4:
            return str(int(value))
        if len(value) == 7:
            return f"{MONTHS[int(value[5:7]) - 1]} {int(value[:4])}"
        if len(value) == 10:
            return day(date.fromisoformat(value))
        moment = datetime.fromisoformat(value)
    except (ValueError, IndexError):
        return value
    return f"{day(moment.date())}, {moment:%H:%M}"


def when_short(value: str | None) -> str:
    """The day alone (lists)."""
    return when(value[:10] if value else value)


def _part(value: str) -> str:
    if value in REFERENCES:
        return REFERENCES[value]
    m = re.fullmatch(r"XXXX-WXX-(\d)(?:T(\w+))?", value)
    if m and 1 <= int(m[1]) <= 7:
        weekday = WEEKDAYS[int(m[1]) - 1]
        return f"every {weekday}" + (f" {PARTS_OF_DAY.get(m[2], m[2])}" if m[2] else "")
    m = re.fullmatch(r"XXXX-XX-XXT(\w+)", value)
    if m:
        return f"every day at {PARTS_OF_DAY.get(m[1], m[1])}"
    m = re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value)
    if m:
        return f"{SEASONS[m[2]]} {m[1]}"
    m = re.fullmatch(r"(\d{4})-W(\d{1,2})", value)
    if m:
        return f"week {int(m[2])} of {m[1]}"
    m = re.fullmatch(r"(\d{4}-\d{2}-\d{2})T(MO|AF|EV|NI)", value)
    if m:
        return f"{when(m[1])}, {PARTS_OF_DAY[m[2]]}"
    m = _DURATION.fullmatch(value)
    if m:
        unit = "minute" if m[1] and m[3] == "M" else UNITS[m[3]]
        n = m[2].removesuffix(".0")
        return f"{n} {unit}{'' if n == '1' else 's'}"
    m = re.fullmatch(r"(\d{3})X", value)
    if m:
        return f"the {m[1]}0s"
    return when(value)


def date_value(value: str | None) -> str:
    """A date expression's value (TIMEX3: ``2022-04-06/2022-04-07``, ``PRESENT_REF``…) in
    words; an unknown form as it is."""
    if not value:
        return "no value"
    if "/" in value:
        first, last = value.split("/", 1)
        return f"{_part(first)} to {_part(last)}"
    return _part(value)


@cache
def language(code: str | None) -> str:
    """The English name of a language code (``fr`` → French); the code when unknown."""
    if not code:
        return "unknown language"
    found = pycountry.languages.get(alpha_2=code) if len(code) == 2 else None
    found = found or pycountry.languages.get(alpha_3=code)
    return str(found.name) if found is not None else code


def quote_words(quote: Quote) -> tuple[str, ...]:
    """The kind of a quotation and any doubt about it, in words."""
    words = [KIND_WORDS.get(quote.kind, quote.kind)]
    if quote.confidence is not None and quote.confidence < UNSURE:
        words.append("may not be a quotation")
    if not (quote.speaker or quote.speaker_mention):
        words.append("speaker unknown")
    elif quote.speaker_confidence is not None and quote.speaker_confidence < UNSURE:
        words.append("speaker uncertain")
    return tuple(words)


def number(value: int) -> str:
    """Thousands grouped: 12,345."""
    return f"{value:,}"
