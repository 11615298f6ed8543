"""What the query functions of ``newsdesk.serve.queries`` return: plain frozen dataclasses,
serialized as they are by the JSON routes and read by the page templates.

List results carry ``total``, ``page`` and ``per_page`` beside their ``items``.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsdesk.records import EntityLabel, Quote, Source
from newsdesk.store.relations_queries import QuoteLineage


@dataclass(frozen=True)
class ArticleSummary:
    """An article as listed: its metadata and how many quotations it holds."""

    id: str
    title: str | None
    published: str | None
    language: str | None
    url: str | None
    source: Source
    quotes: int


@dataclass(frozen=True)
class ArticlePage:
    items: tuple[ArticleSummary, ...]
    total: int
    page: int
    per_page: int


@dataclass(frozen=True)
class QuoteItem:
    """One quotation with its place in its article (``position``) and the article."""

    quote: Quote
    position: int
    article: ArticleSummary


@dataclass(frozen=True)
class QuotePage:
    items: tuple[QuoteItem, ...]
    total: int
    page: int
    per_page: int


@dataclass(frozen=True)
class Count:
    """A value (a language, a source, a day…) and how many results have it; ``id`` is set
    when the value is an entity (a speaker)."""

    value: str
    count: int
    id: str | None = None


@dataclass(frozen=True)
class Facets:
    languages: tuple[Count, ...]
    sources: tuple[Count, ...]
    dates: tuple[Count, ...]
    speakers: tuple[Count, ...]


@dataclass(frozen=True)
class Fragment:
    """A piece of a search snippet; ``match`` is True where the query matched."""

    text: str
    match: bool


@dataclass(frozen=True)
class ArticleHit:
    """An article found by a search, with a snippet cut around what matched."""

    article: ArticleSummary
    snippet: tuple[Fragment, ...]
    score: float


@dataclass(frozen=True)
class SearchResults:
    """Articles (``items``) and quotations (``quotes``) matching one query, one page of each;
    ``total`` counts articles, ``quotes_total`` quotations, up to 1,000 each: ``more`` (and
    ``quotes_more``) when more match, of which the 1,000 most recently stored are listed and
    counted by the facets."""

    q: str
    items: tuple[ArticleHit, ...]
    total: int
    quotes: tuple[QuoteItem, ...]
    quotes_total: int
    page: int
    per_page: int
    facets: Facets
    people: tuple[PersonHit, ...] = ()
    more: bool = False
    quotes_more: bool = False


@dataclass(frozen=True)
class EntitySummary:
    """An entity across all articles and languages: ``name`` is the name of its fact (an
    organisation, a located place) or else its most frequent full form, ``aliases`` every other
    form articles write it in, most written first; ``first_seen``/``last_seen`` are
    publication dates; ``wikidata`` its Wikidata id where known."""

    id: str
    name: str
    label: EntityLabel
    aliases: tuple[str, ...]
    articles: int
    mentions: int
    first_seen: str | None
    last_seen: str | None
    wikidata: str | None = None


@dataclass(frozen=True)
class EntityPage:
    items: tuple[EntitySummary, ...]
    total: int
    page: int
    per_page: int


@dataclass(frozen=True)
class CoMention:
    """An entity named in the same articles as another one; ``articles`` counts those."""

    id: str
    name: str
    label: EntityLabel
    articles: int


@dataclass(frozen=True)
class EntityDetail:
    entity: EntitySummary
    articles: ArticlePage
    co_mentioned: tuple[CoMention, ...]
    quotes: int


@dataclass(frozen=True)
class SpeakerDetail:
    """A person's quotations newest first, their count per day and per outlet."""

    id: str
    name: str
    quotes: QuotePage
    timeline: tuple[Count, ...]
    outlets: tuple[Count, ...]


@dataclass(frozen=True)
class SpeakerCount:
    id: str
    name: str
    quotes: int


@dataclass(frozen=True)
class Totals:
    articles: int
    quotes: int
    entities: int
    languages: int


@dataclass(frozen=True)
class Home:
    counts: Totals
    latest: tuple[ArticleSummary, ...]
    speakers: tuple[SpeakerCount, ...]
    entities: tuple[EntitySummary, ...]


@dataclass(frozen=True)
class PlaceSummary:
    """A place across all articles; ``lat``/``lon`` are None when it was not located."""

    entity_id: str
    name: str
    lat: float | None
    lon: float | None
    country_code: str | None
    articles: int


@dataclass(frozen=True)
class PlacePage:
    items: tuple[PlaceSummary, ...]
    total: int
    page: int
    per_page: int


@dataclass(frozen=True)
class QuoteDetail:
    """One quotation with the text around it: ``before`` runs from the start of the sentence
    before the one it starts in, ``after`` to the end of the sentence after the one it ends
    in. ``id`` is ``<article id, 16 hex digits>-<position>``. ``lineage`` names the statement's
    first appearance and the other articles carrying it (copies, versions, other wordings);
    None while relations are not computed for the article."""

    id: str
    quote: Quote
    position: int
    article: ArticleSummary
    before: str
    after: str
    lineage: QuoteLineage | None = None


@dataclass(frozen=True)
class PersonHit:
    """A person a search names: how many quotations they said and mentions they have."""

    id: str
    name: str
    quotes: int
    mentions: int
