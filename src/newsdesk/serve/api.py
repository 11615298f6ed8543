"""The JSON API: one route per page, each calling the page's query function.

Lists answer ``{"items": [...], "total": N, "page": P, "per_page": K}``; errors answer
``{"detail": "..."}`` with 404 for an unknown id and 422 for a bad parameter.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import TypeAdapter

from newsdesk.serialize import analysis_to_json
from newsdesk.serve import choices, queries
from newsdesk.serve.models import (
    ArticlePage,
    Count,
    EntityDetail,
    EntityPage,
    Home,
    PlacePage,
    QuoteDetail,
    QuotePage,
    SearchResults,
    SpeakerDetail,
)
from newsdesk.serve.params import (
    ArticleFilters,
    KindParam,
    LabelParam,
    LangParam,
    MinConfidenceParam,
    PageParam,
    PerPageParam,
    QParam,
    SinceParam,
    SortParam,
    SpeakerIdParam,
    SpeakerParam,
    UntilParam,
)
from newsdesk.serve.quotepage import quote_detail
from newsdesk.serve.search import search
from newsdesk.store.base import Stats
from newsdesk.store.sqlite import SQLiteStore


def get_store(request: Request) -> SQLiteStore:
    """The application's read-only store."""
    store: SQLiteStore = request.app.state.store
    return store


StoreDep = Annotated[SQLiteStore, Depends(get_store)]
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"description": "No record with this id."}}

router = APIRouter(prefix="/api", tags=["api"])
T = TypeVar("T")
_SEARCH_JSON = TypeAdapter(SearchResults)


def in_range(result: T, page: int, per_page: int, total: int) -> T:
    """``result``, or a 404 when ``page`` is past the last page of ``total`` items."""
    last = max(1, -(-total // per_page))
    if page > last:
        raise HTTPException(404, f"page {page} is past the last page, {last}")
    return result


@router.get("/stats", summary="Counts of what the store holds", response_model=Stats)
def api_stats(store: StoreDep) -> Stats:
    """Articles, origins, entities, mentions, quotations, places and dates stored, articles per
    language and per source, and the range of publication dates (as ``newsdesk stats``)."""
    return store.stats()


@router.get("/home", summary="What the front page shows", response_model=Home)
def api_home(store: StoreDep, lang: LangParam = None) -> Home:
    """Counts, the 10 latest articles, the 10 most quoted speakers and the 10 most mentioned
    entities (``lang``: named as articles in that language write them most)."""
    return queries.home(store, lang or None)


@router.get("/articles", summary="Articles, newest first", response_model=ArticlePage)
def api_articles(
    store: StoreDep,
    chosen: ArticleFilters,
    page: PageParam = 1,
    per_page: PerPageParam = 20,
) -> ArticlePage:
    """Stored articles newest first (undated last), narrowed by language, outlet and date."""
    found = queries.articles(store, chosen, page, per_page)
    return in_range(found, page, per_page, found.total)


@router.get(
    "/articles/{article_id}",
    summary="One article's whole record",
    responses={
        **NOT_FOUND,
        200: {"description": "The record of the JSON contract, as `newsdesk show --json`."},
    },
)
def api_article(article_id: str, store: StoreDep) -> JSONResponse:
    """The record of DESIGN.md: article metadata and text, quotes, entities, places and dates,
    every fact with its offsets into the text. ``article_id`` may be a unique prefix of at
    least 8 hex digits."""
    analysis = queries.article(store, article_id)
    if analysis is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    # The record is JSON already: answered as it is, not walked again by the encoder.
    return JSONResponse(analysis_to_json(analysis))


@router.get(
    "/search", summary="Articles and quotations matching a query", response_model=SearchResults
)
def api_search(
    store: StoreDep,
    chosen: ArticleFilters,
    q: QParam,
    speaker: SpeakerIdParam = None,
    page: PageParam = 1,
    per_page: PerPageParam = 20,
    sort: SortParam = "relevance",
) -> Response:
    """Full-text search, accents and case ignored: ``items`` are articles best first (``total``
    of them; ``sort=date``: newest first), ``quotes`` the quotations whose own words match or
    whose speaker's name holds every word asked (``quotes_total``), one page of each;
    ``people`` the people the query names; ``facets`` count the matches per language,
    source, day and speaker."""
    found = search(store, q, replace(chosen, speaker=speaker or None), page, per_page, sort)
    in_range(found, page, per_page, max(found.total, found.quotes_total))
    # Written as JSON straight from the result (the schema above still describes it): having
    # the framework check and convert the result first cost more than the search itself.
    return Response(_SEARCH_JSON.dump_json(found), media_type="application/json")


@router.get("/quotes", summary="Quotations, newest first", response_model=QuotePage)
def api_quotes(
    store: StoreDep,
    chosen: ArticleFilters,
    speaker: SpeakerParam = None,
    kind: KindParam = None,
    min_confidence: MinConfidenceParam = None,
    page: PageParam = 1,
    per_page: PerPageParam = 20,
) -> QuotePage:
    """Quotations of the newest articles first, each with its article; ``speaker`` is an
    entity id or words of the speaker's name (``stoltenberg``), ``kind`` direct, indirect or
    mixed, ``min_confidence`` the least confidence of the quotation and of its speaker."""
    chosen = replace(
        chosen, speaker=speaker or None, kind=kind or None, min_confidence=min_confidence
    )
    found = queries.quotes(store, chosen, page, per_page)
    return in_range(found, page, per_page, found.total)


@router.get(
    "/quotes/{quote_id}",
    summary="One quotation with the sentences around it",
    response_model=QuoteDetail,
    responses=NOT_FOUND,
)
def api_quote(quote_id: str, store: StoreDep) -> QuoteDetail:
    """The quotation ``<article id prefix>-<position>``, its sentence before and after, its
    article; ``lineage``: the statement's first appearance and the other articles carrying it
    (null while relations are not computed for the article)."""
    found = quote_detail(store, quote_id)
    if found is None:
        raise HTTPException(404, f"no quotation with id {quote_id!r}")
    return found


@router.get("/options", summary="The values filters can take", response_model=choices.Options)
def api_options(store: StoreDep) -> choices.Options:
    """Languages and sources with their numbers of articles, speakers (most quoted first,
    with their ids) and kinds with their numbers of quotations: what the filter forms offer."""
    return choices.options(store)


@router.get("/speakers", summary="Speakers whose name begins as typed", response_model=list[Count])
def api_speakers(
    store: StoreDep,
    q: Annotated[str, Query(max_length=200, description="The beginning of a name.")] = "",
    limit: Annotated[int, Query(ge=1, le=50, description="At most this many.")] = 10,
) -> list[Count]:
    """Named speakers each of whose typed words begins a word of the name (``stol``,
    ``jens sto``), accents and case aside, the most quoted first, with their ids and numbers
    of quotations: the completion of the speaker filters."""
    return list(choices.suggest_speakers(store, q, limit))


@router.get(
    "/speakers/{entity_id}",
    summary="One person's quotations, per day and per outlet",
    response_model=SpeakerDetail,
    responses=NOT_FOUND,
)
def api_speaker(
    entity_id: str, store: StoreDep, page: PageParam = 1, per_page: PerPageParam = 20
) -> SpeakerDetail:
    """The quotations attributed to this entity newest first, their count per day
    (``timeline``) and per outlet."""
    found = queries.speaker(store, entity_id, page, per_page)
    if found is None:
        raise HTTPException(404, f"no speaker with id {entity_id!r}")
    return in_range(found, page, per_page, found.quotes.total)


@router.get("/entities", summary="Entities, most mentioned first", response_model=EntityPage)
def api_entities(
    store: StoreDep,
    label: LabelParam = None,
    lang: LangParam = None,
    page: PageParam = 1,
    per_page: PerPageParam = 20,
) -> EntityPage:
    """People, organisations, places and other names across all articles, with their other
    forms, article and mention counts and first and last publication dates. With ``lang``,
    each is named as articles in that language write it most (``Germany`` for ``en``), its
    canonical name then first of its aliases."""
    found = queries.entities(store, label, page, per_page, lang or None)
    return in_range(found, page, per_page, found.total)


@router.get(
    "/entities/{entity_id}",
    summary="One entity: names, articles, co-mentioned entities",
    response_model=EntityDetail,
    responses=NOT_FOUND,
)
def api_entity(
    entity_id: str,
    store: StoreDep,
    lang: LangParam = None,
    page: PageParam = 1,
    per_page: PerPageParam = 20,
) -> EntityDetail:
    """The entity, the articles naming it newest first (one page), the entities most often
    named in the same articles and how many quotations it said; named for a reader of
    ``lang`` as in ``/api/entities``."""
    found = queries.entity(store, entity_id, page, per_page, lang or None)
    if found is None:
        raise HTTPException(404, f"no entity with id {entity_id!r}")
    return in_range(found, page, per_page, found.entity.articles)


@router.get("/places", summary="Places, most cited first", response_model=PlacePage)
def api_places(
    store: StoreDep,
    since: SinceParam = None,
    until: UntilParam = None,
    page: PageParam = 1,
    per_page: PerPageParam = 20,
) -> PlacePage:
    """Places named in the articles (of a period) with their coordinates when located."""
    period = queries.Filters(since=since or None, until=until or None)
    found = queries.places(store, page, per_page, period)
    return in_range(found, page, per_page, found.total)
