"""The HTML pages: each calls the same query function as its JSON twin and renders it with a
Jinja2 template (autoescaping on, so every stored text is escaped).

Pages read their query string themselves: a value they cannot use is explained in words at
the top of the page and left out, never a bare error (the JSON routes answer 422). A page
number past the last page is a 404; an article or quotation asked by a short id is
redirected to its full address.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, PackageLoader
from markupsafe import Markup

from newsdesk import coverage
from newsdesk.config import Settings
from newsdesk.serve import choices, queries, words
from newsdesk.serve.api import StoreDep
from newsdesk.serve.charts import bars_svg, bin_label, calendar, timeline_svg
from newsdesk.serve.choices import Problem, read_filters, read_number
from newsdesk.serve.markup import (
    article_html,
    highlight,
    marked_quotes,
    safe_url,
    said_by,
    speaker_classes,
)
from newsdesk.serve.models import Count
from newsdesk.serve.params import MAX_PER_PAGE
from newsdesk.serve.quotepage import quote_detail, quote_id
from newsdesk.serve.search import search
from newsdesk.serve.timelines import corpus_timeline, entity_timeline
from newsdesk.serve.worldmap import PlacePoint, render_map
from newsdesk.store import relations_queries
from newsdesk.store.sqlite import SQLiteStore

LABELS = (("PER", "People"), ("ORG", "Organisations"), ("LOC", "Places"), ("MISC", "Other"))
LABEL_WORDS = {"PER": "person", "ORG": "organisation", "LOC": "place", "MISC": "other"}
# Places drawn on the map at most (the list below it is paginated).
MAP_PLACES = 500
# Pages a list can have at most (a page number above is no page).
MAX_PAGE = 1_000_000

templates = Environment(
    loader=PackageLoader("newsdesk.serve", "templates"), autoescape=True, auto_reload=False
)
templates.globals.update(
    safe_url=safe_url,
    quote_id=quote_id,
    said_by=said_by,
    label_words=LABEL_WORDS,
    language_name=words.language,
    page_language=words.LANGUAGE,
    kind_words=lambda kind: words.KIND_WORDS.get(kind, kind),
    relation_words=words.RELATION_WORDS,
    wording_words=words.WORDING_WORDS,
)
templates.filters.update(
    when=words.when,
    day=words.when_short,
    date_value=words.date_value,
    language=words.language,
    quote_words=words.quote_words,
    number=words.number,
    highlight=highlight,
)
router = APIRouter(include_in_schema=False)


def render(template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """A page from ``template`` with ``context``."""
    html = templates.get_template(template).render(**context)
    return HTMLResponse(html, status_code=status_code)


@dataclass(frozen=True)
class Pages:
    """Links to the previous and next page of a list, None at either end."""

    page: int
    pages: int
    prev: str | None
    next: str | None


@dataclass(frozen=True)
class Asked:
    """What a list page was asked, as far as it could be used."""

    filters: queries.Filters
    page: int
    per_page: int
    problems: tuple[Problem, ...]


def link(request: Request, **changes: str | int | None) -> str:
    """This page's address with some parameters changed (None removes one)."""
    params = {k: v for k, v in request.query_params.items() if k not in changes}
    params.update({k: str(v) for k, v in changes.items() if v is not None})
    params = {k: v for k, v in params.items() if v != ""}
    return request.url.path + ("?" + urlencode(params) if params else "")


def pages(request: Request, page: int, per_page: int, total: int) -> Pages:
    """The pager of a list; a 404 for a page past the last one."""
    last = max(1, -(-total // per_page))
    if page > last:
        raise HTTPException(404, f"page {page:,} is past the last page, {last:,}")
    return Pages(
        page=page,
        pages=last,
        prev=link(request, page=page - 1) if page > 1 else None,
        next=link(request, page=page + 1) if page < last else None,
    )


def asked(request: Request, store: SQLiteStore, filters: bool = True) -> Asked:
    """The filters, page and page size of the query string, and what could not be used."""
    params = request.query_params
    found, problems = (
        read_filters(store, {k: params.get(k) for k in params})
        if filters
        else (queries.Filters(), ())
    )
    more = list(problems)
    page = read_number(more, "page", params.get("page"), 1, MAX_PAGE)
    per_page = read_number(more, "per_page", params.get("per_page"), 20, MAX_PER_PAGE)
    return Asked(found, page, per_page, tuple(more))


def export_links(request: Request, kind: str) -> dict[str, str]:
    """The export addresses of a list, with its filters and without its paging."""
    params = {k: v for k, v in request.query_params.items() if k not in ("page", "per_page") and v}
    query = "?" + urlencode(params) if params else ""
    return {fmt: f"/export/{kind}.{fmt}{query}" for fmt in ("csv", "json", "parquet")}


@router.get("/favicon.ico")
def favicon() -> Response:
    return RedirectResponse("/static/favicon.svg", status_code=301)


@router.get("/", response_class=HTMLResponse)
def home_page(store: StoreDep) -> HTMLResponse:
    return render(
        "home.html",
        home=queries.home(store, words.LANGUAGE),
        timeline=timeline_svg(calendar(corpus_timeline(store)), "articles"),
    )


@router.get("/articles", response_class=HTMLResponse)
def articles_page(request: Request, store: StoreDep) -> HTMLResponse:
    got = asked(request, store)
    result = queries.articles(store, replace(got.filters, speaker=None), got.page, got.per_page)
    return render(
        "articles.html",
        result=result,
        filters=got.filters,
        problems=got.problems,
        options=choices.options(store),
        exports=export_links(request, "articles"),
        pages=pages(request, got.page, got.per_page, result.total),
    )


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(article_id: str, store: StoreDep) -> Response:
    analysis = queries.article(store, article_id)
    if analysis is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    if analysis.article.id != article_id:
        return RedirectResponse(f"/articles/{analysis.article.id}", status_code=308)
    return render(
        "article.html",
        analysis=analysis,
        a=analysis.article,
        url=safe_url(analysis.article.url),
        text_html=article_html(analysis),
        coverage=coverage.note(analysis.article.language, Settings.from_env().models),
        quotes=analysis.quotes,
        classes=speaker_classes(analysis.quotes),
        shown={span.quote for span in marked_quotes(analysis)},
        copies=relations_queries.article_relations(store.select, analysis.article.id),
    )


@dataclass(frozen=True)
class FacetLink:
    label: str
    count: int
    href: str
    active: bool


def _facets(request: Request, chosen: queries.Filters, result: Any) -> list[Any]:
    def links(name: str, counts: Sequence[Count]) -> list[FacetLink]:
        found = []
        for c in counts:
            value = c.id or c.value
            label = words.language(c.value) if name == "lang" else c.value
            if name == "date" and c.value[:1].isdigit():
                label = bin_label(c.value)
            if name == "date":
                end = value if len(value) == 10 else None
                href = link(request, page=None, since=_first_day(value), until=end or value)
                active = chosen.since == _first_day(value)
            else:
                href = link(request, page=None, **{name: value})
                active = getattr(chosen, name) == value
            found.append(FacetLink(label, c.count, href, active))
        return found

    return [
        ("Language", "lang", links("lang", result.facets.languages)),
        ("Source", "source", links("source", result.facets.sources)),
        ("Date", "date", links("date", result.facets.dates)),
        ("Speaker", "speaker", links("speaker", result.facets.speakers)),
    ]


def _first_day(value: str) -> str:
    return value + "-01" if len(value) == 7 else value


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, store: StoreDep) -> HTMLResponse:
    got = asked(request, store)
    params = request.query_params
    q = (params.get("q") or "")[:500]
    problems = list(got.problems)
    sort = params.get("sort") or "relevance"
    if sort not in ("relevance", "date"):
        problems.append(Problem("sort", sort, "is neither relevance nor date"))
        sort = "relevance"
    speaker = got.filters.speaker
    if speaker and not queries.ENTITY_ID.fullmatch(speaker):
        problems.append(Problem("speaker", speaker, "is not a speaker's id (16 hex digits)"))
        speaker = None
    chosen = replace(got.filters, speaker=speaker, kind=None)
    kept = [(k, v) for k, v in params.items() if k in ("lang", "source", "since", "until") and v]
    kept += [("speaker", speaker)] if speaker else []
    context: dict[str, Any] = dict(q=q, kept=kept, sort=sort, problems=problems, result=None)
    if not q.strip():
        return render("search.html", **context)
    result = search(store, q, chosen, got.page, got.per_page, sort)  # type: ignore[arg-type]
    return render(
        "search.html",
        **{
            **context,
            "result": result,
            "facets": _facets(request, chosen, result),
            "exports": export_links(request, "search"),
            "sorts": [(s, link(request, sort=s, page=None)) for s in ("relevance", "date")],
            "pages": pages(request, got.page, got.per_page, max(result.total, result.quotes_total)),
        },
    )


@router.get("/quotes", response_class=HTMLResponse)
def quotes_page(request: Request, store: StoreDep) -> HTMLResponse:
    got = asked(request, store)
    result = queries.quotes(store, got.filters, got.page, got.per_page)
    return render(
        "quotes.html",
        result=result,
        filters=got.filters,
        problems=got.problems,
        options=choices.options(store),
        exports=export_links(request, "quotes"),
        pages=pages(request, got.page, got.per_page, result.total),
    )


@router.get("/quotes/{value}", response_class=HTMLResponse)
def quote_page(value: str, store: StoreDep) -> Response:
    found = quote_detail(store, value)
    if found is None:
        raise HTTPException(404, f"no quotation with id {value!r}")
    if found.id != value:
        return RedirectResponse(f"/quotes/{found.id}", status_code=308)
    return render("quote.html", d=found, words=words.quote_words(found.quote))


def canonical(request: Request, asked_id: str, found_id: str) -> Response | None:
    """A redirect to the address of ``found_id`` when an id merged into it was asked."""
    if asked_id == found_id:
        return None
    path = request.url.path.removesuffix(asked_id) + found_id
    query = request.url.query
    return RedirectResponse(path + (f"?{query}" if query else ""), status_code=308)


@router.get("/speakers/{entity_id}", response_class=HTMLResponse)
def speaker_page(request: Request, entity_id: str, store: StoreDep) -> Response:
    got = asked(request, store, filters=False)
    found = queries.speaker(store, entity_id, got.page, got.per_page)
    if found is None:
        raise HTTPException(404, f"no speaker with id {entity_id!r}")
    if moved := canonical(request, entity_id, found.id):
        return moved
    return render(
        "speaker.html",
        s=found,
        problems=got.problems,
        timeline_svg=timeline_svg(calendar(found.timeline), "quotations"),
        outlets_svg=bars_svg(found.outlets, "Quotations per outlet"),
        exports=export_links(request, f"speakers/{found.id}"),
        pages=pages(request, got.page, got.per_page, found.quotes.total),
    )


@router.get("/entities", response_class=HTMLResponse)
def entities_page(request: Request, store: StoreDep) -> HTMLResponse:
    got = asked(request, store, filters=False)
    problems = list(got.problems)
    label = request.query_params.get("label") or None
    if label is not None and label not in dict(LABELS):
        problems.append(Problem("label", label, "is not a kind (PER, ORG, LOC, MISC)"))
        label = None
    result = queries.entities(store, label, got.page, got.per_page, words.LANGUAGE)
    return render(
        "entities.html",
        result=result,
        label=label,
        labels=LABELS,
        problems=problems,
        exports=export_links(request, "entities"),
        pages=pages(request, got.page, got.per_page, result.total),
    )


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity_page(request: Request, entity_id: str, store: StoreDep) -> Response:
    got = asked(request, store, filters=False)
    found = queries.entity(store, entity_id, got.page, got.per_page, words.LANGUAGE)
    if found is None:
        raise HTTPException(404, f"no entity with id {entity_id!r}")
    if moved := canonical(request, entity_id, found.entity.id):
        return moved
    return render(
        "entity.html",
        d=found,
        problems=got.problems,
        timeline=timeline_svg(calendar(entity_timeline(store, found.entity.id)), "articles"),
        pages=pages(request, got.page, got.per_page, found.entity.articles),
    )


@router.get("/places", response_class=HTMLResponse)
def places_page(request: Request, store: StoreDep) -> HTMLResponse:
    got = asked(request, store)
    problems = [p for p in got.problems if p.name in ("since", "until", "page", "per_page")]
    period = queries.Filters(since=got.filters.since, until=got.filters.until)
    result = queries.places(store, got.page, got.per_page, period)
    points = [
        PlacePoint(p.name, p.lat, p.lon, f"/entities/{p.entity_id}", p.articles)
        for p in queries.places(store, 1, MAP_PLACES, period).items
        if p.lat is not None and p.lon is not None
    ]
    return render(
        "places.html",
        result=result,
        map_svg=Markup(render_map(points)),
        filters=period,
        problems=problems,
        exports=export_links(request, "places"),
        pages=pages(request, got.page, got.per_page, result.total),
    )
