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
    attribution: re.Pattern[str]
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
    # A credit: the agency in parentheses, "(Reuters) -", or after a credit word, or alone on
    # the last line. The agency group is named so every alternative reports it the same way.
    credit = re.compile(
        rf"\((?P<p>{forms})(?:\s*[/,]\s*[^)]{{0,40}})?\)"
        rf"|(?i:{before})\s+(?:l['’]\s*|the\s+)?(?-i:(?P<b>{forms}))\b"
        rf"|(?:^|\n)\s*[-–—/]?\s*(?P<e>{forms})\s*$"
    )
    attributed = re.compile(
        rf"(?i:{attribution})\s*(?:l['’]\s*|the\s+)?(?-i:(?P<a>{long_forms}))\b"
    )
    scripts = {lang: script for script, langs in data["scripts"].items() for lang in langs}
    return _Wires(credit, attributed, names, scripts)


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
            group = next(g for g in ("p", "b", "e") if match.group(g))
            _add(found, wires, match, group, offset, "credit")
    for match in wires.attribution.finditer(text):
        _add(found, wires, match, "a", 0, "attributed to")
    return sorted(found.values(), key=lambda s: s.start or 0)


def _add(
    found: dict[str, Signal], wires: _Wires, match: re.Match[str], group: str, offset: int, how: str
) -> None:
    agency = wires.names[match.group(group)]
    if agency in found:
        return
    start, end = offset + match.start(), offset + match.end()
    cited = match.group(0).strip()
    found[agency] = Signal(
        "wire", agency, f'{how} "{cited}"', start + match.group(0).find(cited), end
    )


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
