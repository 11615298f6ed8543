"""Relations kept up to date as each article is stored: copies and versions, copy signals,
stories, statements; read back through the queries the CLI and the API use."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from newsdesk.records import Analysis, Article, Entity, Mention, Origin, Quote, Source, article_id
from newsdesk.store import relations_queries as rq
from newsdesk.store.sqlite import SQLiteStore

# The statements the writer runs to store an analysis (the ``writer_sql`` fixture).
WriterSql = Callable[[SQLiteStore, Analysis], list[str]]

PARAGRAPHS = [
    "The harbour authority of Port Meridian closed the northern quay on Monday after a crane "
    "collapsed onto two container ships during a storm that brought winds of 140 kilometres an "
    "hour.",
    'Nobody was hurt, the authority said. "We will rebuild the northern quay before the summer '
    'and every shipping line will be compensated," said Mara Ellison, the harbour master.',
    "Engineers from the company that built the crane arrived in the evening to inspect the "
    "remaining structures along the quay, which handles a third of the port's traffic.",
    "Shipping lines were told to divert their vessels to the southern terminal until Thursday at "
    "least, and 38 containers that fell into the basin were being pulled out by divers.",
]
ELLISON = "5f0c1e2d3a4b5c6d"
PORT = "0a1b2c3d4e5f6a7b"


def record(
    paragraphs: list[str],
    *,
    outlet: str,
    published: str,
    title: str,
    language: str = "en",
    credit: str = "",
) -> Analysis:
    text = "\n\n".join(paragraphs) + credit
    article = Article(
        id=article_id(text),
        text=text,
        title=title,
        published=published,
        language=language,
        source=Source(name=outlet, domain=outlet),
        origins=(Origin(path=f"{outlet}.txt", fetched=published),),
    )
    entities = []
    quotes = []
    for entity_id, name, label in (
        (ELLISON, "Mara Ellison", "PER"),
        (PORT, "Port Meridian", "LOC"),
    ):
        mentions = tuple(
            Mention(i, i + len(name), name) for i in range(len(text)) if text.startswith(name, i)
        )
        if mentions:
            entities.append(Entity(entity_id, name, label, mentions))  # type: ignore[arg-type]
    if '"We will' in text:
        start = text.index('"We will') + 1
        end = text.index('," said')
        quotes.append(
            Quote(text[start:end], start, end, "direct", speaker="Mara Ellison", speaker_id=ELLISON)
        )
    return Analysis(article, quotes=tuple(quotes), entities=tuple(entities))


ORIGINAL = record(
    PARAGRAPHS, outlet="meridian-post.com", published="2026-03-02T09:00:00", title="Crane falls"
)
VERSION = record(
    [*PARAGRAPHS, "The council will meet on Tuesday morning to discuss the cost of the repairs."],
    outlet="meridian-post.com",
    published="2026-03-02T15:00:00",
    title="Crane falls: council to meet",
)
COPY = record(
    ["Share this story | Newsletter", *PARAGRAPHS[:3]],
    outlet="coast-daily.net",
    published="2026-03-03T08:00:00",
    title="Port Meridian: crane collapses in storm | Coast Daily",
    credit="\n\n(AFP)",
)
STRANGER = record(
    [
        "A small bakery in the old town of Vellmar won the national bread competition on Sunday "
        "with a sourdough loaf fermented for three days, beating 214 entries from across the "
        "country, and its owner said the prize would pay for a second oven."
    ],
    outlet="vellmar-news.org",
    published="2026-03-02T10:00:00",
    title="Bakery wins",
)


@pytest.fixture
def store(tmp_path: Path) -> SQLiteStore:
    return SQLiteStore(tmp_path / "newsdesk.db")


def test_copies_and_versions_are_found_as_articles_arrive(store: SQLiteStore) -> None:
    for analysis in (COPY, STRANGER, ORIGINAL, VERSION):  # the copy arrives first
        store.put(analysis)
    found = rq.article_relations(store.select, COPY.article.id)
    assert found is not None
    assert {c.article.id: c.kind for c in found.copies} == {
        ORIGINAL.article.id: "copy",
        VERSION.article.id: "copy",
    }
    assert all(c.share > 0.8 for c in found.copies)
    assert found.first_seen is not None and found.first_seen.id == ORIGINAL.article.id
    version = rq.article_relations(store.select, VERSION.article.id)
    assert version is not None
    assert {c.article.id: c.kind for c in version.copies}[ORIGINAL.article.id] == "version"
    stranger = rq.article_relations(store.select, STRANGER.article.id)
    assert stranger is not None and stranger.copies == () and stranger.first_seen is None


def test_copy_signals_carry_their_evidence(store: SQLiteStore) -> None:
    store.put_many([ORIGINAL, COPY])
    found = rq.article_relations(store.select, COPY.article.id)
    assert found is not None
    kinds = {s.kind: s for s in found.signals}
    assert kinds["wire"].value == "AFP"
    start, end = kinds["wire"].start, kinds["wire"].end
    assert start is not None and COPY.article.text[start:end] == "(AFP)"
    assert kinds["copy"].value == ORIGINAL.article.id
    assert "meridian-post.com" in kinds["copy"].evidence
    original = rq.article_relations(store.select, ORIGINAL.article.id)
    assert original is not None and [s.kind for s in original.signals] == []


def test_copies_form_one_story_with_its_first_and_last_seen(store: SQLiteStore) -> None:
    store.put_many([COPY, ORIGINAL, VERSION, STRANGER])
    detail = rq.story(store.select, COPY.article.id)
    assert detail is not None
    assert [r.id for r in detail.timeline] == [
        ORIGINAL.article.id,
        VERSION.article.id,
        COPY.article.id,
    ]
    assert detail.story.first_seen == "2026-03-02T09:00:00"
    assert detail.story.last_seen == "2026-03-03T08:00:00"
    assert detail.story.articles == 3 and detail.story.outlets == 2
    assert detail.story.title == "Crane falls"
    listed, total = rq.stories(store.select, min_articles=2)
    assert total == 1 and listed[0].id == detail.story.id


def test_a_statement_records_its_first_appearance_and_every_carrier(store: SQLiteStore) -> None:
    store.put_many([COPY, VERSION, ORIGINAL])
    (summary,), total = rq.statements(store.select, "Ellison")
    assert total == 1 and summary.carriers == 3
    assert summary.first_article_id == ORIGINAL.article.id
    detail = rq.statement(store.select, summary.id)
    assert detail is not None
    assert detail.variants[0].article.id == ORIGINAL.article.id
    assert [v.wording for v in detail.variants] == ["first", "exact", "exact"]
    assert rq.statements(store.select, "Somebody Else")[1] == 0


def test_a_trimmed_quotation_is_linked_with_its_differences(store: SQLiteStore) -> None:
    trimmed = [
        PARAGRAPHS[0],
        PARAGRAPHS[1].replace(" and every shipping line will be compensated", ""),
    ]
    later = record(
        trimmed + PARAGRAPHS[2:], outlet="other.com", published="2026-03-04", title="Quay"
    )
    store.put_many([ORIGINAL, later])
    (summary,), _ = rq.statements(store.select, ELLISON)
    detail = rq.statement(store.select, summary.id)
    assert detail is not None
    second = detail.variants[1]
    assert second.wording == "trimmed"
    assert [c.removed for c in second.changes] == ["and every shipping line will be compensated"]


def test_relations_of_stored_articles_are_computed_when_the_store_is_upgraded(
    tmp_path: Path, old_writer: Callable[[pytest.MonkeyPatch, int], None]
) -> None:
    path = tmp_path / "old.db"
    with pytest.MonkeyPatch.context() as patch:
        old_writer(patch, 8)
        with SQLiteStore(path) as store:
            store.put_many([ORIGINAL, COPY])
    with SQLiteStore(path) as store:
        assert store.migrations_applied[0] == 9
        found = rq.article_relations(store.select, COPY.article.id)
        assert found is not None and [c.article.id for c in found.copies] == [ORIGINAL.article.id]


@pytest.mark.parametrize("published", ["0001-01-01T00:00:00", "9999-12-31T23:59:59"])
def test_statements_dated_at_the_ends_of_the_calendar_are_stored(
    store: SQLiteStore, published: str
) -> None:
    # A statement's window reaches days before and after its day: none exist beyond these.
    first = record(PARAGRAPHS, outlet="meridian-post.com", published=published, title="Crane")
    again = record(PARAGRAPHS[:3], outlet="coast-daily.net", published=published, title="Crane")
    assert first.quotes and again.quotes
    with store:
        store.put(first)
        store.put(again)
        assert store.get(again.article.id) is not None


def test_articles_sharing_names_and_numbers_join_one_story_within_its_window(
    store: SQLiteStore,
) -> None:
    # Other words than the original's (no copy), the same people, place and numbers.
    sequel = [
        "Divers pulled 38 containers from the basin of Port Meridian on Wednesday, two days "
        "after winds of 140 kilometres an hour brought a crane down, Mara Ellison said."
    ]
    SEQUEL = record(
        sequel, outlet="coast-daily.net", published="2026-03-04T08:00:00", title="Divers"
    )
    LATE = record(
        [
            "Two weeks on, Port Meridian counted the cost of the storm: 38 containers lost and "
            "a quay shut since winds of 140 kilometres an hour, according to Mara Ellison."
        ],
        outlet="coast-daily.net",
        published="2026-03-20T08:00:00",
        title="Quay reopens",
    )
    store.put_many([ORIGINAL, STRANGER, SEQUEL, LATE])
    assert _story_of(store, SEQUEL) == {ORIGINAL.article.id, SEQUEL.article.id}
    assert rq.story(store.select, SEQUEL.article.id) == rq.story(store.select, ORIGINAL.article.id)
    late = rq.story(store.select, LATE.article.id)
    assert late is not None and [r.id for r in late.timeline] == [LATE.article.id]


def test_a_story_score_with_the_weights_given_is_the_score_weighed_each_time() -> None:
    from newsdesk.relate import stories

    counts = {"e:a": 1, "e:b": 7, "n:38": 2, "n:140": 40, "d:2026-03-02": 3, "s:x": 1}
    a = {"e:a", "e:b", "n:38", "n:140"}
    b = {"e:a", "e:b", "n:38", "d:2026-03-02", "s:x"}
    weights = {f: stories.weight(n + 1) for f, n in counts.items()}
    alone = stories.score(a, b, lambda f: counts[f] + 1)
    assert 0 < alone < 1
    assert stories.score(a, b, lambda f: counts[f] + 1, weights) == alone
    assert stories.score(a, {"e:a", "e:b"}, lambda f: counts[f] + 1, weights) == 0.0


def _story_of(store: SQLiteStore, analysis: Analysis) -> set[str]:
    """The articles of the story ``analysis`` was stored in."""
    story = rq.story(store.select, analysis.article.id)
    assert story is not None
    return {r.id for r in story.timeline}


# The writer's reading of story candidates' features, one row per feature.
FEATURES_READ = "SELECT sf.article_id, sf.feature"
# The writer's reading of the counts of story candidates' features, summed per candidate.
TOTALS_READ = "sum(c.articles)"

SEQUEL = record(
    [
        "Divers pulled 38 containers from the basin of Port Meridian on Wednesday, two days "
        "after winds of 140 kilometres an hour brought a crane down, Mara Ellison said."
    ],
    outlet="coast-daily.net",
    published="2026-03-04T08:00:00",
    title="Divers",
)


def test_a_candidate_sharing_half_the_new_articles_weight_joins_with_no_features_read(
    store: SQLiteStore,
    writer_sql: WriterSql,
) -> None:
    # Every feature of the sequel (two names, two numbers) is the original's: whatever else
    # the original holds, the score reaches the threshold, and its features are not read.
    store.put_many([ORIGINAL, STRANGER])
    ran = writer_sql(store, SEQUEL)
    assert not [sql for sql in ran if FEATURES_READ in sql]
    assert _story_of(store, SEQUEL) == {ORIGINAL.article.id, SEQUEL.article.id}


def test_a_lighter_candidate_decides_its_story_once_its_features_are_read(
    store: SQLiteStore,
    writer_sql: WriterSql,
) -> None:
    # The new article names much besides what it shares with the sequel (the lighter one):
    # the shared features are a small part of its own weight, a large part of the sequel's.
    others = [
        Entity(f"{i:016x}", f"Harbour Board Member {i}", "PER", (Mention(0, 5, "Mara "),))
        for i in range(1, 13)
    ]
    crowded = record(
        [
            "At the inquiry, Mara Ellison of Port Meridian said 38 containers fell when winds "
            "of 140 kilometres an hour struck, before the board members gave their accounts."
        ],
        outlet="harbour-weekly.com",
        published="2026-03-05T08:00:00",
        title="Inquiry",
    )
    crowded = Analysis(
        crowded.article, quotes=crowded.quotes, entities=(*crowded.entities, *others)
    )
    store.put_many([SEQUEL, STRANGER])
    ran = writer_sql(store, crowded)
    assert [sql for sql in ran if FEATURES_READ in sql]
    assert _story_of(store, crowded) == {SEQUEL.article.id, crowded.article.id}


def test_every_query_the_writer_runs_is_answered_from_an_index(
    store: SQLiteStore, writer_sql: WriterSql
) -> None:
    store.put_many([ORIGINAL, STRANGER, VERSION])
    ran = writer_sql(store, COPY) + writer_sql(store, SEQUEL)
    queries = [sql for sql in ran if sql.lstrip().upper().startswith("SELECT")]
    assert any("story_features" in sql for sql in queries)
    for sql in queries:
        plan = [str(row[-1]) for row in store._conn.execute("EXPLAIN QUERY PLAN " + sql)]
        # What a query reads whole is a subquery's own rows or the schema (a few rows that
        # no index can hold), never a table.
        made = {step.split()[1] for step in plan if step.startswith(("CO-ROUTINE", "MATERIALIZE"))}
        scans = [step for step in plan if step.startswith("SCAN ")]
        assert all(s.split()[1] in made | {"sqlite_master"} for s in scans), (sql, plan)
        features = [step for step in plan if "story_features" in step]
        assert all("COVERING INDEX" in step for step in features), (sql, plan)


def _old_store(path: Path, version: int) -> set[str]:
    """A store at schema ``version`` holding the original article and the stranger; the
    names of its tables and indexes."""
    from newsdesk.store import schema

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:version])
        patch.setattr(schema, "SCHEMA_VERSION", version)
        # Before version 15 a trigger indexed each quotation as it was stored.
        patch.setattr(schema, "index_quotes", lambda *args: None)
        with SQLiteStore(path) as store:
            store.put_many([ORIGINAL, STRANGER])
            # The writer of a version before 14 kept no number of features.
            store._conn.execute("DROP TABLE story_sizes")
            return {str(name) for (name,) in store.select("SELECT name FROM sqlite_master")}


def test_a_store_of_the_version_before_gets_the_covering_indexes_and_keeps_its_stories(
    tmp_path: Path,
) -> None:
    assert "story_features_by_feature" not in _old_store(tmp_path / "old.db", 12)
    with SQLiteStore(tmp_path / "old.db") as store:
        assert store.migrations_applied == (13, 14, 15)
        indexes = {
            str(name)
            for (name,) in store.select(
                "SELECT name FROM sqlite_master WHERE tbl_name = 'story_features'"
                " AND type = 'index'"
            )
        }
        assert indexes == {"story_features_by_feature", "story_features_by_article"}
        store.put(SEQUEL)
        assert _story_of(store, SEQUEL) == {ORIGINAL.article.id, SEQUEL.article.id}


def test_a_store_of_the_version_before_gets_the_number_of_each_articles_features(
    tmp_path: Path,
) -> None:
    assert "story_sizes" not in _old_store(tmp_path / "old.db", 13)
    with SQLiteStore(tmp_path / "old.db") as store:
        assert store.migrations_applied == (14, 15)
        counted = store.select(
            "SELECT article_id, count(*) FROM story_features GROUP BY article_id ORDER BY 1"
        )
        assert store.select("SELECT * FROM story_sizes ORDER BY 1") == counted
        assert len(counted) == 2
        store.put(SEQUEL)
        assert _story_of(store, SEQUEL) == {ORIGINAL.article.id, SEQUEL.article.id}
        assert (SEQUEL.article.id,) in store.select("SELECT article_id FROM story_sizes")


def test_the_schema_is_read_once_for_an_article_of_several_quotations(
    store: SQLiteStore,
    writer_sql: WriterSql,
) -> None:
    # Whether the store keeps corpus entities decides how speakers resolve; the answer is the
    # same for every quotation of an article, and the schema has no index to ask it cheaply.
    words = ["The basin will be clear by Friday", "Every line is paid", "We thank the divers"]
    closing = " ".join(f'"{w}," said Mara Ellison.' for w in words)
    analysis = record(
        [PARAGRAPHS[0], closing], outlet="port.com", published="2026-03-02", title="B"
    )
    text = analysis.article.text
    said = tuple(
        Quote(
            w,
            text.index(w),
            text.index(w) + len(w),
            "direct",
            speaker="Mara Ellison",
            speaker_id=ELLISON,
        )
        for w in words
    )
    ran = writer_sql(store, Analysis(analysis.article, quotes=said, entities=analysis.entities))
    assert len([sql for sql in ran if "sqlite_master" in sql]) == 1
    assert len(store.select("SELECT 1 FROM statement_quotes")) == 3


def _crowd(start: int, count: int) -> list[Entity]:
    return [
        Entity(f"{i:016x}", f"Board Member {i}", "PER", (Mention(0, 5, "Mara "),))
        for i in range(start, start + count)
    ]


def test_a_candidate_too_heavy_to_reach_the_threshold_is_dropped_unread(
    store: SQLiteStore,
    writer_sql: WriterSql,
) -> None:
    # Both articles name many people of their own beside the four features they share (two
    # names, two numbers): whatever the candidate's features are, their number makes it too
    # heavy for four shared features to weigh half of it (with no more than two articles in
    # the store, none of them weighs less than a feature two articles hold), so neither its
    # features nor their counts are read.
    def crowded(paragraph: str, start: int, outlet: str) -> Analysis:
        found = record([paragraph], outlet=outlet, published="2026-03-05", title=outlet)
        entities = (*found.entities, *_crowd(start, 30))
        return Analysis(found.article, quotes=found.quotes, entities=entities)

    first = crowded(
        "Mara Ellison of Port Meridian told the inquiry that 38 containers fell when winds of "
        "140 kilometres an hour struck the quay.",
        1,
        "harbour-weekly.com",
    )
    second = crowded(
        "The inquiry heard from the board, and from Mara Ellison of Port Meridian, how 38 "
        "containers were lost to winds of 140 kilometres an hour.",
        100,
        "coast-daily.net",
    )
    store.put(first)
    ran = writer_sql(store, second)
    assert [sql for sql in ran if "json_group_array" in sql]  # it was a candidate
    assert not [sql for sql in ran if FEATURES_READ in sql or TOTALS_READ in sql]
    assert _story_of(store, second) == {second.article.id}


def test_the_story_bounds_never_decide_what_the_score_would_not() -> None:
    import random

    from newsdesk.relate import stories

    rng = random.Random(7)
    pool = [f"e:{i}" for i in range(60)]
    decided = by_size = 0
    for _ in range(3000):
        counts = {f: rng.choice((1, 2, 3, 8, 40, 600, 2000)) for f in pool}
        a = set(rng.sample(pool, rng.randint(3, 30)))
        b = set(rng.sample(pool, rng.randint(3, 30)))
        weights = {f: stories.weight(n + 1) for f, n in counts.items()}
        score = stories.score(a, b, lambda f: 0, weights)  # every weight given
        mass = sum(weights[f] for f in a)
        rare = {f for f in a & b if counts[f] <= 500}
        known = sum(weights[f] for f in rare)
        frequent = sum(weights[f] for f in a if counts[f] > 500)
        total = sum(counts[f] for f in b)
        # A candidate shares at least MIN_SHARED rare features (its query asks no fewer).
        if len(rare) >= stories.MIN_SHARED and stories.surely_same(known, mass):
            decided += 1
            assert score >= stories.SAME_STORY
        if stories.surely_apart(known + frequent, mass, known, len(b), total):
            decided += 1
            assert score < stories.SAME_STORY
        most = max(counts.values())  # no feature is held by more articles than the store has
        if stories.surely_apart_by_size(known + frequent, mass, known, len(rare), len(b), most):
            by_size += 1
            assert score < stories.SAME_STORY
    assert decided > 500  # the bounds decide, not only stay out of the way
    assert by_size > 100


def test_finding_copies_loads_no_scipy(tmp_path: Path) -> None:
    # The process writing the store finds copies with the fingerprints' own code: loading
    # datasketch (and scipy with it) would cost it seconds of CPU for a constant.
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from newsdesk.records import Analysis, Article\n"
        "from newsdesk.store.sqlite import SQLiteStore\n"
        f"text = {' '.join(PARAGRAPHS)!r}\n"
        "with SQLiteStore(Path(sys.argv[1])) as store:\n"
        "    for i in range(2):\n"
        "        store.put(Analysis(Article(id=str(i), text=text, title=None,"
        " published=None, language='en')))\n"
        "    print(store.select('SELECT count(*) FROM copies')[0][0])\n"
        "print(sorted(m for m in ('scipy', 'datasketch') if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "s.db")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.split("\n")[:2] == ["2", "[]"]
