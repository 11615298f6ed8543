"""Quotations and their speakers, passage by passage, through the real analyzer.

Each case is a short news passage and every quotation it holds, in text order: the quoted or
reported words, their kind and the canonical speaker (and, where the case is about them, the cue
and the speaker's mention as written). A passage holds no other quotation.

Conventions:
- direct: the words inside the quote marks (« », " ", “ ”, „ “, ‹ ›) or after a dialogue dash,
  without the outer marks; a quote interrupted by an incise is two records with the incise's cue
  and speaker; a quote running over several paragraphs is one record per paragraph, the later
  ones continuing the first (cue None, same speaker).
- indirect: the clause without its ``que``/``that``, an infinitive complement, the clause governed
  by ``selon``/``d'après``/``according to``, or the clause before an inverted incise.
- mixed: an indirect clause carrying a quoted fragment, inner marks kept.
- speaker: the full name the article gives the person or organisation, None for an anonymous
  source (whose mention is kept).

Texts are compared after trimming spaces, outer quote marks and a final ``.``/``,``, and with
runs of spaces (no-break ones included) read as one space.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Literal

import pytest

from newsdesk.analyze import Analyzer
from newsdesk.analyze.quotes import find_quotes
from newsdesk.config import Settings
from newsdesk.extract import extract_one
from newsdesk.records import Analysis, Article, Origin, Quote, RawDocument, article_id

Kind = Literal["direct", "indirect", "mixed"]

NNBSP = "\u202f"  # narrow no-break space, the French typographic space inside « »
NBSP = "\u00a0"

QUOTE_MARKS = "«»\"“”„‟‹›‘’'"
SPACES = re.compile(r"\s+")


class Unchecked(Enum):
    """A field the case says nothing about."""

    UNCHECKED = "unchecked"


UNCHECKED = Unchecked.UNCHECKED


@dataclass(frozen=True)
class Q:
    """One expected quotation."""

    text: str
    kind: Kind
    speaker: str | None
    cue: str | Unchecked | None = UNCHECKED
    mention: str | Unchecked | None = UNCHECKED


@dataclass(frozen=True)
class Case:
    """A passage and the quotations it holds, in text order."""

    id: str
    language: str
    text: str
    quotes: tuple[Q, ...] = ()


def normalized(text: str) -> str:
    """``text`` without surrounding spaces, outer quote marks or a final ``.``/``,``.

    >>> normalized("«\u202fNous gagnerons.\u202f»")
    'Nous gagnerons'
    >>> normalized('the plan was "a disaster"')
    'the plan was "a disaster'
    """
    text = SPACES.sub(" ", text).strip(" " + QUOTE_MARKS)
    text = text.rstrip(" .,")
    return text.strip(" " + QUOTE_MARKS)


def main_fields(quotes: tuple[Quote, ...]) -> list[tuple[str, str, str | None]]:
    return [(normalized(q.text), q.kind, q.speaker) for q in quotes]


def expected_main_fields(case: Case) -> list[tuple[str, str, str | None]]:
    return [(normalized(q.text), q.kind, q.speaker) for q in case.quotes]


# --- the table ----------------------------------------------------------------------------

STYLES = [
    Case(
        "style-fr-guillemets-spaces",
        "fr",
        "« Nous ne lâcherons rien sur les salaires », a déclaré mardi Sylvie Marchand, "
        "secrétaire générale du syndicat.",
        (Q("Nous ne lâcherons rien sur les salaires", "direct", "Sylvie Marchand", "a déclaré"),),
    ),
    Case(
        "style-fr-guillemets-narrow-nbsp",
        "fr",
        f"«{NNBSP}Le tunnel ouvrira en 2032, pas avant{NNBSP}», a affirmé le président de la "
        "société, Bernard Roux.",
        (Q("Le tunnel ouvrira en 2032, pas avant", "direct", "Bernard Roux", "a affirmé"),),
    ),
    Case(
        "style-fr-guillemets-nbsp",
        "fr",
        "La préfète Sophie Garnier a visité le chantier lundi. "
        f"«{NBSP}Les habitants seront relogés d'ici Noël{NBSP}», a-t-elle promis.",
        (Q("Les habitants seront relogés d'ici Noël", "direct", "Sophie Garnier"),),
    ),
    Case(
        "style-fr-guillemets-tight",
        "fr",
        "«La priorité, c'est l'école», a déclaré la maire de Nantes, Johanna Leroy.",
        (Q("La priorité, c'est l'école", "direct", "Johanna Leroy"),),
    ),
    Case(
        "style-fr-typographic-nested",
        "fr",
        "“Les élèves parlent de “harcèlement” sans savoir le nommer”, explique la proviseure, "
        "Claire Dumas.",
        (Q("Les élèves parlent de “harcèlement” sans savoir le nommer", "direct", "Claire Dumas"),),
    ),
    Case(
        "style-en-typographic-nested",
        "en",
        "“They call it “the quiet season” but the nights are busy,” said the fire chief, "
        "Tom Reyes.",
        (Q("They call it “the quiet season” but the nights are busy", "direct", "Tom Reyes"),),
    ),
    Case(
        "style-en-curly-nested-in-straight",
        "en",
        'Caddell continued:\n\n"I read you the question: “Do you think her health matters?” '
        'Forty-three, yes; forty-four, no."\n\n“This is in their heads,” said Caddell, speaking '
        "of the polls.",
        (
            Q(
                "I read you the question: “Do you think her health matters?” Forty-three, yes; "
                "forty-four, no.",
                "direct",
                "Caddell",
            ),
            Q("This is in their heads", "direct", "Caddell", "said"),
        ),
    ),
    Case(
        "style-fr-ascii-double",
        "fr",
        '"Le dossier est clos", a déclaré le procureur de Lyon, Alain Mercier.',
        (Q("Le dossier est clos", "direct", "Alain Mercier"),),
    ),
    Case(
        "style-fr-typographic-double",
        "fr",
        "“Nous attendons des actes, pas des promesses”, a lancé la députée Nadia Benali devant "
        "l'Assemblée.",
        (Q("Nous attendons des actes, pas des promesses", "direct", "Nadia Benali"),),
    ),
    Case(
        "style-fr-low-high",
        "fr",
        "„La situation est sous contrôle“, a déclaré le préfet du Var, Henri Lambert.",
        (Q("La situation est sous contrôle", "direct", "Henri Lambert"),),
    ),
    Case(
        "style-fr-single-guillemets",
        "fr",
        "‹ Nous resterons vigilants jusqu'au bout ›, a déclaré le maire de Brest, Yves Le Goff.",
        (Q("Nous resterons vigilants jusqu'au bout", "direct", "Yves Le Goff"),),
    ),
    Case(
        "style-fr-mispaired-ascii-typographic",
        "fr",
        '"Le calendrier sera tenu”, a assuré la ministre des Sports, Amélie Caron.',
        (Q("Le calendrier sera tenu", "direct", "Amélie Caron"),),
    ),
    Case(
        "style-en-ascii-double",
        "en",
        '"We expect a decision within weeks," said Mark Ellison, a spokesman for the port '
        "authority.",
        (Q("We expect a decision within weeks", "direct", "Mark Ellison", "said"),),
    ),
    Case(
        "speaker-en-party-and-state-abbreviation-between-commas",
        "en",
        "The Senate passed the bill on Tuesday. Rep. Ann Lee, D-Calif., said the measure would "
        "add billions.",
        (Q("the measure would add billions", "indirect", "Ann Lee", "said", "Ann Lee"),),
    ),
    Case(
        "found-en-naming-verb-with-quoted-name",
        "en",
        'Senator Ann Lee spoke on Monday. She called the decision "a disgrace." Governor Tom '
        'Hale called for "restraint" on both sides. He called it a day.',
        (
            Q('the decision "a disgrace."', "mixed", "Ann Lee", "called"),
            Q("restraint", "direct", "Tom Hale", "called"),
        ),
    ),
    Case(
        "style-en-typographic-double",
        "en",
        "“Prices will keep falling this year,” central bank governor Ruth Ambrose said on "
        "Thursday.",
        (Q("Prices will keep falling this year", "direct", "Ruth Ambrose", "said"),),
    ),
    Case(
        "style-en-mispaired-typographic-ascii",
        "en",
        '“The bridge will reopen in May," said Transport Secretary James Holloway.',
        (Q("The bridge will reopen in May", "direct", "James Holloway"),),
    ),
    Case(
        "style-fr-colon",
        "fr",
        "Le ministre de l'Intérieur, Paul Girard, a déclaré : « La sécurité des Jeux est "
        "assurée. »",
        (Q("La sécurité des Jeux est assurée", "direct", "Paul Girard"),),
    ),
    Case(
        "style-en-colon",
        "en",
        'The mayor, Lisa Grant, told the council: "The budget is balanced and taxes will not '
        'rise."',
        (Q("The budget is balanced and taxes will not rise", "direct", "Lisa Grant"),),
    ),
    Case(
        "style-fr-dialogue-dash",
        "fr",
        "Interrogé sur les travaux, le maire de la ville, Julien Morel, a répondu :\n"
        "— Les pistes cyclables seront terminées avant l'été.",
        (Q("Les pistes cyclables seront terminées avant l'été", "direct", "Julien Morel"),),
    ),
    Case(
        "style-fr-multi-paragraph",
        "fr",
        "Le président de la fédération, Michel Aubert, a dressé mardi un bilan sévère de la "
        "saison : « Nous avons perdu trop de licenciés cette année.\n\n"
        "« Il faut revoir entièrement notre politique de formation. »",
        (
            Q("Nous avons perdu trop de licenciés cette année", "direct", "Michel Aubert"),
            Q(
                "Il faut revoir entièrement notre politique de formation",
                "direct",
                "Michel Aubert",
                cue=None,
            ),
        ),
    ),
    Case(
        "style-en-multi-paragraph",
        "en",
        "Senator Maria Lopez said: “The bill protects families who have waited too long for "
        "help.\n\n“It also protects farmers, and we intend to pass it this week.”",
        (
            Q(
                "The bill protects families who have waited too long for help",
                "direct",
                "Maria Lopez",
            ),
            Q(
                "It also protects farmers, and we intend to pass it this week",
                "direct",
                "Maria Lopez",
                cue=None,
            ),
        ),
    ),
]

INCISES = [
    Case(
        "incise-fr-a-t-il-declare",
        "fr",
        "Le maire de Bordeaux, Thomas Garnier, a inauguré samedi le nouveau pont. "
        "« C'est un jour historique pour la ville », a-t-il déclaré.",
        (
            Q(
                "C'est un jour historique pour la ville",
                "direct",
                "Thomas Garnier",
                "a-t-il déclaré",
                "il",
            ),
        ),
    ),
    Case(
        "incise-fr-declare-t-elle",
        "fr",
        "Nadia Benali dirige le refuge de la rue Paradis depuis dix ans. "
        "« Nous manquons de bénévoles cet hiver », déclare-t-elle.",
        (
            Q(
                "Nous manquons de bénévoles cet hiver",
                "direct",
                "Nadia Benali",
                "déclare-t-elle",
                "elle",
            ),
        ),
    ),
    Case(
        "incise-fr-a-declare-name",
        "fr",
        "« Aucune classe ne fermera à la rentrée », a déclaré Philippe Aubry, recteur de "
        "l'académie.",
        (
            Q(
                "Aucune classe ne fermera à la rentrée",
                "direct",
                "Philippe Aubry",
                "a déclaré",
                "Philippe Aubry",
            ),
        ),
    ),
    Case(
        "incise-en-said-name",
        "en",
        '"Nobody will lose their job," said Anna Kowalski, the factory\'s new owner.',
        (Q("Nobody will lose their job", "direct", "Anna Kowalski", "said", "Anna Kowalski"),),
    ),
    Case(
        "incise-en-name-said",
        "en",
        'Trade envoy Laura Chen returned from Beijing on Friday. "The talks were constructive," '
        "Chen said.",
        (Q("The talks were constructive", "direct", "Laura Chen", "said", "Chen"),),
    ),
    Case(
        "incise-en-he-said",
        "en",
        'Fire chief Daniel Ortiz arrived at the scene before dawn. "The blaze is now contained," '
        "he said.",
        (Q("The blaze is now contained", "direct", "Daniel Ortiz", "said", "he"),),
    ),
    Case(
        "incise-fr-interrupted",
        "fr",
        "La secrétaire générale du syndicat, Nadia Benali, a quitté la réunion en fin de "
        "matinée. « Nous ne céderons pas, dit-elle. Les salariés méritent mieux. »",
        (
            Q("Nous ne céderons pas", "direct", "Nadia Benali", "dit-elle", "elle"),
            Q("Les salariés méritent mieux", "direct", "Nadia Benali", "dit-elle", "elle"),
        ),
    ),
    Case(
        "incise-en-interrupted",
        "en",
        'Union leader David Marsh left the talks at noon. "We will not give up," he said. '
        '"Workers deserve better."',
        (
            Q("We will not give up", "direct", "David Marsh", "said", "he"),
            Q("Workers deserve better", "direct", "David Marsh", "said", "he"),
        ),
    ),
]

INDIRECT = [
    Case(
        # A phrase before the comma that is no clause of its own is not what was said.
        "indirect-en-fronted-phrase-before-a-verb-and-its-clause",
        "en",
        "In an interview with CNN last week, Tom Brown said the deal was dead.",
        (Q("the deal was dead", "indirect", "Tom Brown"),),
    ),
    Case(
        "indirect-fr-a-declare-que",
        "fr",
        "Le ministre de la Santé, François Belmont, a déclaré que la campagne de vaccination "
        "commencerait en octobre.",
        (
            Q(
                "la campagne de vaccination commencerait en octobre",
                "indirect",
                "François Belmont",
                "a déclaré",
            ),
        ),
    ),
    Case(
        "indirect-fr-a-estime-qu-il",
        "fr",
        "Le président du Sénat, Gérard Lemoine, a estimé mardi qu'il fallait reporter le vote "
        "de la loi.",
        (Q("il fallait reporter le vote de la loi", "indirect", "Gérard Lemoine"),),
    ),
    Case(
        "indirect-fr-aux-journalistes",
        "fr",
        "La porte-parole de la SNCF, Agnès Dubois, a déclaré aux journalistes que le trafic "
        "serait normal jeudi.",
        (Q("le trafic serait normal jeudi", "indirect", "Agnès Dubois"),),
    ),
    Case(
        "indirect-fr-infinitive",
        "fr",
        "L'ancien trésorier du club, Lucien Faure, affirme avoir alerté la direction dès 2019.",
        (Q("avoir alerté la direction dès 2019", "indirect", "Lucien Faure", "affirme"),),
    ),
    Case(
        "indirect-fr-inverted-incise",
        "fr",
        "Le négociateur européen Pierre Vasseur a déclaré que la rencontre avait été utile. "
        "Les discussions reprendront lundi à Genève, a-t-il ajouté.",
        (
            Q("la rencontre avait été utile", "indirect", "Pierre Vasseur"),
            Q(
                "Les discussions reprendront lundi à Genève",
                "indirect",
                "Pierre Vasseur",
                "a-t-il ajouté",
                "il",
            ),
        ),
    ),
    Case(
        "indirect-fr-selon-first",
        "fr",
        "Selon le porte-parole du gouvernement, Olivier Marchal, le texte sera présenté en "
        "conseil des ministres le 12 mars.",
        (
            Q(
                "le texte sera présenté en conseil des ministres le 12 mars",
                "indirect",
                "Olivier Marchal",
                "Selon",
            ),
        ),
    ),
    Case(
        "indirect-fr-selon-last",
        "fr",
        "Le texte sera présenté en conseil des ministres le 12 mars, selon Olivier Marchal, "
        "porte-parole du gouvernement.",
        (
            Q(
                "Le texte sera présenté en conseil des ministres le 12 mars",
                "indirect",
                "Olivier Marchal",
                "selon",
            ),
        ),
    ),
    Case(
        "indirect-fr-d-apres",
        "fr",
        "D'après la préfète de Bretagne, Sophie Garnier, les routes seront rouvertes dans la "
        "soirée.",
        (Q("les routes seront rouvertes dans la soirée", "indirect", "Sophie Garnier", "D'après"),),
    ),
    Case(
        "indirect-en-said-that",
        "en",
        "Defence Secretary Tom Whitaker said that the base would stay open until 2030.",
        (Q("the base would stay open until 2030", "indirect", "Tom Whitaker", "said"),),
    ),
    Case(
        "indirect-en-told-reporters",
        "en",
        "Coach Mike Turner told reporters the team was ready for the final.",
        (Q("the team was ready for the final", "indirect", "Mike Turner"),),
    ),
    Case(
        "indirect-en-told-a-named-outlet",
        "en",
        "Senator Lindsey Graham told The Associated Press he was worried about the party's shift.",
        (Q("he was worried about the party's shift", "indirect", "Lindsey Graham"),),
    ),
    Case(
        "indirect-en-said-on-tuesday-no-that",
        "en",
        "Finance Minister Rachel Green said on Tuesday the plan would cut emissions by a third.",
        (Q("the plan would cut emissions by a third", "indirect", "Rachel Green", "said"),),
    ),
    Case(
        "indirect-en-according-to-first",
        "en",
        "According to Lisa Grant, the city's budget director, the deficit will be closed by 2026.",
        (Q("the deficit will be closed by 2026", "indirect", "Lisa Grant", "According to"),),
    ),
    Case(
        "indirect-en-according-to-last",
        "en",
        "The deficit will be closed by 2026, according to budget director Lisa Grant.",
        (Q("The deficit will be closed by 2026", "indirect", "Lisa Grant", "according to"),),
    ),
    Case(
        "indirect-en-inverted-said",
        "en",
        "The new terminal will open in March, Simon Park, the airport's chief executive, said.",
        (Q("The new terminal will open in March", "indirect", "Simon Park", "said"),),
    ),
]

MIXED = [
    Case(
        # Quoted words right after the preposition a speech verb takes are what was reported;
        # a topic before a quotation of its own is not.
        "mixed-en-quoted-words-after-the-verbs-preposition",
        "en",
        'Officials warned of "catastrophic flooding" in the region. The mayor spoke of '
        'Smith, "He will not be back."',
        (
            Q('"catastrophic flooding" in the region', "mixed", None),
            Q("He will not be back.", "direct", "mayor"),
        ),
    ),
    Case(
        # "parler de" reports speech when its object carries quoted words; not otherwise.
        "mixed-fr-talking-of-quoted-words",
        "fr",
        "Jean Blanc parle d'un « moment historique » pour la ville. Il a parlé avec ses "
        "collègues pendant une heure.",
        (Q("un « moment historique » pour la ville", "mixed", "Jean Blanc"),),
    ),
    Case(
        "mixed-fr-ascii-fragment",
        "fr",
        "La ministre de la Culture, Léa Fontaine, a déclaré que le musée soutenait "
        '"les fouilles les plus ambitieuses depuis un siècle" en Égypte.',
        (
            Q(
                'le musée soutenait "les fouilles les plus ambitieuses depuis un siècle" en Égypte',
                "mixed",
                "Léa Fontaine",
            ),
        ),
    ),
    Case(
        "mixed-fr-guillemets-fragment",
        "fr",
        "Le Premier ministre, Antoine Delcourt, a affirmé que la réforme était « indispensable "
        "et urgente ».",
        (Q("la réforme était « indispensable et urgente »", "mixed", "Antoine Delcourt"),),
    ),
    Case(
        "mixed-fr-inverted-incise",
        "fr",
        "Le ministre Paul Girard est arrivé à Kiev lundi. Les livraisons comprendront "
        '"des blindés et des systèmes de défense aérienne", a-t-il déclaré.',
        (
            Q(
                'Les livraisons comprendront "des blindés et des systèmes de défense aérienne"',
                "mixed",
                "Paul Girard",
                "a-t-il déclaré",
                "il",
            ),
        ),
    ),
    Case(
        "mixed-en-no-that",
        "en",
        'Senator Maria Lopez said the plan was "a disaster for farmers".',
        (Q('the plan was "a disaster for farmers"', "mixed", "Maria Lopez"),),
    ),
    Case(
        "mixed-en-that",
        "en",
        "The health minister, Priya Nair, said that hospitals were facing “an unprecedented "
        "winter”.",
        (Q("hospitals were facing “an unprecedented winter”", "mixed", "Priya Nair"),),
    ),
]

SPEAKERS = [
    Case(
        "speaker-en-no-subject-across-an-auxiliary",
        "en",
        "The report was published on Monday and the authors said that more research was needed.",
        (Q("more research was needed", "indirect", None, "said", "the authors"),),
    ),
    Case(
        "speaker-en-coordinated-verb-takes-the-first-subject",
        "en",
        'He funds a variety of gun control groups and has stated, "I\'m very much against guns."',
        (Q("I'm very much against guns.", "direct", None, UNCHECKED, "He"),),
    ),
    Case(
        "speaker-en-gerund-object-is-no-subject",
        "en",
        "The senator spoke for an hour on Tuesday, emphasising the importance of protecting "
        "rural hospitals from further cuts.",
        (
            Q(
                "the importance of protecting rural hospitals from further cuts",
                "indirect",
                "senator",
                "emphasising",
                "The senator",
            ),
        ),
    ),
    Case(
        "speaker-fr-participle-after-a-long-object",
        "fr",
        "« Un choc », c'est ainsi qu'il a qualifié les révélations concernant la réunion de son "
        "ministre de la Santé, estimant que ce qui s'était produit était « impardonnable ».",
        (
            Q("Un choc", "direct", None, "a qualifié", "il"),
            Q(
                "ce qui s'était produit était « impardonnable »",
                "mixed",
                None,
                "estimant",
                "il",
            ),
        ),
    ),
    Case(
        "speaker-en-participle-after-a-long-clause",
        "en",
        "The prime minister emphasised that tackling illegal migration is a global challenge "
        "for every government in Europe, noting that other countries are considering similar "
        "partnerships.",
        (
            Q(
                "tackling illegal migration is a global challenge for every government in Europe, "
                "noting that other countries are considering similar partnerships",
                "indirect",
                "prime minister",
                "emphasised",
                "The prime minister",
            ),
            Q(
                "other countries are considering similar partnerships",
                "indirect",
                "prime minister",
                "noting",
                "The prime minister",
            ),
        ),
    ),
    Case(
        "speaker-fr-relative-antecedent-after-a-verb",
        "fr",
        "Le groupe a publié un communiqué qui affirme que le suspect s'était converti.",
        (Q("le suspect s'était converti", "indirect", None, "affirme", "un communiqué"),),
    ),
    Case(
        "speaker-fr-relative-pronoun-not-in-the-subject",
        "fr",
        "« Les niveaux étaient élevés », ajoute le documentaire qui précise que le polonium "
        "est rare.",
        (
            Q("Les niveaux étaient élevés", "direct", None, "ajoute", "le documentaire"),
            Q("le polonium est rare", "indirect", None, "précise", "le documentaire"),
        ),
    ),
    Case(
        "speaker-en-relative-antecedent-nearest-phrase",
        "en",
        "The candidate refused to pay an architect who said he was stiffed after he designed "
        "a clubhouse.",
        (
            Q(
                "he was stiffed after he designed a clubhouse",
                "indirect",
                None,
                "said",
                "an architect",
            ),
        ),
    ),
    Case(
        "speaker-en-relative-antecedent-between-dashes",
        "en",
        "Instead, the study -- which notes that 58 companies would owe $212 billion in taxes "
        "-- should be a call to lawmakers.",
        (
            Q(
                "58 companies would owe $212 billion in taxes",
                "indirect",
                None,
                "notes",
                "the study",
            ),
        ),
    ),
    Case(
        "speaker-fr-noun-with-an-adverb-ending",
        "fr",
        "Le gouvernement a fait savoir que le projet serait présenté au printemps.",
        (Q("le projet serait présenté au printemps", "indirect", "gouvernement", "a fait savoir"),),
    ),
    Case(
        "speaker-en-noun-with-an-adverb-ending",
        "en",
        "The Assembly said the vote would take place on Monday.",
        (Q("the vote would take place on Monday", "indirect", "Assembly", "said"),),
    ),
    Case(
        "speaker-fr-apposition",
        "fr",
        "Le chef de l'OTAN, Jens Stoltenberg, a déclaré que l'alliance renforcerait sa présence "
        "en Roumanie.",
        (
            Q(
                "l'alliance renforcerait sa présence en Roumanie",
                "indirect",
                "Jens Stoltenberg",
                "a déclaré",
                "Jens Stoltenberg",
            ),
        ),
    ),
    Case(
        "speaker-en-name-then-role",
        "en",
        "Helen Ward, the environment minister, said the ban on peat sales would take effect in "
        "June.",
        (Q("the ban on peat sales would take effect in June", "indirect", "Helen Ward"),),
    ),
    Case(
        "speaker-en-role-then-name",
        "en",
        "The environment minister, Helen Ward, said that the ban on peat sales would take effect "
        "in June.",
        (Q("the ban on peat sales would take effect in June", "indirect", "Helen Ward"),),
    ),
    Case(
        "speaker-fr-elle-is-the-mme",
        "fr",
        "M. Claude Girard et Mme Dominique Lefèvre ont signé l'accord jeudi à Matignon. "
        "« C'est un compromis équilibré », a-t-elle déclaré.",
        (
            Q(
                "C'est un compromis équilibré",
                "direct",
                "Dominique Lefèvre",
                "a-t-elle déclaré",
                "elle",
            ),
        ),
    ),
    Case(
        "speaker-fr-elle-is-the-female-first-name",
        "fr",
        "Marc Duval a reçu Isabelle Roussel à la mairie lundi. "
        "« Nous partageons les mêmes priorités », a-t-elle affirmé.",
        (Q("Nous partageons les mêmes priorités", "direct", "Isabelle Roussel"),),
    ),
    Case(
        "speaker-fr-il-is-the-male-first-name",
        "fr",
        "Isabelle Roussel a reçu Marc Duval à la mairie lundi. "
        "« La ville doit investir dans ses écoles », a-t-il affirmé.",
        (Q("La ville doit investir dans ses écoles", "direct", "Marc Duval"),),
    ),
    Case(
        "speaker-fr-elle-is-the-ambassadrice",
        "fr",
        "L'ambassadrice de France au Japon, Dominique Rivière, a rencontré jeudi le ministre "
        "japonais des Affaires étrangères, Kenji Sato. « Nos deux pays partagent les mêmes "
        "valeurs », a-t-elle déclaré.",
        (Q("Nos deux pays partagent les mêmes valeurs", "direct", "Dominique Rivière"),),
    ),
    Case(
        "speaker-en-he-is-the-man",
        "en",
        'Prime Minister Karen Holt met union leader David Marsh on Monday. "We have made real '
        'progress," he said.',
        (Q("We have made real progress", "direct", "David Marsh", "said", "he"),),
    ),
    Case(
        "speaker-en-she-is-the-woman",
        "en",
        'Union leader David Marsh met Prime Minister Karen Holt on Monday. "The strike must end '
        'this week," she said.',
        (Q("The strike must end this week", "direct", "Karen Holt", "said", "she"),),
    ),
    Case(
        "speaker-fr-surname-is-the-full-name",
        "fr",
        "Jens Stoltenberg est arrivé lundi à Vilnius pour le sommet. Stoltenberg a déclaré que "
        "l'alliance défendrait chaque centimètre de son territoire.",
        (
            Q(
                "l'alliance défendrait chaque centimètre de son territoire",
                "indirect",
                "Jens Stoltenberg",
                "a déclaré",
                "Stoltenberg",
            ),
        ),
    ),
    Case(
        "speaker-en-surname-is-the-full-name",
        "en",
        "Defence Secretary Tom Whitaker visited the naval base on Monday. Whitaker said the base "
        "would stay open.",
        (Q("the base would stay open", "indirect", "Tom Whitaker", "said", "Whitaker"),),
    ),
    Case(
        "speaker-fr-le-ministre",
        "fr",
        "Le ministre de l'Agriculture, Hervé Lacombe, a visité lundi une exploitation laitière "
        "dans le Cantal. Le ministre a assuré que les aides seraient versées avant l'été.",
        (
            Q(
                "les aides seraient versées avant l'été",
                "indirect",
                "Hervé Lacombe",
                "a assuré",
                "Le ministre",
            ),
        ),
    ),
    Case(
        "speaker-en-the-senator",
        "en",
        "Senator Maria Lopez toured the flooded valley on Sunday. The senator said federal aid "
        "would arrive within days.",
        (
            Q(
                "federal aid would arrive within days",
                "indirect",
                "Maria Lopez",
                "said",
                "The senator",
            ),
        ),
    ),
    Case(
        "speaker-fr-l-elue",
        "fr",
        "Claire Morel, élue écologiste du 11e arrondissement, a présenté mardi son projet pour "
        "la rue Oberkampf. L'élue a affirmé que la rue serait piétonne dès septembre.",
        (
            Q(
                "la rue serait piétonne dès septembre",
                "indirect",
                "Claire Morel",
                "a affirmé",
                "L'élue",
            ),
        ),
    ),
    Case(
        "speaker-fr-organisation",
        "fr",
        "Le Kremlin a affirmé mercredi que les manœuvres près de la frontière étaient purement "
        "défensives.",
        (
            Q(
                "les manœuvres près de la frontière étaient purement défensives",
                "indirect",
                "Kremlin",
            ),
        ),
    ),
    Case(
        "speaker-en-the-ministry",
        "en",
        "The Ministry of Defence announced new naval drills in the North Sea on Monday. "
        "The ministry said the exercises would last two weeks.",
        (
            Q(
                "the exercises would last two weeks",
                "indirect",
                "Ministry of Defence",
                "said",
                "The ministry",
            ),
        ),
    ),
    Case(
        "speaker-fr-anonymous-sources",
        "fr",
        "À Bruxelles, des sources diplomatiques ont indiqué que le sommet serait reporté à juin.",
        (
            Q(
                "le sommet serait reporté à juin",
                "indirect",
                None,
                "ont indiqué",
                "des sources diplomatiques",
            ),
        ),
    ),
    Case(
        "speaker-en-anonymous-officials",
        "en",
        "The border crossing will reopen on Friday, officials said.",
        (Q("The border crossing will reopen on Friday", "indirect", None, "said", "officials"),),
    ),
]

CONTINUATIONS = [
    Case(
        "continuation-fr-paragraph",
        "fr",
        "« Nous allons rouvrir la ligne dès lundi », a déclaré la présidente de la région, "
        "Carole Meunier.\n\n« Les voyageurs auront droit à un remboursement intégral. »",
        (
            Q("Nous allons rouvrir la ligne dès lundi", "direct", "Carole Meunier", "a déclaré"),
            Q(
                "Les voyageurs auront droit à un remboursement intégral",
                "direct",
                "Carole Meunier",
                None,
            ),
        ),
    ),
    Case(
        "continuation-en-paragraph",
        "en",
        '"We will reopen the line on Monday," said Karen Holt, the regional transport chief.'
        '\n\n"Passengers will get a full refund."',
        (
            Q("We will reopen the line on Monday", "direct", "Karen Holt", "said"),
            Q("Passengers will get a full refund", "direct", "Karen Holt", None),
        ),
    ),
    Case(
        "continuation-fr-sentence",
        "fr",
        "« C'est une victoire pour les salariés », a déclaré le délégué syndical Paul Girard. "
        "« Mais le combat continue. »",
        (
            Q("C'est une victoire pour les salariés", "direct", "Paul Girard", "a déclaré"),
            Q("Mais le combat continue", "direct", "Paul Girard", None),
        ),
    ),
]

NEGATIVES = [
    Case(
        # The words before the comma are the verb's subject, with a name in apposition.
        "negative-en-subject-before-an-apposition-is-no-reported-clause",
        "en",
        "The campaign's chief strategist, Robby Marsh, dismissed the claims on Monday. Senator "
        "Ruth Okafor, D-Ohio, criticized the bill.",
    ),
    Case(
        "negative-en-object-after-the-verb-is-no-subject",
        "en",
        "Few people would have described Mr. Obama as a climate evangelist when he ran for the "
        "White House. Finland has always maintained a relatively high level of preparedness, "
        "including armed forces based on conscription.",
    ),
    Case(
        "negative-en-question-put-to-the-subject",
        "en",
        "The council approved the budget on Tuesday. Asked whether she would run again, Mayor "
        "Linda Park declined to comment.",
    ),
    Case(
        "negative-fr-scare-quotes",
        "fr",
        "L'armée a mené des « frappes chirurgicales » sur la région pendant la nuit.",
    ),
    Case(
        "negative-en-scare-quotes",
        "en",
        'The so-called "peace dividend" has long since vanished from the defence budget.',
    ),
    Case(
        "negative-fr-film-title",
        "fr",
        "Le film « Les Misérables » de Ladj Ly a été diffusé mardi soir sur France 2.",
    ),
    Case(
        "negative-en-novel-title",
        "en",
        'The novel "Beloved" by Toni Morrison was removed from the reading list in two school '
        "districts.",
    ),
    Case(
        "negative-fr-nickname",
        "fr",
        'Jean "Le Boss" Dupont a été interpellé jeudi à Marseille.',
    ),
    Case(
        "negative-en-nickname",
        "en",
        'Former boxer Tommy "The Hammer" Reilly opened a gym in Belfast on Saturday.',
    ),
    Case(
        "negative-fr-single-term",
        "fr",
        "Le mot « résilience » revient dans tous les discours officiels cette année.",
    ),
    Case(
        "negative-en-single-term",
        "en",
        'The word "resilience" appears fourteen times in the annual report.',
    ),
    Case(
        "negative-fr-no-speech",
        "fr",
        "Le conseil municipal a voté mardi le budget de la ville pour 2025.",
    ),
    Case(
        "negative-en-no-speech",
        "en",
        "Heavy rain flooded several streets in Leeds on Sunday night.",
    ),
    Case(
        "negative-fr-restrictive-ne-que-after-a-speech-verb",
        "fr",
        "Que ce vaccin soit dangereux ne relève que de la rumeur.",
    ),
    Case(
        "negative-fr-restrictive-ne-que-after-an-auxiliary",
        "fr",
        "Le ministre Paul Girard n'a déclaré que des généralités lors de sa visite à Brest.",
    ),
    Case(
        "negative-fr-writer-question-with-an-attribution",
        "fr",
        "Comment ce pesticide est-il devenu le symbole du mal aux yeux de ses opposants ?",
    ),
    Case(
        "negative-fr-quoted-heading-after-a-quotation",
        "fr",
        "« Les effectifs baisseront encore l'an prochain », a prévenu la directrice, Claire "
        "Morin.\n« Une saison sans budget »\nLe festival ouvrira ses portes le 3 juillet.",
        (Q("Les effectifs baisseront encore l'an prochain", "direct", "Claire Morin"),),
    ),
    Case(
        "negative-fr-quoted-heading-before-a-testimony",
        "fr",
        "Le maire, Paul Vidal, a visité le quartier mardi.\n« Nous ne savons plus où aller ni "
        "à qui demander de l'aide depuis des semaines »\nLa décrue commencera jeudi.",
    ),
]

# Read with the dependency parse: complements no "que" opens, subjects far from their verb.
PARSED = [
    Case(
        "parse-fr-object-carrying-quoted-words",
        "fr",
        "Après la réunion de lundi, les délégués, « furieux », dénonçaient des « lignes rouges » "
        "dans le projet de la direction.",
        (Q("des « lignes rouges » dans le projet de la direction", "mixed", None, "dénonçaient"),),
    ),
    Case(
        "parse-fr-infinitive-after-an-object",
        "fr",
        "Le maire de Quimper, Paul Le Gall, a appelé les habitants à rester chez eux jusqu'à "
        "nouvel ordre.",
        (Q("les habitants à rester chez eux jusqu'à nouvel ordre", "indirect", "Paul Le Gall"),),
    ),
    Case(
        "parse-fr-reflexive-with-a-quoted-adjective",
        "fr",
        "La ministre Claire Vautrin s'est dite « bouleversée » par les images de l'incendie.",
        (Q("« bouleversée » par les images de l'incendie", "mixed", "Claire Vautrin"),),
    ),
    Case(
        "parse-fr-colon-after-a-role",
        "fr",
        "Camille Ortiz étudie la chimie à Lille. La jeune femme s'inquiète toutefois des "
        "conséquences de la grève pour les examens : « Personne ne sait quand nous serons "
        "évalués. »",
        (Q("Personne ne sait quand nous serons évalués", "direct", "Camille Ortiz"),),
    ),
    Case(
        "parse-fr-series-of-incises",
        "fr",
        "Le porte-parole, Marc Denis, a résumé la journée : « Nous avons tenu », a-t-il dit, "
        "« nous tiendrons encore », a-t-il ajouté.",
        (
            Q("Nous avons tenu", "direct", "Marc Denis"),
            Q("nous tiendrons encore", "direct", "Marc Denis"),
        ),
    ),
]

# Attributions built around the verb.
CONSTRUCTIONS = [
    Case(
        "construction-fr-comparison",
        "fr",
        "Le chômage baisse depuis six mois, comme le souligne l'économiste Paul Mercier.",
        (Q("Le chômage baisse depuis six mois", "indirect", "Paul Mercier", "souligne"),),
    ),
    Case(
        "construction-fr-cataphora",
        "fr",
        "La réforme sera votée en juin. C'est ce qu'a annoncé le ministre Luc Ferrand mardi.",
        (Q("La réforme sera votée en juin", "indirect", "Luc Ferrand"),),
    ),
    Case(
        "construction-fr-narrative-infinitive",
        "fr",
        "Le député Jean Morel a critiqué le texte. Et de conclure : « Nous ne voterons pas "
        "cette loi. »",
        (Q("Nous ne voterons pas cette loi", "direct", "Jean Morel"),),
    ),
    Case(
        "construction-fr-document-author",
        "fr",
        "Selon un communiqué publié par la préfecture, la route restera fermée jusqu'à lundi.",
        (Q("la route restera fermée jusqu'à lundi", "indirect", "préfecture", "Selon"),),
    ),
    Case(
        "construction-fr-signature-next-line",
        "fr",
        "Le ministre Paul Girard a parlé mardi devant les députés.\n"
        "« Elle était à un endroit où il y avait un risque. »\n"
        "Hélène Marchal, journaliste, au sujet de la manifestation du 25 mars",
        (Q("Elle était à un endroit où il y avait un risque", "direct", "Hélène Marchal", None),),
    ),
    Case(
        "construction-fr-signature-same-line",
        "fr",
        "Le ministre Paul Girard a parlé mardi devant les députés.\n"
        "“De ce double enfermement découle un éloignement avec la réalité.” Roman Lestrade, "
        "chercheur, dans une étude pour la Fondation Descartes",
        (
            Q(
                "De ce double enfermement découle un éloignement avec la réalité",
                "direct",
                "Roman Lestrade",
                None,
            ),
        ),
    ),
    Case(
        "construction-en-signature-dash",
        "en",
        "Minister Paul Girard spoke on Tuesday.\n"
        "“I would rather walk to work than wait for that bus again.” ― Adriana Ruiz, student",
        (
            Q(
                "I would rather walk to work than wait for that bus again",
                "direct",
                "Adriana Ruiz",
                None,
            ),
        ),
    ),
    Case(
        "construction-fr-signature-not-a-sentence-with-verb",
        "fr",
        "Le ministre Paul Girard a pris la parole mardi : « Nous avons tenu parole. »\n"
        "Marie Durand, directrice de l'école, est arrivée en 2010.",
        (Q("Nous avons tenu parole", "direct", "Paul Girard"),),
    ),
    Case(
        "construction-fr-incise-beside-a-displaced-clause",
        "fr",
        "« Les niveaux étaient substantiels, ce qui montre une quantité anormale de polonium », "
        "ajoute le documentaire qui précise que le polonium est, selon lui, une substance "
        "accessible que par « des gens qui construisent des armes ».",
        (
            Q(
                "Les niveaux étaient substantiels, ce qui montre une quantité anormale de polonium",
                "direct",
                None,
                "ajoute",
            ),
            Q(
                "le polonium est, selon lui, une substance accessible que par « des gens qui "
                "construisent des armes »",
                "mixed",
                None,
                "précise",
            ),
        ),
    ),
    Case(
        "construction-fr-preposition-then-quotation",
        "fr",
        "Selon le maire Paul Garnier « la piscine rouvrira en mai ». Pour la députée Anne "
        "Royer : « ce calendrier est intenable ».",
        (
            Q("la piscine rouvrira en mai", "direct", "Paul Garnier", "Selon"),
            Q("ce calendrier est intenable", "direct", "Anne Royer", "Pour"),
        ),
    ),
]

# Who speaks when the text does not name the speaker at the cue.
SALIENCE = [
    Case(
        "salience-fr-name-in-apposition-to-a-subject",
        "fr",
        "L'éleveur Jean Morel en est convaincu : « Il faut agir vite. »\n"
        "Le président du syndicat, Paul Garnier, l'assure aussi devant la presse.\n"
        "« Nous ne lâcherons rien », a-t-il martelé.",
        (
            Q("Il faut agir vite.", "direct", "Jean Morel"),
            Q("Nous ne lâcherons rien", "direct", "Paul Garnier"),
        ),
    ),
    Case(
        "salience-fr-office-is-not-another-role-holder",
        "fr",
        "La directrice de l'aéroport, Hélène Rault, a reçu les passagers. « Tout est prévu », "
        "a-t-elle assuré. La ministre des Transports ne dit pas autre chose : « Le dialogue "
        "doit reprendre. »",
        (
            Q("Tout est prévu", "direct", "Hélène Rault"),
            Q("Le dialogue doit reprendre.", "direct", "ministre des Transports"),
        ),
    ),
    Case(
        "salience-fr-testimony-paragraphs",
        "fr",
        "Lina Haddad vit à Mossoul depuis vingt ans. Son témoignage a été recueilli par "
        "téléphone.\n"
        "« Le pire, c'est la nuit. On entend les explosions et les enfants ne dorment plus du "
        "tout depuis des semaines.\n"
        "« Le matin, nous cherchons de l'eau et du pain pour toute la famille, et nous "
        "attendons. »",
        (
            Q(
                "Le pire, c'est la nuit. On entend les explosions et les enfants ne dorment plus "
                "du tout depuis des semaines",
                "direct",
                "Lina Haddad",
            ),
            Q(
                "Le matin, nous cherchons de l'eau et du pain pour toute la famille, et nous "
                "attendons",
                "direct",
                "Lina Haddad",
            ),
        ),
    ),
    Case(
        "salience-fr-pronoun-after-another-man",
        "fr",
        "Le ministre Henri Vasseur a défendu la réforme. « Elle est juste », a-t-il déclaré. "
        "Son opposant, Thomas Berger, a pris la parole ensuite devant les députés. "
        "« Elle est injuste », a-t-il répondu.",
        (
            Q("Elle est juste", "direct", "Henri Vasseur"),
            Q("Elle est injuste", "direct", "Thomas Berger"),
        ),
    ),
    Case(
        "salience-fr-role-words-tell-holders-apart",
        "fr",
        "Le Premier ministre Karel Novak a reçu le ministre de la Santé Petr Dvorak mardi. "
        "Le Premier ministre a affirmé qu'il attendait sa démission.",
        (Q("il attendait sa démission", "indirect", "Karel Novak"),),
    ),
    Case(
        "salience-fr-generic-organisation-noun",
        "fr",
        "L'agence de presse Reuters a consulté le rapport. L'agence affirme que la dette "
        "continuera de croître.",
        (Q("la dette continuera de croître", "indirect", "Reuters"),),
    ),
    Case(
        "salience-fr-newspaper-noun",
        "fr",
        "Le quotidien Libération a publié l'enquête lundi. Le journal affirme que le contrat a été "
        "signé en 2019.",
        (Q("le contrat a été signé en 2019", "indirect", "Libération"),),
    ),
    Case(
        "salience-fr-newspaper-noun-an-outlet-not-the-last-organisation",
        "fr",
        "Le réseau est immense, raconte Rory Jones, journaliste du Wall Street Journal. Le Hamas "
        "contrôle Gaza depuis 2007 et l'armée israélienne prépare une offensive. Le quotidien "
        "américain affirme que le réseau s'étend sur des centaines de kilomètres.",
        (
            Q("Le réseau est immense", "indirect", "Rory Jones"),
            Q(
                "le réseau s'étend sur des centaines de kilomètres",
                "indirect",
                "Wall Street Journal",
            ),
        ),
    ),
    Case(
        "salience-fr-newspaper-noun-the-outlet-speaking-not-one-named-later",
        "fr",
        "Les travaux ont été faits « sans autorisation », écrit Le Parisien mercredi. Le journal "
        "affirme que la ministre a ignoré les règles.\n\n"
        "En 2018, le journal Ebdo avait déjà enquêté sur ces travaux.",
        (
            Q("Les travaux ont été faits « sans autorisation »", "mixed", "Le Parisien"),
            Q("la ministre a ignoré les règles", "indirect", "Le Parisien"),
        ),
    ),
    Case(
        "salience-en-plural-description-is-no-one-speaker",
        "en",
        "“RPA bots are fast,” Saikat Ray said. A survey finds that of the organizations that say "
        "they’ve adopted RPA, 69% experience broken workflows.",
        (
            Q("RPA bots are fast", "direct", "Saikat Ray"),
            Q("they’ve adopted RPA", "indirect", None),
        ),
    ),
    Case(
        "salience-en-a-first-name-given-to-men-and-women-marks-no-gender",
        "en",
        "Lindsey Graham met reporters on Tuesday. He said the bill was dead.",
        (Q("the bill was dead", "indirect", "Lindsey Graham"),),
    ),
    Case(
        "salience-en-he-is-never-an-organisation-subject",
        "en",
        "Ihtisham Hibatullah, a senior director at the network, met the families. Al Jazeera "
        "released the video on Monday. “This indicates intentional targeting,” he said.",
        (Q("This indicates intentional targeting", "direct", "Ihtisham Hibatullah"),),
    ),
    Case(
        "salience-en-generic-noun-never-the-agency-of-the-dateline",
        "en",
        "KATHMANDU (Reuters) - A Flydubai plane landed safely in Dubai on Tuesday after an engine "
        "fire. The airline said the aircraft had been inspected before take-off.",
        (Q("the aircraft had been inspected before take-off", "indirect", "airline"),),
    ),
    Case(
        "salience-fr-pronoun-goes-on-with-an-organisation-subject",
        "fr",
        "Les enseignants dénoncent les réformes de Blanquer depuis la rentrée.\n"
        "L'AG Éducation IDF organise une conférence de presse mercredi à la Bourse du Travail, "
        "en salle Louise Michel.\n"
        "Elle appelle les collègues à y participer nombreux.",
        (
            Q("les réformes de Blanquer depuis la rentrée", "indirect", None),
            Q("les collègues à y participer nombreux", "indirect", "AG Éducation IDF"),
        ),
    ),
    Case(
        "salience-fr-pronoun-goes-on-with-an-organisation-subject-after-a-man-named-before",
        "fr",
        "Paul Leroy, le directeur de l'école, est plus nuancé.\n"
        "Le ministère de l'Intérieur a annoncé mardi l'envoi de renforts. Il précise que deux "
        "cents gendarmes seront déployés.",
        (Q("deux cents gendarmes seront déployés", "indirect", "ministère de l'Intérieur"),),
    ),
    Case(
        # The name between commas after the subject's complement is the subject too (the parse
        # may read it as a coordinate): it is more salient than a name in "Selon …" before.
        "salience-fr-name-in-apposition-to-a-subject-is-a-subject",
        "fr",
        "Le footballeur Kylian Mbappé s'est exprimé après le match. « On a manqué "
        "d'efficacité », a reconnu l'attaquant du Real Madrid.\n"
        "Selon le procureur de la République de Paris, Laure Beccuau, l'enquête avance. La "
        "magistrate a précisé que trois suspects avaient été interpellés.\n"
        "La mère de la victime, Nathalie Roux, réclame justice. « Je veux la vérité », confie "
        "la quinquagénaire.",
        (
            Q("On a manqué d'efficacité", "direct", "Kylian Mbappé"),
            Q("trois suspects avaient été interpellés", "indirect", "Laure Beccuau"),
            Q("Je veux la vérité", "direct", "Nathalie Roux"),
        ),
    ),
    Case(
        "salience-fr-unnamed-role-as-written",
        "fr",
        "Le tribunal a rendu sa décision vendredi. Le juge a estimé que les faits étaient "
        "prescrits.",
        (Q("les faits étaient prescrits", "indirect", "juge"),),
    ),
]

FOUND = [
    Case(
        "found-fr-incise-adverbial-before-subject",
        "fr",
        "Le randonneur a disparu mardi. Aucune piste n'est écartée pour le moment, a indiqué "
        "de son côté la gendarmerie.",
        (
            Q(
                "Aucune piste n'est écartée pour le moment",
                "indirect",
                "gendarmerie",
                "a indiqué",
                "la gendarmerie",
            ),
        ),
    ),
    Case(
        "found-fr-incise-subject-after-participle-clause",
        "fr",
        "Deux randonneurs ont été retrouvés vivants dans la vallée, épuisés par le froid, a "
        "annoncé jeudi le maire, Paul Girard.",
        (
            Q(
                "Deux randonneurs ont été retrouvés vivants dans la vallée, épuisés par le froid",
                "indirect",
                "Paul Girard",
                "a annoncé",
            ),
        ),
    ),
    Case(
        "found-fr-participle-after-incise-reads-its-own-clause",
        "fr",
        "La directrice Claire Mounier a visité le site. « Nous avons tout vérifié », a-t-elle "
        "assuré, précisant que le chantier reprendrait lundi.",
        (
            Q("Nous avons tout vérifié", "direct", "Claire Mounier", "a-t-elle assuré"),
            Q("le chantier reprendrait lundi", "indirect", "Claire Mounier", "précisant", "elle"),
        ),
    ),
    Case(
        "found-fr-adverbial-infinitive-after-incise-reads-its-own-clause",
        "fr",
        "La directrice Claire Mounier a visité le site. « Nous avons tout vérifié », a-t-elle "
        "assuré, avant de préciser que le chantier reprendrait lundi.",
        (
            Q("Nous avons tout vérifié", "direct", "Claire Mounier", "a-t-elle assuré"),
            Q("le chantier reprendrait lundi", "indirect", "Claire Mounier", "préciser", "elle"),
        ),
    ),
    Case(
        "found-fr-gerund-after-incise-reads-its-own-clause",
        "fr",
        "La directrice Claire Mounier a visité le site. « Nous avons tout vérifié », "
        "assure-t-elle en précisant que le chantier reprendrait lundi.",
        (
            Q("Nous avons tout vérifié", "direct", "Claire Mounier", "assure-t-elle"),
            Q("le chantier reprendrait lundi", "indirect", "Claire Mounier", "précisant", "elle"),
        ),
    ),
    Case(
        "found-en-adverbial-gerund-after-incise-reads-its-own-clause",
        "en",
        'Mayor Claire Mounier visited the site. "We checked everything," she said before '
        "adding that work would resume on Monday.",
        (
            Q("We checked everything", "direct", "Claire Mounier", "said"),
            Q("work would resume on Monday", "indirect", "Claire Mounier", "adding", "she"),
        ),
    ),
    Case(
        "not-fr-adverbial-infinitive-of-no-one",
        "fr",
        "Il a fallu des semaines pour expliquer que rien n'était perdu.",
    ),
    Case(
        "found-fr-apposition-with-abbreviated-title-names-the-speaker",
        "fr",
        "Le prévenu a été condamné. « Mon client a toujours contesté ces accusations », a réagi "
        "son avocat, Me Thomas Guérin, à la sortie de l'audience. L'avocat a ajouté que son "
        "client était innocent.",
        (
            Q(
                "Mon client a toujours contesté ces accusations",
                "direct",
                "Thomas Guérin",
                "a réagi",
                "Thomas Guérin",
            ),
            Q("son client était innocent", "indirect", "Thomas Guérin", "a ajouté", "L'avocat"),
        ),
    ),
    Case(
        "found-fr-dislocated-pronoun-repeats-the-name",
        "fr",
        "Le ministre Paul Girard a défendu le texte. La députée Claire Mounier, elle, a dénoncé "
        "sur X une « opération de communication ».",
        (
            Q(
                "une « opération de communication »",
                "mixed",
                "Claire Mounier",
                "a dénoncé",
                "Claire Mounier",
            ),
        ),
    ),
    Case(
        "found-fr-object-after-adjunct-without-quoted-words",
        "fr",
        "La députée Claire Mounier a dénoncé dans un communiqué une « opération de "
        "communication ».",
        (Q("une « opération de communication »", "mixed", "Claire Mounier", "a dénoncé"),),
    ),
    Case(
        "found-fr-quoted-attribute-of-an-object",
        "fr",
        "Le gouvernement a présenté son plan. Le patron des Républicains, Bruno Retailleau, a "
        "jugé ces annonces « insuffisantes ». La maire de Nantes, Claire Mounier, a qualifié "
        "la décision de « honteuse ».",
        (
            Q("ces annonces « insuffisantes »", "mixed", "Bruno Retailleau", "a jugé"),
            Q("la décision de « honteuse »", "mixed", "Claire Mounier", "a qualifié"),
        ),
    ),
    Case(
        "speaker-fr-pronoun-after-a-role-subject",
        "fr",
        "Le maire de Bordeaux, Pierre Hurmic, a présenté son plan lundi.\n\nSon prédécesseur, "
        "Nicolas Florian, juge le projet « irréaliste ». « On ne peut pas tout faire contre la "
        "voiture », a-t-il ajouté.\n\nLe maire lui a répondu mardi. « La concertation a duré "
        "deux ans », a-t-il assuré.",
        (
            Q("le projet « irréaliste »", "mixed", "Nicolas Florian"),
            Q("On ne peut pas tout faire contre la voiture", "direct", "Nicolas Florian"),
            Q("La concertation a duré deux ans", "direct", "Pierre Hurmic", "a-t-il assuré"),
        ),
    ),
    Case(
        "speaker-fr-generic-noun-not-an-organisation-of-another-kind",
        "fr",
        "La compagnie Air Atlantique a annoncé mardi l'annulation de 40 vols. Le syndicat "
        "Alter, à l'origine du préavis, assume. « Nous n'avons pas été entendus », a-t-il "
        "déclaré sur Radio Sud. Selon la compagnie, 80 % des passagers ont déjà été prévenus.",
        (
            Q("Nous n'avons pas été entendus", "direct", "Alter"),
            Q("80 % des passagers ont déjà été prévenus", "indirect", "Air Atlantique"),
        ),
    ),
    Case(
        "found-fr-clause-quoted-whole-is-direct",
        "fr",
        "La ministre Claire Mounier explique que « les grèves ne permettent pas d'assurer le "
        "service ».",
        (
            Q(
                "les grèves ne permettent pas d'assurer le service",
                "direct",
                "Claire Mounier",
                "explique",
            ),
        ),
    ),
    Case(
        "speaker-fr-apposition-after-a-collective-names-its-complement",
        "fr",
        "Le gouvernement prépare une réforme. « Rien n'est arbitré », tempère l'entourage de "
        "la ministre du Travail, Claire Mounier. « Tout reste ouvert », confie un proche du "
        "président, Paul Girard.",
        (
            Q("Rien n'est arbitré", "direct", None, "tempère"),
            Q("Tout reste ouvert", "direct", "Paul Girard", "confie"),
        ),
    ),
    Case(
        "found-fr-quoted-object-of-a-preposition-after-a-phrase-cue",
        "fr",
        "Le Kremlin a réagi. Son porte-parole, Paul Girard, a mis en garde contre « toute "
        "escalade ». Le maire Jean Dupont a témoigné pour « Libération ».",
        (Q("« toute escalade »", "mixed", "Paul Girard", "a mis en garde"),),
    ),
    Case(
        "speaker-fr-first-name-in-apposition-to-a-role-takes-the-pronoun",
        "fr",
        "« J'ai entendu des cris, puis j'ai vu la fumée », raconte Samia, 34 ans, qui habite au "
        "troisième étage. Sa voisine, Fatou, a dû descendre par l'escalier avec ses deux "
        "enfants. « On n'a rien pu emporter », souffle-t-elle.",
        (
            Q("J'ai entendu des cris, puis j'ai vu la fumée", "direct", "Samia"),
            Q("On n'a rien pu emporter", "direct", "Fatou", "souffle-t-elle", "elle"),
        ),
    ),
    Case(
        "found-fr-incise-of-no-one-named",
        "fr",
        "Le gouvernement prépare une réforme. « Le texte sera présenté avant l'été », "
        "indique-t-on à Matignon. Le syndicat Alter a d'ores et déjà fait savoir qu'il "
        "s'opposerait à toute réduction des droits.",
        (
            Q("Le texte sera présenté avant l'été", "direct", None, "indique-t-on", "on"),
            Q("il s'opposerait à toute réduction des droits", "indirect", "Alter"),
        ),
    ),
    Case(
        "found-fr-object-relative-subject-after-verb",
        "fr",
        "Le directeur de l'hôpital, Pierre Martin, a visité le service. Ce que confirme le "
        "directeur : « Nous manquons de lits depuis des mois. »",
        (
            Q(
                "Nous manquons de lits depuis des mois.",
                "direct",
                "Pierre Martin",
                "confirme",
                "le directeur",
            ),
        ),
    ),
    Case(
        "found-fr-cataphora-introducing-quotation-reports-only-it",
        "fr",
        "Le directeur de l'hôpital, Pierre Martin, a visité le service. C'est ce que confirme "
        "le directeur : « Nous manquons de lits depuis des mois. »",
        (Q("Nous manquons de lits depuis des mois.", "direct", "Pierre Martin", "confirme"),),
    ),
    Case(
        "found-fr-attribution-between-commas-inside-clause",
        "fr",
        "La ministre Anne Roussel a estimé que la réforme était, selon elle, « indispensable ».",
        (Q("la réforme était, selon elle, « indispensable »", "mixed", "Anne Roussel"),),
    ),
    Case(
        "found-fr-pour-after-connective",
        "fr",
        "Le ministre Jean Dufour a présenté le texte. Mais pour l'économiste Marc Lenoir, "
        "« cette mesure coûtera trop cher ».",
        (Q("cette mesure coûtera trop cher", "direct", "Marc Lenoir", "pour"),),
    ),
    Case(
        "found-fr-possessive-opening",
        "fr",
        "La juge Hélène Marchal a été entendue mardi. À ses yeux, « la procédure a été "
        "respectée ».",
        (Q("la procédure a été respectée", "direct", "Hélène Marchal", "À ses yeux"),),
    ),
    Case(
        "found-fr-read-in-a-publication",
        "fr",
        "Le maire a renoncé. « Le projet sera abandonné d'ici à la fin de l'année », peut-on "
        "lire dans Le Figaro.",
        (Q("Le projet sera abandonné d'ici à la fin de l'année", "direct", "Le Figaro"),),
    ),
    Case(
        "found-fr-inner-incise-with-a-clause",
        "fr",
        "Antoine Morel est enseignant. « Je suis inquiet pour mon avenir, confie-t-il lorsqu'on "
        "le croise devant la gare. Mon contrat ne sera pas renouvelé. »",
        (
            Q("Je suis inquiet pour mon avenir", "direct", "Antoine Morel", "confie-t-il"),
            Q("Mon contrat ne sera pas renouvelé", "direct", "Antoine Morel", "confie-t-il"),
        ),
    ),
    Case(
        "found-fr-quotation-resumed-after-an-incise-comma-after-the-marks",
        "fr",
        "« Je suis d’accord », ajoute Céline Pigalle aux assises du journalisme, « mais on ne "
        "montre pas des violences en direct ».",
        (
            Q("Je suis d’accord", "direct", "Céline Pigalle"),
            Q("mais on ne montre pas des violences en direct", "direct", "Céline Pigalle"),
        ),
    ),
    Case(
        "found-fr-pronoun-goes-on-with-someone-described-not-the-one-named-before",
        "fr",
        "Jean-Paul Delevoye a été nommé en 2017. « Chirac l'a soutenu en 1999 », a ajouté un "
        "ténor de la droite. « Cela relativise tout ça », se remémore-t-il.",
        (
            Q("Chirac l'a soutenu en 1999", "direct", None, "a ajouté", "un ténor de la droite"),
            Q("Cela relativise tout ça", "direct", None, "se remémore-t-il", "il"),
        ),
    ),
    Case(
        "found-en-next-quotation-with-an-incise-of-its-own-is-not-resumed",
        "en",
        '"We will not give in," said Paul Martin. "The reform is dead," added Claire Dubois.',
        (
            Q("We will not give in", "direct", "Paul Martin"),
            Q("The reform is dead", "direct", "Claire Dubois"),
        ),
    ),
    Case(
        "found-en-quotation-resumed-after-a-long-apposition",
        "en",
        "''This is no reform,'' said Douglas Holtz-Eakin, an economist who served as director of "
        "the Congressional Budget Office and is now president of a conservative advocacy group. "
        "''It is anti-reform.''",
        (
            Q("This is no reform", "direct", "Douglas Holtz-Eakin"),
            Q("It is anti-reform", "direct", "Douglas Holtz-Eakin"),
        ),
    ),
    Case(
        "found-en-a-verb-to-its-addressee-has-no-infinitive",
        "en",
        "“RPA bots are fast,” Saikat Ray, an analyst at Gartner, explained to TechCrunch in an "
        "interview. Ray said to reporters on Monday. Ray claimed to have seen the plan.",
        (
            Q("RPA bots are fast", "direct", "Saikat Ray"),
            Q("to have seen the plan", "indirect", "Saikat Ray"),
        ),
    ),
    Case(
        "found-en-participle-after-incise-takes-its-subject",
        "en",
        'Governor Maria Lopez spoke on Monday. "It was a difficult decision," she said, adding '
        "that the plan would be reviewed in the spring.",
        (
            Q("It was a difficult decision", "direct", "Maria Lopez", "said", "she"),
            Q(
                "the plan would be reviewed in the spring",
                "indirect",
                "Maria Lopez",
                "adding",
                "she",
            ),
        ),
    ),
    Case(
        "found-en-participle-after-a-verb-with-an-object-takes-the-subject",
        "en",
        'Mayor Tom Reyes met the residents on Monday. "We will rebuild the bridge," he told the '
        "group, adding that the work would start in May.",
        (
            Q("We will rebuild the bridge", "direct", "Tom Reyes", "told", "he"),
            Q("the work would start in May", "indirect", "Tom Reyes", "adding", "he"),
        ),
    ),
]

# Quotations found by the incise, post, object and colon readers.
FINDING = [
    Case(
        "finding-fr-incise-opened-by-an-object-pronoun",
        "fr",
        "Le député Marc Olivier a quitté la salle. « Nous ne voterons pas ce texte », lui avait "
        "dit Claire Dumont, présidente du groupe.",
        (Q("Nous ne voterons pas ce texte", "direct", "Claire Dumont", "avait dit"),),
    ),
    Case(
        "finding-fr-incise-with-an-unlisted-verb",
        "fr",
        "« On reconstruira tout », sourit Paul Garnier, maire du village. « Il faudra du "
        "temps », se remémore-t-il.",
        (
            Q("On reconstruira tout", "direct", "Paul Garnier", "sourit", "Paul Garnier"),
            Q("Il faudra du temps", "direct", "Paul Garnier", "se remémore-t-il", "il"),
        ),
    ),
    Case(
        "finding-fr-title-and-apposition-are-no-incise",
        "fr",
        "« Dune », film de Denis Villeneuve, sort mercredi en salles. « Barbie », réalisé par "
        "Greta Gerwig, aussi.",
    ),
    Case(
        "finding-fr-embedded-post-above-its-signature",
        "fr",
        "La ministre a réagi sur les réseaux sociaux.\nNous ne fermerons aucune école cette "
        "année.\n— Hélène Marty (@helenemarty) March 3, 2021\nLes syndicats restent prudents.",
        (Q("Nous ne fermerons aucune école cette année", "direct", "Hélène Marty", "—"),),
    ),
    Case(
        "finding-fr-quoted-object-after-a-quoted-apposition",
        "fr",
        "Après la réunion de dimanche soir, les syndicats, « amers », déploraient toujours des "
        "« points de blocage ».",
        (Q("des « points de blocage »", "mixed", None, "déploraient", "les syndicats"),),
    ),
    Case(
        "finding-fr-meaning-and-allowing-are-not-speech",
        "fr",
        "La baisse des taux signifie que les ménages emprunteront davantage. Le plan devrait "
        "permettre aux communes de rénover leurs écoles.",
    ),
    Case(
        "finding-fr-preposition-clause-ends-at-a-colon-quotation",
        "fr",
        "Mais pour Marc Olivier, « le budget est intenable » : « Nous irons devant le Conseil "
        "d'Etat », dénonce l'élu.",
        (
            Q("le budget est intenable", "direct", "Marc Olivier", "pour"),
            Q("Nous irons devant le Conseil d'Etat", "direct", "Marc Olivier", "dénonce"),
        ),
    ),
    Case(
        "finding-fr-infinitive-after-a-pronoun-in-a-relative-clause",
        "fr",
        "Le maire Paul Garnier, qui affirme en avoir parlé au préfet, attend toujours une réponse.",
        (Q("en avoir parlé au préfet", "indirect", "Paul Garnier", "affirme"),),
    ),
    Case(
        "finding-fr-quoted-infinitive-after-the-verb",
        "fr",
        "Le collectif de Jeanne Moreau, qui affirme « défendre les locataires », a saisi la "
        "justice.",
        (Q("défendre les locataires", "mixed", "Jeanne Moreau", "affirme"),),
    ),
    Case(
        "finding-fr-adverbial-between-commas-inside-the-verb",
        "fr",
        "Le ministre Louis Berger avait, de son côté, déclaré que le projet serait abandonné. "
        "Lors du débat, Claire Dumont avait en effet affirmé que la dette était sous contrôle.",
        (
            Q("le projet serait abandonné", "indirect", "Louis Berger"),
            Q("la dette était sous contrôle", "indirect", "Claire Dumont"),
        ),
    ),
    Case(
        "finding-fr-comparison-with-an-object-pronoun",
        "fr",
        "La réforme pénalise d'abord les plus jeunes, comme nous le raconte Hugo Perrin, "
        "étudiant à Lille.",
        (Q("La réforme pénalise d'abord les plus jeunes", "indirect", "Hugo Perrin"),),
    ),
    Case(
        "finding-fr-cataphora-after-the-paragraph-before",
        "fr",
        "La ville n'autorisera plus les trottinettes en libre-service l'an prochain.\n"
        "C'est ce qu'a annoncé Marc Olivier, adjoint à la mobilité, mercredi.",
        (
            Q(
                "La ville n'autorisera plus les trottinettes en libre-service l'an prochain",
                "indirect",
                "Marc Olivier",
            ),
        ),
    ),
    Case(
        "finding-fr-cataphora-after-a-heading-is-none",
        "fr",
        "Des tensions avec la présidence\nC'est ce qu'a annoncé Marc Olivier, adjoint à la "
        "mobilité, mercredi.",
    ),
    Case(
        "finding-fr-relative-attribution",
        "fr",
        "« On a une impression amère », a commenté Julien Faure, délégué syndical, pour qui "
        "ces trois jours de discussion n'ont « rien réglé ». Le syndicat a rencontré le "
        "directeur Paul Durand, pour qui la grève doit cesser au plus vite.",
        (
            Q("On a une impression amère", "direct", "Julien Faure"),
            Q("ces trois jours de discussion n'ont « rien réglé »", "mixed", "Julien Faure"),
            Q("la grève doit cesser au plus vite", "indirect", "Paul Durand", "pour qui"),
        ),
    ),
    Case(
        "finding-fr-reflexive-verb-with-its-pronoun",
        "fr",
        "La ministre Anne Morel s'inquiète que les écoles ferment trop tôt.",
        (Q("les écoles ferment trop tôt", "indirect", "Anne Morel", "s'inquiète"),),
    ),
    Case(
        "finding-fr-reflexive-verb-without-its-pronoun-is-no-cue",
        "fr",
        "Les taux ont encore augmenté en mars, ce qui a inquiété les marchés européens. La "
        "commune engage des travaux pour que les écoles rouvrent avant la fin de l'année. Le "
        "club de Paul Roche oppose une défense solide aux attaquants adverses, qui peinent à "
        "marquer.",
    ),
    Case(
        "finding-fr-subject-before-the-verb-is-no-incise",
        "fr",
        "En 2016, la ville avait voté une taxe sur les hôtels, mais la fraude restant forte, le "
        "tourisme a continué.",
    ),
    Case(
        "finding-fr-preposition-after-an-adverbial-attributes-the-clause-after",
        "fr",
        "Le bilan est mitigé. En sens inverse, selon le ministère du Commerce, les "
        "exportations vers la Chine soutiennent 900 000 emplois.",
        (
            Q(
                "les exportations vers la Chine soutiennent 900 000 emplois",
                "indirect",
                "ministère du Commerce",
                "selon",
            ),
        ),
    ),
    Case(
        "finding-fr-preposition-sorting-by-a-criterion-attributes-nothing",
        "fr",
        "Le prix du billet varie selon l'âge et la saison. Les horaires sont très différents "
        "selon les catégories de lignes.",
    ),
    Case(
        "finding-fr-preposition-with-the-figures-of-a-source-attributes",
        "fr",
        "Le chômage a reculé de 2 %, selon les chiffres de l'Insee.",
        (Q("Le chômage a reculé de 2 %", "indirect", "Insee", "selon"),),
    ),
    Case(
        "finding-fr-preposition-with-a-role-the-article-gave-a-name-attributes",
        "fr",
        "Le naturopathe Olivier Girard conseille de manger lentement. Le pollen peut aussi "
        "être un allié, selon le naturopathe.",
        (
            Q("manger lentement", "indirect", "Olivier Girard"),
            Q("Le pollen peut aussi être un allié", "indirect", "Olivier Girard", "selon"),
        ),
    ),
    Case(
        "finding-fr-preposition-pronoun-inside-the-clause-speaks",
        "fr",
        "Le maire Paul Girard a reçu les usagers mardi. Ces retards expliquent selon lui la "
        "colère des habitants.",
        (
            Q(
                "Ces retards expliquent selon lui la colère des habitants",
                "indirect",
                "Paul Girard",
                "selon",
                "lui",
            ),
        ),
    ),
    Case(
        "finding-fr-infinitive-opening-its-sentence-reports-nothing",
        "fr",
        "Le chômage recule depuis un an. Mais penser que cela réglera tout, c'est se leurrer.",
    ),
    Case(
        "finding-fr-infinitive-after-an-impersonal-question-reports-nothing",
        "fr",
        "Les effectifs de la mairie ont doublé : faut-il rappeler que le budget n'a pas suivi ? "
        "Mieux vaut expliquer que rien n'est encore joué.",
    ),
    Case(
        "finding-fr-quotation-ending-with-its-sentence-ends-the-clause",
        "fr",
        "La gastro-entérologue Anne Morel ajoute que le stress « aggrave les symptômes de "
        "beaucoup de maladies. » Alors mieux vaut se détendre avant chaque repas.",
        (
            Q(
                "le stress « aggrave les symptômes de beaucoup de maladies. »",
                "mixed",
                "Anne Morel",
                "ajoute",
            ),
        ),
    ),
    Case(
        "finding-fr-quoted-sentence-after-one-naming-a-person-is-theirs",
        "fr",
        "La prise de conscience est venue grâce au travail du journaliste Paul Girard. « Il "
        "fallait une voix crédible pour parler de tout cela, avec un vrai travail de "
        "vérification. »",
        (
            Q(
                "Il fallait une voix crédible pour parler de tout cela, avec un vrai travail de "
                "vérification",
                "direct",
                "Paul Girard",
                None,
            ),
        ),
    ),
    Case(
        "finding-fr-quoted-words-between-the-verb-and-its-clause",
        "fr",
        "La présidente Anne Morel a elle aussi jugé « impératif » mardi que les tensions "
        "commerciales s'apaisent.",
        (
            Q(
                "« impératif » mardi que les tensions commerciales s'apaisent",
                "mixed",
                "Anne Morel",
                "a elle aussi jugé",
            ),
        ),
    ),
    Case(
        "finding-fr-impersonal-reading-names-the-publication",
        "fr",
        "Le 24 octobre, on lit sur Le Point que le parquet a ouvert une enquête contre le "
        "directeur. Le 3 mai, on apprend dans Le Monde que le projet est abandonné.",
        (
            Q(
                "le parquet a ouvert une enquête contre le directeur",
                "indirect",
                "Le Point",
                "on lit sur",
            ),
            Q("le projet est abandonné", "indirect", "Le Monde", "on apprend dans"),
        ),
    ),
    Case(
        "finding-fr-preposition-clause-that-looks-like-an-apposition",
        "fr",
        "Pour les experts, cette unanimité scientifique est suspecte.",
        (Q("cette unanimité scientifique est suspecte", "indirect", None, "Pour", "les experts"),),
    ),
    Case(
        "finding-fr-incise-with-a-modal-before-the-speech-verb",
        "fr",
        "Le maire, Paul Vidal, a inauguré la gare mardi. « Les trains arriveront à l'heure », "
        "a-t-il voulu rassurer.",
        (
            Q(
                "Les trains arriveront à l'heure",
                "direct",
                "Paul Vidal",
                "a-t-il voulu rassurer",
                "il",
            ),
        ),
    ),
    Case(
        "finding-fr-short-mixed-clause-before-an-elided-modal-incise",
        "fr",
        "La ministre de la Culture, Anne Roux, a reconnu des travaux sans permis. Une « simple "
        "négligence », tente-t-elle d'expliquer.",
        (
            Q(
                "Une « simple négligence »",
                "mixed",
                "Anne Roux",
                "tente-t-elle d'expliquer",
                "elle",
            ),
        ),
    ),
    Case(
        "finding-fr-quoted-object-of-a-verb-whose-other-sense-takes-de",
        "fr",
        "L'agence Fitch relève toutefois le « danger grandissant » de voir la Grèce quitter la "
        "zone euro.",
        (
            Q(
                "le « danger grandissant » de voir la Grèce quitter la zone euro",
                "mixed",
                "agence Fitch",
                "relève",
            ),
        ),
    ),
    Case(
        "finding-fr-object-announcing-a-colon-quotation-is-not-one",
        "fr",
        "Quelques heures plus tard, le journal Le Canard révèle ces « raisons » : « Le fisc a "
        "saisi la commission des infractions fiscales. »",
        (Q("Le fisc a saisi la commission des infractions fiscales", "direct", "Le Canard"),),
    ),
    Case(
        "finding-fr-parsed-object-without-the-connective-before-it",
        "fr",
        "La CGT dénonce par ailleurs les « cadences infernales » imposées aux ouvriers.",
        (Q("les « cadences infernales » imposées aux ouvriers", "mixed", "CGT", "dénonce"),),
    ),
    Case(
        "finding-fr-reading-alone-written-by-the-publication-named-before",
        "fr",
        "Le 3 mars, Libération publie une enquête sur ce maire. Pierre Aubert, élu depuis 2008, "
        "est « soupçonné d'avoir favorisé des proches », peut-on lire.",
        (
            Q(
                "Pierre Aubert, élu depuis 2008, est « soupçonné d'avoir favorisé des proches »",
                "mixed",
                "Libération",
                "peut-on lire",
            ),
        ),
    ),
    Case(
        "finding-fr-gerund-after-a-reported-clause-is-a-quotation-of-its-own",
        "fr",
        "La ministre Anne Roux a déclaré que le budget serait tenu, en ajoutant que les impôts "
        "ne monteraient pas.",
        (
            Q("le budget serait tenu", "indirect", "Anne Roux", "a déclaré"),
            Q("les impôts ne monteraient pas", "indirect", "Anne Roux", "ajoutant", "Anne Roux"),
        ),
    ),
    Case(
        "finding-fr-relative-pronoun-speaks-for-its-antecedent",
        "fr",
        "Les dépôts sont visés depuis des mois par l'Ukraine, qui affirme en avoir détruit dix "
        "lors de la dernière offensive.",
        (
            Q(
                "en avoir détruit dix lors de la dernière offensive",
                "indirect",
                "Ukraine",
                "affirme",
                "Ukraine",
            ),
        ),
    ),
    Case(
        "finding-fr-relative-antecedent-before-the-sentence-subject",
        "fr",
        "Le ministre Paul Girard a reçu mardi Anne Roux, qui affirme ne pas vouloir céder avant "
        "la fin du mois.",
        (Q("ne pas vouloir céder avant la fin du mois", "indirect", "Anne Roux", "affirme"),),
    ),
    Case(
        "finding-fr-colon-quotation-of-a-relative-verb",
        "fr",
        "Les prix montent plus vite que les salaires, constate Anne Roux, économiste, qui "
        "ajoute : « Les ménages vont souffrir ».",
        (
            Q("Les prix montent plus vite que les salaires", "indirect", "Anne Roux", "constate"),
            Q("Les ménages vont souffrir", "direct", "Anne Roux", "ajoute"),
        ),
    ),
    Case(
        "finding-fr-contrasting-clause-ends-a-quoted-object",
        "fr",
        "Leur président, Paul Roche, a appelé ses troupes à « la responsabilité », tandis que le "
        "député Marc Lenoir juge la réforme « injuste ».\n",
        (
            Q("ses troupes à « la responsabilité »", "mixed", "Paul Roche", "a appelé"),
            Q("la réforme « injuste »", "mixed", "Marc Lenoir", "juge"),
        ),
    ),
    Case(
        "finding-fr-elided-role-before-a-name-gives-its-gender",
        "fr",
        "Son coordinateur, Paul Roche, affirme que « trente personnes » ont été arrêtées. "
        "« C'est inacceptable », martèle-t-il.\n\nL'opposant Tiemoko Kouyaté a qualifié ces "
        "arrestations de « dérive autoritaire ». Le chef du parti estime que la transition « a "
        "perdu toute crédibilité ».",
        (
            Q("« trente personnes » ont été arrêtées", "mixed", "Paul Roche", "affirme"),
            Q("C'est inacceptable", "direct", "Paul Roche", "martèle-t-il"),
            Q("ces arrestations de « dérive autoritaire »", "mixed", "Tiemoko Kouyaté"),
            Q(
                "la transition « a perdu toute crédibilité »",
                "mixed",
                "Tiemoko Kouyaté",
                "estime",
                "Le chef du parti",
            ),
        ),
    ),
    Case(
        "finding-fr-role-after-dont-is-another-persons",
        "fr",
        "Le ministre Paul Roche a promis « une enquête ». Kalilou Traoré, dont la fille de 19 ans "
        "a été arrêtée, ne décolère pas. « Elle n'a rien fait », raconte le père de famille.",
        (
            Q("une enquête", "direct", "Paul Roche", "a promis"),
            Q("Elle n'a rien fait", "direct", "Kalilou Traoré", "raconte", "le père de famille"),
        ),
    ),
    Case(
        "finding-fr-quoted-words-after-de-right-after-the-cue",
        "fr",
        "La ministre Anne Roux a fait état de « dégâts importants » dans plusieurs centrales. Le "
        "maire Paul Roche a parlé d'un « véritable gâchis ».",
        (
            Q(
                "de « dégâts importants » dans plusieurs centrales",
                "mixed",
                "Anne Roux",
                "a fait état",
            ),
            Q("un « véritable gâchis »", "mixed", "Paul Roche", "a parlé"),
        ),
    ),
    Case(
        # The parse hangs the lede's verb on the headline's as its clause.
        "finding-fr-headline-verb-takes-no-clause-across-the-paragraph-break",
        "fr",
        "Ukraine : Kiev réclame davantage de défense antiaérienne après une nouvelle vague de "
        "frappes\n\nLe président ukrainien Volodymyr Zelensky a exhorté vendredi ses alliés "
        "occidentaux à accélérer les livraisons de systèmes de défense antiaérienne, au "
        "lendemain de frappes russes massives.",
        (
            Q(
                "ses alliés occidentaux à accélérer les livraisons de systèmes de défense "
                "antiaérienne, au lendemain de frappes russes massives",
                "indirect",
                "Volodymyr Zelensky",
                "a exhorté",
            ),
        ),
    ),
    Case(
        "finding-fr-reflexive-pronoun-before-the-cue-is-no-part-of-its-subject",
        "fr",
        "Un habitant du quartier, rencontré devant l'arrêt de bus, se dit « soulagé ». Une "
        "voisine se dit « inquiète ».",
        (
            Q("soulagé", "direct", None, "dit", "Un habitant du quartier"),
            Q("inquiète", "direct", None, "dit", "Une voisine"),
        ),
    ),
    Case(
        "finding-fr-pronoun-after-an-organisation-phrase-subject-is-that-organisation",
        "fr",
        "Le syndicat SUD Santé dénonce « une mise en danger des patients ». La préfecture du "
        "Bas-Rhin a pris un arrêté limitant les activités en extérieur. Elle appelle la "
        "population à « la plus grande prudence ». « Le pic est attendu vendredi », précise "
        "l'établissement public.",
        (
            Q("une mise en danger des patients", "direct", "SUD Santé", "dénonce"),
            Q(
                "la population à « la plus grande prudence »",
                "mixed",
                "préfecture du Bas-Rhin",
                "appelle",
                "Elle",
            ),
            # a noun ending as adverbs do, after an elided article; not a union's kind
            Q(
                "Le pic est attendu vendredi",
                "direct",
                "établissement public",
                "précise",
                "l'établissement public",
            ),
        ),
    ),
    Case(
        # The parse hangs the quoted attribute as an adverbial clause, words after it.
        "finding-fr-quoted-attribute-of-se-dire-followed-by-an-adjunct",
        "fr",
        "Le négociateur du patronat, Paul Roche, s'est dit « convaincu qu'un compromis reste "
        "possible » d'ici la fin du mois.",
        (
            Q(
                "« convaincu qu'un compromis reste possible » d'ici la fin du mois",
                "mixed",
                "Paul Roche",
            ),
        ),
    ),
    Case(
        "finding-fr-role-no-one-was-introduced-with-goes-on-with-an-unnamed-speaker",
        "fr",
        "Anne Roux, 71 ans, a rouvert son cabinet à Guéret. Une patiente, rencontrée en salle "
        "d'attente, se dit « soulagée ». « Sans elle, je devrais faire 60 kilomètres », confie "
        "la retraitée.",
        (
            Q("soulagée", "direct", None, "dit", "Une patiente"),
            Q("Sans elle, je devrais faire 60 kilomètres", "direct", None, "confie"),
        ),
    ),
    Case(
        "finding-fr-coordinated-speech-verb-ends-the-reported-clause",
        "fr",
        "La médecin Anne Roux reconnaît être « parfois fatiguée », mais assure ne rien regretter.",
        (
            Q("être « parfois fatiguée »", "mixed", "Anne Roux", "reconnaît"),
            Q("ne rien regretter", "indirect", "Anne Roux", "assure"),
        ),
    ),
    Case(
        "finding-fr-ce-dernier-is-the-person-named-last",
        "fr",
        "Le ministre Paul Roche a reçu mardi la syndicaliste Anne Roux. Cette dernière a affirmé "
        "que les salariés étaient « à bout ». Selon ce dernier, la grève est « illégale ».",
        (
            Q(
                "les salariés étaient « à bout »",
                "mixed",
                "Anne Roux",
                "a affirmé",
                "Cette dernière",
            ),
            Q("la grève est « illégale »", "mixed", "Paul Roche", "Selon", "ce dernier"),
        ),
    ),
    Case(
        "finding-fr-trade-noun-after-a-en-croire-names-the-person-introduced",
        "fr",
        "Son entraîneur, Paul Roche, s'est montré moins enthousiaste. À en croire le technicien "
        "italien, son équipe manque encore « de maturité ».",
        (
            Q(
                "son équipe manque encore « de maturité »",
                "mixed",
                "Paul Roche",
                "À en croire",
                "le technicien italien",
            ),
        ),
    ),
    Case(
        # se présenter reports speech with its pronoun only
        "finding-fr-ordering-and-describing-oneself-report-speech",
        "fr",
        "Le candidat Paul Roche se présentait comme « l'homme qui ferait gagner le pays ». "
        "L'armée nous a ordonné d'évacuer le quartier avant la nuit. Le ministre se présente "
        "aux élections.",
        (
            Q("comme « l'homme qui ferait gagner le pays »", "mixed", "Paul Roche", "présentait"),
            Q("évacuer le quartier avant la nuit", "indirect", "armée", "a ordonné"),
        ),
    ),
    Case(
        # the organisation in a person's role is no subject il/elle goes on with
        "finding-fr-organisation-inside-a-role-subject-is-no-subject-of-its-own",
        "fr",
        "À gauche, Anne Roux a salué une décision « conforme au droit ». La secrétaire nationale "
        "des Écologistes a toutefois mis en garde contre « toute récupération ». Elle estime que "
        "le débat doit désormais porter sur le fond.",
        (
            Q("une décision « conforme au droit »", "mixed", "Anne Roux", "a salué"),
            Q("« toute récupération »", "mixed", "Anne Roux"),
            Q("le débat doit désormais porter sur le fond", "indirect", "Anne Roux", "estime"),
        ),
    ),
    Case(
        "finding-fr-where-it-was-said-is-no-part-of-a-subject-after-the-verb",
        "fr",
        "« Les investigations se poursuivent », a indiqué le parquet de Lyon dans un communiqué. "
        "« Nous ne céderons pas », a déclaré le ministre sur BFMTV.",
        (
            Q(
                "Les investigations se poursuivent",
                "direct",
                "parquet de Lyon",
                "a indiqué",
                "le parquet de Lyon",
            ),
            Q("Nous ne céderons pas", "direct", "ministre", "a déclaré", "le ministre"),
        ),
    ),
    Case(
        # a subject carrying a relative clause, then its verb: no incise; a company is no
        # institute the article named
        "finding-fr-subject-with-a-relative-before-its-verb-is-no-reported-clause",
        "fr",
        "Le président Paul Roche, qui s'est rendu sur place lundi, a promis l'aide du "
        "gouvernement fédéral. Il a estimé que les constructions devaient cesser. D'après "
        "l'Institut national de météorologie, il est tombé 600 millimètres de pluie. La "
        "compagnie d'électricité locale a indiqué que 50 000 foyers étaient privés de courant.",
        (
            Q("les constructions devaient cesser", "indirect", "Paul Roche", "a estimé"),
            Q(
                "il est tombé 600 millimètres de pluie",
                "indirect",
                "Institut national de météorologie",
                "D'après",
            ),
            Q(
                "50 000 foyers étaient privés de courant",
                "indirect",
                "compagnie d'électricité locale",
                "a indiqué",
            ),
        ),
    ),
    Case(
        "finding-fr-name-in-apposition-after-a-rank-speaks",
        "fr",
        "« Le feu n'est pas fixé », a expliqué leur porte-parole, le commandant Paul Roche.",
        (Q("Le feu n'est pas fixé", "direct", "Paul Roche", "a expliqué", "Paul Roche"),),
    ),
    Case(
        # the description's demonym is the person's country from then on
        "finding-fr-country-of-a-description-tells-two-holders-of-a-role-apart",
        "fr",
        "Son entraîneur, Paolo Rossi, s'est montré déçu. À en croire le technicien italien, son "
        "équipe manque encore « de maturité ». « On méritait de gagner », a réagi Marc Lenoir. "
        "L'entraîneur belge a aussi pointé « un arbitrage discutable ».",
        (
            Q("son équipe manque encore « de maturité »", "mixed", "Paolo Rossi"),
            Q("On méritait de gagner", "direct", "Marc Lenoir", "a réagi"),
            Q("un arbitrage discutable", "direct", "Marc Lenoir", "a aussi pointé"),
        ),
    ),
    Case(
        # "du" is "de le": the phrase it opens is definite and names the person introduced
        "finding-fr-attribution-ending-in-a-fused-article-and-de-l-aveu",
        "fr",
        "Le président du club, Paul Roche, a salué « l'état d'esprit » de ses joueurs. Aux yeux "
        "du dirigeant espagnol, ce point « peut valoir très cher ». De l'aveu même du gardien "
        "Marc Lenoir, ses coéquipiers ont « manqué de lucidité ».",
        (
            Q("« l'état d'esprit » de ses joueurs", "mixed", "Paul Roche", "a salué"),
            Q("ce point « peut valoir très cher »", "mixed", "Paul Roche", "Aux yeux du"),
            Q(
                "ses coéquipiers ont « manqué de lucidité »",
                "mixed",
                "Marc Lenoir",
                "De l'aveu même du",
            ),
        ),
    ),
    Case(
        # the model reads "Elle" as the determiner of "juge", taken for a noun
        "finding-fr-coordinated-verb-shares-a-pronoun-the-parse-read-as-a-determiner",
        "fr",
        "Sa principale rivale, Anne Roux, présidente de la métropole, a aussitôt réagi. Elle "
        "juge ce programme « irréaliste » et accuse le maire de « découvrir la sécurité à six "
        "mois du scrutin ». « Nous, nous avons déjà installé 500 caméras », assure-t-elle.",
        (
            Q("ce programme « irréaliste »", "mixed", "Anne Roux", "juge"),
            Q(
                "le maire de « découvrir la sécurité à six mois du scrutin »",
                "mixed",
                "Anne Roux",
                "accuse",
                "Elle",
            ),
            Q("Nous, nous avons déjà installé 500 caméras", "direct", "Anne Roux"),
        ),
    ),
    Case(
        "finding-fr-general-noun-of-elected-people-is-the-deputy-introduced",
        "fr",
        "Marc Lenoir n'a pas pris la parole depuis lundi. Le député Paul Roche juge la réforme "
        "« injuste ». « Je ne voterai pas ce texte », a répété l'élu du Lot.",
        (
            Q("la réforme « injuste »", "mixed", "Paul Roche", "juge"),
            Q("Je ne voterai pas ce texte", "direct", "Paul Roche", "a répété", "l'élu du Lot"),
        ),
    ),
]

CASES = [
    *STYLES,
    *INCISES,
    *INDIRECT,
    *MIXED,
    *SPEAKERS,
    *CONTINUATIONS,
    *NEGATIVES,
    *PARSED,
    *CONSTRUCTIONS,
    *SALIENCE,
    *FOUND,
    *FINDING,
]
WITH_QUOTES = [case for case in CASES if case.quotes]


def params(cases: list[Case]) -> list[object]:
    return [pytest.param(case, id=case.id) for case in cases]


@pytest.fixture(scope="module")
def analyzer() -> Iterator[Analyzer]:
    yield Analyzer(Settings())


def analyzed(analyzer: Analyzer, case: Case) -> Analysis:
    article = Article(
        id=article_id(case.text),
        text=case.text,
        title=None,
        published=None,
        language=case.language,
    )
    return analyzer.analyze_one(article)


# --- the table, checked -------------------------------------------------------------------


def test_quote_table_ids_are_unique() -> None:
    ids = [case.id for case in CASES]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("case", params(CASES))
def test_quotes_text_kind_and_speaker(analyzer: Analyzer, case: Case) -> None:
    found = analyzed(analyzer, case).quotes
    assert main_fields(found) == expected_main_fields(case)


@pytest.mark.parametrize("case", params(WITH_QUOTES))
def test_quotes_cue_and_speaker_mention(analyzer: Analyzer, case: Case) -> None:
    found = analyzed(analyzer, case).quotes
    assert len(found) == len(case.quotes), main_fields(found)
    seen, wanted = [], []
    for quote, expected in zip(found, case.quotes, strict=True):
        if expected.cue is not UNCHECKED:
            seen.append(("cue", quote.cue))
            wanted.append(("cue", expected.cue))
        if expected.mention is not UNCHECKED:
            seen.append(("mention", quote.speaker_mention))
            wanted.append(("mention", expected.mention))
    assert seen == wanted


@pytest.mark.parametrize("case", params(WITH_QUOTES))
def test_quotes_offsets_point_at_their_characters(analyzer: Analyzer, case: Case) -> None:
    found = analyzed(analyzer, case).quotes
    assert found, "no quotation found"
    text = case.text
    for quote in found:
        assert 0 <= quote.start < quote.end <= len(text)
        assert text[quote.start : quote.end] == quote.text
        assert quote.text == quote.text.strip()
        if quote.cue is not None:
            assert quote.cue_start is not None and quote.cue_end is not None
            assert text[quote.cue_start : quote.cue_end] == quote.cue
        if quote.speaker_mention is not None:
            assert quote.speaker_start is not None and quote.speaker_end is not None
            assert text[quote.speaker_start : quote.speaker_end] == quote.speaker_mention
    assert [q.start for q in found] == sorted(q.start for q in found)


@pytest.mark.parametrize("case", params(WITH_QUOTES))
def test_quotes_speaker_id_names_the_speaker_entity(analyzer: Analyzer, case: Case) -> None:
    analysis = analyzed(analyzer, case)
    assert analysis.quotes, "no quotation found"
    names = {entity.id: entity.name for entity in analysis.entities}
    for quote in analysis.quotes:
        if quote.speaker_id is not None:
            assert names.get(quote.speaker_id) == quote.speaker
        if quote.speaker is None:
            assert quote.speaker_id is None


# --- the seed -----------------------------------------------------------------------------

SEED_KINDS = [
    "mixed", "mixed", "direct", "direct", "direct", "direct",
    "mixed", "mixed", "mixed", "mixed", "direct",
]  # fmt: skip

# A distinctive piece of each of the seed's eleven quotations, in text order.
SEED_PIECES = [
    'craignait "d\'autres atrocités" en Ukraine',
    '"les images horribles de civils assassinés à Bucha et ailleurs"',
    "je crains qu'ils ne voient plus de fosses communes",
    "Moscou ne renonce pas à ses ambitions en Ukraine",
    "nous nous attendons à une nouvelle poussée russe",
    "C'est une phase cruciale de la guerre",
    "d'un soutien militaire plus avancés",
    "\"des javelots et d'autres armes antichars",
    "plus nous pouvons fournir de force aux forces armées ukrainiennes",
    "n'était pas une opération de l'OTAN",
    "plus des deux tiers des alliés fournissent",
]


@pytest.fixture(scope="module")
def seed_quotes(analyzer: Analyzer, seed_path: Path) -> tuple[Quote, ...]:
    raw = RawDocument(seed_path.read_bytes(), Origin(path=str(seed_path)), "text")
    article = extract_one(raw, Settings())
    assert article.language == "fr"
    return analyzer.analyze_one(article).quotes


def test_seed_has_eleven_quotations_of_the_expected_kinds(
    seed_quotes: tuple[Quote, ...],
) -> None:
    assert [q.kind for q in seed_quotes] == SEED_KINDS


def test_seed_quotations_hold_their_words_in_order(seed_quotes: tuple[Quote, ...]) -> None:
    assert len(seed_quotes) == len(SEED_PIECES)
    for quote, piece in zip(seed_quotes, SEED_PIECES, strict=True):
        assert piece in quote.text, (piece, quote.text)


def test_seed_speakers_are_stoltenberg_then_smith(seed_quotes: tuple[Quote, ...]) -> None:
    assert [q.speaker for q in seed_quotes] == ["Jens Stoltenberg"] * 9 + ["Julianne Smith"] * 2


def test_seed_pronoun_incises_keep_their_cue_and_mention(seed_quotes: tuple[Quote, ...]) -> None:
    assert len(seed_quotes) == 11
    # The four « a-t-il déclaré » incises (three direct quotes and the mixed one on weapons).
    assert [(seed_quotes[i].cue, seed_quotes[i].speaker_mention) for i in (2, 4, 5, 7)] == [
        ("a-t-il déclaré", "il")
    ] * 4
    assert (seed_quotes[10].cue, seed_quotes[10].speaker_mention) == ("a-t-elle déclaré", "elle")


def test_seed_named_speakers_keep_their_mention(seed_quotes: tuple[Quote, ...]) -> None:
    assert len(seed_quotes) == 11
    assert [(seed_quotes[i].cue, seed_quotes[i].speaker_mention) for i in (0, 3, 9)] == [
        ("a déclaré", "Jens Stoltenberg"),
        ("a déclaré", "Stoltenberg"),
        ("a déclaré", "Julianne Smith"),
    ]


# --- a language without a lexicon ---------------------------------------------------------


def test_quotes_language_without_lexicon_still_yields_direct_quotes() -> None:
    # No Dutch pipeline is configured, so the extractor is called on the text alone.
    text = (
        "„We moeten de dijken sneller versterken”, zei minister Jan de Vries dinsdag in Den "
        "Haag. „Het water stijgt sneller dan verwacht.”"
    )
    found = find_quotes(text, "nl", ())
    assert [(normalized(q.text), q.kind) for q in found] == [
        ("We moeten de dijken sneller versterken", "direct"),
        ("Het water stijgt sneller dan verwacht", "direct"),
    ]
    for quote in found:
        assert text[quote.start : quote.end] == quote.text


def test_quotes_whole_quoted_object_is_direct_without_its_marks(analyzer: Analyzer) -> None:
    # The object a verb governs is all quoted, a coordinate verb after it: the quoted words.
    # An adverbial phrase may stand between the auxiliary and the verb.
    case = Case(
        "whole-object",
        "fr",
        "Le ministre Paul Roche a dénoncé « une décision inacceptable » et a quitté la salle. "
        "Le syndicat a de son côté dénoncé « un passage en force » et a appelé à la grève.",
    )
    found = [(q.text, q.kind, q.cue) for q in analyzed(analyzer, case).quotes]
    assert found == [
        ("une décision inacceptable", "direct", "a dénoncé"),
        ("un passage en force", "direct", "a de son côté dénoncé"),
    ]
