"""The typed records every stage passes on.

Data flow: ``RawDocument`` (ingest) -> ``Article`` (extract) -> ``Analysis`` (analyze) -> store.
Records are frozen: a stage builds new records, it never mutates the ones it receives.
Offsets are Python ``str`` indices into ``Article.text``.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

DocKind = Literal["html", "text"]
EntityLabel = Literal["PER", "ORG", "LOC", "MISC"]


@dataclass(frozen=True)
class Origin:
    """Where one copy of an article came from."""

    path: str | None = None
    url: str | None = None
    fetched: str | None = None


@dataclass(frozen=True)
class RawDocument:
    """Bytes as they arrived, with where they came from and how to read them."""

    data: bytes
    origin: Origin
    kind: DocKind
    # Charset announced outside the bytes (an HTTP header), if any.
    declared_charset: str | None = None
    # Language announced outside the bytes (an HTTP Content-Language header), if any.
    declared_language: str | None = None

    @property
    def name(self) -> str:
        """A name for messages: the path, else the URL."""
        return self.origin.path or self.origin.url or "<input>"


@dataclass(frozen=True)
class Source:
    name: str | None = None
    domain: str | None = None


@dataclass(frozen=True)
class Article:
    """Clean text and metadata of one article (the ``extract`` stage's output)."""

    id: str
    text: str
    title: str | None
    published: str | None  # ISO 8601 as the page states it: with its zone offset, or none
    language: str | None  # ISO 639-1
    url: str | None = None
    source: Source = field(default_factory=Source)
    origins: tuple[Origin, ...] = ()
    authors: tuple[str, ...] = ()
    modified: str | None = None  # when the page says it last changed; same forms as published


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Entity:
    id: str
    name: str
    label: EntityLabel
    mentions: tuple[Mention, ...]
    # How likely the name and its label are right, in [0, 1]: None for a model's entity; lower
    # for one found without a model (the corpus's names, the gazetteer, capitalised words).
    confidence: float | None = None


@dataclass(frozen=True)
class Quote:
    text: str
    start: int
    end: int
    kind: Literal["direct", "indirect", "mixed"]
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    speaker_mention: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker: str | None = None
    speaker_id: str | None = None
    # How likely the span is reported speech (confidence) and the speaker is the right one
    # (speaker_confidence), in [0, 1]; calibrated on annotated articles. None when not measured.
    confidence: float | None = None
    speaker_confidence: float | None = None


@dataclass(frozen=True)
class Place:
    entity_id: str
    name: str
    geonameid: int | None
    lat: float | None
    lon: float | None
    country_code: str | None
    feature: str | None = None  # GeoNames feature kind: "city", "country", "region", …


@dataclass(frozen=True)
class DateExpression:
    text: str
    start: int
    end: int
    value: str | None
    type: Literal["DATE", "TIME", "DURATION", "SET"]


@dataclass(frozen=True)
class Prepared:
    """What the store computes from an article's text alone, computed ahead where the analysis
    is made (a pool worker), so that the one process writing the store does not: the text's
    MinHash signature and shingle count (``newsdesk.relate.fingerprint``). ``digest`` names
    the text they were computed from; the store computes them again for any other text."""

    digest: bytes
    signature: bytes
    shingles: int


@dataclass(frozen=True)
class Analysis:
    """An article with what was found in it (the ``analyze`` stage's output).

    ``prepared`` is no part of the record: work the store may take ready-made (see
    ``Prepared``); two analyses that differ only there are equal."""

    article: Article
    quotes: tuple[Quote, ...] = ()
    entities: tuple[Entity, ...] = ()
    places: tuple[Place, ...] = ()
    dates: tuple[DateExpression, ...] = ()
    prepared: Prepared | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Failure:
    """An input that could not be turned into a record, and why (for a person to read)."""

    input: str
    reason: str


_SPACE = re.compile(r"\s+")
_DASHES = re.compile(r"[-‐‑‒–—―]")


def canonical_text(text: str) -> str:
    """The form of a text its id is computed from: NFC, whitespace runs collapsed, trimmed.

    >>> canonical_text("  Le  chef\\n\\nde l'OTAN ")
    "Le chef de l'OTAN"
    """
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def article_id(text: str) -> str:
    """The article id: sha256 (hex) of the canonical text."""
    return hashlib.sha256(canonical_text(text).encode("utf-8")).hexdigest()


def origin_name(origin: Origin | None, article: Article) -> str:
    """What a message about one copy of an article names: the input's path, else its URL, else
    the article id."""
    return (origin.path or origin.url or article.id) if origin else article.id


def input_name(article: Article) -> str:
    """What a message about an article names: its first origin (see ``origin_name``)."""
    return origin_name(article.origins[0] if article.origins else None, article)


_APOSTROPHES = {ord(a): "'" for a in "’ʼ‘`´"}


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """The form names are compared in: no accents or case, dashes as spaces, no periods.
    (Kept for the names most met: the store asks it for every name of every article.)

    >>> name_key("l’Élysée  Nord-Est U.S."), name_key("Port-Meridian  U.S.")
    ("l'elysee nord est us", 'port meridian us')
    """
    if name.isascii():  # its own decomposition, with no accents: case folds to lower case
        text = name.lower()
    else:
        text = unicodedata.normalize("NFKD", name)
        text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = text.translate(_APOSTROPHES).replace(".", "")
    return _SPACE.sub(" ", _DASHES.sub(" ", text)).strip()
