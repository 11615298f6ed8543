"""Query parameters shared by the JSON routes and the pages, validated by FastAPI: a value
out of range or of the wrong form is a 422 answer before any query runs."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Depends, Query

from newsdesk.serve.queries import Filters

# Empty values are accepted everywhere (an empty form field means no filter).
DATE_PATTERN = r"^(\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?)?)?$"
MAX_PER_PAGE = 100

PageParam = Annotated[int, Query(ge=1, le=1_000_000, description="Page number, from 1.")]
PerPageParam = Annotated[
    int, Query(ge=1, le=MAX_PER_PAGE, description="Items per page (1 to 100).")
]
LangParam = Annotated[
    str | None, Query(pattern=r"^([a-z]{2,3})?$", description="ISO 639-1 language code (fr, en…).")
]
SourceParam = Annotated[str | None, Query(max_length=200, description="Outlet name or domain.")]
SinceParam = Annotated[
    str | None,
    Query(pattern=DATE_PATTERN, description="Published on or after (2022-04-05)."),
]
UntilParam = Annotated[
    str | None,
    Query(pattern=DATE_PATTERN, description="Published on or before (2022-04-05)."),
]
SpeakerParam = Annotated[
    str | None,
    Query(
        max_length=200,
        description="Speaker: an entity id (16 hex digits) or words of the speaker's name.",
    ),
]
SpeakerIdParam = Annotated[
    str | None,
    Query(pattern=r"^([0-9a-f]{16})?$", description="Only quotations of this speaker (entity id)."),
]
LabelParam = Annotated[
    Literal["PER", "ORG", "LOC", "MISC"] | None, Query(description="Only entities of this kind.")
]
QParam = Annotated[
    str, Query(min_length=1, max_length=500, description='Words, "phrases", prefix*, OR.')
]


def filters(
    lang: str | None = None,
    source: str | None = None,
    since: str | None = None,
    until: str | None = None,
    speaker: str | None = None,
) -> Filters:
    """Empty form fields (``?lang=``) mean no filter."""
    return Filters(
        lang=lang or None,
        source=source or None,
        since=since or None,
        until=until or None,
        speaker=speaker or None,
    )


def article_filters(
    lang: LangParam = None,
    source: SourceParam = None,
    since: SinceParam = None,
    until: UntilParam = None,
) -> Filters:
    """The article filters of a route's query string (one declaration for every route)."""
    return filters(lang, source, since, until)


ArticleFilters = Annotated[Filters, Depends(article_filters)]
KindParam = Annotated[
    Literal["direct", "indirect", "mixed", ""] | None,
    Query(description="Only quotations of this kind."),
]
MinConfidenceParam = Annotated[
    float | None,
    Query(
        ge=0.0,
        le=1.0,
        description="Only quotations, and named speakers, at least this sure (0.9: about nine "
        "in ten such attributions are right).",
    ),
]
SortParam = Annotated[
    Literal["relevance", "date"],
    Query(description="Articles best first (relevance) or newest first (date)."),
]
