"""Quote lexicons: speech verbs conjugated from lemmas, pronouns, honorifics, nouns, first names."""

from __future__ import annotations

import tomllib

import pytest

from newsdesk.analyze.lexicon import DATA, QuoteLexicon, conjugate, lexicon_for


@pytest.fixture(scope="module")
def fr() -> QuoteLexicon:
    return lexicon_for("fr")


@pytest.fixture(scope="module")
def en() -> QuoteLexicon:
    return lexicon_for("en")


@pytest.mark.parametrize(
    "form",
    [
        "déclarer", "déclare", "déclarent", "déclarait", "déclaraient", "déclara", "déclarèrent",
        "déclarera", "déclareront", "déclarerait", "déclareraient", "déclarant", "déclaré",
        "répète", "répètent", "répétera", "lança", "lançait", "lançant", "lancèrent", "jugea",
        "jugeant", "martèle", "appelle", "rappellera", "balaie", "dit", "disent", "disait",
        "dirent", "dira", "diront", "dirait", "disant", "écrivit", "reconnaît", "reconnurent",
        "préviennent", "conclut", "avertissent", "inquiète", "félicite",
    ],
)  # fmt: skip
def test_french_verb_forms_are_generated(fr: QuoteLexicon, form: str) -> None:
    assert form in fr.verbs


@pytest.mark.parametrize(
    "participle", ["déclaré", "déclarée", "déclarés", "déclarées", "dit", "dite", "dites", "admis",
                   "admise", "reconnu", "prévenu", "averti", "inquiété"]
)  # fmt: skip
def test_french_past_participles_follow_auxiliaries(fr: QuoteLexicon, participle: str) -> None:
    assert participle in fr.participles
    assert participle in fr.verbs


@pytest.mark.parametrize("form", ["déclarèrent", "déclare", "disent", "lança"])
def test_french_finite_forms_are_not_participles(fr: QuoteLexicon, form: str) -> None:
    assert form not in fr.participles


@pytest.mark.parametrize(
    "word",
    [
        "inquiétant",  # a reflexive verb's bare gerund is an adjective
        "étonnant",
        "maintenant",  # the adverb, excluded
        "déclares",  # second person: no speaker
        "déclarasse",  # imperfect subjunctive: not news prose
    ],
)
def test_french_forms_that_cue_nothing_are_left_out(fr: QuoteLexicon, word: str) -> None:
    assert word not in fr.verbs


@pytest.mark.parametrize(
    ("lemma", "forms"),
    [
        ("lever", {"lève", "lèvent", "lèvera", "levait", "leva", "levé"}),
        ("répéter", {"répète", "répètent", "répétera", "répètera", "répétait"}),
        ("jeter", {"jette", "jettera", "jetait"}),
        ("nettoyer", {"nettoie", "nettoient", "nettoiera", "nettoyait"}),
        ("menacer", {"menaça", "menaçaient", "menacèrent", "menace"}),
        ("déléguer", {"délègue", "déléguait"}),
        ("créer", {"crée", "créé", "créée"}),
    ],
)
def test_french_stem_changes(lemma: str, forms: set[str]) -> None:
    table = {"inflection": "fr", "lemmas": [lemma], "double_consonant": ["jeter"]}
    assert forms <= conjugate(table).forms


@pytest.mark.parametrize(
    "form",
    [
        "say", "says", "said", "saying", "told", "telling", "denies", "denied", "denying",
        "admitted", "admitting", "admits", "argues", "argued", "arguing", "agreed", "agreeing",
        "echoes", "quipped", "written", "wrote", "cries", "cried", "stressed",
    ],
)  # fmt: skip
def test_english_verb_forms_are_generated(en: QuoteLexicon, form: str) -> None:
    assert form in en.verbs


def test_english_participles(en: QuoteLexicon) -> None:
    assert {"said", "told", "added", "written", "denied", "admitted"} <= en.participles
    assert not {"says", "wrote", "saying", "admitted"} - en.verbs
    assert "wrote" not in en.participles
    assert "sayed" not in en.verbs


def test_phrases_inflect_their_first_verb(fr: QuoteLexicon, en: QuoteLexicon) -> None:
    assert {
        "fait valoir",
        "a fait valoir",
        "font valoir",
        "faisait savoir",
        "a mis en garde",
    } <= set(fr.phrases)
    assert "a faite valoir" not in fr.phrases  # no agreement inside a phrase
    assert {"pointed out", "has pointed out", "points out", "went on"} <= set(en.phrases)
    for phrases in (fr.phrases, en.phrases):
        assert [len(p) for p in phrases] == sorted((len(p) for p in phrases), reverse=True)


def test_pronouns_mark_gender_and_number(fr: QuoteLexicon, en: QuoteLexicon) -> None:
    assert fr.pronouns["il"] == ("m", "sg")
    assert fr.pronouns["elle"] == ("f", "sg")
    assert fr.pronouns["elles"] == ("f", "pl")
    assert fr.pronouns["celle-ci"] == ("f", "sg")
    assert en.pronouns["she"] == ("f", "sg")
    assert en.pronouns["they"] == (None, "pl")
    assert en.pronouns["it"] == (None, "sg")


def test_honorifics_are_case_sensitive(fr: QuoteLexicon, en: QuoteLexicon) -> None:
    assert (fr.honorifics["M."], fr.honorifics["Mme"], fr.honorifics["MM."]) == ("m", "f", "m")
    assert (en.honorifics["Mr."], en.honorifics["Ms"], en.honorifics["Mrs."]) == ("m", "f", "f")
    assert "m." not in fr.honorifics
    assert "mr." not in en.honorifics


def test_person_nouns_mark_gender_when_the_noun_does(fr: QuoteLexicon, en: QuoteLexicon) -> None:
    assert fr.person_nouns["ambassadrice"] == "f"
    assert fr.person_nouns["ambassadeur"] == "m"
    assert fr.person_nouns["ministre"] is None
    assert fr.person_nouns["porte-parole"] is None
    assert en.person_nouns["spokeswoman"] == "f"
    assert en.person_nouns["spokesman"] == "m"
    assert en.person_nouns["senator"] is None
    assert len(fr.person_nouns) > 300 and len(en.person_nouns) > 300


def test_prepositions_and_complementizers(fr: QuoteLexicon, en: QuoteLexicon) -> None:
    assert {"selon", "d'après", "à en croire", "aux yeux de", "pour"} <= set(fr.prepositions)
    assert fr.prepositions.index("à en croire") < fr.prepositions.index("selon")
    assert fr.sentence_initial_only == frozenset({"pour"})
    assert {"que", "qu'", "qu’"} <= set(fr.complementizers)
    assert {"according to", "in the words of"} <= set(en.prepositions)
    assert en.complementizers == ("that",)
    assert {"a", "ont", "avait", "aurait"} <= fr.auxiliaries
    assert {"has", "had", "would", "was"} <= en.auxiliaries


def test_org_and_anonymous_heads(fr: QuoteLexicon, en: QuoteLexicon) -> None:
    assert {"ministère", "préfecture", "parquet"} <= fr.org_nouns
    assert {"ministry", "agency", "campaign"} <= en.org_nouns
    assert {"source", "sources", "proche", "diplomate"} <= fr.anonymous
    assert {"officials", "people", "aides", "witnesses"} <= en.anonymous


@pytest.mark.parametrize(
    ("name", "gender"),
    [("julianne", "f"), ("jens", "m"), ("jean-pierre", "m"), ("ségolène", "f"), ("oksana", "f"),
     ("mohammed", "m"), ("aminata", "f"), ("volodymyr", "m")],
)  # fmt: skip
def test_first_names_carry_their_gender(fr: QuoteLexicon, name: str, gender: str) -> None:
    assert fr.first_names[name] == gender


@pytest.mark.parametrize("name", ["claude", "dominique", "camille", "jordan", "sasha", "andrea"])
def test_ambiguous_first_names_mark_no_gender(name: str) -> None:
    assert name not in lexicon_for("fr").first_names


def test_first_names_lists_do_not_overlap() -> None:
    with (DATA / "first_names.toml").open("rb") as f:
        data = tomllib.load(f)
    female, male, ambiguous = (set(data[k]) for k in ("female", "male", "ambiguous"))
    assert not female & male and not female & ambiguous and not male & ambiguous
    assert len(female) >= 600 and len(male) >= 600
    assert all(name == name.lower() for name in female | male | ambiguous)


@pytest.mark.parametrize("language", ["xx", "de", None])
def test_language_without_data_has_no_verbs_but_first_names(language: str | None) -> None:
    lexicon = lexicon_for(language)
    assert lexicon.verbs == frozenset() and lexicon.phrases == () and not lexicon.pronouns
    assert lexicon.first_names["julianne"] == "f"


def test_lexicon_for_is_cached() -> None:
    assert lexicon_for("fr") is lexicon_for("fr")
    assert lexicon_for("en") is not lexicon_for("fr")


def test_grammar_fields_are_read(fr: QuoteLexicon, en: QuoteLexicon) -> None:
    assert "m" in fr.abbreviations and "mr" in en.abbreviations
    assert en.bare_clause and not fr.bare_clause
    assert {"said", "says", "told"} <= en.bare_clause_verbs
    assert {"told", "telling", "warned"} <= en.object_verbs
    assert fr.max_gap_words > 0 and fr.adverb_suffixes == ("ment",)


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"inflection": "xx", "lemmas": ["say"]}, "no inflection rules"),
        ({"inflection": "fr", "lemmas": ["prendre"]}, "not a regular -er verb"),
        ({"inflection": "fr", "irregular": {"dire": ["dit"]}}, "7 principal parts"),
        ({"inflection": "en", "irregular": {"say": ["says"]}}, "4 principal parts"),
    ],
)
def test_bad_verb_tables_are_refused(table: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        conjugate(table)
