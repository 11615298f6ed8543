"""Stories, statements and copies: JSON routes under ``/api`` and their pages, from the same
query functions (``newsdesk.store.relations_queries``).

| page | JSON |
|---|---|
| ``/stories`` | ``/api/stories`` |
| ``/stories/{id}`` (a timeline of its articles) | ``/api/stories/{id}`` |
| ``/statements?speaker=`` | ``/api/statements?speaker=`` |
| ``/statements/{id}`` (first source and variants) | ``/api/statements/{id}`` |
| (on the article page) | ``/api/articles/{id}/copies`` |
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup

from newsdesk.serve import words
from newsdesk.serve.api import NOT_FOUND, StoreDep
from newsdesk.serve.choices import read_number
from newsdesk.serve.params import PageParam, PerPageParam, SpeakerParam
from newsdesk.serve.web import asked, pages, render
from newsdesk.store import relations_queries as rq

api = APIRouter(prefix="/api", tags=["api"])
web = APIRouter(include_in_schema=False)
TOP = 1_000_000
MinParam = Annotated[int, Query(ge=1, le=TOP, description="At least this many articles.")]
IdParam = Annotated[str, Query(max_length=200)]


@dataclass(frozen=True)
class StoryPage:
    items: tuple[rq.StorySummary, ...]
    total: int
    page: int
    per_page: int


@dataclass(frozen=True)
class StatementPage:
    items: tuple[rq.StatementSummary, ...]
    total: int
    page: int
    per_page: int


def story_page_data(store: StoreDep, min_articles: int, page: int, per_page: int) -> StoryPage:
    found, total = rq.stories(
        store.select, min_articles=min_articles, limit=per_page, offset=(page - 1) * per_page
    )
    return StoryPage(tuple(found), total, page, per_page)


def statement_page_data(
    store: StoreDep, speaker: str | None, min_carriers: int, page: int, per_page: int
) -> StatementPage:
    found, total = rq.statements(
        store.select,
        speaker or None,
        min_carriers=min_carriers,
        limit=per_page,
        offset=(page - 1) * per_page,
    )
    return StatementPage(tuple(found), total, page, per_page)


def _story(store: StoreDep, story_id: str) -> rq.StoryDetail:
    found = rq.story(store.select, story_id)
    if found is None:
        raise HTTPException(404, f"no story with id {story_id!r}")
    return found


def _statement(store: StoreDep, statement_id: str) -> rq.StatementDetail:
    found = rq.statement(store.select, statement_id)
    if found is None:
        raise HTTPException(404, f"no statement with id {statement_id!r}")
    return found


# --- JSON -------------------------------------------------------------------------------------


@api.get("/stories", summary="Stories, latest first", response_model=StoryPage)
def api_stories(
    store: StoreDep, min_articles: MinParam = 2, page: PageParam = 1, per_page: PerPageParam = 20
) -> StoryPage:
    """Groups of articles about one event across outlets and languages."""
    return story_page_data(store, min_articles, page, per_page)


@api.get(
    "/stories/{story_id}", summary="One story", response_model=rq.StoryDetail, responses=NOT_FOUND
)
def api_story(story_id: str, store: StoreDep) -> rq.StoryDetail:
    """A story and its articles, earliest first (an article's id finds its story)."""
    return _story(store, story_id)


@api.get("/statements", summary="Statements across articles", response_model=StatementPage)
def api_statements(
    store: StoreDep,
    speaker: SpeakerParam = None,
    min_carriers: MinParam = 1,
    page: PageParam = 1,
    per_page: PerPageParam = 20,
) -> StatementPage:
    """Statements, the most widely carried first; ``speaker``: entity id or words of a name."""
    return statement_page_data(store, speaker, min_carriers, page, per_page)


@api.get(
    "/statements/{statement_id}",
    summary="One statement",
    response_model=rq.StatementDetail,
    responses=NOT_FOUND,
)
def api_statement(statement_id: str, store: StoreDep) -> rq.StatementDetail:
    """Where a statement first appeared, and every article carrying it with its wording."""
    return _statement(store, statement_id)


@api.get(
    "/articles/{article_id}/copies",
    summary="An article's copies, signals and story",
    response_model=rq.ArticleRelations,
    responses=NOT_FOUND,
)
def api_article_copies(article_id: str, store: StoreDep) -> rq.ArticleRelations:
    """Its copies (earliest first, with the share of text in common), the signals that it is a
    copy (wire credits, a copy of an earlier article, a language not the site's), its story."""
    found = rq.article_relations(store.select, article_id)
    if found is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    return found


# --- pages ------------------------------------------------------------------------------------


def timeline_svg(timeline: tuple[rq.ArticleRef, ...]) -> Markup:
    """The story's articles as dots on a time axis (undated articles are left out)."""
    points = []
    for ref in timeline:
        when = ref.seen or ref.fetched
        try:
            points.append((datetime.fromisoformat(when[:19]) if when else None, ref))
        except ValueError:
            continue
    dated = [(t, r) for t, r in points if t is not None]
    if not dated:
        return Markup("")
    start, end = dated[0][0], dated[-1][0]
    span = max((end - start).total_seconds(), 1.0)
    width, height = 600, 40
    dots = [
        Markup(
            '<a href="/articles/{0}"><circle cx="{1:.1f}" cy="20" r="6"><title>{2}</title>'
            "</circle></a>"
        ).format(
            ref.id,
            10 + (t - start).total_seconds() / span * (width - 20),
            f"{words.when(t.isoformat())} · {ref.outlet or 'unknown outlet'} · {ref.title or ''}",
        )
        for t, ref in dated
    ]
    return Markup(
        '<svg class="timeline" role="group" viewBox="0 0 {0} {1}" width="100%" height="{1}"'
        ' aria-label="{2} dated articles from {3} to {4}"><line x1="10" y1="20" x2="{5}" y2="20"'
        ' stroke="currentColor"/>{6}</svg>'
    ).format(
        width,
        height,
        len(dated),
        words.day(start.date()),
        words.day(end.date()),
        width - 10,
        Markup("").join(dots),
    )


@web.get("/stories", response_class=HTMLResponse)
def stories_page(request: Request, store: StoreDep) -> HTMLResponse:
    got = asked(request, store, filters=False)
    problems = list(got.problems)
    least = read_number(problems, "min_articles", request.query_params.get("min_articles"), 2, TOP)
    result = story_page_data(store, least, got.page, got.per_page)
    return render(
        "stories.html",
        result=result,
        problems=problems,
        pages=pages(request, got.page, got.per_page, result.total),
    )


@web.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(story_id: str, store: StoreDep) -> HTMLResponse:
    detail = _story(store, story_id)
    return render("story.html", d=detail, timeline=timeline_svg(detail.timeline))


@web.get("/statements", response_class=HTMLResponse)
def statements_page(request: Request, store: StoreDep) -> HTMLResponse:
    got = asked(request, store, filters=False)
    problems = list(got.problems)
    least = read_number(problems, "min_carriers", request.query_params.get("min_carriers"), 1, TOP)
    speaker = (request.query_params.get("speaker") or "").strip()[:200] or None
    result = statement_page_data(store, speaker, least, got.page, got.per_page)
    return render(
        "statements.html",
        result=result,
        speaker=speaker or "",
        problems=problems,
        pages=pages(request, got.page, got.per_page, result.total),
    )


@web.get("/statements/{statement_id}", response_class=HTMLResponse)
def statement_page(statement_id: str, store: StoreDep) -> HTMLResponse:
    return render("statement.html", d=_statement(store, statement_id))


def register(app: FastAPI) -> None:
    """Add these routes to ``app`` (before the pages' catch-alls)."""
    app.include_router(api)
    app.include_router(web)
