"""The Store protocol every backend implements, and the records its queries return.

A store keeps whole ``Analysis`` records keyed by article id. Writing is all or nothing and
idempotent: the same article stored twice is one article whose origins are merged. Reading an
article back gives a record equal to the one written, so the JSON contract of DESIGN.md can be
rebuilt from a store exactly.

The query language of ``search`` is the same for every backend and is parsed here
(``parse_query``); each backend turns the parsed terms into its own full-text syntax.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, fields
from datetime import date, datetime
from types import TracebackType
from typing import Any, ClassVar, Literal, NamedTuple, Protocol, Self, runtime_checkable

import pycountry

from newsdesk.config import language_code
from newsdesk.errors import StoreError, UsageError
from newsdesk.records import Analysis, Origin, Quote, Source, name_key

PutResult = Literal["stored", "present"]

# Shortest id prefix ``get`` accepts: 8 hex digits make an accidental match between two
# articles unlikely below a few tens of thousands of articles, and a clash is reported anyway.
MIN_ID_PREFIX = 8


_QUOTE_FIELDS = tuple(f.name for f in fields(Quote))


class SnippetPart(NamedTuple):
    """A piece of a search snippet; ``match`` is True where the query matched."""

    text: str
    match: bool


@dataclass(frozen=True)
class SearchHit:
    """One article found by ``search``, best first. A higher ``score`` is a better match."""

    id: str
    title: str | None
    published: str | None
    language: str | None
    source: Source
    snippet: tuple[SnippetPart, ...]
    score: float

    @property
    def snippet_text(self) -> str:
        """The snippet as plain text, without match marks."""
        return "".join(part.text for part in self.snippet)


@dataclass(frozen=True)
class QuoteHit:
    """One quotation found by ``quotes``, with the article it was found in."""

    quote: Quote
    article_id: str
    title: str | None
    published: str | None
    language: str | None
    url: str | None
    source: Source

    # What ``from_row`` reads after the quote's own columns (``q`` quotes, ``a`` articles).
    ARTICLE_COLUMNS: ClassVar[str] = (
        "a.id, a.title, a.published, a.language, a.url, a.source_name, a.source_domain"
    )

    @classmethod
    def from_row(cls, row: Sequence[Any]) -> QuoteHit:
        """A hit from a row of the quote's columns in field order, then ``ARTICLE_COLUMNS``."""
        width = len(_QUOTE_FIELDS)
        return cls(
            quote=Quote(*row[:width]),
            article_id=row[width],
            title=row[width + 1],
            published=row[width + 2],
            language=row[width + 3],
            url=row[width + 4],
            source=Source(name=row[width + 5], domain=row[width + 6]),
        )

    def to_json(self) -> dict[str, Any]:
        """The quote's fields of the JSON contract, plus the ``article`` it comes from.

        >>> hit = QuoteHit(Quote("Oui", 1, 4, "direct"), "ab12", None, None, "fr", None, Source())
        >>> hit.to_json()["article"]
        {'id': 'ab12', 'title': None, 'published': None, 'language': 'fr', 'url': None, \
'source': {'name': None, 'domain': None}}
        """
        return {
            **asdict(self.quote),
            "article": {
                "id": self.article_id,
                "title": self.title,
                "published": self.published,
                "language": self.language,
                "url": self.url,
                "source": asdict(self.source),
            },
        }


@dataclass(frozen=True)
class Stats:
    """What a store holds. ``languages`` and ``sources`` are (name, articles) pairs, most first;
    a missing language or source is counted under ``"unknown"``."""

    articles: int
    origins: int
    entities: int
    mentions: int
    quotes: int
    places: int
    dates: int
    languages: tuple[tuple[str, int], ...]
    sources: tuple[tuple[str, int], ...]
    first_published: str | None
    last_published: str | None


@dataclass(frozen=True)
class CorpusEntity:
    """One entity across the corpus: every article naming it, in any language or form.

    ``name`` is the canonical name (a known fact's name, else the form written most often);
    ``aliases`` the other forms articles write it in, most written first; ``first_seen`` and
    ``last_seen`` the publication dates of the first and last articles naming it (None when
    none of them is dated)."""

    id: str
    name: str
    label: str
    wikidata: str | None
    aliases: tuple[str, ...]
    articles: int
    mentions: int
    first_seen: str | None
    last_seen: str | None


@dataclass(frozen=True)
class EntityAlias:
    """A form an entity is written in, in articles of one language (None: unknown)."""

    alias: str
    language: str | None
    mentions: int


@dataclass(frozen=True)
class EntityArticle:
    """An article naming an entity."""

    id: str
    title: str | None
    published: str | None


@dataclass(frozen=True)
class EntityDetail:
    """One corpus entity with its forms, the articles naming it (newest first) and the
    quotations attributed to it. ``ids`` are every id that resolves to it, its own first."""

    entity: CorpusEntity
    ids: tuple[str, ...]
    aliases: tuple[EntityAlias, ...]
    articles: tuple[EntityArticle, ...]
    quotes: tuple[QuoteHit, ...]
    # Other entities the name asked for matches, most mentioned first.
    others: tuple[CorpusEntity, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The entity's fields with ``ids``, ``forms``, ``article_list``, ``quotes`` and
        ``other_matches``."""
        return {
            **asdict(self.entity),
            "ids": list(self.ids),
            "forms": [asdict(a) for a in self.aliases],
            "article_list": [asdict(a) for a in self.articles],
            "quotes": [hit.to_json() for hit in self.quotes],
            "other_matches": [asdict(e) for e in self.others],
        }


@runtime_checkable
class Store(Protocol):
    """What every storage backend offers. SQLite (``SQLiteStore``) is the embedded default."""

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    def close(self) -> None:
        """Release the backend's resources; the store is unusable afterwards."""
        ...

    def has(self, article_id: str) -> bool:
        """Whether an article with exactly this id is stored."""
        ...

    def add_origins(self, article_id: str, origins: Iterable[Origin]) -> int:
        """Record more origins of a stored article; returns how many were new.

        Raises ``NotFound`` when the article is not stored."""
        ...

    def put(self, analysis: Analysis) -> PutResult:
        """Store a whole record in one transaction; ``"present"`` when the id was already
        stored, in which case only its new origins are recorded."""
        ...

    def put_many(self, analyses: Iterable[Analysis]) -> list[PutResult | StoreError]:
        """Store several records in one transaction, each whole or not at all: in order, what
        ``put`` would have answered, or the error that kept a record out."""
        ...

    def get(self, article_id: str) -> Analysis | None:
        """The record with this id, or with this unique id prefix (>= 8 hex digits)."""
        ...

    def search(
        self,
        query: str,
        *,
        language: str | None = None,
        since: str | None = None,
        limit: int = 20,
        offset: int = 0,
    ) -> list[SearchHit]:
        """Articles matching ``query`` (see ``parse_query``), best first."""
        ...

    def search_count(
        self, query: str, *, language: str | None = None, since: str | None = None
    ) -> int:
        """How many articles ``search`` would find without limit and offset."""
        ...

    def quotes(
        self,
        speaker: str | None = None,
        *,
        language: str | None = None,
        since: str | None = None,
        min_confidence: float | None = None,
        limit: int = 20,
        offset: int = 0,
    ) -> list[QuoteHit]:
        """Quotations, those of the newest articles first (undated last), each article's in the
        order of its text.

        ``speaker`` keeps the quotes whose canonical speaker has every word of it as a whole
        word, accents and case ignored (see ``speaker_words``): ``stoltenberg`` and
        ``Jens STOLTENBERG`` both find ``Jens Stoltenberg``; quotes of an unknown speaker never
        match it. ``language`` and ``since`` filter the articles as in ``search``.
        ``min_confidence`` keeps the quotations at least that sure, and whose speaker, when
        they name one, is at least that sure too (quotations stored without a confidence are
        left out)."""
        ...

    def quotes_count(
        self,
        speaker: str | None = None,
        *,
        language: str | None = None,
        since: str | None = None,
        min_confidence: float | None = None,
    ) -> int:
        """How many quotations ``quotes`` would find without limit and offset."""
        ...

    def stats(self) -> Stats:
        """Counts of what the store holds."""
        ...

    def entities(
        self,
        label: str | None = None,
        limit: int = 50,
        offset: int = 0,
        *,
        language: str | None = None,
    ) -> list[CorpusEntity]:
        """Entities across the corpus, most mentioned first; ``label`` (PER, ORG, LOC, MISC)
        keeps one kind; ``language`` shows each by the form articles in that language write
        most. Raises ``UsageError`` for an unknown label or a bad page."""
        ...

    def entity(
        self, name_or_id: str, *, limit: int = 100, language: str | None = None
    ) -> EntityDetail | None:
        """The corpus entity with this id (or an id merged into it), canonical name or form,
        case and accents ignored; with up to ``limit`` articles and quotations; named for a
        reader of ``language``."""
        ...


def origin_key(origin: Origin) -> tuple[str | None, str | None]:
    """Origin identity: two origins with the same path and URL are the same copy."""
    return (origin.path, origin.url)


def merge_origins(existing: Iterable[Origin], new: Iterable[Origin]) -> tuple[Origin, ...]:
    """``existing`` then the origins of ``new`` not already there, first seen wins.

    >>> merge_origins([Origin("a.txt")], [Origin("a.txt", fetched="x"), Origin("b.txt")])
    (Origin(path='a.txt', url=None, fetched=None), Origin(path='b.txt', url=None, fetched=None))
    """
    seen: dict[tuple[str | None, str | None], Origin] = {}
    for origin in (*existing, *new):
        seen.setdefault(origin_key(origin), origin)
    return tuple(seen.values())


# --- the search query language ------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    """A word or an exact phrase to look for; ``prefix`` when it ended with ``*``."""

    text: str
    prefix: bool = False
    phrase: bool = False


@dataclass(frozen=True)
class Query:
    """A parsed query: any of the ``groups`` matches, and a group matches when all its terms
    do (``a b OR c`` is ``(a AND b) OR c``)."""

    groups: tuple[tuple[Term, ...], ...]


def _has_word(text: str) -> bool:
    # Full-text tokenizers index letters and digits only: a term without any can match nothing,
    # and handing it to a query parser is how punctuation turns into syntax errors.
    return any(ch.isalnum() for ch in text)


def _split(query: str) -> list[tuple[str, bool]]:
    """(text, quoted) pieces: "double-quoted phrases" and whitespace-separated words.
    An unclosed quote runs to the end of the query."""
    pieces: list[tuple[str, bool]] = []
    rest = query
    while rest:
        before, quote, after = rest.partition('"')
        pieces.extend((word, False) for word in before.split())
        if not quote:
            break
        phrase, _, rest = after.partition('"')
        # A '*' right after the closing quote asks for a prefix on the phrase's last word.
        if rest.startswith("*"):
            phrase, rest = phrase + "*", rest[1:]
        pieces.append((phrase, True))
    return pieces


def parse_query(query: str) -> Query:
    """Parse what a person typed into terms any backend can search for safely.

    Words are matched as words (never as operators), ``"an exact phrase"`` as a phrase, a
    trailing ``*`` makes a prefix (``atroc*``), and an upper-case ``OR`` between two terms
    means either. Terms without letters or digits are dropped, so a query may parse to no
    groups at all: it then matches nothing. Raises ``UsageError`` on an empty query.

    >>> parse_query('otan "crimes de guerre" OR atroc*').groups[1]
    (Term(text='atroc', prefix=True, phrase=False),)
    """
    if not query.strip():
        raise UsageError("search: the query is empty; give words to look for")
    # Control characters are never part of a word, and a NUL ends a query string early in
    # C parsers (FTS5 then reports an unterminated phrase).
    query = "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in query)
    groups: list[list[Term]] = [[]]
    pending_or = False
    for text, quoted in _split(query):
        if not quoted and text == "OR":
            pending_or = bool(groups[-1])
            continue
        prefix = text.endswith("*")
        text = text.rstrip("*").strip()
        if not _has_word(text):
            continue
        if pending_or:
            groups.append([])
            pending_or = False
        groups[-1].append(Term(text=text, prefix=prefix, phrase=quoted))
    return Query(groups=tuple(tuple(group) for group in groups if group))


def parse_since(since: str) -> str:
    """Validate an ISO date (or date and time, or a year or month alone) and give it in the
    form published dates are stored in, so that text comparison orders them.

    >>> parse_since("2022-04-05"), parse_since("2025"), parse_since("2025-03")
    ('2022-04-05', '2025', '2025-03')
    """
    value = since.strip()
    if _YEAR_OR_MONTH.fullmatch(value):
        return value
    try:
        # Only the extended form: 3.11 also reads "20220405", which would not compare as text.
        if len(value) == 10:
            return date.fromisoformat(value).isoformat()
        if len(value) > 10 and value[10] in "T ":
            return datetime.fromisoformat(value).isoformat()
    except ValueError:
        pass
    raise UsageError(
        f"since: {since!r} is not a date like 2022-04-05, 2022-04-05T16:43:00, 2022-04 or 2022"
    )


_YEAR_OR_MONTH = re.compile(r"\d{4}(?:-(?:0[1-9]|1[0-2]))?")


def parse_language(language: str) -> str:
    """The ISO 639-1 code of a language filter (``nb-NO`` and ``no`` give ``nb``); raises
    ``UsageError`` for a code that names no language.

    >>> parse_language("no")
    'nb'
    """
    code = language_code(language)
    if code is None or len(code) != 2 or pycountry.languages.get(alpha_2=code) is None:
        raise UsageError(
            f"lang: {language!r} is not an ISO 639-1 language code (fr, en, de, ja, nb…)"
        )
    return code


def check_page(limit: int, offset: int, command: str = "search") -> None:
    """Refuse a page that cannot be returned; ``command`` names the query in the message."""
    if limit < 1:
        raise UsageError(f"{command}: limit must be at least 1, got {limit}")
    if offset < 0:
        raise UsageError(f"{command}: offset cannot be negative, got {offset}")


def speaker_words(speaker: str) -> tuple[str, ...]:
    """The words a speaker filter requires, in the form speakers are compared in (``name_key``
    of the analyze stage: no accents or case, dashes as spaces).

    Raises ``UsageError`` when nothing is left to look for.

    >>> speaker_words("  Jens  STOLTENBERG ")
    ('jens', 'stoltenberg')
    """
    words = tuple(speaker_key(speaker).split())
    if not words:
        raise UsageError("quotes: the speaker is empty; give a name or a surname")
    return words


def speaker_key(name: str) -> str:
    """The form a speaker's name is stored and compared in.

    >>> speaker_key("Jean-Yves Le Drian")
    'jean yves le drian'
    """
    return name_key(name)
