"""Quotations and their speakers: who said what, with offsets into the article's text."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from newsdesk.records import Analysis, Entity, Quote


def find_quotes(text: str, language: str | None, entities: tuple[Entity, ...]) -> tuple[Quote, ...]:
    """The quotations of one article, in text order, speakers resolved to ``entities``."""
    return ()


class QuoteFinder:
    """The quotes component: reads the text and the entities found before it."""

    name = "quotes"
    requires: frozenset[str] = frozenset()

    def __call__(self, doc: Doc, analysis: Analysis) -> Analysis:
        """``analysis`` with its quotations."""
        article = analysis.article
        quotes = find_quotes(article.text, article.language, analysis.entities)
        return replace(analysis, quotes=quotes)
