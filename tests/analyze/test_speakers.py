"""Who said it: speaker resolution through the real analyzer, one behaviour per test, on
passages written for them (French and English)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest

from newsdesk.analyze import Analyzer
from newsdesk.analyze.confidence import confidences
from newsdesk.analyze.entities import find_entities, rules_for
from newsdesk.analyze.lexicon import lexicon_for
from newsdesk.analyze.mentions import ArticleMentions
from newsdesk.analyze.quotes import find_quotes, read_quotes
from newsdesk.config import Settings
from newsdesk.records import Article, Quote, article_id


@pytest.fixture(scope="module")
def analyzer() -> Iterator[Analyzer]:
    yield Analyzer(Settings(), components=("entities", "quotes"))


def quotes(analyzer: Analyzer, text: str, language: str = "fr") -> tuple[Quote, ...]:
    article = Article(id=article_id(text), text=text, title=None, published=None, language=language)
    return analyzer.analyze_one(article).quotes


def speaker_of(found: tuple[Quote, ...], words: str) -> str | None:
    """The speaker of the quotation holding ``words``."""
    matching = [q for q in found if words in q.text]
    assert matching, f"no quotation holds {words!r}: {[q.text for q in found]}"
    return matching[0].speaker


@pytest.mark.parametrize(
    ("language", "text", "name"),
    [
        ("fr", "L'agence Moody's a abaissé la note.", "Moody's"),
        ("fr", "Le groupe McDonald’s a répondu.", "McDonald’s"),
        ("en", "Moody's analysts said so.", "Moody"),
    ],
)
def test_entities_keep_a_glued_s_where_the_language_has_no_possessive(
    language: str, text: str, name: str
) -> None:
    start = text.index(name[:4])
    # The model cuts the name before its 's, as spaCy's French tokenizer does.
    spans = [(start, start + len(name.split("'")[0].split("’")[0]), "ORG")]

    found = find_entities(text, spans, rules_for(language))

    assert [e.name for e in found] == [name]


def test_speakers_organisation_with_a_glued_s_keeps_its_name(analyzer: Analyzer) -> None:
    text = (
        "L'agence de notation Moody's a abaissé mardi la note du Portugal. « Le risque d'un "
        "second plan d'aide est croissant », a indiqué Moody's dans un communiqué."
    )

    found = quotes(analyzer, text)

    assert speaker_of(found, "second plan") == "Moody's"


def test_speakers_feminine_pronoun_after_an_organisation_speaking_is_the_organisation(
    analyzer: Analyzer,
) -> None:
    text = (
        "La ministre Claire Dubois a présenté le budget lundi. L'agence Moody's a ensuite "
        "abaissé la note du pays. « Les objectifs ne seront pas tenus », a indiqué Moody's. "
        "Selon elle, le gouvernement devra emprunter davantage l'an prochain."
    )

    found = quotes(analyzer, text)

    assert speaker_of(found, "emprunter davantage") == "Moody's"


@pytest.mark.parametrize(
    "opening",
    ["Mi-mars, le président-candidat", "Président-candidat, il"],
)
def test_speakers_capitalised_common_words_are_not_names(analyzer: Analyzer, opening: str) -> None:
    text = (
        f"Le sénateur Paul Mercier était en campagne à Lyon. {opening} avait déclaré que les "
        "impôts baisseraient dès l'an prochain."
    )

    found = quotes(analyzer, text)

    speakers = {q.speaker for q in found}
    assert not speakers & {"Mi-mars", "Président-candidat", "Mi"}, speakers


@pytest.mark.parametrize(
    ("language", "text", "speaker"),
    [
        (
            "fr",
            "« La pandémie n'est pas terminée », a averti l'OMS mardi à Genève.",
            "Organisation mondiale de la santé (OMS)",
        ),
        (
            # The long form the acronym spells, of the several the facts give.
            "fr",
            "« La trêve doit tenir à Gaza », a déclaré l'ONU à Genève.",
            "Organisation des Nations unies (ONU)",
        ),
        (
            "en",
            'The WHO said on Tuesday that "the pandemic is not over" in Europe.',
            "World Health Organization (WHO)",
        ),
        (
            # An acronym no facts file knows, written out where the article first names it.
            "fr",
            "Le Syndicat national des cordonniers (SNC) conteste la réforme. Le SNC a dénoncé "
            "« une atteinte grave au métier ».",
            "Syndicat national des cordonniers (SNC)",
        ),
    ],
)
def test_speakers_acronym_is_written_out_with_its_long_form(
    analyzer: Analyzer, language: str, text: str, speaker: str
) -> None:
    found = quotes(analyzer, text, language)

    assert [q.speaker for q in found] == [speaker]


def test_speakers_pronoun_stays_with_the_speaker_over_a_man_named_in_a_complement(
    analyzer: Analyzer,
) -> None:
    text = (
        "« Ces travaux ne tiennent pas », assène Marc Lefort, qui a relu pour l'agence les "
        "études de Pierre Garnier, aujourd'hui contestées par ses collègues. Il poursuit : "
        "« Les conclusions étaient écrites d'avance. »"
    )

    found = quotes(analyzer, text)

    assert speaker_of(found, "écrites d'avance") == "Marc Lefort"


def test_speakers_name_with_an_initial_is_the_person_named_in_full(analyzer: Analyzer) -> None:
    text = (
        "Barack Obama a tenu meeting à Denver. Le lendemain, B. Obama a déclaré que les "
        "Américains « ne gagneront pas la saison » sans lui."
    )

    found = quotes(analyzer, text)

    assert speaker_of(found, "gagneront") == "Barack Obama"


@pytest.mark.parametrize(
    ("word", "name"),
    [
        ("Moody's", True),
        ("d'Estaing", True),
        ("Jean-Luc", True),
        ("Le", False),
        ("Président-candidat", False),
        ("Mi-mars", False),
        ("C'est", False),
    ],
)
def test_speakers_one_word_name_is_capitalised_and_no_common_word(word: str, name: bool) -> None:
    mentions = ArticleMentions(word, (), lexicon_for("fr"))

    assert mentions._name_word(word) is name


def mention_of(found: tuple[Quote, ...], words: str) -> str | None:
    """The speaker mention of the quotation holding ``words``."""
    matching = [q for q in found if words in q.text]
    assert matching, f"no quotation holds {words!r}: {[q.text for q in found]}"
    return matching[0].speaker_mention


def test_speakers_pronoun_before_a_contracted_auxiliary_is_the_subject(
    analyzer: Analyzer,
) -> None:
    text = "The governor spoke in Ohio on Monday. He’s claiming that the count was rigged."

    found = quotes(analyzer, text, "en")

    assert mention_of(found, "count was rigged") == "He"


def test_speakers_first_person_is_the_mention_and_names_no_one(analyzer: Analyzer) -> None:
    text = (
        "My neighbour Paul Hart drove me home that night. I laughed and said that the storm "
        "would never reach our valley."
    )

    found = quotes(analyzer, text, "en")

    assert mention_of(found, "never reach") == "I"
    assert speaker_of(found, "never reach") is None


def test_speakers_title_abbreviation_initials_and_parenthesis_before_an_apposition(
    analyzer: Analyzer,
) -> None:
    text = (
        "Rep. J.T. Holloway (D-Ore.), head of the rural caucus, said the farm bill was a "
        "betrayal of small growers."
    )

    found = quotes(analyzer, text, "en")

    assert "Holloway" in (mention_of(found, "betrayal") or "")


def test_speakers_a_capitalised_auxiliary_inside_a_name_is_no_cue(analyzer: Analyzer) -> None:
    text = "Prime Minister Theresa May said this week that the country would leave by March."

    found = quotes(analyzer, text, "en")

    assert speaker_of(found, "leave by March") == "Theresa May"


def test_speakers_surname_opening_a_sentence_is_the_person(analyzer: Analyzer) -> None:
    text = (
        "Loretta Hale worked at a law firm in Ohio for a decade. Hale said her colleague had "
        "not worked on the case."
    )

    found = quotes(analyzer, text, "en")

    assert mention_of(found, "not worked on the case") == "Hale"
    assert speaker_of(found, "not worked on the case") == "Loretta Hale"


def test_speakers_role_of_another_country_is_not_the_holder(analyzer: Analyzer) -> None:
    text = (
        "Donald Trump a été reçu à Pékin par le président chinois Xi Jinping. Le président "
        "américain a affirmé qu'il allait honorer la politique de la Chine unique."
    )

    found = quotes(analyzer, text)

    assert speaker_of(found, "honorer") == "Donald Trump"


def test_speakers_role_given_by_a_copula_names_its_holder(analyzer: Analyzer) -> None:
    text = (
        "Paul Dumas est le maire de Lyon depuis 2020. Jacques Martin, son adversaire, a visité "
        "le marché mardi. Le maire a affirmé que la ville était prête pour l'hiver."
    )

    found = quotes(analyzer, text)

    assert speaker_of(found, "ville était prête") == "Paul Dumas"


def test_speakers_role_in_a_lede_is_the_person_introduced_with_it_after(
    analyzer: Analyzer,
) -> None:
    text = (
        "Reçue lundi au ministère, la présidente de la fédération a affirmé que les clubs "
        "manquaient de moyens. Le ministre a reçu dans l'après-midi Claire Vasseur, la "
        "présidente de la fédération, pendant une heure."
    )

    found = quotes(analyzer, text)

    assert speaker_of(found, "manquaient de moyens") == "Claire Vasseur"


def test_speakers_anonymous_source_of_an_organisation_stays_anonymous(
    analyzer: Analyzer,
) -> None:
    text = (
        "L'avion s'est posé peu avant minuit avec deux cents passagers à son bord, selon une "
        "source du ministère de l'Intérieur."
    )

    found = quotes(analyzer, text)

    assert found and all(q.speaker is None for q in found), [(q.text, q.speaker) for q in found]


def test_speakers_pronoun_after_said_opening_a_clause_is_not_the_speaker(
    analyzer: Analyzer,
) -> None:
    text = "The rally ended at noon in Tulsa. Okafor said she expects the campaign to go on."

    found = quotes(analyzer, text, "en")

    assert mention_of(found, "campaign to go on") == "Okafor"


def test_speakers_pronoun_in_a_lede_is_the_speaker_named_after(analyzer: Analyzer) -> None:
    text = (
        "La présidente de la fédération a affirmé mardi que les terrains manquaient. Selon "
        "elle, les clubs refusent des enfants chaque semaine. Le ministre a reçu jeudi "
        "Claire Vasseur, la présidente de la fédération, pendant une heure."
    )

    found = quotes(analyzer, text)

    assert speaker_of(found, "refusent des enfants") == "Claire Vasseur"


def test_speakers_first_name_alone_gives_the_gender_a_pronoun_follows(analyzer: Analyzer) -> None:
    text = (
        "Le maire, Paul Morel, a inauguré la salle en janvier. Devant la gare, nous croisons "
        "Antoine, 25 ans, sans emploi depuis l'été. « Je n'ai rien trouvé depuis des mois, "
        "soupire-t-il. Personne ne rappelle. »"
    )
    people = find_entities(
        text,
        [(text.index("Paul"), text.index(", a inaug"), "PER"), _span(text, "Antoine", "PER")],
        rules_for("fr"),
    )

    found = find_quotes(text, "fr", people)

    assert speaker_of(found, "rien trouvé") == "Antoine"


def test_speakers_first_name_outweighs_a_masculine_role_noun(analyzer: Analyzer) -> None:
    text = (
        "Sophie Lantier, élue du quartier, a ouvert la réunion. Plus tard, Marie Dubreuil, "
        "professeur de lettres, a pris la parole. « Nous manquons de salles », a-t-elle "
        "déclaré."
    )
    found = quotes_naming(text, ("Sophie Lantier", "PER"), ("Marie Dubreuil", "PER"))

    assert speaker_of(found, "manquons de salles") == "Marie Dubreuil"


@pytest.mark.parametrize("label", ["LOC", "MISC"])
def test_speakers_name_with_a_role_in_apposition_is_a_person_whatever_its_label(
    label: str,
) -> None:
    text = (
        "Le maire, Paul Morel, a inauguré la salle en janvier. Kerim Oduya, alors député de "
        "la circonscription, l'a interpellé à la sortie. « Vous méprisez ce quartier », "
        "a-t-il lancé."
    )
    found = quotes_naming(text, ("Paul Morel", "PER"), ("Kerim Oduya", label))

    assert speaker_of(found, "méprisez") == "Kerim Oduya"


def quotes_naming(text: str, *names: tuple[str, str]) -> tuple[Quote, ...]:
    """The quotations of a French ``text`` whose entities are ``names`` (name, label), as if
    the model had found exactly them."""
    spans = [_span(text, name, label) for name, label in names]
    return find_quotes(text, "fr", find_entities(text, spans, rules_for("fr")))


def _span(text: str, name: str, label: str) -> tuple[int, int, str]:
    start = text.index(name)
    return start, start + len(name), label


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        (
            "La commission a publié mardi ses recommandations, adoptées par l'Unicef. « Aucun "
            "enfant ne doit dormir dehors », dit le texte.",
            "dormir dehors",
            "Unicef",
        ),
        (
            "Le rapport de Greenpeace a été remis au ministre mardi. Le syndicat Force ouvrière "
            "l'a lu aussitôt. « Les rivières sont à sec », affirme le rapport.",
            "rivières sont à sec",
            "Greenpeace",
        ),
    ],
)
def test_speakers_document_speaks_for_its_author(text: str, words: str, speaker: str) -> None:
    names = ["Unicef", "Greenpeace", "Force ouvrière"]
    people = find_entities(
        text, [_span(text, n, "ORG") for n in names if n in text], rules_for("fr")
    )

    found = find_quotes(text, "fr", people)

    assert speaker_of(found, words) == speaker


def test_speakers_plural_pronoun_far_from_any_organisation_names_none() -> None:
    text = (
        "L'Opéra de Paris a présenté sa saison lundi. "
        + "Les répétitions reprendront en septembre dans la grande salle. " * 20
        + "Les enseignants vivent mal la réforme. Pour eux, la loi va aggraver la précarité."
    )
    found = quotes_naming(text, ("Opéra de Paris", "ORG"))

    assert speaker_of(found, "aggraver la précarité") is None


def test_speakers_indefinite_organisation_phrase_names_none() -> None:
    text = "Selon des analyses menées dans un laboratoire, le produit serait toxique."

    found = find_quotes(text, "fr", [])

    assert speaker_of(found, "serait toxique") is None


def test_speakers_pronoun_goes_to_the_person_a_new_paragraph_introduces() -> None:
    text = (
        "Claire Dumont, étudiante en droit, s'inquiète. « Je ne sais pas si j'aurai mon "
        "diplôme », confie-t-elle.\nDevant la bibliothèque, entourée de ses élèves, Hélène "
        "Marchal, professeur d'histoire, défend le mouvement. « Cette loi casse l'université, "
        "affirme-t-elle. Nous ne céderons pas. »"
    )
    found = quotes_naming(text, ("Claire Dumont", "PER"), ("Hélène Marchal", "PER"))

    assert speaker_of(found, "casse l'université") == "Hélène Marchal"


@pytest.mark.parametrize(
    ("between", "contested"),
    [
        ("a visité l'usine dans la matinée", False),
        ("a reçu Jacques Martin dans la matinée", True),
    ],
)
def test_speakers_pronoun_with_a_rival_of_its_gender_is_contested_and_less_sure(
    between: str, contested: bool
) -> None:
    text = f"Paul Morel {between}. « Le site fermera en mars », a-t-il déclaré."
    spans = [_span(text, "Paul Morel", "PER")]
    if "Jacques" in text:
        spans.append(_span(text, "Jacques Martin", "PER"))
    people = find_entities(text, spans, rules_for("fr"))

    found = read_quotes(text, "fr", people)

    (quote, evidence), *_ = found
    assert quote.speaker is not None
    assert evidence.speaker_path.endswith("-contested") is contested
    # The same path without a rival is trusted more.
    alone = replace(evidence, speaker_path=evidence.speaker_path.removesuffix("-contested"))
    assert (confidences(evidence, "fr")[1] < confidences(alone, "fr")[1]) is contested


@pytest.mark.parametrize(
    ("text", "name", "words"),
    [
        (
            "Le shérif Joe Hale a dirigé les fouilles toute la nuit. Des armes ont été "
            "retrouvées dans la chambre, a annoncé lundi le shérif du comté.",
            "Joe Hale",
            "armes ont été retrouvées",
        ),
        (
            "Marthe Levasseur vit seule depuis la guerre. Lundi, l'octogénaire a raconté que "
            "le village avait brûlé en une nuit.",
            "Marthe Levasseur",
            "village avait brûlé",
        ),
    ],
)
def test_speakers_sheriff_and_age_nouns_are_roles_of_the_person(
    text: str, name: str, words: str
) -> None:
    found = quotes_naming(text, (name, "PER"))

    assert speaker_of(found, words) == name


def test_speakers_role_the_model_took_for_an_organisation_in_a_lede_is_the_person_named_next() -> (
    None
):
    text = (
        "Trois écoles ont fermé après les pluies, a déclaré mardi le ministre de l'Éducation. "
        "« Nous rouvrirons lundi », a ajouté Paul Morel à Lyon."
    )
    found = quotes_naming(text, ("ministre de l'Éducation", "ORG"), ("Paul Morel", "PER"))

    assert speaker_of(found, "écoles ont fermé") == "Paul Morel"


def test_speakers_common_role_noun_takes_the_gender_of_its_article() -> None:
    text = (
        "Claire Vidal et Paul Morel ont visité le chantier mardi. La ministre a affirmé que les "
        "travaux dureraient un an."
    )
    found = quotes_naming(text, ("Claire Vidal", "PER"), ("Paul Morel", "PER"))

    assert speaker_of(found, "dureraient un an") == "Claire Vidal"


def test_speakers_first_name_of_either_gender_across_languages_marks_none() -> None:
    # Joan is a woman in English and a man in Catalan: "il" may stand for Joan Puig.
    text = (
        "Au port, le capitaine Joan Puig Ferrer admet que les pêcheurs ont d'abord protesté. "
        "« Nous soutenons ces quotas », déclare-t-il."
    )
    found = quotes_naming(text, ("Joan Puig Ferrer", "PER"))

    assert speaker_of(found, "soutenons ces quotas") == "Joan Puig Ferrer"


def test_speakers_role_named_by_another_persons_role_is_not_that_person() -> None:
    text = (
        "Paul Morel, le ministre de l'Intérieur, a été entendu mardi par les enquêteurs. "
        "L'avocat du ministre a annoncé que son client porterait plainte."
    )
    found = quotes_naming(text, ("Paul Morel", "PER"))

    assert speaker_of(found, "porterait plainte") == "avocat du ministre"


def test_speakers_role_before_the_agent_of_a_participle_is_not_the_agents() -> None:
    text = (
        "Le médiateur nommé par Ysolde Karan a remis son rapport dimanche. La ministre a estimé "
        "que le texte ouvrait une voie de sortie."
    )

    found = quotes_naming(text, ("Ysolde Karan", "PER"))

    assert speaker_of(found, "ouvrait une voie") == "Ysolde Karan"


@pytest.mark.parametrize(
    ("text", "words", "mention"),
    [
        (
            "Le conseil a voté lundi. « Le projet est mort », a affirmé à cette occasion le "
            "ministre de l'Agriculture.",
            "projet est mort",
            "le ministre de l'Agriculture",
        ),
        (
            "La crue a emporté deux ponts. « Les routes resteront fermées », a indiqué à la "
            "presse la préfecture.",
            "routes resteront",
            "la préfecture",
        ),
    ],
)
def test_speakers_role_after_a_short_adjunct_following_the_verb_is_the_subject(
    analyzer: Analyzer, text: str, words: str, mention: str
) -> None:
    assert mention_of(quotes(analyzer, text), words) == mention


def test_speakers_recipient_of_the_verb_is_not_taken_for_its_subject(analyzer: Analyzer) -> None:
    text = (
        "Le texte arrive au Sénat. « Nous voterons contre », a expliqué Paul Ravel au "
        "président du groupe."
    )

    assert speaker_of(quotes(analyzer, text), "voterons contre") == "Paul Ravel"


@pytest.mark.parametrize(
    ("said", "words", "speaker"),
    [
        ("« Nous resterons prudents », ajoute le politique tchèque.", "resterons", "Karel Novak"),
        # a document, not its author
        ("« Les dépenses baisseront », indique le texte publié mardi.", "dépenses", None),
    ],
)
def test_speakers_definite_description_is_the_current_speaker_unless_a_document(
    analyzer: Analyzer, said: str, words: str, speaker: str | None
) -> None:
    text = f"« Le budget sera tenu », assure Karel Novak, le commissaire chargé de l'euro. {said}"

    assert speaker_of(quotes(analyzer, text), words) == speaker


@pytest.mark.parametrize(
    ("name", "salient"),
    [("Groupe Varlin", False), ("Varlin Industries", True)],
)
def test_speakers_organisation_noun_found_by_salience_alone_is_less_sure(
    name: str, salient: bool
) -> None:
    text = f"{name} a publié ses comptes mardi. « Les ventes ont doublé », a affirmé le groupe."
    people = find_entities(text, [_span(text, name, "ORG")], rules_for("fr"))

    (quote, evidence), *_ = read_quotes(text, "fr", people)

    assert quote.speaker == name
    assert evidence.speaker_path.endswith("-salient") is salient
    named = replace(evidence, speaker_path=evidence.speaker_path.removesuffix("-salient"))
    assert (confidences(evidence, "fr")[1] < confidences(named, "fr")[1]) is salient


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Un homme a été interpellé mardi à Lyon. Le parquet de Lyon a indiqué qu'une "
            "enquête était ouverte.",
            "parquet de Lyon",
        ),
        (
            "La mairie de Marseille a assuré que les écoles rouvriraient lundi.",
            "mairie de Marseille",
        ),
    ],
)
def test_speakers_institution_of_a_place_speaks_not_the_place(
    analyzer: Analyzer, text: str, speaker: str
) -> None:
    assert [q.speaker for q in quotes(analyzer, text)] == [speaker]


@pytest.mark.parametrize(
    ("said", "words"),
    [
        ("Nous avons considéré que ces chiffres ne pouvaient pas être comparés.", "chiffres"),
        ("On considère que la commune doit payer les travaux.", "commune doit"),
    ],
)
def test_speakers_stop_word_opening_a_sentence_names_no_one(
    analyzer: Analyzer, said: str, words: str
) -> None:
    text = f"Le conseil municipal s'est réuni jeudi soir à la mairie. {said}"

    found = quotes(analyzer, text)

    assert speaker_of(found, words) is None
    assert [q.speaker_mention for q in found if words in q.text] == [said.split()[0]]


def test_speakers_surname_opening_a_sentence_is_still_its_person(analyzer: Analyzer) -> None:
    text = (
        "Theresa May est arrivée mardi à Bruxelles. May a déclaré que le vote aurait lieu "
        "avant l'été."
    )

    assert speaker_of(quotes(analyzer, text), "vote aurait") == "Theresa May"


@pytest.mark.parametrize("pronoun", ["lui", "elle"])
def test_speakers_stressed_pronoun_after_selon_is_the_speaker_before_a_noun_phrase(
    analyzer: Analyzer, pronoun: str
) -> None:
    person = "Marc Durand" if pronoun == "lui" else "Sophie Garnier"
    text = (
        f"Le sociologue {person} a publié une enquête sur les réseaux sociaux. La hausse des "
        f"abonnés traduirait selon {pronoun} l'expression d'un « malaise » très répandu."
    )

    found = quotes(analyzer, text)

    assert [q.speaker_mention for q in found if "malaise" in q.text] == [pronoun]
    assert speaker_of(found, "malaise") == person


@pytest.mark.parametrize(
    "named",
    [
        "dans la salle Germaine Tillion",  # a room named after her
        "devant le lycée Germaine Tillion",  # a school
        "(photo AFP/Germaine Tillion)",  # a photo credit
    ],
)
def test_speakers_person_named_only_for_a_place_or_a_credit_is_no_pronoun_antecedent(
    analyzer: Analyzer, named: str
) -> None:
    text = (
        f"Les grévistes se sont retrouvés mardi matin {named}.\n"
        "Elle a expliqué que la mobilisation continuerait jusqu'au vote de la loi."
    )
    people = find_entities(text, [_span(text, "Germaine Tillion", "PER")], rules_for("fr"))

    (quote, _), *_ = read_quotes(text, "fr", people)

    assert quote.speaker_mention == "Elle"
    assert quote.speaker is None


def test_speakers_person_named_in_the_story_is_still_the_pronoun_antecedent() -> None:
    text = (
        "Les grévistes ont rencontré mardi matin Germaine Tillion.\n"
        "Elle a expliqué que la mobilisation continuerait jusqu'au vote de la loi."
    )
    people = find_entities(text, [_span(text, "Germaine Tillion", "PER")], rules_for("fr"))

    (quote, _), *_ = read_quotes(text, "fr", people)

    assert quote.speaker == "Germaine Tillion"
