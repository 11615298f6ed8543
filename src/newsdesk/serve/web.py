"""The HTML pages: each calls the same query function as its JSON twin and renders it with a
Jinja2 template (autoescaping on, so every stored text is escaped)."""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader
from markupsafe import Markup

from newsdesk.serve import queries
from newsdesk.serve.api import StoreDep
from newsdesk.serve.markup import article_html, marked_quotes, safe_url, speaker_colours
from newsdesk.serve.models import Count, PlaceSummary
from newsdesk.serve.params import (
    ArticleFilters,
    LabelParam,
    PageParam,
    PerPageParam,
    SpeakerIdParam,
    SpeakerParam,
)
from newsdesk.store import relations_queries

# Places drawn on the map at most (the list below it is paginated).
MAP_PLACES = 500
LABELS = (("PER", "People"), ("ORG", "Organisations"), ("LOC", "Places"), ("MISC", "Other"))

templates = Environment(
    loader=PackageLoader("newsdesk.serve", "templates"), autoescape=True, auto_reload=False
)
templates.globals["safe_url"] = safe_url
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


def _link(request: Request, **changes: str | int | None) -> str:
    params = {k: v for k, v in request.query_params.items() if k not in changes}
    params.update({k: str(v) for k, v in changes.items() if v is not None})
    params = {k: v for k, v in params.items() if v != ""}
    return request.url.path + ("?" + urlencode(params) if params else "")


def pages(request: Request, page: int, per_page: int, total: int) -> Pages:
    last = max(1, -(-total // per_page))
    return Pages(
        page=page,
        pages=last,
        prev=_link(request, page=page - 1) if page > 1 else None,
        next=_link(request, page=page + 1) if page < last else None,
    )


def timeline_svg(days: Sequence[Count]) -> Markup:
    """Quotations per day as an inline SVG bar chart, one bar per day with quotations."""
    height, bar, gap = 100, 12, 4
    top = max((d.count for d in days), default=1)
    width = max(len(days) * (bar + gap), 120)
    rects = [
        Markup(
            '<rect x="{0}" y="{1}" width="{2}" height="{3}"><title>{4}: {5}</title></rect>'
        ).format(
            i * (bar + gap),
            height - round(height * d.count / top),
            bar,
            round(height * d.count / top),
            d.value,
            d.count,
        )
        for i, d in enumerate(days)
    ]
    labels = Markup("")
    if len(days) > 1:
        labels = Markup(
            '<text x="0" y="{0}">{1}</text><text x="{2}" y="{0}" text-anchor="end">{3}</text>'
        ).format(height + 14, days[0].value, width, days[-1].value)
    elif days:
        labels = Markup('<text x="0" y="{0}">{1}</text>').format(height + 14, days[0].value)
    return Markup(
        '<svg class="timeline" role="img" viewBox="0 0 {0} {1}" width="{0}" height="{1}"'
        ' aria-label="{2} days with quotations, most on one day: {3}">{4}{5}</svg>'
    ).format(width, height + 18, len(days), top, Markup("").join(rects), labels)


def map_svg(places: Sequence[PlaceSummary]) -> Markup | None:
    """The world map of the located places, or None when the map module is not available."""
    try:
        worldmap = importlib.import_module("newsdesk.serve.worldmap")
        point, render_map = worldmap.PlacePoint, worldmap.render_map
    except (ImportError, AttributeError):
        return None
    points = [
        point(p.name, p.lat, p.lon, f"/entities/{p.entity_id}", p.articles)
        for p in places
        if p.lat is not None and p.lon is not None
    ]
    return Markup(render_map(points))


@router.get("/", response_class=HTMLResponse)
def home_page(store: StoreDep) -> HTMLResponse:
    return render("home.html", home=queries.home(store))


@router.get("/articles", response_class=HTMLResponse)
def articles_page(
    request: Request,
    store: StoreDep,
    chosen: ArticleFilters,
    page: PageParam = 1,
    per_page: PerPageParam = 20,
) -> HTMLResponse:
    result = queries.articles(store, chosen, page, per_page)
    return render(
        "articles.html",
        result=result,
        filters=chosen,
        pages=pages(request, page, per_page, result.total),
    )


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(article_id: str, store: StoreDep) -> HTMLResponse:
    analysis = queries.article(store, article_id)
    if analysis is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    return render(
        "article.html",
        analysis=analysis,
        a=analysis.article,
        url=safe_url(analysis.article.url),
        text_html=article_html(analysis),
        quotes=analysis.quotes,
        colours=speaker_colours(analysis.quotes),
        shown={span.quote for span in marked_quotes(analysis)},
        copies=relations_queries.article_relations(store.select, analysis.article.id),
    )


@dataclass(frozen=True)
class FacetLink:
    label: str
    count: int
    href: str
    active: bool


@router.get("/search", response_class=HTMLResponse)
def search_page(
    request: Request,
    store: StoreDep,
    chosen: ArticleFilters,
    q: Annotated[str | None, Query(max_length=500)] = None,
    speaker: SpeakerIdParam = None,
    page: PageParam = 1,
    per_page: PerPageParam = 20,
) -> HTMLResponse:
    chosen = replace(chosen, speaker=speaker or None)
    kept = [
        (name, value)
        for name, value in (
            ("lang", chosen.lang),
            ("source", chosen.source),
            ("since", chosen.since),
            ("until", chosen.until),
            ("speaker", chosen.speaker),
        )
        if value
    ]
    if not q or not q.strip():
        return render("search.html", q=q, kept=kept, result=None)
    result = queries.search(store, q, chosen, page, per_page)

    def links(name: str, counts: Sequence[Count]) -> list[FacetLink]:
        found = []
        for c in counts:
            value = c.id or c.value
            if name == "date":
                href = _link(request, page=None, since=value, until=value)
                active = chosen.since == value and chosen.until == value
            else:
                href = _link(request, page=None, **{name: value})
                active = getattr(chosen, name) == value
            found.append(FacetLink(c.value, c.count, href, active))
        return found

    facets = [
        ("Language", "lang", links("lang", result.facets.languages)),
        ("Source", "source", links("source", result.facets.sources)),
        ("Date", "date", links("date", result.facets.dates)),
        ("Speaker", "speaker", links("speaker", result.facets.speakers)),
    ]
    total = max(result.total, result.quotes_total)
    return render(
        "search.html",
        q=q,
        kept=kept,
        result=result,
        facets=facets,
        pages=pages(request, page, per_page, total),
    )


@router.get("/quotes", response_class=HTMLResponse)
def quotes_page(
    request: Request,
    store: StoreDep,
    chosen: ArticleFilters,
    speaker: SpeakerParam = None,
    page: PageParam = 1,
    per_page: PerPageParam = 20,
) -> HTMLResponse:
    chosen = replace(chosen, speaker=speaker or None)
    result = queries.quotes(store, chosen, page, per_page)
    return render(
        "quotes.html",
        result=result,
        filters=chosen,
        pages=pages(request, page, per_page, result.total),
    )


@router.get("/speakers/{entity_id}", response_class=HTMLResponse)
def speaker_page(
    request: Request,
    entity_id: str,
    store: StoreDep,
    page: PageParam = 1,
    per_page: PerPageParam = 20,
) -> HTMLResponse:
    found = queries.speaker(store, entity_id, page, per_page)
    if found is None:
        raise HTTPException(404, f"no speaker with id {entity_id!r}")
    return render(
        "speaker.html",
        s=found,
        timeline_svg=timeline_svg(found.timeline),
        pages=pages(request, page, per_page, found.quotes.total),
    )


@router.get("/entities", response_class=HTMLResponse)
def entities_page(
    request: Request,
    store: StoreDep,
    label: LabelParam = None,
    page: PageParam = 1,
    per_page: PerPageParam = 20,
) -> HTMLResponse:
    result = queries.entities(store, label, page, per_page)
    return render(
        "entities.html",
        result=result,
        label=label,
        labels=LABELS,
        pages=pages(request, page, per_page, result.total),
    )


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity_page(
    request: Request,
    entity_id: str,
    store: StoreDep,
    page: PageParam = 1,
    per_page: PerPageParam = 20,
) -> HTMLResponse:
    found = queries.entity(store, entity_id, page, per_page)
    if found is None:
        raise HTTPException(404, f"no entity with id {entity_id!r}")
    return render(
        "entity.html", d=found, pages=pages(request, page, per_page, found.entity.articles)
    )


@router.get("/places", response_class=HTMLResponse)
def places_page(
    request: Request, store: StoreDep, page: PageParam = 1, per_page: PerPageParam = 20
) -> HTMLResponse:
    result = queries.places(store, page, per_page)
    return render(
        "places.html",
        result=result,
        map_svg=map_svg(queries.places(store, 1, MAP_PLACES).items),
        pages=pages(request, page, per_page, result.total),
    )
