"""Records to and from the JSON contract of DESIGN.md (one object per article)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from newsdesk.records import (
    Analysis,
    Article,
    DateExpression,
    Entity,
    Mention,
    Origin,
    Place,
    Quote,
    Source,
)


def article_to_json(article: Article) -> dict[str, Any]:
    """The ``extract`` record: the contract without the analysis fields."""
    return {
        "id": article.id,
        "url": article.url,
        "source": asdict(article.source),
        "origins": [asdict(o) for o in article.origins],
        "title": article.title,
        "published": article.published,
        "modified": article.modified,
        "language": article.language,
        "authors": list(article.authors),
        "text": article.text,
    }


def analysis_to_json(analysis: Analysis) -> dict[str, Any]:
    """The full ``analyze`` record."""
    record = article_to_json(analysis.article)
    record["quotes"] = [asdict(q) for q in analysis.quotes]
    record["entities"] = [
        {
            "id": e.id,
            "name": e.name,
            "label": e.label,
            "mentions": [asdict(m) for m in e.mentions],
            "confidence": e.confidence,
        }
        for e in analysis.entities
    ]
    record["places"] = [asdict(p) for p in analysis.places]
    record["dates"] = [asdict(d) for d in analysis.dates]
    return record


def article_from_json(record: dict[str, Any]) -> Article:
    return Article(
        id=record["id"],
        text=record["text"],
        title=record.get("title"),
        published=record.get("published"),
        modified=record.get("modified"),
        language=record.get("language"),
        url=record.get("url"),
        source=Source(**(record.get("source") or {})),
        origins=tuple(Origin(**o) for o in record.get("origins") or ()),
        authors=tuple(record.get("authors") or ()),
    )


def analysis_from_json(record: dict[str, Any]) -> Analysis:
    return Analysis(
        article=article_from_json(record),
        quotes=tuple(Quote(**q) for q in record.get("quotes") or ()),
        entities=tuple(
            Entity(
                id=e["id"],
                name=e["name"],
                label=e["label"],
                mentions=tuple(Mention(**m) for m in e["mentions"]),
                confidence=e.get("confidence"),
            )
            for e in record.get("entities") or ()
        ),
        places=tuple(Place(**p) for p in record.get("places") or ()),
        dates=tuple(DateExpression(**d) for d in record.get("dates") or ()),
    )
