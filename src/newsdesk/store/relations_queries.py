"""Reading the relations between articles: an article's copies and signals, stories with their
timeline, statements with their first source and variants.

Every function takes ``select`` (``SQLiteStore.select``: one parameterized query read in one
snapshot), so the CLI, the JSON API and the pages ask the same questions.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from newsdesk.relate.statements import Change, changes
from newsdesk.store.base import check_page, speaker_words

Select = Callable[[str, Sequence[Any]], list[tuple[Any, ...]]]


@dataclass(frozen=True)
class ArticleRef:
    id: str
    title: str | None
    seen: str | None
    fetched: str | None
    outlet: str | None
    language: str | None


@dataclass(frozen=True)
class CopyLink:
    article: ArticleRef
    kind: str  # version (same outlet) or copy (another outlet)
    share: float  # share of the shorter text found in the longer one


@dataclass(frozen=True)
class SignalRow:
    kind: str
    value: str
    evidence: str
    start: int | None
    end: int | None


@dataclass(frozen=True)
class ArticleRelations:
    """What the relations say of one article."""

    id: str
    copies: tuple[CopyLink, ...]
    first_seen: ArticleRef | None  # the earliest copy, when it is another article
    signals: tuple[SignalRow, ...]
    story_id: str | None
    story_articles: int


@dataclass(frozen=True)
class StorySummary:
    id: str
    title: str | None
    first_seen: str | None
    last_seen: str | None
    articles: int
    outlets: int
    languages: tuple[str, ...]


@dataclass(frozen=True)
class StoryDetail:
    story: StorySummary
    timeline: tuple[ArticleRef, ...]  # earliest first
    first: ArticleRef | None


@dataclass(frozen=True)
class StatementSummary:
    id: str
    speaker: str
    speaker_id: str | None
    text: str  # the words of its first appearance
    first_article_id: str
    first_seen: str | None
    carriers: int
    languages: tuple[str, ...]


@dataclass(frozen=True)
class Variant:
    """One article's wording of a statement, compared with the first appearance's."""

    article: ArticleRef
    position: int
    text: str
    wording: str  # first, exact, trimmed, paraphrased, translated
    similarity: float
    confidence: float
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class StatementDetail:
    statement: StatementSummary
    variants: tuple[Variant, ...]  # the first appearance first, then by time


_REF = "ra.article_id, ra.title, ra.seen, ra.fetched, ra.outlet, ra.language"
_ORDER = "ra.seen IS NULL, ra.seen, ra.fetched IS NULL, ra.fetched, ra.seq"


def _ref(row: Sequence[Any]) -> ArticleRef:
    return ArticleRef(*row[:6])


def article_relations(select: Select, article_id: str) -> ArticleRelations | None:
    """An article's copies (earliest first), its signals (a copy of an earlier article among
    them) and its story; None when the relations do not know it."""
    own = select(
        f"SELECT {_REF}, ra.story_id, ra.seq FROM relation_articles AS ra WHERE ra.article_id = ?",
        (article_id,),
    )
    if not own:
        return None
    story_id = own[0][6]
    rows = select(
        f"SELECT {_REF}, c.kind, c.share FROM copies AS c"
        f" JOIN relation_articles AS ra ON ra.article_id = c.other_id"
        f" WHERE c.article_id = ? ORDER BY {_ORDER}",
        (article_id,),
    )
    copies = tuple(CopyLink(_ref(r), r[6], float(r[7])) for r in rows)
    signals = [
        SignalRow(*r)
        for r in select(
            'SELECT kind, value, evidence, start, "end" FROM copy_signals'
            " WHERE article_id = ? ORDER BY position",
            (article_id,),
        )
    ]
    first = None
    if copies:
        # Earliest publication, then earliest fetch, then the first stored.
        (earliest,) = select(
            f"SELECT ra.article_id FROM relation_articles AS ra WHERE ra.article_id = ?"
            f" OR ra.article_id IN (SELECT other_id FROM copies WHERE article_id = ?)"
            f" ORDER BY {_ORDER} LIMIT 1",
            (article_id, article_id),
        )[0]
        first = next((c.article for c in copies if c.article.id == earliest), None)
    if first is not None:
        share = next(c.share for c in copies if c.article is first)
        evidence = (
            f"{share:.0%} of the text is in an article of "
            f"{first.outlet or 'an unknown outlet'} seen {first.seen or first.fetched or 'earlier'}"
        )
        signals.append(SignalRow("copy", first.id, evidence, None, None))
    members = select("SELECT articles FROM stories WHERE id = ?", (story_id,)) if story_id else []
    return ArticleRelations(
        article_id, copies, first, tuple(signals), story_id, int(members[0][0]) if members else 0
    )


_STORY = "s.id, s.title, s.first_seen, s.last_seen, s.articles, s.outlets, s.languages"


def _languages(value: object) -> tuple[str, ...]:
    return tuple(x for x in str(value or "").split(",") if x)


def _story(row: Sequence[Any]) -> StorySummary:
    id_, title, first, last, articles, outlets, languages = row[:7]
    return StorySummary(id_, title, first, last, int(articles), int(outlets), _languages(languages))


def stories(
    select: Select, *, min_articles: int = 1, limit: int = 20, offset: int = 0
) -> tuple[list[StorySummary], int]:
    """Stories, most recently seen first, with at least ``min_articles``; and their number."""
    check_page(limit, offset, "stories")
    rows = select(
        f"SELECT {_STORY} FROM stories AS s WHERE s.articles >= ?"
        " ORDER BY s.last_seen IS NULL, s.last_seen DESC, s.articles DESC, s.id LIMIT ? OFFSET ?",
        (min_articles, limit, offset),
    )
    total = select("SELECT count(*) FROM stories WHERE articles >= ?", (min_articles,))[0][0]
    return [_story(r) for r in rows], int(total)


def story(select: Select, story_id: str) -> StoryDetail | None:
    """A story and its articles on a timeline (earliest first); an article id finds its story."""
    rows = select(f"SELECT {_STORY} FROM stories AS s WHERE s.id = ?", (story_id,))
    if not rows:
        rows = select(
            f"SELECT {_STORY} FROM stories AS s JOIN relation_articles AS ra"
            " ON ra.story_id = s.id WHERE ra.article_id = ?",
            (story_id,),
        )
    if not rows:
        return None
    summary = _story(rows[0])
    timeline = tuple(
        _ref(r)
        for r in select(
            f"SELECT {_REF} FROM relation_articles AS ra WHERE ra.story_id = ? ORDER BY {_ORDER}",
            (summary.id,),
        )
    )
    return StoryDetail(summary, timeline, timeline[0] if timeline else None)


_STATEMENT = (
    "st.id, st.speaker, st.speaker_id, st.text, st.first_article_id, st.first_seen,"
    " st.carriers, st.languages"
)


def _statement(row: Sequence[Any]) -> StatementSummary:
    id_, speaker, speaker_id, text, first_id, first_seen, carriers, languages = row[:8]
    return StatementSummary(
        id_, speaker, speaker_id, text, first_id, first_seen, int(carriers), _languages(languages)
    )


def statements(
    select: Select,
    speaker: str | None = None,
    *,
    min_carriers: int = 1,
    limit: int = 20,
    offset: int = 0,
) -> tuple[list[StatementSummary], int]:
    """Statements, the most widely carried first; ``speaker``: an entity id or words of the
    name (every word must be one of the speaker's)."""
    check_page(limit, offset, "statements")
    clauses, params = ["st.carriers >= ?"], list[Any]([min_carriers])
    if speaker:
        words = speaker_words(speaker)
        name = " AND ".join("instr(' ' || lower(st.speaker) || ' ', ?) > 0" for _ in words)
        clauses.append(f"(st.speaker_id = ? OR ({name or '0'}))")
        params += [speaker, *(f" {w} " for w in words)]
    where = " AND ".join(clauses)
    rows = select(
        f"SELECT {_STATEMENT} FROM statements AS st WHERE {where}"
        " ORDER BY st.carriers DESC, st.first_seen IS NULL, st.first_seen DESC, st.id"
        " LIMIT ? OFFSET ?",
        (*params, limit, offset),
    )
    total = select(f"SELECT count(*) FROM statements AS st WHERE {where}", tuple(params))[0][0]
    return [_statement(r) for r in rows], int(total)


def statement(select: Select, statement_id: str) -> StatementDetail | None:
    """A statement with every article carrying it: the first appearance, then the others by
    time, each with its wording and its differences from the first."""
    rows = select(f"SELECT {_STATEMENT} FROM statements AS st WHERE st.id = ?", (statement_id,))
    if not rows:
        return None
    summary = _statement(rows[0])
    variants: list[Variant] = []
    for r in select(
        f"SELECT {_REF}, q.position, q.text, q.wording, q.similarity, q.confidence"
        f" FROM statement_quotes AS q JOIN relation_articles AS ra ON ra.article_id = q.article_id"
        f" WHERE q.statement_id = ? ORDER BY {_ORDER}, q.position",
        (summary.id,),
    ):
        ref, position, text, wording, similarity, confidence = _ref(r), *r[6:]
        first = not variants
        same_language = ref.language == (variants[0].article.language if variants else None)
        diff = () if first or not same_language else tuple(changes(summary.text, text))
        variants.append(
            Variant(
                ref,
                int(position),
                text,
                "first" if first else str(wording),
                float(similarity),
                float(confidence),
                diff,
            )
        )
    return StatementDetail(summary, tuple(variants))


@dataclass(frozen=True)
class Carrier:
    """Another article carrying a quotation's statement: ``relation`` says how it relates to
    the quotation's own article (``version`` at the same outlet, ``copy`` of its text, or
    ``same statement`` when only the quotation was linked)."""

    article: ArticleRef
    position: int
    text: str
    wording: str
    relation: str


@dataclass(frozen=True)
class QuoteLineage:
    """Where a quotation's statement first appeared (possibly the quotation itself) and the
    other articles carrying it, earliest first."""

    statement_id: str | None
    first: ArticleRef | None
    first_position: int | None
    others: tuple[Carrier, ...]


def quote_lineage(select: Select, article_id: str, position: int) -> QuoteLineage | None:
    """The lineage of the quotation at ``position`` in ``article_id``; None when the relations
    do not know the article (not computed for it)."""
    if not select("SELECT 1 FROM relation_articles WHERE article_id = ?", (article_id,)):
        return None
    own = select(
        "SELECT statement_id FROM statement_quotes WHERE article_id = ? AND position = ?",
        (article_id, position),
    )
    found = statement(select, own[0][0]) if own else None
    if found is None or not found.variants:
        return QuoteLineage(own[0][0] if own else None, None, None, ())
    copies = select("SELECT other_id, kind FROM copies WHERE article_id = ?", (article_id,))
    kinds: dict[str, str] = {str(other): str(kind) for other, kind in copies}
    others = tuple(
        Carrier(v.article, v.position, v.text, v.wording, kinds.get(v.article.id, "same statement"))
        for v in found.variants
        if (v.article.id, v.position) != (article_id, position)
    )
    first = found.variants[0]
    return QuoteLineage(found.statement.id, first.article, first.position, others)
