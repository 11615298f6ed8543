"""What the format-specific extractors hand back before the article record is assembled."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Extracted:
    """Clean text and whatever metadata one page or dump yielded. None means 'not found'."""

    text: str
    title: str | None = None
    published: str | None = None  # ISO 8601: "2022-04-05T16:43:00+02:00" or "2022-04-05"
    modified: str | None = None  # same forms; when the page says it was last changed
    authors: tuple[str, ...] = ()
    site_name: str | None = None
    url: str | None = None
    language_hint: str | None = None  # declared by the page (<html lang>, og:locale), if any
