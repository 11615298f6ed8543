"""Entities across the corpus: counts, canonical names, forms, surname merges, stable ids, the
migration that builds the tables from an existing file, and atomic writes."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from newsdesk.analyze.entities import entity_id
from newsdesk.errors import UsageError
from newsdesk.records import Analysis, Article, Entity, EntityLabel, Mention, Quote, article_id
from newsdesk.store import SQLiteStore, Store, corpus
from newsdesk.store.base import CorpusEntity

NATO = entity_id("ORG", "wikidata:Q7184")
STOLTENBERG = entity_id("PER", "Jens Stoltenberg")

# Short articles written for these tests. Each name given to ``_analysis`` is an entity with
# every occurrence of it a mention; ids are computed from the name as the analysis does, so an
# ``OTAN`` here is an unlinked id the store must link itself.
FR_SUMMIT = (
    "Le chef de l'OTAN, Jens Stoltenberg, a réuni les ministres à Bruxelles. "
    "Selon Jens Stoltenberg, l'OTAN restera unie."
)
EN_SUMMIT = (
    "NATO Secretary General Jens Stoltenberg told reporters in Brussels that NATO would "
    "send more weapons."
)
FR_SURNAME = "M. Stoltenberg a répété mercredi que les alliés livreraient des armes."
EN_SMITH = "Julianne Smith, the US ambassador, met Adam Smith in Washington."
EN_SMITH_ONLY = "Smith said the talks were useful."
FR_UNDATED = "L'OTAN a publié un communiqué sans date."


def _analysis(
    text: str,
    names: Sequence[tuple[str, EntityLabel]],
    *,
    published: str | None,
    language: str = "fr",
    speaker: str | None = None,
) -> Analysis:
    entities = []
    for name, label in names:
        starts = [i for i in range(len(text)) if text.startswith(name, i)]
        # A full name's occurrences are not also occurrences of its surname alone.
        taken = {
            i
            for other, _ in names
            if other != name and other.endswith(name)
            for j in range(len(text))
            if text.startswith(other, j)
            for i in range(j, j + len(other))
        }
        mentions = tuple(Mention(s, s + len(name), name) for s in starts if s not in taken)
        entities.append(Entity(entity_id(label, name), name, label, mentions))
    quotes: tuple[Quote, ...] = ()
    if speaker is not None:
        said = text.split(".")[0]
        quotes = (
            Quote(
                said,
                0,
                len(said),
                "indirect",
                speaker=speaker,
                speaker_id=entity_id("PER", speaker),
            ),
        )
    article = Article(article_id(text), text, None, published, language)
    return Analysis(article=article, entities=tuple(entities), quotes=quotes)


FR = _analysis(
    FR_SUMMIT,
    [("OTAN", "ORG"), ("Jens Stoltenberg", "PER"), ("Bruxelles", "LOC")],
    published="2022-04-05T16:43:00",
    speaker="Jens Stoltenberg",
)
EN = _analysis(
    EN_SUMMIT,
    [("NATO", "ORG"), ("Jens Stoltenberg", "PER"), ("Brussels", "LOC")],
    published="2022-04-06T09:15:00",
    language="en",
)
SURNAME = _analysis(
    FR_SURNAME, [("Stoltenberg", "PER")], published="2022-04-07T08:00:00", speaker="Stoltenberg"
)
UNDATED = _analysis(FR_UNDATED, [("OTAN", "ORG")], published=None)


def _by_name(store: Store, label: str | None = None) -> dict[str, CorpusEntity]:
    return {e.name: e for e in store.entities(label, limit=100)}


def test_entity_counts_articles_mentions_and_dates(store: Store) -> None:
    for analysis in (EN, FR, UNDATED):
        store.put(analysis)
    nato = _by_name(store)["NATO"]
    assert (nato.articles, nato.mentions) == (3, 2 + 2 + 1)
    assert (nato.first_seen, nato.last_seen) == ("2022-04-05T16:43:00", "2022-04-06T09:15:00")


def test_otan_and_nato_are_one_entity_named_by_the_fact(store: Store) -> None:
    store.put(FR)
    store.put(EN)
    orgs = store.entities("ORG")
    assert [(e.id, e.name, e.wikidata) for e in orgs] == [(NATO, "NATO", "Q7184")]
    assert set(orgs[0].aliases) == {"OTAN"}
    detail = store.entity("otan")
    assert detail is not None
    assert {(a.alias, a.language) for a in detail.aliases} == {("OTAN", "fr"), ("NATO", "en")}
    assert entity_id("ORG", "OTAN") in detail.ids


def test_entities_are_most_mentioned_first_and_paged(store: Store) -> None:
    store.put(FR)
    store.put(EN)
    everything = store.entities()
    assert [e.mentions for e in everything] == sorted(
        (e.mentions for e in everything), reverse=True
    )
    assert store.entities(limit=2, offset=1) == everything[1:3]
    assert {e.label for e in store.entities("loc")} == {"LOC"}


@pytest.mark.parametrize("label", ["PERSON", ""])
def test_unknown_label_is_a_usage_error(store: Store, label: str) -> None:
    with pytest.raises(UsageError, match="PER, ORG, LOC, MISC"):
        store.entities(label)


@pytest.mark.parametrize(
    "order", [(FR, SURNAME), (SURNAME, FR)], ids=["full-first", "surname-first"]
)
def test_lone_surname_joins_the_one_person_in_either_arrival_order(
    store: Store, order: tuple[Analysis, Analysis]
) -> None:
    for analysis in order:
        store.put(analysis)
    people = store.entities("PER")
    assert [(e.id, e.name, e.articles, e.mentions) for e in people] == [
        (STOLTENBERG, "Jens Stoltenberg", 2, 3)
    ]
    assert people[0].aliases == ("Stoltenberg",)
    assert people[0].last_seen == "2022-04-07T08:00:00"
    by_surname_id = store.entity(entity_id("PER", "Stoltenberg"))
    assert by_surname_id is not None and by_surname_id.entity == people[0]
    # The quotations of both articles, whichever id each speaker was given.
    assert {hit.quote.speaker for hit in by_surname_id.quotes} == {
        "Jens Stoltenberg",
        "Stoltenberg",
    }
    assert len(by_surname_id.articles) == 2


def test_surname_of_two_people_joins_neither(store: Store) -> None:
    store.put(
        _analysis(
            EN_SMITH,
            [("Julianne Smith", "PER"), ("Adam Smith", "PER")],
            published="2022-04-06",
            language="en",
        )
    )
    store.put(_analysis(EN_SMITH_ONLY, [("Smith", "PER")], published="2022-04-07", language="en"))
    assert set(_by_name(store, "PER")) == {"Julianne Smith", "Adam Smith", "Smith"}


def test_ids_stay_the_same_as_articles_arrive(store: Store) -> None:
    store.put(SURNAME)
    first = {e.id for e in store.entities()}
    store.put(FR)
    store.put(EN)
    store.put(UNDATED)
    after = {e.id for e in store.entities()}
    # The surname-only entity merged into the full name: its id still finds the person.
    for old in first:
        detail = store.entity(old)
        assert detail is not None and detail.entity.id in after
    assert STOLTENBERG in after and NATO in after


@pytest.mark.parametrize(
    "query", ["Jens Stoltenberg", "jens STOLTENBERG", "Stoltenberg", STOLTENBERG]
)
def test_entity_is_found_by_id_name_or_form_any_case(store: Store, query: str) -> None:
    store.put(FR)
    store.put(SURNAME)
    detail = store.entity(query)
    assert detail is not None and detail.entity.id == STOLTENBERG


def test_entity_is_found_by_a_name_of_its_fact(store: Store) -> None:
    store.put(EN)
    detail = store.entity("Organisation du traité de l'Atlantique Nord")
    assert detail is not None and detail.entity.id == NATO


def test_a_name_of_several_entities_opens_the_most_mentioned_and_lists_the_others(
    store: Store,
) -> None:
    # The organisation is named so in two articles, the person "Trump" in two: no label has
    # the majority of the name's articles, and the person is the more mentioned.
    for year in (2023, 2024):
        text = f"Trump Media a publié ses comptes de {year}."
        store.put(_analysis(text, [("Trump", "ORG")], published=None))
    for day in ("05", "06"):
        text = f"Donald Trump a parlé le {day} avril. Trump a ajouté qu'il reviendrait."
        names: list[tuple[str, EntityLabel]] = [("Donald Trump", "PER"), ("Trump", "PER")]
        store.put(_analysis(text, names, published=f"2025-04-{day}"))
    detail = store.entity("Trump")
    assert detail is not None
    assert (detail.entity.name, detail.entity.label) == ("Donald Trump", "PER")
    assert [(e.name, e.label) for e in detail.others] == [("Trump", "ORG")]
    assert detail.to_json()["other_matches"][0]["label"] == "ORG"


def test_a_name_takes_the_label_most_articles_give_it(store: Store) -> None:
    # "Trump" is a person in three articles (joined to Donald Trump), an organisation in one.
    store.put(_analysis("Trump a racheté le club.", [("Trump", "ORG")], published=None))
    for day in ("05", "06", "07"):
        text = f"Donald Trump a parlé le {day} avril. Trump a ajouté qu'il reviendrait."
        names: list[tuple[str, EntityLabel]] = [("Donald Trump", "PER"), ("Trump", "PER")]
        store.put(_analysis(text, names, published=f"2025-04-{day}"))
    detail = store.entity("Trump")
    assert detail is not None
    assert (detail.entity.name, detail.entity.label) == ("Donald Trump", "PER")
    assert detail.others == ()
    assert entity_id("ORG", "Trump") in detail.ids
    assert detail.entity.mentions == 3 * 2 + 1
    assert [e.label for e in store.entities() if e.name == "Trump"] == []


def test_a_label_moves_with_the_majority_and_old_ids_still_resolve(store: Store) -> None:
    # One article calls Strava a person; then two call it an organisation.
    store.put(_analysis("Strava a répondu.", [("Strava", "PER")], published=None))
    first = store.entity("Strava")
    assert first is not None and first.entity.label == "PER"
    for year in (2023, 2024):
        text = f"Strava publie ses comptes de {year}."
        store.put(_analysis(text, [("Strava", "ORG")], published=None))
    (found,) = [e for e in store.entities() if e.name == "Strava"]
    assert found.label == "ORG" and found.articles == 3
    assert found.id == entity_id("ORG", "Strava")
    detail = store.entity(first.entity.id)  # the person's id now leads to the organisation
    assert detail is not None and detail.entity.id == found.id


def test_entities_are_named_in_the_reader_language(store: Store) -> None:
    # One place (one id, as located places have in every language), met in French first.
    store.put(_analysis("Moscou a répondu. Moscou encore.", [("Moscou", "LOC")], published=None))
    text = "Moscow said no."
    moscow = Entity(entity_id("LOC", "Moscou"), "Moscow", "LOC", (Mention(0, 6, "Moscow"),))
    article = Article(article_id(text), text, None, None, "en")
    store.put(Analysis(article=article, entities=(moscow,)))
    (shown,) = store.entities(language="en")
    assert (shown.name, shown.aliases) == ("Moscow", ("Moscou",))
    (canonical,) = store.entities()
    assert canonical.name == "Moscou"
    (french,) = store.entities(language="fr")
    assert french.name == "Moscou"
    detail = store.entity("Moscou", language="en")
    assert detail is not None and detail.entity.name == "Moscow"


def test_unknown_entity_is_none(store: Store) -> None:
    store.put(FR)
    assert store.entity("Marine Le Pen") is None
    assert store.entity("  ") is None


def test_entity_lists_its_articles_newest_first(store: Store) -> None:
    for analysis in (FR, EN, UNDATED):
        store.put(analysis)
    detail = store.entity("NATO")
    assert detail is not None
    assert [a.published for a in detail.articles] == [
        "2022-04-06T09:15:00",
        "2022-04-05T16:43:00",
        None,
    ]


def test_same_article_twice_counts_once(store: Store) -> None:
    store.put(FR)
    store.put(FR)
    assert _by_name(store)["NATO"].articles == 1


# --- SQLite: atomic writes and the migration ------------------------------------------------


def test_failing_corpus_update_leaves_nothing_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = []
    add_alias = corpus._add_alias

    def failing(*args: object) -> None:
        calls.append(args)
        if len(calls) == 2:  # midway through the article's entities
            raise RuntimeError("disk full")
        add_alias(*args)  # type: ignore[arg-type]

    db = tmp_path / "n.db"
    with SQLiteStore(db) as store:
        monkeypatch.setattr(corpus, "_add_alias", failing)
        with pytest.raises(RuntimeError):
            store.put(FR)
        monkeypatch.undo()
        assert store.entities() == [] and store.stats().articles == 0
    conn = sqlite3.connect(db)
    counts = [
        conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("corpus_entities", "entity_aliases", "entity_redirects", "entities")
    ]
    conn.close()
    assert counts == [0, 0, 0, 0]


def test_migration_fills_the_corpus_from_a_version_4_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, old_writer: Any
) -> None:
    articles = (SURNAME, FR, EN, UNDATED)
    old = tmp_path / "v4.db"
    with monkeypatch.context() as patch:
        old_writer(patch, 4)
        with SQLiteStore(old) as v4:
            for analysis in articles:
                v4.put(analysis)
            assert v4.schema_version == 4
    fresh = tmp_path / "fresh.db"
    with SQLiteStore(fresh) as store:
        for analysis in articles:
            store.put(analysis)
        expected = store.entities(limit=100)
    with SQLiteStore(old) as upgraded:
        assert 5 in upgraded.migrations_applied
        assert upgraded.entities(limit=100) == expected
        detail = upgraded.entity("Stoltenberg")
        assert detail is not None and detail.entity.id == STOLTENBERG


def test_migration_settles_the_labels_of_a_version_9_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, old_writer: Any
) -> None:
    texts = ["Strava a répondu.", "Strava publie ses comptes.", "Strava recrute à Paris."]
    labels: list[EntityLabel] = ["PER", "ORG", "ORG"]
    old = tmp_path / "v9.db"
    with monkeypatch.context() as patch:
        old_writer(patch, 9)
        with SQLiteStore(old) as v9:
            for text, label in zip(texts, labels, strict=True):
                v9.put(_analysis(text, [("Strava", label)], published=None))
            assert sorted(e.label for e in v9.entities()) == ["ORG", "PER"]
    with SQLiteStore(old) as upgraded:
        assert 10 in upgraded.migrations_applied
        (strava,) = upgraded.entities()
        assert (strava.label, strava.articles, strava.mentions) == ("ORG", 3, 3)
        upgraded.put(_analysis("Strava a levé des fonds.", [("Strava", "PER")], published=None))
        (strava,) = upgraded.entities()  # counted on from the migrated counts
        assert (strava.label, strava.articles) == ("ORG", 4)


def test_place_of_one_id_is_named_by_its_most_written_form(store: Store) -> None:
    # The places component gives every form of one located place the same id.
    place = entity_id("LOC", "geonames:703448")
    for text, form, day in (
        ("Des frappes ont visé Kiev.", "Kiev", "2022-04-05"),
        ("Explosions in Kyiv overnight.", "Kyiv", "2022-04-06"),
        ("Kyiv asked for air defence.", "Kyiv", "2022-04-07"),
    ):
        start = text.index(form)
        entity = Entity(place, form, "LOC", (Mention(start, start + len(form), form),))
        article = Article(article_id(text), text, None, day, "en")
        store.put(Analysis(article=article, entities=(entity,)))
    (kyiv,) = store.entities("LOC")
    assert (kyiv.id, kyiv.name, kyiv.aliases, kyiv.articles) == (place, "Kyiv", ("Kiev",), 3)
