"""Linking names to known facts: one id for an organisation in every language and form."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.analyze import Analyzer
from newsdesk.analyze.entities import entity_id
from newsdesk.analyze.linking import Linker, facts, link_entities, parse_facts
from newsdesk.config import Settings
from newsdesk.records import Article, Entity, Mention, article_id

NATO = entity_id("ORG", "wikidata:Q7184")
EU = entity_id("ORG", "wikidata:Q458")


@pytest.fixture(scope="module")
def linker() -> Linker:
    return Linker.default()


@pytest.mark.parametrize(
    ("name", "language", "expected"),
    [
        ("OTAN", "fr", NATO),
        ("NATO", "en", NATO),
        ("Nato", "en", NATO),
        ("Organisation du traité de l'Atlantique Nord", "fr", NATO),
        ("North Atlantic Treaty Organization", "en", NATO),
        ("UE", "fr", EU),
        ("EU", "en", EU),
        ("Union européenne", "fr", EU),
        ("union europeenne", "fr", EU),
        ("European Union", "en", EU),
        ("U.N.", "en", entity_id("ORG", "wikidata:Q1065")),
        ("ONU", "fr", entity_id("ORG", "wikidata:Q1065")),
        ("OMS", "fr", entity_id("ORG", "wikidata:Q7817")),
        ("G7", "fr", entity_id("ORG", "org:g7")),
        ("G7", "en", entity_id("ORG", "org:g7")),
        # No forms are known for Spanish: acronyms of every language are the best evidence.
        ("OTAN", "es", NATO),
    ],
)
def test_names_of_one_organisation_link_to_one_id(
    linker: Linker, name: str, language: str, expected: str
) -> None:
    link = linker.link(name, language)
    assert link is not None and link.id == expected


@pytest.mark.parametrize(
    ("name", "language"),
    [
        ("Un", "fr"),  # the French article "un" at a sentence start
        ("un", "fr"),
        ("Who", "en"),  # the question word, not the World Health Organization
        ("who", "en"),
        ("UN", "fr"),  # an English acronym: French articles write ONU
        ("CPI", "en"),  # a price index in English, the ICC in French
        ("Union", "fr"),
        ("Commission", "fr"),
        ("Atlantique", "fr"),
        ("Jens Stoltenberg", "fr"),
    ],
)
def test_acronym_traps_and_partial_names_link_to_nothing(
    linker: Linker, name: str, language: str
) -> None:
    assert linker.link(name, language) is None


def test_acronym_of_the_article_language_links(linker: Linker) -> None:
    cpi = linker.link("CPI", "fr")
    assert cpi is not None and cpi.name == "International Criminal Court"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Organisation mondiale de la santé (OMS)", "who"),
        ("OMS (Organisation mondiale de la santé)", "who"),
        ("Organisation mondiale de la santé (ONU)", None),  # the two parts disagree
        ("Comité local (CL)", None),
    ],
)
def test_name_with_its_acronym_in_brackets_links_as_either_part(
    linker: Linker, name: str, expected: str | None
) -> None:
    fact = linker.fact(name, "fr")
    assert (fact.key if fact else None) == expected


@pytest.mark.parametrize("name", ["Twitter", "Al Jazeera", "AFP", "Reuters"])
def test_agencies_and_platforms_are_organisations(linker: Linker, name: str) -> None:
    link = linker.link(name, "en")
    assert link is not None and link.label == "ORG"


def test_link_gives_canonical_name_and_wikidata(linker: Linker) -> None:
    link = linker.link("OTAN", "fr")
    assert link is not None
    assert (link.name, link.wikidata, link.label, link.key) == ("NATO", "Q7184", "ORG", "nato")


def test_fact_ids_use_the_entity_id_formula() -> None:
    for fact in facts().values():
        key = f"wikidata:{fact.wikidata}" if fact.wikidata else f"org:{fact.key}"
        assert fact.id == entity_id(fact.label, key)


def test_shipped_facts_have_unique_ids_and_wikidata() -> None:
    shipped = list(facts().values())
    assert len(shipped) >= 60
    assert len({f.id for f in shipped}) == len(shipped)
    qids = [f.wikidata for f in shipped if f.wikidata]
    assert len(set(qids)) == len(qids)


def test_form_claimed_by_two_facts_links_to_neither() -> None:
    linker = Linker(
        parse_facts(
            {
                "first": {"name": "First Alliance", "acronyms": {"en": ["FA"]}},
                "second": {"name": "Football Association", "acronyms": {"en": ["FA"]}},
            }
        )
    )
    assert linker.link("FA", "en") is None
    assert linker.link("First Alliance", "en") is None  # a canonical name is not a form


@pytest.mark.parametrize(
    "table",
    [
        {"x": {"name": "X", "wikidata": "7184"}},
        {"x": {"name": "X", "label": "ORGANISATION"}},
        {"x": {"label": "ORG"}},
        {"x": {"name": "X", "names": {"en": "X", "fr": [3]}}},
    ],
)
def test_malformed_fact_is_refused_naming_it(table: dict[str, object]) -> None:
    with pytest.raises(ValueError, match=r"\[x\]"):
        parse_facts(table, "mine.toml")


def test_user_facts_extend_the_shipped_ones(tmp_path: Path) -> None:
    path = tmp_path / "extra.toml"
    path.write_text('[agence_x]\nname = "Agence X"\nacronyms.fr = ["AGX"]\n', encoding="utf-8")
    linker = Linker.from_files(path)
    extra, nato = linker.link("AGX", "fr"), linker.link("OTAN", "fr")
    assert extra is not None and extra.id == entity_id("ORG", "org:agence_x")
    assert nato is not None and nato.id == NATO


def _entity(name: str, label: str, *starts: int) -> Entity:
    mentions = tuple(Mention(s, s + len(name), name) for s in starts)
    return Entity(entity_id(label, name), name, label, mentions)  # type: ignore[arg-type]


def test_two_entities_naming_one_fact_merge_with_mentions_in_order() -> None:
    otan = _entity("OTAN", "ORG", 10, 200)
    full = _entity("Organisation du traité de l'Atlantique nord", "ORG", 50)
    smith = _entity("Julianne Smith", "PER", 100)
    linked = link_entities([otan, smith, full], "fr")
    assert [(e.name, e.id) for e in linked] == [
        ("OTAN", NATO),
        ("Julianne Smith", smith.id),
    ]
    assert [m.start for m in linked[0].mentions] == [10, 50, 200]


def test_linked_entity_takes_the_fact_label() -> None:
    (kremlin,) = link_entities([_entity("Kremlin", "LOC", 0)], "fr")
    assert (kremlin.label, kremlin.name) == ("ORG", "Kremlin")


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer(Settings(), components=("entities",))


def _analyze(analyzer: Analyzer, text: str, language: str) -> dict[str, Entity]:
    article = Article(article_id(text), text, None, None, language)
    return {e.name: e for e in analyzer.analyze_one(article).entities}


def test_otan_in_french_and_nato_in_english_articles_share_an_id(analyzer: Analyzer) -> None:
    fr = _analyze(
        analyzer,
        "Les ministres des Affaires étrangères de l'OTAN se réunissent à Bruxelles. "
        "Le chef de l'OTAN, Jens Stoltenberg, a appelé les alliés à livrer plus d'armes.",
        "fr",
    )
    en = _analyze(
        analyzer,
        "NATO foreign ministers are meeting in Brussels this week. "
        "NATO Secretary General Jens Stoltenberg urged allies to send more weapons.",
        "en",
    )
    assert fr["OTAN"].id == en["NATO"].id == NATO
    assert fr["OTAN"].label == en["NATO"].label == "ORG"
