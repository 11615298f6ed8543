"""Who a role or a pronoun stands for when the article gave several people their roles, or
when the last speaker had no name: passages written for them, entities given as if the model
had found exactly them."""

from __future__ import annotations

import re

import pytest

from newsdesk.analyze.entities import find_entities, rules_for
from newsdesk.analyze.quotes import find_quotes
from newsdesk.records import Entity


def _entities(text: str, language: str, *names: tuple[str, str]) -> tuple[Entity, ...]:
    spans = [
        (m.start(), m.end(), label)
        for name, label in names
        for m in re.finditer(re.escape(name), text)
    ]
    return tuple(find_entities(text, spans, rules_for(language)))


@pytest.mark.parametrize(
    ("role", "speaker"),
    [
        # Another office: not the senator.
        ("La préfète", "préfète"),
        ("La ministre", "ministre"),
        # The senator's own office, and a description that may be hers.
        ("La sénatrice", "Hélène Roux"),
        ("La syndicaliste", "Hélène Roux"),
    ],
)
def test_office_named_alone_is_not_someone_given_another_office(role: str, speaker: str) -> None:
    text = (
        "La sénatrice Hélène Roux a visité l'usine lundi avec les élus du département. "
        f"{role} a déclaré que l'usine resterait ouverte jusqu'à l'été."
    )
    people = _entities(text, "fr", ("Hélène Roux", "PER"))

    (quote,) = find_quotes(text, "fr", people)

    assert quote.speaker == speaker


def test_office_named_alone_in_english_is_not_someone_given_another_office() -> None:
    text = (
        "Senator Ruth Okafor toured the plant on Monday with county officials. "
        'The mayor said the closure was "a blow to every family here."'
    )
    people = _entities(text, "en", ("Ruth Okafor", "PER"))

    (quote,) = find_quotes(text, "en", people)

    assert quote.speaker == "mayor"


def test_role_written_before_another_persons_name_is_not_this_ones() -> None:
    # The role before "Claire Vidal" is hers, not that of Marc Léger named right after her.
    text = (
        "Après un appel de la présidente régionale, Claire Vidal, Marc Léger a changé d'avis. "
        "La présidente a déclaré que le projet serait revu de fond en comble."
    )
    people = _entities(text, "fr", ("Claire Vidal", "PER"), ("Marc Léger", "PER"))

    (quote,) = find_quotes(text, "fr", people)

    assert quote.speaker == "Claire Vidal"


@pytest.mark.parametrize(
    ("between", "second"),
    [
        ("", "juge d'instruction"),
        # Someone else named since: the pronoun is read against the people again.
        ("Paul Morel, lui, s'est tu. ", "Paul Morel"),
    ],
)
def test_pronoun_after_a_speaker_named_by_words_alone_goes_on_with_it(
    between: str, second: str
) -> None:
    text = (
        "Paul Morel, le maire de la commune, a été entendu mardi. "
        "Le juge d'instruction a estimé que les preuves étaient insuffisantes. "
        f"{between}Il a ajouté que l'enquête se poursuivrait."
    )
    people = _entities(text, "fr", ("Paul Morel", "PER"))

    first, then = find_quotes(text, "fr", people)

    assert first.speaker == "juge d'instruction"
    assert then.speaker == second


def test_continuation_after_an_anonymous_speaker_stays_anonymous() -> None:
    text = (
        "« Cette salle est un symbole », a déclaré Paul Morel, le maire, mardi. "
        "« On a eu très peur », raconte une habitante du quartier.\n"
        "« Les pompiers sont arrivés en dix minutes. Ils ont été formidables. »"
    )
    people = _entities(text, "fr", ("Paul Morel", "PER"))

    quotes = find_quotes(text, "fr", people)

    assert [q.speaker for q in quotes] == ["Paul Morel", None, None]


def test_office_the_model_took_for_an_organisation_is_no_organisation_that_speaks() -> None:
    text = (
        "La ministre des Transports, Claire Dubois, a reçu les syndicats. "
        "L'entreprise a fait savoir qu'elle proposerait un nouveau calendrier."
    )
    found = _entities(text, "fr", ("ministre des Transports", "ORG"), ("Claire Dubois", "PER"))

    (quote,) = find_quotes(text, "fr", found)

    assert quote.speaker_mention == "L'entreprise"
    assert quote.speaker != "ministre des Transports"


def test_pronoun_after_an_organisation_named_by_words_alone_goes_on_with_it() -> None:
    text = (
        "Paul Morel, le maire de Gao, a quitté la ville mardi. "
        "Le gouvernement malien a déclaré que la ville serait protégée. "
        "Il a ajouté que les auteurs seraient poursuivis."
    )
    people = _entities(text, "fr", ("Paul Morel", "PER"))

    first, then = find_quotes(text, "fr", people)

    assert first.speaker == then.speaker == "gouvernement malien"


@pytest.mark.parametrize(
    ("gap", "speaker"),
    [
        # The same paragraph: the lede's role is the person it goes on to name.
        (" ", "Laurent Berger"),
        # Another paragraph, a person given no role: nothing tells it is him.
        (
            "\n\nLe cortège a rejoint la place de la République dans le calme. ",
            "secrétaire général",
        ),
    ],
)
def test_role_of_a_lede_is_the_person_named_next_in_its_paragraph(gap: str, speaker: str) -> None:
    text = (
        "Le secrétaire général a déclaré que la mobilisation ne faiblirait pas."
        f"{gap}« Nous irons jusqu'au bout », a prévenu Laurent Berger."
    )
    people = _entities(text, "fr", ("Laurent Berger", "PER"))

    first, _ = find_quotes(text, "fr", people)

    assert first.speaker == speaker


@pytest.mark.parametrize(
    ("complement", "label"),
    [("Culture", "MISC"), ("Hamas", "ORG"), ("Lyon", "LOC")],
)
def test_institution_whose_complement_is_a_name_speaks_by_its_phrase(
    complement: str, label: str
) -> None:
    text = f"Selon le ministère de la Santé de {complement}, les travaux commenceront en 2013."
    found = _entities(text, "fr", (complement, label))

    (quote,) = find_quotes(text, "fr", found)

    assert quote.speaker == f"ministère de la Santé de {complement}"


@pytest.mark.parametrize(
    ("before", "speaker"),
    [
        # A person as the subject of a speech verb: the short quotation after is theirs.
        ("Sa voisine, Amal Haddad, raconte la même chose.", "Amal Haddad"),
        # A person named, no speech verb: too short to be taken as a testimony.
        ("Sa voisine, Amal Haddad, habite au troisième étage.", None),
    ],
)
def test_short_quotation_after_a_sentence_whose_subject_speaks_is_theirs(
    before: str, speaker: str | None
) -> None:
    text = f"La nuit a été longue dans le quartier. {before} « Les enfants ne dorment plus. »"
    people = _entities(text, "fr", ("Amal Haddad", "PER"))

    quotes = find_quotes(text, "fr", people)

    assert [q.speaker for q in quotes] == ([speaker] if speaker else [])


def test_institution_given_its_name_in_apposition_speaks_by_that_name() -> None:
    text = "Selon le journal Le Canard, les travaux commenceront en 2013."
    found = _entities(text, "fr", ("Le Canard", "ORG"))

    (quote,) = find_quotes(text, "fr", found)

    assert quote.speaker == "Le Canard"


@pytest.mark.parametrize(
    ("before", "speaker"),
    [
        # The sentence is about the one quoted, whoever it names after its pronoun.
        ("Il énumère les lois votées depuis Nicolas Sarkozy en 2010.", "Marc Tellier"),
        # A sentence opening with another person: the last person named.
        ("Nicolas Sarkozy avait durci la loi en 2010.", "Nicolas Sarkozy"),
    ],
)
def test_quotation_after_a_sentence_opening_with_a_pronoun_is_the_current_speakers(
    before: str, speaker: str
) -> None:
    text = (
        "Pour Marc Tellier, « le maintien de l'ordre a changé de nature ». "
        f"{before} « Et c'est la première fois que ces violences sont filmées par tout le monde. »"
    )
    people = _entities(text, "fr", ("Marc Tellier", "PER"), ("Nicolas Sarkozy", "PER"))

    quotes = find_quotes(text, "fr", people)

    assert [q.speaker for q in quotes] == ["Marc Tellier", speaker]


@pytest.mark.parametrize(
    ("text", "language", "person", "mention"),
    [
        (
            "Le président Emmanuel Macron a reçu les syndicats lundi. Un porte-parole de "
            "Macron a déclaré que les mesures étaient prêtes.",
            "fr",
            "Emmanuel Macron",
            "Un porte-parole de Macron",
        ),
        (
            "Taoiseach Simon Harris met the cabinet on Monday. A spokesperson for Harris said "
            "that the emergency measures are part of a broader effort.",
            "en",
            "Simon Harris",
            "A spokesperson for Harris",
        ),
    ],
)
def test_role_whose_complement_is_a_person_is_someone_else(
    text: str, language: str, person: str, mention: str
) -> None:
    surname = person.split()[-1]
    people = _entities(text, language, (person, "PER"), (f" {surname} ", "PER"))

    (quote,) = find_quotes(text, language, people)

    assert (quote.speaker_mention, quote.speaker) == (mention, None)


@pytest.mark.parametrize(
    ("text", "language", "role"),
    [
        (
            "La sénatrice Hélène Roux a visité l'usine lundi. Une sénatrice a déclaré que "
            "l'usine resterait ouverte jusqu'à l'été.",
            "fr",
            "Une sénatrice",
        ),
        (
            "The royal expert Ann Cole met the Duchess on Monday. A royal expert said that the "
            "couple had been welcomed warmly.",
            "en",
            "A royal expert",
        ),
    ],
)
def test_indefinite_role_is_someone_new(text: str, language: str, role: str) -> None:
    name = "Hélène Roux" if language == "fr" else "Ann Cole"
    people = _entities(text, language, (name, "PER"))

    (quote,) = find_quotes(text, language, people)

    assert (quote.speaker_mention, quote.speaker) == (role, None)


def test_institution_noun_in_a_names_complement_is_not_that_organisation() -> None:
    text = (
        "Leaders arrived for the Commonwealth Heads of Government Meeting on Monday. "
        "The government said that the new visa rules would start in June."
    )
    found = _entities(text, "en", ("Commonwealth Heads of Government Meeting", "ORG"))

    (quote,) = find_quotes(text, "en", found)

    assert (quote.speaker_mention, quote.speaker) == ("The government", "government")


@pytest.mark.parametrize(
    ("pronoun", "speaker"),
    [
        # A neuter pronoun goes on with the institution, the police named since or not.
        ("It", "government"),
        # A personal pronoun is a person's: the king, not the institution.
        ("He", "Charles Windsor"),
    ],
)
def test_pronoun_after_an_institution_speaking(pronoun: str, speaker: str) -> None:
    text = (
        "King Charles Windsor opened the session. The government said that taxes would not "
        "rise this year, after the Metropolitan Police announced new arrests. "
        f"{pronoun} added that the budget would be balanced by 2027."
    )
    found = _entities(text, "en", ("Charles Windsor", "PER"), ("Metropolitan Police", "ORG"))

    quotes = find_quotes(text, "en", found)

    assert [q.speaker for q in quotes if q.speaker_mention == pronoun] == [speaker]


@pytest.mark.parametrize(
    ("text", "language", "names", "mention"),
    [
        # The name after the source's comma is the subject of the clause, not an apposition.
        (
            "According to a senior official, Olena Kravets is gathering commanders this "
            "weekend to hear their assessments.",
            "en",
            ("Olena Kravets",),
            "a senior official",
        ),
        # A role whose complement is a person, after a preposition: the role speaks.
        (
            "Selon un proche de Jean Castex, le ministre se montre redoutable en négociation.",
            "fr",
            ("Jean Castex",),
            "un proche de Jean Castex",
        ),
    ],
)
def test_source_after_a_preposition_is_not_the_name_after_or_inside_it(
    text: str, language: str, names: tuple[str, ...], mention: str
) -> None:
    people = _entities(text, language, *((name, "PER") for name in names))

    (quote,) = find_quotes(text, language, people)

    assert (quote.speaker_mention, quote.speaker) == (mention, None)


def test_ordinal_is_no_role() -> None:
    text = "Pour la première fois du quinquennat, Emmanuel Macron est pris de court."
    people = _entities(text, "fr", ("Emmanuel Macron", "PER"))

    assert find_quotes(text, "fr", people) == ()


def test_role_inside_the_complement_of_an_apposed_role_is_anothers() -> None:
    # The widow of the former president: she is no president, and the negotiator is not her.
    text = (
        "Le reportage a convaincu la veuve de l'ancien président de l'Autorité palestinienne, "
        "Suha Arafat, de demander l'exhumation du corps. De son côté, le négociateur "
        "palestinien a déclaré qu'une commission d'enquête devait être formée."
    )
    people = _entities(text, "fr", ("Suha Arafat", "PER"))

    (quote,) = find_quotes(text, "fr", people)

    assert (quote.speaker_mention, quote.speaker) == (
        "le négociateur palestinien",
        "négociateur palestinien",
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "Le ministre lui-même a fait savoir qu'il cherchait un remplaçant.",
        "Le ministre a lui-même fait savoir qu'il cherchait un remplaçant.",
    ],
)
def test_emphatic_pronoun_after_a_subject_is_no_part_of_it(sentence: str) -> None:
    text = f"Le ministre Jan Novák a visité l'usine lundi. {sentence}"
    people = _entities(text, "fr", ("Jan Novák", "PER"))

    (quote,) = find_quotes(text, "fr", people)

    assert (quote.speaker_mention, quote.speaker) == ("Le ministre", "Jan Novák")


@pytest.mark.parametrize(
    ("incise", "names", "mention"),
    [
        ("a déclaré à l'AFP le ministre de l'Intérieur", (("AFP", "ORG"),), "le ministre"),
        ("explique à franceinfo Marie Durand", (("Marie Durand", "PER"),), "Marie Durand"),
        ("anticipe à Pékin Andy Rothman", (("Pékin", "LOC"), ("Andy Rothman", "PER")), "Andy"),
    ],
)
def test_addressee_between_verb_and_subject_is_not_the_speaker(
    incise: str, names: tuple[tuple[str, str], ...], mention: str
) -> None:
    text = f"« Ce projet est mort », {incise}."
    found = _entities(text, "fr", *names)

    (quote,) = find_quotes(text, "fr", found)

    assert (quote.speaker_mention or "").startswith(mention)


@pytest.mark.parametrize(
    ("periphrasis", "speaker"),
    [
        ("le chef de l'État", "Claire Vasseur"),
        ("le locataire de l'Élysée", "Claire Vasseur"),
        ("le chef du gouvernement", "Paul Ménard"),
        ("le locataire de Matignon", "Paul Ménard"),
    ],
)
def test_periphrasis_of_an_office_is_its_holder(periphrasis: str, speaker: str) -> None:
    text = (
        "La présidente Claire Vasseur a reçu mardi le Premier ministre Paul Ménard pour "
        "préparer le remaniement. Les deux responsables ont parlé pendant deux heures. "
        f"« Nous devons accélérer », a déclaré {periphrasis} à la sortie de la réunion."
    )
    people = _entities(text, "fr", ("Claire Vasseur", "PER"), ("Paul Ménard", "PER"))

    (quote,) = find_quotes(text, "fr", people)

    assert quote.speaker == speaker
    assert quote.speaker_mention == periphrasis


def test_periphrasis_goes_to_the_holder_of_the_country_it_names() -> None:
    text = (
        "Le secrétaire d'État américain, Tom Redford, est arrivé lundi à Pékin. Le ministre "
        "chinois Li Wen l'a accueilli à l'aéroport. « Nous voulons un dialogue franc », a "
        "déclaré le chef de la diplomatie américaine."
    )
    people = _entities(text, "fr", ("Tom Redford", "PER"), ("Li Wen", "PER"))

    (quote,) = find_quotes(text, "fr", people)

    assert quote.speaker == "Tom Redford"


def test_english_periphrasis_of_an_office_is_its_holder() -> None:
    text = (
        "King Edmund opened the session of Parliament on Tuesday, with Prime Minister Alan "
        "Pryce beside him. Both men stayed for the debate. "
        '"My government will act quickly," the monarch told the chamber.'
    )
    people = _entities(text, "en", ("King Edmund", "PER"), ("Alan Pryce", "PER"))

    (quote,) = find_quotes(text, "en", people)

    assert quote.speaker == "Edmund"  # the title is no part of the name


def test_rank_before_a_role_tells_its_holder_from_the_roles_others() -> None:
    # The model took the title for a name (MISC): it is still a role, and a minister of health
    # is not the Premier ministre the next paragraph names.
    text = (
        "Le ministre de la Santé Marc Lenoir a dîné sans masque dans un restaurant. Le Premier "
        "ministre a fait savoir qu'il lui cherchait un remplaçant.\n"
        "Marc Lenoir était venu avec un proche du Premier ministre Henri Vidal."
    )
    people = _entities(
        text, "fr", ("Marc Lenoir", "PER"), ("Henri Vidal", "PER"), ("Premier ministre", "MISC")
    )

    (quote,) = find_quotes(text, "fr", people)

    assert quote.speaker == "Henri Vidal"


def test_the_person_concerned_is_not_the_one_who_spoke_of_them() -> None:
    text = (
        "Le maire Jean Dubois a signé le contrat en 2019. « Il a touché de l'argent », a "
        "affirmé le juge Paul Martin mardi. « C'est faux », a répondu le principal intéressé."
    )
    people = _entities(text, "fr", ("Jean Dubois", "PER"), ("Paul Martin", "PER"))

    first, second = find_quotes(text, "fr", people)

    assert first.speaker == "Paul Martin"
    assert second.speaker == "Jean Dubois"


@pytest.mark.parametrize(
    ("language", "sentence", "mention"),
    [
        ("fr", "« Rien n'est joué », a déclaré le ministre devant les députés.", "le ministre"),
        ("fr", "« Rien n'est joué », a tranché la juge lors de l'audience.", "la juge"),
        (
            "fr",
            "« Rien n'est joué », a dit la porte-parole à la sortie du conseil.",
            "la porte-parole",
        ),
        # A complement of the office, or after a participle, is part of the role.
        (
            "fr",
            "« Rien n'est joué », a dit le commissaire européen à la Concurrence.",
            "le commissaire européen à la Concurrence",
        ),
        (
            "fr",
            "« Rien n'est joué », a dit la ministre déléguée à la santé.",
            "la ministre déléguée à la santé",
        ),
        ("en", '"Nothing is settled," said the senator during a hearing.', "the senator"),
    ],
)
def test_subject_after_its_verb_ends_before_a_circumstance(
    language: str, sentence: str, mention: str
) -> None:
    (quote,) = find_quotes(sentence, language, ())

    assert quote.speaker_mention == mention


def test_role_of_a_trade_with_a_complement_may_be_someone_given_another_trade() -> None:
    # "attaquant" is no office: the footballer introduced before may be it.
    text = (
        "Le footballeur Kylian Mbappé s'est exprimé après le match. "
        "« On a manqué d'efficacité », a reconnu l'attaquant du Real Madrid."
    )
    people = _entities(text, "fr", ("Kylian Mbappé", "PER"))

    (quote,) = find_quotes(text, "fr", people)

    assert quote.speaker == "Kylian Mbappé"


@pytest.mark.parametrize(
    ("language", "text", "names", "speaker"),
    [
        (
            "en",
            "Senator Ruth Okafor met bankers on Monday. The Massachusetts Democrat said the "
            'bill "rewards the banks."',
            ("Ruth Okafor",),
            "Ruth Okafor",
        ),
        (
            "fr",
            "La députée Hélène Roux a quitté la séance. « Ce texte est injuste », a dénoncé la "
            "socialiste.",
            ("Hélène Roux",),
            "Hélène Roux",
        ),
    ],
)
def test_member_of_a_party_is_the_politician_named_before(
    language: str, text: str, names: tuple[str, ...], speaker: str
) -> None:
    people = _entities(text, language, *((n, "PER") for n in names))

    (quote,) = find_quotes(text, language, people)

    assert quote.speaker == speaker


def test_party_word_before_an_organisations_name_leaves_it_an_organisation() -> None:
    text = (
        "Senator Ruth Okafor met bankers on Monday. The Republican National Committee said the "
        'video was "disgusting," and the centrist Urban Policy Center said the plan "adds up."'
    )
    found = _entities(
        text,
        "en",
        ("Ruth Okafor", "PER"),
        ("Republican National Committee", "ORG"),
        ("Urban Policy Center", "ORG"),
    )
    labels = {e.name: e.label for e in found}

    speakers = [q.speaker for q in find_quotes(text, "en", found)]

    assert labels["Urban Policy Center"] == "ORG"
    assert speakers == ["Republican National Committee", "Urban Policy Center"]


@pytest.mark.parametrize(
    ("language", "text", "speaker"),
    [
        (
            "fr",
            "Le maire Éric Vidal a présenté son plan lundi, en présence de Paul Garnier. "
            "« La ville court à la faillite », a répliqué l'ancien maire.",
            "Paul Garnier",
        ),
        (
            "en",
            "Mayor Eric Vidal presented his plan on Monday, with former Mayor Paul Garnier in "
            'the room. "The city is going broke," the former mayor said.',
            "Paul Garnier",
        ),
    ],
)
def test_former_holder_of_a_role_is_not_its_holder(language: str, text: str, speaker: str) -> None:
    people = _entities(
        text, language, ("Éric Vidal", "PER"), ("Eric Vidal", "PER"), ("Paul Garnier", "PER")
    )

    (quote,) = find_quotes(text, language, people)

    assert quote.speaker == speaker


def test_english_periphrasis_with_a_country_goes_to_that_countrys_holder() -> None:
    # "U.S." qualifies the periphrasis; "Chinese" makes the foreign minister another
    # country's, though written in a role the article read in lower case.
    text = (
        "Secretary of State Tom Redford met Chinese Foreign Minister Li Wen in Beijing on "
        'Monday. "We want open channels," the top U.S. diplomat told reporters.'
    )
    people = _entities(text, "en", ("Tom Redford", "PER"), ("Li Wen", "PER"))

    (quote,) = find_quotes(text, "en", people)

    assert quote.speaker == "Tom Redford"
    assert quote.speaker_mention == "the top U.S. diplomat"


def test_country_abbreviated_as_a_subject_speaks_as_the_country() -> None:
    # "US" qualifies a periphrasis (above) without becoming a people that speaks for no one.
    text = 'Talks resumed in Geneva on Monday. The US said the meeting was "productive."'
    found = _entities(text, "en", ("US", "LOC"))

    (quote,) = find_quotes(text, "en", found)

    assert quote.speaker is not None
