"""Relations between articles, kept up to date inside the transaction that stores each article:
copies (MinHash LSH), stories, statements (quote lineage) and copy signals.

Each new article is looked up, never compared with the whole corpus: its LSH band keys find the
texts it may copy, its rarer features the articles it may share a story with, its speakers the
statements it may repeat. The tables are described in ``relations_schema.py``.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from newsdesk.records import Analysis
from newsdesk.relate import fingerprint as fp
from newsdesk.relate import signals, statements, stories
from newsdesk.relate.fingerprint import Fingerprint
from newsdesk.relate.statements import QuoteRef
from newsdesk.store.corpus import redirects
from newsdesk.store.params import rows_for

# A feature held by more articles than this finds no story candidates (it still weighs in
# the score): "Donald Trump" in a year of campaign news would make every article a candidate.
CANDIDATE_FEATURE_MAX = 500
# Articles sharing the most features with a new one that are scored, at most.
STORY_CANDIDATES = 100
# Quotations of one speaker compared with a new one, at most (the most recent first).
STATEMENT_CANDIDATES = 1000


def record(conn: sqlite3.Connection, seq: int, analysis: Analysis) -> None:
    """Add one new article to the relations (inside the caller's transaction)."""
    article = analysis.article
    fetched = min((o.fetched for o in article.origins if o.fetched), default=None)
    outlet = article.source.domain or article.source.name
    print_ = fp.of_analysis(analysis)
    conn.execute(
        "INSERT INTO relation_articles (article_id, seq, seen, fetched, outlet, language, title,"
        " shingles, signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            article.id,
            seq,
            article.published,
            fetched,
            outlet,
            article.language,
            article.title,
            print_.shingles,
            print_.signature,
        ),
    )
    conn.executemany(
        'INSERT INTO copy_signals (article_id, position, kind, value, evidence, start, "end")'
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (article.id, i, s.kind, s.value, s.evidence, s.start, s.end)
            for i, s in enumerate(signals.signals(article))
        ],
    )
    copies = _record_copies(conn, article.id, outlet, print_)
    _record_story(conn, analysis, copies)
    refs = statements.quote_refs(analysis)
    corpus = bool(refs) and _has_corpus(conn)
    if refs:
        _record_statements(conn, refs, corpus, article.published)


# --- copies ---------------------------------------------------------------------------------


def _record_copies(
    conn: sqlite3.Connection, article_id: str, outlet: str | None, print_: Fingerprint
) -> list[str]:
    keys = fp.band_keys(print_)
    marks = ", ".join("?" * len(keys))
    rows = conn.execute(
        f"SELECT article_id, shingles, signature, outlet FROM relation_articles"
        f" WHERE article_id IN (SELECT DISTINCT article_id FROM copy_bands WHERE key IN ({marks}))",
        keys,
    ).fetchall()
    found = []
    for other_id, shingles, signature, other_outlet in rows:
        other = Fingerprint(signature, shingles)
        if other_id == article_id or not fp.is_copy(print_, other):
            continue
        kind = "version" if outlet and outlet == other_outlet else "copy"
        share, jaccard = fp.share(print_, other), fp.jaccard(print_, other)
        conn.executemany(
            "INSERT OR REPLACE INTO copies (article_id, other_id, kind, share, jaccard)"
            " VALUES (?, ?, ?, ?, ?)",
            [
                (article_id, other_id, kind, share, jaccard),
                (other_id, article_id, kind, share, jaccard),
            ],
        )
        found.append(other_id)
    conn.executemany(
        "INSERT INTO copy_bands (key, article_id) VALUES (?, ?)", [(k, article_id) for k in keys]
    )
    return found


# --- stories --------------------------------------------------------------------------------


def _frequency(conn: sqlite3.Connection, feats: Iterable[str]) -> dict[str, int]:
    feats = list(feats)
    counts = {f: 0 for f in feats}
    sql = "SELECT feature, articles FROM story_feature_counts WHERE feature IN ({marks})"
    for feature, n in rows_for(conn, sql, feats):
        counts[feature] = int(n)
    return counts


def _features_of(
    conn: sqlite3.Connection, article_ids: list[str]
) -> tuple[dict[str, set[str]], dict[str, int]]:
    """The story features of each of ``article_ids``, and how many articles hold each."""
    found: dict[str, set[str]] = {}
    counts: dict[str, int] = {}
    sql = (
        "SELECT sf.article_id, sf.feature, c.articles FROM story_features AS sf"
        " JOIN story_feature_counts AS c ON c.feature = sf.feature"
        " WHERE sf.article_id IN ({marks})"
    )
    for article_id, feature, n in rows_for(conn, sql, article_ids):
        found.setdefault(article_id, set()).add(feature)
        counts[feature] = n
    return found, counts


def _record_story(conn: sqlite3.Connection, analysis: Analysis, copies: list[str]) -> None:
    article = analysis.article
    feats = stories.features(analysis)
    counts = _frequency(conn, feats)
    joined: set[str] = set()
    if copies:  # copies of one text are one story, whatever their features
        marks = ", ".join("?" * len(copies))
        joined.update(
            s
            for (s,) in conn.execute(
                f"SELECT story_id FROM relation_articles WHERE article_id IN ({marks})", copies
            )
            if s is not None
        )
    rare = [f for f in feats if counts[f] <= CANDIDATE_FEATURE_MAX]
    if rare:
        joined |= _joined_stories(conn, article.published, feats, rare, counts, joined)
    conn.executemany(
        "INSERT INTO story_features (feature, article_id) VALUES (?, ?)",
        [(f, article.id) for f in sorted(feats)],
    )
    conn.executemany(
        "INSERT INTO story_feature_counts (feature, articles) VALUES (?, 1)"
        " ON CONFLICT (feature) DO UPDATE SET articles = articles + 1",
        [(f,) for f in sorted(feats)],
    )
    if feats:
        conn.execute(
            "INSERT INTO story_sizes (article_id, features) VALUES (?, ?)", (article.id, len(feats))
        )
    story_id = _merge(conn, joined) if joined else article.id
    conn.execute(
        "UPDATE relation_articles SET story_id = ? WHERE article_id = ?", (story_id, article.id)
    )
    refresh_story(conn, story_id)


def _joined_stories(
    conn: sqlite3.Connection,
    published: str | None,
    feats: set[str],
    rare: list[str],
    counts: dict[str, int],
    joined: set[str],
) -> set[str]:
    """The stories of the candidates sharing the most ``rare`` features with a new article
    (``feats``, each held by ``counts[f]`` articles) that score as the same story; ``joined``
    are stories it joins already (its copies'), whose candidates are not read again.

    A candidate's features are read only when they decide: one whose story is joined already
    changes nothing, one whose shared rare features alone weigh ``SAME_STORY`` of the new
    article's scores at least that much whatever else it holds (its score divides the weight
    shared by the lighter of the two, at most the new article's), and one that cannot reach
    it, sharing no more than its rare features and the new article's frequent ones, with as
    many features as it holds at their least weight (``stories.surely_apart``), is dropped.
    That bound is first taken from the number of its features alone, each held by no more
    articles than the store has (``stories.surely_apart_by_size``): the counts of its
    features are read only for the candidates it leaves."""
    marks = ", ".join("?" * len(rare))
    # Counted from the feature index alone; only the candidates kept are looked up.
    candidates = conn.execute(
        f"SELECT c.article_id, ra.seen, ra.story_id, c.shared FROM ("
        f"SELECT article_id, count(*) AS n, json_group_array(feature) AS shared"
        f" FROM story_features WHERE feature IN ({marks}) GROUP BY article_id"
        f" HAVING n >= ? ORDER BY n DESC LIMIT ?"
        f") AS c JOIN relation_articles AS ra ON ra.article_id = c.article_id",
        (*rare, stories.MIN_SHARED, STORY_CANDIDATES),
    ).fetchall()
    weights = {f: stories.weight(counts[f] + 1) for f in feats}
    mass = sum(weights.values())
    found: set[str] = set()
    # (candidate, story, weight of the rare features shared, how many they are)
    undecided: list[tuple[str, str, float, int]] = []
    for other_id, seen, story_id, shared in candidates:
        if story_id is None or story_id in joined or story_id in found:
            continue
        if not stories.within_window(published, seen):
            continue
        rare_shared = json.loads(shared)
        known = sum(weights[f] for f in rare_shared)
        if stories.surely_same(known, mass):
            found.add(story_id)
        else:
            undecided.append((other_id, story_id, known, len(rare_shared)))
    undecided = [u for u in undecided if u[1] not in found]
    # The features no candidate was looked up by may be shared too: all of their weight.
    frequent = sum(w for f, w in weights.items() if counts[f] > CANDIDATE_FEATURE_MAX)
    if undecided:
        # First from the number of each one's features alone (no feature is held by more
        # articles than the store has), then, for those left, from their features' counts.
        held = _feature_numbers(conn, [u[0] for u in undecided])
        most = _articles_at_most(conn)
        undecided = [
            u
            for u in undecided
            if not stories.surely_apart_by_size(
                u[2] + frequent, mass, u[2], u[3], held.get(u[0], 0), most
            )
        ]
    if undecided:
        sizes = _feature_totals(conn, [u[0] for u in undecided])
        undecided = [
            u
            for u in undecided
            if not stories.surely_apart(u[2] + frequent, mass, u[2], *sizes[u[0]])
        ]
    if not undecided:
        return found
    # The undecided candidates' features with their counts in one query: nothing is written
    # between, so each count is what it was one by one.
    theirs, their_counts = _features_of(conn, [u[0] for u in undecided])
    weights |= {f: stories.weight(n + 1) for f, n in their_counts.items() if f not in weights}
    for other_id, story_id, *_ in undecided:
        if story_id in found:
            continue
        other = theirs.get(other_id, set())
        if stories.score(feats, other, lambda f: 0, weights) >= stories.SAME_STORY:
            found.add(story_id)
    return found


def _feature_numbers(conn: sqlite3.Connection, article_ids: list[str]) -> dict[str, int]:
    """How many story features each of ``article_ids`` holds (kept as they are written)."""
    sql = "SELECT article_id, features FROM story_sizes WHERE article_id IN ({marks})"
    return {str(a): int(n) for a, n in rows_for(conn, sql, article_ids)}


def _articles_at_most(conn: sqlite3.Connection) -> int:
    """A bound on the articles the relations hold, read from the end of the table's b-tree:
    rows are never deleted and get rowids from 1 up, so there are no more than the largest."""
    (top,) = conn.execute("SELECT ifnull(max(rowid), 0) FROM relation_articles").fetchone()
    return int(top)


def _feature_totals(conn: sqlite3.Connection, article_ids: list[str]) -> dict[str, tuple[int, int]]:
    """For each of ``article_ids``, how many story features it holds and how many articles
    hold them, summed over its features."""
    sql = (
        "SELECT sf.article_id, count(*), sum(c.articles) FROM story_features AS sf"
        " JOIN story_feature_counts AS c ON c.feature = sf.feature"
        " WHERE sf.article_id IN ({marks}) GROUP BY sf.article_id"
    )
    return {str(a): (int(n), int(total)) for a, n, total in rows_for(conn, sql, article_ids)}


def _merge(conn: sqlite3.Connection, story_ids: set[str]) -> str:
    """Merge stories into the one first seen (the oldest id among equals); returns its id."""
    marks = ", ".join("?" * len(story_ids))
    ordered = conn.execute(
        f"SELECT id FROM stories WHERE id IN ({marks}) ORDER BY first_seen IS NULL, first_seen, id",
        tuple(story_ids),
    ).fetchall()
    keep = str(ordered[0][0])
    for (other,) in ordered[1:]:
        conn.execute("UPDATE relation_articles SET story_id = ? WHERE story_id = ?", (keep, other))
        conn.execute("DELETE FROM stories WHERE id = ?", (other,))
    return keep


def refresh_story(conn: sqlite3.Connection, story_id: str) -> None:
    """Recompute a story's row from its articles."""
    members = conn.execute(
        "SELECT title, seen, outlet, language FROM relation_articles WHERE story_id = ?",
        (story_id,),
    ).fetchall()
    seen = sorted(s for _, s, _, _ in members if s)
    languages = sorted({lang for *_, lang in members if lang})
    conn.execute(
        "INSERT OR REPLACE INTO stories (id, title, first_seen, last_seen, articles, outlets,"
        " languages) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            story_id,
            stories.representative_title((t, 1) for t, *_ in members),
            seen[0] if seen else None,
            seen[-1] if seen else None,
            len(members),
            len({o for _, _, o, _ in members if o}),
            ",".join(languages),
        ),
    )


# --- statements -----------------------------------------------------------------------------


def _speakers(
    conn: sqlite3.Connection, refs: list[QuoteRef], corpus: bool
) -> list[tuple[QuoteRef, list[str]]]:
    """Each of ``refs`` with its speaker's id resolved to the corpus entity it belongs to
    (``Trump`` of a truncated copy to ``Donald Trump``), and every key the speaker's earlier
    quotations may be stored under: its corpus id and the ids merged into it (merged after
    those quotations were stored), when the store keeps entities across the corpus
    (``corpus``). Two queries for all of an article's speakers, whatever their number."""
    ids = sorted({r.speaker_id for r in refs if r.speaker_id is not None}) if corpus else []
    if not ids:
        return [(ref, [ref.speaker_key]) for ref in refs]
    target = redirects(conn, ids)
    merged: dict[str, list[str]] = {}
    sql = "SELECT entity_id, id FROM entity_redirects WHERE entity_id IN ({marks})"
    for entity_id, other in rows_for(conn, sql, sorted({target.get(i, i) for i in ids})):
        merged.setdefault(str(entity_id), []).append(str(other))
    found = []
    for ref in refs:
        if ref.speaker_id is None:
            found.append((ref, [ref.speaker_key]))
            continue
        if ref.speaker_id in target:
            resolved = target[ref.speaker_id]
            ref = replace(ref, speaker_id=resolved, speaker_key=resolved)
        found.append((ref, [ref.speaker_key, *merged.get(str(ref.speaker_id), [])]))
    return found


def _has_corpus(conn: sqlite3.Connection) -> bool:
    """Whether the store keeps entities across the corpus (read once per article: the schema
    has no index)."""
    row = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'entity_redirects'"
    ).fetchone()
    return row is not None


def _ref(row: tuple[object, ...]) -> QuoteRef:
    article_id, position, text, key, speaker_id, language, day, numbers, entities = row
    return QuoteRef(
        str(article_id),
        int(str(position)),
        str(text),
        str(key),
        "",
        None if language is None else str(language),
        None if speaker_id is None else str(speaker_id),
        stories.day(None if day is None else str(day)),
        frozenset(str(numbers).split()),
        frozenset(str(entities).split()),
    )


def _around(day: date, days: int) -> tuple[date, date]:
    """The days ``days`` before and after ``day``, kept within the calendar (a page dated
    0001-01-01 or 9999-12-31 has no day beyond it)."""
    low = day - timedelta(days=days) if day.toordinal() > days else date.min
    high = day + timedelta(days=days) if date.max.toordinal() - day.toordinal() > days else date.max
    return low, high


class _Candidates:
    """The rows of one candidate query, read from its cursor as far as one reader needs them
    and kept, so the next quotation of the same speaker reads them again without a query."""

    def __init__(self, cursor: sqlite3.Cursor) -> None:
        self._cursor: sqlite3.Cursor | None = cursor
        self._rows: list[tuple[Any, ...]] = []

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        i = 0
        while True:
            if i == len(self._rows):
                row = None if self._cursor is None else self._cursor.fetchone()
                if row is None:
                    self.close()
                    return
                self._rows.append(tuple(row))
            yield self._rows[i]
            i += 1

    def close(self) -> None:
        if self._cursor is not None:
            self._cursor.close()
            self._cursor = None


def _candidates(conn: sqlite3.Connection, ref: QuoteRef, keys: list[str]) -> _Candidates:
    """The earlier quotations under ``keys`` a new one (``ref``) may repeat: of other
    articles, within the window around its day, the most recent first."""
    window = ""
    params: tuple[object, ...] = (*keys, ref.article_id)
    if ref.day is not None:
        window = " AND (day IS NULL OR day BETWEEN ? AND ?)"
        low, high = _around(ref.day, statements.WINDOW_DAYS)
        params += (low.isoformat(), high.isoformat())
    marks = ", ".join("?" * len(keys))
    return _Candidates(
        conn.execute(
            "SELECT statement_id, article_id, position, text, speaker_key, speaker_id, language,"
            " day, numbers, entities FROM statement_quotes"
            f" WHERE speaker_key IN ({marks}) AND article_id != ?{window}"
            " ORDER BY day DESC LIMIT ?",
            (*params, STATEMENT_CANDIDATES),
        )
    )


def _best(ref: QuoteRef, rows: _Candidates) -> tuple[str, statements.Wording] | None:
    """The statement of the earlier quotation ``ref`` repeats best (the first in ``rows`` of
    the highest confidence, then similarity), with how it words it; None for a new one."""
    # Nothing ranks above the same words: the first earlier quotation in the same words,
    # found by comparing words alone, is the answer, and the others are not weighed.
    for statement_id, *row in rows:
        if statements.crosses_languages(row[5], ref.language):
            continue
        if statements.same_words(str(row[2]), ref.text):
            return str(statement_id), statements.EXACT
    best: tuple[float, float, str, statements.Wording] | None = None
    for statement_id, *row in rows:
        # The same wording ``statements.wording`` gives, the earlier quotation made a record
        # only when their languages differ (its words alone count otherwise).
        if statements.crosses_languages(row[5], ref.language):
            found = statements.wording(replace(_ref(tuple(row)), speaker_key=ref.speaker_key), ref)
        else:
            found = statements.same_language(str(row[2]), ref.text)
        if found is not None:
            rank = (found.confidence, found.similarity, str(statement_id), found)
            if best is None or rank[:2] > best[:2]:
                best = rank
    return None if best is None else (best[2], best[3])


def _record_statements(
    conn: sqlite3.Connection, refs: list[QuoteRef], corpus: bool, seen: str | None
) -> None:
    """Link each quotation of a new article (``refs``, its publication ``seen``) to the
    statement it repeats, or make it a new one.

    Quotations of one article are never compared with each other (a candidate is of another
    article), so every lookup is made before anything is written: one candidate query per
    speaker, whose rows serve all of its quotations, then the rows written together. A new
    statement has this one quotation alone and is written as it stands; only the statements
    joined are recomputed, once each."""
    speakers = _speakers(conn, refs, corpus)
    found: dict[tuple[str, ...], _Candidates] = {}
    new: list[tuple[object, ...]] = []
    quotes: list[tuple[object, ...]] = []
    joined: dict[str, None] = {}
    try:
        for ref, keys in speakers:
            if tuple(keys) not in found:
                found[tuple(keys)] = _candidates(conn, ref, keys)
            best = _best(ref, found[tuple(keys)])
            if best is None:
                statement_id, wording_ = f"{ref.article_id}:{ref.position}", statements.EXACT
                new.append(
                    (
                        statement_id,
                        ref.speaker,
                        ref.speaker_key,
                        ref.speaker_id,
                        ref.text,
                        ref.article_id,
                        seen,
                        _languages(ref.language),
                    )
                )
            else:
                statement_id, wording_ = best
                joined[statement_id] = None
            quotes.append(
                (
                    statement_id,
                    ref.article_id,
                    ref.position,
                    ref.text,
                    ref.speaker_key,
                    ref.speaker_id,
                    ref.language,
                    ref.day.isoformat() if ref.day else None,
                    " ".join(sorted(ref.numbers)),
                    " ".join(sorted(ref.entities)),
                    wording_.kind,
                    wording_.similarity,
                    wording_.confidence,
                )
            )
    finally:
        for candidates in found.values():
            candidates.close()
    conn.executemany(
        "INSERT INTO statements (id, speaker, speaker_key, speaker_id, text, first_article_id,"
        " first_seen, carriers, languages) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?)",
        new,
    )
    conn.executemany(
        "INSERT OR REPLACE INTO statement_quotes (statement_id, article_id, position, text,"
        " speaker_key, speaker_id, language, day, numbers, entities, wording, similarity,"
        " confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        quotes,
    )
    refresh_statements(conn, list(joined))


def _languages(found: str | None) -> str:
    """A statement's languages as stored, from their list as ``group_concat`` gives it."""
    return ",".join(sorted((found or "").split(","))).strip(",")


def refresh_statements(conn: sqlite3.Connection, statement_ids: list[str]) -> None:
    """Recompute statements' first appearance (earliest publication, then earliest fetch),
    their wording there and their carriers."""
    if not statement_ids:
        return
    firsts = {
        str(statement_id): (article_id, text, seen)
        for statement_id, article_id, text, seen in rows_for(
            conn,
            "SELECT statement_id, article_id, text, seen FROM ("
            "SELECT q.statement_id, q.article_id, q.text, ra.seen, row_number() OVER ("
            "PARTITION BY q.statement_id ORDER BY ra.seen IS NULL, ra.seen,"
            " ra.fetched IS NULL, ra.fetched, ra.seq, q.position) AS n"
            " FROM statement_quotes AS q"
            " JOIN relation_articles AS ra ON ra.article_id = q.article_id"
            " WHERE q.statement_id IN ({marks})) WHERE n = 1",
            statement_ids,
        )
    }
    sql = (
        "SELECT statement_id, count(DISTINCT article_id), group_concat(DISTINCT language)"
        " FROM statement_quotes WHERE statement_id IN ({marks}) GROUP BY statement_id"
    )
    conn.executemany(
        "UPDATE statements SET first_article_id = ?, text = ?, first_seen = ?, carriers = ?,"
        " languages = ? WHERE id = ?",
        [
            (*firsts[str(statement_id)], carriers, _languages(languages), statement_id)
            for statement_id, carriers, languages in rows_for(conn, sql, statement_ids)
        ],
    )
