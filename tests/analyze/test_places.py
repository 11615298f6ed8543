"""The places component: which entities are places, how their names are read, the ids they get,
on sentences we wrote, the seed and the English example; and ``newsdesk places``."""

from __future__ import annotations

import importlib.util
import json
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from types import ModuleType

import pytest
import typer
from typer.testing import CliRunner

from newsdesk.analyze import Analyzer
from newsdesk.analyze.entities import entity_id
from newsdesk.analyze.gazetteer import key, load
from newsdesk.analyze.places import PlaceFinder, find_places, locate_all, place_id
from newsdesk.cli.places import places as places_command
from newsdesk.config import Settings
from newsdesk.extract import extract_one
from newsdesk.records import (
    Analysis,
    Article,
    Entity,
    Mention,
    Origin,
    Place,
    RawDocument,
    name_key,
)
from newsdesk.store.sqlite import SQLiteStore

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
BENCHMARK = ROOT / "benchmarks" / "places.py"
KYIV, RUSSIA, CRIMEA = 703448, 2017370, 703883


def entities_of(text: str, *marked: tuple[str, str]) -> list[Entity]:
    """One entity per (name, label), with a mention at each place the name is written."""
    out = []
    for name, label in marked:
        mentions, start = [], text.find(name)
        while start != -1:
            mentions.append(Mention(start, start + len(name), name))
            start = text.find(name, start + 1)
        assert mentions, name
        out.append(Entity(entity_id(label, name), name, label, tuple(mentions)))  # type: ignore[arg-type]
    return out


def places_of(text: str, language: str, *marked: tuple[str, str]) -> dict[str, Place]:
    _, found = find_places(entities_of(text, *marked), language, text)
    return {p.name: p for p in found}


# --- the gazetteer ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["U.S.-Mexico  border", "Kyiv", "Saint-Louis", "L'Aquila", "D.C.", " New\tYork "]
)
def test_gazetteer_key_is_name_key(name: str) -> None:
    assert key(name) == name_key(name)


def test_gazetteer_reads_a_name_in_the_language_of_the_article() -> None:
    gazetteer = load()
    in_french = gazetteer.lookup("Mexico", "fr")[0].candidate
    in_english = gazetteer.lookup("Mexico", "en")[0].candidate
    assert (in_french.feature, in_french.geonameid) == ("city", 3530597)
    assert (in_english.feature, in_english.country_code) == ("country", "MX")


def test_gazetteer_translates_country_names_with_pycountry() -> None:
    # Neither name is an alias of places.toml: they come from the iso3166-1 French catalogue.
    for name, code in [("Allemagne", "DE"), ("Nouvelle-Zélande", "NZ"), ("Hongrie", "HU")]:
        first = load().lookup(name, "fr")[0].candidate
        assert (first.country_code, first.feature) == (
            code,
            "country",
        )


@pytest.mark.parametrize(
    ("code", "lat", "lon"),
    [("BR", -10.6, -53.0), ("FR", 46.5, 2.4), ("US", 39.8, -98.6)],  # geographic centres
)
def test_gazetteer_country_point_is_the_centre_of_its_land(
    code: str, lat: float, lon: float
) -> None:
    # Not a city's point: Brazil's is in Mato Grosso, not Minas Gerais (within 3 degrees).
    country = load().countries[code]
    assert country.lat is not None and country.lon is not None
    assert abs(country.lat - lat) < 3 and abs(country.lon - lon) < 3


@pytest.mark.parametrize(
    ("name", "language", "code", "lat", "lon"),
    [
        # Near the middle of each area (within 2 degrees), where no city of it is drawn:
        # Texas is not Austin, Alberta not Edmonton, Occitanie not Toulouse.
        ("Texas", "en", "US", 31.0, -99.5),
        ("Alberta", "en", "CA", 55.0, -115.0),
        ("Occitanie", "fr", "FR", 43.7, 2.2),
        ("Bavière", "fr", "DE", 48.9, 11.4),
    ],
)
def test_first_level_regions_have_their_own_point(
    name: str, language: str, code: str, lat: float, lon: float
) -> None:
    (area,) = locate_all([name], language)
    assert area is not None and area.feature in ("state", "region")
    assert area.country_code == code
    assert area.lat is not None and area.lon is not None
    assert abs(area.lat - lat) < 2 and abs(area.lon - lon) < 2
    cities = {(c.lat, c.lon) for c in load().by_id.values() if c.feature == "city"}
    assert (area.lat, area.lon) not in cities


# --- which entities are places ---------------------------------------------------------------


def test_country_labelled_as_organisation_is_a_place() -> None:
    text = "La Russie a annoncé des sanctions."
    found = places_of(text, "fr", ("Russie", "ORG"))
    assert found["Russie"].geonameid == RUSSIA
    assert found["Russie"].feature == "country"


def test_organisation_that_is_no_place_stays_an_organisation() -> None:
    text = "Les ministres de l'OTAN se réunissent à Bruxelles."
    entities, found = find_places(
        entities_of(text, ("OTAN", "ORG"), ("Bruxelles", "LOC")), "fr", text
    )
    assert [p.name for p in found] == ["Bruxelles"]
    assert any(e.name == "OTAN" and e.label == "ORG" for e in entities)


def test_person_named_like_a_country_stays_a_person() -> None:
    text = "Georgia a remporté la finale du 200 mètres."
    entities, found = find_places(entities_of(text, ("Georgia", "PER")), "fr", text)
    assert found == ()
    assert entities[0].label == "PER"


def test_one_word_person_that_is_a_city_of_a_million_is_the_city() -> None:
    text = "Kyiv said the strikes would not break its resolve."
    entities, found = find_places(entities_of(text, ("Kyiv", "PER")), "en", text)
    assert found[0].geonameid == KYIV
    assert [e.label for e in entities] == ["LOC"]


def test_one_word_person_that_is_no_known_place_stays_a_person() -> None:
    text = "Zelensky said the strikes would not break Ukraine."
    entities, found = find_places(entities_of(text, ("Zelensky", "PER")), "en", text)
    assert [e.label for e in entities] == ["PER", "LOC"] and found[0].country_code == "UA"


def test_page_furniture_labelled_as_a_place_gives_no_place() -> None:
    text = "Afficher Plus"
    assert places_of(text, "fr", ("Afficher Plus", "LOC")) == {}


def test_place_the_gazetteer_lacks_stays_unlocated_with_its_id() -> None:
    text = "Les habitants de Trifouilly-les-Oies ont voté."
    entities = entities_of(text, ("Trifouilly-les-Oies", "LOC"))
    rewritten, found = find_places(entities, "fr", text)
    assert found == (Place(entities[0].id, "Trifouilly-les-Oies", None, None, None, None, None),)
    assert rewritten == tuple(entities)


# --- how names are read ----------------------------------------------------------------------


def test_paris_alone_is_the_french_capital() -> None:
    found = places_of("Des manifestations ont eu lieu à Paris.", "fr", ("Paris", "LOC"))
    assert found["Paris"].geonameid == 2988507


def test_paris_in_an_article_about_texas_is_paris_texas() -> None:
    text = "Un orage a frappé Paris mardi. Le Texas compte ses dégâts."
    found = places_of(text, "fr", ("Paris", "LOC"), ("Texas", "LOC"))
    assert (found["Paris"].geonameid, found["Paris"].country_code) == (4717560, "US")


def test_city_comma_state_is_read_together() -> None:
    text = "Athens, Georgia, hosted the championship."
    found = places_of(text, "en", ("Athens", "LOC"), ("Georgia", "LOC"))
    assert found["Athens"].geonameid == 4180386
    assert (found["Georgia"].feature, found["Georgia"].country_code) == ("state", "US")


def test_country_beats_a_state_of_the_same_name_without_context() -> None:
    text = "Georgia and Moldova fear they could be next."
    found = places_of(text, "en", ("Georgia", "LOC"), ("Moldova", "LOC"))
    assert (found["Georgia"].feature, found["Georgia"].country_code) == ("country", "GE")


def test_state_beats_the_country_when_a_city_of_it_is_named() -> None:
    text = "The governor of Georgia said flights from Atlanta would resume."
    found = places_of(text, "en", ("Georgia", "LOC"), ("Atlanta", "LOC"))
    assert (found["Georgia"].feature, found["Georgia"].geonameid) == ("state", 4197000)


def test_city_in_a_named_state_beats_a_larger_one_elsewhere() -> None:
    text = "The campus in Moscow stayed closed, Idaho officials said."
    found = places_of(text, "en", ("Moscow", "LOC"), ("Idaho", "LOC"))
    assert found["Moscow"].geonameid == 5601538


def test_region_word_keeps_a_city_name_unlocated() -> None:
    text = "Les combats gagnent la région de Louhansk."
    found = places_of(text, "fr", ("Louhansk", "LOC"))
    assert found["Louhansk"].geonameid is None
    assert (found["Louhansk"].feature, found["Louhansk"].country_code) == ("region", "UA")


def test_region_word_picks_the_region_reading() -> None:
    text = "Moscou a annexé la péninsule de Crimée en 2014."
    found = places_of(text, "fr", ("Crimée", "LOC"))
    assert (found["Crimée"].geonameid, found["Crimée"].feature) == (CRIMEA, "region")


@pytest.mark.parametrize(
    ("language", "text", "name"),
    [
        ("en", "She speaks Hindi at home.", "Hindi"),  # a language, and an alternate town name
        ("fr", "Il parle arabe et Bengali.", "Bengali"),
        ("en", "The probe left Earth for Mars.", "Earth"),
        ("en", "The probe left Earth for Mars.", "Mars"),
        ("fr", "Le nouvel Etat a été proclamé.", "Etat"),
        ("en", "A spokesman said.", "A"),
    ],
)
def test_words_that_are_no_place_names_give_no_place(language: str, text: str, name: str) -> None:
    assert places_of(text, language, (name, "LOC")) == {}


@pytest.mark.parametrize(
    ("language", "text", "name"),
    [
        ("fr", "L'Etat paiera, a dit le ministre à Lyon.", "Etat"),
        ("en", "The probe left Earth for Mars.", "Mars"),
        ("fr", "Afficher Plus", "Afficher Plus"),
    ],
)
def test_the_entity_list_shows_no_place_where_places_see_none(
    language: str, text: str, name: str
) -> None:
    entities, _ = find_places(entities_of(text, (name, "LOC")), language, text)
    assert [(e.name, e.label, e.id) for e in entities] == [(name, "MISC", entity_id("MISC", name))]


def test_a_language_that_is_also_a_country_name_stays_the_country() -> None:
    found = places_of("The king of Tonga arrived.", "en", ("Tonga", "LOC"))
    assert found["Tonga"].country_code == "TO"


@pytest.mark.parametrize(
    ("text", "name", "geonameid"),
    [
        ("Stores in Calif. and Ore. were closed.", "Calif.", 5332921),
        ("Stores in Calif. and Ore. were closed.", "Ore.", 5744337),
        ("The rally in L.A. drew crowds.", "L.A.", 5368361),
    ],
)
def test_style_book_abbreviations_are_their_places(text: str, name: str, geonameid: int) -> None:
    assert places_of(text, "en", (name, "LOC"))[name].geonameid == geonameid


def test_america_alone_is_the_united_states() -> None:
    found = places_of("The shirts are made in America.", "en", ("America", "LOC"))
    assert (found["America"].feature, found["America"].country_code) == ("country", "US")


def test_a_state_in_a_list_of_states_stays_a_state() -> None:
    text = "Voters in Minnesota, Virginia or New Jersey will decide."
    marked = [("Minnesota", "LOC"), ("Virginia", "LOC"), ("New Jersey", "LOC")]
    found = places_of(text, "en", *marked)
    assert (found["Virginia"].feature, found["Virginia"].geonameid) == ("state", 6254928)


def test_a_nation_of_the_united_kingdom_has_its_own_point() -> None:
    found = places_of("Rain fell across England and Wales.", "en", ("England", "LOC"))
    england = found["England"]
    assert (england.geonameid, england.country_code, england.feature) == (6269131, "GB", "region")
    assert england.lat is not None and 50 < england.lat < 56


def test_an_ocean_is_never_a_region_of_the_same_name() -> None:
    found = places_of("Les navires traversent l'Atlantique.", "fr", ("Atlantique", "LOC"))
    assert (found["Atlantique"].feature, found["Atlantique"].country_code) == ("ocean", None)


@pytest.mark.parametrize(
    ("text", "model", "city", "geonameid"),
    [
        # The model read the capitals as a place "LA" and an organisation "CROSSE".
        ("LA CROSSE, Wis. (AP) — A man was arrested.", [("LA", "LOC"), ("CROSSE", "ORG")],
         "La Crosse", 5258957),
        ("WASHINGTON (AP) — The Senate voted.", [("WASHINGTON", "LOC")], "Washington", 4140963),
        ("Intro.\nFRESNO, Calif. (AP) — Fires spread.", [], "Fresno", 5350937),
    ],
)  # fmt: skip
def test_wire_dateline_is_a_city_in_its_state_never_other_entities(
    text: str, model: list[tuple[str, str]], city: str, geonameid: int
) -> None:
    entities, found = find_places(entities_of(text, *model), "en", text)
    places = {p.name: p for p in found}
    assert places[city].geonameid == geonameid
    assert not {"LA", "CROSSE", "WASHINGTON"} & {e.name for e in entities}


@pytest.mark.parametrize(
    "text", ["BREAKING NEWS — A storm hit the coast.", "SHOCK, HORROR — A storm hit."]
)
def test_capitalised_opening_without_agency_or_state_is_no_dateline(text: str) -> None:
    assert find_places([], "en", text) == ((), ())


def test_reuters_dateline_with_its_day_is_the_city_alone() -> None:
    text = "KATHMANDU, April 25 (Reuters) - The airport reopened."
    _, found = find_places([], "en", text)
    assert [(p.name, p.country_code) for p in found] == [("Kathmandu", "NP")]


# --- ids and merging -------------------------------------------------------------------------


def test_two_spellings_of_one_city_become_one_entity_with_sorted_mentions() -> None:
    text = "Kyiv a été bombardée. À Kiev, les sirènes ont retenti. Kyiv résiste."
    entities, found = find_places(entities_of(text, ("Kyiv", "LOC"), ("Kiev", "LOC")), "fr", text)
    assert len(found) == 1 and found[0].geonameid == KYIV
    (entity,) = entities
    assert entity.id == found[0].entity_id == place_id(KYIV) == entity_id("LOC", "geonames:703448")
    assert [m.start for m in entity.mentions] == sorted(m.start for m in entity.mentions)
    assert [m.text for m in entity.mentions] == ["Kyiv", "Kiev", "Kyiv"]
    assert entity.name == "Kyiv"  # the spelling with the most mentions


def test_same_place_has_the_same_id_in_french_and_english() -> None:
    fr = places_of("La Russie a frappé Kiev.", "fr", ("Russie", "LOC"), ("Kiev", "LOC"))
    en = places_of("Russia struck Kyiv.", "en", ("Russia", "LOC"), ("Kyiv", "LOC"))
    assert fr["Russie"].entity_id == en["Russia"].entity_id
    assert fr["Kiev"].entity_id == en["Kyiv"].entity_id


# --- names the model missed ------------------------------------------------------------------


def test_a_country_the_model_missed_is_found_in_the_text() -> None:
    text = "Britain and Canada sent more weapons."
    entities, found = find_places(entities_of(text, ("Canada", "LOC")), "en", text)
    britain = next(p for p in found if p.name == "Britain")
    assert britain.country_code == "GB"
    (entity,) = [e for e in entities if e.id == britain.entity_id]
    assert [(m.start, m.end) for m in entity.mentions] == [(0, 7)]


def test_a_missed_mention_joins_the_entity_of_the_same_name() -> None:
    text = "Ukraine asked for help. Leaders said Ukraine would get it."
    entities = [Entity("u", "Ukraine", "LOC", (Mention(0, 7, "Ukraine"),))]
    rewritten, _ = find_places(entities, "en", text)
    assert [m.start for m in rewritten[0].mentions] == [0, 37]


@pytest.mark.parametrize(
    "text",
    [
        "The Kyiv Independent reported the strike.",  # the head of a longer name
        "Voters in New Mexico went to the polls.",  # the tail of one
        "She joined the Bank of France in 2019.",  # inside an entity's mention
    ],
)
def test_a_name_inside_a_longer_name_is_not_a_place(text: str) -> None:
    marked = [("Bank of France", "ORG")] if "Bank" in text else []
    _, found = find_places(entities_of(text, *marked), "en", text)
    assert found == ()


# --- the seed and the English example, analyzed for real -------------------------------------


@pytest.fixture(scope="module")
def analyzer() -> Iterator[Analyzer]:
    yield Analyzer(Settings(), components=("entities",))


def analyzed(analyzer: Analyzer, path: Path, kind: str) -> Analysis:
    settings = Settings()
    article = extract_one(RawDocument(path.read_bytes(), Origin(path=str(path)), kind), settings)  # type: ignore[arg-type]
    analysis = analyzer.analyze_one(article)
    return PlaceFinder()(None, analysis)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def seed(analyzer: Analyzer) -> Analysis:
    return analyzed(analyzer, ROOT / "tests" / "data" / "seed_fr.txt", "text")


@pytest.fixture(scope="module")
def english(analyzer: Analyzer) -> list[Analysis]:
    return [
        analyzed(analyzer, EXAMPLES / "nato-ministers-en.html", "html"),
        analyzed(analyzer, ROOT / "tests" / "data" / "analyze" / "nato_en.txt", "text"),
    ]


def by_name(analysis: Analysis) -> dict[str, Place]:
    return {p.name: p for p in analysis.places}


def test_seed_kiev_is_located_at_the_ukrainian_capital(seed: Analysis) -> None:
    kiev = by_name(seed)["Kiev"]
    assert (kiev.geonameid, kiev.country_code, kiev.feature) == (KYIV, "UA", "city")
    assert kiev.lat == pytest.approx(50.45, abs=0.01) and kiev.lon == pytest.approx(30.52, abs=0.01)


def test_seed_bucha_and_crimea_are_in_ukraine(seed: Analysis) -> None:
    places = by_name(seed)
    assert places["Bucha"].country_code == "UA" and places["Bucha"].geonameid is not None
    assert (places["Crimée"].geonameid, places["Crimée"].feature) == (CRIMEA, "region")
    donbass = places["Donbass"]
    assert donbass.geonameid is None or donbass.feature == "region"


def test_seed_locates_every_g7_and_partner_country(seed: Analysis) -> None:
    # The last paragraphs name the partners (Australie ... Suède) and the G7 members.
    named = {"AU", "FI", "GE", "JP", "NZ", "KR", "SE", "GB", "CA", "FR", "DE", "IT", "US"}
    countries = {p.country_code for p in seed.places if p.feature == "country" and p.geonameid}
    assert named <= countries
    assert {"UA", "RU"} <= countries


def test_seed_places_are_entities_whose_mentions_point_at_their_names(seed: Analysis) -> None:
    entities = {e.id: e for e in seed.entities}
    assert len(entities) == len(seed.entities)
    for place in seed.places:
        entity = entities[place.entity_id]
        assert entity.name == place.name
        for m in entity.mentions:
            assert seed.article.text[m.start : m.end] == m.text
            assert name_key(m.text) == name_key(entity.name)


def test_english_kyiv_and_russia_have_the_ids_of_the_seed(
    seed: Analysis, english: list[Analysis]
) -> None:
    french = by_name(seed)
    for analysis in english:
        places = by_name(analysis)
        assert places["Kyiv"].entity_id == french["Kiev"].entity_id == place_id(KYIV)
        assert places["Russia"].entity_id == french["Russie"].entity_id == place_id(RUSSIA)


def test_place_finder_declares_itself() -> None:
    assert PlaceFinder.name == "places"
    assert PlaceFinder.requires == frozenset()


# --- the table of sentences --------------------------------------------------------------


def load_benchmark() -> ModuleType:
    spec = importlib.util.spec_from_file_location("newsdesk_places_benchmark", BENCHMARK)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("language", "precision", "recall"), [("fr", 0.95, 0.95), ("en", 0.95, 0.9)]
)
def test_table_precision_and_recall_stay_above_their_floors(
    language: str, precision: float, recall: float
) -> None:
    bench = load_benchmark()
    rows = bench.read_table()
    scores = bench.score(rows, bench.run_table(rows))
    assert scores[language].precision >= precision, scores[language].errors
    assert scores[language].recall >= recall, scores[language].errors


# --- newsdesk places -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def store_path(
    tmp_path_factory: pytest.TempPathFactory, seed: Analysis, english: list[Analysis]
) -> Path:
    path = tmp_path_factory.mktemp("places") / "newsdesk.db"
    with SQLiteStore(path) as store:
        for analysis in [seed, english[0]]:
            store.put(analysis)
    return path


def run_places(*args: str) -> tuple[int, str]:
    app = typer.Typer()
    app.command()(places_command)
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout


def test_places_json_lists_kyiv_with_both_articles(store_path: Path, seed: Analysis) -> None:
    code, stdout = run_places("--db", str(store_path), "--json")
    assert code == 0
    rows = {row["geonameid"]: row for row in map(json.loads, stdout.splitlines())}
    kyiv = rows[KYIV]
    assert set(kyiv["names"]) == {"Kiev", "Kyiv"}
    assert seed.article.id in {a["id"] for a in kyiv["articles"]} and len(kyiv["articles"]) == 2
    assert all(row["geonameid"] is not None for row in rows.values())


def test_places_geojson_is_a_feature_collection_of_points(store_path: Path) -> None:
    code, stdout = run_places("--db", str(store_path), "--geojson")
    assert code == 0
    collection = json.loads(stdout)
    assert collection["type"] == "FeatureCollection"
    kyiv = next(f for f in collection["features"] if f["properties"]["geonameid"] == KYIV)
    assert kyiv["geometry"]["type"] == "Point"
    lon, lat = kyiv["geometry"]["coordinates"]
    assert (round(lat, 2), round(lon, 2)) == (50.45, 30.52)
    assert {"name", "country_code", "feature", "articles"} <= set(kyiv["properties"])
    assert all(set(a) == {"id", "title"} for a in kyiv["properties"]["articles"])


def test_places_table_and_errors(store_path: Path, tmp_path: Path) -> None:
    code, stdout = run_places("--db", str(store_path))
    assert code == 0 and ("Kiev" in stdout or "Kyiv" in stdout)
    assert run_places("--db", str(store_path), "--json", "--geojson")[0] == 2
    assert run_places("--db", str(tmp_path / "none.db"))[0] == 1


def test_unlocated_places_are_not_exported(store_path: Path) -> None:
    with SQLiteStore(store_path, read_only=True) as store:
        unlocated = store.select("SELECT name FROM places WHERE geonameid IS NULL")
    code, stdout = run_places("--db", str(store_path), "--json")
    assert code == 0
    names = {n for row in map(json.loads, stdout.splitlines()) for n in row["names"]}
    assert ("Donbass",) in unlocated and "Donbass" not in names


def test_analysis_keeps_fields_it_does_not_touch(seed: Analysis) -> None:
    again = PlaceFinder()(None, replace(seed, places=()))  # type: ignore[arg-type]
    assert again.article == seed.article and again.quotes == seed.quotes
    assert again.places == seed.places


def test_find_places_on_an_article_without_language() -> None:
    article = Article(id="x", text="Kyiv.", title=None, published=None, language=None)
    entities = entities_of(article.text, ("Kyiv", "LOC"))
    _, found = find_places(entities, article.language, article.text)
    assert [p.geonameid for p in found] == [KYIV]
