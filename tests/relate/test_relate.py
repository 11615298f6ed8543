"""Copies, signals and statement wordings as pure functions of texts we wrote."""

from __future__ import annotations

import pytest

from newsdesk.records import Article, Source
from newsdesk.relate import fingerprint as fp
from newsdesk.relate.signals import language_mismatch, script_of, wire_credits
from newsdesk.relate.statements import QuoteRef, wording

BASE = (
    "The harbour authority of Port Meridian closed the northern quay on Monday after a crane "
    "collapsed onto two container ships during a storm that brought winds of 140 kilometres an "
    "hour. Nobody was hurt, the authority said, but 38 containers fell into the water and divers "
    "spent the afternoon searching the basin for leaking fuel.\n\n"
    "Engineers from the company that built the crane arrived in the evening to inspect the "
    "remaining structures along the quay, which handles a third of the port's traffic. Shipping "
    "lines were told to divert their vessels to the southern terminal until Thursday at least.\n\n"
    "Local fishermen said the storm was the strongest they had seen in twenty years, and the "
    "town council announced an emergency meeting for Tuesday morning to discuss the damage."
)
OTHER = (
    "A small bakery in the old town of Vellmar won the national bread competition on Sunday with "
    "a sourdough loaf fermented for three days, beating 214 entries from across the country. The "
    "owner, who opened the shop with her brother eleven years ago, said the recipe came from her "
    "grandmother and that the prize money would pay for a second oven and an apprentice."
)


def test_a_copy_with_other_boilerplate_and_a_cut_is_a_copy() -> None:
    copy = (
        "Share this story | Subscribe to our newsletter\n\n"
        + "\n\n".join(BASE.split("\n\n")[:2])
        + "\n\nAll rights reserved. Reproduction prohibited."
    )
    a, b = fp.fingerprint(BASE), fp.fingerprint(copy)
    assert fp.is_copy(a, b)
    assert fp.share(a, b) > 0.8
    assert fp.jaccard(a, b) < fp.share(a, b)  # the cut lowers Jaccard, not the share


def test_different_articles_are_not_copies() -> None:
    assert not fp.is_copy(fp.fingerprint(BASE), fp.fingerprint(OTHER))
    assert fp.share(fp.fingerprint(BASE), fp.fingerprint(OTHER)) < 0.1


def test_texts_too_short_are_never_copies() -> None:
    short = fp.fingerprint("Le ministre a démissionné.")
    assert not fp.is_copy(short, short)


def test_copies_share_an_lsh_band_and_strangers_do_not() -> None:
    copy = BASE.replace("Monday", "Monday morning").replace("Nobody", "No one")
    assert set(fp.band_keys(fp.fingerprint(BASE))) & set(fp.band_keys(fp.fingerprint(copy)))
    assert not set(fp.band_keys(fp.fingerprint(BASE))) & set(fp.band_keys(fp.fingerprint(OTHER)))


# A text of more shingles than the signature reads at once.
LONG = " ".join(f"{word}{i % 7}" for i, word in enumerate((BASE + OTHER).split() * 8))


@pytest.mark.parametrize("text", [BASE, OTHER, LONG, "Le ministre a démissionné.", "", "Ω"])
def test_a_signature_is_the_one_datasketch_gives(text: str) -> None:
    import numpy as np
    from datasketch import MinHash

    reference = MinHash(num_perm=fp.NUM_PERM, seed=1, hashfunc=int)
    reference.update_batch(fp.shingles(text))
    expected = np.asarray(reference.hashvalues, dtype=np.uint32).tobytes()
    assert fp.fingerprint(text).signature == expected


def test_the_lsh_bands_are_datasketchs_choice_for_the_threshold() -> None:
    from datasketch.lsh import _optimal_param

    assert fp.bands() == _optimal_param(fp.LSH_THRESHOLD, fp.NUM_PERM, 0.5, 0.5)


def test_a_fingerprint_computed_ahead_is_taken_for_its_own_text_only() -> None:
    from dataclasses import replace

    from newsdesk.records import Analysis

    article = Article(id="a", text=BASE, title=None, published=None, language="en")
    ready = fp.prepared(Analysis(article))
    assert ready.prepared is not None
    assert ready == Analysis(article)  # no part of the record
    assert fp.of_analysis(ready) == fp.fingerprint(BASE)
    # Carried over to another text (a record rebuilt from it), it is computed again.
    other = replace(ready, article=replace(article, text=OTHER))
    assert fp.of_analysis(other) == fp.fingerprint(OTHER)
    taken = replace(ready.prepared, signature=bytes(len(ready.prepared.signature)))
    assert fp.of_analysis(replace(ready, prepared=taken)).signature == taken.signature


@pytest.mark.parametrize(
    ("text", "agency"),
    [
        ("PARIS (AFP) - Le gouvernement a annoncé mardi une réforme.", "AFP"),
        ("WASHINGTON (Reuters) - The Senate voted on Tuesday.", "Reuters"),
        ("Le texte de l'article.\n\nAvec AFP", "AFP"),
        ("The article's text.\n\nSource: Belga", "Belga"),
        ("Berlin. Die Regierung hat beschlossen… (dpa)", "dpa"),
        ("The storm hit the coast, according to the Associated Press, on Sunday.", "AP"),
        ("Le texte.\n\n© Agence France-Presse", "AFP"),
    ],
)
def test_wire_credits_name_the_agency_with_their_evidence(text: str, agency: str) -> None:
    (found,) = wire_credits(text)
    assert found.value == agency
    assert found.start is not None and found.end is not None
    assert text[found.start : found.end] in found.evidence


@pytest.mark.parametrize(
    "text",
    [
        "The AP exam results were published on Monday.",  # a bare short form is no credit
        "Reuters and AFP were both denied access to the court, the judge said.",
    ],
)
def test_agency_names_outside_a_credit_are_not_credits(text: str) -> None:
    assert wire_credits(text) == []


def test_a_french_text_on_a_site_named_in_arabic_is_flagged() -> None:
    article = Article("x", "Le texte.", None, None, "fr", source=Source(name="جرأة.اونلاين"))
    found = language_mismatch(article)
    assert found is not None and found.value == "fr" and "arabic" in found.evidence


def test_a_french_text_on_a_site_named_in_latin_letters_is_not_flagged() -> None:
    article = Article("x", "Le texte.", None, None, "fr", source=Source("Le Soir"))
    assert language_mismatch(article) is None
    assert script_of("Правда") == "CYRILLIC"


def _ref(text: str, language: str = "en", speaker: str = "k", **kw: object) -> QuoteRef:
    return QuoteRef("a", 0, text, speaker, "Jo Smith", language, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("first", "other", "kind"),
    [
        ("We will rebuild the quay by June.", "We will rebuild the quay by June!", "exact"),
        (
            "We will rebuild the quay by June, and we will pay for every lost container.",
            "we will rebuild the quay by June, and we will pay for every lost",
            "trimmed",
        ),
        (
            "We will rebuild the northern quay by June and pay for every lost container.",
            "We will rebuild the quay by June and we shall pay for the containers.",
            "paraphrased",
        ),
    ],
)
def test_wordings_of_one_statement(first: str, other: str, kind: str) -> None:
    found = wording(_ref(first), _ref(other))
    assert found is not None and found.kind == kind


def test_another_speaker_or_other_words_are_another_statement() -> None:
    same_words = _ref("We will rebuild the quay.", speaker="z")
    assert wording(_ref("We will rebuild the quay."), same_words) is None
    assert (
        wording(_ref("We will rebuild the quay by June."), _ref("Prices rose again in May."))
        is None
    )


WORDINGS = [
    "We will rebuild the quay by June, and we will pay for every lost container.",
    "we will rebuild the quay by June, and we will pay for every lost",
    "We will rebuild the quay by June and we shall pay for the containers.",
    "The quay, the quay and the quay again: we will rebuild it by June.",
    "Prices rose again in May.",
    "",
]


@pytest.mark.parametrize("first", WORDINGS)
@pytest.mark.parametrize("other", WORDINGS)
def test_two_quotations_in_one_language_are_worded_from_their_texts_alone(
    first: str, other: str
) -> None:
    from newsdesk.relate.statements import same_language

    # What the writer compares earlier quotations with: no record made for each of them.
    assert same_language(first, other) == wording(_ref(first), _ref(other))
    assert same_language(first, other) == wording(_ref(first, None), _ref(other))


def test_words_in_common_count_repeats_up_to_the_fewer_of_the_two() -> None:
    from collections import Counter

    from newsdesk.relate.statements import _in_common

    a = Counter(["the", "quay", "the", "quay", "the", "port"])
    b = Counter(["the", "quay", "and", "the", "town"])
    assert _in_common(a, b) == _in_common(b, a) == sum((a & b).values()) == 3
    assert _in_common(a, Counter()) == 0


def test_the_entities_of_a_quotation_are_those_named_wholly_inside_it() -> None:
    from newsdesk.records import Analysis, Entity, Mention, Quote
    from newsdesk.relate.statements import quote_refs

    text = 'Vellmar: "Port Meridian owes Vellmar 214 loaves," said Mara Ellison of Vellmar.'
    start, end = text.index("Port"), text.index(',"')

    def named(entity_id: str, name: str, label: str, *spans: int) -> Entity:
        return Entity(entity_id, name, label, tuple(Mention(s, s + len(name), name) for s in spans))

    town = named("t", "Vellmar", "LOC", 0, text.index("Vellmar 214"), text.rindex("Vellmar"))
    port = named("p", "Port Meridian", "LOC", start)
    ellison = named("m", "Mara Ellison", "PER", text.index("Mara"))
    cut = named("c", "Meridian owes Vellmar 214 loaves,", "MISC", text.index("Meridian"))
    said = Quote(text[start:end], start, end, "direct", speaker="Mara Ellison", speaker_id="p")
    article = Article(id="a", text=text, title=None, published="2026-03-02", language="en")
    (ref,) = quote_refs(Analysis(article, quotes=(said,), entities=(town, port, ellison, cut)))
    # Vellmar is named inside (and outside); the port is the speaker's id; the last name
    # runs past the quotation's end; Mara Ellison is named after it.
    assert ref.entities == frozenset({"t"})
    assert ref.numbers == frozenset({"214"})
