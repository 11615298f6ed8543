"""The values a filter can take, read from the data, and the reading of a page's filters: a
value the corpus does not know, or of the wrong form, is explained in words and left out
(the JSON routes answer 422 instead, through ``params``).

>>> Problem("lang", "EN!", "is not a language code like fr or en").sentence
"Language: 'EN!' is not a language code like fr or en; it was left out."
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from newsdesk.errors import UsageError
from newsdesk.records import name_key
from newsdesk.serve.models import Count
from newsdesk.serve.queries import Filters, cached, store_state, until_bound
from newsdesk.store.base import parse_since
from newsdesk.store.sqlite import SQLiteStore

KINDS = ("direct", "indirect", "mixed")
# Speakers offered for completion, the most quoted first.
SPEAKER_CHOICES = 500
_NAMES = {
    "lang": "Language",
    "source": "Source",
    "since": "Since",
    "until": "Until",
    "speaker": "Speaker",
    "kind": "Kind",
    "page": "Page",
    "per_page": "Per page",
    "sort": "Sort",
    "label": "Kind",
}
_LANG = re.compile(r"[a-z]{2,3}")


@dataclass(frozen=True)
class Options:
    """What the corpus holds to filter on, each with its number of articles (languages,
    sources) or quotations (speakers, kinds), the most frequent first."""

    languages: tuple[Count, ...]
    sources: tuple[Count, ...]
    speakers: tuple[Count, ...]
    kinds: tuple[Count, ...]
    # Every outlet name and domain of the corpus, as a source filter may give either.
    outlets: tuple[str, ...] = ()


@dataclass(frozen=True)
class Problem:
    """A filter value that was left out, and why."""

    name: str
    value: str
    reason: str

    @property
    def sentence(self) -> str:
        return f"{_NAMES.get(self.name, self.name)}: {self.value!r} {self.reason}; it was left out."


def options(store: SQLiteStore) -> Options:
    """The filter values of the store, computed once per state of the store."""
    return cached(("options", str(store.path), *store_state(store)), lambda: _options(store))


def _options(store: SQLiteStore) -> Options:
    stats = store.stats()
    kinds = store.select("SELECT kind, count(*) FROM quotes GROUP BY kind ORDER BY 2 DESC")
    outlets = store.select(
        "SELECT source_name FROM articles WHERE source_name IS NOT NULL UNION"
        " SELECT source_domain FROM articles WHERE source_domain IS NOT NULL"
    )
    return Options(
        outlets=tuple(sorted(str(o) for (o,) in outlets)),
        languages=tuple(Count(v, n) for v, n in stats.languages if v != "unknown"),
        sources=tuple(Count(v, n) for v, n in stats.sources if v != "unknown"),
        speakers=tuple(c for c, _ in _speakers(store)[:SPEAKER_CHOICES]),
        kinds=tuple(Count(str(k), int(n)) for k, n in kinds),
    )


def _all_speakers(store: SQLiteStore) -> tuple[tuple[Count, tuple[str, ...]], ...]:
    """Every named speaker with an id (merged ids counted with their survivor), the most
    quoted first, with the folded words of the name."""
    rows = store.select(
        "SELECT coalesce(r.entity_id, q.speaker_id) AS sid, max(q.speaker), count(*) AS n"
        " FROM quotes AS q LEFT JOIN entity_redirects AS r ON r.id = q.speaker_id"
        " WHERE q.speaker_id IS NOT NULL AND q.speaker IS NOT NULL"
        " GROUP BY sid ORDER BY n DESC, sid",
        (),
    )
    return tuple(
        (Count(str(name), int(n), str(sid)), tuple(name_key(str(name)).split()))
        for sid, name, n in rows
    )


def _speakers(store: SQLiteStore) -> tuple[tuple[Count, tuple[str, ...]], ...]:
    return cached(
        ("speaker names", str(store.path), *store_state(store)), lambda: _all_speakers(store)
    )


def suggest_speakers(store: SQLiteStore, typed: str, limit: int = 10) -> tuple[Count, ...]:
    """Speakers a name being typed may be: each word typed begins a word of the name (case
    and accents aside), the most quoted first."""
    wanted = name_key(typed).split()
    if not wanted:
        return ()
    found: list[Count] = []
    for count, name_words in _speakers(store):
        if all(any(w.startswith(t) for w in name_words) for t in wanted):
            found.append(count)
            if len(found) == limit:
                break
    return tuple(found)


def _source(value: str, known: tuple[str, ...]) -> str | Problem:
    """An outlet as the corpus writes it (name or domain): the same ignoring case, or the one
    outlet whose name holds ``value``; a problem naming the candidates otherwise."""
    folded = value.casefold()
    exact = [name for name in known if name.casefold() == folded]
    if exact:
        return value if value in exact else exact[0]
    partial = [name for name in known if folded in name.casefold()]
    if len(partial) == 1:
        return partial[0]
    if partial:
        return Problem("source", value, "names several outlets: " + ", ".join(partial[:5]))
    return Problem("source", value, "is no outlet of this corpus")


def _date(name: str, value: str) -> str | Problem:
    try:
        parse_since(value)
        if name == "until":
            until_bound(value)
    except (UsageError, ValueError, OverflowError):
        return Problem(name, value, "is not a date like 2022-04-05")
    return value.strip()


def read_filters(
    store: SQLiteStore, asked: dict[str, str | None]
) -> tuple[Filters, tuple[Problem, ...]]:
    """The filters of a page's query string (``asked``), the values it cannot use left out and
    explained. Empty values mean no filter; a language is read in any case (``EN``)."""
    known = options(store)
    problems: list[Problem] = []
    chosen: dict[str, str] = {}
    for name in ("lang", "source", "since", "until", "speaker", "kind"):
        raw = (asked.get(name) or "").strip()
        if not raw:
            continue
        value: str | Problem = raw
        if name == "lang":
            value = raw.lower()
            if not _LANG.fullmatch(value):
                value = Problem(name, raw, "is not a language code like fr or en")
        elif name == "source":
            value = _source(raw, known.outlets)
        elif name in ("since", "until"):
            value = _date(name, raw)
        elif name == "kind" and raw not in KINDS:
            value = Problem(name, raw, "is not a kind of quotation (direct, indirect, mixed)")
        elif len(raw) > 200:
            value = Problem(name, raw[:40] + "…", "is longer than 200 characters")
        if isinstance(value, Problem):
            problems.append(value)
        else:
            chosen[name] = value
    since, until = chosen.get("since"), chosen.get("until")
    if since and until and parse_since(since) > parse_since(until):
        problems.append(Problem("until", until, f"comes before the date since ({since})"))
        del chosen["until"]
    get = chosen.get
    found = Filters(get("lang"), get("source"), get("since"), get("until"), get("speaker"))
    return replace(found, kind=get("kind")), tuple(problems)


def read_number(problems: list[Problem], name: str, raw: str | None, default: int, top: int) -> int:
    """A whole number from 1 to ``top``; ``default`` with a problem when ``raw`` is not one."""
    if raw is None or not raw.strip():
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        problems.append(Problem(name, raw, "is not a whole number"))
        return default
    if not 1 <= value <= top:
        problems.append(Problem(name, raw, f"is not between 1 and {top:,}"))
        return default
    return value
