"""Signals that an article is a copy, each with its evidence: a wire agency's credit, and a
text whose language does not match the site it was published on. (The third signal, a copy of
an earlier article elsewhere, comes from the copies found across the corpus: see
``newsdesk.store.relations``.)

Agencies and credit words are data (``data/wires.toml``).

>>> from newsdesk.records import Article, Source
>>> a = Article(id="x", text="PARIS (AFP) - Le gouvernement a annoncé mardi…", title=None,
...             published=None, language="fr", source=Source(name="جرأة.اونلاين"))
>>> [(s.kind, s.value) for s in signals(a)]
[('wire', 'AFP'), ('language', 'fr')]
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from newsdesk.records import Article

DATA = Path(__file__).parent / "data"
SignalKind = Literal["wire", "copy", "language"]
# Credits are looked for in the head and the tail of the text, where outlets put them.
HEAD, TAIL = 400, 600


@dataclass(frozen=True)
class Signal:
    """One reason to think an article is a copy: ``value`` names what (the agency, the text's
    language, the earlier article's id), ``evidence`` says why for a person, ``start``/``end``
    point into the text when the evidence is there."""

    kind: SignalKind
    value: str
    evidence: str
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class _Wires:
    credit: re.Pattern[str]
    before_credit: re.Pattern[str]
    attribution: re.Pattern[str]
    before_name: re.Pattern[str]
    names: dict[str, str]  # form -> agency
    scripts: dict[str, str]  # language -> script


def _alternatives(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _wires() -> _Wires:
    data = tomllib.loads((DATA / "wires.toml").read_text(encoding="utf-8"))
    names = {form: agency["name"] for agency in data["agency"] for form in agency["forms"]}
    forms = _alternatives(list(names))
    long_forms = _alternatives([f for f in names if len(f) > 4])
    before = _alternatives(data["credit"]["before"])
    attribution = _alternatives(data["credit"]["attribution"])
    # Agency names are found alone (a fast scan of literal words); what surrounds each one
    # then tells a credit — in parentheses ("(Reuters) -"), after a credit word ("Avec AFP"),
    # or alone on the text's last line — from a mere mention.
    credit = re.compile(rf"\b(?:{forms})\b")
    before_credit = re.compile(rf"(?i:{before})\s+(?:l['’]\s*|the\s+)?$")
    # Long names are found alone (a fast scan), then the words just before them are checked.
    attributed = re.compile(rf"\b(?:{long_forms})\b")
    before_name = re.compile(rf"(?i:{attribution})\s*(?:l['’]\s*|the\s+)?$")
    scripts = {lang: script for script, langs in data["scripts"].items() for lang in langs}
    return _Wires(credit, before_credit, attributed, before_name, names, scripts)


def wire_credits(text: str) -> list[Signal]:
    """The agencies credited in ``text`` (its head and tail; a long agency name anywhere), the
    first credit of each agency.

    >>> [s.evidence for s in wire_credits("Texte. Avec AFP")]
    ['credit "Avec AFP"']
    """
    wires = _wires()
    found: dict[str, Signal] = {}
    windows = [(0, text[:HEAD])]
    if len(text) > HEAD:
        start = max(HEAD, len(text) - TAIL)
        windows.append((start, text[start:]))
    for offset, window in windows:
        for match in wires.credit.finditer(window):
            cited = _credit(wires, window, match)
            if cited is not None:
                start = offset + cited[0]
                _add(found, wires.names[match.group(0)], start, "credit", window[slice(*cited)])
    for match in wires.attribution.finditer(text):
        lead = wires.before_name.search(text, max(0, match.start() - 30), match.start())
        if lead is not None:
            start = lead.start()
            _add(found, wires.names[match.group(0)], start, "attributed", text[start : match.end()])
    return sorted(found.values(), key=lambda s: s.start or 0)


_AFTER_PAREN = re.compile(r"(?:\s*[/,][^()\n]{0,40})?\)")


def _credit(wires: _Wires, window: str, match: re.Match[str]) -> tuple[int, int] | None:
    """The span of the credit around an agency name in ``window``, or None for a mention."""
    start, end = match.span()
    if start > 0 and window[start - 1] == "(":
        after = _AFTER_PAREN.match(window, end)
        if after is not None:
            return start - 1, after.end()
    lead = wires.before_credit.search(window, max(0, start - 25), start)
    if lead is not None:
        return lead.start(), end
    line_start = window.rfind("\n", 0, start) + 1
    if window[line_start:start].strip(" -–—/") == "" and window[end:].strip() == "":
        return start, end
    return None


def _add(found: dict[str, Signal], agency: str, start: int, how: str, cited: str) -> None:
    if agency not in found:
        found[agency] = Signal("wire", agency, f'{how} "{cited}"', start, start + len(cited))


def script_of(text: str) -> str | None:
    """The script most letters of ``text`` are written in (LATIN, ARABIC, CYRILLIC, CJK…).

    >>> script_of("جرأة.اونلاين"), script_of("Le Monde")
    ('ARABIC', 'LATIN')
    """
    counts: Counter[str] = Counter()
    for char in text:
        if char.isalpha():
            name = unicodedata.name(char, "")
            if name:
                word = name.split()[0]
                counts["CJK" if word in ("CJK", "HIRAGANA", "KATAKANA") else word] += 1
    return counts.most_common(1)[0][0] if counts else None


def language_mismatch(article: Article) -> Signal | None:
    """A signal when the site's name is written in a script the text's language is not."""
    site = article.source.name
    if not site or not article.language:
        return None
    expected = _wires().scripts.get(article.language)
    written = script_of(site)
    if expected is None or written is None or written == expected:
        return None
    evidence = (
        f"the text is in {article.language} ({expected.lower()} script), the site's name "
        f'"{site}" is in {written.lower()} script'
    )
    return Signal("language", article.language, evidence)


def signals(article: Article) -> list[Signal]:
    """The signals found in the article itself: wire credits, then a language mismatch."""
    found = wire_credits(article.text)
    mismatch = language_mismatch(article)
    return found + ([mismatch] if mismatch else [])
