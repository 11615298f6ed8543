"""Counts per day over the corpus and per entity, for the timelines of the pages (the
speaker's is part of ``queries.speaker``). Computed once per state of the store."""

from __future__ import annotations

from newsdesk.serve.models import Count
from newsdesk.serve.queries import cached, counts_of, members, store_state
from newsdesk.store.sqlite import SQLiteStore

_DAY = "substr(a.published, 1, 10)"


def corpus_timeline(store: SQLiteStore) -> tuple[Count, ...]:
    """Articles published per day, over the whole corpus."""

    def compute() -> tuple[Count, ...]:
        return counts_of(
            store.select(
                f"SELECT {_DAY} AS d, count(*) FROM articles AS a"
                " WHERE a.published IS NOT NULL GROUP BY d ORDER BY d"
            )
        )

    return cached(("corpus-timeline", str(store.path), *store_state(store)), compute)


def entity_timeline(store: SQLiteStore, entity_id: str) -> tuple[Count, ...]:
    """Articles naming the entity (or an id merged into it) per day of publication."""

    def compute() -> tuple[Count, ...]:
        ids = members(store, entity_id)
        marks = ", ".join("?" * len(ids))
        return counts_of(
            store.select(
                f"SELECT {_DAY} AS d, count(DISTINCT a.id) FROM articles AS a"
                f" JOIN entities AS e ON e.article_id = a.id AND e.id IN ({marks})"
                " WHERE a.published IS NOT NULL GROUP BY d ORDER BY d",
                ids,
            )
        )

    key = ("entity-timeline", entity_id, str(store.path), *store_state(store))
    return cached(key, compute)
