"""The tables of relations between articles (copies, stories, statements, copy signals).

They are self-contained: they name articles by id and keep what the relations are computed
from, so the same tables (and the same code, ``relations.py``) serve the SQLite store and a
distributed run's Parquet output, which computes them in a scratch database.
"""

from __future__ import annotations

TABLES: tuple[str, ...] = (
    # One row per article the relations know; seen is the publication date (else NULL),
    # fetched the earliest fetch of any origin: "first" means earliest seen, then fetched.
    """
    CREATE TABLE relation_articles (
        article_id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL,
        seen TEXT,
        fetched TEXT,
        outlet TEXT,
        language TEXT,
        title TEXT,
        shingles INTEGER NOT NULL,
        signature BLOB NOT NULL,
        story_id TEXT
    )
    """,
    "CREATE INDEX relation_articles_story ON relation_articles (story_id)",
    "CREATE INDEX relation_articles_seen ON relation_articles (seen)",
    # LSH buckets: one row per (band key, article).
    "CREATE TABLE copy_bands (key INTEGER NOT NULL, article_id TEXT NOT NULL)",
    "CREATE INDEX copy_bands_key ON copy_bands (key)",
    # Each pair of copies twice, once from each side; kind: version (same outlet) or copy.
    """
    CREATE TABLE copies (
        article_id TEXT NOT NULL,
        other_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('version', 'copy')),
        share REAL NOT NULL,
        jaccard REAL NOT NULL,
        PRIMARY KEY (article_id, other_id)
    )
    """,
    """
    CREATE TABLE copy_signals (
        article_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('wire', 'copy', 'language')),
        value TEXT NOT NULL,
        evidence TEXT NOT NULL,
        start INTEGER,
        "end" INTEGER,
        PRIMARY KEY (article_id, position)
    )
    """,
    "CREATE INDEX copy_signals_value ON copy_signals (kind, value)",
    "CREATE TABLE story_features (feature TEXT NOT NULL, article_id TEXT NOT NULL)",
    "CREATE INDEX story_features_feature ON story_features (feature)",
    "CREATE INDEX story_features_article ON story_features (article_id)",
    # How many articles hold each feature, kept as they arrive (a count(*) would read them all).
    "CREATE TABLE story_feature_counts (feature TEXT PRIMARY KEY, articles INTEGER NOT NULL)",
    """
    CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        title TEXT,
        first_seen TEXT,
        last_seen TEXT,
        articles INTEGER NOT NULL,
        outlets INTEGER NOT NULL,
        languages TEXT NOT NULL
    )
    """,
    "CREATE INDEX stories_last_seen ON stories (last_seen)",
    """
    CREATE TABLE statements (
        id TEXT PRIMARY KEY,
        speaker TEXT NOT NULL,
        speaker_key TEXT NOT NULL,
        speaker_id TEXT,
        text TEXT NOT NULL,
        first_article_id TEXT NOT NULL,
        first_seen TEXT,
        carriers INTEGER NOT NULL,
        languages TEXT NOT NULL
    )
    """,
    "CREATE INDEX statements_speaker ON statements (speaker_key)",
    # wording and similarity compare each quotation with the one it was linked through.
    """
    CREATE TABLE statement_quotes (
        statement_id TEXT NOT NULL,
        article_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        text TEXT NOT NULL,
        speaker_key TEXT NOT NULL,
        speaker_id TEXT,
        language TEXT,
        day TEXT,
        numbers TEXT NOT NULL,
        entities TEXT NOT NULL,
        wording TEXT NOT NULL,
        similarity REAL NOT NULL,
        confidence REAL NOT NULL,
        PRIMARY KEY (article_id, position)
    )
    """,
    "CREATE INDEX statement_quotes_statement ON statement_quotes (statement_id)",
    "CREATE INDEX statement_quotes_speaker ON statement_quotes (speaker_key, day)",
)

# Indexes that cover what the writer reads of the story features: the articles holding each
# of a new article's features (its candidates) and each candidate's features, found in the
# index alone instead of one table row per feature. They replace the one-column indexes of
# ``TABLES`` (version 9 of the SQLite store), which they make redundant.
COVERING: tuple[str, ...] = (
    "DROP INDEX IF EXISTS story_features_feature",
    "DROP INDEX IF EXISTS story_features_article",
    "CREATE INDEX IF NOT EXISTS story_features_by_feature ON story_features (feature, article_id)",
    "CREATE INDEX IF NOT EXISTS story_features_by_article ON story_features (article_id, feature)",
)

# How many story features each article holds (version 14 of the SQLite store), written with
# them: a story candidate too heavy to reach the threshold is dropped from this number alone,
# without counting its features in the index. Made where missing and filled for the articles
# already related, so a store whose relations are computed by an earlier step has it too.
SIZES: tuple[str, ...] = (
    "CREATE TABLE IF NOT EXISTS story_sizes ("
    "article_id TEXT PRIMARY KEY, features INTEGER NOT NULL) WITHOUT ROWID",
    "INSERT OR IGNORE INTO story_sizes (article_id, features)"
    " SELECT article_id, count(*) FROM story_features GROUP BY article_id",
)
