"""The JSON API: one route per page, each calling the page's query function.

Lists answer ``{"items": [...], "total": N, "page": P, "per_page": K}``; errors answer
``{"detail": "..."}`` with 404 for an unknown id and 422 for a bad parameter.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request

from newsdesk.serialize import analysis_to_json
from newsdesk.serve import queries
from newsdesk.serve.models import (
    ArticlePage,
    EntityDetail,
    EntityPage,
    Home,
    PlacePage,
    QuotePage,
    SearchResults,
    SpeakerDetail,
)
from newsdesk.serve.params import (
    ArticleFilters,
    LabelParam,
    PageParam,
    PerPageParam,
    QParam,
    SpeakerIdParam,
    SpeakerParam,
)
from newsdesk.store.base import Stats
from newsdesk.store.sqlite import SQLiteStore


def get_store(request: Request) -> SQLiteStore:
    """The application's read-only store."""
    store: SQLiteStore = request.app.state.store
    return store


StoreDep = Annotated[SQLiteStore, Depends(get_store)]
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"description": "No record with this id."}}

router = APIRouter(prefix="/api", tags=["api"])


@router.get("/stats", summary="Counts of what the store holds", response_model=Stats)
def api_stats(store: StoreDep) -> Stats:
    """Articles, origins, entities, mentions, quotations, places and dates stored, articles per
    language and per source, and the range of publication dates (as ``newsdesk stats``)."""
    return store.stats()


@router.get("/home", summary="What the front page shows", response_model=Home)
def api_home(store: StoreDep) -> Home:
    """Counts, the 10 latest articles, the 10 most quoted speakers and the 10 most mentioned
    entities."""
    return queries.home(store)


@router.get("/articles", summary="Articles, newest first", response_model=ArticlePage)
def api_articles(
    store: StoreDep,
    chosen: ArticleFilters,
    page: PageParam = 1,
    per_page: PerPageParam = 20,
) -> ArticlePage:
    """Stored articles newest first (undated last), narrowed by language, outlet and date."""
    return queries.articles(store, chosen, page, per_page)


@router.get(
    "/articles/{article_id}",
    summary="One article's whole record",
    responses={
        **NOT_FOUND,
        200: {"description": "The record of the JSON contract, as `newsdesk show --json`."},
    },
)
def api_article(article_id: str, store: StoreDep) -> dict[str, Any]:
    """The record of DESIGN.md: article metadata and text, quotes, entities, places and dates,
    every fact with its offsets into the text. ``article_id`` may be a unique prefix of at
    least 8 hex digits."""
    analysis = queries.article(store, article_id)
    if analysis is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    return analysis_to_json(analysis)


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
) -> SearchResults:
    """Full-text search, accents and case ignored: ``items`` are articles best first (``total``
    of them), ``quotes`` the quotations whose own words match (``quotes_total``), one page of
    each; ``facets`` count the matches per language, source, day and speaker."""
    return queries.search(store, q, replace(chosen, speaker=speaker or None), page, per_page)


@router.get("/quotes", summary="Quotations, newest first", response_model=QuotePage)
def api_quotes(
    store: StoreDep,
    chosen: ArticleFilters,
    speaker: SpeakerParam = None,
    page: PageParam = 1,
    per_page: PerPageParam = 20,
) -> QuotePage:
    """Quotations of the newest articles first, each with its article; ``speaker`` is an
    entity id or words of the speaker's name (``stoltenberg``)."""
    return queries.quotes(store, replace(chosen, speaker=speaker or None), page, per_page)


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
    return found


@router.get("/entities", summary="Entities, most mentioned first", response_model=EntityPage)
def api_entities(
    store: StoreDep, label: LabelParam = None, page: PageParam = 1, per_page: PerPageParam = 20
) -> EntityPage:
    """People, organisations, places and other names across all articles, with their other
    forms, article and mention counts and first and last publication dates."""
    return queries.entities(store, label, page, per_page)


@router.get(
    "/entities/{entity_id}",
    summary="One entity: names, articles, co-mentioned entities",
    response_model=EntityDetail,
    responses=NOT_FOUND,
)
def api_entity(
    entity_id: str, store: StoreDep, page: PageParam = 1, per_page: PerPageParam = 20
) -> EntityDetail:
    """The entity, the articles naming it newest first (one page), the entities most often
    named in the same articles and how many quotations it said."""
    found = queries.entity(store, entity_id, page, per_page)
    if found is None:
        raise HTTPException(404, f"no entity with id {entity_id!r}")
    return found


@router.get("/places", summary="Places, most cited first", response_model=PlacePage)
def api_places(store: StoreDep, page: PageParam = 1, per_page: PerPageParam = 20) -> PlacePage:
    """Places named in the articles with their coordinates when located."""
    return queries.places(store, page, per_page)
