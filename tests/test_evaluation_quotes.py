"""The quotation metric: coverage of the gold span, greedy one-to-one pairs, speaker rules."""

from __future__ import annotations

import pytest

from newsdesk.evaluation import (
    LENIENT,
    STRICT,
    GoldQuote,
    PredictedQuote,
    QuoteScores,
    compare_quotes,
    coverage,
    same_speaker,
    score_quotes,
)
from newsdesk.records import Quote

HUNDRED = GoldQuote(((0, 100),), "Jens Stoltenberg")


def matched(predicted: list[PredictedQuote], gold: list[GoldQuote], threshold: float) -> int:
    return compare_quotes(predicted, gold, threshold).scores.matched


# --- coverage thresholds --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("end", "lenient", "strict"),
    [
        (29, 0, 0),
        (30, 1, 0),
        (31, 1, 0),
        (79, 1, 0),
        (80, 1, 1),
        (81, 1, 1),
    ],
    ids=["29%", "30%", "31%", "79%", "80%", "81%"],
)
def test_quote_matches_when_shared_characters_cover_enough_of_gold(
    end: int, lenient: int, strict: int
) -> None:
    predicted = [PredictedQuote(0, end)]

    assert matched(predicted, [HUNDRED], LENIENT) == lenient
    assert matched(predicted, [HUNDRED], STRICT) == strict


def test_quote_coverage_is_of_gold_span_so_a_longer_prediction_still_matches() -> None:
    assert matched([PredictedQuote(0, 1000)], [HUNDRED], STRICT) == 1


def test_quote_coverage_counts_only_shared_characters_of_an_offset_prediction() -> None:
    # 50..150 shares 50 characters with 0..100.
    assert coverage(50, 150, [(0, 100)]) == 0.5
    assert matched([PredictedQuote(50, 150)], [HUNDRED], LENIENT) == 1
    assert matched([PredictedQuote(50, 150)], [HUNDRED], STRICT) == 0


def test_quote_without_shared_characters_never_matches() -> None:
    assert coverage(100, 200, [(0, 100)]) == 0.0
    assert matched([PredictedQuote(100, 200)], [HUNDRED], 0.0) == 0


# --- discontinuous gold ---------------------------------------------------------------------

SPLIT = GoldQuote(((0, 40), (60, 100)))


def test_discontinuous_gold_counts_characters_of_the_union_of_its_ranges() -> None:
    assert coverage(0, 40, SPLIT.spans) == 0.5
    assert matched([PredictedQuote(0, 40)], [SPLIT], LENIENT) == 1
    assert matched([PredictedQuote(0, 40)], [SPLIT], STRICT) == 0


def test_discontinuous_gold_gap_is_not_required_in_the_prediction() -> None:
    assert coverage(0, 100, SPLIT.spans) == 1.0


def test_discontinuous_gold_gap_alone_covers_nothing() -> None:
    assert coverage(40, 60, SPLIT.spans) == 0.0


def test_overlapping_gold_ranges_are_counted_once() -> None:
    assert coverage(0, 50, [(0, 100), (20, 60)]) == 0.5


# --- one-to-one greedy pairs ----------------------------------------------------------------


def test_gold_pairs_with_the_prediction_covering_it_most() -> None:
    found = compare_quotes([PredictedQuote(0, 50), PredictedQuote(0, 90)], [HUNDRED])

    assert [(p.gold, p.predicted, p.coverage) for p in found.pairs] == [(0, 1, 0.9)]
    assert found.spurious == (0,)


def test_one_prediction_matches_at_most_one_gold_quote() -> None:
    gold = [GoldQuote(((0, 50),)), GoldQuote(((50, 100),))]

    found = compare_quotes([PredictedQuote(0, 100)], gold)

    assert found.scores.matched == 1
    assert found.missed == (1,)


def test_greedy_pairs_take_highest_coverage_first_not_the_best_total() -> None:
    # Prediction 0 covers both gold quotes fully and is taken by the first; prediction 1 covers
    # only the first gold quote, already taken, so the second gold quote stays missed.
    gold = [GoldQuote(((0, 100),)), GoldQuote(((100, 200),))]

    found = compare_quotes([PredictedQuote(0, 200), PredictedQuote(0, 60)], gold)

    assert [(p.gold, p.predicted) for p in found.pairs] == [(0, 0)]
    assert (found.missed, found.spurious) == ((1,), (1,))


def test_two_predictions_on_one_gold_count_one_match_and_one_false_positive() -> None:
    scores = compare_quotes([PredictedQuote(0, 100), PredictedQuote(0, 100)], [HUNDRED]).scores

    assert (scores.matched, scores.precision, scores.recall) == (1, 0.5, 1.0)


# --- precision, recall, F1, micro sums --------------------------------------------------------


def test_scores_are_micro_sums_over_documents() -> None:
    one = ([PredictedQuote(0, 100)], [HUNDRED])
    four_missed = ([], [GoldQuote(((0, 10),)), GoldQuote(((20, 30),)), GoldQuote(((40, 50),))])

    scores = score_quotes([one, four_missed])

    assert (scores.gold, scores.predicted, scores.matched) == (4, 1, 1)
    assert scores.recall == 0.25  # a mean of per-document recalls would be 0.5
    assert scores.precision == 1.0
    assert scores.f1 == pytest.approx(0.4)


@pytest.mark.parametrize(
    ("predicted", "gold", "expected"),
    [
        ([], [], (0, 0, 0, 0.0, 0.0, 0.0)),
        ([], [HUNDRED], (1, 0, 0, 0.0, 0.0, 0.0)),
        ([PredictedQuote(0, 100)], [], (0, 1, 0, 0.0, 0.0, 0.0)),
    ],
    ids=["nothing at all", "nothing predicted", "nothing to find"],
)
def test_empty_sides_score_zero(
    predicted: list[PredictedQuote],
    gold: list[GoldQuote],
    expected: tuple[int, int, int, float, float, float],
) -> None:
    s = score_quotes([(predicted, gold)])

    assert (s.gold, s.predicted, s.matched, s.precision, s.recall, s.f1) == expected
    assert s.speaker_accuracy == 0.0


def test_gold_quote_without_characters_is_never_matched() -> None:
    found = compare_quotes([PredictedQuote(0, 10)], [GoldQuote(((5, 5),))], 0.0)

    assert found.missed == (0,)


def test_scores_add_up_field_by_field() -> None:
    total = QuoteScores(2, 3, 1, 1, 0) + QuoteScores(1, 1, 1, 0, 1)

    assert total == QuoteScores(gold=3, predicted=4, matched=2, speaker_correct=1, source_correct=1)
    assert total.as_dict()["f1"] == pytest.approx(2 * (2 / 4) * (2 / 3) / (2 / 4 + 2 / 3))


# --- speakers -------------------------------------------------------------------------------

TWO_SMITHS = ["Julianne Smith", "Adam Smith", "Jens Stoltenberg"]


@pytest.mark.parametrize(
    ("predicted", "gold", "names", "same"),
    [
        ("Jens Stoltenberg", "Jens Stoltenberg", [], True),
        ("JENS STOLTENBERG", "jens stoltenberg", [], True),
        ("Emmanuel Macron", "Emmanuel Macron", [], True),
        ("Elisabeth Borne", "Élisabeth Borne", [], True),
        ("Jean-Yves Le Drian", "Jean Yves Le Drian", [], True),
        (None, None, [], True),
        (None, "Jens Stoltenberg", [], False),
        ("Jens Stoltenberg", None, [], False),
        ("Julianne Smith", "Jens Stoltenberg", [], False),
        ("Stoltenberg", "Jens Stoltenberg", ["Jens Stoltenberg", "Julianne Smith"], True),
        ("stoltenberg", "Jens Stoltenberg", [], True),
        ("Jens Stoltenberg", "Stoltenberg", [], True),
        ("Smith", "Julianne Smith", TWO_SMITHS, False),
        ("Smith", "Julianne Smith", ["Julianne Smith"], True),
        ("Jens", "Jens Stoltenberg", [], False),
        ("Le Pen", "Marine Le Pen", ["Marine Le Pen"], True),
        ("Le Pen", "Marine Le Pen", ["Marine Le Pen", "Jean-Marie Le Pen"], False),
        ("Pen", "Marine Le Pen", [], True),
        ("le gouvernement", "Gouvernement", [], True),
        ("The White House", "White House", [], True),
        ("OMS", "Organisation mondiale de la santé (OMS)", [], True),
        ("Organisation mondiale de la santé", "Organisation mondiale de la santé (OMS)", [], True),
        ("OTAN", "Organisation mondiale de la santé (OMS)", [], False),
        ("Lens", "Les Lens", [], True),
    ],
    ids=[
        "same name",
        "case",
        "same again",
        "accents",
        "dash",
        "both none",
        "predicted none",
        "gold none",
        "other person",
        "surname of the one Stoltenberg",
        "lower-case surname",
        "gold surname, predicted full name",
        "surname shared by two people",
        "surname of the one Smith",
        "first name alone",
        "two-word surname",
        "two-word surname shared",
        "last word of a two-word surname",
        "leading article, French",
        "leading article, English",
        "acronym of a name given with it",
        "long form of a name given with its acronym",
        "another acronym",
        "an article is only a leading word",
    ],
)
def test_same_speaker(
    predicted: str | None, gold: str | None, names: list[str], same: bool
) -> None:
    assert same_speaker(predicted, gold, names) is same


def test_speaker_ambiguity_comes_from_both_sides_of_the_document() -> None:
    # The article's gold names Julianne Smith only; the prediction also names an Adam Smith
    # elsewhere, so a bare "Smith" no longer points to one person.
    gold = [GoldQuote(((0, 10),), "Julianne Smith"), GoldQuote(((20, 30),), "Julianne Smith")]
    alone = [PredictedQuote(0, 10, "Smith"), PredictedQuote(20, 30, "Julianne Smith")]
    shared = [PredictedQuote(0, 10, "Smith"), PredictedQuote(20, 30, "Adam Smith")]

    assert compare_quotes(alone, gold).scores.speaker_correct == 2
    assert compare_quotes(shared, gold).scores.speaker_correct == 0


def test_speaker_accuracy_is_a_share_of_matched_pairs_only() -> None:
    gold = [HUNDRED, GoldQuote(((200, 300),), "Julianne Smith")]
    predicted = [PredictedQuote(0, 100, "Stoltenberg"), PredictedQuote(500, 600, "Julianne Smith")]

    scores = compare_quotes(predicted, gold).scores

    assert (scores.matched, scores.speaker_correct, scores.speaker_accuracy) == (1, 1, 1.0)


# --- source mentions ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("speaker_span", "source_spans", "same"),
    [
        ((110, 112), ((110, 112),), True),
        ((105, 111), ((110, 120),), True),
        ((100, 110), ((110, 120),), False),
        ((110, 112), ((0, 2), (110, 112)), True),
        (None, ((110, 112),), False),
        ((110, 112), (), False),
        (None, (), True),
    ],
    ids=[
        "same span",
        "partial overlap",
        "touching only",
        "one of several",
        "no predicted speaker",
        "no gold source",
        "neither",
    ],
)
def test_source_mention_agrees_when_spans_overlap(
    speaker_span: tuple[int, int] | None, source_spans: tuple[tuple[int, int], ...], same: bool
) -> None:
    gold = GoldQuote(((0, 100),), source_spans=source_spans)

    found = compare_quotes([PredictedQuote(0, 100, speaker_span=speaker_span)], [gold])

    assert found.pairs[0].same_source is same
    assert found.scores.source_accuracy == (1.0 if same else 0.0)


def test_predicted_quote_reads_offsets_and_speaker_of_a_record() -> None:
    quote = Quote(
        text="x",
        start=3,
        end=9,
        kind="direct",
        speaker_mention="il",
        speaker_start=12,
        speaker_end=14,
        speaker="Jens Stoltenberg",
    )

    assert PredictedQuote.of(quote) == PredictedQuote(3, 9, "Jens Stoltenberg", (12, 14))
    assert PredictedQuote.of(Quote(text="x", start=0, end=1, kind="direct")).speaker_span is None


# --- optional gold quotes -------------------------------------------------------------------


def test_optional_gold_quote_missed_is_no_error() -> None:
    gold = [HUNDRED, GoldQuote(((200, 300),), optional=True)]
    scores = compare_quotes([PredictedQuote(0, 100, "Jens Stoltenberg")], gold).scores
    assert (scores.gold, scores.predicted, scores.matched) == (1, 1, 1)
    assert scores.recall == 1.0


def test_prediction_matching_an_optional_gold_quote_is_no_false_positive() -> None:
    gold = [HUNDRED, GoldQuote(((200, 300),), optional=True)]
    found = compare_quotes([PredictedQuote(0, 100), PredictedQuote(200, 300)], gold)
    assert found.spurious == () and found.missed == ()
    assert (found.scores.gold, found.scores.predicted, found.scores.precision) == (1, 1, 1.0)


def test_required_gold_quotes_are_paired_before_optional_ones() -> None:
    # The prediction covers the optional quote better, but the required one still gets it.
    gold = [GoldQuote(((0, 100),)), GoldQuote(((40, 60),), optional=True)]
    found = compare_quotes([PredictedQuote(40, 100)], gold)
    assert [(p.gold, p.predicted) for p in found.pairs] == [(0, 0)]


def test_one_optional_gold_quote_excuses_one_prediction_only() -> None:
    gold = [GoldQuote(((0, 100),), optional=True)]
    found = compare_quotes([PredictedQuote(0, 100), PredictedQuote(0, 90)], gold)
    assert found.spurious == (1,)
